"""The typesetting engine's last mile: the GB/T faces missing said before a 公文 is issued (command line
and window), the faces of each role when they are present, terms kept whole across lines, a table's
last row and a paragraph's last line never alone on a page."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from ledger_app.documents import fonts
from ledger_app.documents.layout import styles, table
from ledger_app.documents.linebreak import break_lines, tokens
from ledger_app.documents.page import DocSpec, frame_size, write_pdf
from ledger_app.documents.text import Text
from ledger_app.system.resources import CJK_FONT, resource_path
from tests import long_data
from tests.documents import sample_with_progress
from tests.pdf_check import check, fonts_by_role

ROOT = Path(__file__).resolve().parents[1]
STAND_INS = {  # GB/T file name → a font of this machine standing in for it (tools/system_deps.sh installs them)
    "FZXBSJW.TTF": resource_path(*CJK_FONT),
    "仿宋_GB2312.ttf": Path("/usr/share/fonts/truetype/hanazono/HanaMinA.ttf"),
    "楷体_GB2312.ttf": Path("/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf"),
    "simhei.ttf": resource_path(*CJK_FONT),
    "simsun.ttf": Path("/usr/share/fonts/truetype/hanazono/HanaMinA.ttf"),
}


# ----- terms whole across lines ---------------------------------------------------------------------
@pytest.mark.parametrize("term", ["×0.5", "3+2", "1+6", "2018年1月10日", "2017年第三季度", "60%", "6.3%", "10月15日"])
def test_a_term_is_one_token(term):
    assert term in tokens(f"按照{term}执行")


@pytest.mark.parametrize("width", range(4, 20))
def test_terms_never_break_across_lines(width):
    text = "考核权重按×0.5折算，落实“3+2”工作机制和“1+6”政策体系，2018年1月10日前完成率达到60%。"
    def measure(s: str) -> float:
        return sum(0.5 if ord(c) < 0x2E80 else 1.0 for c in s)

    lines = break_lines(text, width, measure)
    assert "".join(lines) == text
    for term in ("×0.5", "3+2", "1+6", "2018年1月10日", "60%"):
        if measure(term) + 1 <= width:  # with its quote or comma, it fits a line: never broken
            assert any(term in line for line in lines), (term, lines)


# ----- fonts: the warning -------------------------------------------------------------------------
def test_the_bundled_font_standing_in_for_every_role_is_said_with_the_way_out():
    bundled = str(resource_path(*CJK_FONT))
    fallback = fonts.FontSet("b", "b", "b", "b", "b", {role: bundled for role in fonts.CANDIDATES})
    warning = fonts.font_warning(fallback)
    for said in ("小标宋（以程序自带的文泉驿微米黑代替）", "仿宋", "楷体", "黑体", "请安装方正小标宋简体", "仿宋_GB2312",
                 "TASK_LEDGER_FONTS"):
        assert said in warning, said


def test_simhei_for_the_title_is_a_substitute_and_the_gbt_faces_are_not():
    gbt = {"xbs": "/f/FZXBSJW.TTF", "fang": "/f/仿宋_GB2312.ttf", "kai": "/f/simkai.ttf", "hei": "/f/simhei.ttf",
           "song": "/f/simsun.ttc"}
    assert fonts.font_warning(fonts.FontSet("a", "b", "c", "d", "e", gbt)) == ""
    windows = {**gbt, "xbs": "/f/simhei.ttf"}
    assert fonts.substituted(fonts.FontSet("a", "b", "c", "d", "e", windows)) == [("小标宋", "simhei.ttf")]


def test_the_command_line_says_so_on_stderr_before_issuing(command, db, sample, tmp_path):
    command("import", str(sample), db=db)
    command("config", "org.name", "常州经开区改革办", db=db)
    done = command("report", "bulletin", "--year", "2017", "--quarter", "3", "--no-record",
                   "--out", str(tmp_path / "b.pdf"), db=db)
    assert "本机缺少公文（GB/T 9704）规定的字体" in done.stderr and "仿宋" in done.stderr
    assert "字体" not in done.stdout
    ledger = command("report", "ledger", "--year", "2017", "--out", str(tmp_path / "l.pdf"), db=db)
    assert "字体" not in ledger.stderr, "the printed ledger is no 公文"


def test_the_report_dialog_says_so_before_the_clerk_issues(qtbot, ledger, sample, qapp):
    from ui.controller import LedgerController
    from ui.report_dialog import ReportDialog

    sample_with_progress(ledger.engine, sample)
    dialog = ReportDialog(LedgerController(ledger), today=date(2017, 11, 3))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.kind.setCurrentIndex(dialog.kind.findData("bulletin"))
    assert dialog.font_note.isVisible() and "仿宋（以程序自带的文泉驿微米黑代替）" in dialog.font_note.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData("ledger"))
    assert not dialog.font_note.isVisible()


# ----- fonts: each role in its face when the faces are there -----------------------------------------
SCRIPT = """
import sys
from pathlib import Path
from ledger_app.store.opening import open_ledger
from ledger_app.documents.fonts import font_warning
from ledger_app.documents.options import ReportOptions
from ledger_app.operations.issuing import build_report
from tests import long_data
from tests.conftest import SAMPLE
from tests.documents import SIGNED, sample_with_progress
folder = Path(sys.argv[1])
ledger = open_ledger(f"sqlite:///{folder / 'l.db'}", user="t")
sample_with_progress(ledger.engine, SAMPLE)
long_data.closing_claim(ledger.engine, folder)
long_data.indicators(ledger.engine)
for name, kind, kw in long_data.CASES:
    kw = dict(kw)
    build_report(ledger.engine, ReportOptions(kind, kw.pop("year", 2017), signed=SIGNED, **kw), folder / f"{name}.pdf",
                 user="t")
