"""Nothing lost at the edges of a returned department form (issue 22): a blank answer changes
nothing, every change a merge makes is in its review, an identity line cleared or added refuses the
form, and a 发生日期 outside the form's quarter is a conflict."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from ledger_app.exchange.forms.identity import IDENTITY_SHEET
from ledger_app.exchange.forms.merge import review_forms
from tests.test_excel_forms import DONE, HAPPENED, NEXT, PERCENT, PROBLEMS, STATUS, fill

# A department's 已完成 is merged here as in an office without the evidence rule (issue 26).
pytestmark = pytest.mark.usefixtures("evidence_optional")


def run(cli, capsys, db: Path, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli(["--db", str(db), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def task(cli, capsys, db: Path, code: str) -> dict:
    return json.loads(run(cli, capsys, db, "show", code, "--json")[1])


def history(db: Path, code: str, quarter: int):
    """The task's quarter report and its change log, read from the ledger file."""
    from ledger_app.records.history import get_progress, list_changes
    from ledger_app.store.opening import open_ledger
    from ledger_app.tasks.queries import find_task_id

    ledger = open_ledger(str(db))
    try:
        task_id = find_task_id(ledger.engine, code)
        return get_progress(ledger.engine, task_id, 2017, quarter), list_changes(ledger.engine, task_id)
    finally:
        ledger.close()


def form_for(cli, capsys, db: Path, tmp_path: Path, dept: str) -> Path:
    code, _out, err = run(cli, capsys, db, "forms", "--year", "2017", "--quarter", "3", "--dept", dept,
                          "--out", str(tmp_path / "forms"))
    assert code == 0, err
    (path,) = (tmp_path / "forms").glob(f"*{dept}*.xlsx")
    return path


def review_lines(out: str, code: str) -> list[str]:
    return [line for line in out.splitlines() if line.split("\t")[1:2] == [code]]


def test_a_blank_percent_keeps_the_tasks_percent(cli, capsys, filled, tmp_path):
    """招商局's task 14 stands at 60 % from its Q2 report; the Q3 form comes back with 本季度进展
    written and 完成百分比 left blank: the percent stays 60, and the review says nothing of it."""
    assert run(cli, capsys, filled, "progress", "14", "--year", "2017", "--quarter", "2", "--percent", "60",
               "--done", "政策起草")[0] == 0
    assert task(cli, capsys, filled, "14")["percent"] == 60
    path = fill(form_for(cli, capsys, filled, tmp_path, "招商局"), {"14": {DONE: "政策已报市政府审定"}})
    assert load_workbook(path)["填报表"].cell(6, PERCENT).value is None  # blank, as the department left it
    _code, shown, _err = run(cli, capsys, filled, "merge", str(path))
    (line,) = review_lines(shown, "14")
    assert "政策已报市政府审定" in line and "percent" not in line
    code, merged, err = run(cli, capsys, filled, "merge", str(path), "--accept", "all")
    assert code == 0 and "已合并 1 项任务的答复" in merged, err
    assert task(cli, capsys, filled, "14")["percent"] == 60
    report, changes = history(filled, "14", 3)
    assert (report.done, report.percent) == ("政策已报市政府审定", 60)
    assert not [c for c in changes if c.field == "percent" and c.source == "招商局"]


def test_every_field_a_merge_changes_is_in_the_review(cli, capsys, filled, tmp_path):
    """Task 14 has not started; the form reports 30 % and leaves 状态 at 未启动 as issued: the merge
    moves the task to 推进中 (the progress rule), so the review says so — and says 0 → 30."""
    path = fill(form_for(cli, capsys, filled, tmp_path, "招商局"), {"14": {DONE: "政策起草", PERCENT: 30}})
    _code, shown, _err = run(cli, capsys, filled, "merge", str(path))
    (line,) = review_lines(shown, "14")
    assert "percent：0 → 30" in line and "status：未启动 → 推进中" in line
    assert run(cli, capsys, filled, "merge", str(path), "--accept", "all")[0] == 0
    after = task(cli, capsys, filled, "14")
    assert (after["status"], after["percent"]) == ("推进中", 30)
    logged = {(c.field, c.old, c.new) for c in history(filled, "14", 3)[1] if c.source == "招商局"}
    assert {("status", "未启动", "推进中"), ("percent", "0", "30")} <= logged


