"""Clear refusals instead of tracebacks or hangs (issue 12): each case as a clerk or a script meets it,
through the command line (in this process, tests/conftest.py's run_main; a real main.py for the hangs,
the window that must not open and the other user); the message goes to stderr, the exit code is not 0,
and nothing changes.
(How fast a million-row sheet is refused is measured in bench/bench_refusals.py, not here.)"""

from __future__ import annotations

import errno
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from contextlib import closing
from pathlib import Path

import pytest

from ledger_app.messages.errors import LedgerError
from tests.conftest import ROOT

NO_TRACEBACK = "Traceback"


def run(*args: str, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, timeout=timeout, **kwargs)


def refused(result: subprocess.CompletedProcess, *said: str) -> bool:
    return result.returncode != 0 and NO_TRACEBACK not in result.stderr and all(s in result.stderr for s in said)


@pytest.fixture
def db(tmp_path: Path, sample: Path, run_main) -> Path:
    path = tmp_path / "ledger.db"
    assert run_main("import", str(sample), "--db", str(path)).returncode == 0
    return path


def test_list_due_within_an_absurd_number_of_days(db, run_main):
    assert refused(run_main("list", "--due-within", "999999999999", "--db", str(db)), "到期天数")
    assert refused(run_main("list", "--due-within", "-3", "--db", str(db)), "到期天数")


@pytest.mark.parametrize("where", ["missing folder", "a folder", "empty"])
def test_export_out_where_no_file_can_be_written(db, tmp_path, where, run_main):
    out = {"missing folder": str(tmp_path / "nowhere" / "x.xlsx"), "a folder": str(tmp_path), "empty": ""}[where]
    result = run_main("export", "--out", out, "--db", str(db))
    assert refused(result) and ("文件夹" in result.stderr or "没有指定文件名" in result.stderr)
    assert not (tmp_path / "nowhere").exists() and not list(tmp_path.glob("*.xlsx*"))


def test_forms_out_an_existing_file(db, tmp_path, run_main):
    taken = tmp_path / "forms.txt"
    taken.write_text("not a folder")
    assert refused(run_main("forms", "--year", "2017", "--quarter", "3", "--out", str(taken), "--db", str(db)),
                   "不是文件夹")
    assert taken.read_text() == "not a folder"
    assert refused(run_main("forms", "--year", "2017", "--quarter", "3", "--out", "", "--db", str(db)), "没有指定文件名")


def test_import_with_an_impossible_year(sample, tmp_path, run_main):
    new = tmp_path / "new.db"
    assert refused(run_main("import", str(sample), "--year", "-1", "--db", str(new)), "年份")
    assert not new.exists(), "a refused import makes no ledger"


def test_output_piped_into_head_ends_quietly(db):
    reader = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "list", "--db", str(db)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    reader.stdout.read(20)  # head -c 20
    reader.stdout.close()
    err = reader.stderr.read().decode("utf-8", "replace")
    reader.stderr.close()
    reader.wait(timeout=60)
    assert NO_TRACEBACK not in err and "BrokenPipe" not in err and err.strip() == ""


def test_report_of_a_ledger_holding_a_ten_megabyte_field(db, tmp_path, run_main):
    with closing(sqlite3.connect(db)) as conn:  # written by another program, or before the length checks
        conn.execute("UPDATE task SET content = ? WHERE code = '3'", ("改革推进" * 2_500_000,))
        conn.commit()
    assert run_main("config", "org.name", "常州经开区改革办", "--db", str(db)).returncode == 0
    out = tmp_path / "ledger.pdf"
    result = run_main("report", "ledger", "--year", "2017", "--out", str(out), "--db", str(db))
    assert refused(result, "任务 3", "具体改革内容", "10,000,000") and not out.exists()


def test_merge_of_a_missing_file_or_the_wrong_quarter_fails(db, tmp_path, run_main):
    missing = run_main("merge", str(tmp_path / "missing.xlsx"), "--accept", "all", "--db", str(db))
    assert refused(missing, "missing.xlsx", "文件不存在") and "missing.xlsx" not in missing.stdout
    assert run_main("forms", "--year", "2017", "--quarter", "3", "--dept", "招商局", "--out", str(tmp_path / "f"),
                    "--db", str(db)).returncode == 0
    (form,) = (tmp_path / "f").glob("*.xlsx")
    wrong = run_main("merge", str(form), "--year", "2017", "--quarter", "4", "--accept", "all", "--db", str(db))
    assert refused(wrong, "不是 2017 年第 4 季度")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_importing_a_pipe_or_a_device_is_refused_without_hanging(db, tmp_path):
    fifo = tmp_path / "tasks.xlsx"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        try:
            result = run("import", str(path), "--db", str(db), timeout=60)
        except subprocess.TimeoutExpired:
            pytest.fail(f"importing {path} hangs")
        assert refused(result, "不是普通文件"), path


def test_a_sheet_of_too_many_rows_is_refused_before_it_is_read(tmp_path, run_main):
    from ledger_app.exchange.importing.archive import MAX_SHEET_ROWS
    from tests.rows_book import write_rows

    book = write_rows(tmp_path / "rows.xlsx", MAX_SHEET_ROWS + 1)
    new = tmp_path / "new.db"
    assert refused(run_main("import", str(book), "--db", str(new)), "rows.xlsx", "任务表", "行数过多")
    assert not new.exists()


