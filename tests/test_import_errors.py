"""Bad input: a clear message naming file, sheet, row and column, and an unchanged ledger."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from pathlib import Path

import pytest

from ledger_app.exchange.importing.apply import import_file
from ledger_app.messages.errors import ImportRejected
from ledger_app.store.transfer import ledger_digest
from ledger_app.tasks.queries import TaskQuery, list_tasks
from tests.tables import write_table


def _snapshot(ledger):
    return [v.to_json() for v in list_tasks(ledger.engine, TaskQuery())]


@pytest.fixture
def loaded(ledger, sample):
    import_file(ledger.engine, sample)
    return ledger


def _rejected(ledger, path, **kw) -> str:
    before = _snapshot(ledger)
    with pytest.raises(ImportRejected) as info:
        import_file(ledger.engine, path, **kw)
    assert _snapshot(ledger) == before, "a refused file must not change the ledger"
    return str(info.value)


def test_csv_renamed_to_xlsx(loaded, tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("序号,任务\n1,not a workbook\n", encoding="utf-8")
    message = _rejected(loaded, path)
    assert "fake.xlsx" in message and "不是有效的 .xlsx" in message and "CSV" in message


def test_html_renamed_to_xlsx(loaded, tmp_path):
    path = tmp_path / "page.xlsx"
    path.write_text("<html><body><table><tr><td>序号</td></tr></table></body></html>", encoding="utf-8")
    assert "HTML" in _rejected(loaded, path)


def test_empty_and_missing_files(loaded, tmp_path):
    (tmp_path / "empty.xlsx").write_bytes(b"")
    assert "0 字节" in _rejected(loaded, tmp_path / "empty.xlsx")
    assert "文件不存在" in _rejected(loaded, tmp_path / "nope.xlsx")


def test_truncated_workbook(loaded, tmp_path, sample):
    data = sample.read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(data[: len(data) // 2])
    assert "损坏" in _rejected(loaded, tmp_path / "cut.xlsx")


def test_encrypted_or_legacy_workbook(loaded, tmp_path):
    path = tmp_path / "locked.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert "加密" in _rejected(loaded, path)


def test_xml_entity_bomb_is_refused(loaded, tmp_path, sample):
    dtd = (b'<!DOCTYPE worksheet [<!ENTITY lol "lol">'
           b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>')
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(sample) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = b'<?xml version="1.0"?>' + dtd + data.replace(b"</worksheet>", b"<!-- &lol2; --></worksheet>")
            dst.writestr(item, data)
    assert "不安全的 XML" in _rejected(loaded, path)


def test_no_recognisable_task_columns(loaded, tmp_path):
    path = write_table(tmp_path / "other.xlsx", [["a", "b"]], header=["姓名", "电话"])
    message = _rejected(loaded, path)
    assert "other.xlsx" in message and "没有找到任务表的表头" in message


def test_task_without_title_is_located(loaded, tmp_path):
    rows = [[1, "", "项目", "", "", "局", "", "", "2017年"], [2, "", "", "", "", "局", "", "", "2017年"]]
    message = _rejected(loaded, write_table(tmp_path / "t.xlsx", rows))
    assert "t.xlsx：工作表“任务表”第 4 行，第 C 列（改革项目）：任务名称为空" in message


def test_impossible_date_is_located(loaded, tmp_path):
    rows = [[1, "", "项目", "", "", "局", "", "", "2017年2月30日"]]
    message = _rejected(loaded, write_table(tmp_path / "t.xlsx", rows))
    assert "t.xlsx：工作表“任务表”第 3 行，第 I 列（完成时限）" in message and "2月30日" in message


def test_every_problem_is_listed_and_nothing_written(loaded, tmp_path):
    rows = [
        [1, "", "", "", "", "局", "", "", "2017年"],
        [2, "", "项目", "", "", "局", "", "", "2017年13月"],
        [2, "", "项目", "", "", "局", "", "", "2017年"],
        [None, "", "项目", "", "", "局", "", "", "2017年"],
    ]
    message = _rejected(loaded, write_table(tmp_path / "t.xlsx", rows))
    assert "第 3 行" in message and "第 4 行" in message and "与第 4 行重复" in message and "序号为空" in message
    assert "共 4 处问题，未导入任何内容" in message


def test_missing_year_without_title_or_option(loaded, tmp_path):
    rows = [[1, "", "项目", "", "", "局", "", "", "6月底前"]]
    message = _rejected(loaded, write_table(tmp_path / "t.xlsx", rows, title="改革任务表"))
    assert "年份" in message and "第 I 列" in message


def test_unknown_sheet(loaded, tmp_path, sample):
    assert "没有名为“不存在”的工作表" in _rejected(loaded, sample, sheet="不存在")


def test_refused_reimport_of_real_file_keeps_database_bytes(ledger, sample, tmp_path, db_url):
    import_file(ledger.engine, sample)
    ledger.engine.dispose()
    on_file = Path(db_url) if "://" not in db_url else None
    digest = hashlib.sha256(on_file.read_bytes()).hexdigest() if on_file else None
    tables = ledger_digest(ledger.engine)
    bad = shutil.copy(sample, tmp_path / "bad.xlsx")
    with open(bad, "r+b") as fh:
        fh.seek(100)
        fh.write(b"garbage!" * 50)
    with pytest.raises(ImportRejected):
        import_file(ledger.engine, bad)
    ledger.engine.dispose()
    assert ledger_digest(ledger.engine) == tables
    if on_file:
        assert hashlib.sha256(on_file.read_bytes()).hexdigest() == digest
