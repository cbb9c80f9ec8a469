"""Chinese line breaking (禁则) for the documents.

Text is cut into tokens that may not be broken inside: one Chinese character, a Latin word, a
number with its unit (60%, 2017年, 1.5亿元), or a protected name (a department or a
person). Closing punctuation is glued to the token before it and opening punctuation to the token
after it, so a greedy fill that breaks only between tokens can never start a line with ，。、 or end
one with （《. A token wider than the line is cut by characters as a last resort.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

# A line never starts with these (GB/T 9704 and common 禁则) ...
CANNOT_START = "，。、；：？！）》」』”’％%〕】〉﹞…·,.;:?!)]}"
# ... and never ends with these.
CANNOT_END = "（《「『“‘〔【〈﹝([{"
UNITS = "年月日号时分秒个项家人次元万亿千百米吨倍亩座所条件份户期批类天周岁名位余%％"
_DIGITS = r"[0-9０-９]+(?:[.．][0-9０-９]+)?"
# A figure with the signs of a sum or a product ("×0.5", "3+2", "1+6", "2017—2018") and its unit.
_NUMBER = (r"[×＋+]?" + _DIGITS + r"(?:[×＋+\-－—~～/÷]" + _DIGITS + r")*[" + UNITS + r"]{0,3}")
# A date, whole or year-month or month-day, or a year's quarter: "2018年1月10日", "2017年第三季度"
# and "2017年度" are never broken.
_DATE = r"[0-9]{4}年(?:[0-9]{1,2}月(?:[0-9]{1,2}日)?|第[一二三四]季度|度)|[0-9]{1,2}月[0-9]{1,2}日"
# An ordinal with what it counts: 第三季度, 第3批.
_ORDINAL = r"第[0-9一二三四五六七八九十百]+(?:季度|[季期号批条项次届年])?"
_LATIN = r"[A-Za-z0-9_@#&+\-/.]+"
_ATOM = re.compile(f"{_DATE}|{_ORDINAL}|{_NUMBER}|{_LATIN}|\\s+|.", re.DOTALL)

Measure = Callable[[str], float]

# Where a unit's name (单位: a department, an office) too long for its column may be broken:
# after the place or zone it belongs to (常州经济开发区｜经济发展局, 常州市｜…) and after a joining
# 和/与 (发展和｜改革委员会) — never inside a word such as 经济发展 or 委员会.
_ZONES = re.compile(r"经济技术开发区|高新技术产业开发区|经济开发区|开发区|高新区|新区|园区|管委会|街道|"
                    r"[和与]|[省市县区镇乡]")
# … and before the kind of office it is, when that is a word of its own (区市场监督｜管理局).
_KINDS = re.compile(r"(?=管理局|委员会|办公室|服务中心|领导小组|工作站)")


def name_parts(name: str) -> list[str]:
    """``name`` cut at the points it may be broken at (see _ZONES): never leaving a piece of one
    character, and after 市/区… only when a place name of two characters or more stands before it
    (常州市｜…, but not 区市｜场…)."""
    cuts: dict[int, int] = {}  # where → how much must follow
    for match in _ZONES.finditer(name):
        word = match.group()
        if len(word) > 1 or word in "和与" or match.start() >= 2:
            cuts[match.end()] = 3 if word in "和与" else 2
    for match in _KINDS.finditer(name):
        cuts.setdefault(match.start(), 3)
    parts, at = [], 0
    for cut in sorted(cuts):
        if cut - at >= 2 and len(name) - cut >= cuts[cut]:
            parts.append(name[at:cut])
            at = cut
    return parts + [name[at:]]


@lru_cache(maxsize=256)
def _names_pattern(keep: tuple[str, ...]) -> re.Pattern | None:
    """The names of ``keep``, longest first, as one pattern: built once per table, not once per cell
    (escaping some sixty names for each of ten thousand cells was a third of a sheet's typesetting)."""
    names = sorted({k for k in keep if len(k) > 1}, key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in names)) if names else None


