"""Where a document, a workbook or a backup may be written (system/files.check_target): each refusal says
what is wrong with the path the clerk gave, and a path that can be written is given back."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ledger_app.messages.errors import LedgerError
from ledger_app.system.files import check_target


def _refusal(target: object) -> str:
    with pytest.raises(LedgerError) as refused:
        check_target(target)
    return str(refused.value)


def test_each_refusal_names_what_is_wrong(tmp_path):
    assert _refusal("  ") == "没有指定文件名"
    assert _refusal(tmp_path) == f"{tmp_path} 是文件夹，请选择一个文件名"
    assert _refusal(tmp_path / "没有的文件夹" / "通报.pdf") == f"文件夹不存在：{tmp_path / '没有的文件夹'}"
    assert _refusal(os.devnull) == f"{os.devnull} 不是普通文件（而是设备或管道），不会写入或替换它；请指定一个普通文件"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are made here with os.mkfifo")
def test_a_link_to_a_pipe_is_refused_and_a_link_to_a_file_is_written_through(tmp_path):
    pipe, file = tmp_path / "管道", tmp_path / "台账.xlsx"
    os.mkfifo(pipe)
    file.write_bytes(b"")
    (tmp_path / "到管道").symlink_to(pipe)
    (tmp_path / "到文件").symlink_to(file)
    assert "不是普通文件" in _refusal(tmp_path / "到管道")
    assert check_target(tmp_path / "到文件") == tmp_path / "到文件"
    assert check_target(str(tmp_path / "新文件.pdf")) == Path(tmp_path / "新文件.pdf")
