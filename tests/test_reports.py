"""Supervision documents from the shared sample with Q1–Q3 2017 progress, read back from the PDF
as a 督查室 head would read them: numbers, addressees, signature and dates, page numbers, the
line-breaking rules, nothing lost from a cell."""

from __future__ import annotations

import re
from datetime import date

import pytest

from ledger_app import operations
from ledger_app.documents.fonts import uncovered
from ledger_app.documents.layout import LIGHT_TEXT
from ledger_app.documents.options import KINDS, ReportOptions
from ledger_app.documents.page import Cancelled
from ledger_app.messages.errors import LedgerError
from ledger_app.operations import edit_task
from ledger_app.periods.tally import CATEGORY_LABELS
from ledger_app.records.history import list_supervision
from ledger_app.tasks.queries import find_task_id
from tests.documents import (
    AS_OF,
    ORG,
    breaking_rule_violations,
    fonts_of,
    make,
    page_lines,
    png,
    sample_with_progress,
    squeezed,
    summary_figures,
)

# These tests set tasks 已完成 directly, as an office without the evidence rule does (issue 26).
pytestmark = pytest.mark.usefixtures("evidence_optional")

OPTIONS = {"quarterly-sheet": {"quarter": 3}, "bulletin": {"quarter": 3}, "annual": {},
           "notice": {"task_code": "2"}, "ledger": {}, "assessment": {}}


@pytest.fixture
def engine(ledger, sample):
    sample_with_progress(ledger.engine, sample)
    return ledger.engine


# The 销号审批表 needs claims to print: tests/test_closure_documents.py holds it to the same rules.
@pytest.mark.parametrize("kind", [k for k in KINDS if k != "closure"])
def test_every_document_follows_the_house_rules(engine, tmp_path, output_dir, kind):
    result, reader = make(engine, tmp_path, kind, as_of=AS_OF, **OPTIONS[kind])
    text = squeezed(reader)
    assert breaking_rule_violations(reader) == []
    assert "季度季度" not in text and "本方案" not in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text), "every date in a document is written 2017年10月15日"
    assert uncovered(text) == set(), "no character may print as a box"
    assert all(fonts_of(reader).values()), "every font the PDF uses is embedded"
    png(result.path, output_dir, f"report_{kind}", 1, min(3, len(reader.pages)))


@pytest.mark.parametrize("kind", ["bulletin", "notice", "annual"])
def test_official_documents_have_head_number_signature_and_page_numbers(engine, tmp_path, kind):
    result, reader = make(engine, tmp_path, kind, as_of=AS_OF, **OPTIONS[kind])
    first = squeezed(reader)[:200]
    prefix = {"bulletin": "通报", "notice": "整改", "annual": "督查"}[kind]
    assert ORG in first and f"{prefix}〔2017〕1号" in first  # 版头: the office's mark, then the number
    lines = page_lines(reader)
    first = 1
    if kind == "annual":  # the cover has no page number; the pages after it keep their place
        assert not re.search(r"—\s*\d+\s*—", "".join(lines[0])), lines[0]
        lines, first = lines[1:], 2
    assert [page[-1].replace(" ", "") for page in lines] == [f"—{n}—" for n in range(first, len(lines) + first)]
    text = squeezed(reader)
    assert f"{ORG}2017年10月15日" in text  # 落款 over the 成文日期
    assert all(page.mediabox.width < page.mediabox.height for page in reader.pages)  # portrait text pages


def test_body_text_is_set_28_characters_to_the_line(engine, tmp_path):
    _, reader = make(engine, tmp_path, "bulletin", quarter=3, as_of=AS_OF)
    def width(line: str) -> float:  # in characters of 3号 text: Latin letters and digits are half as wide
        return sum(0.5 if ord(c) < 0x2E80 else 1 for c in line.replace(" ", ""))

    # The first two pages: a paragraph's last line never goes alone to page 2, so page 1 may end a line early.
    body = [line for page in page_lines(reader)[:2] for line in page if len(line) > 20 and not line.startswith("—")]
    assert body and max(width(line) for line in body) <= 28.5
    assert sum(width(line) >= 26 for line in body) >= 3  # full lines are full


