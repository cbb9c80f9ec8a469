"""Content a 督查室 head would not strike out (issue 24), read back from the printed PDF: the annual
report's problems, 主送 and cover; the bulletin's sentences; 未报送 indicators; the 整改通知书's
quotes, names, summary, next step, 版记 and 回执; the 督办单's marks, write-in rows and pages; the
printed ledger's type and margins. Ordinary data (the shared sample) and long data (a 300-character
具体改革内容, a 20-character department, 1,000-character progress texts)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pdfplumber
import pytest

from ledger_app import operations
from ledger_app.documents.quarterly_sheet import previous_progress
from ledger_app.documents.words import pct, quoted, rate, summarised, task_name, whole, without_ordinal
from ledger_app.operations import add_supervision, edit_task
from ledger_app.periods.as_of import ledger_as_of
from ledger_app.records.supervision import SupervisionInput
from ledger_app.tasks.queries import find_task_id
from tests.documents import (
    AS_OF,
    LONG_DEPT,
    LONG_DONE,
    ORG,
    make,
    png,
    sample_with_progress,
    squeezed,
    summary_figures,
    with_long_data,
)
from tests.pdf_check import MM, check, page_texts

# Tasks set 已完成 directly, as an office without the evidence rule does (issue 26).
pytestmark = pytest.mark.usefixtures("evidence_optional")
LONG_ORG = "常州国家高新技术产业开发区改革创新工作领导小组办公室"  # a real office name: 26 characters


@pytest.fixture
def engine(ledger, sample):
    sample_with_progress(ledger.engine, sample)
    return ledger.engine


@pytest.fixture
def long_engine(engine):
    with_long_data(engine)
    operations.set_setting(engine, "org.name", LONG_ORG)
    return engine


def _done(engine, code: str, day: date) -> None:  # noqa: ANN001
    edit_task(engine, find_task_id(engine, code), {"status": "已完成", "percent": 100}, user="t", effective_on=day)


def _body(text: str) -> str:
    """A 公文's text up to its 附件 (the tables attached repeat figures in other words), without the
    page numbers a sentence running over a page would otherwise read with."""
    return re.sub(r"—\d+—", "", text.split("附件：")[0])


# --- the wording rules, one place -------------------------------------------------------------

def test_rates_round_half_up_from_the_counts():
    assert rate(1, 16) == Decimal("6.3") and pct(6.25) == "6.3%" and pct(Decimal("0.05")) == "0.1%"
    assert rate(1, 32) == Decimal("3.1") and rate(3, 32) == Decimal("9.4") and rate(0, 0) == Decimal("0.0")
    assert whole(62.5) == 63 and whole(2.5) == 3 and whole(37.4999) == 37


def test_names_quotes_and_summaries():
    assert without_ordinal("（二十）探索新机制") == "探索新机制" and without_ordinal("三、优化组织") == "优化组织"
    assert task_name("（二）项目", "（二十）推进甲改革，建立乙制度。其余") == "推进甲改革，建立乙制度"
    assert task_name("（二）深化改革", "一" * 50) == "深化改革", "a first sentence too long for a name"
    assert quoted("探索“三证合一”") == "“探索‘三证合一’”"
    cut = summarised(LONG_DONE, 200)
    assert len(cut) <= 200 and cut.endswith("……") and summarised("短", 200) == "短"


# --- 1. 年度督查报告 ---------------------------------------------------------------------------

def test_the_annual_report_lists_problems_of_open_tasks_only_each_a_sentence(engine, tmp_path):
    from ledger_app.operations import record_progress
    from ledger_app.records.progress import ProgressInput

    record_progress(engine, find_task_id(engine, "6"), ProgressInput(2017, 3, 90, "平台主体完工", "数据标准未统一；"),
                    user="督查室")
    record_progress(engine, find_task_id(engine, "13"), ProgressInput(2017, 3, 95, "已建成", "人员不足"), user="督查室")
    _done(engine, "13", date(2017, 10, 1))  # finished since: its problem is no longer one
    result, reader = make(engine, tmp_path, "annual", as_of=AS_OF)
    text = squeezed(reader)
    problems = text.split("存在的问题")[1].split("下步工作建议")[0]
    items = re.findall(r"\d+\.(.*?。)(?=\d+\.|[一二三四五六七八九]、|$)", problems)
    assert items and all(i.endswith("。") and not i.endswith("；。") for i in items), problems
    assert "专项资金尚未到位" in problems and "数据标准未统一。" in problems
    assert "人员不足" not in problems, "a task done by the as-of date has no problem to report"
    second = page_texts(result.path)[1].replace("\n", "")
    assert second.startswith("2017年度改革任务督查报告各部门、各直属企业："), "主送 under the title"


@pytest.mark.parametrize("long", [False, True])
def test_the_annual_cover_is_one_page_without_a_number(engine, tmp_path, output_dir, long):
    if long:
        with_long_data(engine)
        operations.set_setting(engine, "org.name", LONG_ORG + "督查室")  # 31 characters
    result, reader = make(engine, tmp_path, "annual", as_of=AS_OF)
    pages = page_texts(result.path)
    assert "2017年度改革任务督查报告" in pages[0] and cn_signed(pages[0])
    assert not re.search(r"—\s*\d+\s*—", pages[0]), "the cover carries no page number"
    assert pages[1].replace("\n", "").startswith("2017年度改革任务督查报告"), "the body follows on page 2"
    assert not [f for f in check(result.path) if f.kind == "blank"]
    if long:
        assert "……" in squeezed(reader).split("存在的问题")[1], "a long problem is summarised"
        png(result.path, output_dir, "wording_annual_cover_long", 1, 2)


def cn_signed(page: str) -> bool:
    return "2017年10月15日" in page.replace("\n", "")


def test_the_change_on_last_quarter_is_computed_from_the_printed_rates(engine, tmp_path):
    _done(engine, "7", date(2017, 3, 1))  # 1 of 32 at the end of Q1: 3.125 → 3.1 %
    _done(engine, "10", date(2017, 5, 1))
    _done(engine, "29", date(2017, 5, 2))  # 3 of 32 at the end of Q2: 9.375 → 9.4 %
    _result, reader = make(engine, tmp_path, "annual", as_of=AS_OF)
    table = squeezed(reader).split("四、各季度推进情况")[1]
    q1, q2 = re.search(r"第一季度末(.*?)第二季度末(.*?)第三季度末", table).groups()
    assert q1.startswith("321") and "3.1%" in q1, q1  # 32 tasks, 1 done
    assert q2.startswith("323") and "9.4%+6.3" in q2, "9.4 − 3.1 as printed, not 9.375 − 3.125 = 6.25 → 6.2"


# --- 2. 推进情况通报 ---------------------------------------------------------------------------

def test_the_bulletin_says_nought_plainly_and_praises_no_unit_that_finished_nothing(engine, tmp_path):
    _result, reader = make(engine, tmp_path, "bulletin", quarter=3, as_of=AS_OF)
    body = _body(squeezed(reader))
    assert not re.search(r"(?<!\d)0项", body), "a clause whose figure is 0 is left out"
    assert "尚无任务完成" in body and "完成率0.0%" not in body
    assert "已完成0项" not in body and "予以通报表扬" not in body, "信息中心 finished nothing: no praise"
    assert "本期尚无可予通报表扬的单位" in body


def test_a_bulletin_without_overdue_tasks_says_so(engine, tmp_path):
    _result, reader = make(engine, tmp_path, "bulletin", quarter=1, as_of=date(2017, 3, 31))
    body = _body(squeezed(reader))
    assert "本期无逾期未完成任务" in body and "共有0项" not in body
    assert not re.search(r"(?<!\d)0项", body)


def test_the_bulletin_names_areas_without_ordinals_and_units_with_deng(engine, tmp_path):
    _done(engine, "6", date(2017, 9, 1))  # 信息中心's one task
    _done(engine, "29", date(2017, 9, 1))  # 环保局's one task
    _result, reader = make(engine, tmp_path, "bulletin", quarter=3, as_of=AS_OF)
    body = _body(squeezed(reader))
    areas = re.search(r"分领域看，(.*?)。", body)[1]
    assert re.search(r"“[^“”]+”领域完成率最高（\d+\.\d%）", areas), areas
    assert not re.search(r"“(?:[一二三四五六七八九十]+、|（)", areas), "no outline ordinal inside a sentence"
    assert "，实现" not in areas, "the area's words, not its second clause"
    praised = re.search(r"二、进展较好的单位(.*?)三、存在的问题", body)[1]
    assert "信息中心（牵头1项，已完成1项）、环保局（牵头1项，已完成1项）等2个单位" in praised
    lagging = re.search(r"进展滞后的单位。(.*?)请相关单位", body)[1]
    assert re.match(r"[^（]+局（逾期未完成\d+项", lagging) and "个单位牵头的任务" in lagging, lagging
    assert re.search(r"请[^，]+等单位于\d{4}年", body), "the units asked to report: 等单位"


def test_the_bulletin_summarises_the_units_own_problems(long_engine, tmp_path):
    _result, reader = make(long_engine, tmp_path, "bulletin", quarter=3, as_of=AS_OF)
    body = _body(squeezed(reader))
    said = re.search(r"各单位反映的主要问题。(.*?)(?:（[一二三四五六七]）|四、下步要求)", body)[1]
    assert f"{LONG_DEPT}（" in said and "反映：专项资金尚未到位" in said
    quoted_problem = re.search(r"反映：(.*?。)", said)[1]
    assert len(quoted_problem) <= 81 and quoted_problem.endswith("……。"), quoted_problem
    assert "（二十）" not in body, "the task's own item number is not carried into its name"


def test_the_year_end_bulletin_reports_the_year_as_finished(engine, tmp_path, output_dir):
    result, reader = make(engine, tmp_path, "bulletin", quarter=4, as_of=date(2017, 12, 31))
    body = _body(squeezed(reader))
    assert "倒排时间节点" not in body and "倒排" not in body
    assert "（一）到期未完成的任务" in body and "完成时限：2017年12月31日" in body
    f = summary_figures(body)
    assert f["进度预警"] == 0 and f["逾期未完成"] == 0 and f["到期未完成"] > 0
    assert "纳入下一年度工作台账" in body
    png(result.path, output_dir, "wording_bulletin_year_end", 1, 3)


def test_the_bulletin_rate_is_rounded_half_up(engine, tmp_path):
    _done(engine, "6", date(2017, 9, 1))
    _done(engine, "29", date(2017, 9, 1))  # 2 of 32: 6.25 %
    _result, reader = make(engine, tmp_path, "bulletin", quarter=3, as_of=AS_OF)
    text = squeezed(reader)
    assert summary_figures(text)["rate"] == "6.3" and "6.2%" not in text


# --- 3. 未报送 indicators ----------------------------------------------------------------------

def test_an_indicator_with_no_value_is_unreported_in_the_bulletin(engine, tmp_path):
    from ledger_app.exchange.importing.indicators import import_indicators
    from tests.test_indicators import YINCHUAN

    import_indicators(engine, YINCHUAN, plan="常州经开区2017年改革创新目标任务表")
    _result, reader = make(engine, tmp_path, "bulletin", quarter=4, year=2022, as_of=date(2022, 12, 31))
    text = squeezed(reader)
    sentence = re.search(r"主要指标共(\d+)项，其中(.*?)。", text)
    assert sentence and sentence[2] == f"未报送实际值{sentence[1]}项", sentence[0]
    assert "尚未报送实际值，请责任单位及时报送" in text
    table = text.split("主要指标完成情况表")[-1]
    assert table.count("○未报送") == int(sentence[1]) and "●正常" not in table


# --- 4. 限期整改通知书 -------------------------------------------------------------------------

def test_the_notice_quotes_names_whole_and_threatens_the_next_rung(engine, tmp_path):
    _result, reader = make(engine, tmp_path, "notice", task_code="2", as_of=AS_OF)
    text = squeezed(reader)
    assert "“探索‘三证合一’等商事登记模式”" in text, "inner quotes are single"
    assert "予以通报批评" in text
    add_supervision(engine, find_task_id(engine, "1"), SupervisionInput("通报批评", date(2017, 9, 1), "通报"), user="t")
    result, reader = make(engine, tmp_path, "notice", task_code="1", as_of=AS_OF)
    text = squeezed(reader)
    assert "“推进相对集中行政许可权试点改革，建立权力清单、责任清单、负面清单”" in text, "not cut at the first comma"
    assert "启动问责程序" in text and "予以通报批评" not in text, "after a 通报批评 comes 问责"


def test_the_notice_has_an_imprint_and_a_receipt_on_two_pages(engine, tmp_path, output_dir):
    operations.set_setting(engine, "contact.phone", "0519-85000000")
    result, reader = make(engine, tmp_path, "notice", task_code="4", as_of=date(2017, 11, 1))
    assert len(reader.pages) == 2
    last = page_texts(result.path)[-1].replace("\n", "").replace(" ", "")
    assert "抄送：" in last and f"{ORG}2017年10月15日印发" in last, "版记 with 抄送"
    receipt = last.split("回执")[1]
    assert "联系电话" in receipt and "签收人" in receipt and "（单位盖章）" in receipt
    png(result.path, output_dir, "wording_notice", 1, 2)


def test_the_notice_quotes_a_long_report_as_a_summary(long_engine, tmp_path, output_dir):
    result, reader = make(long_engine, tmp_path, "notice", task_code="4", as_of=date(2017, 11, 1))
    text = squeezed(reader)
    said = re.search(r"进展为：“(.*?)”", text)[1]
    assert len(said) <= 200 and said.endswith("……") and LONG_DONE not in text
    assert f"{LONG_DEPT}：" in text and "（二十）" not in text
    png(result.path, output_dir, "wording_notice_long", 1, len(reader.pages))
    # Three pages of text and receipt; the 版记 closes the back of the last sheet, an even page (GB/T 9704).
    assert len(reader.pages) <= 4 and len(reader.pages) % 2 == 0


# --- 5. 季度督办单 -----------------------------------------------------------------------------

def test_the_sheet_marks_overdue_and_deferred_tasks(engine, tmp_path):
    edit_task(engine, find_task_id(engine, "3"), {"status": "暂缓"}, user="t", effective_on=date(2017, 9, 1))
    result, reader = make(engine, tmp_path, "quarterly-sheet", quarter=3, as_of=AS_OF, depts=["行政审批局"])
    text = squeezed(reader)
    assert "2017年6月30日已逾期107天（7月1日起）" in text  # task 1
    assert "2017年9月30日已逾期15天（10月1日起）" in text  # task 2
    assert "2017年12月31日（已暂缓）" in text  # task 3


def _row_heights(path, page_number: int = 0) -> list[float]:  # noqa: ANN001
    """Heights in mm of the body rows of the ruled table on a page: the rules across it, less the
    red line under the office's mark and the header row."""
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[page_number]
        ys = sorted({round(e["top"], 1) for e in page.horizontal_edges
                     if e["width"] > page.width / 2 and e.get("stroking_color") in (None, 0, (0,), [0], (0, 0, 0))})
    return [(b - a) / MM for a, b in zip(ys, ys[1:], strict=False)][1:]


