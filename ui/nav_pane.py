"""Navigation: saved views, plans → areas, departments."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from ui import background

if TYPE_CHECKING:
    from ledger_app.tasks.overview import Entry


KIND_ROLE = Qt.ItemDataRole.UserRole + 1
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2
VIEWS = ("all", "red", "yellow", "pending", "quarter", "done")


class NavPane(QTreeView):
    """Emits ``picked(kind, value)``: ("view", name) | ("plan", id) | ("plan_year", "plan id:year") |
    ("area", id) | ("dept", name)."""

    picked = Signal(str, object)
    loaded = Signal(object, object)  # departments, areas: what the filter bar offers too

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        self.setHeaderHidden(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformRowHeights(True)
        self.setMinimumWidth(140)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)  # long plan and area names: full name in the tooltip
        self.selectionModel().currentChanged.connect(self._current_changed)
        self._loads = background.Latest(self)

    def view_labels(self) -> dict[str, str]:
        return {"all": self.tr("All tasks"), "red": self.tr("Overdue (red)"), "yellow": self.tr("Warning (yellow)"),
                "pending": self.tr("Awaiting closure (待销号)"), "quarter": self.tr("Due this quarter"),
                "done": self.tr("Completed")}

    def load(self, engine) -> None:  # noqa: ANN001 - SQLAlchemy Engine
        """Plans, areas, departments and plan years with their counts, read in the background."""
        from ledger_app.tasks import overview

        self._loads.submit(lambda: (overview.plans(engine), overview.areas(engine), overview.departments(engine),
                                    overview.plan_years(engine)), self._loaded)

    def _loaded(self, result: object) -> None:
        plans, areas, departments, years = result
        self.populate(plans, areas, departments, years)
        self.loaded.emit(departments, areas)

    def populate(self, plans: list[Entry], areas: list[Entry], departments: list[Entry],
                 years: list[Entry] = ()) -> None:
        """Rebuild the tree, keeping the current choice when it still exists. A plan that runs over
        several years (``years``) shows its tasks year by year under it; the plan itself is the whole."""
        kind, value = self.current()
        self._model.clear()
        root = self._model.invisibleRootItem()
        views = self._group(self.tr("Views"))
        for name in VIEWS:
            views.appendRow(self._item(self.view_labels()[name], "view", name))
        plan_group = self._group(self.tr("Plans"))
        for plan in plans:
            plan_item = self._item(f"{plan.name} ({plan.count})", "plan", plan.id)
            plan_item.setToolTip(plan.name)
            for year in (y for y in years if y.parent_id == plan.id):
                item = self._item(self.tr("%1 (%2)").replace("%1", self.tr("Year %1").replace("%1", year.name))
                                  .replace("%2", str(year.count)), "plan_year", f"{plan.id}:{year.id}")
                plan_item.appendRow(item)
            for area in (a for a in areas if a.parent_id == plan.id):
                item = self._item(f"{area.name.split('，')[0]} ({area.count})", "area", area.id)
                item.setToolTip(area.name)
                plan_item.appendRow(item)
            plan_group.appendRow(plan_item)
        dept_group = self._group(self.tr("Departments"))
        for dept in departments:
            item = self._item(f"{dept.name} ({dept.count})", "dept", dept.name)
            item.setToolTip(dept.name)
            dept_group.appendRow(item)
        for group in (views, plan_group, dept_group):
            root.appendRow(group)
        self.expand(views.index())
        self.expand(plan_group.index())
        for row in range(plan_group.rowCount()):
            self.expand(plan_group.child(row).index())
        self.select(kind or "view", value if kind else "all", emit=False)

    def _group(self, text: str) -> QStandardItem:
        item = QStandardItem(text)
        item.setSelectable(False)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        return item

    def _item(self, text: str, kind: str, value: object) -> QStandardItem:
        item = QStandardItem(text)
        item.setData(kind, KIND_ROLE)
        item.setData(value, VALUE_ROLE)
        return item

    def current(self) -> tuple[str | None, object]:
        index = self.currentIndex()
        return (index.data(KIND_ROLE), index.data(VALUE_ROLE)) if index.isValid() else (None, None)

    def select(self, kind: str, value: object, emit: bool = True) -> bool:
        for index in self._walk(QModelIndex()):
            if index.data(KIND_ROLE) == kind and index.data(VALUE_ROLE) == value:
                self.blockSignals(not emit)
                self.setCurrentIndex(index)
                self.blockSignals(False)
                return True
        return False

    def _walk(self, parent: QModelIndex):  # noqa: ANN202
        for row in range(self._model.rowCount(parent)):
            index = self._model.index(row, 0, parent)
            yield index
            yield from self._walk(index)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and current.data(KIND_ROLE):
            self.picked.emit(current.data(KIND_ROLE), current.data(VALUE_ROLE))
