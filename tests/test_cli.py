"""The command line as a clerk (or a script) uses it, on real files: in this process (tests/conftest.py's
``run_main``), except the probes of what a real process loads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture
def imported(db_url, sample, command):
    command("import", str(sample), db=db_url)
    return db_url


def test_import_reports_counts(db_url, sample, command):
    out = command("import", str(sample), db=db_url).stdout
    assert "32 项任务，5 个改革领域" in out and "新增 32 项" in out
    again = command("import", str(sample), "--db", str(db_url)).stdout  # --db after the subcommand too
    assert "新增 0 项，更新 0 项，32 项不变" in again


def test_dry_run_then_list_is_empty(db_url, sample, command):
    assert "预检" in command("import", str(sample), "--dry-run", db=db_url).stdout
    assert json.loads(command("list", "--json", db=db_url).stdout) == []


def test_list_json_fields(imported, command):
    tasks = json.loads(command("list", "--json", db=imported).stdout)
    assert len(tasks) == 32
    need = {"code", "area", "title", "content", "measures", "category", "lead_depts", "co_depts", "leader",
            "deadline", "deadline_text", "status", "percent", "light"}
    assert need <= set(tasks[0])
    assert isinstance(tasks[0]["lead_depts"], list)


def test_list_red_as_of(imported, command):
    red = json.loads(command("list", "--as-of", "2017-10-15", "--light", "red", "--json", db=imported).stdout)
    every = json.loads(command("list", "--as-of", "2017-10-15", "--json", db=imported).stdout)
    expected = [t["code"] for t in every if t["deadline"] and t["deadline"] < "2017-10-15"]
    assert [t["code"] for t in red] == expected and len(expected) == 11


def test_list_filters(imported, command):
    def codes(*args):
        return [t["code"] for t in json.loads(command("list", "--json", *args, db=imported).stdout)]

    assert codes("--dept", "行政审批局") == ["1", "2", "3", "15", "16"]  # lead or cooperating
    assert codes("--area", "共享发展") == ["30", "31", "32"]
    assert codes("--search", "三证合一") == ["2"]
    assert codes("--search", "信息中心") == ["3", "6", "7"]
    assert codes("--as-of", "2017-10-15", "--due-within", "20") == ["12", "27"]
    assert codes("--status", "已完成") == []


def test_set_show_and_progress(imported, command):
    command("set", "2", "--status", "推进中", "--percent", "60", "--co", "市场监管局、税务局", "--on", "2017-09-01",
            db=imported)
    command("progress", "2", "--year", "2017", "--quarter", "3", "--percent", "80", "--done", "完成系统对接",
            "--problems", "数据接口未统一", db=imported)
    shown = json.loads(command("show", "2", "--json", db=imported).stdout)
    assert (shown["status"], shown["percent"]) == ("推进中", 80)
    assert shown["co_depts"] == ["市场监管局", "税务局"]
    assert shown["latest_progress"] == "完成系统对接"
    text = command("show", "2", db=imported).stdout
    assert "具体改革内容：探索“三证合一”等商事登记模式" in text
    assert json.loads(command("list", "--search", "数据接口", "--json", db=imported).stdout)[0]["code"] == "2"


def test_errors_are_chinese_on_stderr_and_english_with_lang(imported, tmp_path, command):
    bad = command("set", "999", "--status", "推进中", db=imported, check=False)
    assert bad.returncode != 0 and "台账中没有编号为“999”的任务" in bad.stderr and "Traceback" not in bad.stderr
    bad = command("set", "2", "--status", "完工", db=imported, check=False)
    assert bad.returncode != 0 and "状态必须是" in bad.stderr
    en = command("--lang", "en", "set", "999", "--percent", "5", db=imported, check=False)
    assert "the ledger has no task numbered '999'" in en.stderr
    fake = tmp_path / "fake.xlsx"
    fake.write_text("序号,任务\n1,x\n", encoding="utf-8")
    refused = command("import", str(fake), db=imported, check=False)
    assert refused.returncode != 0 and "fake.xlsx" in refused.stderr and "Traceback" not in refused.stderr
    assert len(json.loads(command("list", "--json", db=imported).stdout)) == 32


def test_db_from_environment(db_url, sample, command):
    env = {"TASK_LEDGER_DB": db_url}
    command("import", str(sample), env=env)
    assert "://" in db_url or Path(db_url).exists()
    assert len(json.loads(command("list", "--json", env=env).stdout)) == 32


def test_config_thresholds_change_lights(imported, command):
    def yellow():
        return len(json.loads(command("list", "--as-of", "2017-10-15", "--light", "yellow", "--json", db=imported).stdout))

    before = yellow()
    command("config", "warn.lag_points", "100", db=imported)  # only "due soon" is yellow now
    assert "warn.lag_points=100" in command("config", db=imported).stdout
    assert 0 < yellow() < before
    assert command("config", "warn.due_days", "abc", db=imported, check=False).returncode != 0


def test_usage_errors_are_chinese_too(db_url, command):
    bad = command("list", "--light", "purple", db=db_url, check=False)
    assert bad.returncode == 2 and "错误" in bad.stderr and "无效的选项" in bad.stderr
    missing = command("progress", "2", db=db_url, check=False)
    assert "缺少必需的参数" in missing.stderr
    english = command("--lang", "en", "list", "--light", "purple", db=db_url, check=False)
    assert "invalid choice" in english.stderr


@pytest.mark.parametrize("subcommand", ["import", "list", "show", "set", "progress", "config", "report"])
def test_help_for_every_command(subcommand, command):
    assert "--db" in command(subcommand, "--help").stdout


def _modules_loaded_by(args: list[str], prefixes: tuple[str, ...]) -> list[str]:
    code = ("import sys, runpy; sys.argv=['main.py', *sys.argv[1:]];"
            "import io, contextlib\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try: runpy.run_path('main.py', run_name='__main__')\n"
            "    except SystemExit as exit: assert not exit.code, exit.code\n"
            f"import json; print(json.dumps(sorted(m for m in sys.modules if m.startswith({prefixes!r}))))")
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_command_line_does_not_import_qt(imported):
    assert _modules_loaded_by(["--db", str(imported), "list", "--json"], ("PySide6", "shiboken")) == []


ORM = ("sqlmodel", "pydantic", "sqlalchemy.orm")


def test_listing_loads_no_orm(imported):
    """``list`` reads through Core tables (ledger_app.store.schema): loading the ORM would cost a third
    of a second at every start."""
    assert _modules_loaded_by(["list", "--db", str(imported)], ORM) == []
    assert _modules_loaded_by(["list", "--json", "--overdue", "--db", str(imported)], ORM) == []


def test_importing_a_table_loads_no_orm_unless_it_holds_history(db_url, tmp_path, command):
    from tests.tables import write_table

    plain = write_table(tmp_path / "t.xlsx", [[1, "审批改革", "行政审批局", "2018年6月底前"]],
                        title="改革任务表", header=["序号", "重点任务", "牵头单位", "完成时间"])
    assert _modules_loaded_by(["import", str(plain), "--db", str(db_url)], ORM) == []
    # A table that dates its progress writes reports through the one progress rule (ORM).
    dated = write_table(tmp_path / "p.xlsx", [[1, "审批改革", "行政审批局", "2018年6月底前", "已完成"]],
                        title="改革任务推进情况表", header=["序号", "重点任务", "牵头单位", "完成时间", "进展情况"])
    loaded = _modules_loaded_by(["import", str(dated), "--quarter", "2018Q2", "--db", str(db_url)], ORM)
    assert "sqlmodel" in loaded
    assert "已完成" in [v["latest_progress"] for v in json.loads(command("list", "--json", db=db_url).stdout)]


def test_import_says_where_progress_went_and_takes_a_quarter(db_url, tmp_path, command):
    from tests.tables import write_table

    path = write_table(tmp_path / "t.xlsx", [[1, "审批改革", "行政审批局、各部门", "2018年6月底前", "已完成", "试点"]],
                       title="改革任务推进情况表", header=["序号", "重点任务", "牵头单位", "完成时间", "进展情况", "备注"])
    out = command("import", str(path), "--quarter", "2018Q2", db=db_url).stdout
    assert "1 项任务的进展情况记入 2018 年第 2 季度" in out and "其中 1 项按进展情况推断了状态" in out
    (task,) = json.loads(command("list", "--json", db=db_url).stdout)
    assert (task["status"], task["lead_depts"], task["lead_groups"], task["note"]) == ("已完成", ["行政审批局"], ["各部门"], "试点")
    bad = command("import", str(path), "--quarter", "2018Q5", db=db_url, check=False)
    assert bad.returncode != 0 and "2017Q3" in bad.stderr


def test_the_command_line_speaks_the_clerks_language(filled, db, cli, capsys):
    """Issue 25.12: lights and statuses in words, changed fields by their labels, the installed name."""
    assert cli(["list", "--as-of", "2017-10-15", "--db", str(db)]) == 0
    listed = capsys.readouterr().out
    assert "\t红灯\t" in listed and "\t黄灯\t" in listed and "\tred\t" not in listed and "\tyellow\t" not in listed
    assert cli(["show", "1", "--as-of", "2017-10-15", "--db", str(db)]) == 0
    assert "预警灯：红灯" in capsys.readouterr().out
    assert cli(["set", "1", "--co", "财政局", "--percent", "10", "--db", str(db)]) == 0
    said = capsys.readouterr().out
    assert "配合部门" in said and "完成%" in said and "co_depts" not in said and "percent" not in said
    with pytest.raises(SystemExit):
        cli(["--help"])
    helped = capsys.readouterr().out
    assert helped.startswith("用法：task-ledger") and "main.py" not in helped


def test_the_window_without_a_display_says_so_instead_of_aborting(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["TASK_LEDGER_HOME"] = str(tmp_path)
    ran = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(tmp_path / "l.db")], env=env,
                         capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert ran.returncode == 2 and "没有可用的显示器" in ran.stderr and "task-ledger --help" in ran.stderr
    assert "qt.qpa" not in ran.stderr and not (tmp_path / "l.db").exists()
