"""Peak memory while printing a ~150-page document to a 1,200 dpi printer (Qt's PDF printer
stands in for a real one), next to the same process that only opens the PDF, and the size one
page image would have at the printer's own resolution (what printing used to render).

Target (issue 11): peak RSS while printing 150 pages <= 400 MB.
Run: .venv/bin/python bench/bench_print.py [TASKS]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

CHILD = """
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from pathlib import Path
from PySide6.QtGui import QGuiApplication
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
app = QGuiApplication([])
pdf, out, mode = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
start = time.perf_counter()
if mode == "print":
    from ui.printing import print_pdf
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(out)
    printer.setResolution(1200)
    pages = print_pdf(pdf, printer)
else:
    document = QPdfDocument()
    document.load(str(pdf))
    pages = document.pageCount()
# VmHWM, not ru_maxrss: the latter keeps the high-water mark of the forked parent across exec.
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(pages, round(peak / 1024, 1), round(time.perf_counter() - start, 2))
"""


def child(pdf: Path, out: Path, mode: str) -> tuple[int, float, float]:
    done = subprocess.run([sys.executable, "-c", CHILD, str(pdf), str(out), mode], cwd=ROOT, capture_output=True,
                          text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    pages, rss, seconds = done.stdout.split()
    return int(pages), float(rss), float(seconds)


def main() -> None:
    from ledger_gen import make_ledger

    from ledger_app import operations
    from ledger_app.documents.options import ReportOptions
    from ledger_app.operations.issuing import build_report

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 750
    with tempfile.TemporaryDirectory() as tmp:
        ledger = make_ledger(Path(tmp) / "p.db", n)
        operations.set_setting(ledger.engine, "org.name", "常州经开区改革创新工作领导小组办公室")
        pdf = Path(tmp) / "sheets.pdf"
        started = time.perf_counter()
        result = build_report(ledger.engine, ReportOptions("quarterly-sheet", 2017, 3, date(2017, 10, 15),
                                                           record=False), pdf, user="bench")
        typeset = time.perf_counter() - started
        ledger.close()
        pages, opened_rss, _ = child(pdf, Path(tmp) / "opened.pdf", "open")
        printed, print_rss, seconds = child(pdf, Path(tmp) / "printed.pdf", "print")
        printed_size = (Path(tmp) / "printed.pdf").stat().st_size
    one_page = 11.69 * 1200 * 8.27 * 1200 * 4 / 2**20
    print(f"document: {result.pages} pages of supervision sheets for {n} tasks, typeset in {typeset:.1f} s")
    print(f"open the PDF only (Qt + QPdfDocument):   peak RSS {opened_rss:5.0f} MB")
    print(f"print all {printed} pages at 1,200 dpi:      peak RSS {print_rss:5.0f} MB in {seconds:.1f} s "
          f"({printed_size / 2**20:.0f} MB spooled)")
    print(f"ratio print / open:                      {print_rss / opened_rss:5.2f}x")
    print(f"one A4 page rendered at 1,200 dpi would be {one_page:5.0f} MB (printing renders at <= 300 dpi)")
    print(f"target: peak RSS <= 400 MB for ~150 pages: {'met' if print_rss <= 400 else 'NOT met'}")
    from ratios import ratio

    ratio(f"print memory, {printed} pages at 1,200 dpi", print_rss, 400, "MB")
    assert pages == printed


if __name__ == "__main__":
    main()