def test_sheets_one_per_department_with_open_tasks_counted_per_department(engine, tmp_path, output_dir):
    edit_task(engine, find_task_id(engine, "14"), {"status": "已完成", "percent": 100}, user="t")  # 招商局 1 of 3
    for code in ("10", "12", "16", "17", "18", "19", "21", "22", "23", "24", "25", "26"):
        edit_task(engine, find_task_id(engine, code), {"lead_depts": ["财政局"]}, user="t")
    result, reader = make(engine, tmp_path, "quarterly-sheet", quarter=3, as_of=date.today())
    pages = page_lines(reader)
    text = squeezed(reader)
    assert result.numbers["行政审批局"] == "督办〔2017〕1号" and len(set(result.numbers.values())) == len(result.numbers)
    assert "配合单位" in text and "反馈时限" in text and "签收人" in text and "承办单位负责人签字" in text
    assert "督办要求" in text and "上季度进展" in text and "本季度节点目标" in text
    finance = [i for i, page in enumerate(pages) if "".join(page).replace(" ", "").find("承办（牵头）单位：财政局") >= 0
               or "承办单位：财政局" in "".join(page).replace(" ", "")]
    assert len(finance) >= 2, "财政局 leads 14 tasks: its sheet runs over several pages"
    total = len(finance)
    footers = ["".join(pages[i]).replace(" ", "") for i in finance]
    assert all(f"第{n}页共{total}页" in footer for n, footer in enumerate(footers, start=1))
    assert f"督办编号：{result.numbers['财政局']}（续）" in footers[1]  # the continuation page says whose sheet it is
    assert "第1页共1页" in "".join(pages[0]).replace(" ", "")  # a one-page sheet counts its own pages
    png(result.path, output_dir, "report_sheet_continued", finance[1] + 1)


def test_sheet_lists_only_open_tasks_and_states_feedback_deadline(engine, tmp_path):
    edit_task(engine, find_task_id(engine, "14"), {"status": "已完成", "percent": 100}, user="t")
    edit_task(engine, find_task_id(engine, "15"), {"status": "已取消"}, user="t")
    result, reader = make(engine, tmp_path, "quarterly-sheet", quarter=3, as_of=date.today(), depts=["招商局"],
                          signed=date(2017, 10, 5))
    text = squeezed(reader)
    assert "推进招商机制改革" in text and "打造“互联网+招商”服务平台" not in text
    assert "反馈时限：2017年10月10日前" in text and "2017年10月5日" in text
    recorded = {a.task_id for a in list_supervision(engine)}
    assert recorded == {find_task_id(engine, "16")}, "only the open task listed is recorded as supervised"


def test_bulletin_accounts_for_every_task_once(engine, tmp_path):
    edit_task(engine, find_task_id(engine, "5"), {"status": "暂缓"}, user="t")
    edit_task(engine, find_task_id(engine, "9"), {"status": "已取消"}, user="t")
    edit_task(engine, find_task_id(engine, "13"), {"status": "已完成", "percent": 100}, user="t")
    _, reader = make(engine, tmp_path, "bulletin", quarter=4, year=2017, as_of=date.today())
    text = squeezed(reader)
    f = summary_figures(text)
    assert (f["total"], f["cancelled"], f["已完成"], f["暂缓"]) == (31, 1, 1, 1)
    assert f["已完成"] + f["序时推进"] + f["进度预警"] + f["逾期未完成"] + f["到期未完成"] + f["暂缓"] == f["total"]
    assert f["rate"] == "3.2"  # 1 of 31
    assert "《常州经开区2017年改革创新目标任务表》" in text  # the plan's name, never 本方案
    assert "各部门、各直属企业：" in text and "附件：1." in text and "下步要求" in text


def test_bulletin_names_the_lagging_units_and_tasks(engine, tmp_path):
    _, reader = make(engine, tmp_path, "bulletin", quarter=3, as_of=AS_OF)
    text = squeezed(reader)
    problems = text.split("三、存在的问题")[1].split("四、下步要求")[0]
    assert "探索“三证合一”等商事登记模式" in problems and "行政审批局" in problems  # task 2: overdue, named
    assert "进展较好的单位" in text
    lagging = problems.split("（三）连续两个季度进展滞后的任务")[1]
    assert "推进综合执法体制改革" in lagging or "建立经开区执法运行平台" in lagging  # task 4 stuck at 5 %


