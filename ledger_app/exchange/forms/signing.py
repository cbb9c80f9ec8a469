"""Signatures on the department forms: every value of the hidden identity sheet and every locked
cell carries an HMAC made with the ledger's own secret (made with the ledger, or by migration 0008
for an older one), so that a form edited outside the program (a task id moved onto another
department's task, a locked cell changed and its checksum recomputed) is refused, naming the cell,
while Excel, WPS or LibreOffice re-saving it is not."""

from __future__ import annotations

import hashlib
import hmac

from sqlalchemy import Engine, select

from ledger_app.exchange.importing.parse import cell_text
from ledger_app.messages.errors import LedgerError
from ledger_app.store.schema import setting
from ledger_app.store.settings import SECRET_KEY

_LENGTH = 16  # hex digits kept: 64 bits, far beyond guessing one cell at a time


def form_secret(engine: Engine) -> bytes:
    with engine.connect() as conn:
        value = conn.execute(select(setting.c.value).where(setting.c.key == SECRET_KEY)).scalar()
    if value is None:  # every ledger gets one when made (or from migration 0008)
        raise LedgerError("台账缺少填报表签名密钥，请用本程序重新打开台账后再试")
    return bytes.fromhex(value)


def sign(secret: bytes, *parts: object) -> str:
    """The signature of ``parts``, spelled the same whether a value is written here or read back from
    any spreadsheet program (cell_text: 3 and 3.0 are one number)."""
    text = "\x1f".join(cell_text(p) for p in parts)
    return hmac.new(secret, text.encode(), hashlib.sha256).hexdigest()[:_LENGTH]  # str.encode: always UTF-8


def signed(secret: bytes, expected: str, *parts: object) -> bool:
    return hmac.compare_digest(sign(secret, *parts), cell_text(expected))
