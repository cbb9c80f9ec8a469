"""One 文号, one text, byte for byte (issue 24): an issued document keeps the PDF it was delivered
as, and a reprint writes those bytes — a 补录 entered since, effective by the 截至日期 of a quarter
still open, changes nothing the number prints (the reprint says there are such entries). The
original is never purged, travels with backups, restores and migrate-db (its hash checked), and
registers from before the bytes were kept (migration 0013) are typeset again, said so."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from sqlalchemy import func, select, text, update

from db.session import transaction
from ledger_app import operations
from ledger_app.evidence.blobs import purge
from ledger_app.records import numbering
from ledger_app.records.progress import ProgressInput
from ledger_app.store.opening import open_ledger
from ledger_app.store.schema import evidence_blob, issued_document
from ledger_app.tasks.queries import find_task_id
from tests.documents import sample_with_progress
from tests.pdf_check import page_texts

BULLETIN = ("report", "bulletin", "--year", "2017", "--quarter", "3")


@pytest.fixture
def engine(ledger, sample):
    sample_with_progress(ledger.engine, sample)
    operations.set_setting(ledger.engine, "evidence.required", "0")
    return ledger.engine


def _late_entry(engine) -> None:  # noqa: ANN001
    """A 补录 in the open third quarter, effective before its end: task 4 reported done on 20 September."""
    task = find_task_id(engine, "4")
    operations.record_progress(engine, task, ProgressInput(2017, 3, 100, "九月已完成，补录",
                                                           effective_on=date(2017, 9, 20)), user="督查室")


def _sha(path) -> str:  # noqa: ANN001
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _blobs(engine) -> int:  # noqa: ANN001
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(evidence_blob)).scalar_one()


def test_a_reprint_after_a_late_entry_is_the_issued_file_byte_for_byte(engine, db_url, command, tmp_path):
    first = tmp_path / "first.pdf"
    command(*BULLETIN, "--date", "2017-10-15", "--out", str(first), db=db_url)
    (row,) = numbering.issued(engine)
    assert row.blob_id is not None, "the delivered PDF is kept"
    _late_entry(engine)
    draft = tmp_path / "draft.pdf"
    command(*BULLETIN, "--no-record", "--out", str(draft), db=db_url)
    assert page_texts(draft) != page_texts(first), "typeset again, the ledger would print other figures"

    again = tmp_path / "again.pdf"
    out = command(*BULLETIN, "--out", str(again), db=db_url).stdout
    assert again.read_bytes() == first.read_bytes(), "the reprint is the registered file itself"
    assert out.startswith("重印 ") and "原件" in out and "成文日期2017年10月15日" in out, out
    assert "1 条补录" in out and "不含这些补录" in out, "the reprint says the ledger has moved on"
    assert "编号：通报〔2017〕1号（重印）" in out
    # Naming the registered dates is the same reprint; other dates are still refused.
    command(*BULLETIN, "--as-of", "2017-09-30", "--date", "2017-10-15", "--out", str(again), db=db_url)
    assert again.read_bytes() == first.read_bytes()
    refused = command(*BULLETIN, "--date", "2017-12-01", "--out", str(tmp_path / "x.pdf"), db=db_url, check=False)
    assert refused.returncode != 0 and "通报〔2017〕1号" in refused.stderr
    assert [d.doc_no for d in numbering.issued(engine)] == ["通报〔2017〕1号"] and _blobs(engine) == 1


def test_a_quarters_sheets_reprint_as_delivered_and_a_part_of_them_is_typeset_again(engine, db_url, command,
                                                                                     tmp_path):
    first = tmp_path / "sheets.pdf"
    command("report", "quarterly-sheet", "--year", "2017", "--quarter", "3", "--dept", "招商局", "--dept", "科技局",
            "--date", "2017-10-15", "--out", str(first), db=db_url)
    rows = numbering.issued(engine)
    assert len(rows) == 2 and len({r.blob_id for r in rows}) == 1, "one file, kept once for both numbers"
    _late_entry(engine)
    again = tmp_path / "again.pdf"
    out = command("report", "quarterly-sheet", "--year", "2017", "--quarter", "3", "--dept", "科技局", "--dept",
                  "招商局", "--out", str(again), db=db_url).stdout
    assert again.read_bytes() == first.read_bytes() and "原件" in out, out
    part = tmp_path / "part.pdf"
    out = command("report", "quarterly-sheet", "--year", "2017", "--quarter", "3", "--dept", "招商局",
                  "--out", str(part), db=db_url).stdout
    assert out.startswith("重印 ") and "重新排版" in out and "全部文书" in out, out
    # Every department asked for: those not issued yet get their sheets and numbers, as before.
    everyone = tmp_path / "everyone.pdf"
    out = command("report", "quarterly-sheet", "--year", "2017", "--quarter", "3", "--out", str(everyone),
                  db=db_url).stdout
    assert "督办〔2017〕3号" in out and "招商局 督办〔2017〕1号（重印）" in out, out
    assert len(numbering.issued(engine)) > 2


def test_the_issued_original_is_never_purged(engine, tmp_path):
    from tests.documents import make

    make(engine, tmp_path, "bulletin", quarter=3)
    (row,) = numbering.issued(engine)
    with transaction(engine) as session:
        assert purge(session) == 0, "named by the register: kept"
    from ledger_app.operations.closure import purge_evidence

    assert purge_evidence(engine).value == 0
    with engine.connect() as conn:
        assert conn.execute(select(evidence_blob.c.id)).scalars().all() == [row.blob_id]


def test_a_held_notice_keeps_no_bytes_and_taking_it_back_leaves_none(engine, tmp_path):
    from ledger_app.documents.options import ReportOptions
    from ledger_app.operations.issuing import issue

    notice = ReportOptions("notice", 2017, None, date(2017, 10, 15), [], "4", signed=date(2017, 10, 15))
    held = issue(engine, notice, lambda _pdf: None, user="督查室", hold=True)
    assert held.numbers == {"4": "整改〔2017〕1号"}
    assert [r.blob_id for r in numbering.held(engine)] == [None] and _blobs(engine) == 0
    with transaction(engine) as session:
        from ledger_app.operations import reserving
        from ledger_app.store.models import IssuedDocument

        reserving.withdraw(session, session.scalars(select(IssuedDocument)).one())
    assert numbering.issued(engine) == [] and _blobs(engine) == 0, "nothing left behind"
    # Held again and then printed: the printed file is what is kept.
    issue(engine, notice, lambda _pdf: None, user="督查室", hold=True)
    printed = tmp_path / "notice.pdf"
    issue(engine, notice, lambda pdf: printed.write_bytes(pdf.read_bytes()), user="督查室")
    (row,) = numbering.issued(engine)
    assert row.delivered_at is not None and row.blob_id is not None
    again = tmp_path / "again.pdf"
    result = issue(engine, notice, lambda pdf: again.write_bytes(pdf.read_bytes()), user="督查室")
    assert result.original and again.read_bytes() == printed.read_bytes()


def test_a_register_from_before_0013_upgrades_and_its_reprint_is_typeset_again(new_db_url, engine, db_url, command,
                                                                              tmp_path):
    from db.engine import create_ledger_engine
    from db.migrate import upgrade_to_head

    old = new_db_url("old")
    made = create_ledger_engine(old)
    upgrade_to_head(made, target="0012")
    with made.begin() as conn:
        conn.execute(text("INSERT INTO issued_document (kind, subject, year, serial, doc_no, title, signed_on, as_of,"
                          " pages, issued_at, issued_by, delivered_at) VALUES ('bulletin', '|2017Q3', 2017, 1,"
                          " '通报〔2017〕1号', '2017年第三季度改革任务推进情况通报', '2017-10-15', '2017-09-30', 3,"
                          " '2017-10-15 08:00:00', '督查室', '2017-10-15 08:00:00')"))
    made.dispose()
    upgraded = open_ledger(old)
    (row,) = numbering.issued(upgraded.engine)
    assert (row.doc_no, row.pages, row.blob_id) == ("通报〔2017〕1号", 3, None), "kept, with no original"
    upgraded.close()

    # Such a row (here: the original forgotten as if issued before 0013) reprints typeset again, said so.
    first = tmp_path / "first.pdf"
    command(*BULLETIN, "--date", "2017-10-15", "--out", str(first), db=db_url)
    with transaction(engine) as session:
        session.execute(update(issued_document).values(blob_id=None))
    again = tmp_path / "again.pdf"
    out = command(*BULLETIN, "--out", str(again), db=db_url).stdout
    assert out.startswith("重印 ") and "尚未保存原件" in out and "重新排版" in out, out
    assert page_texts(again) == page_texts(first), "with the registered dates"
    assert numbering.issued(engine)[0].blob_id is None, "a typeset reprint is not taken for the original"


def test_the_original_travels_with_backup_restore_and_migrate_db(engine, db_url, new_db_url, command, tmp_path):
    first = tmp_path / "first.pdf"
    command(*BULLETIN, "--date", "2017-10-15", "--out", str(first), db=db_url)
    _late_entry(engine)
    moved = new_db_url("moved")
    out = command("migrate-db", "--from", db_url, "--to", moved).stdout
    assert "全部一致" in out, out
    from_move = tmp_path / "moved.pdf"
    command(*BULLETIN, "--out", str(from_move), db=moved)
    assert _sha(from_move) == _sha(first), "the same bytes on the other database"
    if "://" in db_url:
        return  # backups are of a desk's SQLite file
    from ledger_app.store.backup import backup_ledger
    from ledger_app.store.restore import check_backup, restore_ledger

    backup = backup_ledger(db_url, "manual", out=tmp_path / "backup.db")
    assert check_backup(backup) == "0013", "the whole-read check hashes the original too"
    engine.dispose()
    restore_ledger(backup, db_url)
    restored = tmp_path / "restored.pdf"
    command(*BULLETIN, "--out", str(restored), db=db_url)
    assert _sha(restored) == _sha(first)


def test_a_damaged_original_is_refused_not_printed(engine, db_url, new_db_url, command, tmp_path):
    from ledger_app.store.schema import evidence_chunk

    first = tmp_path / "first.pdf"
    command(*BULLETIN, "--date", "2017-10-15", "--out", str(first), db=db_url)
    with transaction(engine) as session:
        session.execute(update(evidence_chunk).values(data=b"%PDF-1.4 damaged"))
    again = tmp_path / "again.pdf"
    refused = command(*BULLETIN, "--out", str(again), db=db_url, check=False)
    assert refused.returncode != 0 and "原件已损坏" in refused.stderr and "备份" in refused.stderr, refused.stderr
    assert not again.exists()
    moved = command("migrate-db", "--from", db_url, "--to", new_db_url("moved"), check=False)
    assert moved.returncode != 0 and "已印发公文通报〔2017〕1号存档的原件已损坏" in moved.stderr, moved.stderr
    if "://" not in db_url:  # a desk's file: its backup's whole-read check names it too
        from ledger_app.messages.errors import LedgerError
        from ledger_app.store.backup import backup_ledger

        with pytest.raises(LedgerError, match="已印发公文通报〔2017〕1号存档的原件已损坏"):
            backup_ledger(db_url, "manual", out=tmp_path / "backup.db")


def test_a_closed_quarters_reprint_is_the_original_until_a_correction_then_it_lists_it(engine, db_url, command,
                                                                                      tmp_path):
    first = tmp_path / "first.pdf"
    command(*BULLETIN, "--date", "2017-10-15", "--out", str(first), db=db_url)
    operations.close_quarter(engine, 2017, 3, user="督查室")
    closed = tmp_path / "closed.pdf"
    out = command(*BULLETIN, "--out", str(closed), db=db_url).stdout
    assert closed.read_bytes() == first.read_bytes() and "原件" in out, out
    task = find_task_id(engine, "4")
    operations.record_progress(engine, task, ProgressInput(2017, 3, 100, "九月已完成", effective_on=date(2017, 9, 20)),
                               user="督查室", reason="漏报")
    corrected = tmp_path / "corrected.pdf"
    out = command(*BULLETIN, "--out", str(corrected), db=db_url).stdout
    assert out.startswith("重印 ") and "录入了更正" in out and "重新排版" in out, out
    text = "".join(page_texts(corrected)).replace("\n", "")
    assert "更正" in text and "漏报" in text, "the corrected text, with its 更正说明"


def test_the_late_entries_said_are_those_of_the_plan_reported_on(engine, tmp_path):
    from ledger_app.tasks.queries import plan_titles
    from tests.documents import make

    (title,) = plan_titles(engine)
    make(engine, tmp_path, "bulletin", quarter=3, plan=title)
    _late_entry(engine)
    again, _reader = make(engine, tmp_path, "bulletin", quarter=3, plan=title)
    assert again.original and again.late == 1