def test_a_sheet_over_the_documented_row_limit_is_refused_naming_the_file_the_sheet_and_the_limit(tmp_path):
    """An import reads at most 120,000 rows of a sheet (a ledger has a few thousand tasks; 100,000 of
    them with their title and header fit). One row more and the file is refused while it is checked,
    before the reader builds the sheet: the message names the file, the sheet and the limit."""
    from tests.rows_book import write_rows

    book = write_rows(tmp_path / "全区台账.xlsx", 120_000)  # and the header: 120,001 rows
    new = tmp_path / "new.db"
    result = run("import", str(book), "--db", str(new))
    assert refused(result, "全区台账.xlsx", "任务表", "120,000 行"), result.stderr
    assert not new.exists()


def test_a_mistyped_subcommand_never_opens_the_window(db):
    try:
        result = run("lsit", "--db", str(db), timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    except subprocess.TimeoutExpired:
        pytest.fail("the window opened")
    assert refused(result, "lsit") and "list" in result.stderr
    import main

    assert not main.wants_command_line([]) and not main.wants_command_line(["--db", "x.db", "--lang", "en"])
    assert not main.wants_command_line(["-platform", "offscreen", "--db", "x.db"])
    assert main.wants_command_line(["--db", "x.db", "lsit"]) and main.wants_command_line(["--help"])


@pytest.fixture
def read_only_folder(sample, run_main):
    """A ledger in a folder this user may read but not write (as another user when the tests run as root,
    who may write anywhere)."""
    base = Path(tempfile.mkdtemp(prefix="ledger-ro-"))
    folder, home = base / "shared", base / "home"
    folder.mkdir()
    home.mkdir()
    ledger = folder / "ledger.db"
    assert run_main("import", str(sample), "--db", str(ledger), env={"TASK_LEDGER_HOME": str(home)}).returncode == 0
    ledger.chmod(0o444)
    folder.chmod(0o555)
    base.chmod(0o755)
    home.chmod(0o777)
    yield ledger, home
    folder.chmod(0o755)
    shutil.rmtree(base, ignore_errors=True)


def as_other_user(*args: str, home: Path) -> subprocess.CompletedProcess:
    prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []
    return subprocess.run([*prefix, sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, timeout=120, env={**os.environ, "TASK_LEDGER_HOME": str(home)})


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_a_ledger_in_a_read_only_folder_can_be_read_but_not_changed(read_only_folder):
    ledger, home = read_only_folder
    before = ledger.read_bytes()
    listed = as_other_user("list", "--json", "--db", str(ledger), home=home)
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == 32
    assert as_other_user("show", "2", "--db", str(ledger), home=home).returncode == 0
    assert as_other_user("export", "--out", str(home / "x.xlsx"), "--db", str(ledger), home=home).returncode == 0
    changed = as_other_user("set", "2", "--percent", "5", "--db", str(ledger), home=home)
    assert refused(changed, "只读")
    assert ledger.read_bytes() == before
    assert sorted(p.name for p in ledger.parent.iterdir()) == ["ledger.db"]


def test_a_full_disk_is_said_plainly(ledger, sample, tmp_path, monkeypatch):
    """SQLite's "database or disk is full" (a page limit stands in for the disk) and a file that cannot be
    written for lack of space both say 磁盘空间不足, and leave nothing half-done."""
    from openpyxl import Workbook
    from sqlalchemy import event

    from ledger_app.exchange.export import export_ledger
    from ledger_app.exchange.importing.apply import import_file
    from ledger_app.tasks.queries import plan_titles
    from tests.conftest import PG_SERVER
    from tests.tables import write_table

    import_file(ledger.engine, sample)
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "x.xlsx"

    def no_space(self, filename):  # noqa: ANN001
        Path(filename).write_bytes(b"PK half")
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(Workbook, "save", no_space)
        with pytest.raises(LedgerError, match="磁盘空间不足"):
            export_ledger(ledger.engine, out)
    assert list(out.parent.iterdir()) == []
    if PG_SERVER:
        return  # the page limit is SQLite's
    ledger.engine.dispose()

    @event.listens_for(ledger.engine, "connect")
    def full(dbapi_conn, _record):  # noqa: ANN001
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    table = tmp_path / "more.xlsx"
    write_table(table, [[i, "领域", f"新项目{i}", "内容" * 200, "", "招商局", "", "", "2017年底"]
                        for i in range(1, 400)], title="另一个方案")
    with pytest.raises(LedgerError, match="磁盘空间不足"):
        import_file(ledger.engine, table)
    assert plan_titles(ledger.engine) == ["常州经开区2017年改革创新目标任务表"]


def test_two_departments_whose_names_differ_only_in_forbidden_characters_get_two_forms(ledger, tmp_path):
    from ledger_app.exchange.forms.workbook import issue_forms
    from ledger_app.exchange.importing.apply import import_file
    from tests.tables import write_table

    table = write_table(tmp_path / "t.xlsx", [[1, "领域", "项目一", "内容", "", "开发区*办", "", "", "2017年底"],
                                              [2, "领域", "项目二", "内容", "", "开发区?办", "", "", "2017年底"],
                                              [3, "领域", "项目三", "内容", "", "开发区:办", "", "", "2017年底"]])
    import_file(ledger.engine, table)
    issued = issue_forms(ledger.engine, 2017, 3, tmp_path / "forms")
    assert len(issued) == 3 and len({f.path for f in issued}) == 3
    assert sorted(p.name for p in (tmp_path / "forms").iterdir()) == sorted(f.path.name for f in issued)
    assert all(f.tasks == 1 for f in issued)
