#!/usr/bin/env python3
"""Run the benches and end with ONE table of their figures against their goals (`make bench`).

Each bench prints, per figure it has a goal for, a line ``RATIO<TAB>name<TAB>value<TAB>goal<TAB>unit``
(bench/ratios.py); this collects them. A figure above its goal is marked **short**; a bench that
fails is listed as failed. The table (Markdown, with the date, the machine and its load) is printed
and kept in bench/output/last-table.md for docs/benchmarks.md.

    tools/bench_table.py run [bench/bench_x.py ...]    run them (all bench/bench_*.py unless named)
    tools/bench_table.py table LOG... [--before LOG...] the table of saved runs' output (and a before column)

BENCH_SKIP="evidence scale" leaves benches out by name (bench_evidence writes 2 GB; bench_scale starts
a PostgreSQL cluster).
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "bench" / "output"
PREFIX = "RATIO\t"


def parse(text: str) -> dict[str, tuple[float, float, str]]:
    """name → (value, goal, unit) of every RATIO line in ``text`` (the last one of a name wins)."""
    found = {}
    for line in text.splitlines():
        if line.startswith(PREFIX):
            _, name, value, goal, unit = line.rstrip("\n").split("\t")
            name = " ".join(name.split())
            found[name] = (float(value), float(goal), unit)
    return found


def _fmt(value: float, unit: str) -> str:
    if value == float("inf"):
        return "—"
    if unit == "x":
        return f"{value:.2f}×"
    return f"{value:,.0f} {unit}" if value >= 10 else f"{value:.2f} {unit}"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        names = [line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                 if line.startswith("model name")]
        cpu = names[0] if names else cpu
    except OSError:
        pass
    return f"{platform.node()}, {os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}, " \
           f"Python {platform.python_version()}"


def load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def table(results: dict[str, tuple[float, float, str]], failed: list[str], before: dict | None = None,
          header: str = "") -> str:
    lines = [header] if header else []
    cols = ["figure", *(["before"] if before is not None else []), "now", "goal", ""]
    lines += ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for name, (value, goal, unit) in results.items():
        met = value <= goal
        row = [name]
        if before is not None:
            row.append(_fmt(before[name][0], before[name][2]) if name in before else "")
        row += [_fmt(value, unit), f"≤ {_fmt(goal, unit)}", "met" if met else "**short**"]
        lines.append("| " + " | ".join(row) + " |")
    for name in failed:
        lines.append(f"| {name} | " + " | ".join([""] * (len(cols) - 3)) + " failed | | **failed** |")
    short = sum(1 for v, g, _ in results.values() if v > g)
    lines.append("")
    lines.append(f"{len(results)} figures: {len(results) - short} within their goals, {short} short"
                 + (f"; {len(failed)} bench(es) failed" if failed else "") + ".")
    return "\n".join(lines)


def run(benches: list[Path]) -> int:
    skip = set(os.environ.get("BENCH_SKIP", "").split())
    results: dict[str, tuple[float, float, str]] = {}
    failed: list[str] = []
    started, load_before = datetime.now(UTC), load()
    OUTPUT.mkdir(parents=True, exist_ok=True)
    log = OUTPUT / "last-run.log"
    with log.open("w", encoding="utf-8") as out:
        for bench in benches:
            name = bench.stem.removeprefix("bench_")
            if name in skip:
                print(f"=== {bench.name}: skipped (BENCH_SKIP)", flush=True)
                continue
            print(f"=== {bench.name}", flush=True)
            out.write(f"=== {bench.name}\n")
            start = time.perf_counter()
            proc = subprocess.Popen([sys.executable, str(bench)], cwd=ROOT, stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, text=True, env={**os.environ,
                                                                              "QT_QPA_PLATFORM": "offscreen"})
            text = []
            for line in proc.stdout:
                sys.stdout.write(line)
                out.write(line)
                text.append(line)
            code = proc.wait()
            found = parse("".join(text))
            results.update(found)
            # A bench may exit 1 because a figure is short (said in the table already); it failed only when
            # that is not why.
            if code and all(value <= goal for value, goal, _ in found.values()):
                failed.append(f"{bench.name} (exit {code})")
            print(f"    ({bench.name}: {time.perf_counter() - start:.0f} s)", flush=True)
    header = (f"Benchmarks of {started:%Y-%m-%d %H:%M} UTC on {machine()}; load average before "
              f"{load_before}, after {load()}.\n")
    text = table(results, failed, header=header)
    (OUTPUT / "last-table.md").write_text(text + "\n", encoding="utf-8")
    print("\n" + text)
    return 1 if failed else 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["run"]:
        named = [Path(a) for a in argv[1:]]
        return run(named or sorted((ROOT / "bench").glob("bench_*.py")))
    if argv[:1] == ["table"] and len(argv) >= 2:
        split = argv.index("--before") if "--before" in argv else len(argv)

        def read(logs: list[str]) -> dict[str, tuple[float, float, str]]:
            return {k: v for log in logs for k, v in parse(Path(log).read_text(encoding="utf-8")).items()}

        print(table(read(argv[1:split]), [], read(argv[split + 1:]) if split < len(argv) else None))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
