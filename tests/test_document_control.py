"""Document control (issue 24): an office's numbers are its record. One 文号, one text — issuing a
kind again for the same period is a 重印 of the registered document (same text, same date, said so)
or is refused with the reason and the way forward; a 样稿 never shows the number of an issued
document it differs from. The annual report is issued with the fourth quarter closed, from its
frozen snapshot as of 12月31日, counting the Q4 督办单 signed in January. The command's help lists
every kind, and 编号： reads without a stray space."""

from __future__ import annotations

from datetime import date

import pytest

from ledger_app import operations
from ledger_app.documents.options import KINDS, TITLES
from ledger_app.messages.errors import LedgerError
from ledger_app.records import numbering
from ledger_app.records.history import list_supervision
from tests.documents import make, sample_with_progress
from tests.pdf_check import page_texts

SIGNED = date(2017, 10, 15)


@pytest.fixture
def engine(ledger, sample):
    sample_with_progress(ledger.engine, sample)
    operations.set_setting(ledger.engine, "evidence.required", "0")
    return ledger.engine


def _flat(path) -> str:  # noqa: ANN001
    return "".join(page_texts(path)).replace("\n", "")


def test_the_same_number_never_comes_out_with_other_figures_or_another_date(engine, db_url, command, tmp_path):
    first = tmp_path / "first.pdf"
    out = command("report", "bulletin", "--year", "2017", "--quarter", "3", "--as-of", "2017-10-15",
                  "--date", "2017-10-15", "--out", str(first), db=db_url).stdout
    assert "编号：通报〔2017〕1号" in out
    # The ledger moves on after the as-of day; the default as-of day (30 September) counts fewer reports.
    operations.record_progress(engine, _task(engine, "4"), _progress(2017, 4, 80), user="u")
    for refused_args, named in ((("--as-of", "2017-12-01"), "截至2017年12月1日"),
                                (("--date", "2017-12-01"), "成文日期2017年12月1日")):
        refused = command("report", "bulletin", "--year", "2017", "--quarter", "3", *refused_args,
                          "--out", str(tmp_path / "other.pdf"), db=db_url, check=False)
        assert refused.returncode != 0 and not (tmp_path / "other.pdf").exists()
        err = refused.stderr
        assert "通报〔2017〕1号" in err and named in err, err
        assert "截至2017年10月15日" in err and "成文日期2017年10月15日" in err, "what was issued"
        assert "重印" in err and "更正" in err and "新的文号" in err, "the way forward"
    again = tmp_path / "again.pdf"
    out = command("report", "bulletin", "--year", "2017", "--quarter", "3", "--out", str(again), db=db_url).stdout
    assert out.startswith("重印 ") and "成文日期2017年10月15日" in out and "截至2017年10月15日" in out, out
    assert "编号：通报〔2017〕1号（重印）" in out
    assert page_texts(again) == page_texts(first), "a reprint is the registered text"
    # Naming the registered dates is a reprint too.
    command("report", "bulletin", "--year", "2017", "--quarter", "3", "--as-of", "2017-10-15", "--date",
            "2017-10-15", "--out", str(again), db=db_url)
    assert page_texts(again) == page_texts(first)
    assert [d.doc_no for d in numbering.issued(engine)] == ["通报〔2017〕1号"], "one register entry"


def _task(engine, code: str) -> int:  # noqa: ANN001
    from ledger_app.tasks.queries import find_task_id

    return find_task_id(engine, code)


def _progress(year: int, quarter: int, percent: int):  # noqa: ANN202
    from ledger_app.records.progress import ProgressInput

    return ProgressInput(year, quarter, percent, "第四季度推进")


def test_a_draft_that_differs_never_shows_the_issued_number(engine, tmp_path):
    make(engine, tmp_path, "bulletin", quarter=3, as_of=SIGNED)
    same, _ = make(engine, tmp_path, "bulletin", quarter=3, record=False, signed=None)
    assert same.numbers == {"": "通报〔2017〕1号"} and (same.as_of, same.signed) == (SIGNED, SIGNED)
    assert "通报〔2017〕1号" in _flat(same.path), "a draft of the registered text shows its number"
    for other in ({"as_of": date(2017, 11, 30)}, {"signed": date(2017, 12, 1)}):
        draft, _ = make(engine, tmp_path, "bulletin", quarter=3, record=False, **{"signed": None, **other})
        text = _flat(draft.path)
        assert "样稿" in text and "通报〔2017〕1号" not in text
        assert draft.numbers[""].endswith("〕　号"), draft.numbers


