"""Department forms are signed with the ledger's own secret: a form edited outside the program is
refused, naming the cell, even when the editor recomputes a plain checksum (issue 12, data-loss path 3)."""

from __future__ import annotations

import hashlib

import pytest
from openpyxl import load_workbook

from db.engine import create_ledger_engine
from db.migrate import upgrade_to_head
from ledger_app import operations
from ledger_app.exchange.forms.apply import apply_answers
from ledger_app.exchange.forms.merge import review_forms
from ledger_app.exchange.importing.apply import import_file
from ledger_app.exchange.importing.parse import cell_text
from ledger_app.messages.errors import LedgerError
from ledger_app.records.history import get_progress
from ledger_app.store import settings
from ledger_app.store.opening import open_ledger
from ledger_app.tasks.fields import get_fields
from ledger_app.tasks.queries import find_task_id
from tests.test_excel_forms import DONE, PERCENT, fill, form_of


@pytest.fixture
def engine(ledger, sample):
    import_file(ledger.engine, sample)
    return ledger.engine


def identity_rows(path):
    wb = load_workbook(path)
    return wb, wb["_identity"]


def line_of(ws, code: str) -> int:
    return next(r for r in range(8, ws.max_row + 1) if cell_text(ws.cell(r, 3).value) == code)


def test_moving_an_answer_onto_another_departments_task_is_refused(engine, tmp_path):
    path = fill(form_of(engine, tmp_path), {"1": {DONE: "本单位的进展", PERCENT: 90}})
    theirs = find_task_id(engine, "14")  # 招商局's task, not on this form
    wb, ws = identity_rows(path)
    line = line_of(ws, "1")
    ws.cell(line, 2).value = theirs  # what a department could do in the hidden sheet
    wb.save(path)
    review = review_forms(engine, [path])
    assert review.answers == []
    (problem,) = review.problems
    assert "_identity" in problem and f"第 {line} 行，第 B 列（task_id）" in problem and "已被改动" in problem
    assert apply_answers(engine, review.answers, user="u") == 0
    assert get_progress(engine, theirs, 2017, 3) is None
    assert get_fields(engine, theirs, ["percent"])["percent"] == 0


def test_a_locked_cell_changed_with_its_checksum_recomputed_is_refused(engine, tmp_path):
    path = fill(form_of(engine, tmp_path), {"2": {DONE: "三证合一", PERCENT: 50}},
                locked={("2", 3): "换成了别的改革内容"})
    wb, ws = identity_rows(path)
    line = line_of(ws, "2")
    form = wb["填报表"]
    row = int(ws.cell(line, 1).value)
    locked = [form.cell(row, c).value for c in range(1, 8)]
    # The unsigned scheme this replaces: a SHA-256 of the locked cells anyone can recompute.
    ws.cell(line, 5).value = hashlib.sha256("\x1f".join(cell_text(v) for v in locked).encode()).hexdigest()[:16]
    wb.save(path)
    review = review_forms(engine, [path])
    mergeable = [a.code for a in review.mergeable]
    assert "2" not in mergeable
    shown = "\n".join(review.problems + [c for a in review.answers for c in a.conflicts])
    assert f"第 {line} 行，第 E 列（locked）" in shown or f"C{row}" in shown
    apply_answers(engine, review.answers, user="u")
    assert get_progress(engine, find_task_id(engine, "2"), 2017, 3) is None


@pytest.mark.parametrize(("row", "value", "cell"), [(5, "招商局", "第 5 行，第 B 列（value）"),
                                                    (3, 2018, "第 3 行，第 B 列（value）"),
                                                    (4, 4, "第 4 行，第 B 列（value）")])
def test_the_forms_head_cannot_be_changed(engine, tmp_path, row, value, cell):
    path = fill(form_of(engine, tmp_path), {"1": {DONE: "甲", PERCENT: 10}})
    wb, ws = identity_rows(path)
    ws.cell(row, 2).value = value
    wb.save(path)
    (problem,) = review_forms(engine, [path]).problems
    assert cell in problem and "已被改动" in problem


def test_a_form_without_signatures_is_refused(engine, tmp_path):
    path = fill(form_of(engine, tmp_path), {"1": {DONE: "甲", PERCENT: 10}})
    wb, ws = identity_rows(path)
    for r in range(1, ws.max_row + 1):  # as the program wrote forms before they were signed
        ws.cell(r, 6 if r >= 7 else 3).value = None
    wb.save(path)
    (problem,) = review_forms(engine, [path]).problems
    assert problem.startswith(f"{path.name}：") and "没有本台账的签名" in problem


def test_the_secret_is_per_ledger_and_never_shown(engine, tmp_path, sample, new_db_url):
    from ledger_app.exchange.forms.workbook import ledger_id

    path = fill(form_of(engine, tmp_path), {"1": {DONE: "甲", PERCENT: 10}})
    assert "forms.secret" not in settings.get_all(engine)
    with pytest.raises(LedgerError, match="未知设置项"):
        operations.set_setting(engine, "forms.secret", "00" * 32)
    other = open_ledger(new_db_url("other"))
    import_file(other.engine, sample)
    wb, ws = identity_rows(path)
    ws.cell(1, 2).value = ledger_id(other.engine)  # claims the other ledger: its secret does not sign it
    wb.save(path)
    (problem,) = review_forms(other.engine, [path]).problems
    assert "已被改动" in problem
    other.close()


def test_ledgers_before_0008_get_a_secret_on_upgrade(new_db_url):
    from sqlalchemy import text

    url = new_db_url("old")
    engine = create_ledger_engine(url)
    upgrade_to_head(engine, target="0007")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM setting WHERE key = 'forms.secret'")).scalar() == 0
    engine.dispose()
    ledger = open_ledger(url)
    from ledger_app.exchange.forms.signing import form_secret

    assert len(form_secret(ledger.engine)) == 32
    ledger.close()


def test_a_workbook_that_is_not_this_ledgers_form_of_the_quarter_is_refused_by_its_name(engine, tmp_path, sample,
                                                                                        new_db_url):
    """Refused whole, each naming the file: a form without its hidden identity sheet, one of another ledger,
    one of another quarter than the merge asks for."""
    from openpyxl import load_workbook

    from ledger_app.exchange.forms.identity import IDENTITY_SHEET

    path = fill(form_of(engine, tmp_path), {"1": {DONE: "甲", PERCENT: 10}})
    other = open_ledger(new_db_url("other"))
    import_file(other.engine, sample)
    try:
        (foreign,) = review_forms(other.engine, [path]).problems
    finally:
        other.close()
    assert foreign == f"{path.name}：这份填报表属于另一个台账，未合并"
    (early,) = review_forms(engine, [path], expect=(2017, 2)).problems
    assert early == f"{path.name}：这是 2017 年第 3 季度的填报表，不是 2017 年第 2 季度的，未合并"
    wb = load_workbook(path)
    del wb[IDENTITY_SHEET]
    wb.save(path)
    (bare,) = review_forms(engine, [path]).problems
    assert bare == f"{path.name}：不是本程序生成的填报表"
