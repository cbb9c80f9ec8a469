"""Import of a 5,000-row task table vs a bare openpyxl read-only pass over the same file.

Target: ratio ≤ 1.0 (our whole import — read, parse, validate, write to SQLite in one
transaction — costs no more than openpyxl merely reading the cells).
Run: .venv/bin/python bench/bench_import.py [ROWS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from openpyxl import Workbook, load_workbook  # noqa: E402

from ledger_app.exchange.importing.apply import import_file  # noqa: E402
from ledger_app.store.opening import open_ledger  # noqa: E402

HEADER = ["序号", "改革领域", "改革项目", "具体改革内容", "项目类别", "牵头部门", "配合部门", "责任领导", "完成时限",
          "一季度", "二季度", "三季度", "四季度"]
DEPTS = ["行政审批局", "财政局", "经济发展局", "科技局", "招商局", "规划建设局", "环保局", "社会事业局", "组织人事部"]
DEADLINES = ["2017年6月底", "2017年第三季度", "2017.12", "2017年12月31日", "持续推进", "2017年上半年", "2017年底前"]


def make_table(path: Path, rows: int) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["常州经开区2017年改革创新目标任务表"])
    ws.append(HEADER)
    for i in range(1, rows + 1):
        ws.append([i, f"{'一二三四五'[i % 5]}、改革领域{i % 5}", f"改革项目{i // 3}",
                   f"具体改革内容第{i}项：推进相对集中行政许可权试点改革，建立权力清单、责任清单、负面清单",
                   "重点改革项目" if i % 2 else "专项改革项目", DEPTS[i % len(DEPTS)],
                   f"{DEPTS[(i + 1) % len(DEPTS)]}、{DEPTS[(i + 2) % len(DEPTS)]}", "张建国",
                   DEADLINES[i % len(DEADLINES)], "启动调研", "制定方案", "组织实施", "总结验收"])
    wb.save(path)


def bare_openpyxl(path: Path) -> int:
    wb = load_workbook(path, read_only=True, data_only=True)
    cells = sum(1 for row in wb.active.iter_rows(values_only=True) for _ in row)
    wb.close()
    return cells


def ours(path: Path, workdir: Path, n: int) -> int:
    ledger = open_ledger(str(workdir / f"bench{n}.db"))
    result = import_file(ledger.engine, path)
    ledger.close()
    return result.added


def timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        path = workdir / "tasks.xlsx"
        make_table(path, rows)
        assert ours(path, workdir, -1) == rows  # warm-up and correctness
        bare = [timed(bare_openpyxl, path) for _ in range(3)]
        mine = [timed(ours, path, workdir, n) for n in range(3)]
    b, m = statistics.median(bare), statistics.median(mine)
    print(f"rows: {rows}")
    print(f"bare openpyxl read-only pass: {b * 1000:8.1f} ms (median of 3)")
    print(f"task-ledger import (new db):  {m * 1000:8.1f} ms (median of 3)")
    print(f"ratio import / bare read:     {m / b:8.2f}x   (target <= 1.00x)")
    from ratios import ratio

    ratio(f"import {rows:,} rows / bare openpyxl read", m / b, 1.0)


if __name__ == "__main__":
    main()
