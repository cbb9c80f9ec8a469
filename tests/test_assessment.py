"""The annual department assessment against a year worked out by hand (a clock stamps every change
with the day of the script), reproducible as of a date, on the command line, as a 公文 and as Excel."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from ledger_app import operations
from ledger_app.assessment.scoring import assess, default_targets
from ledger_app.cli.main import main as cli_main
from ledger_app.documents.options import ReportOptions
from ledger_app.exchange.importing.apply import import_file
from ledger_app.messages.errors import LedgerError
from ledger_app.operations import add_supervision, edit_task, record_progress
from ledger_app.operations.issuing import build_report
from ledger_app.records import numbering
from ledger_app.records.progress import ProgressInput
from ledger_app.records.supervision import SupervisionInput
from ledger_app.store import settings
from ledger_app.tasks.queries import find_task_id
from tests.clock import Clock
from tests.documents import ORG, breaking_rule_violations, make, page_lines, png, squeezed
from tests.tables import write_table

# These tests set tasks 已完成 directly, as an office without the evidence rule does (issue 26).
pytestmark = pytest.mark.usefixtures("evidence_optional")

ROWS = [[1, "一、领域", "推进招商机制改革", "打造招商服务平台", "重点改革项目", "招商局", "财政局", "", "2017年6月30日"],
        [2, "一、领域", "推进招商机制改革", "建立招商项目评审机制", "专项改革项目", "招商局", "", "", "2017年9月30日"],
        [3, "一、领域", "推进投融资体制改革", "设立产业投资基金", "重点改革项目", "财政局", "招商局", "", "2017年12月31日"],
        [4, "一、领域", "推进投融资体制改革", "推行PPP模式", "专项改革项目", "财政局", "", "", "2018年6月30日"]]
AS_OF = date(2018, 1, 10)  # the fourth quarter's reports are due on 1 January + 10 days


@pytest.fixture
def scripted(ledger, tmp_path, monkeypatch):
    """A year of work on four tasks, each step on its own day."""
    engine = ledger.engine
    clock = Clock(monkeypatch)
    clock.set(date(2017, 1, 5))
    import_file(engine, write_table(tmp_path / "任务.xlsx", ROWS))
    operations.set_setting(engine, "org.name", ORG)
    task = {code: find_task_id(engine, code) for code in "1234"}

    def report(code: str, quarter: int, filed: date, percent: int = 50) -> None:
        clock.set(filed)
        record_progress(engine, task[code], ProgressInput(2017, quarter, percent, "推进中", report_date=filed),
                        user="督查室")

    def done(code: str, day: date) -> None:
        clock.set(day)
        edit_task(engine, task[code], {"status": "已完成", "percent": 100}, user="督查室", effective_on=day)

    report("1", 1, date(2017, 4, 8))
    report("2", 1, date(2017, 4, 9))
    report("3", 1, date(2017, 4, 10))  # the feedback deadline itself: on time
    report("4", 1, date(2017, 4, 6))
    done("1", date(2017, 5, 20))  # 41 days early
    report("1", 2, date(2017, 7, 12), 100)  # completed in Q2, reported two days late
    report("2", 2, date(2017, 7, 9))
    report("4", 2, date(2017, 7, 3))  # task 3 misses its Q2 report
    add_supervision(engine, task["2"], SupervisionInput("限期整改", date(2017, 8, 1), "限期整改通知书",
                                                        date(2017, 8, 31), doc_no="整改〔2017〕1号"), user="督查室")
    report("3", 3, date(2017, 10, 11))  # one day late; task 2 misses its Q3 report
    report("4", 3, date(2017, 10, 8))
    done("2", date(2017, 10, 15))  # 15 days after its deadline
    add_supervision(engine, task["3"], SupervisionInput("通报批评", date(2017, 10, 20), "第三季度通报"), user="督查室")
    add_supervision(engine, task["3"], SupervisionInput("催办", date(2017, 11, 2), "电话催办"), user="督查室")
    report("2", 4, date(2018, 1, 5), 100)
    report("3", 4, date(2018, 1, 9))  # task 4 misses its Q4 report; task 3 is not done by 12-31
    clock.set(date(2018, 1, 9))  # the fourth quarter's bulletin publishes the 通报批评 of 20 October
    build_report(engine, ReportOptions("bulletin", 2017, 4, signed=date(2018, 1, 9)), tmp_path / "通报.pdf",
                 user="督查室")
    return engine, clock, task


# Worked out by hand with the default method: base 100; on time +0, ≥30 days early +1, late −1,
# not done −3; 重点改革项目 ×1.5, 专项改革项目 ×1; co-operating departments ×0.5; 通报批评 −2,
# 限期整改 −3, 问责 −5; a report filed after the 10th of the next quarter's first month −0.5, none −1.
HAND = {
    "招商局": [("", "基础分", "100"),
            ("1", "按期完成，重点改革项目×1.5", "0.00"),
            ("1", "提前41天完成，重点改革项目×1.5", "1.50"),
            ("1", "2017年第二季度进展迟报", "-0.5"),
            ("2", "逾期完成（完成时限9月30日，10月15日完成），专项改革项目×1", "-1.00"),
            ("2", "限期整改（8月1日，整改〔2017〕1号）", "-3"),
            ("2", "2017年第三季度进展未报送", "-1"),
            ("3", "到期未完成（完成时限12月31日），重点改革项目×1.5，配合单位×0.5", "-2.25")],
    "财政局": [("", "基础分", "100"),
            ("1", "按期完成，重点改革项目×1.5，配合单位×0.5", "0.00"),
            ("1", "提前41天完成，重点改革项目×1.5，配合单位×0.5", "0.75"),
            ("3", "到期未完成（完成时限12月31日），重点改革项目×1.5", "-4.50"),
            ("3", "通报批评（10月20日，通报〔2018〕1号）", "-2"),
            ("3", "2017年第二季度进展未报送", "-1"),
            ("3", "2017年第三季度进展迟报", "-0.5"),
            ("4", "2017年第四季度进展未报送", "-1")],
}


def test_a_fourth_quarter_notice_signed_in_january_counts_in_its_own_year(scripted, tmp_path):
    """The 限期整改通知书 for the fourth quarter is signed on 9 January: its 督办 record is dated then, yet
    it is the old year's supervision, in the annual report (periods.of_year) and so in the assessment.
    A 通报批评 recorded in January on the fourth quarter's bulletin was published by it."""
    engine, _clock, task = scripted
    build_report(engine, ReportOptions("notice", 2017, 4, task_code="3", signed=date(2018, 1, 9),
                                       rectify_by=date(2018, 1, 31)), tmp_path / "整改通知书.pdf", user="督查室")
    (bulletin,) = numbering.issued(engine, "bulletin")  # the fourth quarter's, numbered in 2018
    add_supervision(engine, task["4"], SupervisionInput("通报批评", date(2018, 1, 9), "第四季度通报",
                                                        doc_no=bulletin.doc_no), user="督查室")

    def lines(year: int, dept: str) -> list[tuple[str, str, str]]:
        (score,) = [d for d in assess(engine, year, AS_OF if year == 2017 else date(2019, 1, 10)).departments
                    if d.dept == dept]
        return [(line.code, line.kind, str(line.points)) for line in score.lines]

    assert ("3", "rectify", "-3") in lines(2017, "财政局")
    assert ("4", "criticism", "-2") in lines(2017, "财政局")
    assert all(code not in ("3", "4") or kind not in ("rectify", "criticism")
               for code, kind, _points in lines(2018, "财政局"))


