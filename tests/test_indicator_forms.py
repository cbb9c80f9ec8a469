"""The department forms' 指标填报 sheet: issued with the department's indicators, filled in,
merged through the one value rule with the version rechecked in the writing transaction; the
register of forms out and back, and the 今日提醒 built from it."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from ledger_app.exchange.forms import indicator_sheet
from ledger_app.exchange.forms.apply import apply_answers
from ledger_app.exchange.forms.merge import review_forms
from ledger_app.exchange.forms.workbook import issue_forms
from ledger_app.exchange.importing.indicators import import_indicators
from ledger_app.indicators.store import ValueInput, find_indicator_id, list_indicators
from ledger_app.messages.errors import LedgerError
from ledger_app.operations import add_supervision, record_indicator_value
from ledger_app.records.supervision import SupervisionInput
from ledger_app.supervision import reminders
from ledger_app.supervision.reminders import outstanding
from ledger_app.tasks.queries import find_task_id
from tests.test_indicators import YINCHUAN

VALUE, NOTE = 6, 7  # answer columns on the indicator sheet


@pytest.fixture
def engine(ledger):
    import_indicators(ledger.engine, YINCHUAN)
    return ledger.engine


def _form(engine, tmp_path, dept="经济发展局"):
    (form,) = issue_forms(engine, 2025, 1, tmp_path / "forms", [dept])
    return form


def _fill(path, values: dict[str, tuple[object, str]]):
    wb = load_workbook(path)
    ws = wb[indicator_sheet.SHEET]
    rows = {ws.cell(r, 2).value: r for r in range(indicator_sheet.HEADER_ROW + 1, ws.max_row + 1)}
    for name, (value, note) in values.items():
        assert not ws.cell(rows[name], VALUE).protection.locked and ws.cell(rows[name], 2).protection.locked
        ws.cell(rows[name], VALUE).value = value
        ws.cell(rows[name], NOTE).value = note
    wb.save(path)
    return path


def _latest(engine, name: str) -> float:
    return next(v for v in list_indicators(engine, date(2025, 3, 31)) if v.name == name).assessment.latest.value


def test_departments_owning_indicators_get_the_sheet(engine, tmp_path):
    forms = issue_forms(engine, 2025, 1, tmp_path / "forms")
    assert sorted(f.dept for f in forms) == ["招商局", "科技局", "组织人事部", "经济发展局"]
    wb = load_workbook(next(f.path for f in forms if f.dept == "经济发展局"))
    ws = wb[indicator_sheet.SHEET]
    names = [ws.cell(r, 2).value for r in range(indicator_sheet.HEADER_ROW + 1, ws.max_row + 1)]
    assert names == ["园区工业产值", "自治区级以上绿色工厂", "新材料产业集群规模", "高端装备制造产业集群规模",
                     "大健康产业集群规模"]
    assert ws.cell(indicator_sheet.HEADER_ROW + 1, 4).value == "≥1000亿元（2025年）"
    assert ws.cell(indicator_sheet.HEADER_ROW + 1, 5).value == "820（2024年）"
    assert ws.protection.sheet and wb[indicator_sheet.IDENTITY].sheet_state == "hidden"
    assert [(o.dept, o.quarter) for o in outstanding(engine, 2025, 1)] == \
        sorted((f.dept, 1) for f in forms), "every form sent is registered as out"


def test_a_filled_sheet_is_reviewed_then_merged_and_the_form_is_back(engine, tmp_path):
    form = _form(engine, tmp_path)
    path = _fill(form.path, {"园区工业产值": (230.5, "一季度累计"), "新材料产业集群规模": ("190", "")})
    review = review_forms(engine, [path])
    assert review.problems == []
    changed = {a.title: a for a in review.answers if a.changes}
    assert set(changed) == {"园区工业产值", "新材料产业集群规模"}
    assert changed["园区工业产值"].changes == {"value": (None, "230.5")}
    assert changed["园区工业产值"].code == "指标1" and changed["园区工业产值"].dept == "经济发展局"
    assert _latest(engine, "园区工业产值") == 820, "reviewing writes nothing"
    assert apply_answers(engine, review.answers, user="督查室") == 2
    assert _latest(engine, "园区工业产值") == 230.5 and _latest(engine, "新材料产业集群规模") == 190
    assert outstanding(engine, 2025, 1) == [], "merged: the form came back"
    again = review_forms(engine, [path])
    assert not any(a.changes for a in again.answers), "merging the same form again changes nothing"


def test_the_version_is_checked_when_reviewing_and_again_when_writing(engine, tmp_path):
    form = _form(engine, tmp_path)
    path = _fill(form.path, {"园区工业产值": (230, "")})
    indicator = find_indicator_id(engine, "园区工业产值")
    record_indicator_value(engine, indicator, ValueInput(2025, 1, 225), user="张三")
    (answer,) = [a for a in review_forms(engine, [path]).answers if a.changes]
    assert answer.conflicts == ["填报表发出后，台账中的这项指标已被修改"] and not answer.mergeable

    form = _form(engine, tmp_path)  # a new form at the new version
    path = _fill(form.path, {"园区工业产值": (240, ""), "大健康产业集群规模": (15, "")})
    review = review_forms(engine, [path])
    assert all(a.mergeable for a in review.answers if a.changes)
    record_indicator_value(engine, indicator, ValueInput(2025, 1, 226), user="李四")  # between review and merge
    with pytest.raises(LedgerError, match="指标“园区工业产值”在填报表发出后已被修改，本次合并未写入任何内容"):
        apply_answers(engine, review.answers, user="督查室")
    assert _latest(engine, "园区工业产值") == 226
    assert next(v for v in list_indicators(engine, date(2025, 3, 31)) if v.name == "大健康产业集群规模") \
        .assessment.latest.year == 2024, "nothing of that merge was written"


def test_a_tampered_indicator_identity_refuses_the_form(engine, tmp_path):
    form = _form(engine, tmp_path)
    wb = load_workbook(form.path)
    wb[indicator_sheet.IDENTITY]["B2"] = "不是编号"
    wb.save(form.path)
    review = review_forms(engine, [form.path])
    assert review.answers == []
    assert "工作表“_indicators”第 2 行" in review.problems[0] and "隐藏的指标身份页已被改动" in review.problems[0]


def test_an_indicator_moved_onto_another_line_is_refused_naming_the_cell(engine, tmp_path):
    # A plausible edit: swap two indicators' ids so one's value lands on the other. The ids are
    # signed with the ledger's key and their line, so the form is refused, not merged crosswise.
    form = _form(engine, tmp_path)
    wb = load_workbook(form.path)
    identity = wb[indicator_sheet.IDENTITY]
    first, second = identity["B2"].value, identity["B3"].value
    identity["B2"], identity["B3"] = second, first
    wb.save(form.path)
    review = review_forms(engine, [form.path])
    assert review.answers == []
    assert "第 2 行，第 B 列（indicator_id）" in review.problems[0], review.problems


def test_a_locked_indicator_cell_changed_is_a_conflict_naming_it(engine, tmp_path):
    form = _form(engine, tmp_path)
    path = _fill(form.path, {"园区工业产值": (230, "")})
    wb = load_workbook(path)
    ws = wb[indicator_sheet.SHEET]
    row = next(r for r in range(indicator_sheet.HEADER_ROW + 1, ws.max_row + 1) if ws.cell(r, 2).value == "园区工业产值")
    ws.cell(row, 4).value = "≥800亿元"  # the target, locked, retyped
    wb.save(path)
    (answer,) = [a for a in review_forms(engine, [path]).answers if isinstance(a, indicator_sheet.IndicatorAnswer)
                 and a.title == "园区工业产值"]
    assert not answer.mergeable and f"D{row}（目标）" in " ".join(answer.conflicts)


def test_today_s_reminders(engine, tmp_path, sample):
    from ledger_app.exchange.importing.apply import import_file

    import_file(engine, sample)
    issue_forms(engine, 2017, 3, tmp_path / "forms", ["招商局", "财政局"])
    task = find_task_id(engine, "4")
    add_supervision(engine, task, SupervisionInput("限期整改", date(2017, 10, 10), "通知书", date(2017, 10, 18),
                                                   doc_no="整改〔2017〕1号"), user="督查室")
    add_supervision(engine, find_task_id(engine, "5"), SupervisionInput(
        "限期整改", date(2017, 10, 10), "通知书", date(2017, 11, 30)), user="督查室")
    today = reminders.today(engine, date(2017, 10, 15))
    assert [(f.dept, f.quarter) for f in today.forms] == [("招商局", 3), ("财政局", 3)]  # sorted by name
    assert [(r.code, r.deadline) for r in today.rectify] == [("4", date(2017, 10, 18))], "this week's only"
    assert list(today.proposals)[0] == "通报批评" and sum(today.proposals.values()) >= 20
    assert not today.empty


@pytest.mark.parametrize("which", [-1, 0])
def test_a_cleared_indicator_identity_line_refuses_the_form(engine, tmp_path, which):
    """Issue 22: a line of the hidden ``_indicators`` sheet cleared (the last, the first) refuses the
    form, naming where; the other answers are not merged without it."""
    form = _form(engine, tmp_path)
    path = _fill(form.path, {"园区工业产值": (230, ""), "大健康产业集群规模": (15, "")})
    wb = load_workbook(path)
    identity = wb[indicator_sheet.IDENTITY]
    line = [2, identity.max_row][which != 0]
    for cell in identity[line]:
        cell.value = None
    wb.save(path)
    review = review_forms(engine, [path])
    assert review.answers == [] and len(review.problems) == 1, review.answers
    (problem,) = review.problems
    assert problem.startswith(path.name) and ("“_indicators”第" in problem or "“指标填报”第 9 行" in problem)
    assert apply_answers(engine, review.answers, user="督查室") == 0
    assert _latest(engine, "园区工业产值") == 820