print(repr(font_warning()))
"""


@pytest.fixture(scope="module")
def with_gbt_faces(tmp_path_factory) -> Path:
    """The bulletin typeset in a process that finds a file for each GB/T face (stand-ins of this machine)."""
    missing = [str(p) for p in STAND_INS.values() if not p.exists()]
    if missing:
        pytest.fail(f"tools/system_deps.sh installs the fonts standing in for the GB/T faces: {missing}")
    folder = tmp_path_factory.mktemp("gbt")
    faces = folder / "fonts"
    faces.mkdir()
    for name, source in STAND_INS.items():
        (faces / name).symlink_to(source)
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(folder)], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, fonts.FONTS_ENV: str(faces), "PYTHONPATH": str(ROOT)}, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "''", "no warning when the faces are there"
    return folder


@pytest.mark.parametrize("name", [name for name, _kind, _kw in long_data.CASES])
def test_every_kind_is_clean_in_the_gbt_faces_too(with_gbt_faces, name):
    assert [str(f) for f in check(with_gbt_faces / f"{name}.pdf", body_pages=name not in long_data.FORMS)] == []


def test_each_role_is_set_in_its_face(with_gbt_faces):
    bulletin = with_gbt_faces / "bulletin.pdf"
    roles = fonts_by_role(bulletin)
    hei = "WenQuanYiMicroHei-0"  # standing in for 小标宋 and 黑体
    assert roles["发文机关标志"] == {hei} and roles["标题"] == {hei}
    assert roles["页码"] == {"HanaMinA"}
    assert "HanaMinA" in roles["正文"]  # (楷体 there too: a （一） heading's second line)
    assert hei in roles["一级标题"]


def test_a_second_level_heading_in_kai_and_the_rest_of_its_paragraph_in_fang(with_gbt_faces):
    with pdfplumber.open(with_gbt_faces / "bulletin.pdf") as pdf:
        for page in pdf.pages:
            chars = [c for c in page.chars if c["text"].strip()]
            text = "".join(c["text"] for c in chars)
            if "（一）逾期未完成的任务。截至" in text:
                at = text.index("（一）逾期未完成的任务。截至")
                faces = [c["fontname"].split("+")[-1] for c in chars[at:at + 14]]
                assert faces[:12] == ["BabelStoneHan"] * 12, faces  # （一）逾期未完成的任务。 in 楷体
                assert faces[12:] == ["HanaMinA"] * 2, faces  # 截至 in 仿宋
                return
    raise AssertionError("no （一） heading")


# ----- nothing alone on a page ----------------------------------------------------------------------
def _filled(room_lines: float) -> list:
    """A spacer that leaves ``room_lines`` lines of 3号 text at the foot of the first page."""
    return [Spacer(1, frame_size("text")[1] - room_lines * 28.95 - 0.5)]


def test_a_tables_last_row_never_goes_alone_to_the_next_page(tmp_path):
    st = styles()
    rows = [[str(n), f"第{n}项任务"] for n in range(1, 6)] + [["合计", "5项"]]
    width = frame_size("text")[0]
    made = table(["序号", "任务"], rows, [width * 0.3, width * 0.7])
    _w, height = made.wrap(width, 10_000)
    row = (height - made._rowHeights[0]) / len(rows)
    # Room for the header and all rows but the 合计: reportlab alone would carry the 合计 over by itself.
    story = [Spacer(1, frame_size("text")[1] - height + row / 2), made]
    path = tmp_path / "t.pdf"
    write_pdf(path, DocSpec("t", "t"), story)
    with pdfplumber.open(path) as pdf:
        second = pdf.pages[1].extract_text()
    assert "5项" in second and "第5项任务" in second, "the row before the 合计 went with it"
    assert [f for f in check(path) if f.kind == "lonely"] == []
    assert st  # the styles the table used


def test_a_paragraph_never_leaves_its_last_line_alone_on_a_page(tmp_path):
    text = "现将有关情况通报如下。" * 8  # 88 characters: four lines of 28
    path = tmp_path / "p.pdf"
    write_pdf(path, DocSpec("t", "t"), [*_filled(3), Text(text, styles().body)])
    with pdfplumber.open(path) as pdf:
        second = [line for line in (pdf.pages[1].extract_text() or "").splitlines() if "—" not in line]
    assert len(second) == 2, second  # two lines, not one: the third line went with the last
    assert check(path) == []


def test_the_margin_of_a_landscape_form_keeps_10_mm_for_the_printer():
    from ledger_app.documents.page import MARGINS

    top, _right, bottom, _left = MARGINS["form"]
    assert top >= 17 * mm and bottom >= 17 * mm


def test_a_chart_of_more_units_than_a_page_holds_splits_between_pages(tmp_path):
    from ledger_app.documents.bar_chart import bar_chart

    names = [f"部门{n:02d}局" for n in range(1, 61)]
    chart = bar_chart(frame_size("text")[0], names, [[n % 7 for n in range(60)], [n % 3 for n in range(60)]],
                      [("已完成", "#188038"), ("逾期", "#d93025")], row_height=16, axis=(0, 10, 2), stacked=True)
    path = tmp_path / "chart.pdf"
    pages = write_pdf(path, DocSpec("t", "t"), [Text("二、分牵头单位完成情况", styles().h1), chart])
    assert pages == 2  # a single 60-row chart could not be typeset at all (LayoutError)
    with pdfplumber.open(path) as pdf:
        said = "".join(c["text"] for page in pdf.pages for c in page.chars)
    assert all(name in said for name in ("部门01局", "部门60局"))


# Where a kind's own content (not the engine) sets a heading in another face: fixed on docs24-content.
@pytest.mark.parametrize("name", ["bulletin", "annual", "notice", "assessment"])
def test_headings_are_in_their_faces(with_gbt_faces, name):
    roles = fonts_by_role(with_gbt_faces / f"{name}.pdf")
    assert roles["一级标题"] == {"WenQuanYiMicroHei-0"}, "一、 in 黑体"
    assert roles.get("二级标题", {"BabelStoneHan"}) == {"BabelStoneHan"}, "（一）…。 in 楷体, numbered items too"


# ----- the 版记 on the back of the last sheet -------------------------------------------------------
def _imprint_after(body_pages: int, room_left: float, tmp_path: Path) -> list[str]:
    """Pages' text of a document whose body fills ``body_pages`` pages, leaving ``room_left`` points on the last."""
    from reportlab.platypus import PageBreak

    from ledger_app.documents.layout import imprint

    height = frame_size("text")[1]
    story: list = []
    for page in range(body_pages):
        left = room_left if page == body_pages - 1 else 0
        story += [Text(f"第{page + 1}页正文。", styles().body), Spacer(1, height - 29 - left)]
        if page < body_pages - 1:
            story.append(PageBreak())
    story.append(imprint("市委改革办", "常州经开区改革办", "2017年10月15日", frame_size("text")[0]))
    path = tmp_path / "imprint.pdf"
    write_pdf(path, DocSpec("t", "t"), story)
    with pdfplumber.open(path) as pdf:
        return [re.sub(r"\s+", "", page.extract_text() or "") for page in pdf.pages]


def test_an_imprint_that_fits_on_an_odd_last_page_moves_to_the_even_one(tmp_path):
    pages = _imprint_after(1, 300, tmp_path)
    assert len(pages) == 2 and "印发" not in pages[0] and "印发" in pages[1]
    assert pages[0].endswith("—1—") and pages[1].endswith("—2—"), "numbered: no blank page stands before it"


def test_an_imprint_with_no_room_on_an_even_page_gets_a_blank_page_before_it(tmp_path):
    pages = _imprint_after(2, 20, tmp_path)
    assert len(pages) == 4 and pages[2] == "" and "印发" in pages[3]
    assert "—4—" not in pages[3], "neither the blank page nor the 版记's page is numbered"


def test_an_imprint_with_room_on_an_even_page_stays_there(tmp_path):
    pages = _imprint_after(2, 300, tmp_path)
    assert len(pages) == 2 and "印发" in pages[1] and "第2页正文" in pages[1]
