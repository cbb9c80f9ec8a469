"""What enters the ledger (issue 12, data-loss paths 4, 6 and 7): nothing stored can fail to export,
input that cannot be read is an error rather than a silent clear, and years and control characters
are checked by the services whatever the caller."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from ledger_app.exchange.importing.apply import import_file
from ledger_app.messages.errors import LedgerError
from ledger_app.operations import edit_task
from ledger_app.store.opening import open_ledger
from ledger_app.tasks.fields import get_fields
from ledger_app.tasks.queries import find_task_id

# ----- 4. nothing stored can fail to export (Excel holds 32,767 characters in a cell) ---------------------

LONG = "改革" * 20_000  # 40,000 characters


def test_the_command_line_refuses_text_longer_than_a_cell(filled, db, cli, capsys):
    assert cli(["set", "1", "--content", LONG, "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "具体改革内容" in err and "40,000" in err and "32,767" in err
    assert cli(["progress", "1", "--year", "2017", "--quarter", "3", "--percent", "5", "--done", LONG,
                "--db", str(db)]) == 2
    assert "过长" in capsys.readouterr().err
    with closing(sqlite3.connect(db)) as conn:
        assert max(len(c) for (c,) in conn.execute("SELECT content FROM task")) < 1000
        assert conn.execute("SELECT count(*) FROM progress_report").fetchone()[0] == 0


def with_text(path: Path, placeholder: str, text: str) -> Path:
    """Put ``text`` where ``placeholder`` is: openpyxl itself cuts what it writes at 32,767 characters,
    but a workbook from another program may hold more."""
    import zipfile

    parts = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            parts[name] = archive.read(name).replace(placeholder.encode(), text.encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_an_imported_cell_longer_than_excel_holds_is_refused_by_row_and_column(ledger, tmp_path):
    from ledger_app.messages.errors import ImportRejected
    from tests.tables import write_table

    table = with_text(write_table(tmp_path / "long.xlsx", [[1, "领域", "项目", "内容", "", "招商局", "", "", "2017年底"],
                                                           [2, "领域", "项目二", "LONG", "", "招商局", "", "", "2017年底"]]),
                      "LONG", LONG)
    with pytest.raises(ImportRejected) as refused:
        import_file(ledger.engine, table)
    assert "第 4 行，第 D 列（具体改革内容）" in str(refused.value) and "40,000" in str(refused.value)


def test_a_merged_answer_longer_than_a_cell_is_a_conflict(ledger, sample, tmp_path):
    from ledger_app.exchange.forms.merge import review_forms
    from tests.test_excel_forms import DONE, PERCENT, fill, form_of

    import_file(ledger.engine, sample)
    path = with_text(fill(form_of(ledger.engine, tmp_path), {"1": {DONE: "LONG", PERCENT: 10}}), "LONG", LONG)
    answer = next(a for a in review_forms(ledger.engine, [path]).answers if a.code == "1")
    assert not answer.mergeable and any("本季度进展" in c and "过长" in c for c in answer.conflicts)


def test_the_window_refuses_text_longer_than_a_cell(qtbot, ledger, sample, qapp, monkeypatch):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QFocusEvent
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ui.controller import LedgerController
    from ui.detail import DetailPane

    import_file(ledger.engine, sample)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: warned.append(text))
    controller = LedgerController(ledger)
    pane = DetailPane(controller)
    qtbot.addWidget(pane)
    pane.show()
    task = find_task_id(ledger.engine, "2")
    pane.show_task(task)
    pane.basic.content.setPlainText(LONG)  # a line edit stops at 32,767 by itself; this one does not
    QApplication.sendEvent(pane.basic.content, QFocusEvent(QEvent.Type.FocusOut))  # the clerk leaves the field
    controller.wait()  # refused by the save, on the runner's worker
    assert warned and "具体改革内容" in warned[0] and "过长" in warned[0]
    assert len(get_fields(ledger.engine, task, ["content"])["content"]) < 1000


def test_export_never_cuts_text_short(filled, db, tmp_path, cli, capsys):
    with closing(sqlite3.connect(db)) as conn:  # stored by an older version, before the checks
        conn.execute("UPDATE task SET measures = ? WHERE code = '3'", (LONG,))
        conn.commit()
    out = tmp_path / "x.xlsx"
    assert cli(["export", "--out", str(out), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "E5" in err and "40,000" in err and not out.exists()


RARE = "𠮷" * 20_000  # 20,000 characters outside the BMP: 40,000 UTF-16 units, as Excel counts


def test_the_limit_counts_utf16_units_as_excel_does(filled, db, cli, capsys, tmp_path, ledger):
    """Issue 22.13: 20,000 × 𠮷 is 40,000 of Excel's characters; it is refused at entry, on import
    and on export, exactly as 40,000 Chinese characters are."""
    from ledger_app.messages.errors import ImportRejected
    from ledger_app.store.limits import MAX_TEXT, cell_length, too_long_for_a_cell
    from tests.tables import write_table

    assert cell_length("𠮷") == 2 and cell_length("改") == 1
    assert not too_long_for_a_cell("𠮷" * (MAX_TEXT // 2) + "改")  # exactly the limit
    assert too_long_for_a_cell("𠮷" * (MAX_TEXT // 2) + "改改")  # one unit over
    assert cli(["set", "1", "--note", RARE, "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "备注" in err and "40,000" in err and "32,767" in err
    table = with_text(write_table(tmp_path / "rare.xlsx", [[1, "领域", "项目", "RARE", "", "招商局", "", "", "2017年底"]]),
                      "RARE", RARE)
    with pytest.raises(ImportRejected) as refused:
        import_file(ledger.engine, table)
    assert "第 D 列（具体改革内容）" in str(refused.value) and "40,000" in str(refused.value)
    with closing(sqlite3.connect(db)) as conn:  # stored by an older version, before the checks
        conn.execute("UPDATE task SET measures = ? WHERE code = '3'", (RARE,))
        conn.commit()
    out = tmp_path / "x.xlsx"
    assert cli(["export", "--out", str(out), "--db", str(db)]) == 2
    assert "E5" in capsys.readouterr().err and not out.exists()


# ----- 6. unreadable input is an error, clearing is explicit ---------------------------------------------


def fields(db: Path, code: str = "2") -> dict:
    ledger = open_ledger(str(db))
    values = get_fields(ledger.engine, find_task_id(ledger.engine, code),
                        ["deadline", "deadline_text", "lead_depts", "co_depts"])
    ledger.close()
    return values


@pytest.mark.parametrize(("args", "said"), [
    (["--deadline", "下周"], "无法识别"),
    (["--deadline", "尽快"], "无法识别"),
    (["--deadline", ""], "--clear-deadline"),
    (["--co", "、、，"], "没有部门名称"),
    (["--lead", ""], "没有部门名称"),
    (["--lead", " / "], "没有部门名称"),
    (["--clear-co", "--co", "财政局"], "不能与"),
])
def test_set_refuses_what_it_cannot_read(filled, db, cli, capsys, args, said):
    before = fields(db)
    assert before["deadline"] and before["lead_depts"] and before["co_depts"]
    assert cli(["set", "2", *args, "--db", str(db)]) == 2
    assert said in capsys.readouterr().err
    assert fields(db) == before


def test_clearing_is_explicit(filled, db, cli):
    assert cli(["set", "2", "--clear-deadline", "--clear-co", "--db", str(db)]) == 0
    after = fields(db)
    assert after["deadline"] is None and after["deadline_text"] == "" and after["co_depts"] == []
    assert cli(["set", "2", "--deadline", "持续推进", "--db", str(db)]) == 0
    assert fields(db)["deadline_text"] == "持续推进"


# ----- 7. validated at the service -------------------------------------------------------------------------


@pytest.mark.parametrize("year", ["0", "-5", "99999"])
def test_progress_refuses_an_impossible_year(filled, db, cli, capsys, year):
    assert cli(["progress", "1", "--year", year, "--quarter", "3", "--percent", "10", "--done", "x",
                "--db", str(db)]) == 2
    assert "年份" in capsys.readouterr().err
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT count(*) FROM progress_report").fetchone()[0] == 0


def test_services_refuse_years_and_control_characters(ledger, sample):
    from ledger_app.operations import record_progress
    from ledger_app.records.progress import ProgressInput

    import_file(ledger.engine, sample)
    task = find_task_id(ledger.engine, "1")
    with pytest.raises(LedgerError, match="年份"):
        record_progress(ledger.engine, task, ProgressInput(0, 3, 10, "x"), user="u")
    for text in ("标题\x01", "标题\x1b[31m", "a\x00b"):
        with pytest.raises(LedgerError, match="控制字符"):
            edit_task(ledger.engine, task, {"title": text}, user="u")
    with pytest.raises(LedgerError, match="控制字符"):
        record_progress(ledger.engine, task, ProgressInput(2017, 3, 10, "完成\x07"), user="u")
    edit_task(ledger.engine, task, {"content": "第一行\n第二行\t制表"}, user="u")  # line breaks and tabs are text


def test_set_title_with_control_characters_is_refused_and_export_still_works(filled, db, tmp_path, cli, capsys):
    assert cli(["set", "1", "--title", "改革\x01项目", "--db", str(db)]) == 2
    assert "控制字符" in capsys.readouterr().err
    assert cli(["export", "--out", str(tmp_path / "x.xlsx"), "--db", str(db)]) == 0
    assert cli(["forms", "--year", "2017", "--quarter", "3", "--out", str(tmp_path / "f"), "--db", str(db)]) == 0