def test_the_merge_dialog_shows_every_change(qtbot, ledger, sample, tmp_path):
    from ledger_app.exchange.forms.workbook import issue_forms
    from ledger_app.exchange.importing.apply import import_file
    from ledger_app.operations import record_progress
    from ledger_app.records.progress import ProgressInput
    from ledger_app.tasks.fields import get_fields
    from ledger_app.tasks.queries import find_task_id
    from ui.controller import LedgerController
    from ui.forms_dialogs import MergeDialog

    import_file(ledger.engine, sample)
    fourteen = find_task_id(ledger.engine, "14")
    record_progress(ledger.engine, fourteen, ProgressInput(2017, 2, 60, "政策起草"), user="u")
    (issued,) = issue_forms(ledger.engine, 2017, 3, tmp_path / "forms", ["行政审批局"])
    (other,) = issue_forms(ledger.engine, 2017, 3, tmp_path / "forms", ["招商局"])
    fill(issued.path, {"1": {DONE: "清单编制", PERCENT: 40}})  # 未启动 left as issued
    fill(other.path, {"14": {DONE: "政策已报审"}})  # the percent left blank
    dialog = MergeDialog(LedgerController(ledger), [issued.path, other.path])
    qtbot.addWidget(dialog)
    dialog.show()
    shown = {dialog.model.item(r, 2).text(): dialog.model.item(r, 4).text() for r in range(dialog.model.rowCount())}
    assert shown["1"].splitlines() == ["本季度进展： → 清单编制", "完成百分比：0 → 40", "状态：未启动 → 推进中"]
    assert shown["14"].splitlines() == ["本季度进展： → 政策已报审"]
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    dialog.controller.wait()
    assert dialog.merged == 2
    assert get_fields(ledger.engine, fourteen, ["percent"])["percent"] == 60
    assert get_fields(ledger.engine, find_task_id(ledger.engine, "1"), ["status", "percent"]) == \
        {"status": "推进中", "percent": 40}


def identity_lines(path: Path) -> list[int]:
    """The rows of the identity sheet that name a task (1-based), as issued."""
    ws = load_workbook(path)[IDENTITY_SHEET]
    return [r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 2).value or "").isdigit()
            and str(ws.cell(r, 1).value or "").isdigit()]


def clear_line(path: Path, line: int) -> None:
    wb = load_workbook(path)
    for cell in wb[IDENTITY_SHEET][line]:
        cell.value = None
    wb.save(path)


THREE = {"1": {DONE: "甲", PERCENT: 10}, "2": {DONE: "乙", PERCENT: 20}, "3": {DONE: "丙", PERCENT: 30}}


@pytest.mark.parametrize("which", [-1, 0, 1])
def test_a_cleared_identity_line_refuses_the_form(cli, capsys, filled, tmp_path, which):
    """The form of 行政审批局 lists tasks 1, 2 and 3; one line of its hidden identity sheet is cleared
    (the last, the first, the middle one): the form is refused, naming the file and what is missing,
    and nothing of it is merged — not the two answers that could still be checked."""
    path = fill(form_for(cli, capsys, filled, tmp_path, "行政审批局"), THREE)
    lines = identity_lines(path)
    assert len(lines) == 3
    clear_line(path, lines[which])
    code, out, err = run(cli, capsys, filled, "merge", str(path), "--accept", "all")
    assert code == 2 and "已合并 0 项任务的答复" in out, out
    assert err.startswith(path.name) and "_identity" in err and f"第 {lines[which]} 行" in err
    assert "缺少" in err or "清空" in err
    assert [task(cli, capsys, filled, c)["percent"] for c in "123"] == [0, 0, 0]


def test_identity_lines_copied_or_swapped_refuse_the_form(engine_and_form):
    engine, path = engine_and_form
    lines = identity_lines(path)
    wb = load_workbook(path)
    ws = wb[IDENTITY_SHEET]
    for column in range(1, 7):  # the last line once more below it
        ws.cell(lines[-1] + 1, column).value = ws.cell(lines[-1], column).value
    wb.save(path)
    (problem,) = review_forms(engine, [path]).problems
    assert problem.startswith(path.name) and f"第 {lines[-1] + 1} 行" in problem
    wb = load_workbook(path)
    ws = wb[IDENTITY_SHEET]
    ws.delete_rows(lines[-1] + 1)
    for column in range(1, 7):  # the first two lines swapped
        first, second = ws.cell(lines[0], column), ws.cell(lines[1], column)
        first.value, second.value = second.value, first.value
    wb.save(path)
    review = review_forms(engine, [path])
    assert review.answers == [] and f"第 {lines[0]} 行" in review.problems[0]


