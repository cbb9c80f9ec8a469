"""What a built distribution carries: ``pip install`` of the wheel must find the font, the
Chinese catalogue and the sample (ledger_app/system/resources.py looks for them beside the packages)."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from tests.conftest import ROOT


@pytest.mark.slow
def test_wheel_carries_resources_and_migrations(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = tmp_path.glob("task_ledger-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("resources/fonts/wqy-microhei.ttc", "resources/fonts/wqy-microhei-LICENSE.txt",
                   "resources/translations/ledger_zh_CN.qm", "resources/samples/changzhou-2017-tasks.xlsx",
                   "resources/icons/task-ledger.png", "ledger_app/system/resources.py", "db/migrations/env.py",
                   "db/migrations/script.py.mako", "db/migrations/versions/0001_initial.py"):
        assert needed in names, needed
    assert not any(name.endswith(".ts") for name in names), "the .ts source catalogue is not shipped"


def test_the_installer_names_the_product_clerks_know():
    """Issue 25, 13: 设置 → 应用 listed the publisher as TaskLedger, the registry key's name."""
    import re

    script = (ROOT / "packaging" / "installer.nsi").read_text(encoding="utf-8")
    assert '!define APP_NAME "改革任务台账"' in script
    assert re.search(r'"Publisher" "\$\{APP_NAME\}"', script) and '"CompanyName" "${APP_NAME}"' in script


def test_the_manual_ships_with_the_program_and_says_the_oldest_windows():
    spec = (ROOT / "packaging" / "task-ledger.spec").read_text(encoding="utf-8")
    assert '"docs" / "manual"), "resources/manual"' in spec, "帮助 ▸ 使用手册 reads it in the frozen program"
    assert "1703" in (ROOT / "docs" / "manual" / "安装.md").read_text(encoding="utf-8")
