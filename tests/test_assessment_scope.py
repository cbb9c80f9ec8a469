"""Who the annual assessment ranks (考核对象), how it says ties and scores, and which 通报批评 cost
points: only those a quarter's bulletin published (issue 24)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from ledger_app import operations
from ledger_app.assessment import scope
from ledger_app.assessment.facts import Facts, TaskFacts
from ledger_app.assessment.scoring import DeptScore, Line, Method, Result, assess, points_text, rank, score
from ledger_app.cli.main import main as cli_main
from ledger_app.documents.options import ReportOptions
from ledger_app.exchange.importing.apply import import_file
from ledger_app.messages.errors import LedgerError
from ledger_app.operations import add_supervision, edit_task
from ledger_app.operations.issuing import build_report
from ledger_app.records.supervision import SupervisionInput
from ledger_app.store import settings
from ledger_app.tasks.groups import rule_from
from ledger_app.tasks.queries import find_task_id
from tests.clock import Clock
from tests.documents import ORG, squeezed
from tests.tables import write_table
from tests.test_assessment import scripted  # noqa: F401 - the hand-worked year, a fixture

pytestmark = pytest.mark.usefixtures("evidence_optional")

ROWS = [[1, "一、领域", "推进招商机制改革", "打造招商服务平台", "重点改革项目", "招商局", "档案馆", "", "2017年6月30日"],
        [2, "一、领域", "推进投融资体制改革", "设立产业投资基金", "重点改革项目", "财政局", "", "", "2017年12月31日"],
        [3, "一、领域", "推进投融资体制改革", "争取上级专项资金", "专项改革项目", "常州市财政局", "财政局", "",
         "2017年9月30日"],
        [4, "一、领域", "优化组织管理机制", "理顺区镇管理体制", "专项改革项目", "区政府、各成员单位", "组织人事部", "",
         "2017年9月30日"],
        [5, "一、领域", "推进科技体制改革", "建设科技创新平台", "专项改革项目", "科技局", "", "", "2017年9月30日"]]


@pytest.fixture
def units(ledger, tmp_path, monkeypatch):
    """Five tasks due in 2017: two units leading and one co-operating only, a municipal bureau, the
    district government with a group word, and a unit whose only task was cancelled."""
    engine = ledger.engine
    Clock(monkeypatch).set(date(2017, 1, 5))
    import_file(engine, write_table(tmp_path / "任务.xlsx", ROWS))
    operations.set_setting(engine, "org.name", ORG)
    edit_task(engine, find_task_id(engine, "5"), {"status": "已取消"}, user="督查室", effective_on=date(2017, 1, 5))
    return engine


def _reasons(result: Result) -> dict[str, str]:
    return {u.dept: u.reason for u in [*result.unranked, *result.others]}


def test_by_default_the_units_leading_a_scored_task_are_ranked(units):
    result = assess(units, 2017, date(2018, 1, 10))
    assert [d.dept for d in result.departments] == ["招商局", "财政局"]
    assert result.unranked == [], "nobody was listed: the default list has a task for every unit"
    assert _reasons(result) == {
        "档案馆": "未牵头本年度可考核的任务，只作配合单位",
        "常州市财政局": "市级部门，属区外单位，不参加本级考核",
        "区政府": "党委、政府，属区外单位，不参加本级考核",
        "组织人事部": "未牵头本年度可考核的任务，只作配合单位"}
    assert "科技局" not in _reasons(result), "its only task was cancelled: not a unit of this year's assessment"
    assert all("成员单位" not in d for d in [*(x.dept for x in result.departments), *_reasons(result)])


def test_the_list_set_on_the_command_line_is_who_is_ranked(units, db_url, capsys):
    assert cli_main(["--db", db_url, "assess-targets", "list", "--year", "2017"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == ["招商局", "财政局"]
    assert cli_main(["--db", db_url, "assess-targets", "set", "招商局、档案馆", "科技局"]) == 0
    assert settings.get_all(units)["assess.targets"] == "招商局、档案馆、科技局"
    result = assess(units, 2017, date(2018, 1, 10))
    assert [d.dept for d in result.departments] == ["档案馆", "招商局"], "a co-operating unit listed is ranked"
    assert [(u.dept, u.reason) for u in result.unranked] == [("科技局", "本年度没有牵头或配合的可考核任务")]
    assert _reasons(result)["财政局"] == "未列入考核对象"
    capsys.readouterr()
    assert cli_main(["--db", db_url, "assess", "--year", "2017", "--as-of", "2018-01-10"]) == 0
    out = capsys.readouterr().out
    assert "不参与排名：科技局（本年度没有牵头或配合的可考核任务）" in out and "\t科技局\t" not in out

    # Outside bodies and group words are refused, with the reason; nothing is saved.
    assert cli_main(["--db", db_url, "assess-targets", "add", "市发改委"]) == 2
    assert "“市发改委”不能列为考核对象：市级部门，属区外单位，不参加本级考核" in capsys.readouterr().err
    assert cli_main(["--db", db_url, "assess-targets", "add", "各成员单位"]) == 2
    assert "是一类单位的统称，不是具体单位" in capsys.readouterr().err
    assert cli_main(["--db", db_url, "assess-targets", "remove", "档案馆"]) == 0
    assert cli_main(["--db", db_url, "assess-targets", "add", "财政局"]) == 0
    assert settings.get_all(units)["assess.targets"] == "招商局、科技局、财政局"
    assert cli_main(["--db", db_url, "assess-targets", "remove", "审计局"]) == 2
    assert cli_main(["--db", db_url, "assess-targets", "default"]) == 0
    assert settings.get_all(units)["assess.targets"] == ""
    assert [d.dept for d in assess(units, 2017, date(2018, 1, 10)).departments] == ["招商局", "财政局"]


def test_a_list_written_past_the_operation_still_never_ranks_outsiders(units):
    """A list stored by an older version or by hand: the rule is applied when scoring too."""
    result = assess(units, 2017, date(2018, 1, 10), targets=("招商局", "常州市财政局", "相关部门"))
    assert [d.dept for d in result.departments] == ["招商局"]
    assert [(u.dept, u.reason) for u in result.unranked] == [
        ("常州市财政局", "市级部门，属区外单位，不参加本级考核"), ("相关部门", "是一类单位的统称，不是具体单位")]
    with pytest.raises(LedgerError, match="不能列为考核对象"):
        operations.set_setting(units, "assess.targets", "招商局\n区人民政府")


@pytest.mark.parametrize(("name", "kind"), [
    ("市财政局", "市级部门"), ("常州市发展和改革委员会", "市级部门"), ("市委组织部", "市级部门"),
    ("市市场监管局", "市级部门"), ("市政府", "党委、政府"), ("区政府", "党委、政府"), ("新北区人民政府", "党委、政府"),
    ("县委", "党委、政府"), ("中共常州市委", "党委、政府"), ("江苏省发展改革委", "上级部门"), ("国家税务总局", "上级部门"),
    ("市场监管局", None), ("市政公用局", None), ("城市管理局", None), ("综合城市管理局", None), ("财政局", None),
    ("区政府办公室", None), ("经开区党工委", None), ("招商局", None)])
def test_bodies_outside_the_zone(name, kind):
    assert scope.outside(name) == kind


def test_a_city_s_own_office_ranks_the_city_s_bureaus(units):
    """Outside is relative to the office: for 常州市's reform office, 市财政局 is one of its own units;
    the city's Party committee and government, and the province, are still never ranked."""
    office = "常州市委全面深化改革委员会办公室"
    assert scope.outside("市财政局", office) is None and scope.outside("市财政局", ORG) == "市级部门"
    assert scope.outside("市委", office) == "党委、政府"
    assert scope.outside("江苏省财政厅", office) == "上级部门"
    with pytest.raises(LedgerError, match="“市财政局”不能列为考核对象"):
        operations.set_setting(units, "assess.targets", "市财政局")
    operations.set_settings(units, {"org.name": office, "assess.targets": "常州市财政局、招商局"})
    assert settings.get_all(units)["assess.targets"] == "常州市财政局、招商局"
    assert sorted(d.dept for d in assess(units, 2017, date(2018, 1, 10)).departments) == ["常州市财政局", "招商局"]