@pytest.fixture
def engine_and_form(ledger, sample, tmp_path):
    from ledger_app.exchange.forms.workbook import issue_forms
    from ledger_app.exchange.importing.apply import import_file

    import_file(ledger.engine, sample)
    (issued,) = issue_forms(ledger.engine, 2017, 3, tmp_path / "forms", ["行政审批局"])
    return ledger.engine, fill(issued.path, THREE)


def as_issued_before_the_count(engine, path: Path) -> None:
    """``path`` as the version before issued it: no signed count of its task lines in the head, so
    each line one row higher (and signed for that row)."""
    from ledger_app.exchange.forms.identity import HEADER
    from ledger_app.exchange.forms.signing import form_secret, sign

    wb = load_workbook(path)
    ws = wb[IDENTITY_SHEET]
    assert ws.cell(6, 1).value == "tasks"
    ws.delete_rows(6)
    secret, form_id = form_secret(engine), ws.cell(2, 2).value
    for line in range(8, ws.max_row + 1):
        values = [ws.cell(line, c).value for c in range(1, 6)]
        ws.cell(line, 6).value = " ".join(sign(secret, "id", form_id, line, name, value)
                                          for name, value in zip(HEADER, values, strict=False))
    wb.save(path)


def test_a_form_issued_before_the_count_still_merges_and_still_misses_nothing(engine_and_form, tmp_path):
    import shutil

    engine, path = engine_and_form
    as_issued_before_the_count(engine, path)
    kept = tmp_path / "kept.xlsx"
    shutil.copy(path, kept)
    lines = identity_lines(path)
    clear_line(path, lines[-1])
    review = review_forms(engine, [path])
    assert review.answers == []
    (problem,) = review.problems
    assert problem.startswith(f"{path.name}：工作表“填报表”第 8 行：这一行的任务（3）在隐藏的身份页中没有对应的行")
    review = review_forms(engine, [kept])
    assert review.problems == [] and [a.code for a in review.mergeable] == ["1", "2", "3"]


@pytest.mark.parametrize(("happened", "inside"), [("10月15日", False), (datetime(2017, 10, 15), False),
                                                  ("2017-10-01", False), ("6月30日", False), ("2018年8月1日", False),
                                                  ("9月30日", True), (datetime(2017, 7, 1), True)])
def test_a_day_outside_the_forms_quarter_is_a_conflict(cli, capsys, filled, tmp_path, happened, inside):
    """A Q3 form's 发生日期 must fall in Q3 (7月1日–9月30日): 10月15日 is shown as the task's conflict
    and not merged; the rest of the form is."""
    path = fill(form_for(cli, capsys, filled, tmp_path, "行政审批局"),
                {"1": {DONE: "甲", PERCENT: 10}, "2": {DONE: "全面实施", PERCENT: 100, STATUS: "已完成",
                                                       HAPPENED: happened}})
    _code, shown, _err = run(cli, capsys, filled, "merge", str(path))
    (line,) = review_lines(shown, "2")
    if inside:
        assert line.endswith("✓")
    else:
        assert "✗ 发生日期" in line and "不在 2017 年第 3 季度（7月1日至9月30日）内，这项答复未合并" in line
    _code, merged, _err = run(cli, capsys, filled, "merge", str(path), "--accept", "all")
    assert f"已合并 {1 + inside} 项任务的答复" in merged
    assert task(cli, capsys, filled, "2")["status"] == ("已完成" if inside else "未启动")
    assert task(cli, capsys, filled, "1")["percent"] == 10


