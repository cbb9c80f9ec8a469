"""Every document kind read back by the checker (tests/pdf_check.py), on ordinary data and on long
data (a 300-character 具体改革内容, a 20-character department, a 1,000-character progress text, a
31-character office name): nothing outside the 版心, no line over 28 characters or page over 22
lines, no 禁则 break, no number or date split, no page holding only a 落款, a 版记, a table's last row
or the last words, no blank page, page numbers on their side. Each document is made once per module."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest

from ledger_app.documents.options import KINDS, ReportOptions
from ledger_app.operations.issuing import build_report
from ledger_app.store.opening import open_ledger
from tests import long_data
from tests.conftest import SAMPLE
from tests.documents import ORG, SIGNED, sample_with_progress
from tests.pdf_check import MM, check, grid, page_texts

NAMES = [name for name, _kind, _kw in long_data.CASES]
FORMS = long_data.FORMS
# Checks a kind's own content (not the engine) still fails, fixed on branch docs24-content: none now.
CONTENT_XFAIL: dict[tuple[str, str], str] = {}


def _documents(folder: Path, long: bool) -> dict[str, Path]:
    ledger = open_ledger(f"sqlite:///{folder / 'ledger.db'}", user="测试员")
    try:
        sample_with_progress(ledger.engine, SAMPLE)
        long_data.closing_claim(ledger.engine, folder)
        long_data.indicators(ledger.engine)
        if long:
            long_data.lengthen(ledger.engine)
        made = {}
        for name, kind, kw in long_data.CASES:
            kw = dict(kw)
            options = ReportOptions(kind, kw.pop("year", 2017), signed=SIGNED, **kw)
            made[name] = build_report(ledger.engine, options, folder / f"{name}.pdf", user="督查室").path
        return made
    finally:
        ledger.close()


@pytest.fixture(scope="module")
def ordinary(tmp_path_factory) -> dict[str, Path]:
    return _documents(tmp_path_factory.mktemp("ordinary"), long=False)


@pytest.fixture(scope="module")
def long(tmp_path_factory) -> dict[str, Path]:
    return _documents(tmp_path_factory.mktemp("long"), long=True)


def test_the_cases_are_every_kind_the_command_accepts():
    assert {kind for _name, kind, _kw in long_data.CASES} == set(KINDS)


@pytest.mark.parametrize("data", ["ordinary", "long"])
@pytest.mark.parametrize("name", NAMES)
def test_the_checker_finds_nothing(request, name, data):
    if (name, data) in CONTENT_XFAIL:
        request.applymarker(pytest.mark.xfail(reason=CONTENT_XFAIL[(name, data)], strict=True))
    path = request.getfixturevalue(data)[name]
    found = check(path, body_pages=name not in FORMS)
    assert [str(f) for f in found] == []


@pytest.mark.parametrize("name", ["bulletin", "notice", "assessment"])
def test_body_pages_hold_28_characters_a_line_and_22_lines(ordinary, name):
    pages = grid(ordinary[name])
    assert all(p.lines <= 22 for p in pages)
    # A line of Chinese text that fills the measure holds exactly 28 characters.
    with pdfplumber.open(ordinary[name]) as pdf:
        full = []
        for page in pdf.pages:
            rows: dict[int, list[dict]] = {}
            for c in page.chars:
                if round(c["size"]) == 16:
                    rows.setdefault(round(c["bottom"]), []).append(c)
            for chars in rows.values():
                text = "".join(c["text"] for c in chars)
                width = max(c["x1"] for c in chars) - min(c["x0"] for c in chars)
                if text.isascii() or re.search(r"[0-9A-Za-z]", text):
                    continue
                if width > 155 * MM and all(c["x1"] - c["x0"] > 15 for c in chars):
                    full.append(len(text))
    # Fewer: a justified line whose next word would not fit; never more.
    assert full and max(full) == 28 and full.count(28) > len(full) / 2, full


@pytest.mark.parametrize("name", ["bulletin", "annual", "notice", "assessment"])
def test_a_long_office_name_sets_the_mark_on_two_balanced_lines_at_full_size(long, name):
    with pdfplumber.open(long[name]) as pdf:
        page = pdf.pages[0]
        red = [c for c in page.chars if c["size"] >= 20 and (c.get("non_stroking_color") or (0,))[0] > 0.5]
    rows: dict[int, str] = {}
    for c in sorted(red, key=lambda c: c["x0"]):
        rows[round(c["top"])] = rows.get(round(c["top"]), "") + c["text"]
    lines = [rows[k] for k in sorted(rows)]
    assert "".join(lines) == long_data.LONG_OFFICE
    assert len(lines) == 2 and abs(len(lines[0]) - len(lines[1])) <= 4, lines
    assert lines == ["中共江苏省常州经济开发区工作委员会", "全面深化改革创新委员会办公室"]
    assert min(c["size"] for c in red) >= 22  # 2号 or larger, not shrunk to fit one line


def _signature(path: Path) -> tuple[list[tuple[float, float, str]], tuple[float, float]]:
    """The 落款's name lines (x0, x1, text) and its date line (x0, x1): the last date standing alone on
    a line of 3号 text (a cover's date comes before it)."""
    found = None
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            rows: dict[int, list[dict]] = {}
            for c in page.chars:
                if round(c["size"]) == 16:
                    rows.setdefault(round(c["bottom"]), []).append(c)
            keys = sorted(rows)
            for k, key in enumerate(keys):
                chars = sorted(rows[key], key=lambda c: c["x0"])
                text = "".join(c["text"] for c in chars)
                if re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", text):
                    names = []
                    for above in reversed(keys[:k]):
                        cs = sorted(rows[above], key=lambda c: c["x0"])
                        said = "".join(c["text"] for c in cs)
                        if said.endswith("。") or key - above > 3 * 29:
                            break
                        names.insert(0, (cs[0]["x0"], cs[-1]["x1"], said))
                    found = names, (chars[0]["x0"], chars[-1]["x1"])
    assert found, "no 落款"
    return found


CHAR = 156 * MM / 28  # one character of 3号 text on the 28-character grid
RIGHT = (28 + 156) * MM


@pytest.mark.parametrize("name", ["bulletin", "notice"])
def test_a_name_too_long_to_centre_is_signed_two_characters_in(ordinary, name):
    names, (_d0, d1) = _signature(ordinary[name])
    assert abs(d1 - (RIGHT - 4 * CHAR)) < 2, "成文日期右空四字"
    (_n0, n1, text), = names
    assert text == ORG and abs(n1 - (RIGHT - 2 * CHAR)) < 2, "centred over the date it would come within 两字"


def test_a_short_name_is_centred_over_the_date():
    from ledger_app.documents.layout import Signature, styles
    from ledger_app.documents.text import measure

    width = 156 * MM
    signature = Signature("常州经开区改革办", "2017年10月15日", styles().body)
    signature.wrap(width, 1000)
    (_line, x), = signature._names
    style = styles().body
    step = style.size + style.char_space
    ink = 8 * style.size + 7 * style.char_space
    date_ink = measure(style, "2017年10月15日") - style.char_space
    assert abs((x + ink / 2) - (width - 4 * step - date_ink / 2)) < 0.5
    assert x + ink < width - 2 * step


@pytest.mark.parametrize("name", ["bulletin", "notice", "annual", "assessment"])
def test_a_long_name_is_signed_two_characters_in_over_the_date_four_in(long, name):
    names, (_d0, d1) = _signature(long[name])
    assert abs(d1 - (RIGHT - 4 * CHAR)) < 2
    assert "".join(t for _a, _b, t in names) == long_data.LONG_OFFICE
    assert len(names) == 2 and all(abs(x1 - (RIGHT - 2 * CHAR)) < 2 for _x0, x1, _t in names), names


@pytest.mark.parametrize("data", ["ordinary", "long"])
@pytest.mark.parametrize("name", ["bulletin", "annual", "assessment"])
def test_the_imprint_closes_an_even_last_page(request, name, data):
    pages = page_texts(request.getfixturevalue(data)[name])
    holding = [n for n, text in enumerate(pages, start=1) if re.search(r"印发$", text, re.M)]
    assert holding == [len(pages)] and len(pages) % 2 == 0


def test_the_annual_cover_stays_one_page_with_a_long_name(long):
    pages = [re.sub(r"\s+", "", p) for p in page_texts(long["annual"])]
    assert "2017年度改革任务督查报告" in pages[0] and re.sub(r"—\d+—$", "", pages[0]).endswith("2017年10月15日")
    assert "一、总体情况" in pages[1]


def test_terms_dates_and_figures_are_never_split_in_the_long_documents(long):
    text = "\n".join(page_texts(long["notice"]) + page_texts(long["quarterly-sheet"]))
    squeezed = re.sub(r"\s+", "", text)
    assert "“3+2”" in squeezed and "“1+6”" in squeezed and "×0.5" in squeezed
    lines = [re.sub(r"\s+", "", line) for line in text.splitlines()]
    assert any("2018年1月10日" in line for line in lines), "the date whole on one line of a cell"
    assert any("60%" in line for line in lines)