def test_scores_match_the_hand_worked_year(scripted):
    engine, _clock, _task = scripted
    result = assess(engine, 2017)
    assert result.as_of == AS_OF
    assert [(d.rank, d.dept, d.total) for d in result.departments] == \
        [(1, "招商局", Decimal("93.75")), (2, "财政局", Decimal("91.75"))]
    for dept, lines in HAND.items():
        score = result.of(dept)
        assert [(line.code, line.rule, line.points) for line in score.lines] == \
            [(code, rule, Decimal(points)) for code, rule, points in lines], dept
        assert sum(line.points for line in score.lines) == score.total, "the breakdown adds up to the total"


def test_the_same_date_gives_the_same_result_whatever_happened_since(scripted):
    engine, clock, task = scripted
    before = assess(engine, 2017, AS_OF).to_json()
    clock.set(date(2018, 2, 1))
    edit_task(engine, task["3"], {"status": "已完成", "percent": 100}, user="督查室", effective_on=date(2018, 2, 1))
    record_progress(engine, task["4"], ProgressInput(2017, 4, 60, "补报", report_date=date(2018, 2, 1)), user="督查室")
    assert assess(engine, 2017, AS_OF).to_json() == before
    later = assess(engine, 2017, date(2018, 2, 1))
    finance = [(line.rule, line.points) for line in later.of("财政局").lines]
    assert ("逾期完成（完成时限12月31日，2月1日完成），重点改革项目×1.5", Decimal("-1.50")) in finance
    assert ("2017年第四季度进展迟报", Decimal("-0.5")) in finance
    assert later.of("财政局").total == Decimal("91.75") + 3 + Decimal("0.5")
    # A supervision action counts from the date it carries: recorded later but dated in the year,
    # it changes the result as of January too (until the quarter is closed and frozen).
    add_supervision(engine, task["4"], SupervisionInput("问责", date(2017, 12, 30), "补记"), user="督查室")
    assert assess(engine, 2017, AS_OF).of("财政局").total == Decimal("86.75")


