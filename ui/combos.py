"""Drop-down lists as wide as their longest entry: a narrow box (改革领域 in the detail pane, a
filter, a plan) showed its list at the box's width and cut the long names clerks choose between."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QStyle, QWidget

_SPARE = 48  # the list's frame, its scroll bar and the item margins


def popup_width(combo: QComboBox) -> int:
    """The width the list needs to show every entry whole."""
    metrics = combo.view().fontMetrics()
    longest = max((metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count())), default=0)
    return longest + _SPARE + combo.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)


def fit_popup(combo: QComboBox) -> None:
    """Keep ``combo``'s list as wide as its longest entry (now and whenever its entries change)."""
    if combo.property("popupFitted"):
        return
    combo.setProperty("popupFitted", True)

    def fit(*_args: object) -> None:
        combo.view().setMinimumWidth(popup_width(combo))

    model = combo.model()
    for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.dataChanged):
        signal.connect(fit)
    fit()


def fit_popups(root: QWidget) -> None:
    """Every combo box under ``root``."""
    for combo in root.findChildren(QComboBox):
        fit_popup(combo)