def test_annual_report_quarter_table_agrees_with_the_totals(engine, tmp_path, output_dir):
    make(engine, tmp_path, "quarterly-sheet", quarter=3, as_of=AS_OF, depts=["招商局", "科技局"])
    result, reader = make(engine, tmp_path, "annual", as_of=AS_OF)
    text = squeezed(reader)
    f = summary_figures(text)
    # The quarter table's last row is the as-of date itself, counted on the same rule as the totals.
    # A row of the table reads as one line (its cells in one text line each, on one baseline).
    row = next(line.split() for page in page_lines(reader) for line in page if line.startswith("截至10月15日"))
    assert row[1:6] == [str(f[k]) for k in ("total", "已完成", "序时推进", "进度预警", "逾期未完成")]
    assert "印发季度督办单2份" in text, "sheets are counted per sheet, not per task row"
    assert "2017年度改革任务督查报告" in text and "存在的问题" in text and "专项资金尚未到位" in text
    assert len(reader.pages) >= 3
    png(result.path, output_dir, "report_annual_body", 2, 3)


def test_rectification_notice_states_the_lag_and_has_a_receipt(engine, tmp_path):
    operations.set_setting(engine, "contact.name", "王督查")
    operations.set_setting(engine, "contact.phone", "0519-85000000")
    result, reader = make(engine, tmp_path, "notice", task_code="4", as_of=date(2017, 11, 1),
                          rectify_by=date(2017, 11, 15))
    text = squeezed(reader)
    assert "综合执法局：" in text and "限期整改通知书" in text
    assert "截至2017年11月1日已超过完成时限32天" in text
    assert "专项资金尚未到位" in text, "the department's own reported problem is quoted"
    assert "2017年11月15日前完成整改" in text and "联系人：王督查，联系电话：0519-85000000" in text
    assert "回执" in text.replace("　", "") and "签收人" in text
    (action,) = list_supervision(engine, find_task_id(engine, "4"))
    assert (action.kind, action.rectify_deadline, action.doc_no) == ("限期整改", date(2017, 11, 15), "整改〔2017〕1号")
    again, _ = make(engine, tmp_path, "notice", task_code="4", as_of=date(2017, 11, 1))
    assert again.numbers == result.numbers and len(list_supervision(engine)) == 1


@pytest.mark.parametrize("change, reason", [
    ({"status": "已完成", "percent": 100}, "已完成"),
    ({"status": "已取消"}, "已取消"),
])
def test_notice_refused_for_finished_tasks(engine, tmp_path, change, reason):
    edit_task(engine, find_task_id(engine, "4"), change, user="t")
    with pytest.raises(LedgerError, match=reason):
        make(engine, tmp_path, "notice", task_code="4", as_of=date.today())
    assert list_supervision(engine) == [] and not (tmp_path / "notice.pdf").exists()


def test_notice_refused_for_a_task_on_schedule(engine, tmp_path):
    with pytest.raises(LedgerError, match="进度正常"):
        make(engine, tmp_path, "notice", task_code="13", as_of=date(2017, 3, 1))  # green then


def test_ledger_print_keeps_every_title_whole_and_fits_eight_tasks_a_page(engine, tmp_path):
    from ledger_app.tasks.queries import TaskQuery, list_tasks

    result, reader = make(engine, tmp_path, "ledger", as_of=AS_OF)
    text = squeezed(reader)
    for task in list_tasks(engine, TaskQuery(as_of=AS_OF)):
        assert re.sub(r"\s+", "", task.content) in text, task.code
    first = re.sub(r"\s+", "", "".join(page_lines(reader)[0]))
    assert "深化行政审批制度改革" in first, "no blank first page"
    for page in reader.pages[:-1]:
        rows = re.findall(r"^\d{1,2}\s", page.extract_text(), flags=re.M)
        assert len(rows) >= 8, page.extract_text()[:300]
    assert "小计" in text and all(page.mediabox.width > page.mediabox.height for page in reader.pages)
    assert "各镇（街道）" in text and "各产业园区" in text, "collective terms are printed with the departments"
    assert "类别" in text  # the sample fills 项目类别
    for task in list_tasks(engine, TaskQuery(as_of=AS_OF)):
        edit_task(engine, task.id, {"category": ""}, user="t")
    _, reader = make(engine, tmp_path, "ledger", as_of=date.today())
    assert "类别" not in squeezed(reader), "a column nobody filled in is left out"


def test_preview_is_a_draft_without_a_number_and_records_nothing(engine, tmp_path):
    result, reader = make(engine, tmp_path, "bulletin", quarter=3, as_of=AS_OF, record=False)
    text = squeezed(reader)
    assert "样稿" in text and "通报〔2017〕号" in text and not result.issued
    assert list_supervision(engine) == []
    issued, _ = make(engine, tmp_path, "bulletin", quarter=3, as_of=AS_OF)
    assert issued.numbers == {"": "通报〔2017〕1号"}
    reprint, reader = make(engine, tmp_path, "bulletin", quarter=3, signed=None)
    assert reprint.numbers == issued.numbers and "2017年10月15日" in squeezed(reader)  # the first issue's date
    assert reprint.reprinted == {""}


