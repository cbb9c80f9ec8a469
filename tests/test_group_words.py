"""统称 (classes of units) by rule: the one recogniser (ledger_app.tasks.groups) at its boundaries,
its settings (extra class words, exceptions) set by the command line, and what a class is not —
a department with a fill-in form, a filter entry or a place in the assessment."""

from __future__ import annotations

from datetime import date

import pytest

from ledger_app.store import settings
from ledger_app.tasks.departments import is_group_word, split_departments, split_responsible
from ledger_app.tasks.groups import DEFAULT, GroupRule, Reason, rule_from

# (name as written, is a class, why, the word that decided)
CASES = [
    # with 各/相关/有关/其他 in front: a class whatever follows
    ("各部门", True, Reason.PREFIX, "各"),
    ("相关部门", True, Reason.PREFIX, "相关"),
    ("有关企业", True, Reason.PREFIX, "有关"),
    ("其他成员单位", True, Reason.PREFIX, "其他"),
    ("各园区", True, Reason.PREFIX, "各"),
    ("各街道", True, Reason.PREFIX, "各"),
    ("各镇（街道）", True, Reason.PREFIX, "各"),
    ("全区各部门", True, Reason.PREFIX, "各"),
    ("相关市场主体", True, Reason.PREFIX, "相关"),
    ("各板块", True, Reason.PREFIX, "各"),
    # without: a class word, bare or after generic qualifiers only
    ("成员单位", True, Reason.WORD, "成员单位"),
    ("镇街", True, Reason.WORD, "镇街"),
    ("区属国企", True, Reason.WORD, "国企"),
    ("区属国有企业", True, Reason.WORD, "国有企业"),
    ("属地镇街", True, Reason.WORD, "镇街"),
    ("职能部门", True, Reason.WORD, "部门"),
    ("市级部门", True, Reason.WORD, "部门"),
    ("驻区单位", True, Reason.WORD, "单位"),
    ("规上企业", True, Reason.WORD, "企业"),
    ("区平台公司", True, Reason.WORD, "平台公司"),
    ("镇（街道）", True, Reason.WORD, "镇（街道）"),
    ("街道", True, Reason.WORD, "街道"),
    ("园区", True, Reason.WORD, "园区"),
    # a 各/相关 inside, before the class word
    ("区改革领导小组各成员单位", True, Reason.WORD, "成员单位"),
    ("区级机关各部门", True, Reason.WORD, "部门"),
    # one unit: names of offices, even with 部/企业/园区/公司 in them
    ("区委组织部", False, Reason.UNIT, ""),
    ("经发局", False, Reason.UNIT, ""),
    ("财政局", False, Reason.UNIT, ""),
    ("组织部门", False, Reason.UNIT, ""),  # a proper word (组织) before 部门: one office's name
    ("企业服务中心", False, Reason.UNIT, ""),
    ("区属国企监管办公室", False, Reason.UNIT, ""),
    ("西太湖科技产业园区", False, Reason.UNIT, ""),
    ("区城投公司", False, Reason.UNIT, ""),
    ("区人民医院", False, Reason.UNIT, ""),
    ("常州国家高新技术产业开发区（新北区）管理委员会", False, Reason.UNIT, ""),
    ("丁堰街道", False, Reason.UNIT, ""),  # one 街道 by its name
    ("横山桥镇", False, Reason.UNIT, ""),
    ("金融机构", False, Reason.UNIT, ""),  # 金融 is no generic qualifier: a ledger that means a class adds the word
    ("社会组织", False, Reason.UNIT, ""),  # not a built-in class word: the settings add it (below)
]


@pytest.mark.parametrize(("name", "group", "reason", "word"), CASES, ids=[c[0] for c in CASES])
def test_the_built_in_rule(name, group, reason, word):
    decision = DEFAULT.decide(name)
    assert (decision.is_group, decision.reason, decision.word) == (group, reason, word)
    assert is_group_word(name) is group  # the name every caller used before the rule grew


RULE = rule_from({settings.GROUP_WORDS_KEY: "社会组织、商(协)会", settings.GROUP_UNITS_KEY: "园区;镇街\n 各园区办 "})

# (name, is a class under RULE, why)
SETTING_CASES = [
    ("社会组织", True, Reason.SETTING),  # a word of the settings, bare
    ("辖区社会组织", True, Reason.SETTING),  # and after qualifiers, as a built-in word
    ("商（协）会", True, Reason.SETTING),  # spelt with half-width brackets in the settings
    ("区商（协）会", True, Reason.SETTING),
    ("园区", False, Reason.EXCEPTION),  # the office that is called 园区: a unit
    ("镇街", False, Reason.EXCEPTION),
    ("各园区办", False, Reason.EXCEPTION),  # an exception wins over the prefix too
    ("各园区", True, Reason.PREFIX),  # the exception is the exact name only
    ("属地镇街", True, Reason.WORD),
    ("区委组织部", False, Reason.UNIT),
]


