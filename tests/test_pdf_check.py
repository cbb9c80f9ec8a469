"""The document checker finds what it is for: a page made by hand with each defect once."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from ledger_app.documents.fonts import FALLBACK, register_fonts
from tests.pdf_check import MM, check, fonts_by_size


def _page(canvas: Canvas, lines: list[tuple[float, float, str]], size: float = 16) -> None:
    """Lines at (left mm, top mm) on a portrait A4 page, then the page number."""
    canvas.setFont(FALLBACK, size)
    height = canvas._pagesize[1]
    for left, top, text in lines:
        canvas.drawString(left * MM, height - top * MM - size, text)
    canvas.setFont(FALLBACK, 14)
    number = canvas.getPageNumber()
    if number % 2:  # GB/T 9704: odd pages right, even pages left, one character in
        canvas.drawRightString(184 * MM - 14, height - 270 * MM, f"— {number} —")
    else:
        canvas.drawString(28 * MM + 14, height - 270 * MM, f"— {number} —")
    canvas.showPage()


def test_each_defect_is_found_once_and_a_clean_page_has_none(tmp_path: Path):
    register_fonts()
    path = tmp_path / "made.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    _page(canvas, [(28, 40, "现将有关情况通报如下。")])  # clean
    _page(canvas, [(28, 40, "截至2018年1月"), (28, 46, "10日，任务完成率为6."), (28, 52, "3%，其中加权×"),
                   (28, 58, "0.5计算。"), (20, 64, "越出版心的一行")])
    _page(canvas, [(28, 40, "，以逗号开头的一行"), (28, 46, "以书名号结尾《")])
    _page(canvas, [(120, 40, "2017年10月15日")])  # the 落款 alone
    _page(canvas, [])  # blank
    _page(canvas, [(28, 40, "一" * 29)])  # 29 characters on a line
    canvas.setPageSize(landscape(A4))
    canvas.setFont(FALLBACK, 10)
    canvas.drawString(5 * MM, 200 * MM, "离纸边太近的页眉")
    canvas.drawString(30 * MM, 100 * MM, "表格内容")
    canvas.showPage()
    canvas.save()

    found = check(path)
    kinds = {(f.page, f.kind) for f in found}
    assert not [f for f in found if f.page == 1], "a clean page"
    assert [f.detail for f in found if f.kind == "split"] == [
        "截至2018年1月 | 10日，任务完成率为6.", "10日，任务完成率为6. | 3%，其中加权×", "3%，其中加权× | 0.5计算。"]
    assert (2, "outside") in kinds and (3, "starts") in kinds and (3, "ends") in kinds
    assert (4, "lonely") in kinds and (5, "blank") in kinds and (6, "long-line") in kinds
    assert (7, "outside") in kinds and not [f for f in found if f.page == 7 and "表格内容" in f.detail]
    assert 16.0 in fonts_by_size(path)


def _ruled_row(canvas: Canvas, top: float, rows: int) -> None:
    """A table of ``rows`` rows (header included) 10 mm high at ``top`` mm, text in each."""
    height = canvas._pagesize[1]
    for k in range(rows + 1):
        canvas.line(28 * MM, height - (top + 10 * k) * MM, 184 * MM, height - (top + 10 * k) * MM)
    canvas.setFont(FALLBACK, 10)
    for k in range(rows):
        canvas.drawString(30 * MM, height - (top + 10 * k + 7) * MM, "序号　任务名称" if k == 0 else f"合计　{k}")


def test_a_lonely_table_row_a_misplaced_page_number_and_the_imprint_on_the_back(tmp_path: Path):
    register_fonts()
    path = tmp_path / "made.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    _page(canvas, [(28, 40, "现将有关情况通报如下。")])
    _ruled_row(canvas, 40, 2)  # header and the 合计 alone
    _page(canvas, [])
    _ruled_row(canvas, 40, 4)  # header and three rows: fine
    _page(canvas, [])
    canvas.setFont(FALLBACK, 14)
    canvas.drawCentredString(105 * MM, 297 * MM - 270 * MM, "— 4 —")  # centred: not one character in
    _page(canvas, [(28, 40, "现将有关情况通报如下。")])
    canvas.showPage()  # 5: the blank page before the 版记, no number
    canvas.setFont(FALLBACK, 14)  # 6: the 版记 alone on the back of the last sheet
    canvas.drawString(28 * MM, 297 * MM - 250 * MM, "抄送：市委改革办。")
    canvas.drawString(28 * MM, 297 * MM - 258 * MM, "常州经开区改革办　2017年10月15日印发")
    canvas.showPage()
    canvas.save()

    found = check(path)
    assert [(f.page, f.kind) for f in found] == [(2, "lonely"), (4, "page-number")], found
    assert "table's last row" in found[0].detail


def test_the_imprint_alone_on_an_odd_page_and_a_heading_at_a_pages_foot_are_found(tmp_path: Path):
    register_fonts()
    path = tmp_path / "made.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    _page(canvas, [(28, 40, "现将有关情况通报如下。")])
    _page(canvas, [(28, 40, "现将有关情况通报如下。")])
    _page(canvas, [(28, 250, "常州经开区改革办　2017年10月15日印发")])
    _page(canvas, [(28, 40, "现将有关情况通报如下。"), (28, 250, "三、联系方式")])  # its text overleaf
    _page(canvas, [(28, 40, "联系人：张三，联系电话：12345678。")])
    canvas.save()
    assert [(f.page, f.kind) for f in check(path)] == [(3, "lonely"), (4, "lonely")]
