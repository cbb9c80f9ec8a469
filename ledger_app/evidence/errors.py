"""The refusal of a file offered as evidence, naming it: nothing of a refused file is stored."""

from __future__ import annotations

from ledger_app.messages.errors import LedgerError
from ledger_app.messages.i18n import EN, t

REFUSED = "“{name}”{why}，未保存任何内容"
EN.update({REFUSED: "'{name}' {why}; nothing was stored"})


class _Why:
    """The reason, translated when the message is rendered (the language may change meanwhile)."""

    def __init__(self, template: str, values: dict[str, object]) -> None:
        self.template, self.values = template, values

    def __format__(self, spec: str) -> str:
        return format(t(self.template, **self.values), spec)


class EvidenceRejected(LedgerError):
    """A file that may not be kept as evidence; ``why`` is a template of the catalogue, with ``values``."""

    def __init__(self, name: str, why: str, **values: object) -> None:
        super().__init__(REFUSED, name=name, why=_Why(why, values))
        self.name, self.why = name, why
