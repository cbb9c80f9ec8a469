"""限期整改通知书 for one task: why, what, by when (portrait, official body text)."""

from __future__ import annotations

from datetime import date

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ledger_app.queries import TaskView
from ledger_app.reports.layout import para, styles
from ledger_app.reports.snapshot import Snapshot


def _cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def story(snapshot: Snapshot, task: TaskView, number: str, rectify_by: date) -> list[Flowable]:
    st = styles()
    right = ParagraphStyle("right", parent=st["body_flat"], alignment=TA_RIGHT)
    lead = "、".join(task.lead_depts) or "有关单位"
    deadline = task.deadline_text or (task.deadline.isoformat() if task.deadline else "未定")
    reason = "已超过完成时限仍未完成" if task.light == "red" else "进度明显滞后于时间进度"
    latest = f"最近一次报送的进展为：“{task.latest_progress}”。" if task.latest_progress else "至今未报送季度进展。"
    return [
        para("限期整改通知书", st["title"]),
        para(number, st["subtitle"]),
        Spacer(1, 4 * mm),
        para(f"{lead}：", st["body_flat"]),
        para(f"根据改革任务季度督办情况，你单位牵头的改革任务“{task.title}”（编号{task.code}：{task.content}），"
             f"完成时限为{deadline}，截至{_cn_date(snapshot.as_of)}完成进度为{task.percent}%，当前状态为“{task.status}”，"
             f"{reason}。{latest}", st["body"]),
        para(f"请你单位高度重视，认真分析原因，制定整改措施，于{_cn_date(rectify_by)}前完成整改，"
             f"并将整改情况书面报送督办单位。逾期未完成整改的，将按规定予以通报批评；整改不力的，依规问责。",
             st["body"]),
        para("特此通知。", st["body"]),
        Spacer(1, 18 * mm),
        para(snapshot.org or "改革创新工作领导小组办公室", right),
        para(_cn_date(snapshot.as_of), right),
    ]
