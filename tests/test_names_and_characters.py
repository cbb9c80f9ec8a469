"""Names and characters at the edges (issue 22, 11–12): a department's name has a limit at entry and
import, file names made from names are shortened safely and stay unique, and a character no font
of the document holds is refused by name, never printed as a blank."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date

import pytest

from ledger_app import operations
from ledger_app.messages.errors import ImportRejected, LedgerError
from ledger_app.system.file_names import MAX_COMPONENT, MAX_PATH, safe_file_name
from ledger_app.tasks.departments import MAX_NAME
from tests.tables import write_table

LONG_NAME = "经济发展局" * 24  # 120 characters


def test_a_department_name_over_the_limit_is_refused_at_entry(filled, db, cli, capsys):
    assert cli(["set", "1", "--lead", LONG_NAME, "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "牵头部门" in err and "120" in err and str(MAX_NAME) in err and LONG_NAME not in err
    assert cli(["set", "1", "--co", "财政局、" + "规" * MAX_NAME, "--db", str(db)]) == 0  # exactly the limit
    assert cli(["set", "1", "--co", "规" * (MAX_NAME + 1), "--db", str(db)]) == 2


def test_a_department_name_over_the_limit_is_refused_on_import(ledger, tmp_path):
    from ledger_app.exchange.importing.apply import import_file

    table = write_table(tmp_path / "long.xlsx", [[1, "领域", "项目", "内容", "", "招商局", LONG_NAME, "", "2017年底"]])
    with pytest.raises(ImportRejected) as refused:
        import_file(ledger.engine, table)
    said = str(refused.value)
    assert "第 3 行" in said and "第 G 列" in said and "配合部门" in said and "120" in said


def test_forms_for_departments_with_long_names_are_written_and_stay_apart(filled, db, cli, capsys, tmp_path):
    """A ledger that holds such names already (an older version took them): every form is written,
    each file name fits the disk, and two names alike up to the cut keep two files."""
    twins = [LONG_NAME + "甲", LONG_NAME + "乙"]
    with closing(sqlite3.connect(db)) as conn:
        for code, name in zip(("1", "2"), twins, strict=True):
            conn.execute("INSERT INTO department (name) VALUES (?)", (name,))
            conn.execute("UPDATE task_department SET department_id = (SELECT id FROM department WHERE name = ?) "
                         "WHERE role = 'lead' AND task_id = (SELECT id FROM task WHERE code = ?)", (name, code))
        conn.commit()
    out = tmp_path / "表" / ("很深的文件夹" * 10)
    assert cli(["forms", "--year", "2017", "--quarter", "3", "--dept", twins[0], "--dept", twins[1],
                "--out", str(out), "--db", str(db)]) == 0
    files = sorted(out.glob("*.xlsx"))
    assert len(files) == 2 and files[0].name != files[1].name
    for path in files:
        assert len(path.name.encode()) <= MAX_COMPONENT and len(str(path)) <= MAX_PATH
        assert path.name.startswith("进展填报表_2017年第3季度_经济发展局")


@pytest.mark.parametrize(("stem", "expected"), [
    ("CON", "_CON.xlsx"),
    ("nul.备份", "_nul.备份.xlsx"),
    ("招商局 / 财政局", "招商局 _ 财政局.xlsx"),
    ("末尾有点. ", "末尾有点.xlsx"),
    ("", "_.xlsx"),
])
def test_a_file_name_holds_only_what_windows_accepts(stem, expected):
    assert safe_file_name(stem, ".xlsx") == expected


def test_a_shortened_name_fits_exactly_and_numbering_keeps_names_apart(tmp_path):
    taken: set[str] = set()
    first = safe_file_name("甲" * 300, ".xlsx", taken=taken)
    again = safe_file_name("甲" * 300, ".xlsx", taken=taken)
    other = safe_file_name("甲" * 299 + "乙", ".xlsx", taken=taken)
    assert len({first.casefold(), again.casefold(), other.casefold()}) == 3
    assert all(len(n.encode()) <= MAX_COMPONENT for n in (first, again, other))
    assert "…" in first and again.endswith("（2）.xlsx")
    assert safe_file_name("甲" * 10, ".xlsx", taken={("甲" * 10 + ".XLSX").casefold()}) == "甲" * 10 + "（2）.xlsx"  # case
    deep = tmp_path / ("x" * (220 - len(str(tmp_path))))  # a 220-character folder: 39 left of MAX_PATH
    name = safe_file_name("进展填报表" * 10, ".xlsx", folder=deep)
    assert "…" in name and len(str(deep / name)) <= MAX_PATH
    with pytest.raises(LedgerError, match="文件夹路径过长"):
        safe_file_name("进展", ".xlsx", folder=tmp_path / ("x" * (250 - len(str(tmp_path)))))


# ----- 12. characters outside the BMP in documents -------------------------------------------------------

RARE_TITLE = "𠮷野家商贸区改革"


@pytest.fixture
def fresh_fonts(monkeypatch):
    """The documents' fonts found again for this test (they are registered once per process)."""
    from ledger_app.documents import fonts

    monkeypatch.setattr(fonts, "_registered", None)
    monkeypatch.setattr(fonts, "_fallbacks", [])
    return fonts


def _with_rare_title(engine) -> None:  # noqa: ANN001
    from ledger_app.operations import edit_task
    from ledger_app.tasks.queries import find_task_id

    operations.set_setting(engine, "org.name", "常州经开区改革办")
    edit_task(engine, find_task_id(engine, "2"), {"title": RARE_TITLE}, user="测试员", effective_on=date(2017, 1, 1))


def test_a_character_outside_the_bmp_is_printed_and_kept_in_the_text_layer(ledger, sample, tmp_path, fresh_fonts):
    """With a font of CJK Extension B on the computer (SimSun-ExtB on Windows; 花園明朝 B from Debian's
    fonts-hanazono here), 𠮷 is drawn from it and the PDF's text layer holds 𠮷 itself."""
    from ledger_app.exchange.importing.apply import import_file
    from tests.documents import make

    assert fresh_fonts._found(fresh_fonts.EXTENSIONS), "tools/system_deps.sh installs fonts-hanazono"
    import_file(ledger.engine, sample)
    _with_rare_title(ledger.engine)
    result, reader = make(ledger.engine, tmp_path, "ledger", record=False)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "𠮷野家" in text.replace("\n", "")
    used = {str(font.get_object()["/BaseFont"]) for page in reader.pages
            for font in page["/Resources"]["/Font"].values()}
    assert any(f.split("+")[-1].startswith(("HanaMinB", "SimSun-ExtB", "BabelStone")) for f in used), used


def test_a_character_no_font_holds_is_refused_by_name_never_printed_blank(ledger, sample, tmp_path, fresh_fonts,
                                                                          monkeypatch):
    from ledger_app.exchange.importing.apply import import_file
    from tests.documents import make

    monkeypatch.setattr(fresh_fonts, "EXTENSIONS", ())  # a computer without SimSun-ExtB
    import_file(ledger.engine, sample)
    _with_rare_title(ledger.engine)
    with pytest.raises(LedgerError) as refused:
        make(ledger.engine, tmp_path, "ledger", record=False)
    said = str(refused.value)
    assert "𠮷（U+20BB7）" in said and "任务 2" in said and "改革项目" in said and "SimSun-ExtB" in said
    assert not (tmp_path / "ledger.pdf").exists()
