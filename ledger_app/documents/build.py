"""What every document kind shares: reading the ledger for it (``prepare``), typesetting it with
given numbers (``typeset``), and a preview with the numbers already issued or a blank one
(督办〔2026〕　号) and a 样稿 stamp, which records nothing. Issuing (numbering and recording) is
``ledger_app.operations.issuing``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from reportlab.platypus.doctemplate import LayoutError
from sqlalchemy import Engine

from ledger_app.assessment import facts, scoring
from ledger_app.documents import annual, bulletin, closure, corrections, ledger_print, notice, quarterly_sheet
from ledger_app.documents import assessment as assessment_doc
from ledger_app.documents.fonts import uncovered
from ledger_app.documents.layout import keep_endings, styles
from ledger_app.documents.options import KINDS, NUMBERED, TITLES, Progress, ReportOptions
from ledger_app.documents.page import DocSpec, write_pdf
from ledger_app.documents.reissue import differences, refusal, registered_document, subject
from ledger_app.documents.words import cn_date
from ledger_app.indicators.store import list_indicators
from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN
from ledger_app.messages.labels import status_label
from ledger_app.periods import of_year, snapshot
from ledger_app.periods.as_of import ledger_as_of
from ledger_app.periods.tally import category
from ledger_app.records import numbering
from ledger_app.records.history import list_supervision
from ledger_app.store import settings
from ledger_app.store.limits import check_year, length_values, too_long_for_a_cell
from ledger_app.store.models import IssuedDocument, Status
from ledger_app.tasks.groups import rule_from
from ledger_app.tasks.lights import behind
from ledger_app.tasks.queries import TaskQuery, TaskView, find_task_id


@dataclass(frozen=True)
class ReportResult:
    path: Path
    pages: int
    title: str
    numbers: dict[str, str]  # department or task code (or "" for one document) → number
    issued: bool = False
    recorded: frozenset[int] = frozenset()  # tasks that got a supervision record
    reprinted: frozenset[str] = frozenset()  # labels whose document was issued before: a 重印, same text and date
    signed: date | None = None  # 成文日期 and 截至日期 the document was typeset with
    as_of: date | None = None
    original: bool = False  # a reprint that is the delivered PDF itself, byte for byte
    late: int = 0  # entries recorded since it was delivered, effective by its 截至日期, not in the original
    corrected: bool = False  # typeset with a closed quarter's 更正 entered since its close (the 更正说明)


@dataclass
class Prepared:
    """Everything read from the ledger before anything is written."""

    options: ReportOptions
    snap: snapshot.Snapshot
    title: str
    subjects: dict[str, str]  # label → subject key in the register
    existing: dict[str, IssuedDocument]  # subject → already issued
    signed: date
    quarters: dict[str, snapshot.Snapshot] = field(default_factory=dict)  # the annual report's time points
    issued: Counter = field(default_factory=Counter)  # documents of each kind issued in the year
    task: TaskView | None = None
    rectify_by: date | None = None
    indicators: list = field(default_factory=list)  # the plan's indicators judged as of the date (通报, 年度报告)
    result: object = None  # the assessment scored (考核结果)
    closure: closure.ClosureFacts | None = None  # 办结销号 of the period (通报, 年度报告, 督办单, 审批表)
    claims: list = field(default_factory=list)  # the claims whose 销号审批表 is printed
    evidence: dict = field(default_factory=dict)  # their tasks' evidence files
    differs: bool = False  # a 样稿 with other dates than the document registered for it


TOO_LONG_TO_PRINT = "任务 {code} 的“{field}”有 {length} 字，超过可以排版的上限 {limit} 字，未生成；请在台账中删减后再试"
CANNOT_TYPESET = ("排版失败：有一格文字比一页还高，无法排入页面（最长的是任务 {code} 的“{field}”，"
                  "{length} 字），未生成；请在台账中删减后再试")
EN.update({CANNOT_TYPESET: "cannot typeset: a cell's text is taller than a page (the longest is task {code}'s "
                           "'{field}', {length} characters); nothing was written. Shorten it in the ledger and retry"})
EN.update({TOO_LONG_TO_PRINT: "task {code}: '{field}' has {length} characters, more than can be typeset ({limit}); "
                              "nothing was written. Shorten it in the ledger and try again"})
_PRINTED = (("title", "改革项目"), ("content", "具体改革内容"), ("measures", "推进措施"), ("category", "项目类别"),
            ("leader", "责任领导"), ("deadline_text", "完成时限"), ("area", "改革领域"))


NO_GLYPH = ("任务 {code} 的“{field}”含有本机字体中没有的字：{chars}，印出来会是空白；请安装含这些字的字体"
            "（如 Windows 的“中文(简体)补充字体”中的 SimSun-ExtB）后重试，或改用常用字")
NO_GLYPH_IN_SETTING = ("设置“{setting}”含有本机字体中没有的字：{chars}，印出来会是空白；请安装含这些字的字体"
                       "（如 SimSun-ExtB）后重试")
EN.update({
    NO_GLYPH: "the {field} of task {code} holds characters no font on this computer has: {chars}; they would "
              "print as blanks. Install a font that has them (on Windows, SimSun-ExtB of the Chinese "
              "Supplemental Fonts) and try again, or use common characters",
    NO_GLYPH_IN_SETTING: "the setting {setting} holds characters no font on this computer has: {chars}; install a "
                         "font that has them (e.g. SimSun-ExtB) and try again",
})


def _texts(task: TaskView, snap: snapshot.Snapshot) -> list[tuple[str, str]]:
    texts = [(getattr(task, name), label) for name, label in _PRINTED]
    texts += [(m, "季度节点目标") for m in task.milestones]
    texts += [("、".join(task.lead_depts), "牵头部门"), ("、".join(task.co_depts), "配合部门")]
    for report in snap.progress.get(task.id, []):
        texts += [(report.done, "季度进展"), (report.problems, "存在问题"), (report.next_steps, "下步打算")]
    return [(text or "", label) for text, label in texts]


def _longest(snap: snapshot.Snapshot) -> tuple[str, str, int]:
    """(task code, field, length) of the longest text in the document: what a failed layout names."""
    return max(((t.code, label, len(text)) for t in snap.tasks for text, label in _texts(t, snap)),
               key=lambda found: found[2], default=("—", "—", 0))


def _check_printable(snap: snapshot.Snapshot) -> None:
    """Text stored before the length checks (or by another program) could hold megabytes: refused
    here at once, not after minutes of typesetting and a gigabyte of memory. A character no font
    on this computer holds would print as a blank: refused, naming it and where it is."""
    for task in snap.tasks:
        for text, label in _texts(task, snap):
            if too_long_for_a_cell(text):
                raise LedgerError(TOO_LONG_TO_PRINT, code=task.code, field=label, **length_values(text))
            if not text.isascii() and (missing := uncovered(text)):
                raise LedgerError(NO_GLYPH, code=task.code, field=label, chars=_named(missing))
    for key, value in snap.values.items():
        if isinstance(value, str) and not value.isascii() and (missing := uncovered(value)):
            raise LedgerError(NO_GLYPH_IN_SETTING, setting=key, chars=_named(missing))


def _named(chars: set[str]) -> str:
    return "、".join(f"{c}（U+{ord(c):04X}）" for c in sorted(chars, key=ord))


def _check(options: ReportOptions) -> None:
    check_year(options.year)
    if options.kind not in KINDS:
        raise LedgerError("报表类型必须是：{allowed}", allowed="、".join(KINDS))
    if options.kind in ("quarterly-sheet", "bulletin") and options.quarter not in (1, 2, 3, 4):
        raise LedgerError("请指定季度（1–4）")
    if options.kind == "notice" and not options.task_code:
        raise LedgerError("限期整改通知书需要指定任务编号（--task）")


def prepare(engine: Engine, options: ReportOptions) -> Prepared:
    _check(options)
    # One 文号, one text: a document issued already is reprinted with its registered dates, or
    # refused if other dates are asked for; a 样稿 with other dates gets no number (reissue.py).
    registered = registered_document(engine, options)
    differ = differences(registered, options)
    if differ and options.record:
        raise refusal(registered, differ)  # type: ignore[arg-type]
    reprint = registered if registered is not None and not differ else None
    as_of = options.effective_as_of
    if reprint is not None:
        as_of = reprint.as_of
    elif options.kind == "assessment" and options.as_of is None:
        as_of = scoring.default_as_of(options.year, int(settings.get_all(engine)["doc.feedback_day"]))
    query = replace(options.query) if options.query is not None else TaskQuery()
    if options.plan:
        query.plan = options.plan
    snap = ledger_as_of(engine, as_of, query)
    _check_printable(snap)
    kind = options.kind
    if kind in NUMBERED and not snap.org.strip():
        raise LedgerError("请先在“设置”中填写单位名称（公文落款和版头用），再生成公文；"
                          "命令行：config org.name 单位全称")
    signed = reprint.signed if reprint is not None else options.signed or date.today()
    prepared = Prepared(options, snap, f"{options.period}{TITLES[kind]}", {}, {}, signed, differs=bool(differ))
    if kind == "quarterly-sheet":
        depts = options.depts or snap.lead_departments()
        unknown = [d for d in depts if not snap.of_dept(d)]
        if unknown:
            raise LedgerError("以下部门没有牵头的任务：{depts}", depts="、".join(unknown))
        open_depts = [d for d in depts if quarterly_sheet.open_tasks(snap, d)]
        if not open_depts:
            raise LedgerError("所选部门牵头的任务均已完成或取消，无需督办")
        prepared.subjects = {d: subject(options, dept=d) for d in open_depts}
    elif kind == "bulletin":
        prepared.subjects = {"": subject(options)}
    elif kind == "annual":
        prepared.subjects = {"": subject(options)}
        prepared.title = f"{options.year}年度{TITLES['annual']}"
        prepared.quarters = {label: snap if end == as_of else ledger_as_of(engine, end, query)
                             for label, end in annual.quarter_ends(options.year, as_of)}
        # A closed quarter's report counts the documents issued as the register stood when it closed.
        register = snap.documents if snap.documents is not None else numbering.issued(engine)
        prepared.issued = Counter(d.kind for d in of_year.documents(register, options.year))
        prepared.snap = _year_supervision(engine, snap, options.year, register)
    elif kind == "assessment":
        prepared.subjects = {"": subject(options)}
        prepared.title = f"{options.year}年度{TITLES['assessment']}"
        prepared.result = scoring.score(snap, options.year, scoring.Method.from_settings(snap.values),
                                           facts.completion_dates(engine, as_of),
                                           options.plan, rule_from(snap.values),
                                           register=numbering.issued(engine))
        if not prepared.result.departments:
            raise LedgerError(scoring.NOBODY_RANKED)
    elif kind == "notice":
        task_id = find_task_id(engine, options.task_code, options.plan)
        task = next((t for t in snap.tasks if t.id == task_id), None)
        if task is None:
            raise LedgerError("台账中没有编号为“{code}”的任务", code=options.task_code)
        _refuse_notice(snap, task)
        prepared.task, prepared.title = task, TITLES["notice"]
        prepared.subjects = {task.code: subject(options, task_id=task.id, as_of=as_of)}
    elif kind == "closure":
        task = None
        if options.task_code:
            task_id = find_task_id(engine, options.task_code, options.plan)
            task = next((t for t in snap.tasks if t.id == task_id), None)
            if task is None:
                raise LedgerError("台账中没有编号为“{code}”的任务", code=options.task_code)
        prepared.claims = closure.chosen_claims(engine, snap, options, task)
        prepared.evidence = closure.evidence_by_task(engine, sorted({c.task_id for c in prepared.claims}))
        prepared.title = TITLES["closure"]
    else:
        prepared.title = TITLES["ledger"]
    if kind in ("bulletin", "annual", "quarterly-sheet", "closure"):
        start, end = closure.period_of(options)
        prepared.closure = closure.read_facts(engine, snap, start, min(end, as_of),
                                              options.year if kind == "annual" else None)
    if kind in ("bulletin", "annual"):
        # The indicators of the plans reported on (a ledger may hold another plan's targets).
        prepared.indicators = [i for i in list_indicators(engine, as_of, snap.thresholds,
                                                                          plan=options.plan) if i.plan in snap.plans]
    if kind in NUMBERED:
        # A 样稿 that differs from the registered document is not it: no number of its own.
        prepared.existing = {} if differ else numbering.find(engine, kind, list(prepared.subjects.values()))
        if kind == "notice":
            kept = reprint.rectify_by if reprint is not None else None
            prepared.rectify_by = options.rectify_by or kept or max(as_of, prepared.signed) + timedelta(days=30)
            if prepared.rectify_by <= max(as_of, prepared.signed):
                raise LedgerError("整改期限（{when}）应晚于截至日期和成文日期", when=cn_date(prepared.rectify_by))
    return prepared


def _year_supervision(engine: Engine, snap: snapshot.Snapshot, year: int,
                      register: list[IssuedDocument]) -> snapshot.Snapshot:
    """The year's 督办 (periods.of_year): with those of its documents signed after the as-of day (the
    fourth quarter's sheets, signed in January), which a snapshot as of 12月31日 does not hold."""
    numbers = {d.doc_no for d in of_year.documents(register, year)}
    ids = {t.id for t in snap.tasks}
    later = [a for a in list_supervision(engine) if a.action_date > snap.as_of and a.doc_no in numbers
             and a.task_id in ids]
    return replace(snap, supervision=of_year.supervision([*snap.supervision, *later], year, register))


