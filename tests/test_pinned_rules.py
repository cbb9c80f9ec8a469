"""Rules that a small change to the code (a mutant) used to break without any test noticing:
--year over the title's year, "overdue" excluding today, formula-like text exported as quoted text,
unknown status words and bad history rows refused, and history written in the import's one transaction."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import event

from ledger_app.exchange.export import export_ledger
from ledger_app.exchange.importing.apply import import_file
from ledger_app.messages.errors import ImportRejected
from ledger_app.operations import record_progress
from ledger_app.records.history import list_progress
from ledger_app.records.progress import ProgressInput
from ledger_app.store.opening import open_ledger
from ledger_app.tasks.queries import TaskQuery, find_task_id, list_tasks, plan_titles
from tests.tables import write_table

TITLE = "常州经开区2017年改革创新目标任务表"


def tasks(engine) -> dict:
    return {t.code: t for t in list_tasks(engine, TaskQuery())}


def test_the_year_option_wins_over_the_year_in_the_title(ledger, tmp_path):
    path = write_table(tmp_path / "t.xlsx", [[1, "", "项目", "", "", "局", "", "", "6月底前"]], title=TITLE)
    import_file(ledger.engine, path, year=2018, plan="用 --year")
    import_file(ledger.engine, path, plan="用标题中的年份")
    deadlines = {t.plan: t.deadline for t in list_tasks(ledger.engine, TaskQuery())}
    assert deadlines == {"用 --year": date(2018, 6, 30), "用标题中的年份": date(2017, 6, 30)}


def test_a_task_due_today_is_not_overdue(ledger, sample):
    import_file(ledger.engine, sample)
    task = tasks(ledger.engine)["2"]
    due = task.deadline

    def overdue(as_of: date) -> list[str]:
        return [t.code for t in list_tasks(ledger.engine, TaskQuery(overdue=True, as_of=as_of))]

    assert "2" not in overdue(due), "due today: still in time"
    assert "2" in overdue(due + timedelta(days=1))


@pytest.mark.parametrize("text", ["=1+1", "+SUM(1,2)", "-2+3", "@cmd"])
def test_exported_text_that_looks_like_a_formula_is_quote_prefixed(ledger, tmp_path, text):
    import_file(ledger.engine, write_table(tmp_path / "in.xlsx", [[1, "", "普通项目", text, "", "局", "", "", "2017年"]]))
    out = tmp_path / "out.xlsx"
    export_ledger(ledger.engine, out)
    ws = load_workbook(out)["台账"]
    header = [c.value for c in ws[2]]
    row = ws[3]
    content, title = row[header.index("具体改革内容")], row[header.index("改革项目")]
    assert content.value == text and content.data_type == "s"
    assert content.quotePrefix, "Excel and WPS keep it text only with the quote prefix"
    assert not title.quotePrefix, "plain text is written plainly"


def test_an_unknown_status_word_is_refused_by_row_and_column(ledger, tmp_path):
    header = ["序号", "改革项目", "牵头部门", "完成时限", "推进状态"]
    rows = [[1, "甲", "局", "2017年", "已完成"], [2, "乙", "局", "2017年", "完工了"]]
    with pytest.raises(ImportRejected) as refused:
        import_file(ledger.engine, write_table(tmp_path / "t.xlsx", rows, header=header))
    assert "第 4 行，第 E 列（推进状态）" in str(refused.value) and "完工了" in str(refused.value)
    assert plan_titles(ledger.engine) == []


@pytest.fixture
def exported(ledger, sample, tmp_path):
    import_file(ledger.engine, sample)
    record_progress(ledger.engine, find_task_id(ledger.engine, "1"), ProgressInput(2017, 3, 40, "完成调研"), user="u")
    out = tmp_path / "exported.xlsx"
    export_ledger(ledger.engine, out)
    return out


def test_an_invalid_history_row_is_refused_not_dropped(exported, new_db_url):
    wb = load_workbook(exported)
    ws = wb["季度进展"]
    ws.cell(2, 3).value = 5  # quarter 5
    wb.save(exported)
    copy = open_ledger(new_db_url("copy"))
    with pytest.raises(ImportRejected) as refused:
        import_file(copy.engine, exported)
    assert "工作表“季度进展”第 2 行" in str(refused.value)
    assert plan_titles(copy.engine) == []
    copy.close()


def test_history_is_written_in_the_imports_one_transaction(exported, new_db_url, monkeypatch):
    from ledger_app.exchange.importing import apply

    copy = open_ledger(new_db_url("copy"))
    real = apply.write_history

    def fails_after_writing(*args):  # noqa: ANN002
        real(*args)
        raise RuntimeError("the disk went away while writing the history")

    with monkeypatch.context() as patch:
        patch.setattr(apply, "write_history", fails_after_writing)
        with pytest.raises(RuntimeError):
            import_file(copy.engine, exported)
    assert plan_titles(copy.engine) == [] and list_progress(copy.engine) == [], "all or nothing"
    commits = []
    event.listen(copy.engine, "commit", lambda _conn: commits.append(1))
    import_file(copy.engine, exported)
    assert len(commits) == 1 and len(tasks(copy.engine)) == 32 and len(list_progress(copy.engine)) == 1
    copy.close()