def test_group_words_in_an_old_ledger_are_never_ranked():
    """The importer keeps 各部门/相关单位 as text; a ledger written before that may hold them as units."""
    method = Method.from_settings(settings.with_defaults({}))
    task = TaskFacts(1, "1", "任务", "", "", "推进中", date(2017, 6, 30), None, ["相关单位", "招商局", "成员单位"],
                     ["各部门", "区属国企"])
    result = score(Facts(date(2018, 1, 10), [task], {}, [], []), 2017, method, {})
    assert [d.dept for d in result.departments] == ["招商局"]
    assert _reasons(result) == {}, "a class is no unit: not even named among those not ranked"
    # The ledger's own class words (设置 → 统称) count too.
    mine = score(Facts(date(2018, 1, 10), [task], {}, [], []), 2017, method, {}, None,
                 rule_from({settings.GROUP_WORDS_KEY: "招商局"}))
    assert mine.departments == [] and _reasons(mine) == {}
    listed = score(Facts(date(2018, 1, 10), [task], {}, [], []), 2017,
                   replace(method, targets=("招商局", "成员单位")), {})
    assert [(u.dept, u.reason) for u in listed.unranked] == [("成员单位", "是一类单位的统称，不是具体单位")], \
        "a list stored before the rule knew the word: named, with why"