def test_the_method_is_kept_in_the_ledger(scripted, db_url, capsys):
    engine, _clock, _task = scripted
    assert cli_main(["--db", db_url, "config", "assess.weights", "重点改革项目=2；专项改革项目=1"]) == 0
    assert cli_main(["--db", db_url, "config", "assess.co_share", "0.25"]) == 0
    assert cli_main(["--db", db_url, "config", "assess.report_missing", "2"]) == 0
    capsys.readouterr()
    finance = assess(engine, 2017).of("财政局")
    assert finance.total == Decimal("100") + Decimal("0.5") - 6 - 2 - 2 - Decimal("0.5") - 2
    assert cli_main(["--db", db_url, "config", "assess.weights", "重点改革项目：2"]) == 2
    assert "项目类别权重“重点改革项目：2”无效" in capsys.readouterr().err
    with pytest.raises(LedgerError, match="设置“assess.co_share”的值无效"):
        operations.set_setting(engine, "assess.co_share", "1.5")


def test_assess_on_the_command_line_with_excel(scripted, db_url, tmp_path, capsys):
    out = tmp_path / "考核.xlsx"
    assert cli_main(["--db", db_url, "assess", "--year", "2017", "--dept", "财政局", "--xlsx", str(out)]) == 0
    text = capsys.readouterr().out
    assert "2017 年度考核（截至 2018-01-10）：2 个单位" in text
    assert "1\t招商局\t93.75" in text and "2\t财政局\t91.75" in text
    assert "-4.5\t3\t到期未完成（完成时限12月31日），重点改革项目×1.5" in text
    assert cli_main(["--db", db_url, "assess", "--year", "2017", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(d["dept"], d["total"]) for d in data["departments"]] == [("招商局", 93.75), ("财政局", 91.75)]
    book = load_workbook(out)
    assert book.sheetnames == ["考核结果", "不参与排名", "得分明细", "考核办法"]
    ranking = [[c.value for c in row] for row in book["考核结果"].iter_rows(min_row=3)]
    assert ranking[0][:6] == [1, "招商局", 93.75, 1, 1, 1] and ranking[1][:3] == [2, "财政局", 91.75]
    detail = [[c.value for c in row] for row in book["得分明细"].iter_rows(min_row=3)]
    for dept in ("招商局", "财政局"):
        lines = [r[4] for r in detail if r[0] == dept and r[2] != "合计"]
        total = next(r[4] for r in detail if r[0] == dept and r[2] == "合计")
        assert sum(lines) == pytest.approx(total)


def test_the_result_as_an_official_document(scripted, tmp_path, output_dir):
    engine, _clock, _task = scripted
    result, reader = make(engine, tmp_path, "assessment", signed=date(2018, 1, 20))
    assert result.numbers == {"": "考核〔2018〕1号"} and result.title == "2017年度改革任务考核结果"
    text = squeezed(reader)
    assert text.startswith(ORG) and "考核〔2018〕1号" in text[:60]
    assert "2017年度改革任务考核结果" in text and "考核数据截至2018年1月10日" in text
    assert f"{ORG}2018年1月20日" in text and "附件：各单位考核得分明细" in text
    assert "1.招商局：93.75分（第1名）" in text and "2.财政局：91.75分（第2名）" in text
    assert "到期未完成（完成时限12月31日），重点改革项目×1.5" in text and "合计91.75" in text
    assert breaking_rule_violations(reader) == []
    lines = page_lines(reader)
    assert [page[-1].replace(" ", "") for page in lines] == [f"—{n}—" for n in range(1, len(lines) + 1)]
    png(result.path, output_dir, "report_assessment", 1, len(reader.pages))


@pytest.mark.parametrize("as_of", [date(2017, 9, 30), date(2017, 10, 15), AS_OF, date(2018, 3, 1)])
def test_the_lean_read_scores_like_the_full_snapshot(scripted, as_of):
    """assess() reads only what it scores (ledger_app/assessment/facts.py); the documents use the
    full snapshot. Both apply the same as-of rules, so both give the same result."""
    from ledger_app.assessment import facts
    from ledger_app.assessment.facts import completion_dates
    from ledger_app.assessment.scoring import Method, score
    from ledger_app.periods.as_of import ledger_as_of
    from ledger_app.records import numbering

    engine, clock, task = scripted
    clock.set(date(2018, 2, 1))
    edit_task(engine, task["3"], {"status": "已完成", "percent": 100, "category": "专项改革项目",
                                    "lead_depts": "招商局", "deadline": date(2018, 1, 31)}, user="督查室",
                effective_on=date(2018, 2, 1))
    method = Method.from_settings(settings.get_all(engine))
    done = completion_dates(engine, as_of)
    full = score(ledger_as_of(engine, as_of), 2017, method, done, register=numbering.issued(engine)).to_json()
    lean = score(facts.take(engine, as_of), 2017, method, done).to_json()
    assert lean == full and len(full["departments"]) == 2
    assert assess(engine, 2017, as_of).to_json() == full


def test_a_closed_quarters_end_is_assessed_as_frozen(scripted):
    """Assessed as of the end of a closed quarter, the ledger is the one frozen at the close, as
    every document of that quarter is: a task deleted since still counts."""
    from ledger_app.operations import close_quarter, delete_task
    from ledger_app.periods import snapshot

    engine, _clock, task = scripted
    end = date(2017, 12, 31)
    before = assess(engine, 2017, end).to_json()
    assert any(line["task"] == "3" for dept in before["departments"] for line in dept["lines"])
    close_quarter(engine, 2017, 4, user="督查室")
    delete_task(engine, task["3"], user="督查室")
    assert all(t.code != "3" for t in snapshot.take_live(engine, end).tasks), "the live ledger lost it"
    assert assess(engine, 2017, end).to_json() == before


def test_the_command_line_json_holds_the_whole_result(scripted, db_url, capsys):
    """``assess --json``: the result whole, as a script reading it relies on: the year and day, the method
    in words, every unit's rank, tie, total and lines, and the units not ranked with the reason."""
    engine, _clock, _task = scripted
    operations.set_setting(engine, "assess.targets", "招商局、科技局")
    assert cli_main(["--db", db_url, "assess", "--year", "2017", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["year"], data["as_of"], data["plan"]) == (2017, "2018-01-10", None)
    assert len(data["method"]) == 5
    assert data["method"][0] == "考核对象：招商局、科技局（区外单位和统称不参加排名；没有可考核任务的单位不参与排名）。"
    (first,) = data["departments"]
    assert {key: first[key] for key in ("rank", "tied", "dept", "total")} == \
        {"rank": 1, "tied": False, "dept": "招商局", "total": 93.75}
    assert first["lines"][1] == {"task": "1", "title": "推进招商机制改革：打造招商服务平台",
                                 "rule": "按期完成，重点改革项目×1.5", "points": 0.0, "kind": "on_time"}
    assert [(line["task"], line["rule"], line["points"]) for line in first["lines"]] == \
        [(code, rule, float(points)) for code, rule, points in HAND["招商局"]]
    assert data["unranked"] == [{"dept": "科技局", "reason": "本年度没有牵头或配合的可考核任务"}]
    assert data["others"] == [{"dept": "财政局", "reason": "未列入考核对象"}]


def test_one_plan_alone_and_a_unit_looked_up(scripted, tmp_path):
    """``--plan``: only that plan's tasks are scored, and the result names it; a unit not in the result is
    None, not an error."""
    engine, _clock, _task = scripted
    other = write_table(tmp_path / "另一方案.xlsx", [[1, "一、领域", "推进科技体制改革", "建成科创中心", "专项改革项目",
                                                   "科技局", "", "", "2017年8月31日"]], title="常州经开区2017年科技专项任务表")
    import_file(engine, other)
    everything = assess(engine, 2017, AS_OF)
    assert everything.of("科技局") is not None
    alone = assess(engine, 2017, AS_OF, plan="常州经开区2017年改革创新目标任务表")
    assert alone.plan == "常州经开区2017年改革创新目标任务表"
    assert alone.of("科技局") is None
    assert [(d.dept, d.total) for d in alone.departments] == [("招商局", Decimal("93.75")), ("财政局", Decimal("91.75"))]


def test_the_default_targets_are_the_leads_as_of_the_day_whatever_is_set(scripted, tmp_path):
    """The units a year would assess when none are set: those leading a scoreable task as of the day (a task
    due next year counts once a quarter's report is owed), not the 考核对象 set in the ledger."""
    engine, clock, _task = scripted
    clock.set(date(2017, 1, 5))  # in the plan from its first day, as if imported with the others
    import_file(engine, write_table(tmp_path / "任务.xlsx", [*ROWS, [5, "一、领域", "推进科技体制改革", "建设科创中心",
                                                                  "专项改革项目", "科技局", "", "", "2018年12月31日"]]))
    operations.set_setting(engine, "assess.targets", "招商局")
    assert default_targets(engine, 2017, date(2017, 3, 1)) == ["招商局", "财政局"]  # no report owed yet
    assert "科技局" in default_targets(engine, 2017, AS_OF)