def _refuse_notice(snap: snapshot.Snapshot, task: TaskView) -> None:
    reason = {"done": status_label(Status.DONE), "cancelled": status_label(Status.CANCELLED),
              "paused": status_label(Status.SUSPENDED), "carried": status_label(Status.CARRIED)}.get(category(task))
    if reason is None and not behind(task.deadline, task.start_date, task.percent, snap.as_of,
                                     snap.thresholds.lag_points):
        reason = "进度正常（未逾期，未落后于时间进度）"
    if reason is not None:
        raise LedgerError("任务“{code} {title}”{reason}，不需要下发限期整改通知书",
                          code=task.code, title=task.title, reason=reason)


def _numbers(prepared: Prepared, engine: Engine) -> dict[str, str]:
    """Numbers for a preview: those already issued, else a blank number."""
    prefix = numbering.prefix(engine, prepared.options.kind)
    return {label: prepared.existing[s].doc_no if s in prepared.existing
            else numbering.format_number(prefix, prepared.signed.year, None)
            for label, s in prepared.subjects.items()}


def typeset(prepared: Prepared, numbers: dict[str, str], out: Path, *, draft: bool,
            progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> int:
    options, snap = prepared.options, prepared.snap
    kind = options.kind
    author = snap.org or "改革任务台账"
    # A closed quarter's reprint lists the 更正 entered since the close (the sheets, per department).
    if kind == "quarterly-sheet":
        story = quarterly_sheet.story(snap, options, numbers, prepared.signed, progress, closure=prepared.closure)
        spec = DocSpec(prepared.title, author, "form", "group", draft)
    elif kind == "bulletin":
        story = corrections.before_signature(
            bulletin.story(snap, options, numbers[""], prepared.signed, indicators=prepared.indicators,
                           closure=prepared.closure), snap)
        spec = DocSpec(prepared.title, author, "text", "document", draft)
    elif kind == "annual":
        story = corrections.before_signature(
            annual.story(snap, prepared.quarters, options, numbers[""], prepared.signed, prepared.issued,
                         indicators=prepared.indicators, closure=prepared.closure), snap)
        spec = DocSpec(prepared.title, author, "text", "document", draft)
    elif kind == "closure":
        story = closure.approval_story(snap, prepared.claims, prepared.evidence)
        spec = DocSpec(prepared.title, author, "text", "document", False)
    elif kind == "assessment":
        story = corrections.before_signature(
            assessment_doc.story(prepared.result, snap, numbers[""], prepared.signed), snap)
        spec = DocSpec(prepared.title, author, "text", "document", draft)
    elif kind == "notice":
        assert prepared.task is not None and prepared.rectify_by is not None
        story = corrections.before_signature(
            notice.story(snap, prepared.task, numbers[prepared.task.code], prepared.rectify_by, prepared.signed),
            snap, {prepared.task.id})
        spec = DocSpec(prepared.title, author, "text", "document", draft)
    else:
        story = ledger_print.story(snap, prepared.title, progress) + \
            corrections.note(snap, styles().form_text)
        spec = DocSpec(prepared.title, author, "form", "total", False,
                       running=f"{snap.org}　{prepared.title}　截至{cn_date(snap.as_of)}".strip("　"))
    spec = replace(spec, numbers="；".join(n for n in numbers.values() if n))
    story = keep_endings(story)  # a 落款 never alone on a page, whatever the kind put before it
    try:
        pages = write_pdf(out, spec, story, cancelled)
    except LayoutError:
        code, label, length = _longest(snap)
        raise LedgerError(CANNOT_TYPESET, code=code, field=label, length=f"{length:,}") from None
    if progress is not None:
        progress(1, 1)
    return pages


def preview(engine: Engine, options: ReportOptions, out: Path, *, progress: Progress | None = None,
            cancelled: Callable[[], bool] | None = None) -> ReportResult:
    """Typeset without numbering or recording anything."""
    prepared = prepare(engine, options)
    numbers = _numbers(prepared, engine) if options.kind in NUMBERED else {}
    pages = typeset(prepared, numbers, out, draft=options.kind in NUMBERED, progress=progress, cancelled=cancelled)
    return ReportResult(out, pages, prepared.title, numbers, signed=prepared.signed, as_of=prepared.snap.as_of)
