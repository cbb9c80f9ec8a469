"""A ledger on a network drive, on a clerk's Windows desk and on Linux (issue 22; the desk's other troubles
are tests/test_windows_desk.py): every form of a Windows share path, links to one, a drive letter mapped to
one, a network mount; and the errors that mean a file is held open by another program, and ``--out``."""

from __future__ import annotations

import sys
from pathlib import Path, PureWindowsPath

import pytest

from ledger_app.cli.main import main as cli_main
from ledger_app.messages.errors import LedgerError
from ledger_app.store.opening import open_ledger
from ledger_app.system.files import is_network_path

# 7. Ledger on a network drive --------------------------------------------------------------------

def drives(letter_types: dict[str, int]):
    return lambda root: letter_types.get(root, 3)  # 3: DRIVE_FIXED


# Links on this desk: a junction or symbolic link whose target is a share (what os.path.realpath, that is
# GetFinalPathNameByHandle, reports for it).
LINKS = {r"C:\台账\共享": r"\\server\share\台账", r"C:\链接": r"\\?\UNC\server\share", r"C:\映射": "X:\\",
         r"C:\本地": r"D:\data"}


def resolve(path: str) -> str:
    return next((target + path[len(link):] for link, target in LINKS.items()
                 if path.lower().startswith(link.lower() + "\\")), path)


@pytest.mark.parametrize(("path", "network"), [
    (r"\\server\share\台账\ledger.db", True),
    ("//server/share/ledger.db", True),
    (r"\\?\UNC\server\share\ledger.db", True),
    (r"\\?\unc\server\share\ledger.db", True),  # the prefix in lower case is the same prefix
    ("//?/unc/server/share/ledger.db", True),
    (r"\\.\UNC\server\share\ledger.db", True),  # the device namespace names a share too
    (r"\\?\GLOBALROOT\Device\Mup\server\share\ledger.db", True),  # the NT name of every UNC path
    (r"\\.\GLOBALROOT\Device\Mup\server\share\ledger.db", True),
    (r"\\?\globalroot\device\mup\server\share\ledger.db", True),
    (r"\\?\GLOBALROOT\Device\LanmanRedirector\server\share\ledger.db", True),
    (r"\\?\GLOBALROOT\??\UNC\server\share\ledger.db", True),
    (r"\??\UNC\server\share\ledger.db", True),
    (r"X:\台账\ledger.db", True),  # mapped to \\server\share
    (r"\\?\X:\ledger.db", True),
    (r"\\.\X:\ledger.db", True),
    (r"C:\台账\共享\ledger.db", True),  # a junction to \\server\share\台账
    (r"C:\链接\ledger.db", True),  # a symbolic link to \\?\UNC\server\share
    (r"C:\映射\ledger.db", True),  # a symbolic link to the mapped drive X:
    (r"C:\Users\clerk\AppData\Local\TaskLedger\ledger.db", False),
    (r"\\?\C:\ledger.db", False),  # the long form of a local path
    (r"\\?\c:\台账\ledger.db", False),
    (r"\\.\C:\ledger.db", False),
    (r"\\?\Volume{26a21bda-a627-11d7-9931-806e6f6e6963}\ledger.db", False),
    (r"\\?\GLOBALROOT\Device\HarddiskVolume2\ledger.db", False),
    (r"C:\本地\ledger.db", False),  # a junction to another local disk
    (r"\\.\pipe\ledger", False),
    ("ledger.db", False),
])
def test_network_paths(path, network):
    assert is_network_path(PureWindowsPath(path), drive_type=drives({"X:\\": 4}), resolve=resolve) is network


@pytest.mark.parametrize("path", [
    "//server/share/ledger.db",  # a text path, as a setting or a command line gives it: / for \\
    "//?/UNC/server/share/ledger.db",
    r"\\?\GLOBALROOT\\Device\Mup\server\share\ledger.db",  # a separator doubled after GLOBALROOT
])
def test_network_paths_written_as_text(path):
    assert is_network_path(path, drive_type=drives({})) is True


def test_on_windows_a_drive_letter_is_asked_of_windows(monkeypatch):
    """No drive_type given (the program itself): on Windows, GetDriveTypeW answers for X:."""
    import ledger_app.system.files as files

    asked: list[str] = []
    monkeypatch.setattr(files, "_windows_drive_type", lambda root: asked.append(root) or (4 if root == "X:\\" else 3))
    monkeypatch.setattr(sys, "platform", "win32")
    found = [is_network_path(PureWindowsPath(p), resolve=lambda p: p) for p in (r"X:\台账.db", r"C:\台账.db")]
    monkeypatch.undo()
    assert found == [True, False] and asked == ["X:\\", "C:\\"]


@pytest.mark.parametrize(("error", "locked"), [
    (PermissionError(13, "in use"), True),
    (OSError(16, "busy"), True),  # EBUSY: not a PermissionError
    (OSError(26, "text file busy"), True),  # ETXTBSY
    (OSError(2, "no such file"), False),
    (OSError(28, "no space"), False),
])
def test_which_errors_mean_the_file_is_held_open(error, locked):
    from ledger_app.system.files import is_locked_error

    assert is_locked_error(error) is locked


@pytest.mark.parametrize("winerror", [32, 33])  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION: WPS holds it
def test_a_sharing_violation_means_the_file_is_held_open(winerror):
    from ledger_app.system.files import is_locked_error

    error = OSError(22, "invalid argument")  # an errno that says nothing of it: the Windows code decides
    error.winerror = winerror
    assert is_locked_error(error) is True


def test_an_empty_out_path_is_refused_in_words():
    import argparse

    from ledger_app.system.files import out_path

    with pytest.raises(argparse.ArgumentTypeError) as refused:
        out_path("  ")
    assert str(refused.value) == "没有指定文件名"
    assert out_path("通报.pdf") == Path("通报.pdf")


