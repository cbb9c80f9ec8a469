"""The layout a newcomer reads: every package of the core says what it owns and what it may import,
and no two modules' names differ only by a plural (``table.py`` beside ``tables.py`` once hid where
the schema lived). The import contracts themselves are checked by ``lint-imports`` (.importlinter)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("ledger_app", "ui", "db")


def _modules() -> list[Path]:
    return [p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py") if "migrations" not in p.parts]


def test_every_package_of_the_core_says_what_it_owns_and_may_import():
    quiet = []
    for init in (ROOT / "ledger_app").rglob("__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        if len(doc) < 80 or "import" not in doc.lower():
            quiet.append(str(init.relative_to(ROOT)))
    assert not quiet, f"packages without a docstring naming what they hold and may import: {quiet}"


def test_no_two_module_names_differ_by_a_plural():
    names = {p.stem if p.stem != "__init__" else p.parent.name for p in _modules()}
    clashes = sorted((n, n + "s") for n in names if n + "s" in names)
    clashes += sorted((n, n[:-1] + "ies") for n in names if n.endswith("y") and n[:-1] + "ies" in names)
    assert not clashes, f"module names that differ by a plural: {clashes}"


def test_no_module_is_named_like_its_neighbouring_package():
    """``ledger_app/x.py`` beside ``ledger_app/x/`` would shadow one another on import."""
    shadowed = [str(p.relative_to(ROOT)) for p in _modules() if p.stem != "__init__" and p.with_suffix("").is_dir()]
    assert not shadowed, shadowed


def test_every_change_log_row_is_made_by_change_row():
    """One definition of a change-log line (issue 23): code that wrote ``ChangeLog(task_id=…, …)`` itself
    drifted from it (a line without its 业务日期 or version). Only ``tasks.timeline.change_row`` names the
    columns; everyone else passes its dict on (``ChangeLog(**change_row(...))`` or a bulk insert)."""
    found = []
    for path in (ROOT / "ledger_app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "ChangeLog" and node.keywords \
                    and any(k.arg is not None for k in node.keywords):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == [], found
