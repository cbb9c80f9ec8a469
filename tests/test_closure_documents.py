"""办结销号 in the documents (issue 26, 5): the 销号审批表 per task and per batch, the bulletin's annex of
tasks closed by 销号 that quarter with those claimed and waiting apart, the annual report's count of 销号
and 退回, and the 督办单 telling a unit of a 退回 and what is missing. Read back as printed (pdfplumber)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from ledger_app.documents.fonts import uncovered
from ledger_app.evidence.claims import ClaimInput
from ledger_app.operations import closure
from ledger_app.tasks.queries import find_task_id
from tests import evidence_files as files
from tests.documents import breaking_rule_violations, fonts_of, make, png, sample_with_progress, squeezed
from tests.pdf_check import check, page_texts


@pytest.fixture
def engine(ledger, sample, tmp_path):
    """The sample with Q1–Q3 progress; in Q3 task 3 claimed and closed, task 6 claimed and waiting,
    task 11 claimed and returned for what is missing."""
    sample_with_progress(ledger.engine, sample)
    engine = ledger.engine

    def claim(code: str, day: date, summary: str, *paths) -> int:
        return closure.claim_finished(engine, find_task_id(engine, code), ClaimInput(day, summary), list(paths),
                                      user="审批局").value

    notice = files.pdf(tmp_path / "关于印发权力清单的通知.pdf", pages=3)
    photo = files.picture(tmp_path / "公布现场.jpg", "JPEG")
    three = claim("3", date(2017, 9, 10), "权力清单、责任清单已印发并在政务网公布", notice, photo)
    closure.close_claim(engine, find_task_id(engine, "3"), three, date(2017, 9, 20), opinion="材料齐全，同意销号",
                        user="督查室李四")
    claim("6", date(2017, 9, 25), "平台已上线运行", files.docx(tmp_path / "运行情况报告.docx"))
    eleven = claim("11", date(2017, 9, 5), "已完成", files.picture(tmp_path / "会议照片.png"))
    closure.return_claim(engine, find_task_id(engine, "11"), eleven, date(2017, 9, 15), opinion="照片不能证明已完成",
                         missing="验收意见", user="督查室李四")
    return engine


def test_the_approval_form_of_a_task_lists_the_claim_its_evidence_and_the_signatures(engine, tmp_path, output_dir):
    result, reader = make(engine, tmp_path, "closure", task_code="3")
    text = squeezed(reader)
    assert result.pages == 1 and "改革任务办结销号审批表" in text
    for said in ("权力清单、责任清单已印发并在政务网公布", "2017年9月10日", "关于印发权力清单的通知.pdf", "PDF文档",
                 "3页", "JPEG图片", "材料齐全，同意销号", "同意销号。2017年9月20日起任务记为已完成", "复核人", "审批领导"):
        assert said in text, said
    hashes = [f.sha256[:12] for f in closure_files(engine, "3")]
    assert all(h in text for h in hashes)
    assert check(result.path) == []
    # The house rules every document follows (tests/test_reports.py): 禁则, dates in words, fonts.
    assert breaking_rule_violations(reader) == []
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text), "every date in a document is written 2017年10月15日"
    assert uncovered(text) == set() and all(fonts_of(reader).values())
    png(result.path, output_dir, "closure-approval")


def closure_files(engine, code):  # noqa: ANN001, ANN201
    from ledger_app.evidence.register import list_files

    return list_files(engine, find_task_id(engine, code))


def test_the_approval_forms_of_a_quarter_one_page_each(engine, tmp_path):
    result, reader = make(engine, tmp_path, "closure", quarter=3)
    assert result.pages == 3
    pages = page_texts(result.path)
    assert "权力清单" in pages[0].replace(" ", "") or "权力清单" in "".join(pages)
    assert "□同意销号" in squeezed(reader) and "退回（2017年9月15日）：照片不能证明已完成。缺少：验收意见。" in squeezed(reader)
    assert check(result.path) == []


def test_the_bulletin_lists_the_tasks_closed_that_quarter_and_apart_those_waiting(engine, tmp_path):
    _result, reader = make(engine, tmp_path, "bulletin", quarter=3)
    text = squeezed(reader)
    assert "本季度经复核佐证材料，办结销号1项，退回1项，已申请销号、待复核1项。" in text
    annex = text[text.index("已完成任务（销号）清单", text.index("附件") + 10):]
    closed = annex[annex.index("一、本季度办结销号的任务（1项）"):annex.index("二、已申请销号")]
    waiting = annex[annex.index("二、已申请销号、待复核的任务（1项）"):]
    assert "2017年9月20日" in closed and "2份" in closed
    assert "平台已上线运行" in waiting and "2017年9月25日" in waiting
    # The annex's pages are as a 督查室 head wants them (the body's pages are the bulletin's own test's).
    first = next(n for n, page in enumerate(page_texts(_result.path), start=1)
                 if "本季度办结销号的任务" in page.replace(" ", "").replace("\n", ""))
    assert [f for f in check(_result.path) if f.page >= first] == []


def test_the_annual_report_counts_销号_and_退回(engine, tmp_path):
    _result, reader = make(engine, tmp_path, "annual")
    assert "全年经复核佐证材料办结销号1项，退回补充材料1项次，年末已申请销号、待复核1项。" in squeezed(reader)


def test_the_supervision_sheet_tells_a_unit_of_its_退回_and_what_is_missing(engine, tmp_path):
    _result, reader = make(engine, tmp_path, "quarterly-sheet", quarter=3)
    text = squeezed(reader)
    assert "退回的销号申请：编号11（2017年9月15日退回：照片不能证明已完成，缺少：验收意见）" in text
    assert "〔已申请销号，待复核〕" in text
