"""What the report dialog says of a closed quarter (季度封账) before anything is chosen or issued.

It used to open on the quarter just closed and refuse only once the clerk had picked a file name."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ledger_app.dates.quarters import quarter_of


def first_open_quarter(closed: set[tuple[int, int]], year: int, quarter: int, today: date) -> tuple[int, int]:
    """``(year, quarter)``, or the first quarter after it that is not closed and has begun by ``today``."""
    while (year, quarter) in closed:
        following = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
        if following > quarter_of(today):
            break
        year, quarter = following
    return year, quarter


def allowed_text(year: int, quarter: int) -> str:
    named = QCoreApplication.translate("ClosedQuarters", "%1 Q%2").replace("%1", str(year)).replace("%2", str(quarter))
    return QCoreApplication.translate(
        "ClosedQuarters", "%1 is closed (季度封账). For it you can reprint the documents already issued, exactly as "
        "issued (same number and date), and preview anything; a new document needs the quarter reopened first "
        "(报表 ▸ 重新打开季度).").replace("%1", named)


def confirm_closed(parent: QWidget, year: int, quarter: int) -> bool:
    """Asked before the file or print dialog: go on (a reprint) knowing what a closed quarter allows."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(QCoreApplication.translate("ClosedQuarters", "Closed quarter"))
    box.setText(allowed_text(year, quarter))
    box.setStandardButtons(QMessageBox.StandardButton.Cancel)
    go_on = box.addButton(QCoreApplication.translate("ClosedQuarters", "Reprint"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    return box.clickedButton() is go_on
