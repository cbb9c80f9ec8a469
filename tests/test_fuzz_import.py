"""Generated workbooks and mangled fill-in forms: every run ends in a clean import, a clean
review, or the clean error (ImportRejected / LedgerError naming the file), never a traceback."""

from __future__ import annotations

import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell

from ledger_app.exchange.forms.apply import apply_answers
from ledger_app.exchange.forms.merge import review_forms
from ledger_app.exchange.forms.workbook import FORM_SHEET, HEADER_ROW, IDENTITY_SHEET, issue_forms
from ledger_app.exchange.importing.apply import import_file
from ledger_app.messages.errors import ImportRejected, LedgerError
from ledger_app.records.history import list_progress
from ledger_app.store.opening import open_ledger
from ledger_app.tasks.queries import TaskQuery, list_tasks
from tests.fuzz_books import Book, Table, _storable, books, cell_values, write_book

# How many examples, and whether at random, is the Hypothesis profile's (tests/conftest.py): in CI a short
# fixed walk through the search space, the same every run; `make fuzz` a long random hunt (as a developer
# would before a release).
FUZZ = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])


@contextmanager
def _fresh_ledger(folder: Path, copy_of: Path | None = None):
    path = folder / "ledger.db"
    if copy_of is not None:
        shutil.copy(copy_of, path)
    ledger = open_ledger(str(path), user="模糊测试")
    try:
        yield ledger
    finally:
        ledger.close()


def _task_count(ledger) -> int:
    return len(list_tasks(ledger.engine, TaskQuery()))


def _assert_clean(exc: ImportRejected, path: Path) -> None:
    assert exc.problems, "a refusal must say why"
    for problem in exc.problems:
        assert problem.file == path.name
        text = str(problem)
        assert text.startswith(path.name) and len(text) > len(path.name) + 2


def _import_twice(book: Book) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = write_book(book, Path(tmp) / "fuzz.xlsx")
        with _fresh_ledger(Path(tmp)) as ledger:
            try:
                result = import_file(ledger.engine, path)
            except ImportRejected as exc:
                event(f"refused: {exc.problems[0].template}")
                _assert_clean(exc, path)
                assert _task_count(ledger) == 0, "a refused file must leave the ledger unchanged"
                return
            event("imported")
            assert _task_count(ledger) == result.added + result.updated + result.unchanged == result.tasks
            again = import_file(ledger.engine, path)
            assert (again.added, again.updated, again.unchanged) == (0, 0, result.tasks)


REGRESSIONS: list[Book] = [
    # A cell far out to the right and down, for the grid the reader allocates.
    Book([Table("任务表", ["2017年任务表"], 2, ["序号", "改革项目"], [[1, "项目"]], [], [], (3000, 120, "x"))]),
    # Control characters stored as _x0001_ escapes and as raw character references.
    Book([Table("任务表", [], 1, ["序号", "改革项目", "牵头单位", "完成时限"],
                [[1, "项目\x00\x01\x1f", "局\x02、财政局\x1b", "2017年\x086月底"]], [], [])]),
    Book([Table("任务表", [], 1, ["序号", "改革项目"], [[1, "项目\x01\x1f"]], [], [])], raw="refs"),
    Book([Table("任务表", [], 1, ["序号", "改革项目"], [[1, "项目\x01\x1f"]], [], [])], raw="bytes"),
    # A 10,000-character header-like cell full of opening brackets (slow to normalise).
    Book([Table("任务表", ["（" * 12_000], 1, ["序号", "改革项目"], [[1, "项目"]], [], [])]),
    # Overlapping merged ranges crossing the header.
    Book([Table("任务表", ["标题"], 1, ["序号", "改革项目", "完成时限"], [[1, "项目", "2017年"]], [],
                [(1, 1, 4, 3), (2, 2, 3, 2), (1, 1, 2, 2)])]),
    # A table that has no task rows but a title: the refusal names the file, not the plan.
    Book([Table("任务表", ["很长的标题" * 3000], 1, ["序号", "改革项目"], [], [], [])]),
    # An empty workbook sheet only.
    Book([Table("空", [], 1, [], [], [], [])]),
]


@FUZZ
@given(book=books())
@example(book=REGRESSIONS[0])
@example(book=REGRESSIONS[1])
@example(book=REGRESSIONS[2])
@example(book=REGRESSIONS[3])
@example(book=REGRESSIONS[4])
@example(book=REGRESSIONS[5])
@example(book=REGRESSIONS[6])
@example(book=REGRESSIONS[7])
def test_generated_workbooks_import_cleanly_or_are_refused_cleanly(book: Book) -> None:
    _import_twice(book)


# --- returned fill-in forms -------------------------------------------------------------------------

WIDTH = 12
answer_edit = st.tuples(st.just("answer"), st.integers(0, 5), st.integers(8, WIDTH), cell_values)
locked_edit = st.tuples(st.just("locked"), st.integers(0, 5), st.integers(1, 7), cell_values)
identity_edit = st.tuples(st.just("identity"), st.integers(1, 14), st.integers(1, 5), st.none() | cell_values)
row_delete = st.tuples(st.sampled_from(["delete_row"]), st.sampled_from([FORM_SHEET, IDENTITY_SHEET]),
                       st.integers(1, 14), st.integers(1, 3))
row_insert = st.tuples(st.just("insert_row"), st.sampled_from([FORM_SHEET, IDENTITY_SHEET]), st.integers(1, 14),
                       st.integers(1, 2))
rename = st.tuples(st.just("rename"), st.sampled_from([FORM_SHEET, IDENTITY_SHEET]),
                   st.sampled_from(["Sheet1", "填报表 ", "_identity2", "进展"]), st.none())
