"""The typefaces an official document is set in, found on this computer and embedded in the PDF.

GB/T 9704 sets titles in 小标宋, text in 仿宋, first-level headings in 黑体 and second-level ones
in 楷体; tables are commonly 宋体. Offices have 方正小标宋简体 / 仿宋_GB2312 / 楷体_GB2312 installed,
every Windows has SimHei / FangSong / KaiTi / SimSun. Each role takes the first file found in its
list; the bundled WenQuanYi Micro Hei stands in only where a role found nothing (a bare Linux box).

reportlab embeds TrueType outlines only (not CFF-flavoured OpenType such as Noto CJK), so only
.ttf/.ttc files are candidates. A character missing from a role's font is drawn with the bundled
font, or else with a font of the CJK extensions found on the computer (every Chinese Windows has
SimSun-ExtB, which holds 𠮷 and the other characters of Extension B), instead of as an empty box
(see :func:`font_for_char`); a character no font holds is refused before typesetting
(:func:`uncovered`), never printed as a blank.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from ledger_app.messages.i18n import EN, t
from ledger_app.system.resources import CJK_FONT, resource_path

# Role → candidate file names, best first. Names are matched case-insensitively.
CANDIDATES: dict[str, tuple[str, ...]] = {
    "xbs": ("FZXBSJW.TTF", "方正小标宋简体.ttf", "FZXiaoBiaoSong-B05S.ttf", "方正小标宋_GBK.ttf", "FZXBSK.TTF",
            "simhei.ttf"),
    "fang": ("仿宋_GB2312.ttf", "FS_GB2312.ttf", "FangSong_GB2312.ttf", "simfang.ttf"),
    "kai": ("楷体_GB2312.ttf", "KAI_GB2312.ttf", "KaiTi_GB2312.ttf", "simkai.ttf", "ukai.ttc"),
    "hei": ("simhei.ttf", "wqy-zenhei.ttc"),
    "song": ("simsun.ttc", "simsun.ttf", "uming.ttc"),
}
# Fonts of the CJK extensions (outside the BMP), drawn from where the role's font and the bundled one
# have no glyph: Windows' SimSun-ExtB (Ext. B) and SimSun-ExtG (Ext. G), MingLiU-ExtB, and on
# Linux 花園明朝 B (fonts-hanazono) and BabelStone Han.
EXTENSIONS = ("simsunb.ttf", "SimSun-ExtB.ttf", "simsunextg.ttf", "SimSun-ExtG.ttf", "mingliub.ttc", "HanaMinB.ttf",
              "BabelStoneHan.ttf")
ROLE_NAMES = {"xbs": "小标宋", "fang": "仿宋", "kai": "楷体", "hei": "黑体", "song": "宋体"}
FALLBACK = "LedgerBundled"
FONTS_ENV = "TASK_LEDGER_FONTS"  # an extra folder to look in first (offices that keep fonts on a share)


@dataclass(frozen=True)
class FontSet:
    """reportlab font names per role, and the file each came from."""

    xbs: str
    fang: str
    kai: str
    hei: str
    song: str
    sources: dict[str, str]

    # Names the older document code used; kept so a role reads as what it is for.
    @property
    def title(self) -> str:
        return self.xbs

    @property
    def body(self) -> str:
        return self.fang

    @property
    def table(self) -> str:
        return self.song

    def describe(self) -> list[str]:
        """One line per role: 标题（小标宋）：/path/FZXBSJW.TTF."""
        return [f"{ROLE_NAMES[role]}：{Path(path).name}" for role, path in self.sources.items()]


# The faces GB/T 9704 names, per role: a file of these (or Windows' own 仿宋/楷体/黑体) sets the role
# as the standard wants. Anything else found for it (SimHei standing in for 小标宋, the bundled sans
# font for all four) is a substitute the clerk must be told of before a 公文 goes out.
STANDARD_FACES: dict[str, tuple[str, ...]] = {
    "xbs": CANDIDATES["xbs"][:-1],
    "fang": CANDIDATES["fang"],
    "kai": CANDIDATES["kai"],
    "hei": CANDIDATES["hei"],
}
INSTALL_HINT = ("请安装方正小标宋简体、仿宋_GB2312、楷体_GB2312"
                "（Windows 自带仿宋 FangSong、楷体 KaiTi、黑体 SimHei 亦可），"
                "或把字体文件放在环境变量 TASK_LEDGER_FONTS 所指的文件夹中，然后重新打开程序")
FONT_WARNING = "本机缺少公文（GB/T 9704）规定的字体：{missing}。印出的公文字体不合规定；" + INSTALL_HINT + "。"
EN.update({
    FONT_WARNING: "this computer lacks the typefaces official documents (GB/T 9704) are set in: {missing}. A document "
                  "printed now is not in the prescribed faces. Install FZXiaoBiaoSong, FangSong_GB2312 and "
                  "KaiTi_GB2312 (or Windows' own FangSong, KaiTi and SimHei), or put the font files in the folder "
                  "named by the TASK_LEDGER_FONTS environment variable, and open the program again.",
    "{role}（以{used}代替）": "{role} (set in {used} instead)",
    "程序自带的文泉驿微米黑": "the bundled WenQuanYi Micro Hei",
})


def substituted(fonts: FontSet | None = None) -> list[tuple[str, str]]:
    """(role, what stands in for it) for each GB/T role set in a face other than the standard's."""
    fonts = fonts or register_fonts()
    out = []
    for role, faces in STANDARD_FACES.items():
        used = Path(fonts.sources.get(role, ""))
        if used.name.lower() not in {f.lower() for f in faces}:
            bundled = used.name == Path(CJK_FONT[-1]).name
            out.append((ROLE_NAMES[role], t("程序自带的文泉驿微米黑") if bundled else used.name or "—"))
    return out


