"""变更记录: who changed what and when (read-only)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ledger_app import records
from ledger_app.models import OUTCOME_REFUSED
from ui.controller import LedgerController
from ui.detail.records_table import RecordsTable


def field_label(key: str) -> str:
    labels = {
        "title": QCoreApplication.translate("ChangesTab", "Project"),
        "content": QCoreApplication.translate("ChangesTab", "Content"),
        "measures": QCoreApplication.translate("ChangesTab", "Measures"),
        "category": QCoreApplication.translate("ChangesTab", "Category"),
        "leader": QCoreApplication.translate("ChangesTab", "Leader"),
        "deadline": QCoreApplication.translate("ChangesTab", "Deadline"),
        "deadline_text": QCoreApplication.translate("ChangesTab", "Deadline (as written)"),
        "status": QCoreApplication.translate("ChangesTab", "Status"),
        "percent": QCoreApplication.translate("ChangesTab", "Done %"),
        "start_date": QCoreApplication.translate("ChangesTab", "Start date"),
        "area_id": QCoreApplication.translate("ChangesTab", "Area"),
        "lead_depts": QCoreApplication.translate("ChangesTab", "Lead dept."),
        "co_depts": QCoreApplication.translate("ChangesTab", "Co-op depts."),
    }
    if key.startswith("milestone_q"):
        return QCoreApplication.translate("ChangesTab", "Milestone Q%1").replace("%1", key[-1])
    return labels.get(key, key)  # 创建 / 删除 / 督办 … are already words


class ChangesTab(QWidget):
    def __init__(self, controller: LedgerController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.table = RecordsTable([self.tr("When"), self.tr("Field"), self.tr("Old"), self.tr("New"), self.tr("By"),
                                   self.tr("Source"), self.tr("Outcome")])
        QVBoxLayout(self).addWidget(self.table)

    def show_task(self, task_id: int | None) -> None:
        changes = records.list_changes(self.controller.engine, task_id) if task_id is not None else []
        outcome = {OUTCOME_REFUSED: self.tr("Refused: changed by someone else first")}
        self.table.fill([(c.id, [c.changed_at.astimezone().strftime("%Y-%m-%d %H:%M"), field_label(c.field),
                                 c.old, c.new, c.changed_by, c.source, outcome.get(c.outcome, self.tr("Saved"))])
                         for c in changes])
