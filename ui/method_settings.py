"""设置 → 督办与考核: when the ledger proposes the next supervision step, the 督查考核办法 the
annual assessment follows, and the rules of 办结销号 (evidence limits, 已完成 needs evidence) — kept in
the ledger, shared by every desk (also ``config escalate.*``, ``config assess.*``, ``config evidence.*``)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ledger_app.assessment import scope, scoring
from ledger_app.store import settings
from ui import background


class Points(QDoubleSpinBox):
    """Points as every output writes them: 100, 0.5, 99.25 (not 100.00)."""

    def textFromValue(self, value: float) -> str:  # noqa: N802 - Qt's name
        return scoring.points_text(Decimal(str(round(value, 2))))


class Targets(QWidget):
    """考核对象: one unit a line; empty means the default (the units leading a scoreable task in the
    year), which 按默认填入 writes out to be edited. Saved through ``set_settings`` like every field,
    where a body outside the zone or a group word is refused with the reason."""

    def __init__(self, value: str, defaults: Callable[[], list[str]] | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._defaults = defaults
        self._loads = background.Latest(self)
        self.text = QPlainTextEdit("\n".join(scope.parse_targets(value)))
        self.text.setPlaceholderText(self.tr("Empty: every unit leading a task scored in the year"))
        self.text.setFixedHeight(96)
        self.fill_button = QPushButton(self.tr("Fill in the default"))
        self.fill_button.setToolTip(self.tr("The units leading a task scored this year (bodies outside the zone "
                                            "and group words are never ranked)"))
        self.fill_button.setEnabled(defaults is not None)
        self.fill_button.clicked.connect(self.fill)
        note = QLabel(self.tr("Units listed without a scored task are shown as not ranked."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6368")
        buttons = QHBoxLayout()
        buttons.addWidget(self.fill_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        layout.addWidget(note)

    def fill(self) -> None:
        """Read in the background (a whole year's tasks are scored); the list appears when read."""
        if self._defaults is None:
            return
        self.fill_button.setEnabled(False)
        self._loads.submit(self._defaults, self._filled)

    def _filled(self, names: object) -> None:
        self.fill_button.setEnabled(True)
        self.text.setPlainText("\n".join(names))  # type: ignore[arg-type]

    def value(self) -> str:
        return scope.format_targets(scope.parse_targets(self.text.toPlainText()))


class MethodSettings(QWidget):
    def __init__(self, values: dict[str, str], parent: QWidget | None = None,
                 defaults: Callable[[], list[str]] | None = None) -> None:
        super().__init__(parent)
        labels = {
            "escalate.remind_days": self.tr("Remind this many days before a deadline"),
            "escalate.lag_quarters": self.tr("Propose public criticism after this many lagging quarters"),
            "escalate.urge_days": self.tr("…or this many days after urging an overdue task"),
            "escalate.rectify_days": self.tr("Days given to rectify"),
            "assess.base": self.tr("Base score"),
            "assess.on_time": self.tr("Done on time (per task)"),
            "assess.early": self.tr("Done early, extra (per task)"),
            "assess.early_days": self.tr("Early means this many days before the deadline"),
            "assess.late": self.tr("Done late (deducted per task)"),
            "assess.not_done": self.tr("Not done by the deadline (deducted per task)"),
            "assess.weights": self.tr("Weights by category (类别=权重；…)"),
            "assess.co_share": self.tr("Co-operating departments get this share"),
            "assess.criticism": self.tr("Public criticism (deducted each)"),
            "assess.rectify": self.tr("Rectification notice (deducted each)"),
            "assess.accountability": self.tr("Accountability (deducted each)"),
            "assess.report_late": self.tr("Quarterly report late (deducted each)"),
            "assess.report_missing": self.tr("Quarterly report missing (deducted each)"),
            "assess.targets": self.tr("Units assessed (one a line)"),
            "evidence.max_file_mb": self.tr("One evidence file at most (MB)"),
            "evidence.max_task_mb": self.tr("One task's evidence at most (MB)"),
            "evidence.required": self.tr("已完成 only with evidence"),
        }
        self.fields: dict[str, QSpinBox | QDoubleSpinBox | QLineEdit | QCheckBox | Targets] = {}
        layout = QVBoxLayout(self)
        for title, specs in ((self.tr("Supervision proposals"), settings.ESCALATION_SPECS),
                             (self.tr("Annual assessment method"), settings.ASSESSMENT_SPECS),
                             (self.tr("Closure (办结销号)"), settings.EVIDENCE_SPECS)):
            box = QGroupBox(title)
            form = QFormLayout(box)
            for spec in specs:
                value = values[spec.key]
                if spec.key == "assess.targets":
                    field = Targets(value, defaults)
                elif spec.key == "evidence.required":  # a yes or no, stored as 1 or 0
                    field = QCheckBox()
                    field.setChecked(value == "1")
                elif spec.is_int:
                    field = QSpinBox(minimum=spec.minimum, maximum=spec.maximum)
                    field.setValue(int(value))
                elif spec.is_number:
                    field = Points(minimum=spec.minimum, maximum=spec.maximum, decimals=2, singleStep=0.5)
                    field.setValue(float(value))
                else:
                    field = QLineEdit(value)
                self.fields[spec.key] = field
                form.addRow(labels[spec.key], field)
            layout.addWidget(box)
        layout.addStretch(1)

    def values(self) -> dict[str, str]:
        out = {}
        for key, field in self.fields.items():
            if isinstance(field, Targets):
                out[key] = field.value()
            elif isinstance(field, QCheckBox):
                out[key] = "1" if field.isChecked() else "0"
            elif isinstance(field, QSpinBox):
                out[key] = str(field.value())
            elif isinstance(field, QDoubleSpinBox):
                out[key] = f"{field.value():g}"
            else:
                out[key] = field.text()
        return out
