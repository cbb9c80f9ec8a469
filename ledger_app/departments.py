"""Department names as clerks write them: several per cell, odd spaces and punctuation."""

from __future__ import annotations

import re
import unicodedata

# 、，, ; ； / ／ and line breaks separate departments within one cell.
_SEPARATORS = re.compile(r"[、，,;；/／\n\r]+")
_SPACES = re.compile(r"\s+")


def normalise_name(name: str) -> str:
    """Trim, turn full-width spaces/letters/digits into their usual forms, drop inner spaces.

    Brackets stay as written by the offices (全角（）) because that is how their
    names appear in official documents; only the spacing is unified.
    """
    text = unicodedata.normalize("NFKC", name)
    text = text.replace("(", "（").replace(")", "）")
    return _SPACES.sub("", text).strip()


def split_departments(cell: object) -> list[str]:
    """``'财政局、经济发展局'`` → ``['财政局', '经济发展局']``; duplicates removed, order kept."""
    if cell is None:
        return []
    seen: dict[str, None] = {}
    for part in _SEPARATORS.split(str(cell)):
        name = normalise_name(part)
        if name and name not in {"无", "—", "-", "/"}:
            seen.setdefault(name)
    return list(seen)
