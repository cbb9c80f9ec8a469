"""Supervision documents generated from the shared sample, read back with a PDF text extractor."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from ledger_app.errors import LedgerError
from ledger_app.importing import import_file
from ledger_app.records import SupervisionInput, add_supervision, list_supervision
from ledger_app.reports.build import build_report
from ledger_app.reports.options import ReportOptions
from ledger_app.tasks import ProgressInput, find_task_id, record_progress, update_task

AS_OF = date(2017, 10, 15)


@pytest.fixture
def engine(ledger, sample):
    import_file(ledger.engine, sample)
    return ledger.engine


def make(engine, tmp_path, kind, **kw):
    options = ReportOptions(kind, kw.pop("year", 2017), **kw)
    out = tmp_path / f"{kind}.pdf"
    result = build_report(engine, options, out, user="督查室")
    reader = PdfReader(out)
    text = "\n".join(page.extract_text() for page in reader.pages)
    return result, reader, re.sub(r"\s+", "", text)


def fonts_of(reader: PdfReader) -> dict[str, bool]:
    """Font name → embedded?, over every page."""
    found = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and any(k in descriptor.get_object()
                                                      for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font["/BaseFont"])] = embedded
    return found


def assert_embedded(reader):
    fonts = fonts_of(reader)
    assert any("WenQuanYi" in name or "Sim" in name for name in fonts)
    assert all(embedded for name, embedded in fonts.items() if name != "/Helvetica"), fonts


def png(pdf, output_dir, name):
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm (Debian poppler-utils) is needed to render report pages")
    subprocess.run(["pdftoppm", "-r", "70", "-f", "1", "-l", "1", "-png", "-singlefile", str(pdf),
                    str(output_dir / name)], check=True)
    assert (output_dir / f"{name}.png").stat().st_size > 5000


def test_quarterly_sheets_one_numbered_page_per_department(engine, tmp_path, output_dir):
    result, reader, text = make(engine, tmp_path, "quarterly-sheet", quarter=3, as_of=AS_OF)
    assert len(result.numbers) == 16 and len(reader.pages) == 16  # each department starts a page; 1–5 tasks fit
    assert result.numbers["行政审批局"] == "督办〔2017〕第1号"
    first = re.sub(r"\s+", "", reader.pages[0].extract_text())
    assert "承办单位：行政审批局" in first and "督办〔2017〕第1号" in first
    assert "探索“三证合一”等商事登记模式" in first and "综合执法局" not in first.split("承办单位")[1][:10]
    assert "承办单位负责人签字" in first and "督办单位（盖章）" in first and "第1页共16页" in first
    assert "进展情况" in first and "存在问题" in first and "下步打算" in first
    assert_embedded(reader)
    png(result.path, output_dir, "report_quarterly_sheet")
    # Issued sheets are recorded as supervision actions; a re-print reuses the numbers and records nothing new.
    recorded = [a for a in list_supervision(engine) if a.kind == "季度督办"]
    assert len(recorded) == 32 and {a.doc_no for a in recorded} == set(result.numbers.values())
    again, _, _ = make(engine, tmp_path, "quarterly-sheet", quarter=3, as_of=AS_OF)
    assert again.numbers == result.numbers
    assert len([a for a in list_supervision(engine) if a.kind == "季度督办"]) == 32


def test_sheets_for_chosen_departments_only(engine, tmp_path):
    result, reader, text = make(engine, tmp_path, "quarterly-sheet", quarter=3, as_of=AS_OF, depts=["招商局"],
                                record=False)
    assert len(reader.pages) == 1 and "承办单位：招商局" in text and "行政审批局" not in text
    assert list_supervision(engine) == []
    with pytest.raises(LedgerError, match="没有牵头的任务"):
        make(engine, tmp_path, "quarterly-sheet", quarter=3, depts=["不存在局"])


def test_bulletin_figures_and_lists(engine, tmp_path, output_dir):
    result, reader, text = make(engine, tmp_path, "bulletin", quarter=3, as_of=AS_OF)
    assert "共有改革任务32项，已完成0项，序时推进（绿灯）3项，进度预警（黄灯）18项，逾期未完成（红灯）11项，完成率0.0%" in text
    assert "一、深化行政体制改革，实现管理运行高效能" in text and "行政审批局" in text
    assert "探索“三证合一”等商事登记模式" in text  # task 2 is red
    assert "构建个人公共信用基础数据库" not in text.split("三、通报")[1].split("四、")[0]  # green: not criticised
    assert "本期无销号任务" in text
    assert_embedded(reader)
    png(result.path, output_dir, "report_bulletin")


def test_completed_tasks_are_closed_in_todays_bulletin_but_not_in_a_reprint_of_the_past(engine, tmp_path):
    update_task(engine, find_task_id(engine, "2"), {"status": "已完成", "percent": 100}, user="t")
    _, _, today = make(engine, tmp_path, "bulletin", quarter=4, as_of=date.today() + timedelta(days=1))
    assert "已完成1项" in today and "五、已完成任务（销号）" in today
    assert "探索“三证合一”等商事登记模式" in today.split("五、已完成任务（销号）")[1]
    _, _, past = make(engine, tmp_path, "bulletin", quarter=3, as_of=AS_OF)
    assert "已完成0项" in past, "a change made after the as-of date must not show in a re-print"


def test_lagging_two_quarters_listed(engine, tmp_path):
    record_progress(engine, find_task_id(engine, "3"), ProgressInput(2017, 2, 60, "方案完成"), user="t")
    record_progress(engine, find_task_id(engine, "3"), ProgressInput(2017, 3, 80, "上线"), user="t")
    _, _, text = make(engine, tmp_path, "bulletin", quarter=3, as_of=AS_OF)
    lagging = text.split("四、连续两个季度进展滞后的任务")[1].split("五、")[0]
    assert "建立经开区执法运行平台" in lagging and "构建统一高效的“互联网+审批”平台" not in lagging


def test_annual_report(engine, tmp_path, output_dir):
    task = find_task_id(engine, "4")
    add_supervision(engine, task, SupervisionInput("限期整改", date(2017, 10, 16), "进度滞后", date(2017, 11, 30)),
                    user="t")
    result, reader, text = make(engine, tmp_path, "annual")
    assert "2017年度改革任务督查报告" in text and "全年开展督办1次，其中限期整改1次" in text
    assert "第1季度末" in text and "第4季度末" in text
    assert "2017-11-30" in text.split("六、未完成任务及整改期限")[1]
    assert_embedded(reader)
    png(result.path, output_dir, "report_annual")


def test_rectification_notice_is_recorded_once(engine, tmp_path, output_dir):
    result, reader, text = make(engine, tmp_path, "notice", task_code="4", as_of=AS_OF,
                                rectify_by=date(2017, 11, 15))
    assert len(reader.pages) == 1 and reader.pages[0].mediabox.width < reader.pages[0].mediabox.height  # portrait
    assert "限期整改通知书" in text and "综合执法局：" in text and "推进综合执法体制改革" in text
    assert "2017年11月15日前完成整改" in text and result.numbers == {"4": "整改〔2017〕第1号"}
    (action,) = list_supervision(engine, find_task_id(engine, "4"))
    assert (action.kind, action.rectify_deadline, action.doc_no) == ("限期整改", date(2017, 11, 15), "整改〔2017〕第1号")
    make(engine, tmp_path, "notice", task_code="4", as_of=AS_OF)
    assert len(list_supervision(engine)) == 1
    assert_embedded(reader)
    png(result.path, output_dir, "report_notice")


def test_full_ledger_with_filter(engine, tmp_path, output_dir):
    from ledger_app.queries import TaskQuery

    result, reader, text = make(engine, tmp_path, "ledger", as_of=AS_OF)
    for needle in ("深化行政审批制度改革", "践行共享发展理念", "持续推进", "市场监管局", "张建国", "刘志强"):
        assert needle in text
    assert len(reader.pages) >= 3 and "第1页共" in text
    png(result.path, output_dir, "report_ledger")
    _, _, filtered = make(engine, tmp_path, "ledger", as_of=AS_OF, query=TaskQuery(dept="社会事业局"))
    assert "共3项任务" in filtered and "张建国" not in filtered


@pytest.mark.parametrize("kind, kw, message", [
    ("bulletin", {}, "季度"),
    ("notice", {}, "任务编号"),
    ("notice", {"task_code": "999"}, "999"),
])
def test_refusals(engine, tmp_path, kind, kw, message):
    with pytest.raises(LedgerError, match=message):
        make(engine, tmp_path, kind, **kw)
    assert not (tmp_path / f"{kind}.pdf").exists()


def test_command_line_report(tmp_path, sample):
    import json
    import sys

    from tests.conftest import ROOT

    db = tmp_path / "l.db"
    run = lambda *a: subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), *a],  # noqa: E731
                                    capture_output=True, text=True, encoding="utf-8")
    assert run("import", str(sample)).returncode == 0
    out = tmp_path / "sheets.pdf"
    done = run("report", "quarterly-sheet", "--year", "2017", "--quarter", "3", "--dept", "招商局",
               "--as-of", "2017-10-15", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "共 1 页" in done.stdout and "督办〔2017〕第1号" in done.stdout and out.exists()
    refused = run("report", "bulletin", "--year", "2017", "--out", str(tmp_path / "b.pdf"))
    assert refused.returncode != 0 and "季度" in refused.stderr and "Traceback" not in refused.stderr
    shown = json.loads(run("show", "13", "--json").stdout)
    assert shown["code"] == "13"


def test_cancelled_batch_writes_no_file_and_issues_nothing(engine, tmp_path):
    from ledger_app.reports.layout import Cancelled

    out = tmp_path / "sheets.pdf"
    with pytest.raises(Cancelled):
        build_report(engine, ReportOptions("quarterly-sheet", 2017, 3, AS_OF), out, user="t", cancelled=lambda: True)
    assert not out.exists() and not list(tmp_path.glob("*.part"))
    assert list_supervision(engine) == []
