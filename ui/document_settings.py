"""设置 → 公文: what the documents sent out of the office print — the red letterhead, the number
prefixes, the addressees, the standard texts and the contact for rectification notices."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from ledger_app.store import settings


class DocumentSettings(QWidget):
    def __init__(self, values: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        labels = {
            "doc.banner": self.tr("Letterhead (red, empty: the office's name)"),
            "doc.prefix.quarterly-sheet": self.tr("Number prefix: supervision sheets"),
            "doc.prefix.bulletin": self.tr("Number prefix: progress bulletins"),
            "doc.prefix.notice": self.tr("Number prefix: rectification notices"),
            "doc.prefix.annual": self.tr("Number prefix: annual reports"),
            "doc.prefix.assessment": self.tr("Number prefix: assessment results"),
            "doc.recipients": self.tr("Bulletins addressed to"),
            "doc.copies_to": self.tr("Copies to (imprint, may be empty)"),
            "doc.sheet_requirement": self.tr("Supervision requirement on sheets"),
            "doc.feedback_day": self.tr("Sheets returned by this day of the next quarter's first month"),
            "doc.next_steps": self.tr("Bulletin requirements (one paragraph per line)"),
            "contact.name": self.tr("Contact person (rectification notices)"),
            "contact.phone": self.tr("Contact telephone"),
        }
        self.fields: dict[str, QLineEdit | QPlainTextEdit | QSpinBox] = {}
        form = QFormLayout(self)
        for spec in settings.DOCUMENT_SPECS:
            value = values[spec.key]
            if spec.is_int:
                field: QLineEdit | QPlainTextEdit | QSpinBox = QSpinBox(minimum=spec.minimum, maximum=spec.maximum)
                field.setValue(int(value))
            elif spec.key in ("doc.sheet_requirement", "doc.next_steps"):
                field = QPlainTextEdit(value)
                field.setMinimumHeight(70)
            else:
                field = QLineEdit(value)
            self.fields[spec.key] = field
            form.addRow(labels[spec.key], field)

    def values(self) -> dict[str, str]:
        out = {}
        for key, field in self.fields.items():
            if isinstance(field, QSpinBox):
                out[key] = str(field.value())
            elif isinstance(field, QPlainTextEdit):
                out[key] = field.toPlainText()
            else:
                out[key] = field.text()
        return out
