"""The 季度进展 and 督办记录 sheets of an exported ledger, read back on import so that an
export → import round trip loses nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Connection, select

from ledger_app.exchange.importing.parse import cell_text
from ledger_app.exchange.importing.workbook import Workbook
from ledger_app.messages.errors import Problem
from ledger_app.store.enums import SupervisionKind
from ledger_app.store.limits import MAX_YEAR, MIN_YEAR, too_long_for_a_cell

PROGRESS_INPUT = ("percent", "done", "problems", "next_steps", "reporter", "report_date", "effective_on")
PROGRESS_SHEET = "季度进展"
PROGRESS_HEADER = ["序号", "年度", "季度", "完成百分比", "完成情况", "存在问题", "下步打算", "填报人", "填报日期"]
# Written after the columns above; a ledger exported before 业务日期 existed has none (the quarter's end).
PROGRESS_EFFECTIVE = "业务日期"
SUPERVISION_SHEET = "督办记录"
SUPERVISION_HEADER = ["序号", "督办类型", "督办编号", "督办日期", "督办内容", "整改期限", "办理结果", "是否办结"]
_KINDS = {k.value for k in SupervisionKind}


@dataclass
class History:
    progress: list[dict[str, object]] = field(default_factory=list)
    supervision: list[dict[str, object]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    return date.fromisoformat(text) if text else None


def _rows(workbook: Workbook, name: str, header: list[str], history: History, optional: str = ""):  # noqa: ANN202
    """The rows under ``header`` (and, if the sheet has it next, the ``optional`` column)."""
    if name not in workbook.sheet_names:
        return
    sheet = workbook.sheet(name)
    for index, row in enumerate(sheet.rows):
        if [cell_text(v) for v in row[: len(header)]] == header:
            start = index + 1
            width = len(header) + (1 if optional and len(row) > len(header)
                                   and cell_text(row[len(header)]) == optional else 0)
            break
    else:
        return  # a sheet by that name that is not ours: leave it alone
    for index in range(start, len(sheet.rows)):
        row = (sheet.rows[index][:width] + [""] * (len(header) + 1))[: len(header) + 1]
        if any(cell_text(v) for v in row):
            yield index + 1, sheet.name, row


def read_history(workbook: Workbook) -> History:
    history = History()
    file = workbook.path.name
    for line, sheet, row in _rows(workbook, PROGRESS_SHEET, PROGRESS_HEADER, history, PROGRESS_EFFECTIVE):
        try:
            year, quarter, percent = int(float(row[1])), int(float(row[2])), int(float(row[3] or 0))
            if not (1 <= quarter <= 4 and 0 <= percent <= 100):
                raise ValueError
            if not MIN_YEAR <= year <= MAX_YEAR or any(too_long_for_a_cell(cell_text(v)) for v in row[4:8]):
                raise ValueError
            history.progress.append({"code": cell_text(row[0]), "year": year, "quarter": quarter,
                                     "percent": percent, "done": cell_text(row[4]), "problems": cell_text(row[5]),
                                     "next_steps": cell_text(row[6]), "reporter": cell_text(row[7]),
                                     "report_date": _date(row[8]), "effective_on": _date(row[9])})
        except (TypeError, ValueError):
            history.problems.append(Problem(file, "季度进展行无效（年度、季度 1–4、完成百分比 0–100）", {},
                                            sheet, line))
    for line, sheet, row in _rows(workbook, SUPERVISION_SHEET, SUPERVISION_HEADER, history):
        try:
            kind, when = cell_text(row[1]), _date(row[3])
            if kind not in _KINDS or when is None or any(too_long_for_a_cell(cell_text(v)) for v in row[2:7]):
                raise ValueError
            history.supervision.append({"code": cell_text(row[0]), "kind": kind, "doc_no": cell_text(row[2]),
                                        "action_date": when, "content": cell_text(row[4]),
                                        "rectify_deadline": _date(row[5]), "result": cell_text(row[6]),
                                        "closed": cell_text(row[7]) in ("是", "已办结", "1", "True")})
        except (TypeError, ValueError):
            history.problems.append(Problem(file, "督办记录行无效（督办类型、督办日期）", {}, sheet, line))
    return history


def write_history(conn: Connection, history: History, ids: dict[str, int], user: str) -> None:
    """Add the reports and actions that are not in the ledger yet (inside the import's transaction).

    Reports go through the one progress rule as history: the table gave the task's own percent and
    status, so they are not changed, but each task's version moves and the report is logged. A
    progress row with ``replace`` (the fields a task table's 进展情况 etc. columns give) also
    updates those fields of a report already recorded for its quarter."""
    # The ORM is loaded here, not with the module: an import without history does without it.
    from db.session import orm_session
    from ledger_app.records.progress import ProgressInput, quarter_report, write_progress
    from ledger_app.store.models import SupervisionAction, Task

    with orm_session(conn) as session:
        for row in history.progress:
            task_id = ids.get(row["code"])
            if task_id is None:
                continue
            existing = quarter_report(session, task_id, row["year"], row["quarter"])
            replace = row.get("replace") or ()
            if existing is not None and not any(getattr(existing, k) != row[k] for k in replace):
                continue  # already in the ledger as the table has it: a re-import adds nothing
            given = set(PROGRESS_INPUT) if existing is None else {*replace, "reporter", "report_date"}
            values = {k: row[k] if k in given else getattr(existing, k) for k in PROGRESS_INPUT}
            write_progress(session, session.get(Task, task_id),
                           ProgressInput(row["year"], row["quarter"], **values), user=user, source="导入",
                           task_fields=False)
        for row in history.supervision:
            task_id = ids.get(row["code"])
            if task_id is None:
                continue
            exists = session.execute(select(SupervisionAction.id).where(
                SupervisionAction.task_id == task_id, SupervisionAction.kind == row["kind"],
                SupervisionAction.action_date == row["action_date"], SupervisionAction.doc_no == row["doc_no"],
                SupervisionAction.content == row["content"])).first()
            if exists is None:
                values = {k: v for k, v in row.items() if k != "code"}
                session.add(SupervisionAction(task_id=task_id, **values))
        session.commit()  # the session's savepoint: the import's transaction commits it, or not
