"""Chinese line breaking and the typefaces the documents are set in."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger_app.documents import fonts
from ledger_app.documents.linebreak import CANNOT_END, CANNOT_START, break_lines, tokens
from ledger_app.system.resources import CJK_FONT, resource_path


def cjk_width(text: str) -> float:
    """Full-width characters one unit, Latin letters and digits half."""
    return sum(0.5 if ord(c) < 0x2E80 else 1.0 for c in text)


TEXT = ("根据改革任务季度督办情况，你单位牵头的改革任务“构建统一高效的平台”（编号4），完成时限为2017年9月30日，"
        "截至2017年10月15日完成进度为60%，请行政审批局、发改局于2017年10月25日前报送；投资1.5亿元。")


@pytest.mark.parametrize("width", range(5, 30))
def test_no_line_starts_or_ends_with_a_forbidden_character(width):
    lines = break_lines(TEXT, width, cjk_width, keep=["行政审批局", "发改局"])
    assert "".join(lines) == TEXT, "nothing lost or added"
    assert all(cjk_width(line) <= width for line in lines)
    assert not [line for line in lines[1:] if line[0] in CANNOT_START]
    assert not [line for line in lines if line[-1] in CANNOT_END]


@pytest.mark.parametrize("width", range(6, 30))
def test_numbers_with_units_and_names_stay_whole(width):
    lines = break_lines(TEXT, width, cjk_width, keep=["行政审批局", "发改局"])
    for before, after in zip(lines, lines[1:], strict=False):
        for whole in ("60%", "1.5亿元", "2017年", "行政审批局", "发改局"):
            for cut in range(1, len(whole)):
                assert not (before.endswith(whole[:cut]) and after.startswith(whole[cut:])), (whole, before, after)


def test_a_word_longer_than_the_line_is_cut_by_characters():
    lines = break_lines("统一社会信用代码91320400MA1MXXXXXX应当公示", 6, cjk_width)
    assert "".join(lines) == "统一社会信用代码91320400MA1MXXXXXX应当公示"
    assert all(cjk_width(line) <= 6 for line in lines)


def test_closing_punctuation_stays_with_the_word_before_a_blank():
    assert "人：\u3000\u3000，" in tokens("联系人：\u3000\u3000，电话")


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(alphabet="改革任务推进情况督办单位牵头，。、；：？！）》（《“”60%年月日ABC ", min_size=1, max_size=120),
       st.integers(min_value=3, max_value=30))
def test_any_text_breaks_by_the_rules(text, width):
    lines = break_lines(text, width, cjk_width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines[1:]:
        # Only a run of punctuation too long to hang can start a line with 。 and the like.
        if line and line[0] in CANNOT_START:
            assert all(c in CANNOT_START for c in line.strip()), lines


def test_office_fonts_are_preferred_to_the_bundled_one(tmp_path, monkeypatch):
    bundled = resource_path(*CJK_FONT)
    windows = tmp_path / "Windows"
    (windows / "Fonts").mkdir(parents=True)
    monkeypatch.setenv("WINDIR", str(windows))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    monkeypatch.delenv(fonts.FONTS_ENV, raising=False)
    monkeypatch.setattr(fonts, "font_dirs", lambda: [windows / "Fonts"])
    assert fonts.find_font("xbs") is None
    for name in ("simhei.ttf", "simfang.ttf", "FS_GB2312.ttf", "FZXBSJW.TTF"):
        shutil.copy(bundled, windows / "Fonts" / name)
    assert fonts.find_font("xbs").name == "FZXBSJW.TTF", "方正小标宋 before 黑体"
    assert fonts.find_font("fang").name == "FS_GB2312.ttf", "仿宋_GB2312 before FangSong"
    assert fonts.find_font("kai") is None and fonts.find_font("hei").name == "simhei.ttf"


def test_a_unit_name_too_long_for_its_column_breaks_where_it_reads_well():
    """Issue 25, 11: 常州经济开发区经济发展局 in a narrow 责任单位 column came out as 常州经济开
    ｜发区经济发｜展局. It breaks after the zone or before the kind of office instead."""
    from ledger_app.documents.layout import styles
    from ledger_app.documents.linebreak import name_parts
    from ledger_app.documents.text import lay_out, measure

    cell = styles().cell
    cases = {"常州经济开发区经济发展局": ["常州经济开发区", "经济发展局"],
             "区市场监督管理局": ["区市场监督", "管理局"],
             "银川经济技术开发区管委会经济发展局": ["银川经济技术开发区", "管委会经济发展局"]}
    for name, wanted in cases.items():
        width = max(measure(cell, part) for part in name_parts(name)) + 1  # a column as narrow as that
        lines = [line.text for line in lay_out(name, cell, width, keep=[name])]
        assert lines == wanted or lines == name_parts(name), (name, lines)
    assert name_parts("区市场监督管理局")[0] != "区市", "市 inside 市场 is no place name"
    assert name_parts("经济发展局") == ["经济发展局"]
