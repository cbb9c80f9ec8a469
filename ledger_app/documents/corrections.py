"""更正说明: a closed quarter's reprint lists each 更正 entered since the close, with its reason,
after what it says about the tasks it corrects (see ledger_app.periods.closing)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ledger_app.documents.layout import Signature, para, styles
from ledger_app.documents.text import TextStyle
from ledger_app.documents.words import cn_date
from ledger_app.periods.snapshot import Snapshot


def lines(snapshot: Snapshot, task_ids: set[int] | None = None) -> list[str]:
    return [f"任务{c.code}“{c.title}”的{c.field}由“{c.old or '空'}”更正为“{c.new or '空'}”"
            f"（业务日期{cn_date(c.effective_on)}，{cn_date(c.entered_on)}更正，原因：{c.reason}）。"
            for c in snapshot.corrections_of(task_ids)]


def note(snapshot: Snapshot, style: TextStyle, task_ids: set[int] | None = None) -> list[Flowable]:
    """"更正：" and one numbered line per 更正 (nothing when there is none)."""
    found = lines(snapshot, task_ids)
    if not found:
        return []
    return [para("更正：本期封账后，下列情况经更正，本文按更正后的情况印发。", style),
            *(para(f"{i}. {line}", style) for i, line in enumerate(found, start=1))]


def before_signature(story: list[Flowable], snapshot: Snapshot, task_ids: set[int] | None = None) -> list[Flowable]:
    """``story`` with the 更正 note put before its 落款 (at its end if it has none)."""
    extra = note(snapshot, styles().body, task_ids)
    if not extra:
        return story
    at = next((i for i, f in enumerate(story) if isinstance(f, Signature)), len(story))
    return [*story[:at], *extra, *story[at:]]