def tokens(text: str, keep: Iterable[str] = ()) -> list[str]:
    """Unbreakable pieces of ``text``; ``keep``: names that stay whole when a line can hold them."""
    pattern = _names_pattern(keep if isinstance(keep, tuple) else tuple(keep))
    pieces: list[str] = []
    if pattern is not None:
        at = 0
        for match in pattern.finditer(text):
            pieces += _ATOM.findall(text[at:match.start()])
            pieces.append(match.group())
            at = match.end()
        pieces += _ATOM.findall(text[at:])
    else:
        pieces = _ATOM.findall(text)
    glued: list[str] = []
    opening = ""
    for piece in pieces:
        if piece == "\n" or piece.isspace():
            if opening:
                glued.append(opening)
                opening = ""
            glued.append(piece if "\n" not in piece else "\n")
        elif piece in CANNOT_END or (len(piece) == 1 and piece in CANNOT_END):
            opening += piece
        elif piece[0] in CANNOT_START and glued and glued[-1] != "\n" and not opening:
            if glued[-1].isspace() and len(glued) > 1 and glued[-2] != "\n":
                blank = glued.pop()  # "联系人：　　，": the comma stays with the word before the blank
                glued[-1] += blank
            glued[-1] += piece
        else:
            glued.append(opening + piece)
            opening = ""
    if opening:
        glued.append(opening)
    return glued


def break_lines(text: str, widths: Sequence[float] | float, measure: Measure,
                keep: Iterable[str] = ()) -> list[str]:
    """Lines of ``text``, each at most its width (``widths[i]``, the last repeating) by ``measure``."""
    if isinstance(widths, (int, float)):
        widths = [float(widths)]
    lines: list[str] = []
    current, used = "", 0.0

    def width_of(index: int) -> float:
        return widths[min(index, len(widths) - 1)]

    def flush() -> None:
        nonlocal current, used
        lines.append(current.rstrip(" "))
        current, used = "", 0.0

    pending = tokens(text, keep)
    pending.reverse()
    while pending:
        token = pending.pop()
        if token == "\n":
            flush()
            continue
        if token.isspace() and not current:
            continue  # no leading blanks on a wrapped line
        size = measure(token)
        limit = width_of(len(lines))
        if used + size <= limit + 0.01:
            current += token
            used += size
            continue
        if current.strip():
            flush()
            limit = width_of(len(lines))
            if token.isspace():
                continue
        if size <= limit + 0.01:
            current, used = token, size
            continue
        parts = name_parts(token) if len(token) > 2 else [token]
        if len(parts) > 1:  # a unit's name wider than the column: broken where it reads well first
            pending.extend(reversed(parts))
            continue
        # Wider than a whole line: cut by characters, still never starting a line with 。 and the like.
        for char in token:
            char_size = measure(char)
            if used + char_size > width_of(len(lines)) + 0.01 and current:
                if char not in CANNOT_START and current[-1] in CANNOT_END and len(current) > 1:
                    carry, current = current[-1], current[:-1]  # （ goes down with what it opens
                    flush()
                    current, used = carry, measure(carry)
                elif char not in CANNOT_START:
                    flush()
                elif len(current) > 1 and current[-1] not in CANNOT_START:
                    # Take the character before down with the 。 rather than start a line with it;
                    # a run of punctuation hangs past the margin instead.
                    carry, current = current[-1], current[:-1]
                    flush()
                    current, used = carry, measure(carry)
            current += char
            used += char_size
    if current or not lines:
        flush()
    return lines


KINDS_OF_OFFICE = ("委员会", "办公室", "管理局", "服务中心", "领导小组", "工作站")


def balanced_halves(name: str) -> tuple[str, str]:
    """``name`` in two lines as near equal as its break points allow (any character when it has none)."""
    parts = name_parts(name)
    cuts = {sum(len(p) for p in parts[:k]) for k in range(1, len(parts))}
    # … and after an office's full name inside a longer one (…工作委员会｜全面深化改革…).
    cuts |= {m.end() for m in re.finditer("|".join((*KINDS_OF_OFFICE, "工委", "党委", "政府")), name)
             if m.end() < len(name)}
    cuts = sorted(cuts)
    # A cut that leaves 3 characters or fewer on a line (办公室 alone) reads badly: only the last resort.
    good = [c for c in cuts if min(c, len(name) - c) > 3 and abs(len(name) - 2 * c) <= len(name) // 3]
    # In a mark, a line that starts with the kind of office (委员会…) parts it from its own name: last choice.
    cut = min(good, key=lambda c: (name[c:].startswith(KINDS_OF_OFFICE), abs(len(name) - 2 * c))) if good \
        else (len(name) + 1) // 2
    return name[:cut], name[cut:]
