"""One message catalogue for the core: every message template the core can show (LedgerError,
t(), Message, a file Problem, a deadline error) has its English, so `--lang en` and the English window
never fall back to Chinese; and no Chinese text is put together outside that catalogue."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from datetime import date
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
            if not _catalogued(name):
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


# Chinese put together at run time without a template of the catalogue: allowed only here, each with why.
# ledger_app/documents/ is exempt as a whole: the PDF 公文 are Chinese official documents whatever language
# the window speaks. Regular expressions (raw f-strings) are patterns, not text.
CHINESE_BY_NATURE = {
    "exchange/forms/workbook.py:_write_form": "the fill-in form sent to a department is a Chinese document",
    "exchange/forms/workbook.py:issue_forms": "the form's file name, for the department that receives it",
    "exchange/forms/indicator_sheet.py:write": "the indicator form sent to a department is a Chinese document",
    "records/numbering.py:format_number": "a 文号 (经开改办〔2017〕3号) is written so in any language",
    "exchange/forms/claim_sheet.py:write": "the 申请销号 page of the form sent to a department is a Chinese document",
    "exchange/forms/claim_sheet.py:apply": "ledger data: the source a claim merged from a form is recorded with",
    "periods/carry_plan.py:_next_title": "ledger data: next year's plan title",
    "periods/carry_over.py:*": "ledger data: next year's plan title, the deadline text it parses back, the records",
}


def _cjk(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and bool(CJK.search(node.value))


def _chinese_in(node: ast.AST) -> bool:
    """Chinese literal text in ``node``, leaving out templates handed to the catalogue (t("…") + "%" is fine)."""
    if isinstance(node, ast.Call) and _catalogued(_called(node) or ""):
        return False
    return _cjk(node) or any(_chinese_in(child) for child in ast.iter_child_nodes(node))


def _catalogued(name: str) -> bool:
    return name in ("t", "Message", "Problem", "problem") or name.endswith("Error") or name.endswith("Rejected")


def _text(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))


def built_chinese(source: str) -> list[tuple[int, str, str]]:
    """(line, function, code) of Chinese text put together in ``source`` other than through a template: an
    f-string, a concatenation or .format() with Chinese in it, or a Chinese literal appended to a list
    (the merge's conflicts were such lists)."""
    tree = ast.parse(source)
    parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            hit = _chinese_in(node) and \
                not (ast.get_source_segment(source, node) or "").lower().startswith(("rf", "fr"))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            hit = (_text(node.left) or _text(node.right)) and _chinese_in(node) \
                and not isinstance(parents.get(node), ast.BinOp)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            hit = (node.func.attr == "format" and _cjk(node.func.value)) or \
                (node.func.attr == "append" and bool(node.args) and _cjk(node.args[0]))
        else:
            continue
        if hit:
            owner = node
            while owner in parents and not isinstance(owner, ast.FunctionDef | ast.AsyncFunctionDef):
                owner = parents[owner]
            found.append((node.lineno, getattr(owner, "name", "<module>"), ast.get_source_segment(source, node)))
    return found


def test_no_chinese_is_put_together_outside_the_catalogue():
    """A new f"…{x}…" with Chinese in it shows Chinese in the English window: write a template, register its
    English, and pass it to t() (shown), Message (kept in Chinese, shown in the user's language), LedgerError
    or Problem."""
    escaped = []
    for path in sorted(ROOT.rglob("*.py")):
        where = path.relative_to(ROOT).as_posix()
        if where.startswith("documents/"):
            continue
        for line, function, code in built_chinese(path.read_text(encoding="utf-8")):
            if f"{where}:{function}" not in CHINESE_BY_NATURE and f"{where}:*" not in CHINESE_BY_NATURE:
                escaped.append(f"ledger_app/{where}:{line} ({function}): {code}")
    assert escaped == []


def test_the_scan_finds_chinese_built_every_way():
    source = ('def rule(lag, xs, d):\n'
              '    a = f"落后{lag}个百分点"\n'
              '    b = "完成" + d\n'
              '    c = "第{n}季度".format(n=3)\n'
              '    xs.append("任务已不在台账中")\n'
              '    ok = t("落后{lag}个百分点", lag=lag) + "%"\n'
              '    pattern = rf"{d}\\s*年"\n'
              '    return "一二三四".index(d) + 1\n')
    assert [(line, function) for line, function, _code in built_chinese(source)] == [(2, "rule"), (3, "rule"),
                                                                                   (4, "rule"), (5, "rule")]


def test_a_message_is_kept_in_chinese_and_shown_in_the_users_language():
    from ledger_app.dates.quarters import cn_date, quarter_name
    from ledger_app.messages import i18n
    from ledger_app.supervision.escalation import OVERDUE_FACTS

    facts = i18n.Message(OVERDUE_FACTS, deadline=cn_date(date(2017, 9, 30)), late=15, percent=40)
    closed = "{quarter}已封账：业务日期为 {day} 的修改需要作为“更正”录入并说明原因（或由负责人重新打开该季度）"
    assert facts == "已超过完成时限（2017年9月30日）15天，完成40%"  # what the 督办 record keeps
    i18n.set_language("en")
    try:
        assert str(facts) == "已超过完成时限（2017年9月30日）15天，完成40%"
        assert i18n.t(facts) == "15 days past the deadline (2017-09-30), 40% done"
        assert i18n.t(closed, quarter=quarter_name(2017, 3), day="2017-08-01").startswith("2017 Q3 is closed")
        assert i18n.t("{x}", x=[quarter_name(2017, 2), quarter_name(2017, 3)]) == "2017 Q2, 2017 Q3"
    finally:
        i18n.set_language("zh")
    assert i18n.t("{x}", x=[quarter_name(2017, 2), quarter_name(2017, 3)]) == "2017年第二季度、2017年第三季度"
