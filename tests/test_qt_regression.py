"""PySide6 6.12.0 aborts Python 3.11 ("deallocating None") after ~20,000 empty
headerData answers crossing from C++ into Python. Keep the pin <6.12 until this passes."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QIdentityProxyModel, QModelIndex, Qt


class _Empty(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()):  # noqa: B008 - Qt's signature
        return 10

    def columnCount(self, parent=QModelIndex()):  # noqa: B008
        return 3

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        return None


def test_fifty_thousand_empty_header_answers(qapp):
    source = _Empty()
    proxy = QIdentityProxyModel()
    proxy.setSourceModel(source)  # the proxy calls the Python override through C++
    answers = [proxy.headerData(i % 3, Qt.Orientation.Horizontal) for i in range(50_000)]
    assert answers.count(None) == 50_000
    assert [proxy.data(proxy.index(i % 10, 0)) for i in range(1000)].count(None) == 1000
