"""Run a command against a throw-away PostgreSQL cluster on loopback.

    python tools/pg_cluster.py -- pytest -q

initdb's a cluster in a temporary folder (as the ``postgres`` user when we are
root, because PostgreSQL refuses to run as root), starts it on 127.0.0.1 on a
free port with trust authentication, exports ``TASK_LEDGER_TEST_PG`` (a server
URL whose database part the tests replace) and runs the command; the cluster is
stopped and deleted afterwards whatever the command's outcome.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ENV = "TASK_LEDGER_TEST_PG"


def _bin_dir() -> Path:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name))
    if not versions:
        sys.exit("PostgreSQL is not installed (Debian: apt-get install postgresql)")
    return Path(versions[-1])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_owner(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        # /usr/sbin is not on every root PATH (su without -, some CI runners).
        runuser = shutil.which("runuser") or "/usr/sbin/runuser"
        return [runuser, "-u", "postgres", "--", *cmd]
    return cmd


def main(argv: list[str]) -> int:
    if "--" in argv:
        argv = argv[argv.index("--") + 1:]
    if not argv:
        sys.exit(__doc__)
    bin_dir = _bin_dir()
    # A CI timeout or kill sends SIGTERM: exit through the finally below, which stops the server.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    root = Path(tempfile.mkdtemp(prefix="ledger-pg-"))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    port = _free_port()
    quiet = {"stdout": subprocess.DEVNULL}
    try:
        subprocess.run(_as_owner([str(bin_dir / "initdb"), "-D", str(data), "-U", "ledger", "-A", "trust",
                                  "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]), check=True, **quiet)
        # fsync off: the cluster is thrown away, and the suite runs twice as fast without it.
        opts = f"-h 127.0.0.1 -p {port} -k {root} -c fsync=off -c synchronous_commit=off -c max_connections=200"
        subprocess.run(_as_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", opts, "-l",
                                  str(root / "server.log"), "-w", "start"]), check=True, **quiet)
        env = {**os.environ, ENV: f"postgresql+psycopg://ledger@127.0.0.1:{port}/postgres"}
        print(f"PostgreSQL on 127.0.0.1:{port} ({bin_dir})", flush=True)
        started = time.perf_counter()
        code = subprocess.run(argv, env=env).returncode
        print(f"(command ran {time.perf_counter() - started:.0f} s against PostgreSQL)", flush=True)
        return code
    finally:
        subprocess.run(_as_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