@pytest.mark.parametrize(("name", "group", "reason"), SETTING_CASES, ids=[c[0] for c in SETTING_CASES])
def test_the_settings_add_class_words_and_exceptions(name, group, reason):
    decision = RULE.decide(name)
    assert (decision.is_group, decision.reason) == (group, reason)
    assert is_group_word(name, RULE) is group


def test_names_are_compared_as_one_spelling():
    assert DEFAULT.decide(" 成员 单位 ").is_group and DEFAULT.decide("区属國企").is_group is False
    assert RULE.decide("园 区").reason == Reason.EXCEPTION


def test_a_cell_splits_into_units_and_classes_in_the_order_written():
    cell = "经发局、各镇（街道、园区）、成员单位，区委组织部/有关企业"
    assert split_departments(cell) == ["经发局", "各镇（街道、园区）", "成员单位", "区委组织部", "有关企业"]
    assert split_responsible(cell) == (["经发局", "区委组织部"], ["各镇（街道、园区）", "成员单位", "有关企业"])
    assert split_responsible("园区、镇街、社会组织", RULE) == (["园区", "镇街"], ["社会组织"])
    assert GroupRule().split([]) == ([], [])


def test_the_settings_are_stored_as_one_list_and_read_back_as_the_rule(ledger):
    from ledger_app.operations import set_settings
    from ledger_app.tasks.groups import group_rule

    set_settings(ledger.engine, {settings.GROUP_WORDS_KEY: "社会组织；商协会\n社会组织",
                                 settings.GROUP_UNITS_KEY: " 园区 "})
    stored = settings.get_all(ledger.engine)
    assert (stored[settings.GROUP_WORDS_KEY], stored[settings.GROUP_UNITS_KEY]) == ("社会组织、商协会", "园区")
    rule = group_rule(ledger.engine)
    assert rule.is_group("社会组织") and not rule.is_group("园区") and rule.is_group("各园区")


def test_the_command_line_sets_the_words_and_the_import_follows_them(ledger, tmp_path, capsys):
    from ledger_app.cli.main import main
    from ledger_app.tasks.queries import TaskQuery, list_tasks
    from tests.tables import write_table

    db = ["--db", ledger.url]
    assert main([*db, "config", "groups.words", "社会组织、商协会"]) == 0
    assert main([*db, "config", "groups.units", "园区"]) == 0
    assert main([*db, "config"]) == 0
    shown = capsys.readouterr().out
    assert "社会组织、商协会" in shown and "视为单位" in shown
    path = write_table(tmp_path / "t.xlsx", [[1, "一、领域", "项目", "内容", "", "园区、经发局", "社会组织、有关企业", "",
                                              "2017年6月底"]])
    assert main([*db, "import", str(path)]) == 0
    assert "统称照原样保留、不作为部门（不生成填报表，不进入部门筛选和考核排名）：社会组织、有关企业" in capsys.readouterr().out
    task = list_tasks(ledger.engine, TaskQuery())[0]
    assert (task.lead_depts, task.lead_groups) == (["园区", "经发局"], [])
    assert (task.co_depts, task.co_groups) == ([], ["社会组织", "有关企业"])


def test_classes_are_no_department_anywhere(ledger, tmp_path):
    """A ledger whose department rows hold a class (imported before the rule knew the word, or before
    the clerk added it): no filter or navigation entry, no fill-in form, no place in the ranking."""
    from ledger_app.assessment.scoring import assess
    from ledger_app.exchange.importing.apply import import_file
    from ledger_app.operations import issue_forms, set_settings
    from ledger_app.tasks import overview
    from ledger_app.tasks.fields import department_names
    from ledger_app.tasks.queries import TaskQuery, list_tasks
    from tests.tables import write_table

    rows = [[1, "一、领域", "项目一", "内容", "", "经发局、社会组织", "区委组织部", "", "2017年6月底"],
            [2, "一、领域", "项目二", "内容", "", "社会组织", "经发局", "", "2017年9月底"]]
    import_file(ledger.engine, write_table(tmp_path / "t.xlsx", rows))  # 社会组织: a unit, so far
    assert "社会组织" in {e.name for e in overview.departments(ledger.engine)}
    set_settings(ledger.engine, {settings.GROUP_WORDS_KEY: "社会组织"})

    assert {e.name for e in overview.departments(ledger.engine)} == {"经发局", "区委组织部"}
    first = list_tasks(ledger.engine, TaskQuery())[0]  # what documents and forms read
    assert (first.lead_depts, first.lead_groups) == (["经发局"], ["社会组织"])
    assert "社会组织" not in department_names(ledger.engine)
    forms = issue_forms(ledger.engine, 2017, 2, tmp_path / "forms").value
    assert [f.dept for f in forms] == ["经发局"]
    result = assess(ledger.engine, 2017, date(2018, 1, 31))
    assert [d.dept for d in result.departments] == ["经发局"]
    # Only co-operating, 区委组织部 is not ranked by default (issue 24: the units leading a scored task);
    # the class is not even named among those not ranked.
    assert [u.dept for u in result.others] == ["区委组织部"]


