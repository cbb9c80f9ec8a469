"""Messages instead of tracebacks (issue 22.14): each wrong argument or cell is refused with a message of
the catalogue naming what was wrong, and a non-zero exit; nothing is echoed back by the megabyte."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from openpyxl import Workbook

from ledger_app.messages.errors import ImportRejected

TEN_MB = "9" * (10 * 1024 * 1024)


def _run(cli, args: list[str]) -> int:  # noqa: ANN001
    """The exit code of the command line, whether the core or argparse refused."""
    try:
        return cli(args)
    except SystemExit as stopped:
        return stopped.code


@pytest.mark.parametrize(("args", "said"), [
    (["close-quarter", "--year", "-5", "--quarter", "1"], "年份 -5 不合理"),
    (["close-quarter", "--year", "0", "--quarter", "1"], "年份 0 不合理"),
    (["close-quarter", "--year", "99999", "--quarter", "1"], "年份 99999 不合理"),
    (["reopen-quarter", "--year", "0", "--quarter", "1", "--by", "张三", "--reason", "错"], "年份 0 不合理"),
    (["carry-over", "--from", "-5"], "年份 -5 不合理"),
    (["carry-over", "--from", "99999"], "年份 99999 不合理"),
    (["carry-over", "--from", "2017", "--to", "2101"], "年份 2101 不合理"),
    (["carry-over", "--from", "2099", "--to", "2100"], "没有需要结转"),  # the last year allowed: no task
    (["assess", "--year", "0"], "年份 0 不合理"),
    (["list", "--search", "改革" * 50_000], "“搜索”过长（100,000 字，上限 200 字）"),
    (["list", "--dept", "党政办" * 100], "“部门”过长"),
    (["list", "--dept", "不存在"], "台账中没有名称包含“不存在”的部门"),
    (["list", "--area", "不存在的领域"], "台账中没有名称包含“不存在的领域”的改革领域"),
    (["list", "--plan", "没有这个方案"], "台账中没有名为“没有这个方案”的方案"),
    (["set", "1", "--deadline", "99999-01-01"], "年份不合理：99999"),
    (["progress", "1", "--year", "2017", "--quarter", "3", "--percent", "5", "--done", ""], "本季度完成情况为空"),
    (["progress", "1", "--year", "2017", "--quarter", "3", "--percent", "5", "--done", "  "], "本季度完成情况为空"),
    (["config", "org.name", ""], "不能为空"),
    (["config", "org.name", "   "], "不能为空"),
])
def test_a_wrong_argument_is_a_message_and_a_non_zero_exit(filled, db, cli, capsys, args, said):
    before = db.read_bytes()
    code = _run(cli, [*args, "--db", str(db)])
    out, err = capsys.readouterr()
    if said == "没有需要结转":  # the edge itself is accepted
        assert code == 0 and said in out
        return
    assert code != 0 and said in err, err
    assert "Traceback" not in err and len(err) < 2_000
    assert db.read_bytes() == before


def test_a_department_that_exists_but_leads_nothing_listed_is_an_empty_list(filled, db, cli, capsys):
    """Not every empty list is a slip: a department the ledger holds, with no task matching, is fine."""
    assert cli(["list", "--dept", "党政办", "--status", "已完成", "--db", str(db)]) == 0
    assert capsys.readouterr().out == ""


def test_a_ten_megabyte_argument_is_not_echoed(filled, db, cli, capsys):
    assert cli(["show", TEN_MB, "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "台账中没有编号为" in err and len(err) < 1_000 and "10,485,760" in err


def test_a_formula_without_its_saved_result_is_named_as_such(ledger, tmp_path):
    """openpyxl, like some scripts and converters, writes formulas without their result: the reader
    sees an empty cell, which used to be reported as 任务名称为空."""
    from ledger_app.exchange.importing.apply import import_file
    from tests.tables import HEADER

    wb = Workbook()
    ws = wb.active
    ws.title = "任务表"
    ws.append(["常州经开区2017年改革创新目标任务表"])
    ws.append(HEADER)
    ws.append([1, "领域", "项目一", "内容", "", "招商局", "", "", "2017年底"])
    ws.append([2, "领域", '=C3&"（续）"', "内容", "", "招商局", "", "", "2017年底"])
    path = tmp_path / "公式.xlsx"
    wb.save(path)
    with pytest.raises(ImportRejected) as refused:
        import_file(ledger.engine, path)
    said = str(refused.value)
    assert "第 4 行，第 C 列（改革项目）" in said and "公式" in said and "保存" in said
    assert "任务名称为空" not in said


@pytest.mark.parametrize("heading", ["99999年", "2024年第5季度", "2024Q7", "1899年实际"])
def test_an_indicator_column_headed_by_an_impossible_period_is_refused_by_name(ledger, tmp_path, heading):
    from ledger_app.exchange.importing.indicators import import_indicators
    from ledger_app.indicators.store import count_indicators

    wb = Workbook()
    ws = wb.active
    ws.title = "指标"
    ws.append(["序号", "指标名称", "单位", "基期值", "基期年份", "目标值", "目标年份", "2024年", heading])
    ws.append([1, "园区工业产值", "亿元", 700, 2022, 1000, 2025, 800, 850])
    path = tmp_path / "指标.xlsx"
    wb.save(path)
    with pytest.raises(ImportRejected) as refused:
        import_indicators(ledger.engine, path)
    said = str(refused.value)
    assert "第 1 行，第 I 列" in said and f"表头“{heading}”不是有效的年份或季度" in said, said
    assert count_indicators(ledger.engine) == 0


def test_a_refused_argument_changes_nothing_on_disk(filled, db, cli):
    with closing(sqlite3.connect(db)) as conn:
        before = conn.execute("SELECT count(*) FROM change_log").fetchone()
    _run(cli, ["set", "1", "--deadline", "99999-01-01", "--db", str(db)])
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT count(*) FROM change_log").fetchone() == before
