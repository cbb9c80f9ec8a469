"""办结销号 on the command line: claim with files, list --light pending, the evidence listed, exported as a
zip with its index, 销号; a hostile file refused with the reason on stderr and exit code 1."""

from __future__ import annotations

import json
import zipfile
from io import BytesIO

from openpyxl import load_workbook

from tests import evidence_files as make


def test_claim_list_export_and_close_on_the_command_line(filled, db, cli, capsys, tmp_path):
    notice, photo = make.pdf(tmp_path / "印发通知.pdf", pages=2), make.picture(tmp_path / "现场.png")
    assert cli(["claim", "3", str(notice), str(photo), "--summary", "已印发", "--on", "2017-10-10",
                "--db", str(db)]) == 0
    assert "已申请销号：任务 3，2017-10-10，佐证材料 2 份（待销号）" in capsys.readouterr().out
    assert cli(["list", "--light", "pending", "--as-of", "2017-10-15", "--json", "--db", str(db)]) == 0
    assert [v["code"] for v in json.loads(capsys.readouterr().out)] == ["3"]
    assert cli(["evidence", "list", "3", "--json", "--db", str(db)]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(f["name"], f["kind"], f["pages"]) for f in listed] == [("印发通知.pdf", "pdf", 2), ("现场.png", "png", None)]
    out = tmp_path / "佐证材料.zip"
    assert cli(["evidence", "export", "--out", str(out), "--from", "2017-01-01", "--to", "2017-12-31",
                "--db", str(db)]) == 0
    assert str(out) in capsys.readouterr().out
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        index = load_workbook(BytesIO(archive.read("索引.xlsx"))).active
        assert archive.read(next(n for n in names if n.endswith("印发通知.pdf"))) == notice.read_bytes()
    assert sorted(n.split("/")[-1] for n in names) == ["印发通知.pdf", "现场.png", "索引.xlsx"]
    assert index.cell(3, 5).value == "印发通知.pdf" and index.cell(3, 9).value == listed[0]["sha256"]
    assert cli(["close-claim", "3", "--opinion", "同意", "--on", "2017-10-12", "--db", str(db)]) == 0
    assert "已销号：任务 3，2017-10-12 起为已完成" in capsys.readouterr().out
    assert cli(["list", "--status", "已完成", "--json", "--db", str(db)]) == 0
    assert [v["code"] for v in json.loads(capsys.readouterr().out)] == ["3"]


def test_a_hostile_file_is_refused_with_the_reason(filled, db, cli, capsys, tmp_path):
    script = tmp_path / "报告.pdf"
    script.write_bytes(b"@echo off\r\nformat c: /q\r\n")
    assert cli(["evidence", "add", "3", str(script), "--db", str(db)]) == 2
    assert "“报告.pdf”是脚本（Windows 批处理 .bat/.cmd），不能作为佐证材料" in capsys.readouterr().err
    assert cli(["evidence", "list", "3", "--json", "--db", str(db)]) == 0
    assert json.loads(capsys.readouterr().out) == []
