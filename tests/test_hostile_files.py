"""Files that are not task tables, or are built to hurt: each is refused within a second with a
message of its own that names the file, through the importer, the command line and the merger,
and the ledger is left as it was."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

import main
from ledger_app.exchange.forms.merge import review_forms
from ledger_app.exchange.importing.apply import import_file
from ledger_app.messages.errors import ImportRejected
from ledger_app.messages.i18n import set_language
from ledger_app.tasks.queries import TaskQuery, list_tasks
from tests import hostile
from tests.conftest import ROOT

CSV = "序号,改革项目,牵头单位,完成时限\n1,推进相对集中行政许可权改革,行政审批局,2017年6月底\n"
# What web systems export as "Excel": an HTML table with Office's namespaces, saved as .xlsx.
HTML = ('<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">'
        '<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body><table>'
        "<tr><td>序号</td><td>改革项目</td></tr><tr><td>1</td><td>推进改革</td></tr></table></body></html>")


def _text(content: str | bytes, encoding: str = "utf-8") -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return build


# kind → (how to make it, words its message must contain). Kinds sharing a message share a group.
KINDS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "truncated": (hostile.truncated, "文件不完整"),
    "flipped-byte": (hostile.flipped_byte, "其中的 xl/worksheets/sheet1.xml 无法解压"),
    "zero-bytes": (_text(b""), "文件为空（0 字节）"),
    "entity-bomb-shared-strings": (hostile.entity_bomb, "不安全的 XML"),
    "entity-bomb-sheet": (lambda p: hostile.entity_bomb(p, in_sheet=True), "不安全的 XML"),
    "zip-bomb-declared": (hostile.declared_zip_bomb, "解压后过大"),
    "zip-bomb-ratio": (hostile.ratio_zip_bomb, "压缩比异常"),
    "zip-bomb-lying": (hostile.lying_zip_bomb, "解压后的大小与记录不符"),
    "many-parts": (hostile.many_parts, "约 50001 个部件"),
    "far-cell": (hostile.far_cell, "单元格范围过大（1048576 行 × 16384 列）"),
    "far-cell-second-address": (lambda p: hostile.far_cell(p, hidden=True), "单元格范围过大（1048576 行 × 16384 列）"),
    "unaddressed-cells": (hostile.unaddressed_grid, "单元格范围过大"),
    "bad-reference": (hostile.bad_reference, "单元格地址“A99999999999”超出 Excel 的范围"),
    "overlapping-merges": (hostile.overlapping_merges, "合并单元格区域互相重叠"),
    "shared-string-copies": (hostile.shared_string_copies, "内容过多：读入约需"),
    "csv-utf8": (_text(CSV), "纯文本（如 CSV）"),
    "csv-gbk": (_text(CSV, "gbk"), "纯文本（如 CSV）"),
    "csv-utf16": (_text("\ufeff" + CSV.replace(",", "\t"), "utf-16-le"), "纯文本（如 CSV）"),
    "html": (_text(HTML), "HTML 网页"),
    "password": (hostile.encrypted, "设有打开密码（已加密）"),
    "old-xls": (lambda p: hostile.compound_file(p, "Workbook"), "旧版 Excel 97–2003 工作簿（.xls）"),
    "old-doc": (lambda p: hostile.compound_file(p, "WordDocument"), "Word 97–2003 文档（.doc）"),
    "pdf": (_text(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>endobj\ntrailer<<>>\n%%EOF\n"), "PDF 文档"),
    "docx": (lambda p: _zip(p, {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}),
             "Word 文档（.docx）"),
}
SAME_MESSAGE = [{"entity-bomb-shared-strings", "entity-bomb-sheet"}, {"csv-utf8", "csv-gbk", "csv-utf16"},
                {"far-cell", "far-cell-second-address"}]


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _snapshot(ledger) -> list[dict]:
    return [v.to_json() for v in list_tasks(ledger.engine, TaskQuery())]


@pytest.fixture
def loaded(ledger, sample):
    import_file(ledger.engine, sample)
    return ledger


def _make(kind: str, folder: Path) -> Path:
    build, _ = KINDS[kind]
    return build(folder / f"{kind}.xlsx")


def _refusal(ledger, path: Path) -> str:
    before = _snapshot(ledger)
    with pytest.raises(ImportRejected) as info:
        import_file(ledger.engine, path)
    assert _snapshot(ledger) == before, "a refused file must not change the ledger"
    return str(info.value)


# How quickly each kind is refused (within a second) is measured in bench/bench_refusals.py.
@pytest.mark.parametrize("kind", list(KINDS))
def test_importer_refuses_with_a_message_naming_the_file(loaded, tmp_path, kind):
    path = _make(kind, tmp_path)
    message = _refusal(loaded, path)
    assert message.startswith(f"{path.name}："), message
    assert KINDS[kind][1] in message, message


def test_each_kind_has_its_own_message_in_both_languages(loaded, tmp_path):
    messages = {kind: _refusal(loaded, _make(kind, tmp_path)).replace(f"{kind}.xlsx", "") for kind in KINDS}
    grouped = {kind: next((min(g) for g in SAME_MESSAGE if kind in g), kind) for kind in KINDS}
    for kind, message in messages.items():
        others = {k for k, m in messages.items() if m == message}
        assert others == {k for k in KINDS if grouped[k] == grouped[kind]}, f"{kind} shares its message: {others}"
    set_language("en")
    try:
        english = {kind: _refusal(loaded, _make(kind, tmp_path)) for kind in KINDS}
    finally:
        set_language("zh")
    for kind, message in english.items():
        words = re.sub(r"sheet '[^']*'", "sheet", message)  # the sample's sheet name is Chinese
        assert not re.search(r"[\u3000-\u9fff\uff00-\uffef]", words), f"untranslated ({kind}): {message}"
        assert message.startswith(f"{kind}.xlsx: ")


@pytest.mark.parametrize("kind", list(KINDS))
def test_command_line_prints_the_message_and_exits_2(loaded, tmp_path, kind, monkeypatch, capsys):
    path = _make(kind, tmp_path)
    before = _snapshot(loaded)
    monkeypatch.setattr(sys, "argv", ["main.py", "import", str(path), "--db", loaded.url])
    code = main.main()
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.startswith(f"{path.name}：") and KINDS[kind][1] in err and "Traceback" not in err
    assert _snapshot(loaded) == before


def test_main_py_in_its_own_process(tmp_path):
    """The real entry point, as a clerk runs it: no traceback, exit code 2, English on request."""
    db = tmp_path / "l.db"
    for kind, words in (("password", "protected by a password"), ("zip-bomb-declared", "too large when unpacked")):
        path = _make(kind, tmp_path)
        done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--lang", "en", "--db", str(db), "import",
                               str(path)], capture_output=True, text=True, encoding="utf-8", timeout=60)
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert done.stderr.startswith(f"{path.name}: ") and words in done.stderr


@pytest.mark.parametrize("kind", ["password", "csv-gbk", "entity-bomb-sheet", "zip-bomb-ratio", "truncated"])
def test_merger_names_the_file_and_merges_nothing(loaded, tmp_path, kind):
    path = _make(kind, tmp_path)
    before = _snapshot(loaded)
    review = review_forms(loaded.engine, [path])
    (problem,) = review.problems
    assert problem.startswith(f"{path.name}：") and KINDS[kind][1] in problem
    assert review.answers == [] and _snapshot(loaded) == before
