"""改革任务台账. No subcommand: the desktop app. A subcommand: the command line (no Qt)."""

import sys


def main() -> int:
    from ledger_app.cli import COMMANDS
    from ledger_app.running import hold_running_mutex

    hold_running_mutex()  # the installer waits for every window and command to end

    argv = sys.argv[1:]
    if any(arg in COMMANDS or arg in ("-h", "--help") for arg in argv):
        from ledger_app.cli import main as cli_main

        return cli_main(argv)
    from ui.app import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