@pytest.fixture
def answered(ledger, sample, tmp_path):
    """(engine, review) of 行政审批局's Q3 form answered as ``answers`` say: a function of those answers."""
    from ledger_app.exchange.forms.workbook import issue_forms
    from ledger_app.exchange.importing.apply import import_file

    import_file(ledger.engine, sample)

    def review(answers: dict[str, dict[int, object]], quarter: int = 3):  # noqa: ANN202
        (issued,) = issue_forms(ledger.engine, 2017, quarter, tmp_path / f"forms{len(list(tmp_path.iterdir()))}",
                                ["行政审批局"])
        review.last = fill(issued.path, answers)
        return {a.code: a for a in review_forms(ledger.engine, [review.last]).answers}

    review.engine = ledger.engine
    return review


@pytest.mark.parametrize(("written", "read", "refused"), [
    ("0", 0, False), ("100", 100, False), ("60%", 60, False), ("60％", 60, False), ("101", None, True),
    ("六十", None, True),
    ("60.5", None, True)])
def test_a_percent_is_a_whole_number_from_0_to_100_with_or_without_its_sign(answered, written, read, refused):
    answer = answered({"1": {DONE: "推进", PERCENT: written}})["1"]
    assert ("完成百分比不在 0–100 之间" in answer.conflicts) == refused
    if read is not None:
        assert answer.percent == read and answer.changes.get("percent", (None, read))[1] == read


def test_a_day_written_as_a_date_with_a_time_is_that_day_and_a_day_that_cannot_be_read_is_named(answered):
    from datetime import date

    found = answered({"1": {DONE: "推进", PERCENT: 10, HAPPENED: datetime(2017, 8, 15, 9, 30)},
                      "2": {DONE: "推进", PERCENT: 10, HAPPENED: "某天"},
                      "3": {DONE: "推进", PERCENT: 10, HAPPENED: "2017年10月15日"}})
    assert found["1"].effective_on == date(2017, 8, 15) and found["1"].conflicts == []
    assert found["2"].conflicts == ["发生日期“某天”无法识别或不在本季度内"]
    assert found["3"].conflicts == ["发生日期“2017年10月15日”不在 2017 年第 3 季度（7月1日至9月30日）内，这项答复未合并"]
    no_such_day = answered({"1": {DONE: "推进", PERCENT: 10, HAPPENED: "2017年13月5日"}})["1"]
    assert no_such_day.conflicts == ["发生日期“2017年13月5日”无法识别或不在本季度内"]


def test_an_answer_names_its_task_and_the_column_of_a_text_too_long_to_keep(answered):
    # 20,000 characters outside the BMP: within openpyxl's count, 40,000 UTF-16 units to Excel (its limit is 32,767).
    long = "𠮷" * 20_000
    found = answered({"1": {DONE: "推进", PERCENT: 10, 11: long}, "2": {DONE: "推进", PERCENT: 10, 12: long}})
    assert found["1"].title and any("存在问题" in c for c in found["1"].conflicts)
    assert any("下步打算" in c for c in found["2"].conflicts)


def test_a_status_the_ledger_does_not_know_and_a_percent_without_progress_are_conflicts(answered):
    found = answered({"1": {DONE: "推进", PERCENT: 10, STATUS: "搁置"}, "2": {PERCENT: 30}})
    assert found["1"].conflicts == ["状态“搁置”无法识别"]
    assert found["2"].conflicts == ["没有填写本季度进展"], "a new report needs its 本季度进展"


def test_an_answer_to_a_quarter_already_reported_changes_only_what_it_says(answered):
    """The quarter's report stands; the form gives a new percent only: merged as such (its texts kept, no
    conflict), the report dated the day it was merged."""
    from datetime import date

    from ledger_app.exchange.forms.apply import apply_answers
    from ledger_app.operations import record_progress
    from ledger_app.records.history import get_progress
    from ledger_app.records.progress import ProgressInput
    from ledger_app.tasks.queries import find_task_id

    engine = answered.engine
    task = find_task_id(engine, "1")
    record_progress(engine, task, ProgressInput(2017, 3, 20, "已报的进展", "旧问题", "旧打算"), user="行政审批局")
    # The form comes back with the report's texts cleared: a blank answer keeps what the report says.
    found = answered({"1": {DONE: None, PROBLEMS: None, NEXT: None, PERCENT: 40}, "2": {DONE: "新的进展", PERCENT: 10}})
    assert found["1"].conflicts == [] and found["1"].changes == {"percent": (20, 40)}
    assert found["2"].changes["done"] == ("", "新的进展"), "a new report: from nothing"
    assert "problems" not in found["2"].changes, "a blank answer changes nothing"
    apply_answers(engine, list(found.values()), user="督查室")
    report = get_progress(engine, task, 2017, 3)
    assert (report.percent, report.done, report.problems, report.next_steps) == (40, "已报的进展", "旧问题", "旧打算")
    assert report.report_date == date.today()
    second = get_progress(engine, find_task_id(engine, "2"), 2017, 3)
    assert (second.done, second.problems, second.next_steps) == ("新的进展", "", "")


