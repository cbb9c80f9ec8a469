"""Migration 0011 (indicators, dismissals, the form register, delivered documents) keeps an
existing ledger: documents issued before it count as delivered, so none of them can be withdrawn."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from db.engine import create_ledger_engine
from db.migrate import upgrade_to_head
from ledger_app.exchange.importing.indicators import import_indicators
from ledger_app.indicators.store import count_indicators
from ledger_app.messages.errors import LedgerError
from ledger_app.operations import reserving
from ledger_app.records import numbering
from ledger_app.store.opening import open_ledger
from tests.test_indicators import YINCHUAN


def test_an_0010_ledger_gains_the_new_tables_and_keeps_its_documents(db_url):
    engine = create_ledger_engine(db_url)
    upgrade_to_head(engine, target="0010")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO issued_document (kind, subject, year, serial, doc_no, title, signed_on, as_of,"
                          " pages, issued_at, issued_by) VALUES ('notice', '1|2017-10-15', 2017, 1, '整改〔2017〕1号',"
                          " '限期整改通知书', '2017-10-15', '2017-10-15', 2, '2017-10-15 08:00:00', '督查室')"))
    engine.dispose()
    ledger = open_ledger(db_url)
    (issued,) = numbering.issued(ledger.engine, "notice")
    assert issued.delivered_at is not None and numbering.held(ledger.engine) == []
    from db.session import transaction

    with pytest.raises(LedgerError, match="已打印或另存"), transaction(ledger.engine) as session:
        reserving.withdraw(session, session.merge(issued))
    assert count_indicators(ledger.engine) == 0
    import_indicators(ledger.engine, YINCHUAN)
    assert count_indicators(ledger.engine) == 11
    ledger.close()


def test_the_demo_ledger_has_the_yinchuan_indicators(tmp_path):
    from ledger_app.exchange.demo import build_demo_ledger
    from ledger_app.indicators.store import list_indicators

    ledger = build_demo_ledger(tmp_path / "demo.db")
    views = list_indicators(ledger.engine, date(2024, 12, 31))
    assert len(views) == 11 and {v.light for v in views} == {"green", "yellow", "done"}
    ledger.close()