def test_a_notice_keeps_its_deadline_and_a_new_day_is_a_new_notice(engine, tmp_path):
    first, _ = make(engine, tmp_path, "notice", task_code="2", as_of=SIGNED, rectify_by=date(2017, 11, 14))
    with pytest.raises(LedgerError, match="整改期限2017年12月1日") as refused:
        make(engine, tmp_path, "notice", task_code="2", as_of=SIGNED, rectify_by=date(2017, 12, 1))
    assert "整改〔2017〕1号" in str(refused.value) and "整改期限2017年11月14日" in str(refused.value)
    again, _ = make(engine, tmp_path, "notice", task_code="2", as_of=SIGNED)
    assert again.reprinted == {"2"} and again.numbers == first.numbers and "2017年11月14日" in _flat(again.path)
    later, _ = make(engine, tmp_path, "notice", task_code="2", as_of=date(2017, 11, 20), signed=date(2017, 11, 20))
    assert later.numbers == {"2": "整改〔2017〕2号"} and not later.reprinted, "another notice, another number"


def test_the_annual_report_is_issued_with_q4_closed_counting_the_january_sheets(engine, tmp_path):
    year_end = date(2017, 12, 31)
    # Before the close: the Q3 sheets in October, the Q4 sheets and bulletin signed in January.
    q3, _ = make(engine, tmp_path, "quarterly-sheet", quarter=3, as_of=date(2017, 9, 30), signed=SIGNED)
    q4, _ = make(engine, tmp_path, "quarterly-sheet", quarter=4, as_of=year_end, signed=date(2018, 1, 10))
    make(engine, tmp_path, "bulletin", quarter=4, as_of=year_end, signed=date(2018, 1, 12))
    assert all(n.startswith("督办〔2018〕") for n in q4.numbers.values()), "numbered in the year it is signed"
    for quarter in (1, 2, 3, 4):
        operations.close_quarter(engine, 2017, quarter, user="督查室")
    report, _ = make(engine, tmp_path, "annual", signed=date(2018, 1, 20))
    assert report.issued and report.as_of == year_end and report.numbers == {"": "督查〔2018〕1号"}
    text = _flat(report.path)
    assert "截至1月" not in text and "截至2018年" not in text, "as of 12月31日, not as of January"
    sheets = {a.doc_no for a in list_supervision(engine) if a.kind == "季度督办"}
    assert sheets == {*q3.numbers.values(), *q4.numbers.values()}
    said = text[text.index("督查工作开展情况"):][:160]
    assert f"全年印发季度督办单{len(sheets)}份" in said, said
    assert "发布推进情况通报1期" in said, "the Q4 bulletin, numbered 〔2018〕, is the year's"
    reprint, _ = make(engine, tmp_path, "annual", signed=None)
    assert reprint.reprinted == {""} and page_texts(reprint.path) == page_texts(report.path)


def test_the_help_lists_every_kind(command):
    out = command("report", "--help").stdout
    for kind in KINDS:
        assert kind in out and TITLES[kind].removeprefix("改革任务") in out, kind
    assert "考核" in out and "assessment" in out


def test_numbers_read_without_a_stray_space(engine, db_url, command, tmp_path):
    sheet = tmp_path / "sheet.pdf"
    out = command("report", "quarterly-sheet", "--year", "2017", "--quarter", "3", "--dept", "招商局",
                  "--as-of", "2017-10-15", "--date", "2017-10-15", "--out", str(sheet), db=db_url).stdout
    assert "编号：招商局 督办〔2017〕1号" in out
    out = command("report", "bulletin", "--year", "2017", "--quarter", "3", "--as-of", "2017-10-15",
                  "--date", "2017-10-15", "--out", str(tmp_path / "b.pdf"), db=db_url).stdout
    assert "编号：通报〔2017〕1号" in out and "编号： " not in out
    lines = "\n".join(page_texts(sheet)).splitlines()
    assert any(line.startswith("督办编号：督办〔2017〕1号") for line in lines), lines[:5]
    assert not any("编号 ：" in line or "编号： " in line for line in lines)


def test_another_desk_issuing_the_same_document_meanwhile_with_other_dates_refuses_this_issue(engine, tmp_path,
                                                                                             monkeypatch):
    """Read "not issued yet", then another desk issues it with another 成文日期 before this desk numbers
    it: this issue is refused rather than putting that number on another text."""
    from ledger_app.operations import issuing

    real = issuing.prepare

    def prepare_then_the_other_desk(engine_, options):  # noqa: ANN001, ANN202
        prepared = real(engine_, options)
        monkeypatch.setattr(issuing, "prepare", real)
        make(engine, tmp_path, "bulletin", quarter=3, as_of=SIGNED, signed=date(2017, 10, 20))
        return prepared

    monkeypatch.setattr(issuing, "prepare", prepare_then_the_other_desk)
    with pytest.raises(LedgerError, match="成文日期2017年10月20日"):
        make(engine, tmp_path, "bulletin", quarter=3, as_of=SIGNED, signed=SIGNED)
    assert [(d.doc_no, d.signed_on) for d in numbering.issued(engine)] == [("通报〔2017〕1号", date(2017, 10, 20))]