def font_warning(fonts: FontSet | None = None) -> str:
    """What the command line and the window say before a 公文 is issued in substitute faces ("" if none)."""
    missing = substituted(fonts)
    if not missing:
        return ""
    said = [t("{role}（以{used}代替）", role=role, used=used) for role, used in missing]
    return t(FONT_WARNING, missing="、".join(said))


def font_dirs() -> list[Path]:
    """Where to look, in order: the configured folder, Windows' and the user's font folders, Linux's."""
    dirs: list[Path] = []
    extra = os.environ.get(FONTS_ENV)
    if extra:
        dirs.append(Path(extra))
    windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot")
    if windir:
        dirs.append(Path(windir) / "Fonts")
    local = os.environ.get("LOCALAPPDATA")
    if local:  # fonts installed "for this user only" (no admin rights) land here
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    dirs += [Path("/usr/share/fonts/truetype/arphic"), Path("/usr/share/fonts/truetype/wqy"),
             Path("/usr/share/fonts/truetype/hanazono"), Path("/usr/share/fonts/truetype/babelstone"),
             Path.home() / ".fonts", Path("/usr/share/fonts/truetype")]
    return dirs


def _index(folder: Path) -> dict[str, Path]:
    try:
        return {p.name.lower(): p for p in folder.iterdir() if p.suffix.lower() in (".ttf", ".ttc")}
    except OSError:
        return {}


def _found(names: tuple[str, ...]) -> list[Path]:
    """The files of ``names`` found on this computer, in the order of ``names``."""
    indexes = [_index(folder) for folder in font_dirs()]
    return [index[name.lower()] for name in names for index in indexes if name.lower() in index]


def find_font(role: str) -> Path | None:
    """The first candidate file of ``role`` found on this computer."""
    return next(iter(_found(CANDIDATES[role])), None)


def _register(name: str, path: Path) -> bool:
    try:
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=0))
    except (TTFError, OSError, ValueError):  # a damaged or CFF font file: try the next role source
        return False
    return True


_registered: FontSet | None = None
_fallbacks: list[str] = []  # the bundled font, then the extension fonts registered so far
# Extension fonts found and not registered yet: reading one takes a fifth of a second (花園明朝 B, 30 MB),
# and a document needs one only for a character outside the BMP. Registered when one is first needed.
_extensions: list[Path] = []
_extensions_lock = threading.Lock()


def register_fonts() -> FontSet:
    """Register each role once per process."""
    global _registered
    if _registered is not None:
        return _registered
    bundled = resource_path(*CJK_FONT)
    _register(FALLBACK, bundled)
    names: dict[str, str] = {}
    sources: dict[str, str] = {}
    for role in CANDIDATES:
        path = find_font(role)
        name = f"Ledger-{role}"
        if path is None or not _register(name, path):
            name, path = FALLBACK, bundled
        names[role] = name
        sources[role] = str(path)
    _fallbacks[:] = [FALLBACK]
    _extensions[:] = list(dict.fromkeys(_found(EXTENSIONS)))
    _registered = FontSet(sources=sources, **names)
    return _registered


def _fallback_fonts() -> Iterator[str]:
    """The fallback fonts in order, each extension font registered when the search first reaches it (by
    position, so that one registered meanwhile by another thread's search is seen here too)."""
    position = 0
    while True:
        with _extensions_lock:
            while position == len(_fallbacks) and _extensions:
                path = _extensions.pop(0)
                name = f"LedgerExt-{len(_fallbacks) - 1}"
                if _register(name, path):
                    _fallbacks.append(name)
            if position == len(_fallbacks):
                return
            name = _fallbacks[position]
        position += 1
        yield name


@cache
def _charmap(font_name: str) -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


def covers(font_name: str, char: str) -> bool:
    return ord(char) in _charmap(font_name) or char in "\n\t "


def font_for_char(font_name: str, char: str) -> str:
    """``font_name`` when it has a glyph for ``char``, else the first fallback that has one."""
    if covers(font_name, char):
        return font_name
    return next((f for f in _fallback_fonts() if covers(f, char)), FALLBACK)


def uncovered(text: str) -> set[str]:
    """The characters of ``text`` no font of the document can draw (they would print as blanks)."""
    fonts = register_fonts()
    roles = {fonts.xbs, fonts.fang, fonts.kai, fonts.hei, fonts.song}
    return {c for c in set(text) if not any(covers(f, c) for f in roles)
            and not any(covers(f, c) for f in _fallback_fonts())}


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with a character outside the BMP written as PDF requires, in
    UTF-16 (<D842DFB7>): reportlab writes <20BB7>, which readers reject, so the text layer (copying,
    searching, an archive's full-text index) lost 𠮷 though the page showed it."""
    codes = [f"<{i:02X}> <{chr(v).encode('utf-16-be', 'surrogatepass').hex().upper()}>" for i, v in enumerate(subset)]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange", f"{len(subset)} beginbfchar", *codes, "endbfchar", "endcmap",
        "CMapName currentdict /CMap defineresource pop", "end", "end"])


ttfonts.makeToUnicodeCMap = _to_unicode_cmap
