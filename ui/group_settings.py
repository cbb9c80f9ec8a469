"""统称 settings: the class words the built-in rule lacks and the names that are units although the
rule would take them for a class (ledger_app.tasks.groups). Shown in 设置 → 统称 and, from the
import's review page, in a dialog of their own; both save through the operation set_settings."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ledger_app.messages.errors import LedgerError
from ledger_app.operations import set_settings
from ledger_app.store import settings
from ui.controller import LedgerController


class GroupSettings(QWidget):
    def __init__(self, values: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        explain = QLabel(self.tr(
            "A lead or co-operating cell may name a class of units rather than one unit: 各部门, 相关单位, "
            "成员单位, 区属国企, 镇街… Such classes are kept with the task as written but are never departments: "
            "no fill-in form, no department filter entry, no place in the assessment. They are recognised by "
            "rule (a leading 各/相关/有关/其他, or a class word such as 部门, 单位, 企业, 国企, 镇街, 园区 with "
            "nothing but words like 区属, 市级, 属地, 成员 before it). Separate the words with 、 or one per line."),
            wordWrap=True)
        self.words = QPlainTextEdit("\n".join(settings.word_list(values[settings.GROUP_WORDS_KEY])))
        self.words.setPlaceholderText(self.tr("e.g. 商协会\n社会组织"))
        self.units = QPlainTextEdit("\n".join(settings.word_list(values[settings.GROUP_UNITS_KEY])))
        self.units.setPlaceholderText(self.tr("e.g. 园区 (when one unit is called so)"))
        for box in (self.words, self.units):
            box.setMinimumHeight(80)
        form = QFormLayout(self)
        form.addRow(explain)
        form.addRow(self.tr("More class words"), self.words)
        form.addRow(self.tr("Units, not classes (exceptions)"), self.units)

    def values(self) -> dict[str, str]:
        """As stored (ledger_app.store.settings normalises the separators): unchanged text is no change."""
        return {settings.GROUP_WORDS_KEY: "、".join(settings.word_list(self.words.toPlainText())),
                settings.GROUP_UNITS_KEY: "、".join(settings.word_list(self.units.toPlainText()))}


class GroupWordsDialog(QDialog):
    """The 统称 settings on their own, saved at once: the import's review page reads the table again."""

    def __init__(self, controller: LedgerController, on_saved: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller, self.on_saved = controller, on_saved
        self.setWindowTitle(self.tr("Class words (统称)"))
        self.panel = GroupSettings(settings.get_all(controller.engine))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def accept(self) -> None:
        changes, engine = self.panel.values(), self.controller.engine

        def refused(exc: Exception) -> bool:
            if isinstance(exc, LedgerError):
                QMessageBox.warning(self, self.windowTitle(), str(exc))
                return True
            return False

        self.controller.run_final(self.windowTitle(), lambda _progress: set_settings(engine, changes),
                                  on_done=lambda _saved: self._saved(), on_error=refused, owner=self)

    def _saved(self) -> None:
        super().accept()
        self.on_saved()
