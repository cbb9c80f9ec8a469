"""The importer keeps what clerks wrote: 进展情况 / 存在问题 as the dated quarter's report (with the
status it states), 备注 as the task's note, collective terms (各部门…) as text, and a plan year
taken from the deadlines when the title has none."""

from __future__ import annotations

import re
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest

from ledger_app.exchange.forms.workbook import issue_forms
from ledger_app.exchange.importing import analyse
from ledger_app.exchange.importing.apply import import_file
from ledger_app.operations import edit_task
from ledger_app.records.history import list_changes, list_progress
from ledger_app.tasks import overview
from ledger_app.tasks.queries import TaskQuery, find_task_id, list_tasks
from tests.tables import write_table

HEADER = ["序号", "改革项目", "具体改革内容", "牵头部门", "配合部门", "完成时限", "进展情况", "存在问题", "备注"]
ROWS = [
    [1, "审批改革", "三证合一", "行政审批局", "各部门", "2018年6月底", "已完成。下一步巩固成果", "", "省级试点"],
    [2, "执法改革", "综合执法平台", "综合执法局、相关部门", "法制办、各镇（街道）", "9月底前", "未启动", "经费未落实", ""],
    [3, "园区改革", "园区运营", "各园区", "各直属企业", "2018年12月31日", "正在推进，已完成调研", "", ""],
    [4, "招商改革", "投资软环境", "招商局", "财政局", "2019年3月", "基本完成，待验收", "", ""],
    [5, "信用改革", "信用平台", "信息中心", "", "持续推进", "", "", "与市平台对接"],
]


def _table(tmp_path: Path, rows=ROWS, header=HEADER, subtitle="（截至2018年9月30日）", title="经开区改革任务推进情况表",
           name="t.xlsx") -> Path:
    return write_table(tmp_path / name, rows, title=title, subtitle=subtitle, header=header)


def _tasks(engine):
    return {v.code: v for v in list_tasks(engine, TaskQuery(as_of=date(2018, 10, 15)))}


def _reports(engine, code):
    return [(p.year, p.quarter, p.percent, p.done, p.problems) for p in list_progress(engine, find_task_id(engine, code))]


def test_progress_becomes_the_dated_quarters_report_with_the_status_it_states(ledger, tmp_path):
    result = import_file(ledger.engine, _table(tmp_path), user="王")
    assert (result.quarter, result.reports, result.inferred) == ((2018, 3), 4, 3)
    tasks = _tasks(ledger.engine)
    assert (tasks["1"].status, tasks["1"].percent) == ("已完成", 100)
    assert (tasks["2"].status, tasks["2"].percent) == ("未启动", 0)
    assert (tasks["3"].status, tasks["3"].percent) == ("推进中", 0)
    assert tasks["4"].status == "未启动", "基本完成 is hedged: no status is read from it"
    assert _reports(ledger.engine, "1") == [(2018, 3, 100, "已完成。下一步巩固成果", "")]
    assert _reports(ledger.engine, "2") == [(2018, 3, 0, "未启动", "经费未落实")]
    assert _reports(ledger.engine, "5") == [], "no progress written: no report"
    assert tasks["3"].latest_progress == "正在推进，已完成调研"
    assert (tasks["1"].note, tasks["5"].note) == ("省级试点", "与市平台对接")


def test_reimporting_does_not_duplicate_and_an_edited_cell_updates_the_report(ledger, tmp_path):
    path = _table(tmp_path)
    import_file(ledger.engine, path)
    again = import_file(ledger.engine, path)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 5)
    assert len(_reports(ledger.engine, "3")) == 1
    # The clerk's own problems text for task 1 (no 存在问题 written in the table) survives re-imports.
    rows = [list(r) for r in ROWS]
    rows[2][6] = "正在推进，方案已报批"
    edited = import_file(ledger.engine, _table(tmp_path, rows=rows, name="edited.xlsx"))
    assert (edited.added, edited.updated, edited.unchanged) == (0, 1, 4)
    assert _reports(ledger.engine, "3") == [(2018, 3, 0, "正在推进，方案已报批", "")]
    log = [c for c in list_changes(ledger.engine, find_task_id(ledger.engine, "3")) if c.field == "季度进展"]
    # Newest first: the edit, then the first import; the re-import of the same table logged nothing.
    assert [(c.old, c.new) for c in log] == [("2018年第3季度 0%：正在推进，已完成调研", "2018年第3季度 0%：正在推进，方案已报批"),
                                            ("", "2018年第3季度 0%：正在推进，已完成调研")]


