"""Settings dialog, preferences, fonts and the crash handler."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QDialog, QMessageBox

from ledger_app.messages.errors import LedgerError
from ledger_app.store import settings
from ledger_app.system.paths import log_dir
from ui.controller import LedgerController
from ui.preferences import Preferences


def test_settings_dialog_saves_ledger_and_local_settings(qtbot, ledger, monkeypatch, output_dir):
    from ui.settings_dialog import SettingsDialog

    controller = LedgerController(ledger)
    prefs = Preferences()
    dialog = SettingsDialog(controller, prefs)
    qtbot.addWidget(dialog)
    dialog.grab().save(str(output_dir / "settings_dialog.png"))
    dialog.due_days.setValue(45)
    dialog.lag_points.setValue(10)
    dialog.org.setText("常州经开区改革办")
    dialog.operator.setText("王秘书")
    dialog.documents.fields["doc.prefix.bulletin"].setText("经开改办")
    dialog.documents.fields["doc.feedback_day"].setValue(5)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a))
    dialog.accept()
    controller.wait()
    assert dialog.result() == QDialog.DialogCode.Accepted and told
    saved = settings.get_all(ledger.engine)
    assert {k: saved[k] for k in ("warn.due_days", "warn.lag_points", "org.name", "backup.keep")} == \
        {"warn.due_days": "45", "warn.lag_points": "10", "org.name": "常州经开区改革办", "backup.keep": "10"}
    assert (saved["doc.prefix.bulletin"], saved["doc.feedback_day"]) == ("经开改办", "5")
    assert saved["doc.next_steps"] == settings.DEFAULT_NEXT_STEPS
    assert (controller.thresholds.due_days, controller.operator) == (45, "王秘书")
    again = Preferences()
    assert (again.operator, again.language) == ("王秘书", "en")


def test_settings_dialog_cancel_changes_nothing(qtbot, ledger):
    from ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(LedgerController(ledger), Preferences())
    qtbot.addWidget(dialog)
    dialog.due_days.setValue(5)
    dialog.reject()
    assert settings.get_all(ledger.engine)["warn.due_days"] == "30"


def test_preferences_remember_layout_state(qapp):
    Preferences().save_state("task_header", b"\x01\x02state")
    assert Preferences().state("task_header") == b"\x01\x02state"


def test_bundled_font_is_registered_when_system_has_no_chinese(qapp):
    from PySide6.QtGui import QFontDatabase

    from ui.fonts import bundled_families, ensure_cjk_font

    ensure_cjk_font(qapp)
    assert "WenQuanYi Micro Hei" in bundled_families()
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    assert chinese, "some font must cover Simplified Chinese"


def test_uncaught_exception_is_logged_and_shown(qtbot, monkeypatch):
    from ui import crash

    shown = []
    monkeypatch.setattr(crash.CrashDialog, "exec", lambda self: shown.append(self.details.toPlainText()) or 0)
    path = crash.setup_logging()
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError:
        crash.handle_exception(*sys.exc_info())
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert path.parent == log_dir()
    assert "boom in a slot" in path.read_text(encoding="utf-8")
    assert shown and "RuntimeError: boom in a slot" in shown[0]


def test_ledger_error_reaching_the_hook_is_a_plain_warning(qtbot, monkeypatch):
    from ui import crash

    warned, crashed = [], []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    monkeypatch.setattr(crash.CrashDialog, "exec", lambda self: crashed.append(1))
    crash.handle_exception(LedgerError, LedgerError("任务名称为空"), None)
    assert warned == ["任务名称为空"] and crashed == []


def test_settings_keep_backups_count(qtbot, ledger, monkeypatch):
    from ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(LedgerController(ledger), Preferences())
    qtbot.addWidget(dialog)
    assert dialog.backups.value() == 10
    dialog.backups.setValue(3)
    dialog.accept()
    dialog.controller.wait()
    assert settings.get_all(ledger.engine)["backup.keep"] == "3"


def test_settings_choose_shared_server(qtbot, ledger, new_db_url, monkeypatch, output_dir):
    """连接共享台账服务器: a bad address or one with a password is refused; a server that
    cannot be reached is reported; a good address is kept for the next start."""
    from tests.conftest import PG_SERVER
    from ui.settings_dialog import SettingsDialog

    prefs = Preferences()
    dialog = SettingsDialog(LedgerController(ledger), prefs)
    qtbot.addWidget(dialog)
    warned, told = [], []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))
    location = dialog.location
    assert location.local.isChecked() and not location.url.isEnabled()
    location.server.setChecked(True)

    location.url.setText("mysql://someone@host/db")
    dialog.accept()
    assert "postgresql+psycopg://" in warned[-1] and prefs.last_db == ""
    location.url.setText("postgresql+psycopg://clerk:secret@10.0.0.5/ledger")
    dialog.accept()
    assert "密码" in warned[-1] and prefs.last_db == "" and dialog.result() != QDialog.DialogCode.Accepted

    location.url.setText("postgresql+psycopg://clerk@127.0.0.1:1/ledger")  # nothing listens on port 1
    assert not location.try_connection()
    assert "数据库无法打开" in location.result.text()

    server = new_db_url("shared") if PG_SERVER else ""
    if server:  # the PostgreSQL run: a real server answers
        location.url.setText(server)
        assert location.try_connection(), location.result.text()
        assert "空数据库" in location.result.text()
    address = server or "postgresql+psycopg://clerk@ledger-server.example/ledger"
    location.url.setText(address)
    dialog.grab().save(str(output_dir / "settings-shared-server.png"))
    dialog.accept()
    dialog.controller.wait()
    assert dialog.result() == QDialog.DialogCode.Accepted and "下次启动" in told[-1]
    assert Preferences().last_db == address

    again = SettingsDialog(LedgerController(ledger), Preferences())
    qtbot.addWidget(again)
    assert again.location.server.isChecked() and again.location.url.text() == address
    again.location.local.setChecked(True)
    again.accept()
    again.controller.wait()
    assert Preferences().last_db == ""
