"""Every document kind for a 1,000-task ledger, next to bare reportlab setting the same story in one
process: the ledger read and the story built the same way, then our typesetting (our own line
breaking, 禁则, the 28-character grid, kept endings) against reportlab's Paragraph (its CJK wrap) and
Table with the same fonts, sizes and column widths. Plus the original comparison: the quarterly
supervision sheets for every department against a bare reportlab table of the same rows.

Target (issues 4, 11 and 24): ours within 1.5x of bare reportlab for every kind.
Run: .venv/bin/python bench/bench_reports.py [TASKS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]

from ledger_gen import make_ledger  # noqa: E402
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT  # noqa: E402
from reportlab.lib.pagesizes import A4, landscape  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.platypus import (  # noqa: E402
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Table,
    TableStyle,
)

from ledger_app import operations  # noqa: E402
from ledger_app.documents import build  # noqa: E402
from ledger_app.documents.annual import Cover  # noqa: E402
from ledger_app.documents.endings import AtBottom, Ending, Signature  # noqa: E402
from ledger_app.documents.fonts import register_fonts  # noqa: E402
from ledger_app.documents.options import ReportOptions  # noqa: E402
from ledger_app.documents.page import MARGINS, SIZES, Group  # noqa: E402
from ledger_app.documents.text import Text  # noqa: E402
from ledger_app.operations.issuing import build_report  # noqa: E402
from ledger_app.tasks.queries import TaskQuery, list_tasks  # noqa: E402

AS_OF = date(2017, 10, 15)
KIND_OPTIONS = {
    "quarterly-sheet": {"quarter": 3}, "bulletin": {"quarter": 3}, "annual": {}, "notice": {"task_code": None},
    "ledger": {}, "assessment": {}, "closure": {"quarter": 3},
}


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


# ----- every kind: our typesetting against reportlab's on the same story ----------------------------
ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}


def _paragraph(text: str, style) -> Paragraph:  # noqa: ANN001
    return Paragraph(escape(text).replace("\n", "<br/>"), ParagraphStyle(
        "p", fontName=style.font, fontSize=style.size, leading=style.leading, firstLineIndent=style.indent,
        alignment=ALIGN[style.align], textColor=style.color, wordWrap="CJK", spaceBefore=style.space_before,
        spaceAfter=style.space_after))


def plain(flowable: object) -> list[Flowable]:
    """Our flowables as reportlab's own: Text → Paragraph, our tables → Table of Paragraphs."""
    if isinstance(flowable, str):
        return [Paragraph(escape(flowable))]
    if isinstance(flowable, list):
        return [p for f in flowable for p in plain(f)]
    if isinstance(flowable, Text):
        return [_paragraph(flowable.text, flowable.style)]
    if isinstance(flowable, Ending):
        return plain(flowable._parts())
    if isinstance(flowable, Cover):
        return plain([f for part in flowable.parts for f in part])
    if isinstance(flowable, AtBottom):
        return plain(flowable.content)
    if isinstance(flowable, KeepTogether):
        return [KeepTogether(plain(flowable._content))]
    if isinstance(flowable, Signature):
        return [_paragraph(flowable.org, flowable.style.but(align="right", indent=0.0)),
                _paragraph(flowable.when, flowable.style.but(align="right", indent=0.0))]
    if isinstance(flowable, Group):
        return []
    if isinstance(flowable, Table):
        data = [[plain(cell) for cell in row] for row in flowable._cellvalues]
        table = Table(data, colWidths=flowable._argW, repeatRows=flowable.repeatRows, splitByRow=1)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        return [table]
    return [flowable]


def bare_write(path: Path, spec, story, cancelled=None) -> int:  # noqa: ANN001
    """write_pdf's work done by reportlab alone: the same page geometry, reportlab's own paragraphs."""
    templates = []
    for name in (spec.first, *(n for n in SIZES if n != spec.first)):
        width, height = SIZES[name]
        top, right, bottom, left = MARGINS[name]
        templates.append(PageTemplate(id=name, pagesize=(width, height), frames=[Frame(
            left, bottom, width - left - right, height - top - bottom, leftPadding=0, rightPadding=0, topPadding=0,
            bottomPadding=0)]))
    doc = BaseDocTemplate(str(path), pagesize=templates[0].pagesize, pageTemplates=templates,
                          initialFontName=register_fonts().song)
    doc.build(plain(story))
    return doc.page


