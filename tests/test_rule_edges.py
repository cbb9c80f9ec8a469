"""Edges of the rules that a one-character change (a mutant) crossed without a test noticing: each test
stands on one edge, through the rule's public door, so that moving the edge by a day or a point fails it."""

from __future__ import annotations

import hashlib
import hmac
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import delete

from db.session import transaction
from ledger_app.assessment.scoring import assess
from ledger_app.dates.business import ClosedQuarterError
from ledger_app.dates.deadlines import parse_deadline
from ledger_app.exchange.forms.merge import review_forms
from ledger_app.exchange.forms.signing import form_secret, sign
from ledger_app.exchange.forms.workbook import FORM_SHEET, HEADER_ROW, LOCKED, issue_forms
from ledger_app.exchange.importing.apply import import_file
from ledger_app.messages import i18n
from ledger_app.messages.errors import DeadlineError, LedgerError
from ledger_app.operations import edit_task, reserving
from ledger_app.periods import closing
from ledger_app.periods.as_of import ledger_as_of
from ledger_app.periods.snapshot import take_live
from ledger_app.records import numbering
from ledger_app.records.progress import ProgressInput
from ledger_app.store import settings
from ledger_app.store.schema import setting
from ledger_app.store.settings import SECRET_KEY
from ledger_app.supervision.escalation import REMIND, proposals
from ledger_app.tasks.fields import get_fields
from ledger_app.tasks.lights import Light
from ledger_app.tasks.queries import TaskQuery, find_task_id, list_tasks
from tests.clock import Clock
from tests.steps import close_quarter, record_progress, update_task
from tests.tables import write_table

# These rules are about dates and percents; 已完成 is set directly, as an office without the evidence rule does.
pytestmark = pytest.mark.usefixtures("evidence_optional")


HEADER = ["序号", "改革项目", "牵头部门", "完成时限"]


@pytest.fixture
def engine(ledger, tmp_path):
    rows = [[str(n), f"任务{n}", "发改局", "2017年12月31日"] for n in range(1, 6)]
    import_file(ledger.engine, write_table(tmp_path / "t.xlsx", rows, title="常州经开区2017年改革任务表", header=HEADER))
    return ledger.engine


def _id(engine, code: str) -> int:  # noqa: ANN001
    return find_task_id(engine, code)


def _status(engine, code: str) -> str:  # noqa: ANN001
    return get_fields(engine, _id(engine, code), ["status"])["status"]


# ----- 未启动 → 推进中 -------------------------------------------------------------------------

def test_a_report_of_0_percent_leaves_a_task_not_started_and_1_percent_starts_it(engine):
    record_progress(engine, _id(engine, "1"), ProgressInput(2017, 2, 0, "尚未开展"), user="u")
    assert _status(engine, "1") == "未启动"
    record_progress(engine, _id(engine, "1"), ProgressInput(2017, 3, 1, "开始调研"), user="u")
    assert _status(engine, "1") == "推进中"


def test_a_percent_edited_by_hand_starts_the_task_and_its_undo_puts_it_back(engine, cli, db_url):
    result = edit_task(engine, _id(engine, "1"), {"percent": 30}, user="u")  # the table and the detail pane
    assert result.changes.fields[_id(engine, "1")]["status"] == "推进中" and _status(engine, "1") == "推进中"
    result.undo()
    assert get_fields(engine, _id(engine, "1"), ["status", "percent"]) == {"status": "未启动", "percent": 0}
    assert cli(["set", "2", "--percent", "5", "--db", db_url]) == 0
    assert _status(engine, "2") == "推进中"
    # The status given with the percent wins; the same percent again, or one set back to 0, starts nothing.
    update_task(engine, _id(engine, "3"), {"percent": 40, "status": "未启动"}, user="u")
    assert update_task(engine, _id(engine, "3"), {"percent": 40}, user="u") == []
    update_task(engine, _id(engine, "3"), {"percent": 0}, user="u")
    assert _status(engine, "3") == "未启动"