drop = st.tuples(st.just("drop_sheet"), st.sampled_from([FORM_SHEET, IDENTITY_SHEET]), st.none(), st.none())
column_delete = st.tuples(st.just("delete_col"), st.sampled_from([FORM_SHEET, IDENTITY_SHEET]), st.integers(1, 12),
                          st.none())
# A department's whole answer for one task, as the form asks for it.
fill = st.tuples(st.just("fill"), st.integers(0, 5), st.integers(0, 100),
                 st.sampled_from(["推进中", "已完成", "未启动", "暂缓", "已取消", ""]))
# Mostly what departments do (answers), sometimes what breaks a form (the rest).
_KINDS = [fill] * 4 + [answer_edit] * 4 + [locked_edit, identity_edit, identity_edit, row_delete, row_insert,
                                            column_delete, rename, drop]
edits = st.lists(st.sampled_from(_KINDS).flatmap(lambda kind: kind), min_size=1, max_size=5)


@pytest.fixture(scope="module")
def issued(tmp_path_factory):
    """A ledger with the sample table imported and one department's form issued, kept as files."""
    from tests.conftest import SAMPLE

    folder = tmp_path_factory.mktemp("forms")
    ledger = open_ledger(str(folder / "ledger.db"))
    import_file(ledger.engine, SAMPLE)
    (form,) = issue_forms(ledger.engine, 2017, 3, folder / "out", ["行政审批局"])
    ledger.close()
    return folder / "ledger.db", form.path


def _put(ws, row: int, column: int, value: object) -> None:  # noqa: ANN001 - openpyxl worksheet
    cell = ws.cell(row, column)
    if not isinstance(cell, MergedCell):  # openpyxl moves rows but not merged ranges: some cells are covered
        cell.value = _storable(value)


def _mutate(path: Path, changes: list[tuple]) -> None:
    wb = load_workbook(path)
    for kind, where, a, b in changes:
        if kind == "fill" and FORM_SHEET in wb.sheetnames:
            for column, value in zip(range(8, 13), (f"完成第{a}%", a, b, "无", "继续推进"), strict=True):
                _put(wb[FORM_SHEET], HEADER_ROW + 1 + where, column, value)
        elif kind in ("answer", "locked") and FORM_SHEET in wb.sheetnames:
            _put(wb[FORM_SHEET], HEADER_ROW + 1 + where, a, b)
        elif kind == "identity" and IDENTITY_SHEET in wb.sheetnames:
            _put(wb[IDENTITY_SHEET], where, a, b)
        elif kind == "delete_row" and where in wb.sheetnames:
            wb[where].delete_rows(a, b)
        elif kind == "insert_row" and where in wb.sheetnames:
            wb[where].insert_rows(a, b)
        elif kind == "delete_col" and where in wb.sheetnames:
            wb[where].delete_cols(a)
        elif kind == "rename" and where in wb.sheetnames and a not in wb.sheetnames:
            wb[where].title = a
        elif kind == "drop_sheet" and where in wb.sheetnames and len(wb.sheetnames) > 1:
            wb.remove(wb[where])
    for ws in wb.worksheets[:1]:
        ws.sheet_state = "visible"  # a workbook must show at least one sheet
    wb.save(path)


def _state(engine) -> tuple[dict, list]:
    tasks = {v.id: v.to_json() for v in list_tasks(engine, TaskQuery())}
    reports = [(r.task_id, r.year, r.quarter, r.done, r.percent, r.problems, r.next_steps) for r in list_progress(engine)]
    return tasks, reports


@FUZZ
@given(changes=edits)
@example(changes=[("identity", 3, 2, None)])  # the year cleared
@example(changes=[("identity", 9, 1, "第六行")])  # a task's row number made text
@example(changes=[("identity", 9, 2, None), ("identity", 10, 4, 1e300)])
@example(changes=[("identity", 6, 2, 2)])  # the count of task lines changed
@example(changes=[("delete_col", IDENTITY_SHEET, 2, None)])
@example(changes=[("delete_row", IDENTITY_SHEET, 2, 1)])  # form_id gone, the keys below moved up
@example(changes=[("insert_row", IDENTITY_SHEET, 8, 1)])  # the task table one row lower
@example(changes=[("delete_row", IDENTITY_SHEET, 11, 1)])  # the last task line gone
@example(changes=[("answer", 0, 8, "进展\x01\x00" * 2000), ("answer", 0, 9, 50), ("answer", 0, 10, "推进中")])
@example(changes=[("rename", FORM_SHEET, "Sheet1", None)])
def test_mangled_forms_merge_cleanly_or_are_refused_cleanly(issued, changes: list[tuple]) -> None:
    ledger_file, form = issued
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / form.name
        shutil.copy(form, path)
        _mutate(path, changes)
        with _fresh_ledger(Path(tmp), copy_of=ledger_file) as ledger:
            before = _state(ledger.engine)
            try:
                review = review_forms(ledger.engine, [path])
            except LedgerError as exc:
                assert path.name in str(exc)
                assert _state(ledger.engine) == before
                return
            for problem in review.problems:
                event(f"form refused: {problem[len(path.name) + 1 : len(path.name) + 12]}")
                assert problem.startswith(path.name)
            if review.problems:
                assert review.answers == [], "a refused form offers nothing to merge"
            merged = apply_answers(ledger.engine, review.answers, user="督查室")
            event(f"merged {'some' if merged else 'none'}, conflicts {'some' if any(a.conflicts for a in review.answers) else 'none'}")
            assert merged == len(review.mergeable)
            after = _state(ledger.engine)
            touched = {a.task_id for a in review.mergeable}
            assert {k: v for k, v in after[0].items() if k not in touched} == \
                   {k: v for k, v in before[0].items() if k not in touched}, "only accepted answers are written"
            if not touched:
                assert after == before