MOUNTS = "\n".join([
    "rootfs",  # a line too short to name a mount point and a type: skipped, the rest still read
    "sysfs /sys sysfs rw,nosuid 0 0",
    "/dev/sda1 / ext4 rw,relatime 0 0",
    "tmpfs /tmp tmpfs rw 0 0",
    "server:/export /mnt/nfs nfs rw,vers=3 0 0",
    "server:/export4 /srv/nfs4 nfs4 rw 0 0",
    r"//server/share /mnt/共享\040盘 cifs rw 0 0",  # a space in a mount point is written \040
    "//server/share3 /media/smb smb3 rw 0 0",
    "//server/old /media/old smbfs rw 0 0",
    "C:\\134 /mnt/c 9p rw 0 0",  # WSL's Windows drives: a file protocol, no SQLite locking over it
    "/dev/sdb1 /mnt/nfs/local ext4 rw 0 0",  # a local disk mounted inside the share
    "/dev/sdc1 /mnt/nfsish ext4 rw 0 0",  # not under /mnt/nfs
    "server:/export /home/clerk/nfs nfs4 rw 0 0",
    "/dev/sdd1 /home/clerk/nfs xfs rw 0 0",  # mounted over it later: the last mount there wins
    "server:/short /mnt/short nfs",  # only the three fields read
])


@pytest.mark.skipif(sys.platform == "win32", reason="Linux mount table")
@pytest.mark.parametrize(("path", "network"), [
    ("/mnt/nfs/台账/ledger.db", True),
    ("/mnt/nfs", True),
    ("/srv/nfs4/ledger.db", True),
    ("/mnt/共享 盘/ledger.db", True),
    ("/media/smb/ledger.db", True),
    ("/media/old/ledger.db", True),
    ("/mnt/c/Users/clerk/ledger.db", True),
    ("/mnt/nfs/local/ledger.db", False),
    ("/mnt/nfsish/ledger.db", False),
    ("/home/clerk/nfs/ledger.db", False),
    ("/home/clerk/ledger.db", False),
    ("/tmp/ledger.db", False),
    ("/mnt/short/ledger.db", True),
])
def test_network_mounts_on_linux(path, network):
    assert is_network_path(path, mounts=MOUNTS) is network


@pytest.mark.skipif(sys.platform == "win32", reason="Linux mount table")
@pytest.mark.parametrize(("path", "kind"), [("/home/clerk/ledger.db", "ext4"), ("/", "ext4"), ("/sys/x", "sysfs"),
                                            ("/home/clerk/nfs/ledger.db", "xfs"), ("/mnt/short", "nfs")])
def test_the_file_system_a_path_is_on(path, kind):
    from ledger_app.system.files import file_system_type

    assert file_system_type(path, MOUNTS) == kind


def test_a_windows_path_judged_elsewhere_is_local_unless_its_drive_is_remote():
    """Asked off Windows with GetDriveTypeW's answers (tests, the server's check of a clerk's path): a fixed
    drive is local; a path whose link cannot be followed is not taken for a share."""
    fixed = lambda root: 3  # noqa: E731 - DRIVE_FIXED

    def unreadable(path: str) -> str:
        raise OSError(5, "access denied")

    assert is_network_path(PureWindowsPath(r"C:\台账\ledger.db"), drive_type=fixed) is False
    assert is_network_path(PureWindowsPath(r"C:\台账\ledger.db"), drive_type=fixed, resolve=unreadable) is False


@pytest.mark.skipif(sys.platform == "win32", reason="Linux mount table")
def test_a_link_to_a_network_mount_is_on_the_network(tmp_path):
    link = tmp_path / "台账"
    link.symlink_to("/mnt/nfs/台账")
    assert is_network_path(link / "ledger.db", mounts=MOUNTS) is True
    assert is_network_path(tmp_path / "ledger.db", mounts=MOUNTS) is False


@pytest.mark.skipif(sys.platform == "win32", reason="Linux mount table")
def test_a_ledger_on_an_nfs_mount_is_refused(tmp_path, monkeypatch, capsys):
    share = tmp_path / "nfs"
    share.mkdir()
    table = f"/dev/sda1 / ext4 rw 0 0\nserver:/export {share} nfs4 rw 0 0\n"
    monkeypatch.setattr("ledger_app.system.files._mount_table", lambda: table)
    with pytest.raises(LedgerError, match="网络驱动器"):
        open_ledger(str(share / "ledger.db"))
    assert not (share / "ledger.db").exists()
    assert cli_main(["--db", str(share / "ledger.db"), "list"]) == 2
    assert "网络驱动器" in capsys.readouterr().err
    open_ledger(str(tmp_path / "local" / "ledger.db")).close()  # a local file still opens


def test_network_detection_on_this_computer(tmp_path):
    assert is_network_path(tmp_path / "ledger.db") is False
    if sys.platform.startswith("linux"):  # the system's own mount table was read: the folder is on something
        from ledger_app.system.files import file_system_type

        assert file_system_type(tmp_path)


def test_ledger_on_a_network_drive_is_refused_with_the_server_option(tmp_path, monkeypatch, capsys):
    share = tmp_path / "share" / "ledger.db"
    monkeypatch.setattr("ledger_app.store.opening.is_network_path", lambda path: Path(path).parent.name == "share")
    with pytest.raises(LedgerError, match="网络驱动器") as caught:
        open_ledger(str(share))
    assert "连接共享台账服务器" in str(caught.value) and not share.exists()
    assert cli_main(["--db", str(share), "list"]) == 2
    assert "网络驱动器" in capsys.readouterr().err
    open_ledger(str(tmp_path / "local" / "ledger.db")).close()  # a local file still opens
