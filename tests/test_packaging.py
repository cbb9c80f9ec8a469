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
