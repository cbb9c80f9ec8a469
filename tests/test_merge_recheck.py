"""Merging returned forms rechecks every answer inside the transaction that writes it: an answer
whose task another desk changed after the review is refused by name, and nothing is written."""

from __future__ import annotations

import pytest

from ledger_app.exchange.forms.apply import apply_answers
from ledger_app.exchange.forms.merge import MergeConflict, review_forms
from ledger_app.exchange.importing.apply import import_file
from ledger_app.operations import record_progress
from ledger_app.records.history import get_progress
from ledger_app.records.progress import ProgressInput
from ledger_app.tasks.fields import get_fields
from ledger_app.tasks.queries import find_task_id
from tests.test_excel_forms import DONE, PERCENT, fill, form_of


@pytest.fixture
def engine(ledger, sample):
    import_file(ledger.engine, sample)
    return ledger.engine


def test_another_desks_save_between_review_and_merge_is_not_overwritten(engine, tmp_path):
    path = fill(form_of(engine, tmp_path), {"1": {DONE: "部门填的 40%", PERCENT: 40},
                                            "2": {DONE: "三证合一", PERCENT: 50}})
    review = review_forms(engine, [path])
    assert [a.code for a in review.mergeable] == ["1", "2"]
    task = find_task_id(engine, "1")
    # Another desk records 90% for the same quarter while the merge dialog is open.
    record_progress(engine, task, ProgressInput(2017, 3, 90, "另一台电脑填的 90%"), user="李四")
    with pytest.raises(MergeConflict) as refused:
        apply_answers(engine, review.answers, user="督查室")
    message = str(refused.value)
    assert "1" in message and "审阅后" in message and "未合并任何内容" in message
    assert get_fields(engine, task, ["percent"])["percent"] == 90
    assert get_progress(engine, task, 2017, 3).done == "另一台电脑填的 90%"
    # All or nothing: the other, untouched answer was not written either.
    assert get_progress(engine, find_task_id(engine, "2"), 2017, 3) is None
    assert next(a for a in review.answers if a.code == "1").conflicts == ["审阅后，台账中的这项任务已被他人修改"]
    # Reviewed again, the form shows the conflict and the rest merges.
    again = review_forms(engine, [path])
    assert [a.code for a in again.mergeable] == ["2"]
    assert apply_answers(engine, again.answers, user="督查室") == 1


def test_a_task_deleted_between_review_and_merge_is_a_conflict(engine, tmp_path):
    from ledger_app.operations import delete_task

    path = fill(form_of(engine, tmp_path), {"1": {DONE: "甲", PERCENT: 40}})
    review = review_forms(engine, [path])
    delete_task(engine, find_task_id(engine, "1"), user="u")
    with pytest.raises(MergeConflict, match="未合并任何内容"):
        apply_answers(engine, review.answers, user="u")


def test_a_merge_conflict_names_every_task_that_changed_once_and_keeps_their_answers(engine, tmp_path):
    path = fill(form_of(engine, tmp_path), {"1": {DONE: "甲", PERCENT: 40}, "2": {DONE: "乙", PERCENT: 50}})
    review = review_forms(engine, [path])
    for code in ("2", "1"):
        record_progress(engine, find_task_id(engine, code), ProgressInput(2017, 3, 90, "另一台电脑"), user="李四")
    with pytest.raises(MergeConflict) as refused:
        apply_answers(engine, review.answers, user="督查室")
    assert "1、2" in str(refused.value)
    assert [a.code for a in refused.value.answers] == ["1", "2"]
