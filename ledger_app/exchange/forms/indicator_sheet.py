"""指标填报: the extra sheet of a department's fill-in form for the indicators it owns — the
indicator locked, the quarter's actual value and a note to fill in — and its hidden identity
(``_indicators``: which indicator on which row, at which version), read back on merge."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import Engine
from sqlmodel import Session

from ledger_app.dates.quarters import end_of_quarter
from ledger_app.exchange.cells import header, put
from ledger_app.exchange.forms.identity import LOCKED_CHANGED
from ledger_app.exchange.forms.signing import sign, signed
from ledger_app.exchange.importing.figures import read_figure
from ledger_app.exchange.importing.parse import cell_text
from ledger_app.exchange.importing.workbook import Workbook as ReadWorkbook
from ledger_app.indicators.measure import format_number
from ledger_app.indicators.recording import write_value
from ledger_app.indicators.store import IndicatorView, ValueInput, list_indicators
from ledger_app.messages.errors import ImportRejected, LedgerError, Problem
from ledger_app.messages.i18n import EN, Message, t
from ledger_app.store.models import Indicator

SHEET = "指标填报"
IDENTITY = "_indicators"
LOCKED = ["序号", "指标名称", "单位", "目标", "最新实际值"]
ANSWERS = ["本季度实际值", "说明"]
WIDTHS = [6, 30, 10, 22, 18, 14, 36]
HEADER_ROW = 4
IDENTITY_HEADER = ["row", "indicator_id", "version", "locked", "sig"]
FILL = PatternFill("solid", fgColor="FFF8DC")

DAMAGED = "隐藏的指标身份页已被改动，无法核对这份填报表，未合并；请在原样发出的填报表上填写"
CHANGED = "指标“{name}”在填报表发出后已被修改，本次合并未写入任何内容，请重新核对"
LINE_CLEARED = "隐藏的指标身份页中这一行（一项指标的身份）已被清空，未合并这份填报表；请在原样发出的填报表上填写"
VALUE_REFUSED = "本季度实际值（{cell}）：{problem}"
CODE = "指标{code}"  # how an indicator's answer is named beside the tasks' (their codes)
INDICATOR_GONE = "指标已不在台账中"
INDICATOR_CHANGED = "填报表发出后，台账中的这项指标已被修改"
NO_LINE = "这一行的指标（{name}）在隐藏的指标身份页中没有对应的行，未合并这份填报表；请在原样发出的填报表上填写"
EN.update({
    VALUE_REFUSED: "actual value ({cell}): {problem}",
    CODE: "indicator {code}",
    INDICATOR_GONE: "the indicator is no longer in the ledger",
    INDICATOR_CHANGED: "the indicator was changed in the ledger after the form was issued",
    LINE_CLEARED: "this line of the hidden indicator identity sheet (one indicator's identity) was cleared; the form "
                  "was not merged. Please fill in the form as it was issued",
    NO_LINE: "the indicator on this row ({name}) has no line in the hidden indicator identity sheet; the form was "
             "not merged. Please fill in the form as it was issued",
    DAMAGED: "the hidden indicator identity sheet was changed, so the form cannot be checked; not merged. Please "
             "fill in the form as it was issued",
    CHANGED: "the indicator '{name}' was changed after the form was issued; nothing was merged, please review again",
})


def owned(engine: Engine, dept: str, year: int, quarter: int, plan: str | None = None) -> list[IndicatorView]:
    return list_indicators(engine, end_of_quarter(year, quarter), plan=plan, dept=dept)


def owners(engine: Engine, plan: str | None = None) -> list[str]:
    """Departments that own an indicator (each gets the indicator sheet on its form)."""
    return list(dict.fromkeys(v.dept for v in list_indicators(engine, date.today(), plan=plan) if v.dept))


def _locked(view: IndicatorView) -> list[object]:
    latest = view.assessment.latest
    return [view.code, view.name, view.unit, view.target_text,
            f"{format_number(latest.value)}（{latest.label}）" if latest else ""]


def _sign_row(secret: bytes, form_id: str, line: int, indicator_id: int, version: int, row: int,
              locked: list[object]) -> list[object]:
    """One identity line, signed like the task lines of ledger_app/exchange/forms/identity.py: each locked
    cell, then each value of the line with its place, so no value can be moved or recomputed."""
    cells = " ".join(sign(secret, "indicator-cell", form_id, indicator_id, column, value)
                     for column, value in enumerate(locked, start=1))
    values = [row, indicator_id, version, cells]
    return [*values, " ".join(sign(secret, "indicator-id", form_id, line, name, value)
                              for name, value in zip(IDENTITY_HEADER, values, strict=False))]


def write(wb: Workbook, engine: Engine, dept: str, year: int, quarter: int, *, secret: bytes, form_id: str,
          plan: str | None = None) -> int:
    """Add the indicator sheet for ``dept`` to the form ``wb``; returns how many indicators it lists."""
    views = owned(engine, dept, year, quarter, plan)
    if not views:
        return 0
    ws = wb.create_sheet(SHEET)
    columns = len(LOCKED) + len(ANSWERS)
    for row, text in enumerate([f"{year}年第{quarter}季度主要指标填报表", f"填报单位：{dept}",
                                "填写说明：在浅黄色单元格填写本季度的实际值（数字，单位同左）和说明；其余各列已锁定。"],
                               start=1):
        cell = put(ws, row, 1, text, wrap=True)
        cell.font = Font(name="SimHei", bold=row == 1, size=14 if row == 1 else 10)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    header(ws, HEADER_ROW, LOCKED + ANSWERS, WIDTHS)
    number = DataValidation(type="decimal", operator="between", formula1="-1E+15", formula2="1E+15",
                            showErrorMessage=True, errorTitle="本季度实际值", error="请填写数字")
    ws.add_data_validation(number)
    identity = wb.create_sheet(IDENTITY)
    identity.append(IDENTITY_HEADER)
    for offset, view in enumerate(views):
        row = HEADER_ROW + 1 + offset
        locked = _locked(view)
        current = next((r for r in view.readings if (r.year, r.quarter) == (year, quarter)), None)
        for column, value in enumerate([*locked, current.value if current else None, ""], start=1):
            cell = put(ws, row, column, value)
            if column > len(LOCKED):
                cell.protection = Protection(locked=False)
                cell.fill = FILL
        number.add(ws.cell(row, len(LOCKED) + 1))
        identity.append(_sign_row(secret, form_id, identity.max_row + 1, view.id, view.version, row, locked))
    for cell in ws[HEADER_ROW]:
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    identity.sheet_state = "hidden"
    identity.protection.sheet = True
    return len(views)


@dataclass
class IndicatorAnswer:
    """A department's value for one indicator on a returned form (shown and merged like a task's answer)."""

    file: str
    dept: str
    form_id: str
    indicator_id: int
    code: str
    title: str
    year: int
    quarter: int
    value: float | None
    note: str
    version: int
    changes: dict[str, tuple[object, object]] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, int]:
        return (self.form_id, -self.indicator_id)

    @property
    def mergeable(self) -> bool:
        return bool(self.changes) and not self.conflicts


def _damaged(path: Path, row: int, column: int) -> ImportRejected:
    return ImportRejected([Problem(path.name, DAMAGED, {}, IDENTITY, row, column,
                                   IDENTITY_HEADER[min(column, len(IDENTITY_HEADER) - 1)])])


def _checked(path: Path, secret: bytes, form_id: str, index: int, row: list[object]) -> tuple[int, int, int]:
    """The form row, indicator id and version of identity line ``index``, every value's signature
    checked: an edited line refuses the whole form, naming the cell."""
    values = row[:4]
    macs = cell_text(row[4]).split()
    if len(macs) != len(values):
        raise _damaged(path, index, 4)
    for column, (name, value, mac) in enumerate(zip(IDENTITY_HEADER, values, macs, strict=False)):
        if not signed(secret, mac, "indicator-id", form_id, index, name, value):
            raise _damaged(path, index, column)
    try:
        return tuple(int(float(cell_text(v))) for v in values[:3])  # type: ignore[return-value]
    except ValueError:
        raise _damaged(path, index, 0) from None


def _changed_cell(secret: bytes, form_id: str, indicator_id: int, macs: list[str], locked: list[object]) -> int | None:
    if len(macs) != len(locked):
        return 1
    for column, (value, mac) in enumerate(zip(locked, macs, strict=True), start=1):
        if not signed(secret, mac, "indicator-cell", form_id, indicator_id, column, value):
            return column
    return None


def read(engine: Engine, workbook: ReadWorkbook, path: Path, head: dict[str, str], secret: bytes
         ) -> list[IndicatorAnswer]:
    """The indicator answers of a returned form (none when it has no indicator sheet)."""
    from ledger_app.messages.errors import column_letter

    if IDENTITY not in workbook.sheet_names or SHEET not in workbook.sheet_names:
        return []
    rows = [[*r, "", "", "", "", ""] for r in workbook.sheet(IDENTITY).rows]
    if not rows or [cell_text(v) for v in rows[0][:5]] != IDENTITY_HEADER:
        raise _damaged(path, 1, 0)
    sheet = workbook.sheet(SHEET).rows
    width = len(LOCKED) + len(ANSWERS)
    year, quarter, form_id = int(float(head["year"])), int(float(head["quarter"])), head["form_id"]
    current = {v.id: v for v in list_indicators(engine, end_of_quarter(year, quarter))}
    answers = []
    while len(rows) > 1 and not any(cell_text(v) for v in rows[-1][:5]):  # blank rows after the last line
        rows.pop()
    # Every indicator row of the sheet has its line, and no line is cleared or moved (the lines are
    # signed with their place, not their number: a cleared one would drop its answer unseen).
    for index in range(HEADER_ROW + len(rows) - 1, len(sheet)):
        if any(cell_text(v) for v in sheet[index][: len(LOCKED)]):
            raise ImportRejected([Problem(path.name, NO_LINE, {"name": cell_text(sheet[index][1])}, sheet=SHEET,
                                          row=index + 1)])
    for index, row in enumerate(rows[1:], start=2):
        if not any(cell_text(v) for v in row[:5]):
            raise ImportRejected([Problem(path.name, LINE_CLEARED, {}, IDENTITY, index)])
        at, indicator_id, version = _checked(path, secret, form_id, index, row)
        if at != HEADER_ROW + index - 1:
            raise _damaged(path, index, 0)
        cells = (sheet[at - 1] + [""] * width)[:width] if at - 1 < len(sheet) else [""] * width
        view = current.get(indicator_id)
        code = Message(CODE, code=cell_text(cells[0]))
        answer = IndicatorAnswer(path.name, head["dept"], form_id, indicator_id, code, cell_text(cells[1]), year,
                                 quarter, None, cell_text(cells[len(LOCKED) + 1]), version)
        if cell_text(cells[len(LOCKED)]):
            try:  # the rule of the indicator import: a number, or a number in the indicator's unit
                answer.value, _words = read_figure(cells[len(LOCKED)], view.unit if view else cell_text(cells[2]))
            except LedgerError as exc:
                answer.conflicts.append(t(VALUE_REFUSED, cell=f"{column_letter(len(LOCKED))}{at}", problem=str(exc)))
        if view is None:
            answer.conflicts.append(t(INDICATOR_GONE))
            answers.append(answer)
            continue
        answer.title = view.name
        changed = _changed_cell(secret, form_id, indicator_id, cell_text(row[3]).split(), cells[: len(LOCKED)])
        if changed is not None:
            cell = f"{column_letter(changed - 1)}{at}"
            answer.conflicts.append(t(LOCKED_CHANGED, cell=cell, header=LOCKED[changed - 1]))
        old = next((r.value for r in view.readings if (r.year, r.quarter) == (year, quarter)), None)
        if answer.value is not None and answer.value != old:
            answer.changes["value"] = (None if old is None else format_number(old), format_number(answer.value))
        if answer.changes and view.version != version and not answer.conflicts:
            answer.conflicts.append(t(INDICATOR_CHANGED))
        answers.append(answer)
    return answers


def apply(session: Session, answers: list[IndicatorAnswer], *, user: str) -> None:
    """Write accepted indicator answers inside the merge's transaction, rechecking each indicator's
    version there: one changed since the form was issued refuses the whole merge."""
    for answer in answers:
        indicator = session.get(Indicator, answer.indicator_id, with_for_update=True)
        if indicator is None or indicator.version != answer.version:
            raise LedgerError(CHANGED, name=answer.title)
        write_value(session, indicator, ValueInput(answer.year, answer.quarter, answer.value, answer.note,
                                                   reporter=answer.dept, report_date=date.today()),
                    user=user, source=answer.dept)