def test_numbers_count_per_kind_and_year_with_their_own_prefix(engine, tmp_path):
    operations.set_setting(engine, "doc.prefix.bulletin", "经开改办")
    first, _ = make(engine, tmp_path, "bulletin", quarter=2, as_of=date(2017, 7, 5), signed=date(2017, 7, 5))
    second, _ = make(engine, tmp_path, "bulletin", quarter=3, as_of=AS_OF)
    sheet, _ = make(engine, tmp_path, "quarterly-sheet", quarter=3, as_of=AS_OF, depts=["招商局"])
    nextyear, _ = make(engine, tmp_path, "bulletin", quarter=4, as_of=date(2018, 1, 5), signed=date(2018, 1, 5))
    assert [first.numbers[""], second.numbers[""], nextyear.numbers[""]] == \
        ["经开改办〔2017〕1号", "经开改办〔2017〕2号", "经开改办〔2018〕1号"]
    assert sheet.numbers == {"招商局": "督办〔2017〕1号"}
    with pytest.raises(LedgerError, match="已用于"):
        operations.set_setting(engine, "doc.prefix.notice", "经开改办")


def test_documents_need_the_office_name(ledger, sample, tmp_path):
    from ledger_app.exchange.importing.apply import import_file

    import_file(ledger.engine, sample)
    with pytest.raises(LedgerError, match="单位名称"):
        make(ledger.engine, tmp_path, "bulletin", quarter=3, as_of=AS_OF)
    make(ledger.engine, tmp_path, "ledger", as_of=AS_OF)  # the internal ledger print needs none


def test_cancelled_issue_writes_no_file_and_uses_no_number(engine, tmp_path):
    from ledger_app.operations.issuing import build_report

    out = tmp_path / "sheets.pdf"
    with pytest.raises(Cancelled):
        build_report(engine, ReportOptions("quarterly-sheet", 2017, 3, AS_OF), out, user="t", cancelled=lambda: True)
    assert not out.exists() and not list(tmp_path.glob("*.part"))
    assert list_supervision(engine) == []
    result, _ = make(engine, tmp_path, "quarterly-sheet", quarter=3, as_of=AS_OF)
    assert result.numbers["行政审批局"] == "督办〔2017〕1号"


def test_a_locked_target_is_a_message_and_records_nothing(engine, tmp_path, monkeypatch):
    from types import SimpleNamespace

    from ledger_app.system import files

    def locked(*_args, **_kw):
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr(files, "os", SimpleNamespace(replace=locked))
    with pytest.raises(LedgerError, match="文件被其他程序占用"):
        make(engine, tmp_path, "notice", task_code="4", as_of=AS_OF)
    assert list_supervision(engine) == []


def test_status_words_and_light_symbols_print_in_every_office_font():
    # SimSun and FangSong cover GBK only: ✔ (U+2714) once printed as a box.
    for text in [*LIGHT_TEXT.values(), *CATEGORY_LABELS.values(), "〔〕— 1 —√●○"]:
        text.encode("gbk")


def test_a_row_taller_than_a_page_splits_with_the_header_repeated(engine, tmp_path):
    long_text = "".join(f"第{i}条：推进相对集中行政许可权试点改革，建立权力清单、责任清单、负面清单制度。" for i in range(1, 90))
    edit_task(engine, find_task_id(engine, "1"), {"content": long_text}, user="t")
    _, reader = make(engine, tmp_path, "ledger", as_of=date.today())
    text = squeezed(reader)
    # Nothing of the cell is lost (its pieces sit in rows of their own, among other cells).
    assert text.count("负面清单制度") >= 89 - len(reader.pages) and "第89条" in text and "第1条" in text
    assert sum(text.count(f"第{i}条") for i in range(1, 90)) >= 89 - len(reader.pages)
    pages = [re.sub(r"\s+", "", page.extract_text()) for page in reader.pages]
    holding = [i for i, page in enumerate(pages) if "推进相对集中行政许可权试点改革" in page]
    assert len(holding) >= 2, "the row runs over more than one page"
    assert all("具体改革内容" in pages[i] for i in holding), "with the header repeated on each"
    assert breaking_rule_violations(reader) == []
