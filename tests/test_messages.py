"""One message catalogue for the core: every message template the core can show (LedgerError,
t(), a file Problem, a deadline error) has its English, so `--lang en` and the English window
never fall back to Chinese."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from pathlib import Path

import ledger_app
from ledger_app.messages.i18n import EN

CJK = re.compile(r"[\u4e00-\u9fff]")
ROOT = Path(ledger_app.__file__).parent


def _called(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    return node.func.attr if isinstance(node.func, ast.Attribute) else None


def templates() -> dict[str, str]:
    """Chinese templates handed to the message machinery anywhere in ledger_app, with where."""
    found: dict[str, str] = {}
    for path in ROOT.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {target.id: node.value.value for node in ast.walk(tree) if isinstance(node, ast.Assign)
                     and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
                     for target in node.targets if isinstance(target, ast.Name)}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _called(node) or ""
            if not (name in ("t", "Problem", "problem") or name.endswith("Error") or name.endswith("Rejected")):
                continue
            for arg in node.args[:4]:
                text = arg.value if isinstance(arg, ast.Constant) else constants.get(getattr(arg, "id", ""))
                if isinstance(text, str) and CJK.search(text):
                    found.setdefault(text, f"{path.relative_to(ROOT.parent)}:{node.lineno}")
    return found


def test_every_core_message_has_english():
    for module in pkgutil.walk_packages([str(ROOT)], "ledger_app."):
        importlib.import_module(module.name)  # each module registers its English
    found = templates()
    assert len(found) > 100, "the scan finds the core's messages"
    missing = {text: where for text, where in found.items() if text not in EN}
    assert missing == {}, missing


def test_a_deadline_error_speaks_the_users_language():
    from ledger_app.dates.deadlines import DeadlineError, parse_deadline
    from ledger_app.messages import i18n

    i18n.set_language("en")
    try:
        try:
            parse_deadline("2017年2月30日", None)
        except DeadlineError as exc:
            assert str(exc) == "no such date: 2017年2月30日"
        else:
            raise AssertionError("2月30日 was accepted")
    finally:
        i18n.set_language("zh")