def test_the_quarter_comes_from_the_header_the_title_the_wizard_or_the_saved_date(ledger, tmp_path):
    header = [*HEADER[:6], "三季度进展情况"]
    rows = [r[:7] for r in ROWS]
    assert analyse(_table(tmp_path, rows, header, subtitle=None, name="h.xlsx")).progress_quarter() == ((2018, 3), "header")
    titled = _table(tmp_path, subtitle=None, title="经开区2018年第二季度改革任务推进情况", name="q.xlsx")
    assert analyse(titled).progress_quarter() == ((2018, 2), "title")
    assert analyse(titled).parse(quarter=(2018, 4)).progress_quarter == (2018, 4)
    result = import_file(ledger.engine, titled, quarter=(2018, 4))
    assert _reports(ledger.engine, "3")[0][:2] == (2018, 4)
    undated = _with_saved_date(_table(tmp_path, subtitle=None, name="u.xlsx"), "2018-11-02T08:00:00Z")
    assert analyse(undated).progress_quarter() == ((2018, 4), "saved")
    assert result.year_source == "title"


def test_a_plan_saved_again_years_later_reports_on_its_own_period(ledger, tmp_path, cli, capsys):
    """Issue 25, 5: a 2023 plan saved again in 2026 went to 2026 Q4. The plan's own quarter (that
    of its last deadline) instead, on the command line as in the window."""
    rows = [[i, f"项目{i}", "内容", "行政审批局", "", f"2023年{m}月底", "正在开展调研"] for i, m in ((1, 6), (2, 9))]
    path = _with_saved_date(_table(tmp_path, rows, HEADER[:7], subtitle=None, title="经开区改革任务表",
                                   name="p.xlsx"), "2026-11-20T08:00:00Z")
    assert analyse(path).progress_quarter() == ((2023, 3), "plan")
    assert analyse(path).plan_years() == (2023, 2023)
    in_year = _with_saved_date(_table(tmp_path, rows, HEADER[:7], subtitle=None, title="经开区改革任务表",
                                      name="y.xlsx"), "2023-05-20T08:00:00Z")
    assert analyse(in_year).progress_quarter() == ((2023, 2), "saved"), "a save date within the plan still counts"
    assert cli(["--db", str(tmp_path / "cli.db"), "import", str(path)]) == 0
    from ledger_app.store.opening import open_ledger

    opened = open_ledger(str(tmp_path / "cli.db"))
    try:
        assert _reports(opened.engine, "1")[0][:2] == (2023, 3)
    finally:
        opened.close()


def _with_saved_date(path: Path, stamp: str) -> Path:
    """The workbook as Excel would leave it after being saved at ``stamp`` (openpyxl stamps 'now')."""
    copy = path.with_name("saved-" + path.name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(copy, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), data)
            dst.writestr(item, data)
    shutil.move(copy, path)
    return path


def test_collective_terms_are_text_not_departments(ledger, tmp_path, output_dir):
    import_file(ledger.engine, _table(tmp_path))
    tasks = _tasks(ledger.engine)
    assert (tasks["1"].lead_depts, tasks["1"].co_depts, tasks["1"].co_groups) == (["行政审批局"], [], ["各部门"])
    assert (tasks["2"].lead_depts, tasks["2"].lead_groups) == (["综合执法局"], ["相关部门"])
    assert (tasks["2"].co_depts, tasks["2"].co_groups) == (["法制办"], ["各镇（街道）"])
    assert (tasks["3"].lead_depts, tasks["3"].lead_groups, tasks["3"].co_groups) == ([], ["各园区"], ["各直属企业"])
    names = {d.name for d in overview.departments(ledger.engine)}
    assert names == {"行政审批局", "综合执法局", "法制办", "招商局", "财政局", "信息中心"}, "the department filter's list"
    forms = issue_forms(ledger.engine, 2018, 3, output_dir / "group-word-forms")
    assert {f.dept for f in forms} == {"行政审批局", "综合执法局", "招商局", "信息中心"}, "no form for 各园区"
    # Found by search, and a clerk typing a term in the window keeps it as text too.
    assert {v.code for v in list_tasks(ledger.engine, TaskQuery(search="各直属企业"))} == {"3"}
    edit_task(ledger.engine, find_task_id(ledger.engine, "4"), {"lead_depts": "招商局、有关单位"}, user="王")
    assert (_tasks(ledger.engine)["4"].lead_depts, _tasks(ledger.engine)["4"].lead_groups) == (["招商局"], ["有关单位"])
    assert "有关单位" not in {d.name for d in overview.departments(ledger.engine)}