def _ranked(*totals: str) -> Result:
    """A result of units A, B, C… with these totals (the base score), ranked as the scoring ranks."""
    method = Method.from_settings(settings.with_defaults({}))
    depts = [DeptScore(chr(65 + i), [Line("", "", "基础分", Decimal(total), "base")]) for i, total in enumerate(totals)]
    return Result(2017, date(2018, 1, 10), None, method, rank(reversed(depts)))


def test_ties_share_a_place_and_the_first_three_are_three_places():
    from ledger_app.documents.assessment import _summary

    text = _summary(_ranked("99.25", "98.50", "97", "97", "96"))
    assert "得分前三名依次为：第1名A（99.25分）；第2名B（98.5分）；第3名C、D（并列，97分）；得分最低的为第5名E（96分）。" \
        in text, text
    text = _summary(_ranked("100.00", "98", "98", "90", "90"))
    assert "得分前三名依次为：第1名A（100分）；第2名B、C（并列，98分）；得分最低的为第4名D、E（并列，90分）。" in text, \
        "rank 4 is not among the first three"
    assert "第4名D" not in text.split("得分最低")[0]
    assert [(d.dept, d.place) for d in _ranked("98", "100", "98", "97").departments] == \
        [("B", "1"), ("A", "2（并列）"), ("C", "2（并列）"), ("D", "4")]


def test_ties_on_the_ledger_are_shown_as_such(units, db_url, capsys):
    # Two units with one on-time task each and nothing else: equal totals.
    edit_task(units, find_task_id(units, "3"), {"lead_depts": "招商局"}, user="督查室", effective_on=date(2017, 1, 5))
    result = assess(units, 2017, date(2017, 3, 1), targets=("招商局", "财政局"))
    assert [(d.dept, d.rank, d.place) for d in result.departments] == [("招商局", 1, "1（并列）"),
                                                                      ("财政局", 1, "1（并列）")] \
        or [(d.dept, d.rank, d.place) for d in result.departments] == [("财政局", 1, "1（并列）"),
                                                                        ("招商局", 1, "1（并列）")]
    assert cli_main(["--db", db_url, "assess", "--year", "2017", "--as-of", "2017-03-01"]) == 0
    out = capsys.readouterr().out
    assert "1（并列）\t招商局\t100\n" in out and "100.00" not in out, "one format: 100, never 100.00"


@pytest.mark.parametrize(("value", "text"), [("100.00", "100"), ("99.25", "99.25"), ("93.50", "93.5"),
                                             ("-4.50", "-4.5"), ("0.00", "0"), ("-0.00", "0"), ("1000", "1000"),
                                             ("0.005", "0.01")])
def test_one_format_for_every_score(value, text):
    assert points_text(Decimal(value)) == text


# ----- 通报批评: published in the quarter's bulletin, or nothing deducted --------------------------

def _bulletin(engine, tmp_path, quarter: int, signed: date, **kw):  # noqa: ANN001, ANN202
    from pypdf import PdfReader

    out = tmp_path / f"通报{quarter}.pdf"
    build_report(engine, ReportOptions("bulletin", 2017, quarter, signed=signed, **kw), out, user="督查室")
    return squeezed(PdfReader(out))


def test_the_bulletin_names_the_units_and_tasks_criticised(scripted, tmp_path):  # noqa: F811
    engine, clock, task = scripted
    text = squeezed(__import__("pypdf").PdfReader(tmp_path / "通报.pdf"))  # the fourth quarter's, issued by the fixture
    assert "四、通报批评" in text and "五、下步要求" in text
    assert "2017年第四季度，对财政局牵头的1项任务予以通报批评：" in text
    assert "1.财政局：设立产业投资基金（编号3，10月20日），第三季度通报。" in text
    assert "请被通报批评的单位认真查找原因" in text
    quiet = _bulletin(engine, tmp_path, 2, date(2017, 7, 8))
    assert "通报批评" not in quiet and "四、下步要求" in quiet, "a quarter without criticism: no such section"