# ----- 完成时限 text ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["2017年12月底前全面推开，9月底前完成试点", "2017年9月底前完成试点，12月底前全面推开"])
def test_the_deadline_is_the_latest_date_in_the_text_not_the_last_written(text):
    assert parse_deadline(text) == (date(2017, 12, 31), text)


def test_a_month_that_cannot_be_typed_as_a_number_is_named_as_the_cell_shows_it():
    assert parse_deadline(2017.12) == (date(2017, 12, 31), "2017.12")  # year.month in a number cell
    with pytest.raises(DeadlineError) as refused:
        parse_deadline(2017.13)
    said = str(refused.value)
    assert said.startswith("日期不存在") and said.endswith("2017.13"), said


# ----- as of a day, in Python ---------------------------------------------------------------------

def test_two_changes_on_one_day_the_later_recorded_wins_in_every_reading(engine):
    from ledger_app.assessment import facts

    day = date(2017, 8, 1)
    update_task(engine, _id(engine, "4"), {"status": "推进中"}, user="u", effective_on=day)
    update_task(engine, _id(engine, "4"), {"status": "已完成"}, user="u", effective_on=day)
    update_task(engine, _id(engine, "4"), {"status": "暂缓"}, user="u", effective_on=date(2017, 9, 1))
    task = _id(engine, "4")
    assert {t.id: t.status for t in facts.take(engine, day).tasks}[task] == "已完成"  # timeline.value_as_of
    assert [v.status for v in list_tasks(engine, TaskQuery(as_of=day, task_ids=[task]))] == ["已完成"]
    assert {t.id: t.status for t in take_live(engine, day).tasks}[task] == "已完成"
    assert get_fields(engine, task, ["status"], as_of=date(2017, 7, 31)) == {"status": "未启动"}


# ----- 季度封账 and 更正 --------------------------------------------------------------------------

def test_a_quarter_closes_only_after_its_last_day(engine):
    with pytest.raises(LedgerError, match="尚未结束"):
        close_quarter(engine, 2017, 3, user="u", today=date(2017, 9, 30))
    assert close_quarter(engine, 2017, 3, user="u", today=date(2017, 10, 1)).quarter == 3


def test_a_correction_needs_a_reason_that_is_more_than_spaces(engine):
    close_quarter(engine, 2017, 3, user="u")
    with pytest.raises(ClosedQuarterError):
        update_task(engine, _id(engine, "5"), {"percent": 20}, user="u", effective_on=date(2017, 9, 15), reason="  ")
    update_task(engine, _id(engine, "5"), {"percent": 20}, user="u", effective_on=date(2017, 9, 15), reason="漏报")
    assert get_fields(engine, _id(engine, "5"), ["percent"]) == {"percent": 20}


def test_a_change_in_a_closed_quarter_is_refused_naming_the_quarter_the_day_and_the_way_out(engine):
    close_quarter(engine, 2017, 3, user="u")
    with pytest.raises(ClosedQuarterError) as refused:
        update_task(engine, _id(engine, "5"), {"percent": 20}, user="u", effective_on=date(2017, 9, 15))
    said = str(refused.value)
    assert said.startswith("2017年第三季度已封账：业务日期为 2017-09-15 的修改"), said
    assert said.endswith("说明原因（或由负责人重新打开该季度）"), said
    i18n.set_language("en")
    try:
        english = str(refused.value)
    finally:
        i18n.set_language("zh")
    assert "2017-09-15" in english and "correction" in english and "reopened" in english, english


def test_a_correction_effective_on_the_quarters_last_day_is_in_its_reprints(engine):
    close_quarter(engine, 2017, 3, user="u")
    update_task(engine, _id(engine, "5"), {"percent": 25}, user="u", effective_on=date(2017, 9, 30), reason="漏报")
    update_task(engine, _id(engine, "4"), {"percent": 35}, user="u", effective_on=date(2017, 10, 1))
    snap = closing.frozen(engine, date(2017, 9, 30))
    # The percent and the status it implied (未启动 → 推进中), both 更正 of the closed quarter.
    assert [(c.code, c.new, c.reason) for c in snap.corrections] == [("5", "25", "漏报"), ("5", "推进中", "漏报")]
    assert {t.code: t.percent for t in snap.tasks}["5"] == 25 and {t.code: t.percent for t in snap.tasks}["4"] == 0