def test_plan_year_from_the_earliest_deadline_when_the_title_has_none(ledger, tmp_path):
    analysis = analyse(_table(tmp_path))
    assert analysis.plan_year() == (2018, "deadlines")
    result = import_file(ledger.engine, _table(tmp_path))
    assert (result.year, result.year_source) == (2018, "deadlines")
    tasks = _tasks(ledger.engine)
    assert tasks["2"].deadline == date(2018, 9, 30), "9月底前 is read in the plan year"
    assert {t.start_date for t in tasks.values()} == {date(2018, 1, 1)}, "never today for a plan long past"


def test_a_year_given_in_the_wizard_wins(ledger, tmp_path):
    table = analyse(_table(tmp_path)).parse(year=2019)
    assert (table.year, table.year_source) == (2019, "given")
    assert next(t for t in table.tasks if t.code == "2").values["deadline"] == date(2019, 9, 30)


def test_no_year_anywhere_leaves_start_dates_empty_rather_than_today(ledger, tmp_path):
    rows = [[1, "信用改革", "信用平台", "信息中心", "", "持续推进", "", "", ""]]
    result = import_file(ledger.engine, _table(tmp_path, rows=rows, subtitle=None))
    assert (result.year, result.year_source) == (None, "")
    assert _tasks(ledger.engine)["1"].start_date is None


@pytest.mark.parametrize("header", [
    ["序号", "重点任务", "牵头单位", "完成时间", "工作进展", "下一步打算", "备注说明"],
    ["序号", "重点任务", "牵头单位", "完成时间", "目前进展", "下步计划", "附注"],
    ["序号", "重点任务", "牵头单位", "完成时间", "完成情况", "下步打算", "备注"],
])
def test_progress_and_note_synonyms(ledger, tmp_path, header):
    rows = [[1, "审批改革", "行政审批局", "2018年6月底", "已办结", "总结经验", "试点"]]
    import_file(ledger.engine, _table(tmp_path, rows=rows, header=header))
    task = _tasks(ledger.engine)["1"]
    assert (task.status, task.percent, task.note, task.latest_progress) == ("已完成", 100, "试点", "已办结")
    (report,) = list_progress(ledger.engine, task.id)
    assert report.next_steps == "总结经验"


def test_an_explicit_status_column_wins_over_the_progress_text(ledger, tmp_path):
    header = ["序号", "重点任务", "牵头单位", "完成时间", "状态", "完成进度", "进展情况"]
    rows = [[1, "审批改革", "行政审批局", "2018年6月底", "推进中", "80%", "已完成"]]
    import_file(ledger.engine, _table(tmp_path, rows=rows, header=header))
    task = _tasks(ledger.engine)["1"]
    assert (task.status, task.percent) == ("推进中", 80)
    assert _reports(ledger.engine, "1") == [(2018, 3, 80, "已完成", "")]


def test_an_imported_tables_changes_take_effect_on_the_day_it_is_dated(ledger, tmp_path):
    """A table dated 截至2018年9月30日 speaks of that day: what it changes is effective then (补录 when
    imported later), and its reports count for the third quarter."""
    import_file(ledger.engine, _table(tmp_path))
    rows = [list(r) for r in ROWS]
    rows[3][5] = "2018年10月底"  # task 4's deadline moved, as the table of 9月30日 says
    result = import_file(ledger.engine, _table(tmp_path, rows=rows, name="moved.xlsx"))
    assert result.effective_on == date(2018, 9, 30)
    (entry,) = [c for c in list_changes(ledger.engine, find_task_id(ledger.engine, "4")) if c.field == "deadline"]
    assert (entry.effective_on, entry.mark) == (date(2018, 9, 30), "补录")
    assert {p.effective_on for p in list_progress(ledger.engine, find_task_id(ledger.engine, "1"))} == \
        {date(2018, 9, 30)}
    # A change effective later than the table's day keeps its value; the table's is history.
    edit_task(ledger.engine, find_task_id(ledger.engine, "4"), {"deadline": "2018年12月底"}, user="u",
                effective_on=date(2018, 10, 10))
    rows[3][5] = "2018年11月底"
    import_file(ledger.engine, _table(tmp_path, rows=rows, name="later.xlsx"))
    by_day = {d: {v.code: v for v in list_tasks(ledger.engine, TaskQuery(as_of=d))}["4"].deadline
              for d in (date(2018, 9, 30), date(2018, 10, 15))}
    assert by_day == {date(2018, 9, 30): date(2018, 11, 30), date(2018, 10, 15): date(2018, 12, 31)}
