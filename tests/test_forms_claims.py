"""Departments claim finished tasks on the form they return (issue 26, 4): a 申请销号 page carries the
claims and says how to name the evidence; the files come beside the form (a folder or a zip), are
matched to the claims by 序号, checked like any evidence and shown in the review; files that belong to
no claim are listed, never guessed; merging stores the claims and their files."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ledger_app import operations
from ledger_app.evidence.register import claims_of, list_files
from ledger_app.exchange.forms.apply import apply_answers
from ledger_app.exchange.forms.claim_sheet import CLAIM_SHEET, ClaimAnswer
from ledger_app.exchange.forms.claim_sheet import HEADER_ROW as CLAIM_HEADER
from ledger_app.exchange.forms.merge import review_forms
from ledger_app.exchange.importing.apply import import_file
from ledger_app.tasks.queries import TaskQuery, find_task_id, list_tasks
from tests import evidence_files as make
from tests.test_excel_forms import DONE, PERCENT, STATUS, fill, form_of

FLAG, DAY, SUMMARY, LISTED = 5, 6, 7, 8


@pytest.fixture
def engine(ledger, sample):
    import_file(ledger.engine, sample)
    return ledger.engine


def claim_rows(path: Path, rows: dict[str, dict[int, object]]) -> Path:
    wb = load_workbook(path)
    ws = wb[CLAIM_SHEET]
    found = {str(ws.cell(r, 1).value): r for r in range(CLAIM_HEADER + 1, ws.max_row + 1)}
    for code, cells in rows.items():
        for column, value in cells.items():
            assert not ws.cell(found[code], column).protection.locked
            ws.cell(found[code], column).value = value
    wb.save(path)
    return path


def evidence(folder: Path) -> Path:
    """What 行政审批局 sends back: a folder for task 3, a file named for task 2, and two strays."""
    (folder / "3 推行权力清单").mkdir(parents=True)
    make.pdf(folder / "3 推行权力清单" / "印发文件.pdf")
    make.picture(folder / "3 推行权力清单" / "现场照片.jpg", "JPEG")
    make.docx(folder / "2-工作总结.docx")
    make.pdf(folder / "说明.pdf")  # no 序号: listed
    make.pdf(folder / "1-自查报告.pdf", text="1")  # task 1 is not claimed: listed
    (folder / "~$工作总结.docx").write_bytes(b"lock")  # Word's lock file: ignored
    return folder


def test_the_form_carries_a_claim_page_that_says_how_to_send_the_evidence(engine, tmp_path):
    wb = load_workbook(form_of(engine, tmp_path))
    ws = wb[CLAIM_SHEET]
    assert ws.protection.sheet and "申请销号" in ws["A1"].value
    assert "以任务序号命名" in ws["A3"].value and "3-印发文件.pdf" in ws["A3"].value
    assert [ws.cell(CLAIM_HEADER, c).value for c in (1, FLAG, DAY, SUMMARY)] == ["序号", "申请销号", "办结日期", "办结情况"]
    assert [ws.cell(r, 1).value for r in range(CLAIM_HEADER + 1, ws.max_row + 1)] == ["1", "2", "3"]
    assert ws.cell(CLAIM_HEADER + 1, 2).protection.locked and not ws.cell(CLAIM_HEADER + 1, FLAG).protection.locked


def test_claims_and_their_files_are_reviewed_then_merged(engine, tmp_path):
    form = claim_rows(form_of(engine, tmp_path), {
        "3": {FLAG: "是", DAY: datetime(2017, 9, 20), SUMMARY: "权力清单已公布", LISTED: "印发文件.pdf、现场照片.jpg"},
        "2": {FLAG: "是", SUMMARY: "三证合一全面实施"}})
    review = review_forms(engine, [form], evidence=[evidence(tmp_path / "交回")])
    claims = {a.code: a for a in review.answers if isinstance(a, ClaimAnswer)}
    assert sorted(claims) == ["2", "3"] and all(a.mergeable for a in claims.values())
    assert [f.name for f in claims["3"].files] == ["印发文件.pdf", "现场照片.jpg"]
    assert claims["3"].claimed_on == date(2017, 9, 20) and claims["2"].claimed_on == date(2017, 9, 30)
    assert "印发文件.pdf、现场照片.jpg" in claims["3"].changes["申请销号"][1]
    assert sorted(review.unassigned) == [
        "“交回/1-自查报告.pdf”不属于任何申请销号的任务（序号 1 没有在填报表上申请销号），未保存",
        "“交回/说明.pdf”不属于任何申请销号的任务（位置和文件名都没有任务序号），未保存"]
    assert apply_answers(engine, review.answers, user="督查室") == 2
    three = find_task_id(engine, "3")
    (claim,) = claims_of(engine, three)
    assert (claim.claimed_on, claim.summary, claim.unit, claim.source) == \
        (date(2017, 9, 20), "权力清单已公布", "行政审批局", "填报表（行政审批局）")
    assert sorted(v.name for v in list_files(engine, three)) == ["印发文件.pdf", "现场照片.jpg"]
    pending = list_tasks(engine, TaskQuery(as_of=date(2017, 10, 15), light="pending"))
    assert sorted(v.code for v in pending) == ["2", "3"]


def test_the_evidence_may_come_as_a_zip_but_not_one_that_leaves_its_folder(engine, tmp_path):
    folder = evidence(tmp_path / "交回")
    good = make.gbk_zip(tmp_path / "行政审批局佐证材料.zip", {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()})
    form = claim_rows(form_of(engine, tmp_path), {"3": {FLAG: "是", SUMMARY: "权力清单已公布"}})
    review = review_forms(engine, [form], evidence=[good])
    (claim,) = [a for a in review.answers if isinstance(a, ClaimAnswer)]
    assert [f.name for f in claim.files] == ["印发文件.pdf", "现场照片.jpg"] and claim.mergeable, (claim, review)
    assert any("2-工作总结.docx" in line for line in review.unassigned)
    hostile = make.zip_with(tmp_path / "坏.zip", {"3/印发文件.pdf": b"%PDF-1.4\n", "../../3-x.pdf": b"%PDF-1.4\n"})
    review = review_forms(engine, [form], evidence=[hostile])
    assert review.problems == ["“坏.zip”是含有指向文件夹之外路径（../../3-x.pdf）的压缩包，疑为恶意文件，未保存任何内容"]
    (claim,) = [a for a in review.answers if isinstance(a, ClaimAnswer)]
    assert not claim.mergeable and "没有随表交回的佐证材料" in claim.conflicts[0]


def test_a_hostile_file_beside_the_form_stops_its_claim_named(engine, tmp_path):
    folder = evidence(tmp_path / "交回")
    (folder / "3 推行权力清单" / "查看.pdf").write_bytes(b"MZ\x90\x00" + bytes(100))
    form = claim_rows(form_of(engine, tmp_path), {"3": {FLAG: "是", SUMMARY: "已公布", LISTED: "通知原件.pdf"}})
    review = review_forms(engine, [form], evidence=[folder])
    (claim,) = [a for a in review.answers if isinstance(a, ClaimAnswer)]
    assert "“查看.pdf”是可执行程序（Windows 程序 EXE/DLL），不能作为佐证材料，未保存任何内容" in claim.conflicts
    assert "表上列出的佐证材料“通知原件.pdf”没有随表交回" in claim.conflicts
    assert apply_answers(engine, review.answers, user="督查室") == 0
    assert claims_of(engine, find_task_id(engine, "3")) == []


def test_a_status_of_done_on_the_form_is_not_taken_without_销号(engine, tmp_path):
    form = fill(form_of(engine, tmp_path), {"2": {DONE: "三证合一全面实施", PERCENT: 100, STATUS: "已完成"}})
    shutil.copy(form, tmp_path / "copy.xlsx")
    (answer,) = [a for a in review_forms(engine, [form]).answers if a.code == "2" and a.changes]
    assert answer.changes["status"] == ("未启动", "推进中") and answer.changes["percent"] == (0, 100)
    assert "须经申请销号" in answer.notes[0]
    apply_answers(engine, [answer], user="督查室")
    view = list_tasks(engine, TaskQuery(task_ids=[find_task_id(engine, "2")]))[0]
    assert (view.status, view.percent) == ("推进中", 100)


def test_where_the_office_turned_the_evidence_rule_off_a_form_sets_已完成_itself(engine, tmp_path):
    """The same form, in an office whose setting ``evidence.required`` is 0: the status is taken as written."""
    operations.set_setting(engine, "evidence.required", "0")
    form = fill(form_of(engine, tmp_path), {"2": {DONE: "三证合一全面实施", PERCENT: 100, STATUS: "已完成"}})
    (answer,) = [a for a in review_forms(engine, [form]).answers if a.code == "2" and a.changes]
    assert answer.changes["status"] == ("未启动", "已完成") and not answer.notes
    apply_answers(engine, [answer], user="督查室")
    assert list_tasks(engine, TaskQuery(task_ids=[find_task_id(engine, "2")]))[0].status == "已完成"


def test_a_bad_form_and_a_bad_evidence_archive_are_both_listed(engine, tmp_path):
    """The problems of the forms and of the evidence sent with them add up; neither hides the other."""
    from openpyxl import load_workbook

    from ledger_app.exchange.forms.identity import IDENTITY_SHEET

    not_a_form = tmp_path / "不是填报表.xlsx"
    not_a_form.write_bytes(form_of(engine, tmp_path).read_bytes())
    wb = load_workbook(not_a_form)
    del wb[IDENTITY_SHEET]
    wb.save(not_a_form)
    hostile = make.zip_with(tmp_path / "坏.zip", {"3/印发文件.pdf": b"%PDF-1.4\n", "../../3-x.pdf": b"%PDF-1.4\n"})
    problems = review_forms(engine, [not_a_form], evidence=[hostile]).problems
    assert problems == ["“坏.zip”是含有指向文件夹之外路径（../../3-x.pdf）的压缩包，疑为恶意文件，未保存任何内容",
                        "不是填报表.xlsx：不是本程序生成的填报表"]