@pytest.mark.parametrize("long", [False, True])
def test_the_sheet_has_room_to_write_and_no_stray_pages(engine, tmp_path, output_dir, long):
    if long:
        with_long_data(engine)
    dept = LONG_DEPT if long else "招商局"
    result, reader = make(engine, tmp_path, "quarterly-sheet", quarter=3, as_of=AS_OF, depts=[dept])
    pages = page_texts(result.path)
    heights = _row_heights(result.path)
    assert heights and min(heights) >= 25 - 0.2, heights
    assert "编号" in pages[0] and re.search(r"\n\d+\n|^\d+\s", pages[0], re.M), "page 1 holds a task"
    for number, page in enumerate(pages):
        assert ("（续）" in page) == (number > 0), "（续） on continuation pages only"
        if "签收人" in page:
            assert "督办要求" in page, "the signatures never stand alone"
    if long:
        text = squeezed(reader)
        assert "详见台账" in text and LONG_DONE not in text
        snap = ledger_as_of(engine, AS_OF)
        task = next(t for t in snap.tasks if t.code == "4")
        previous = previous_progress(snap, task, 2017, 3)
        assert len(previous) <= 200 and previous.endswith("……详见台账（5%）") and "……详见台账（5%）" in text
        assert len(pages) <= 2, "one task is never a sheet of six pages"
        png(result.path, output_dir, "wording_sheet_long", 1, len(pages))


# --- 6. 工作台账 -------------------------------------------------------------------------------

@pytest.mark.parametrize("long", [False, True])
def test_the_printed_ledger_is_legible_and_inside_the_printable_area(engine, tmp_path, output_dir, long):
    if long:
        with_long_data(engine)
    _done(engine, "6", date(2017, 9, 1))
    result, _reader = make(engine, tmp_path, "ledger", as_of=AS_OF)
    with pdfplumber.open(result.path) as pdf:
        sizes = {round(c["size"], 1) for page in pdf.pages for c in page.chars if c["text"].strip()}
    assert min(sizes) >= 9.0, sizes
    lines = [line for page in page_texts(result.path) for line in page.splitlines()]
    marks = [line for line in lines if "√" in line]
    assert marks and all("√已完成" in line.replace(" ", "") for line in marks), marks
    assert not [f for f in check(result.path, body_pages=False) if f.kind == "outside"], \
        "the running head and the page number 10 mm or more from the edge"
    if long:
        png(result.path, output_dir, "wording_ledger_long", 1, 2)
