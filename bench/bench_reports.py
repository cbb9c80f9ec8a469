"""Quarterly supervision sheets for every department of a 1,000-task ledger, next to a bare
reportlab table of the same rows with the same font, in one process.

Target (issues 4 and 11): ours within 1.5x of the bare table.
Run: .venv/bin/python bench/bench_reports.py [TASKS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]

from ledger_gen import make_ledger  # noqa: E402
from reportlab.lib.pagesizes import A4, landscape  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle  # noqa: E402

from ledger_app import operations  # noqa: E402
from ledger_app.documents.fonts import register_fonts  # noqa: E402
from ledger_app.documents.options import ReportOptions  # noqa: E402
from ledger_app.operations.issuing import build_report  # noqa: E402
from ledger_app.tasks.queries import TaskQuery, list_tasks  # noqa: E402

AS_OF = date(2017, 10, 15)


def bare(engine, out: Path) -> int:  # noqa: ANN001
    """The same rows and columns, one wrapped-paragraph table, no furniture: reportlab alone."""
    fonts = register_fonts()
    style = ParagraphStyle("c", fontName=fonts.table, fontSize=10, leading=13.5, wordWrap="CJK")
    views = list_tasks(engine, TaskQuery(as_of=AS_OF))
    data = [[Paragraph(h, style) for h in ("编号", "督办事项", "配合单位", "责任领导", "完成时限", "本季度节点目标",
                                            "上季度进展", "本季度进展情况", "存在问题", "下步打算")]]
    for v in views:
        data.append([Paragraph(x, style) for x in (v.code, f"{v.title}：{v.content}", "、".join(v.co_depts), v.leader,
                                                   v.deadline_text, v.milestones[2], "未报送", "", "", "")])
    width = landscape(A4)[0] - 80
    shares = [0.04, 0.21, 0.09, 0.06, 0.08, 0.11, 0.12, 0.11, 0.09, 0.09]
    table = Table(data, colWidths=[width * s for s in shares], repeatRows=1,
                  rowHeights=[None] + [style.leading * 4 + 6] * len(views))
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, "black")]))
    doc = SimpleDocTemplate(str(out), pagesize=landscape(A4))
    doc.build([table])
    return doc.page


def ours(engine, out: Path) -> int:  # noqa: ANN001
    options = ReportOptions("quarterly-sheet", 2017, 3, AS_OF, record=False)
    return build_report(engine, options, out, user="bench").pages


def timed(fn, *args) -> tuple[float, int]:  # noqa: ANN001
    start = time.perf_counter()
    pages = fn(*args)
    return time.perf_counter() - start, pages


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        ledger = make_ledger(Path(tmp) / "r.db", n)
        operations.set_setting(ledger.engine, "org.name", "常州经开区改革创新工作领导小组办公室")
        register_fonts()
        ours(ledger.engine, Path(tmp) / "warm.pdf")
        b = [timed(bare, ledger.engine, Path(tmp) / "bare.pdf") for _ in range(3)]
        o = [timed(ours, ledger.engine, Path(tmp) / "ours.pdf") for _ in range(3)]
        size = (Path(tmp) / "ours.pdf").stat().st_size
        ledger.close()
    bt, ot = statistics.median(t for t, _ in b), statistics.median(t for t, _ in o)
    print(f"tasks: {n}")
    print(f"bare reportlab table:            {bt * 1000:8.1f} ms, {b[0][1]} pages")
    print(f"quarterly sheets, all depts:     {ot * 1000:8.1f} ms, {o[0][1]} pages, {size / 1024:.0f} KiB")
    print(f"ratio ours / bare:               {ot / bt:8.2f}x   (target <= 1.50x)")
    from ratios import ratio

    ratio(f"reports {n:,} tasks / bare reportlab", ot / bt, 1.5)


if __name__ == "__main__":
    main()