def kind_options(engine, kind: str) -> ReportOptions:  # noqa: ANN001
    kw = dict(KIND_OPTIONS[kind])
    if kind == "notice":  # the first task overdue as of the date
        views = list_tasks(engine, TaskQuery(as_of=AS_OF))
        kw["task_code"] = next(v.code for v in views if v.light == "red" and v.status == "推进中")
    return ReportOptions(kind, 2017, as_of=AS_OF, record=False, **kw)


def both(engine, kind: str, folder: Path) -> tuple[float, float, int]:  # noqa: ANN001
    options = kind_options(engine, kind)
    ours_times, bare_times = [], []
    pages = 0
    for _ in range(3):
        start = time.perf_counter()
        pages = build.preview(engine, options, folder / f"{kind}.pdf").pages
        ours_times.append(time.perf_counter() - start)
        original = build.write_pdf
        build.write_pdf = bare_write
        try:
            start = time.perf_counter()
            build.preview(engine, options, folder / f"{kind}-bare.pdf")
            bare_times.append(time.perf_counter() - start)
        finally:
            build.write_pdf = original
    return statistics.median(ours_times), statistics.median(bare_times), pages


def claims_for(engine, folder: Path, count: int = 20) -> None:  # noqa: ANN001
    """``count`` tasks claimed finished in Q3 with a small PDF each: the 销号审批表 has forms to print."""
    from ledger_app.evidence.claims import ClaimInput
    from ledger_app.operations import closure

    pdf = folder / "验收意见.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>"
                    b"endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n"
                    b"%%EOF\n")
    views = [v for v in list_tasks(engine, TaskQuery(as_of=AS_OF)) if v.status != "已完成"][:count]
    for v in views:
        closure.claim_finished(engine, v.id, ClaimInput(date(2017, 9, 10), "已完成并通过验收"), [pdf], user="bench")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ledger = make_ledger(folder / "r.db", n)
        operations.set_setting(ledger.engine, "org.name", "常州经开区改革创新工作领导小组办公室")
        register_fonts()
        claims_for(ledger.engine, folder)
        ours(ledger.engine, folder / "warm.pdf")
        b = [timed(bare, ledger.engine, folder / "bare.pdf") for _ in range(3)]
        o = [timed(ours, ledger.engine, folder / "ours.pdf") for _ in range(3)]
        size = (folder / "ours.pdf").stat().st_size
        per_kind = {kind: both(ledger.engine, kind, folder) for kind in KIND_OPTIONS}
        ledger.close()
    bt, ot = statistics.median(t for t, _ in b), statistics.median(t for t, _ in o)
    print(f"tasks: {n}")
    print(f"bare reportlab table:            {bt * 1000:8.1f} ms, {b[0][1]} pages")
    print(f"quarterly sheets, all depts:     {ot * 1000:8.1f} ms, {o[0][1]} pages, {size / 1024:.0f} KiB")
    print(f"ratio ours / bare:               {ot / bt:8.2f}x   (target <= 1.50x)")
    from ratios import ratio

    ratio(f"reports {n:,} tasks / bare reportlab", ot / bt, 1.5)
    print("\nevery kind, the same story (median of 3): ours vs bare reportlab")
    for kind, (mine, theirs, pages) in per_kind.items():
        print(f"  {kind:16s} {pages:4d} pages  {mine * 1000:8.1f} ms  vs {theirs * 1000:8.1f} ms  "
              f"{mine / theirs:5.2f}x  {'met' if mine / theirs <= 1.5 else 'NOT met'}")
        ratio(f"reports, {kind} / bare reportlab", mine / theirs, 1.5)


def timed(fn, *args) -> tuple[float, int]:  # noqa: ANN001
    start = time.perf_counter()
    pages = fn(*args)
    return time.perf_counter() - start, pages


if __name__ == "__main__":
    main()