# ----- department forms ---------------------------------------------------------------------------

@pytest.mark.parametrize("column", [5, 6, 7])  # 完成时限, 当前状态, 当前完成%
def test_a_locked_cell_of_the_tasks_state_changed_on_the_form_is_named(engine, tmp_path, column):
    (issued,) = issue_forms(engine, 2017, 3, tmp_path / "forms", ["发改局"])
    wb = load_workbook(issued.path)
    ws = wb[FORM_SHEET]
    row = HEADER_ROW + 1
    ws.cell(row, column).value = "改过的值"
    ws.cell(row, len(LOCKED) + 1).value = "本季度完成调研"
    wb.save(issued.path)
    answer = next(a for a in review_forms(engine, [issued.path]).answers if a.code == "1")
    assert answer.conflicts == [f"填报单位修改了锁定的单元格 {'EFG'[column - 5]}{row}（{LOCKED[column - 1]}）"]


# ----- the assessment and escalation --------------------------------------------------------------

@pytest.mark.parametrize("days_early, early", [(30, True), (29, False)])
def test_done_exactly_early_days_before_the_deadline_is_early(engine, days_early, early):
    assert settings.get_all(engine)["assess.early_days"] == "30"
    update_task(engine, _id(engine, "1"), {"status": "已完成"}, user="u",
                effective_on=date.fromordinal(date(2017, 12, 31).toordinal() - days_early))
    lines = assess(engine, 2017, as_of=date(2018, 1, 10)).of("发改局").lines
    completion = [line.kind for line in lines if line.code == "1" and line.kind in ("on_time", "early", "late")]
    assert completion == (["on_time", "early"] if early else ["on_time"])


@pytest.mark.parametrize("as_of, reminded", [(date(2017, 12, 16), True), (date(2017, 12, 15), False),
                                             (date(2017, 12, 31), True)])
def test_a_reminder_comes_exactly_remind_days_before_the_deadline(engine, as_of, reminded):
    for code in "12345":
        record_progress(engine, _id(engine, code), ProgressInput(2017, 3, 80, "基本完成"), user="u")
    assert settings.get_all(engine)["escalate.remind_days"] == "15"
    steps = {p.code: p.step for p in proposals(engine, as_of)}
    assert (steps.get("1") == REMIND) is reminded


def test_a_forms_signature_keeps_its_documented_spelling_so_forms_sent_before_an_upgrade_still_verify(engine):
    """HMAC-SHA256 with the ledger's secret over the cells' text joined by the unit separator (0x1F),
    its first 16 hex digits: a form in a department's hands is checked by the next version too."""
    secret = form_secret(engine)
    parts = ["id", "发改局", "3"]
    documented = hmac.new(secret, "\x1f".join(parts).encode("utf-8"), hashlib.sha256).hexdigest()[:16]
    assert sign(secret, *parts) == documented
    assert sign(secret, "id", "发改局", 3.0) == documented, "3 and 3.0 are one number, as any spreadsheet writes it"


def test_a_ledger_without_its_form_secret_issues_no_form_and_says_what_to_do(engine, tmp_path):
    with engine.begin() as conn:  # a ledger damaged outside the program
        conn.execute(delete(setting).where(setting.c.key == SECRET_KEY))
    with pytest.raises(LedgerError) as refused:
        issue_forms(engine, 2017, 3, tmp_path / "forms", ["发改局"])
    assert str(refused.value).startswith("台账缺少填报表签名密钥"), str(refused.value)


# ----- 文号 ----------------------------------------------------------------------------------------

