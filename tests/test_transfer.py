"""migrate-db: a desk's ledger moves to the office server and back, verified table by table."""

from __future__ import annotations

from datetime import date

import pytest

from ledger_app import operations
from ledger_app.exchange.importing.apply import import_file
from ledger_app.messages.errors import LedgerError
from ledger_app.operations import add_supervision, create_task, edit_task, record_progress
from ledger_app.periods import closing
from ledger_app.periods.carry_over import carry_over
from ledger_app.records.progress import ProgressInput
from ledger_app.records.supervision import SupervisionInput
from ledger_app.store.opening import open_ledger
from ledger_app.store.transfer import copy_ledger, ledger_digest
from ledger_app.tasks.queries import find_task_id


@pytest.fixture
def desk(tmp_path, sample):
    """A local SQLite ledger with every kind of row in it."""
    opened = open_ledger(str(tmp_path / "desk.db"), user="王秘书")
    import_file(opened.engine, sample)
    task = find_task_id(opened.engine, "3")
    edit_task(opened.engine, task, {"status": "推进中", "leader": "李四"}, user="王秘书")
    record_progress(opened.engine, task, ProgressInput(2017, 3, 40, "平台上线试运行"), user="王秘书")
    add_supervision(opened.engine, task, SupervisionInput("限期整改", date(2017, 10, 9), "进度滞后",
                                                          date(2017, 11, 30)), user="王秘书")
    operations.close_quarter(opened.engine, 2017, 3, user="王秘书")  # a frozen snapshot (binary) and its log
    carry_over(opened.engine, 2017, 2018, user="王秘书", task_ids=[task])  # a carried-over task and its link
    yield opened
    opened.close()


def test_migrate_db_to_the_server_and_back_keeps_every_row(desk, new_db_url, tmp_path, command):
    server = new_db_url("server")
    out = command("migrate-db", "--from", desk.url.removeprefix("sqlite:///"), "--to", server).stdout
    assert "33 项任务" in out and "全部一致" in out
    on_server = open_ledger(server)
    expected = ledger_digest(desk.engine)
    assert ledger_digest(on_server.engine) == expected
    assert expected["task"].rows == 33 and expected["change_log"].rows > 0
    assert expected["quarter_close"].rows == 1 and expected["quarter_event"].rows == 1
    assert expected["supervision_action"].rows == 1 and expected["progress_report"].rows == 1
    # Ids were copied as they were: new rows on the server must not collide with them.
    plan_id = create_task_plan(on_server)
    new_id = create_task(on_server.engine, plan_id, {"title": "新增任务"}, user="张科长").value
    assert new_id == 34
    assert closing.frozen(on_server.engine, date(2017, 9, 30)).tasks == closing.frozen(desk.engine,
                                                                                      date(2017, 9, 30)).tasks
    on_server.close()

    back = tmp_path / "back.db"
    command("migrate-db", "--from", server, "--to", str(back))
    copy = open_ledger(str(back))
    got = ledger_digest(copy.engine)
    copy.close()
    assert got["task"].rows == 34
    assert {k: v for k, v in got.items() if k not in ("task", "change_log")} == \
        {k: v for k, v in expected.items() if k not in ("task", "change_log")}


def create_task_plan(ledger) -> int:
    from sqlalchemy import select

    from ledger_app.store.models import Plan

    with ledger.engine.connect() as conn:
        return conn.execute(select(Plan.id).order_by(Plan.id).limit(1)).scalar_one()


def test_a_target_with_data_is_refused_untouched(desk, new_db_url, sample, command):
    server = open_ledger(new_db_url("server"))
    import_file(server.engine, sample)
    before = ledger_digest(server.engine)
    with pytest.raises(LedgerError, match="目标台账已有数据"):
        copy_ledger(desk.engine, server.engine)
    assert ledger_digest(server.engine) == before
    refused = command("migrate-db", "--from", desk.url.removeprefix("sqlite:///"), "--to", server.url, check=False)
    assert refused.returncode == 2 and "未做任何改动" in refused.stderr
    server.close()


def test_digest_sees_a_single_changed_character(desk, new_db_url):
    copy = open_ledger(new_db_url("copy"))
    copy_ledger(desk.engine, copy.engine)
    assert ledger_digest(copy.engine) == ledger_digest(desk.engine)
    edit_task(copy.engine, find_task_id(copy.engine, "5"), {"content": "改了一个字"}, user="x")
    changed = ledger_digest(copy.engine)
    original = ledger_digest(desk.engine)
    assert changed["task"] != original["task"] and changed["plan"] == original["plan"]
    copy.close()
