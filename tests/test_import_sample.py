"""The shared Changzhou table: 32 tasks in 5 areas, merged blocks resolved."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from db.session import read_session
from ledger_app.exchange.importing.apply import import_file
from ledger_app.store.models import Area, ChangeLog, Department, Plan, Task
from ledger_app.tasks.queries import TaskQuery, list_tasks


def _views(ledger, **query):
    return list_tasks(ledger.engine, TaskQuery(**query))


def test_sample_gives_32_tasks_in_5_areas(ledger, sample):
    result = import_file(ledger.engine, sample, user="测试员")
    assert (result.added, result.updated, result.unchanged) == (32, 0, 0)
    assert result.header_row == 2
    views = _views(ledger)
    assert len(views) == 32
    assert len({v.area for v in views}) == 5
    assert all(v.title and v.area for v in views), "merged area/project cells apply to every row"
    with read_session(ledger.engine) as s:
        assert s.execute(select(Plan.title, Plan.year)).one() == ("常州经开区2017年改革创新目标任务表", 2017)
        assert [a.name[:2] for a in s.execute(select(Area).order_by(Area.position)).scalars()] == [
            "一、", "二、", "三、", "四、", "五、"]


def test_named_task_has_its_departments_and_deadline(ledger, sample):
    import_file(ledger.engine, sample)
    task = next(v for v in _views(ledger) if v.content == "探索“三证合一”等商事登记模式")
    assert task.title == "深化行政审批制度改革"  # written once for rows 3–5 (merged C3:C5)
    assert task.area == "一、深化行政体制改革，实现管理运行高效能"
    assert task.lead_depts == ["行政审批局"]
    assert task.co_depts == ["市场监管局"]
    assert task.deadline == date(2017, 9, 30)
    assert task.deadline_text == "2017年9月底"
    assert task.milestones == ["启动调研", "制定方案", "组织实施", "总结验收"]


def test_several_departments_in_one_cell_are_split(ledger, sample):
    import_file(ledger.engine, sample)
    task = next(v for v in _views(ledger) if v.code == "5")
    assert task.co_depts == ["规划建设局", "环保局", "公安分局"]


def test_each_department_is_stored_once(ledger, sample):
    import_file(ledger.engine, sample)
    with read_session(ledger.engine) as s:
        names = list(s.execute(select(Department.name)).scalars())
    assert len(names) == len(set(names))
    assert "财政局" in names and "行政审批局" in names


def test_open_ended_deadlines_keep_their_text(ledger, sample):
    import_file(ledger.engine, sample)
    open_ended = [v for v in _views(ledger) if v.deadline is None]
    assert {v.deadline_text for v in open_ended} == {"持续推进"}
    assert sorted(int(v.code) for v in open_ended) == [7, 13, 28]


def test_reimport_updates_by_code_instead_of_duplicating(ledger, sample):
    import_file(ledger.engine, sample)
    again = import_file(ledger.engine, sample)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 32)
    with read_session(ledger.engine) as s:
        assert s.execute(select(func.count()).select_from(Task)).scalar_one() == 32


def test_import_records_creation_in_change_log(ledger, sample):
    import_file(ledger.engine, sample, user="张三")
    with read_session(ledger.engine) as s:
        rows = s.execute(select(ChangeLog.field, ChangeLog.changed_by)).all()
    assert len(rows) == 32 and set(rows) == {("创建", "张三")}


def test_dry_run_writes_nothing(ledger, sample):
    result = import_file(ledger.engine, sample, dry_run=True)
    assert result.added == 32 and result.dry_run
    assert _views(ledger) == []


def test_red_lights_as_of_date_are_exactly_the_overdue_tasks(ledger, sample):
    import_file(ledger.engine, sample)
    as_of = date(2017, 10, 15)
    red = _views(ledger, light="red", as_of=as_of)
    overdue = [v for v in _views(ledger, as_of=as_of) if v.deadline and v.deadline < as_of]
    assert red and [v.code for v in red] == [v.code for v in overdue]
    assert [v.code for v in _views(ledger, overdue=True, as_of=as_of)] == [v.code for v in red]
