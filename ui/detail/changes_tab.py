"""变更记录: who changed what, when it was recorded and on which day it took effect (read-only).
A task carried over from an earlier year shows that task's history too."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ledger_app.periods import carry_plan
from ledger_app.records.history import list_changes
from ledger_app.store.enums import MARK_CORRECTION, MARK_LATE, OUTCOME_REFUSED
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
    return labels.get(key, key)  # 创建 / 删除 / 督办 / 结转 … are already words


class ChangesTab(QWidget):
    def __init__(self, controller: LedgerController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.table = RecordsTable([self.tr("Recorded"), self.tr("Effective"), self.tr("Field"), self.tr("Old"),
                                   self.tr("New"), self.tr("By"), self.tr("Source"), self.tr("Outcome")],
                                  optional=(6, 5, 1, 7))
        QVBoxLayout(self).addWidget(self.table)

    def show_task(self, task_id: int | None) -> None:
        engine = self.controller.engine
        origins = carry_plan.lineage(engine, task_id).origins if task_id is not None else []
        changes = list_changes(engine, [task_id, *(o[0] for o in origins)]) if task_id is not None else []
        earlier = {o[0]: f"〔{o[3] or ''} {o[1]}〕" for o in origins}  # an earlier year's task: its year and number
        self.table.fill([(c.id, [c.changed_at.astimezone().strftime("%Y-%m-%d %H:%M"), c.effective_on.isoformat(),
                                 earlier.get(c.task_id, "") + field_label(c.field), c.old, c.new, c.changed_by,
                                 c.source, self._outcome(c)])
                         for c in changes])

    def _outcome(self, change) -> str:  # noqa: ANN001
        if change.outcome == OUTCOME_REFUSED:
            return self.tr("Refused: changed by someone else first")
        if change.mark == MARK_CORRECTION:
            return self.tr("Saved · correction: %1").replace("%1", change.reason)
        if change.mark == MARK_LATE:
            return self.tr("Saved · late entry")
        return self.tr("Saved")
