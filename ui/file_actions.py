"""The window's 文件 menu commands that open dialogs or switch ledgers: import, export, fill-in
forms, the demo ledger and back. Strings stay in the MainWindow translation context."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ledger_app.messages.errors import LedgerError

if TYPE_CHECKING:
    from ui.main_window import MainWindow



def import_table(window: MainWindow, path: str | None = None) -> None:
    from ui.import_wizard import ImportWizard

    ImportWizard(window.controller, window, path=path).exec()


def export_ledger(window: MainWindow) -> None:
    from ledger_app.tasks import overview
    from ui.forms_dialogs import export_dialog

    kind, value = window.nav_choice
    plan = next((p.name for p in overview.plans(window.controller.engine) if p.id == value), None) \
        if kind == "plan" else None
    path = export_dialog(window, window.controller, window.model.query, plan)
    if path is not None:
        done = QCoreApplication.translate("MainWindow", "Exported to %1")
        window.statusBar().showMessage(done.replace("%1", str(path)), 8000)


def make_forms(window: MainWindow) -> None:
    from ui.forms_dialogs import FormsDialog

    dialog = FormsDialog(window.controller, window)
    if dialog.exec():
        done = QCoreApplication.translate("MainWindow", "%1 fill-in form(s) written")
        window.statusBar().showMessage(done.replace("%1", str(len(dialog.issued))), 8000)


def merge_forms(window: MainWindow, paths: list[str] | None = None) -> None:
    from PySide6.QtWidgets import QFileDialog

    from ui.forms_dialogs import MergeDialog

    if paths is None:
        paths, _ = QFileDialog.getOpenFileNames(
            window, QCoreApplication.translate("MainWindow", "Merge returned forms"), "",
            QCoreApplication.translate("MainWindow", "Excel workbooks (*.xlsx)"))
    if paths:
        MergeDialog(window.controller, [Path(p) for p in paths], window).exec()


def demo_path() -> Path:
    from ledger_app.store.opening import default_ledger_path
    from ledger_app.tasks.overview import demo_ledger_path

    return demo_ledger_path(default_ledger_path().parent)


def is_demo(window: MainWindow) -> bool:
    path = window.controller.ledger.local_file
    return path is not None and path.resolve() == demo_path().resolve()


def open_demo(window: MainWindow) -> None:
    from ledger_app.exchange.demo import build_demo_ledger

    own = window.controller.ledger.url
    try:
        ledger = build_demo_ledger(demo_path(), user=window.controller.operator)
    except LedgerError as exc:
        window.warn(str(exc))
        return
    if not is_demo(window):
        window.own_ledger = own  # 文件 → 返回我的台账 goes back here
    window.set_ledger(ledger)
    window.statusBar().showMessage(QCoreApplication.translate(
        "MainWindow", "Demo ledger opened: changes here do not touch your own ledger."), 8000)


def back_to_own(window: MainWindow) -> None:
    """文件 → 返回我的台账: leave the demo for the ledger it was opened from (else this desk's own)."""
    from ledger_app.store.opening import open_ledger

    try:
        ledger = open_ledger(window.own_ledger or window.preferences.last_db or None,
                             user=window.preferences.operator or None)
    except LedgerError as exc:
        window.warn(str(exc))
        return
    window.set_ledger(ledger)
    back = QCoreApplication.translate("MainWindow", "Back to your own ledger: %1")
    window.statusBar().showMessage(back.replace("%1", ledger.display_name), 8000)
