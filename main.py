"""改革任务台账. No subcommand: the desktop app. A subcommand: the command line (no Qt)."""

import os
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
    if no_display():
        from ledger_app.messages.i18n import EN, t

        EN[NO_DISPLAY] = ("no display (neither DISPLAY nor WAYLAND_DISPLAY is set): the desktop program cannot open "
                          "a window. Run it on a graphical desktop; on a machine without a screen use the command line "
                          "(task-ledger --help), or set QT_QPA_PLATFORM=offscreen")
        print(t(NO_DISPLAY), file=sys.stderr)
        return 2
    from ui.app import run

    return run(argv)


NO_DISPLAY = ("没有可用的显示器（DISPLAY 和 WAYLAND_DISPLAY 都未设置），桌面程序无法打开窗口。请在图形桌面中运行；"
              "没有显示器的机器上请用命令行（task-ledger --help），或设置 QT_QPA_PLATFORM=offscreen")


def no_display() -> bool:
    """A Linux session without a screen: Qt would abort with its own English message."""
    return sys.platform.startswith("linux") and not any(
        os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


if __name__ == "__main__":
    # A process of the program's own (ledger_app/system/elsewhere.py) started from the frozen program
    # runs its work here and ends; anything else goes on as the program. freeze_support does nothing
    # unless frozen, and importing multiprocessing costs every command about 10 ms: only then.
    if getattr(sys, "frozen", False):
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
