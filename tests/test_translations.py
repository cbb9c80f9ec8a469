"""Every user-visible string of the window has a Chinese translation, and the shipped .qm is current."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.conftest import ROOT

TS = ROOT / "resources" / "translations" / "ledger_zh_CN.ts"
QM = TS.with_suffix(".qm")
BIN = Path(sys.executable).parent


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {(ctx.findtext("name"), msg.findtext("source")): msg
            for ctx in root.iter("context") for msg in ctx.iter("message")}


def _ui_sources() -> list[str]:
    return sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))


def test_every_message_has_a_chinese_translation():
    missing = []
    for (context, source), msg in _messages(TS).items():
        translation = msg.find("translation")
        forms = [f.text for f in translation.iter("numerusform")] or [translation.text]
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(forms):
            missing.append(f"{context}: {source}")
    assert missing == [], f"{len(missing)} untranslated: {missing[:10]}"


def test_catalogue_covers_the_current_sources(tmp_path):
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    subprocess.run([str(BIN / "pyside6-lupdate"), "-no-obsolete", "-locations", "none", *_ui_sources(),
                    "-ts", str(fresh)], check=True, capture_output=True)
    assert set(_messages(fresh)) == set(_messages(TS)), "run `make translations` and translate the new strings"


def test_shipped_qm_is_built_from_the_catalogue(tmp_path):
    built = tmp_path / "built.qm"
    subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(TS), "-qm", str(built)], check=True)
    assert built.read_bytes() == QM.read_bytes(), "run `make translations`: the .qm is stale"


def test_chinese_is_the_default_and_english_is_switchable(qapp):
    from PySide6.QtCore import QTranslator

    from ui import translations

    catalogue = QTranslator()
    assert catalogue.load(str(QM))
    assert catalogue.translate("EmptyState", "Open demo ledger") == "打开示例台账"
    assert catalogue.translate("MainActions", "&File") == "文件(&F)"
    assert translations.DEFAULT_LANGUAGE == "zh_CN"
    assert translations.install(qapp, "en") == []  # English: the sources themselves


def test_qt_own_file_dialog_is_chinese_too(qapp):
    """Where there is no native file dialog (Linux without a desktop's), Qt's own one is shown:
    every label in Chinese, including the two the shipped qtbase catalogue lacks."""
    from PySide6.QtWidgets import QFileDialog, QLabel

    dialog = QFileDialog(None, "导入任务表", "", "Excel 工作簿 (*.xlsx)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels["lookInLabel"] == "查找范围(&L)："
    assert labels["fileTypeLabel"] == "文件类型(&T)："
    assert labels["fileNameLabel"].startswith("文件名称")
    dialog.deleteLater()


def test_statuses_lights_and_fields_have_english_names():
    from ledger_app.messages import i18n
    from ledger_app.messages.labels import FIELD_LABELS, LIGHT_LABELS, field_label, light_label, status_label
    from ledger_app.store.enums import Status

    i18n.set_language("en")
    try:
        for status in Status:
            assert status_label(status.value).isascii(), status
        for light in LIGHT_LABELS:
            assert light_label(light).isascii() or light_label(light) == "—", light
        for key in FIELD_LABELS:
            assert field_label(key).isascii(), key
        assert status_label("推进中") == "in progress"
    finally:
        i18n.set_language("zh")
    assert status_label("推进中") == "推进中"


def test_the_english_window_shows_statuses_in_english(qtbot, window, sample):
    from ledger_app.exchange.importing.apply import import_file
    from ledger_app.messages import i18n
    from tests.test_main_window import _loaded
    from ui.task_model import COL

    import_file(window.controller.engine, sample)
    window.controller.ledger_replaced()
    _loaded(qtbot, window)
    i18n.set_language("en")
    try:
        assert window.model.data(window.model.index(0, COL["status"])) == "not started"
    finally:
        i18n.set_language("zh")
    assert window.model.data(window.model.index(0, COL["status"])) == "未启动"