def _criticism_lines(engine, as_of: date) -> list[tuple[str, Decimal]]:
    return [(line.rule, line.points) for line in assess(engine, 2017, as_of).of("财政局").lines
            if line.kind.startswith("criticism")]


def test_a_criticism_nobody_was_told_of_deducts_nothing(scripted, tmp_path):  # noqa: F811
    engine, clock, task = scripted
    # Criticised in the third quarter, when no bulletin was issued for it.
    clock.set(date(2017, 9, 5))
    add_supervision(engine, task["4"], SupervisionInput("通报批评", date(2017, 9, 5), "进展滞后"), user="督查室")
    assert _criticism_lines(engine, date(2018, 1, 10)) == [
        ("通报批评（10月20日，通报〔2018〕1号）", Decimal(-2)),
        ("通报批评（9月5日，未在2017年第三季度通报中印发，不扣分）", Decimal(0))]
    # Dated back into the fourth quarter but recorded after its bulletin went out: not in its text.
    clock.set(date(2018, 1, 12))
    add_supervision(engine, task["4"], SupervisionInput("通报批评", date(2017, 12, 1), "补记"), user="督查室")
    assert ("通报批评（12月1日，未在2017年第四季度通报中印发，不扣分）", Decimal(0)) in _criticism_lines(engine, date(2018, 1, 31))
    # The third quarter's bulletin issued now names the September one: it counts from that day on.
    _bulletin(engine, tmp_path, 3, date(2018, 1, 15))
    assert ("通报批评（9月5日，通报〔2018〕2号）", Decimal(-2)) in _criticism_lines(engine, date(2018, 1, 31))
    assert ("通报批评（9月5日，未在2017年第三季度通报中印发，不扣分）", Decimal(0)) in \
        _criticism_lines(engine, date(2018, 1, 10)), "as of a day before the bulletin, the same result as then"
    finance = assess(engine, 2017, date(2018, 1, 31)).of("财政局")
    assert finance.count("criticism") == 2 and finance.count("criticism_unpublished") == 1


def test_the_document_and_the_lean_read_agree_on_what_was_published(scripted, tmp_path):  # noqa: F811
    from pypdf import PdfReader

    engine, clock, task = scripted
    clock.set(date(2017, 9, 5))
    add_supervision(engine, task["4"], SupervisionInput("通报批评", date(2017, 9, 5), "进展滞后"), user="督查室")
    out = tmp_path / "考核.pdf"
    build_report(engine, ReportOptions("assessment", 2017, signed=date(2018, 1, 20)), out, user="督查室")
    text = squeezed(PdfReader(out))
    total = points_text(assess(engine, 2017).of("财政局").total)
    assert f"财政局：{total}分" in text and "未在2017年第三季度通报中印发，不扣分" in text
    assert "通报批评每次扣2分（以季度通报印发的为准）" in text


def test_the_reasons_are_kept_in_chinese_and_shown_in_the_users_language(units, db_url, capsys):
    from ledger_app.messages import i18n

    result = assess(units, 2017, date(2018, 1, 10))
    reason = next(u.reason for u in result.others if u.dept == "常州市财政局")
    assert reason == "市级部门，属区外单位，不参加本级考核", "what the document prints"
    i18n.set_language("en")
    try:
        assert i18n.t(reason) == "a municipal department, outside the zone; not assessed here"
        assert cli_main(["--db", db_url, "assess", "--year", "2017", "--as-of", "2018-01-10"]) == 0
        assert "not ranked: 档案馆 (leads no scoreable task in the year, co-operates only)" in capsys.readouterr().out
    finally:
        i18n.set_language("zh")


def test_no_results_document_when_nobody_is_ranked(units, tmp_path):
    operations.set_setting(units, "assess.targets", "科技局")
    with pytest.raises(LedgerError, match="没有参加排名的单位：所选方案中没有本年度可考核的任务，或考核对象都没有"):
        build_report(units, ReportOptions("assessment", 2017, signed=date(2018, 1, 20)), tmp_path / "考核.pdf",
                     user="督查室")
