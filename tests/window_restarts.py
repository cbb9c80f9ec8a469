"""Start the window three times on one ledger as the program starts it (ui.app.start_window),
quit each time with 文件 ▸ 退出, and report what each start showed (run by tests/test_window_day.py
as its own process: the screen and QT_SCALE_FACTOR are fixed when Qt starts).

    python tests/window_restarts.py LABEL WIDTH HEIGHT SCALE [windows]

The offscreen platform draws a 2-pixel frame and no title bar. With ``windows`` the geometry is
saved as Windows saves it: the frame rectangle in the saved state is the client rectangle plus a
title bar and borders (WINDOWS_FRAME), before the first start a frame filling the work area.
"""

from __future__ import annotations

import json
import struct
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.window_shots import SAMPLE, _setup  # noqa: E402

WINDOWS_FRAME = (8, 31, 8, 8)  # left, title bar, right, bottom: Windows 10 at 100 % (logical pixels)
_SAVED = struct.Struct(">IHH4i4iiBBi4i")  # QWidget.saveGeometry, format 3 (see ui/window_layout.py)


def as_windows_saves(state: bytes, frame_of_client=None) -> bytes:  # noqa: ANN001
    """``state`` with its frame rectangle replaced by the client rectangle plus WINDOWS_FRAME."""
    fields = list(_SAVED.unpack_from(state))
    left, top, right, bottom = fields[-4:]
    ml, mt, mr, mb = WINDOWS_FRAME
    fields[3:7] = [left - ml, top - mt, right + mr, bottom + mb]
    return _SAVED.pack(*fields)


def windows_state(width: int, height: int) -> bytes:
    """A window whose Windows frame fills the work area ``width``×``height``."""
    ml, mt, mr, mb = WINDOWS_FRAME
    client = [ml, mt, width - 1 - mr, height - 1 - mb]
    return _SAVED.pack(0x1D9D0CB, 3, 0, 0, 0, width - 1, height - 1, *client, 0, 0, 0, width, *client)


def _wait(app, seconds: float) -> None:  # noqa: ANN001
    from ui import background

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        background.wait_all()
        app.processEvents()
        time.sleep(0.01)


def _rect(r) -> list[int]:  # noqa: ANN001
    return [r.x(), r.y(), r.width(), r.height()]


def _one_start(app, db: str) -> dict:  # noqa: ANN001
    from PySide6.QtCore import QPoint

    from ui.app import start_window
    from ui.preferences import Preferences

    preferences = Preferences()
    window = start_window(app, db, preferences)
    window.show()
    # The pane used to vanish ~0.6 s in, when the ledger replaced the first page's placeholder.
    _wait(app, 0.3)
    early = window.detail.isVisible()
    deadline = time.monotonic() + 10
    while window.controller is None and time.monotonic() < deadline:
        _wait(app, 0.1)
    _wait(app, 1.5)
    status = window.statusBar()
    bottom_right = status.mapToGlobal(QPoint(status.width(), status.height()))
    facts = {"detail_early": early, "detail": window.detail.isVisible(), "detail_width": window.detail.width(),
             "ticked": window.actions_.detail.isChecked(), "setting": preferences.detail_visible,
             "opened": window.controller is not None, "switch_interval": sys.getswitchinterval(),
             "frame": _rect(window.frameGeometry()), "geometry": _rect(window.geometry()),
             "available": _rect(window.screen().availableGeometry()),
             "status_bottom_right": [bottom_right.x(), bottom_right.y()],
             "title": window.windowTitle()}
    window.actions_.quit.trigger()  # 文件 ▸ 退出: the window saves its geometry and layout
    _wait(app, 0.2)
    preferences.sync()
    window.controller.ledger.close()
    window.deleteLater()
    _wait(app, 0.2)
    return facts


def main() -> None:
    label, width, height, scale = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    windows = sys.argv[5:] == ["windows"]
    with tempfile.TemporaryDirectory() as tmp:
        _setup(label, width, height, scale, Path(tmp))
        from PySide6.QtCore import QByteArray

        from ledger_app.exchange.importing.apply import import_file
        from ledger_app.store.opening import open_ledger
        from ui import fonts, translations
        from ui.app import create_app
        from ui.preferences import Preferences

        db = str(Path(tmp) / "ledger.db")
        ledger = open_ledger(db, user="测试员")
        import_file(ledger.engine, SAMPLE)
        ledger.close()
        app = create_app()
        translations.install(app, "zh_CN")
        fonts.ensure_cjk_font(app)
        area = app.primaryScreen().availableGeometry()
        settings = Preferences()._s
        if windows:
            settings.setValue("geometry/main", QByteArray(windows_state(area.width(), area.height())))
        starts = []
        for _ in range(3):
            starts.append(_one_start(app, db))
            if windows:  # what Windows would have saved on that quit
                saved = bytes(QByteArray(settings.value("geometry/main")).data())
                settings.setValue("geometry/main", QByteArray(as_windows_saves(saved)))
                settings.sync()
        print(json.dumps({"label": label, "scale": scale, "starts": starts}))


if __name__ == "__main__":
    main()
