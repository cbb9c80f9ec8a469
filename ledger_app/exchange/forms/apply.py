"""Merging returned fill-in forms: the accepted answers written in one transaction, after a backup,
every task's version rechecked where it is written (ledger_app.exchange.forms.merge reads and
reviews them first). Called through the operation ``merge_forms`` (ledger_app.operations)."""

from __future__ import annotations

from sqlalchemy import Engine

from db.session import transaction
from ledger_app.exchange.forms import claim_sheet, indicator_sheet
from ledger_app.exchange.forms.merge import CHANGED_SINCE_REVIEW, Answer, MergeConflict, limits_of, plan_answer
from ledger_app.messages.i18n import t
from ledger_app.records import form_register
from ledger_app.records.progress import write_progress
from ledger_app.store.backup import backup_ledger
from ledger_app.store.models import Task
from ledger_app.system.pause_hook import pause_point


def apply_answers(engine: Engine, answers: list[Answer], *, user: str) -> int:
    """Write the accepted, conflict-free answers in one transaction; returns how many tasks changed."""
    chosen = [a for a in answers if a.mergeable]
    if chosen:
        # A merge touches many tasks at once and is not undoable in the window.
        backup_ledger(engine, "merge")
    indicators = [a for a in chosen if isinstance(a, indicator_sheet.IndicatorAnswer)]
    claims = [a for a in chosen if isinstance(a, claim_sheet.ClaimAnswer)]
    chosen = [a for a in chosen if isinstance(a, Answer)]
    with transaction(engine) as session:
        # Rechecked where it is written: another desk may have saved the task since the review.
        stale = [a for a in [*chosen, *claims] if (task := session.get(Task, a.task_id, with_for_update=True)) is None
                 or task.version != a.seen_version]
        if stale:
            for answer in stale:
                answer.conflicts.append(t(CHANGED_SINCE_REVIEW))
            raise MergeConflict(stale)
        indicator_sheet.apply(session, indicators, user=user)
        form_register.mark_returned(session, [a.form_id for a in answers])
        # The merge writes what the review showed, or nothing (a report deleted since, say).
        differ = [a for a in chosen if plan_answer(session, session.get(Task, a.task_id), a).changes != a.changes]
        if differ:
            for answer in differ:
                answer.conflicts.append(t(CHANGED_SINCE_REVIEW))
            raise MergeConflict(differ)
        for answer in chosen:
            # Planned again as each is written: two departments' answers for one task go in one after the other.
            task = session.get(Task, answer.task_id)
            planned = plan_answer(session, task, answer)
            # 业务日期: the day the form gives, else the quarter's end (today while it runs).
            write_progress(session, task, planned.report, user=user, source=answer.dept, status=planned.status)
        # 申请销号 last: a claim and the quarter's progress of one task on one form both go in.
        claim_sheet.apply(session, claims, limits_of(engine), user=user)
        pause_point("merge")
    return len(chosen) + len(indicators) + len(claims)
