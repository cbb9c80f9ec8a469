"""Nothing lost at the edges of a returned department form (issue 22): a blank answer changes
nothing, every change a merge makes is in its review, an identity line cleared or added refuses the
form, and a 发生日期 outside the form's quarter is a conflict."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from tests.test_excel_forms import DONE, PERCENT, fill


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
    from ledger_app.exchange.importing import import_file
    from ledger_app.records.progress import ProgressInput, record_progress
    from ledger_app.tasks.lifecycle import get_fields
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