def test_withdrawing_a_held_number_that_is_not_the_last_leaves_the_counter(engine):
    with transaction(engine) as session:
        held = {}
        for subject in ("甲", "乙"):
            serial = reserving.reserve(session, "notice", 2017)
            held[subject] = reserving.register(
                session, kind="notice", subject=subject, year=2017, serial=serial, doc_no=f"整改〔2017〕{serial}号",
                title="通知书", signed_on=date(2017, 10, 9), as_of=date(2017, 9, 30), pages=1, user="u",
                delivered=False)
    with transaction(engine) as session:
        reserving.withdraw(session, session.merge(held["甲"]))  # number 1: not the last, the counter stays at 2
        reserving.withdraw(session, session.merge(held["乙"]))  # number 2, the last: given back
        assert reserving.reserve(session, "notice", 2017) == 2, "1 stays a gap; 2 is free again; never 1 twice"


def _held(session, kind: str, subject: str, year: int, *, delivered: bool | None = False):  # noqa: ANN001, ANN202
    """Reserve the next number of ``kind`` in ``year`` and register it (held unless ``delivered``;
    ``None``: as a caller that does not say)."""
    serial = reserving.reserve(session, kind, year)
    held = {} if delivered is None else {"delivered": delivered}
    return reserving.register(session, kind=kind, subject=subject, year=year, serial=serial,
                              doc_no=f"整改〔{year}〕{serial}号", title=f"{subject}通知书", signed_on=date(year, 10, 9),
                              as_of=date(year, 9, 30), pages=1, user="u", **held)


def _next_numbers(engine, counters) -> list[int]:  # noqa: ANN001
    with transaction(engine) as session:
        return [reserving.reserve(session, kind, year) for kind, year in counters]


COUNTERS = [("notice", 2017), ("bulletin", 2017), ("notice", 2018)]


def test_withdrawing_the_last_number_gives_it_back_in_its_own_kind_and_year_only(engine):
    with transaction(engine) as session:
        rows = {(kind, year): _held(session, kind, f"甲{year}", year) for kind, year in COUNTERS}  # each number 1
    with transaction(engine) as session:
        reserving.withdraw(session, session.merge(rows[("notice", 2017)]))
    assert _next_numbers(engine, COUNTERS) == [1, 2, 2]


def test_a_document_registered_without_saying_held_has_gone_out_and_is_never_withdrawn(engine):
    with transaction(engine) as session:
        row = _held(session, "notice", "甲", 2017, delivered=None)
        doc_no = row.doc_no
    assert numbering.held(engine) == []
    (issued,) = numbering.issued(engine)
    assert (issued.doc_no, issued.title, issued.pages, issued.delivered_at is not None) == (doc_no, "甲通知书", 1, True)
    with pytest.raises(LedgerError) as refused, transaction(engine) as session:
        reserving.withdraw(session, session.merge(row))
    assert str(refused.value).startswith(f"{doc_no} 已打印或另存"), str(refused.value)
    assert _next_numbers(engine, [("notice", 2017)]) == [2]


@pytest.mark.parametrize("issued_after", [0, 1])  # numbers of the kind issued after the one withdrawn
def test_a_withdrawn_number_registered_again_is_held_and_kept_past_in_its_own_kind_and_year_only(
        engine, issued_after):
    with transaction(engine) as session:
        for _ in range(3):  # other counters, at 3
            reserving.reserve(session, "bulletin", 2017)
            reserving.reserve(session, "notice", 2018)
        first = _held(session, "notice", "甲", 2017)
        for n in range(issued_after):
            _held(session, "notice", f"乙{n}", 2017)
    with transaction(engine) as session:  # another desk's failed issue of the same document
        reserving.withdraw(session, session.merge(first))
    with transaction(engine) as session:  # this desk printed it: registered again
        reserving.reinstate(session, kind="notice", subject="甲", year=2017, serial=first.serial, doc_no=first.doc_no,
                            title="甲通知书", signed_on=first.signed_on, as_of=first.as_of, user="李四")
    (row,) = [r for r in numbering.held(engine) if r.subject == "甲"]
    assert (row.doc_no, row.title, row.pages, row.issued_by) == (first.doc_no, "甲通知书", 0, "李四")
    assert _next_numbers(engine, COUNTERS) == [2 + issued_after, 4, 4]