def test_an_edit_splits_by_the_ledgers_rule(ledger, tmp_path):
    from ledger_app.exchange.importing.apply import import_file
    from ledger_app.operations import edit_task, set_settings
    from ledger_app.tasks.fields import get_fields
    from ledger_app.tasks.queries import TaskQuery, find_task_id, list_tasks
    from tests.tables import write_table

    import_file(ledger.engine, write_table(tmp_path / "t.xlsx", [[1, "一、领域", "项目", "内容", "", "经发局", "", "",
                                                                   "2017年6月底"]]))
    set_settings(ledger.engine, {settings.GROUP_WORDS_KEY: "社会组织", settings.GROUP_UNITS_KEY: "园区"})
    task_id = find_task_id(ledger.engine, "1")
    edit_task(ledger.engine, task_id, {"co_depts": "园区、社会组织、镇街"}, user="测试员", effective_on=date(2017, 3, 1))
    task = list_tasks(ledger.engine, TaskQuery())[0]
    assert (task.co_depts, task.co_groups) == (["园区"], ["社会组织", "镇街"])
    assert get_fields(ledger.engine, task_id, ["co_depts"])["co_depts"] == ["园区", "社会组织", "镇街"]


def test_a_snapshot_lists_classes_with_the_classes_also_as_of_a_past_day(ledger, tmp_path):
    """Documents read the ledger as of a day: a department row that names a class is no unit there
    either, also where the departments are put back from the change log."""
    from ledger_app.exchange.importing.apply import import_file
    from ledger_app.operations import edit_task, set_settings
    from ledger_app.periods.snapshot import take_live
    from ledger_app.tasks.queries import find_task_id
    from tests.tables import write_table

    rows = [[1, "一、领域", "项目", "内容", "", "经发局、社会组织", "", "", "2017年12月底"]]
    import_file(ledger.engine, write_table(tmp_path / "t.xlsx", rows))
    edit_task(ledger.engine, find_task_id(ledger.engine, "1"), {"lead_depts": "经发局"}, user="测试员",
              effective_on=date(2017, 8, 1))
    set_settings(ledger.engine, {settings.GROUP_WORDS_KEY: "社会组织"})
    before = take_live(ledger.engine, date(2017, 7, 1)).tasks[0]
    assert (before.lead_depts, before.lead_groups) == (["经发局"], ["社会组织"])
    after = take_live(ledger.engine, date(2017, 9, 1)).tasks[0]
    assert (after.lead_depts, after.lead_groups) == (["经发局"], [])


def test_a_carried_task_keeps_a_class_as_a_class(ledger, tmp_path):
    from ledger_app.exchange.importing.apply import import_file
    from ledger_app.operations import carry_over, set_settings
    from ledger_app.tasks.queries import TaskQuery, list_tasks
    from tests.tables import write_table

    rows = [[1, "一、领域", "项目", "内容", "", "经发局、社会组织", "", "", "2017年12月底"]]
    import_file(ledger.engine, write_table(tmp_path / "t.xlsx", rows))
    set_settings(ledger.engine, {settings.GROUP_WORDS_KEY: "社会组织"})
    created = carry_over(ledger.engine, 2017, 2018, user="测试员").value
    carried = next(t for t in list_tasks(ledger.engine, TaskQuery()) if t.id in created)
    assert (carried.lead_depts, carried.lead_groups) == (["经发局"], ["社会组织"])
    from db.session import read_session
    from ledger_app.store.enums import DeptRole
    from ledger_app.tasks.departments import names_of

    with read_session(ledger.engine) as session:  # stored so, not only read so
        assert names_of(session, carried.id, DeptRole.LEAD) == ["经发局"]
