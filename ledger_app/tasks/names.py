"""A unit's name as one spelling: the ledger compares names written by different offices."""

from __future__ import annotations

import functools
import re
import unicodedata

_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=4096)  # a table names the same few dozen offices in thousands of rows
def normalise_name(name: str) -> str:
    """Trim, turn full-width spaces/letters/digits into their usual forms, drop inner spaces.

    Brackets stay as written by the offices (全角（）) because that is how their
    names appear in official documents; only the spacing is unified.
    """
    text = unicodedata.normalize("NFKC", name)
    text = text.replace("(", "（").replace(")", "）")
    return _SPACES.sub("", text).strip()
