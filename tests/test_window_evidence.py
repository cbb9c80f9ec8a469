"""办结销号 in the window (issue 26, 6), used as a clerk uses it: the 佐证材料 tab's buttons pressed,
the file dialog answered, the claim dialog filled in and its button pressed, 销号 and 退回 decided,
Ctrl+Z; the 待销号 view, filter and count; a file opened as a read-only copy. Screenshots at 1366×768."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QFileDialog

from ledger_app.evidence.register import claims_of, list_files
from ledger_app.exchange.importing.apply import import_file
from ledger_app.operations.periods import close_quarter
from ledger_app.operations.settings import set_setting
from ledger_app.tasks.fields import get_fields
from tests import evidence_files as make
from tests.documents import ORG
from tests.test_window_periods import answer, click, select
from ui import background


@pytest.fixture
def ledger(ledger, sample):
    import_file(ledger.engine, sample)
    set_setting(ledger.engine, "org.name", ORG)
    return ledger


def settle(qtbot, window) -> None:
    window.controller.wait()
    background.wait_all()
    qtbot.wait(50)
    window.controller.wait()
    background.wait_all()


def evidence_tab(window):
    pane = window.detail
    pane.tabs.setCurrentWidget(pane.evidence)
    return pane.evidence


def files_picked(monkeypatch, paths: list[Path]) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(p) for p in paths], "")))


def claim_through_the_dialog(qtbot, window, tab, summary: str, when: date) -> None:
    click(qtbot, tab.claim_button)
    dialog = tab.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.day.setDate(QDate(when))
    dialog.summary.setPlainText(summary)
    click(qtbot, dialog.add_files)
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))
    settle(qtbot, window)


def test_claim_close_and_undo_in_the_window(qtbot, window, monkeypatch, tmp_path, output_dir):
    window.resize(1366, 768)
    task = select(qtbot, window, "3")
    tab = evidence_tab(window)
    assert tab.claim_button.isEnabled() and not tab.close_button.isEnabled()
    files_picked(monkeypatch, [make.pdf(tmp_path / "关于印发权力清单的通知.pdf", pages=4),
                               make.picture(tmp_path / "公布现场.jpg", "JPEG", colour="darkred")])
    from ui.claim_dialogs import ClaimDialog

    shown: list[tuple[int, int]] = []
    original = ClaimDialog.busy
    monkeypatch.setattr(ClaimDialog, "busy", lambda dialog, done, total: (shown.append((done, total)),
                                                                          original(dialog, done, total)))
    claim_through_the_dialog(qtbot, window, tab, "权力清单已印发并公布", date(2017, 10, 10))
    assert tab.dialog is None, "saved: the dialog closed"
    assert shown and shown[0][0] == 0 and shown[-1][0] == shown[-1][1], "progress from nothing to all stored"
    assert [f.name for f in list_files(window.controller.engine, task)] == ["关于印发权力清单的通知.pdf", "公布现场.jpg"]
    qtbot.waitUntil(lambda: tab.files.count() == 2)
    assert "待销号" in tab.state.text() and "2017-10-10" in tab.state.text(), (tab._state_text(), tab.state.text())
    from ui.detail.evidence_tab import THUMB_ROLE

    assert tab.files.item(1).data(THUMB_ROLE) and not tab.files.item(0).data(THUMB_ROLE), "a thumbnail for the picture"
    assert "4 页" in tab.files.item(0).text()
    assert window.model.table.row(window.model.row_of(task)).light == "pending"
    qtbot.waitUntil(lambda: "待销号 1" in window.status_line.lights.text())
    window.grab().save(str(output_dir / "1366x768-evidence-tab.png"))
    window.detail.grab().save(str(output_dir / "evidence-detail-pane.png"))

    def close_it(dialog) -> bool:  # noqa: ANN001
        dialog.opinion.setPlainText("材料齐全，同意销号")
        dialog.day.setDate(QDate(2017, 10, 12))
        return True

    tab.run_dialog = close_it
    assert tab.close_button.isEnabled()
    click(qtbot, tab.close_button)
    settle(qtbot, window)
    assert get_fields(window.controller.engine, task, ["status", "percent"]) == {"status": "已完成", "percent": 100}
    qtbot.waitUntil(lambda: "销号" in tab.state.text() and "材料齐全" in tab.state.text())
    window.actions_.undo.trigger()
    settle(qtbot, window)
    assert get_fields(window.controller.engine, task, ["status"])["status"] != "已完成"
    assert claims_of(window.controller.engine, task)[0].waiting
    window.actions_.undo.trigger()  # the claim itself
    settle(qtbot, window)
    assert claims_of(window.controller.engine, task) == [] and list_files(window.controller.engine, task) == []
    window.actions_.redo.trigger()
    settle(qtbot, window)
    assert claims_of(window.controller.engine, task)[0].waiting and len(list_files(window.controller.engine, task)) == 2


def test_a_hostile_file_keeps_the_dialog_open_naming_it(qtbot, window, monkeypatch, tmp_path, output_dir):
    task = select(qtbot, window, "3")
    tab = evidence_tab(window)
    program = tmp_path / "通知.pdf"
    program.write_bytes(b"MZ\x90\x00" + bytes(200))
    files_picked(monkeypatch, [make.picture(tmp_path / "照片.png"), program])
    claim_through_the_dialog(qtbot, window, tab, "已完成", date(2017, 10, 10))
    dialog = tab.dialog
    assert dialog is not None and dialog.isVisible() and dialog.buttons.isEnabled()
    assert "“通知.pdf”是可执行程序" in dialog.message.text() and dialog.message.isVisible()
    dialog.grab().save(str(output_dir / "evidence-claim-refused.png"))
    assert claims_of(window.controller.engine, task) == [] and list_files(window.controller.engine, task) == []
    dialog.reject()


def test_return_then_the_待销号_view_and_open_a_copy(qtbot, window, monkeypatch, tmp_path):
    task = select(qtbot, window, "6")
    tab = evidence_tab(window)
    files_picked(monkeypatch, [make.picture(tmp_path / "现场.png")])
    claim_through_the_dialog(qtbot, window, tab, "平台已上线", date(2017, 10, 9))
    window.nav.select("view", "pending")
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.model.table.row(0).code == "6"

    opened: list = []
    tab.open_url = lambda url: opened.append(url.toLocalFile()) or True
    tab.files.setCurrentRow(0)
    tab.files.item(0).setSelected(True)
    click(qtbot, tab.open_button)
    qtbot.waitUntil(lambda: opened != [])
    copy = Path(opened[0])
    assert copy.name == "现场.png" and copy.read_bytes() == (tmp_path / "现场.png").read_bytes()
    assert not os.stat(copy).st_mode & stat.S_IWUSR

    def return_it(dialog) -> bool:  # noqa: ANN001
        dialog.opinion.setPlainText("照片不能证明已上线")
        dialog.missing.setText("上线运行报告")
        return True

    tab.run_dialog = return_it
    click(qtbot, tab.return_button)
    settle(qtbot, window)
    (claim,) = claims_of(window.controller.engine, task)
    assert (claim.outcome, claim.missing) == ("退回", "上线运行报告")
    qtbot.waitUntil(lambda: "退回" in tab.state.text() and "上线运行报告" in tab.state.text())
    # The row stays in view until the list is filtered again (as after any edit), its light repainted.
    qtbot.waitUntil(lambda: window.model.table.row(0).light != "pending")


def test_a_claim_in_a_closed_quarter_is_entered_as_a_correction(qtbot, window, monkeypatch, tmp_path):
    from ui.quarter_dialogs import CorrectionDialog

    close_quarter(window.controller.engine, 2017, 3, user="督查室")
    task = select(qtbot, window, "3")
    tab = evidence_tab(window)
    files_picked(monkeypatch, [make.pdf(tmp_path / "通知.pdf")])

    def give_reason(dialog) -> None:  # noqa: ANN001
        dialog.reason.setText("9月28日已报，漏录")
        click(qtbot, dialog.enter)

    answer(qtbot, CorrectionDialog, give_reason)
    claim_through_the_dialog(qtbot, window, tab, "已印发", date(2017, 9, 28))
    qtbot.waitUntil(lambda: bool(claims_of(window.controller.engine, task)), timeout=5000)
    (claim,) = claims_of(window.controller.engine, task)
    assert (claim.mark, claim.reason, claim.claimed_on) == ("更正", "9月28日已报，漏录", date(2017, 9, 28))
