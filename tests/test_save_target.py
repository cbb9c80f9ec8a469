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


def test_a_save_that_runs_out_of_space_says_so_and_leaves_the_old_file(tmp_path):
    import errno

    from ledger_app.system.files import save_to

    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"old")

    def half_then_full(part: Path) -> None:
        part.write_bytes(b"PK half")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(LedgerError) as refused:
        save_to(target, half_then_full)
    assert str(refused.value) == f"磁盘空间不足，未能写入 {target}"
    assert target.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["台账.xlsx"]


@pytest.mark.parametrize("error", [OSError(5, "I/O error"), KeyboardInterrupt()])
def test_a_save_that_fails_before_writing_anything_raises_its_own_error(tmp_path, error):
    """Nothing was written beside the target: the failure is the save's own, not a missing ``.part``."""
    from ledger_app.system.files import save_to

    def fails(part: Path) -> None:
        raise error

    with pytest.raises(type(error)) as raised:
        save_to(tmp_path / "通报.pdf", fails)
    assert raised.value is error and list(tmp_path.iterdir()) == []


def test_a_finished_file_replaces_the_target_whole(tmp_path):
    from ledger_app.system.files import replace_file

    finished, target = tmp_path / "排好的.pdf", tmp_path / "通报.pdf"
    finished.write_bytes(b"%PDF new")
    target.write_bytes(b"%PDF old")
    replace_file(finished, target)
    assert target.read_bytes() == b"%PDF new" and finished.read_bytes() == b"%PDF new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["排好的.pdf", "通报.pdf"]