def test_a_form_read_alone_without_its_evidence_folder(answered):
    from ledger_app.exchange.forms.merge import read_form

    answered({"1": {DONE: "推进", PERCENT: 10}})
    assert [a.code for a in read_form(answered.engine, answered.last).answers if a.changes] == ["1"]


def test_a_blank_percent_on_the_latest_quarter_is_the_tasks_percent_as_of_its_day(answered):
    """Task 1 reported 20 % for the third quarter, then its 完成% was set to 35 on the same day, 30 September: a form
    for that quarter with the percent left blank keeps 35, the task's own as of the report's day."""
    from datetime import date

    from ledger_app.exchange.forms.apply import apply_answers
    from ledger_app.operations import edit_task, record_progress
    from ledger_app.records.history import get_progress
    from ledger_app.records.progress import ProgressInput
    from ledger_app.tasks.queries import find_task_id

    engine = answered.engine
    task = find_task_id(engine, "1")
    record_progress(engine, task, ProgressInput(2017, 3, 20, "已报的进展"), user="行政审批局")
    edit_task(engine, task, {"percent": 35}, user="督查室", effective_on=date(2017, 9, 30))
    found = answered({"1": {DONE: "补充的进展", PERCENT: None}})
    apply_answers(engine, [found["1"]], user="督查室")
    assert get_progress(engine, task, 2017, 3).percent == 35


def test_a_blank_percent_on_an_earlier_quarter_is_that_quarters_report(answered):
    """Task 1 reported 20 % for the second quarter and 50 % for the third; its 完成% was set to 25 on 30 June
    after the second quarter's report. A second-quarter form with the percent left blank keeps that
    report's 20 %: the task's own percent follows the latest quarter, not this one."""
    from datetime import date

    from ledger_app.exchange.forms.apply import apply_answers
    from ledger_app.operations import edit_task, record_progress
    from ledger_app.records.history import get_progress
    from ledger_app.records.progress import ProgressInput
    from ledger_app.tasks.queries import find_task_id

    engine = answered.engine
    task = find_task_id(engine, "1")
    record_progress(engine, task, ProgressInput(2017, 2, 20, "二季度进展"), user="行政审批局")
    edit_task(engine, task, {"percent": 25}, user="督查室", effective_on=date(2017, 6, 30))
    record_progress(engine, task, ProgressInput(2017, 3, 50, "三季度进展"), user="行政审批局")
    found = answered({"1": {DONE: "二季度补充", PERCENT: None}}, quarter=2)
    apply_answers(engine, [found["1"]], user="督查室")
    assert get_progress(engine, task, 2017, 2).percent == 20


def test_an_answer_knows_its_file_its_form_and_its_task(answered):
    from ledger_app.exchange.forms.identity import IDENTITY_SHEET

    answer = answered({"1": {DONE: "推进", PERCENT: 10}})["1"]
    identity = load_workbook(answered.last)[IDENTITY_SHEET]
    assert (answer.file, answer.form_id) == (answered.last.name, identity.cell(2, 2).value)
    assert answer.title == "深化行政审批制度改革"


def test_an_answer_for_a_task_deleted_since_is_named_by_the_title_on_the_form(answered):
    from ledger_app.operations import delete_task
    from ledger_app.tasks.queries import find_task_id

    task = find_task_id(answered.engine, "1")
    found = answered({"1": {DONE: "推进", PERCENT: 10}})
    assert found["1"].conflicts == []
    delete_task(answered.engine, task, user="督查室")
    (answer,) = [a for a in review_forms(answered.engine, [answered.last]).answers if a.code == "1"]
    assert answer.title == "深化行政审批制度改革" and answer.conflicts == ["任务已不在台账中"]
