"""改革任务台账. No subcommand: the desktop app. A subcommand: the command line (no Qt)."""

import sys

# The window's own options and Qt's options that take a value ("-platform offscreen"): any
# other word on the command line is a subcommand, and a mistyped one is the command line's to
# refuse, never a reason to open the window.
_WINDOW_OPTIONS = {"--db", "--lang"}
_QT_OPTIONS_WITH_VALUE = {"-platform", "-platformpluginpath", "-platformtheme", "-plugin", "-qmljsdebugger",
                          "-style", "-stylesheet", "-session", "-display", "-geometry", "-title", "-name",
                          "-qwindowgeometry", "-qwindowtitle", "-qwindowicon", "-screen"}


def wants_command_line(argv: list[str]) -> bool:
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in ("-h", "--help"):
            return True
        elif arg in _WINDOW_OPTIONS or arg in _QT_OPTIONS_WITH_VALUE:
            skip = True
        elif not arg.startswith("-"):
            return True
    return False


def main() -> int:
    from ledger_app.system.running import hold_running_mutex

    hold_running_mutex()  # the installer waits for every window and command to end
    argv = sys.argv[1:]
    if wants_command_line(argv):
        from ledger_app.cli.main import main as cli_main

        return cli_main(argv)
    from ui.app import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
