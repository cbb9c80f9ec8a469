"""Peak memory of importing the biggest sheet the import accepts, next to the raw readers reading the
same file, each a process of its own (peak resident memory, as the system counts it):

- our import: ``python main.py import FILE --db NEW`` (read, check, parse, write to SQLite);
- bare calamine: the sheet as Python lists (``to_python``), what the import's reader is;
- bare openpyxl: a read-only pass over every cell (streams; about twenty times slower);
- the interpreter with the import's modules loaded, for scale.

The sheet: bench_import's task table (13 columns) at the row limit (archive.MAX_SHEET_ROWS rows with
its title and header), written as raw sheet XML; then the same with one row more, which is refused.
Target: our import ≤ 400 MB.
Run: .venv/bin/python bench/bench_import_memory.py [ROWS] [--no-openpyxl]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from bench_import import DEADLINES, DEPTS, HEADER  # noqa: E402

from ledger_app.exchange.importing.archive import MAX_SHEET_ROWS  # noqa: E402
from tests.rows_book import write_sheet  # noqa: E402

TITLE = "常州经开区2017年改革创新目标任务表"
TARGET_MB = 400


def rows(tasks: int):  # noqa: ANN201 - a generator of rows
    yield [TITLE]
    yield HEADER
    for i in range(1, tasks + 1):
        yield [i, f"{'一二三四五'[i % 5]}、改革领域{i % 5}", f"改革项目{i // 3}",
               f"具体改革内容第{i}项：推进相对集中行政许可权试点改革，建立权力清单、责任清单、负面清单",
               "重点改革项目" if i % 2 else "专项改革项目", DEPTS[i % len(DEPTS)],
               f"{DEPTS[(i + 1) % len(DEPTS)]}、{DEPTS[(i + 2) % len(DEPTS)]}", "张建国",
               DEADLINES[i % len(DEADLINES)], "启动调研", "制定方案", "组织实施", "总结验收"]


def peak(args: list[str], home: Path) -> tuple[float, float, int]:
    """(peak MB, seconds, exit status) of one process."""
    env = {**os.environ, "TASK_LEDGER_HOME": str(home)}
    start = time.perf_counter()
    pid = os.posix_spawn(args[0], args, env, file_actions=[(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
                                                          (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)])
    _pid, status, usage = os.wait4(pid, 0)
    return usage.ru_maxrss / 1024, time.perf_counter() - start, os.waitstatus_to_exitcode(status)


def main() -> None:
    total = int(next((a for a in sys.argv[1:] if a.isdigit()), MAX_SHEET_ROWS))
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        book = write_sheet(work / "tasks.xlsx", rows(total - 2))
        over = write_sheet(work / "over.xlsx", rows(total - 1))
        with zipfile.ZipFile(book) as archive:
            unpacked = archive.getinfo("xl/worksheets/sheet1.xml").file_size
        print(f"sheet: {total:,} rows ({total - 2:,} tasks, 13 columns), {book.stat().st_size / 2**20:.1f} MB, "
              f"{unpacked / 2**20:.0f} MB unpacked; the row limit is {MAX_SHEET_ROWS:,}")
        runs = {
            "interpreter + import modules": [python, "-c", "import ledger_app.cli.main, ledger_app.exchange.importing"],
            "bare calamine (to_python)": [python, "-c", "from python_calamine import CalamineWorkbook as W\n"
                                          f"W.from_path({str(book)!r}).get_sheet_by_name('任务表')"
                                          ".to_python(skip_empty_area=False)"],
            "bare openpyxl (read-only pass)": [python, "-c", "from openpyxl import load_workbook\n"
                                               f"wb = load_workbook({str(book)!r}, read_only=True, data_only=True)\n"
                                               "for row in wb.active.iter_rows(values_only=True): pass"],
            "our import": [python, str(ROOT / "main.py"), "import", str(book), "--db", str(work / "l.db")],
            "our import, one row more": [python, str(ROOT / "main.py"), "import", str(over), "--db",
                                         str(work / "over.db")],
        }
        if "--no-openpyxl" in sys.argv:
            del runs["bare openpyxl (read-only pass)"]
        figures = {name: peak(args, work) for name, args in runs.items()}
    for name, (mb, seconds, status) in figures.items():
        print(f"{name:32s} peak {mb:7.0f} MB  {seconds:6.1f} s" + (f"  (exit {status})" if status else ""))
    ours, calamine = figures["our import"][0], figures["bare calamine (to_python)"][0]
    print(f"our import / bare calamine:      {ours / calamine:7.2f}x")
    print(f"our import vs target:            {ours:7.0f} MB  (target <= {TARGET_MB} MB)")
    from ratios import ratio

    ratio("import memory, peak", ours, TARGET_MB, "MB")
    refused = figures["our import, one row more"]
    print(f"one row more: refused (exit {refused[2]}) in {refused[1]:.1f} s at {refused[0]:.0f} MB")


if __name__ == "__main__":
    main()
