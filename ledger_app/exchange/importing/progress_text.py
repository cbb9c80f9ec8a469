"""What a task table says about progress: the status a 进展情况 cell states outright, and
the quarter the table is dated in (its progress becomes that quarter's report)."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from defusedxml import ElementTree

from ledger_app.dates.quarters import CN_QUARTER
from ledger_app.store.enums import Status

# Phrases that state a status by themselves ("已完成。", "未启动", "正在推进，…").
_STATED: dict[str, Status] = {
    **{w: Status.DONE for w in ("已完成", "完成", "已全部完成", "全部完成", "已经完成", "已全面完成", "已办结", "办结",
                                "已完成任务", "已按期完成", "按期完成", "已完成目标任务")},
    **{w: Status.NOT_STARTED for w in ("未启动", "尚未启动", "未开始", "尚未开始", "未开展", "尚未开展")},
    **{w: Status.IN_PROGRESS for w in ("推进中", "正在推进", "进行中", "正在进行", "序时推进", "有序推进",
                                       "稳步推进", "已启动")},
    **{w: Status.SUSPENDED for w in ("暂缓", "暂停", "暂缓实施", "暂缓推进")},
    **{w: Status.CANCELLED for w in ("已取消", "取消", "已撤销", "撤销")},
}
# Work under way, said the many ways offices say it (a rule, not a list of phrases), read in the
# first clause: 正在/正 + doing (正在开展…, 正抓紧…); 已/已经 + a first step (已启动, 已开展, 已完成初稿,
# 已形成征求意见稿); steadily/in order + doing (稳步推进, 有序实施); or …中 (实施中, 推进中).
_DOING = "推进|开展|实施|进行|落实|推动|建设|编制|起草|制定|修订|办理|筹备|调研|对接|完善|谋划|研究|论证|申报|整改|组织"
_UNDER_WAY = re.compile(
    rf"^(?:目前|当前|现已|现|现阶段|该项工作|此项工作)?(?:"
    rf"正在|正(?:抓紧|加紧|加快|积极|着手|有序|稳步|按计划|按序时)|"
    rf"已经?(?:启动|开展|开始|着手|部署|完成(?!$)|形成|起草|编制|召开|组建|开工|进入|初步)|"
    rf"(?:稳步|有序|序时|扎实|加快|积极|持续|全力|按计划|按序时|按时序)(?:{_DOING})|"
    rf"(?:{_DOING}).{{0,6}}中$)")
# What makes a "已完成" doubtful anywhere in the text: 未完成, 尚未…, 基本完成, 部分完成, a percent.
_DOUBT = re.compile(r"未完成|尚未|基本完成|部分完成|大部分完成|完成率|\d\s*[%％]")
_CLAUSE = re.compile(r"[，,。；;：:！!\n（(]")


@dataclass(frozen=True)
class Inferred:
    status: str
    percent: int | None  # 100 for 已完成, 0 for 未启动; None leaves the percent alone


def infer_status(text: str, percent: int | None = None) -> Inferred | None:
    """The status ``text`` states unambiguously by its first clause, or None.

    "已完成。…" → 已完成 100 %; "未启动" → 未启动 0 %; "正在推进，已完成调研", "正在开展前期调研",
    "已完成初稿" → 推进中 (work under way, see _UNDER_WAY). Anything
    hedged ("基本完成", "已完成80%", "计划年底前完成") or contradicted by a percent below 100
    is left to the clerk."""
    text = re.sub(r"\s+", "", text)
    if not text:
        return None
    first = _CLAUSE.split(text, maxsplit=1)[0].rstrip("。.")
    status = _STATED.get(first)
    if status is None and _UNDER_WAY.search(first):
        status = Status.IN_PROGRESS
    if status is None:
        return None
    if status == Status.DONE:
        if _DOUBT.search(text) or (percent is not None and percent < 100):
            return None
        return Inferred(status.value, 100)
    if status == Status.NOT_STARTED:
        if percent:
            return None
        return Inferred(status.value, 0)
    return Inferred(status.value, None)


_QUARTER = re.compile(r"((?:19|20)\d{2})\s*年\s*(?:第\s*)?([一二三四1-4])\s*季度")
_MONTH = re.compile(r"((?:19|20)\d{2})\s*(?:年|[-./])\s*(\d{1,2})\s*(?:月|[-./]|$)")
_HALF = re.compile(r"((?:19|20)\d{2})\s*年\s*(上|下)半年")


_REPORTING = re.compile(r"截至|截止|填报|报送|统计|更新|时间")


def quarter_in_text(text: str) -> tuple[int, int] | None:
    """The quarter a title or date line names: "2017年第三季度", "截至2017年9月底", "2017.9.30"…"""
    if match := _QUARTER.search(text):
        quarter = match.group(2)
        return int(match.group(1)), int(quarter) if quarter.isdigit() else CN_QUARTER.index(quarter) + 1
    if (match := _MONTH.search(text)) and 1 <= int(match.group(2)) <= 12:
        return int(match.group(1)), (int(match.group(2)) - 1) // 3 + 1
    if match := _HALF.search(text):
        return int(match.group(1)), 2 if match.group(2) == "上" else 4
    return None


def quarter_in_lines(lines: list[str]) -> tuple[int, int] | None:
    """The quarter the lines above a table's header date it in: a named quarter first, then a
    date said to be the reporting date (截至…, 填报日期…), then any other date ("2017年3月印发")."""
    for wanted in (lambda t: _QUARTER.search(t), _REPORTING.search, lambda t: True):
        for line in lines:
            if wanted(line) and (found := quarter_in_text(line)):
                return found
    return None


_CORE = "docProps/core.xml"
_MODIFIED = "{http://purl.org/dc/terms/}modified"


def saved_on(path: Path) -> date | None:
    """When the workbook was last saved, from its document properties (Excel and WPS write it)."""
    try:
        with zipfile.ZipFile(path) as archive:
            if _CORE not in archive.namelist() or archive.getinfo(_CORE).file_size > 1_000_000:
                return None
            root = ElementTree.fromstring(archive.read(_CORE))
    except (OSError, zipfile.BadZipFile, ElementTree.ParseError, ValueError):
        return None
    stamp = root.findtext(_MODIFIED) or ""
    try:
        return date.fromisoformat(stamp[:10])
    except ValueError:
        return None
