"""年度考核结果 as a workbook: the ranking, every line of every department's score, and the method."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from ledger_app.assessment.scoring import Result
from ledger_app.exchange.cells import header, put, title
from ledger_app.messages.i18n import EN, Message
from ledger_app.system.files import save_to

RANKING = ["名次", "单位", "得分", "按期完成", "逾期完成", "到期未完成", "通报批评", "限期整改", "问责", "进展迟报",
           "进展未报", "并列"]
UNRANKED = ["单位", "不参与排名的原因"]
DETAIL = ["单位", "编号", "改革任务", "考核规则", "分值"]
BOLD = Font(bold=True)


HEADING = "{year}年度改革任务考核结果（截至{as_of}）"
EN[HEADING] = "Assessment of {year}'s reform tasks (as of {as_of})"


def write_assessment(result: Result, path: Path) -> Path:
    """Write the assessment to ``path`` (replaced only once complete)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "考核结果"
    heading = Message(HEADING, year=result.year, as_of=result.as_of.isoformat())
    title(ws, heading, len(RANKING))
    header(ws, 2, RANKING, [6, 18, 9, 9, 9, 10, 9, 9, 7, 9, 9, 6])
    for row, dept in enumerate(result.departments, start=3):
        values = [dept.rank, dept.dept, float(dept.total), dept.count("on_time"), dept.count("late"),
                  dept.count("not_done"), dept.count("criticism"), dept.count("rectify"), dept.count("accountability"),
                  dept.count("report_late"), dept.count("report_missing"), "并列" if dept.tied else ""]
        for column, value in enumerate(values, start=1):
            put(ws, row, column, value, wrap=False)
    ws.auto_filter.ref = f"A2:L{max(2, len(result.departments) + 2)}"

    unranked = wb.create_sheet("不参与排名")
    title(unranked, heading, len(UNRANKED))
    header(unranked, 2, UNRANKED, [24, 60])
    for row, unit in enumerate([*result.unranked, *result.others], start=3):
        put(unranked, row, 1, unit.dept)
        put(unranked, row, 2, unit.reason)

    detail = wb.create_sheet("得分明细")
    title(detail, heading, len(DETAIL))
    header(detail, 2, DETAIL, [18, 7, 50, 46, 8])
    row = 3
    for dept in result.departments:
        for line in dept.lines:
            for column, value in enumerate([dept.dept, line.code, line.task, line.rule, float(line.points)], start=1):
                put(detail, row, column, value)
            row += 1
        for column, value in enumerate([dept.dept, "", "合计", "", float(dept.total)], start=1):
            put(detail, row, column, value).font = BOLD
        row += 1

    method = wb.create_sheet("考核办法")
    title(method, "督查考核办法", 1)
    method.column_dimensions["A"].width = 100
    for row, text in enumerate(result.method.summary(), start=2):
        put(method, row, 1, text)
    save_to(path, wb.save)
    return path
