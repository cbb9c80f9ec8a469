"""One rule for quarterly progress, whichever way it arrives: the window and the command line
(record_progress), a department's form (merge) and an exported ledger imported back (history)."""

from __future__ import annotations

from ledger_app.exchange.export import export_ledger
from ledger_app.exchange.forms.apply import apply_answers
from ledger_app.exchange.forms.merge import review_forms
from ledger_app.exchange.forms.workbook import issue_forms
from ledger_app.exchange.importing.apply import import_file
from ledger_app.operations import record_progress
from ledger_app.records.history import list_changes, list_progress
from ledger_app.records.progress import ProgressInput
from ledger_app.tasks.fields import get_fields
from ledger_app.tasks.queries import find_task_id
from tests.test_excel_forms import DONE, PERCENT, fill


def test_a_late_form_for_an_earlier_quarter_never_pulls_the_percent_back(ledger, sample, tmp_path):
    engine = ledger.engine
    import_file(engine, sample)
    task = find_task_id(engine, "2")
    (q2_form,) = issue_forms(engine, 2017, 2, tmp_path / "q2", ["行政审批局"])
    record_progress(engine, task, ProgressInput(2017, 3, 60, "三季度已完成系统对接"), user="窗口")
    before = get_fields(engine, task, ["percent", "version"])
    fill(q2_form.path, {"2": {DONE: "二季度完成方案", PERCENT: 35}})
    review = review_forms(engine, [q2_form.path], (2017, 2))
    answer = next(a for a in review.answers if a.task_id == task)
    answer.conflicts.clear()  # the clerk accepts the late form although the task moved on since
    apply_answers(engine, [answer], user="督查室")
    after = get_fields(engine, task, ["percent", "version"])
    assert after["percent"] == 60, "the Q3 percent stays: a late Q2 form is history"
    assert after["version"] > before["version"], "the merge moved the task's version"
    reports = {(r.year, r.quarter): r.percent for r in list_progress(engine, task)}
    assert reports == {(2017, 2): 35, (2017, 3): 60}
    assert any(c.source == "行政审批局" for c in list_changes(engine, task))


def test_progress_imported_from_an_export_moves_the_version_not_the_percent(ledger, sample, tmp_path, new_db_url):
    from ledger_app.store.opening import open_ledger

    engine = ledger.engine
    import_file(engine, sample)
    task = find_task_id(engine, "3")
    record_progress(engine, task, ProgressInput(2017, 2, 40, "完成方案"), user="窗口")
    record_progress(engine, task, ProgressInput(2017, 3, 70, "平台上线"), user="窗口")
    out = tmp_path / "台账.xlsx"
    export_ledger(engine, out)
    other = open_ledger(new_db_url("other"), user="另一台")
    try:
        import_file(other.engine, sample)
        copy = find_task_id(other.engine, "3")
        version = get_fields(other.engine, copy, ["version"])["version"]
        import_file(other.engine, out)
        fields = get_fields(other.engine, copy, ["percent", "version"])
        assert fields["percent"] == 70, "the table's own percent"
        assert fields["version"] > version
        assert [(r.quarter, r.percent) for r in list_progress(other.engine, copy)] == [(2, 40), (3, 70)]
        assert any(c.field == "季度进展" for c in list_changes(other.engine, copy))
    finally:
        other.close()
