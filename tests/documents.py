"""Helpers for the document tests: the shared sample with three quarters of progress, and
reading a PDF back the way a person would read the printed page (line by line)."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from ledger_app import operations
from ledger_app.documents.linebreak import CANNOT_END, CANNOT_START
from ledger_app.documents.options import ReportOptions
from ledger_app.exchange.importing.apply import import_file
from ledger_app.operations import record_progress
from ledger_app.operations.issuing import build_report
from ledger_app.records.progress import ProgressInput
from ledger_app.tasks.queries import find_task_id

AS_OF = date(2017, 10, 15)
SIGNED = date(2017, 10, 15)
ORG = "常州经开区改革创新工作领导小组办公室"
# Task → percent reported at the end of Q1, Q2, Q3 2017 (None: not reported that quarter).
PROGRESS = {"2": (10, 30, 60), "3": (20, 40, None), "4": (5, 5, 5), "6": (30, 60, 90), "11": (None, 20, 50),
            "13": (40, 70, 95), "20": (10, 10, 10)}


def sample_with_progress(engine, sample: Path) -> None:  # noqa: ANN001
    """The shared sample, the office's name set, and quarterly progress for Q1–Q3 2017."""
    import_file(engine, sample)
    operations.set_setting(engine, "org.name", ORG)
    for code, percents in PROGRESS.items():
        task = find_task_id(engine, code)
        for quarter, percent in enumerate(percents, start=1):
            if percent is None:
                continue
            problems = "专项资金尚未到位，系统对接存在技术障碍" if code == "4" else ""
            record_progress(engine, task, ProgressInput(2017, quarter, percent, f"第{quarter}季度完成了阶段性工作，"
                                                        f"召开推进会{quarter}次，形成工作方案", problems,
                                                        "加快推进，确保按期完成"), user="督查室")


def make(engine, tmp_path: Path, kind: str, **kw) -> tuple:  # noqa: ANN001
    kw.setdefault("signed", SIGNED)
    options = ReportOptions(kind, kw.pop("year", 2017), **kw)
    out = tmp_path / f"{kind}.pdf"
    result = build_report(engine, options, out, user="督查室")
    return result, PdfReader(out)


def page_lines(reader: PdfReader) -> list[list[str]]:
    """Each page's text, one printed line per entry (blank lines dropped)."""
    return [[line.strip() for line in page.extract_text().splitlines() if line.strip()] for page in reader.pages]


def squeezed(reader: PdfReader) -> str:
    """All text with white space and line breaks removed: a wrapped cell reads as one string."""
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def breaking_rule_violations(reader: PdfReader) -> list[str]:
    """Lines that start with ，。、 and the like or end with （《 and the like (禁则)."""
    bad = []
    for number, lines in enumerate(page_lines(reader), start=1):
        for line in lines:
            if line[0] in CANNOT_START or line[-1] in CANNOT_END:
                bad.append(f"page {number}: {line}")
    return bad


def fonts_of(reader: PdfReader) -> dict[str, bool]:
    """Font name → embedded?, over every page."""
    found = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            embedded = descriptor is not None and any(k in descriptor.get_object()
                                                      for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font["/BaseFont"])] = embedded
    return found


def png(pdf: Path, output_dir: Path, name: str, first: int = 1, last: int | None = None) -> list[Path]:
    """Pages of ``pdf`` as PNG files under tests/output, for a person to look at."""
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm (Debian poppler-utils) is needed to render report pages")
    last = last or first
    subprocess.run(["pdftoppm", "-r", "60", "-f", str(first), "-l", str(last), "-png", str(pdf),
                    str(output_dir / name)], check=True)
    made = sorted(output_dir.glob(f"{name}-*.png"))
    assert made and all(p.stat().st_size > 5000 for p in made)
    return made


# Long data, as real ledgers hold it: a 300-character 具体改革内容 that starts with the plan's own item
# number, a 20-character department name, a 1,000-character progress text with a long problem.
LONG_CONTENT = "（二十）" + ("建立健全“放管服”改革协同推进机制，" * 30)[:296]
LONG_DEPT = "常州经济开发区社会事业和公共服务管理局"  # 19
LONG_DEPT = LONG_DEPT + "局"  # 20 characters
LONG_DONE = ("本季度召开专题推进会议，梳理改革事项清单，对照节点目标逐项推进，形成阶段性工作成果；" * 30)[:1000]
LONG_PROBLEM = ("专项资金尚未到位，跨部门系统对接存在技术障碍，部分事项需上级部门授权后方能实施；" * 6)[:200]


def with_long_data(engine, code: str = "4") -> int:  # noqa: ANN001
    """Task ``code`` given the long content, a 20-character lead department and, for Q1–Q3 2017,
    1,000-character progress texts; returns its id."""
    from ledger_app.operations import edit_task

    task = find_task_id(engine, code)
    edit_task(engine, task, {"content": LONG_CONTENT, "lead_depts": LONG_DEPT}, user="督查室",
              effective_on=date(2017, 1, 1))
    for quarter, percent in ((1, 5), (2, 5), (3, 5)):
        record_progress(engine, task, ProgressInput(2017, quarter, percent, LONG_DONE, LONG_PROBLEM, "加快推进"),
                        user="督查室")
    return task


def summary_figures(text: str) -> dict[str, object]:
    """The 总体情况 sentence read back: total, cancelled, each category's count (a category with
    no task is not written, so it reads 0) and the rate ("" before any task is done)."""
    found = re.search(r"共有改革任务(\d+)项(?:（另有(\d+)项已取消[^）]*）)?，(?:其中([^，]*)，)?(?:完成率([\d.]+)%|尚无任务完成)",
                      text)
    assert found, text[:600]
    counts = {label: int(n) for label, n in re.findall(r"(已完成|序时推进|进度预警|逾期未完成|到期未完成|暂缓)(\d+)项",
                                                       found[3] or "")}
    figures: dict[str, object] = {label: counts.get(label, 0)
                                  for label in ("已完成", "序时推进", "进度预警", "逾期未完成", "到期未完成", "暂缓")}
    figures.update(total=int(found[1]), cancelled=int(found[2] or 0), rate=found[4] or "")
    return figures