def test_the_register_lists_held_documents_in_the_order_they_were_numbered(engine):
    with transaction(engine) as session:
        for subject in ("甲", "乙", "丙"):  # not in the order of the characters
            _held(session, "notice", subject, 2017)
    assert [d.subject for d in numbering.held(engine, "notice")] == ["甲", "乙", "丙"]
    assert [d.subject for d in numbering.held(engine)] == ["甲", "乙", "丙"]


def test_the_register_lists_documents_by_when_they_were_issued_then_by_number(engine, monkeypatch):
    clock = Clock(monkeypatch)
    clock.set(date(2017, 10, 9))
    with transaction(engine) as session:
        for subject in ("甲", "乙"):  # issued at the same moment: in the order they were numbered
            _held(session, "notice", subject, 2017, delivered=True)
    clock.set(date(2017, 10, 8))  # a desk whose clock is a day behind issues one more
    with transaction(engine) as session:
        _held(session, "notice", "丙", 2017, delivered=True)
    assert [d.subject for d in numbering.issued(engine, "notice")] == ["丙", "甲", "乙"]
    assert [d.subject for d in numbering.issued(engine, "notice", 2017)] == ["丙", "甲", "乙"]


def test_the_documents_found_for_a_subject_are_of_the_kind_asked_for(engine):
    with transaction(engine) as session:
        for kind in ("notice", "bulletin"):  # one subject, two kinds of document
            _held(session, kind, "发改局", 2017)
    for kind in ("notice", "bulletin"):
        assert {s: d.kind for s, d in numbering.find(engine, kind, ["发改局"]).items()} == {"发改局": kind}
    assert numbering.find(engine, "annual", ["发改局"]) == {}


# ----- the ledger as of a day ---------------------------------------------------------------------

def test_the_ledger_as_of_a_day_keeps_to_the_tasks_asked_for_live_and_frozen(engine):
    query = TaskQuery(task_ids=[_id(engine, "2")])
    assert [t.code for t in ledger_as_of(engine, date(2017, 9, 15), query).tasks] == ["2"]
    close_quarter(engine, 2017, 3, user="u")
    assert [t.code for t in ledger_as_of(engine, date(2017, 9, 30), query).tasks] == ["2"]


@pytest.mark.parametrize("light", list(Light))
def test_the_ledger_as_of_a_closed_quarters_end_lists_every_task_whatever_the_light_asked_for(engine, light):
    close_quarter(engine, 2017, 3, user="u")
    codes = [t.code for t in ledger_as_of(engine, date(2017, 9, 30), TaskQuery(light=light.value)).tasks]
    assert codes == ["1", "2", "3", "4", "5"]


@pytest.mark.parametrize("given, stored", [(date(2017, 3, 1), date(2017, 3, 1)), ("2017-03-01", date(2017, 3, 1)),
                                           ("  ", None), (None, None)])
def test_a_start_date_is_a_day_given_as_a_date_or_iso_text_or_blank(engine, given, stored):
    task = find_task_id(engine, "1")
    edit_task(engine, task, {"start_date": given}, user="测试员")
    assert get_fields(engine, task, ["start_date"])["start_date"] == stored


def test_a_start_date_that_is_not_a_day_is_refused_by_name_and_changes_nothing(engine):
    """Before, text other than a date reached the database and failed at the commit with a TypeError."""
    task = find_task_id(engine, "1")
    before = get_fields(engine, task, ["start_date", "version"])
    with pytest.raises(LedgerError, match="开始日期“2017年3月”无法识别"):
        edit_task(engine, task, {"start_date": "2017年3月"}, user="测试员")
    assert get_fields(engine, task, ["start_date", "version"]) == before
