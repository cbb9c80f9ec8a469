"""Department fill-in forms: issued, filled in by a test (openpyxl), merged back safely."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ledger_app.exchange.forms.apply import apply_answers
from ledger_app.exchange.forms.merge import review_forms
from ledger_app.exchange.forms.workbook import FORM_SHEET, HEADER_ROW, issue_forms
from ledger_app.exchange.importing.apply import import_file
from ledger_app.operations import edit_task
from ledger_app.records.history import list_changes, list_progress
from ledger_app.store.opening import open_ledger
from ledger_app.tasks.fields import get_fields
from ledger_app.tasks.queries import find_task_id

# These tests merge a department's 已完成 as an office without the evidence rule does (issue 26).
pytestmark = pytest.mark.usefixtures("evidence_optional")

# Columns of the answers on the form (1-based): 本季度进展, 完成百分比, 状态, 存在问题, 下步打算, 发生日期.
DONE, PERCENT, STATUS, PROBLEMS, NEXT, HAPPENED = 8, 9, 10, 11, 12, 13


@pytest.fixture
def engine(ledger, sample):
    import_file(ledger.engine, sample)
    return ledger.engine


def form_of(engine, tmp_path, dept="行政审批局") -> Path:
    (issued,) = issue_forms(engine, 2017, 3, tmp_path / "forms", [dept])
    return issued.path


def fill(path: Path, answers: dict[str, dict[int, object]], locked: dict[tuple[str, int], object] = ()) -> Path:
    """Fill the form as a department would; only unlocked cells unless ``locked`` says otherwise."""
    wb = load_workbook(path)
    ws = wb[FORM_SHEET]
    rows = {str(ws.cell(r, 1).value): r for r in range(HEADER_ROW + 1, ws.max_row + 1)}
    for code, cells in answers.items():
        for column, value in cells.items():
            assert not ws.cell(rows[code], column).protection.locked
            ws.cell(rows[code], column).value = value
    for (code, column), value in dict(locked).items():
        assert ws.cell(rows[code], column).protection.locked
        ws.cell(rows[code], column).value = value
    wb.save(path)
    return path


def test_forms_for_every_lead_department(engine, tmp_path):
    issued = issue_forms(engine, 2017, 3, tmp_path / "forms")
    assert len(issued) == 16 and sum(f.tasks for f in issued) == 32
    wb = load_workbook(issued[0].path)
    ws = wb[FORM_SHEET]
    assert ws.protection.sheet and wb["_identity"].sheet_state == "hidden"
    assert "填写说明" in ws["A3"].value and ws.cell(HEADER_ROW, DONE).value == "本季度进展"
    assert ws.cell(HEADER_ROW + 1, 2).protection.locked and not ws.cell(HEADER_ROW + 1, DONE).protection.locked
    kinds = sorted(v.type for v in ws.data_validations.dataValidation)
    assert kinds == ["list", "whole"]


def test_filled_form_is_reviewed_then_merged_once(engine, tmp_path):
    path = fill(form_of(engine, tmp_path), {"1": {DONE: "完成权力清单编制", PERCENT: 80, STATUS: "推进中",
                                                  PROBLEMS: "部分事项待省里明确", NEXT: "12月底前公布"},
                                            "2": {DONE: "三证合一全面实施", PERCENT: 100, STATUS: "已完成"}})
    review = review_forms(engine, [path])
    assert review.problems == []
    by_code = {a.code: a for a in review.answers}
    assert by_code["1"].changes["percent"] == (0, 80) and by_code["1"].changes["status"] == ("未启动", "推进中")
    assert not by_code["3"].changes, "a row left as issued changes nothing"
    assert get_fields(engine, find_task_id(engine, "1"), ["percent"])["percent"] == 0, "review writes nothing"
    assert apply_answers(engine, review.answers, user="督查室") == 2
    task = find_task_id(engine, "2")
    assert get_fields(engine, task, ["status", "percent"]) == {"status": "已完成", "percent": 100}
    (report,) = list_progress(engine, task)
    assert (report.quarter, report.done, report.reporter) == (3, "三证合一全面实施", "行政审批局")
    sources = {(c.field, c.source) for c in list_changes(engine, task)}
    assert ("status", "行政审批局") in sources
    again = review_forms(engine, [path])
    assert [a for a in again.answers if a.changes] == [] and apply_answers(engine, again.answers, user="x") == 0


def test_a_form_takes_effect_on_the_day_it_gives_else_at_the_quarters_end(engine, tmp_path):
    from datetime import date

    from ledger_app.tasks.queries import TaskQuery, list_tasks

    path = fill(form_of(engine, tmp_path), {"2": {DONE: "9月1日起全面实施", PERCENT: 100, STATUS: "已完成",
                                                  HAPPENED: "2017年9月1日"},
                                            "1": {DONE: "推进中", PERCENT: 40},
                                            "3": {DONE: "乙", PERCENT: 20, HAPPENED: "下个月"}})
    answers = {a.code: a for a in review_forms(engine, [path]).answers}
    assert answers["2"].effective_on == date(2017, 9, 1) and answers["1"].effective_on is None
    assert answers["3"].conflicts == ["发生日期“下个月”无法识别或不在本季度内"]
    apply_answers(engine, list(answers.values()), user="督查室")
    two = find_task_id(engine, "2")
    (status,) = [c for c in list_changes(engine, two) if c.field == "status"]
    assert status.effective_on == date(2017, 9, 1)
    (report,) = list_progress(engine, two)
    assert report.effective_on == date(2017, 9, 1)
    one = [c for c in list_changes(engine, find_task_id(engine, "1")) if c.field == "percent"]
    assert [c.effective_on for c in one] == [date(2017, 9, 30)]
    on_the_day = {v.code: v for v in list_tasks(engine, TaskQuery(as_of=date(2017, 9, 1)))}
    assert on_the_day["2"].status == "已完成" and on_the_day["1"].percent == 0


def test_accept_some(engine, tmp_path):
    path = fill(form_of(engine, tmp_path), {"1": {DONE: "甲", PERCENT: 10}, "2": {DONE: "乙", PERCENT: 20}})
    review = review_forms(engine, [path])
    apply_answers(engine, [a for a in review.answers if a.code == "2"], user="u")
    assert get_fields(engine, find_task_id(engine, "1"), ["percent"])["percent"] == 0
    assert get_fields(engine, find_task_id(engine, "2"), ["percent"])["percent"] == 20


def test_conflicts_are_named(engine, tmp_path):
    path = fill(form_of(engine, tmp_path),
                {"1": {DONE: "甲", PERCENT: 150}, "2": {DONE: "乙", PERCENT: 30}, "3": {DONE: "丙", PERCENT: 40}},
                locked={("3", 3): "改写了具体改革内容"})
    edit_task(engine, find_task_id(engine, "2"), {"leader": "新领导"}, user="clerk")  # changed after issue
    conflicts = {a.code: a.conflicts for a in review_forms(engine, [path]).answers}
    assert conflicts["1"] == ["完成百分比不在 0–100 之间"]
    assert conflicts["2"] == ["填报表发出后，台账中的这项任务已被修改"]
    assert conflicts["3"] == ["填报单位修改了锁定的单元格 C8（具体改革内容）"]
    assert apply_answers(engine, review_forms(engine, [path]).answers, user="u") == 0


def test_task_no_longer_in_ledger(engine, tmp_path):
    from ledger_app.operations import delete_task

    path = fill(form_of(engine, tmp_path), {"1": {DONE: "甲", PERCENT: 10}})
    delete_task(engine, find_task_id(engine, "1"), user="u")
    answers = {a.code: a for a in review_forms(engine, [path]).answers}
    assert answers["1"].conflicts == ["任务已不在台账中"]


def test_other_ledger_and_other_quarter(engine, tmp_path, sample, new_db_url):
    path = fill(form_of(engine, tmp_path), {"1": {DONE: "甲", PERCENT: 10}})
    assert "不是 2017 年第 4 季度" in review_forms(engine, [path], expect=(2017, 4)).problems[0]
    other = open_ledger(new_db_url("other"))
    import_file(other.engine, sample)
    review = review_forms(other.engine, [path])
    assert "另一个台账" in review.problems[0] and review.answers == []
    other.close()


def test_not_a_form(engine, tmp_path, sample):
    assert "不是本程序生成的填报表" in review_forms(engine, [sample]).problems[0]


def test_form_resaved_by_libreoffice_still_merges(engine, tmp_path):
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.fail("LibreOffice (Debian libreoffice-calc-nogui) is needed: .ci/run installs it")
    path = fill(form_of(engine, tmp_path), {"2": {DONE: "三证合一全面实施", PERCENT: 90, STATUS: "推进中"}})
    out = tmp_path / "resaved"
    subprocess.run([office, "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=180,
                   env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    (resaved,) = out.glob("*.xlsx")
    review = review_forms(engine, [resaved])
    assert review.problems == []
    answer = next(a for a in review.answers if a.code == "2")
    assert answer.conflicts == [] and answer.changes["percent"] == (0, 90)
    assert apply_answers(engine, review.answers, user="u") == 1
    assert get_fields(engine, find_task_id(engine, "2"), ["percent"])["percent"] == 90


def test_command_line_forms_and_merge(tmp_path, sample, run_main):
    db = tmp_path / "l.db"

    def run(*args):
        return run_main("--db", str(db), *args)

    run("import", str(sample))
    run("config", "evidence.required", "0")  # a department's 已完成 is taken (issue 26 made it 1)
    made = run("forms", "--year", "2017", "--quarter", "3", "--dept", "招商局", "--out", str(tmp_path / "f"))
    assert made.returncode == 0 and "已生成 1 份填报表" in made.stdout
    (path,) = (tmp_path / "f").glob("*.xlsx")
    fill(path, {"14": {DONE: "政策体系已出台", PERCENT: 100, STATUS: "已完成"}})
    shown = run("merge", str(path))
    assert "政策体系已出台" in shown.stdout and "未写入任何内容" in shown.stdout
    assert '"percent": 0' in run("show", "14", "--json").stdout
    merged = run("merge", str(path), "--accept", "all")
    assert "已合并 1 项任务的答复" in merged.stdout
    assert '"status": "已完成"' in run("show", "14", "--json").stdout
    exported = run("export", "--out", str(tmp_path / "x.xlsx"))
    assert exported.returncode == 0 and "32 项任务" in exported.stdout
