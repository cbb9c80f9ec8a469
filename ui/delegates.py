"""Editing cells of the task table."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ledger_app.messages.labels import status_label
from ledger_app.store.enums import SETTABLE_STATUSES, Status


class StatusDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for status in Status:  # shown in the user's language, stored as the plans' word
            combo.addItem(status_label(status.value), status.value)
            # Every status is shown; those a clerk may not set (已结转: the carry-over's) cannot be chosen.
            combo.model().item(combo.count() - 1).setEnabled(status.value in SETTABLE_STATUSES)
        return combo

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        # The 状态 column is narrow: the box the cell's width cut "推进中" to "推进…". It opens at
        # least as wide as its longest status (over the next cell if need be).
        rect = option.rect
        rect.setWidth(max(rect.width(), editor.sizeHint().width()))
        editor.setGeometry(rect)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # noqa: ANN001
        if editor.currentData() != index.data(Qt.ItemDataRole.EditRole):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class PercentDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        spin = QSpinBox(parent)
        spin.setRange(0, 100)
        spin.setSuffix("%")
        return spin

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        editor.setValue(int(index.data(Qt.ItemDataRole.EditRole) or 0))

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # noqa: ANN001
        editor.interpretText()
        if editor.value() != index.data(Qt.ItemDataRole.EditRole):
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)


class DeadlineDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        edit = QDateEdit(parent)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.setDate(QDate(value) if isinstance(value, date) else QDate.currentDate())

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # noqa: ANN001
        value = editor.date().toPython()
        if value != index.data(Qt.ItemDataRole.EditRole):
            model.setData(index, value, Qt.ItemDataRole.EditRole)
