"""Operations of 办结销号 and its evidence: claim a task finished with its files (申请销号), close it
(销号) or return it (退回), attach more evidence, remove a file or put it back. Each is one
transaction on one task, row-locked, and answers what changed and its undo: a claim's undo withdraws
it (its redo puts it back, files and all), a decision's undo reopens the claim (its redo decides
again), a removal's undo puts the file back. Files are checked and hashed before the transaction
begins (ledger_app/evidence/intake.py); a refused file changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from db.session import transaction
from ledger_app.evidence import blobs, claims, files
from ledger_app.evidence.claims import ClaimInput
from ledger_app.evidence.intake import Prepared, prepare
from ledger_app.operations.changes import OpChanges, OpResult, Undo
from ledger_app.store.settings import EvidenceLimits, evidence_limits_from, get_all
from ledger_app.tasks.editing import versioned_task

Progress = Callable[[int, int], None]
Offered = Path | tuple[Path, str]  # a file, or a file and the name it is kept under


def limits(engine: Engine) -> EvidenceLimits:
    return evidence_limits_from(get_all(engine))


def prepare_all(offered: list[Offered], rules: EvidenceLimits) -> list[Prepared]:
    """Check every file before anything is written (the first refusal names its file)."""
    done: list[Prepared] = []
    for item in offered:
        path, name = item if isinstance(item, tuple) else (item, None)
        done.append(prepare(Path(path), rules, name))
    return done


def _bytes_stored(files: list[Prepared], progress: Progress | None) -> Callable[[int], None] | None:
    """Progress while the files are stored, counted in kilobytes of all of them (a 50 MB scan moves the bar)."""
    if progress is None:
        return None
    total, done = max(sum(f.size for f in files) // 1024, 1), [0]
    progress(0, total)

    def stored(size: int) -> None:
        done[0] += size
        progress(min(done[0] // 1024, total), total)
    return stored


def _result(task_id: int, fields: dict[str, object], based_on: int, undo: Undo | None,
            value: object = None) -> OpResult:
    version = int(fields["version"])  # type: ignore[call-overload]
    return OpResult(OpChanges(tasks=frozenset({task_id}), fields={task_id: fields}, records=frozenset({task_id})),
                    undo=undo, value=value, versions={task_id: version}, based_on={task_id: based_on})


def claim_finished(engine: Engine, task_id: int, given: ClaimInput, offered: list[Offered], *, user: str,
                   source: str = "申请销号", reason: str = "", expected_version: int | None = None,
                   progress: Progress | None = None) -> OpResult:
    """申请销号 with its evidence; ``value`` is the claim's id."""
    rules = limits(engine)
    prepared = prepare_all(offered, rules)
    with versioned_task(engine, task_id, expected_version, {"申请销号": given.summary}, user=user,
                        source=source) as (session, task):
        based_on = task.version
        claim_id, _ = claims.claim(session, task, given, prepared, rules, user=user, source=source, reason=reason,
                                   stored=_bytes_stored(prepared, progress))
        fields = {"version": task.version}
    undo = Undo(withdraw_claim, (engine, task_id, claim_id), {"user": user, "reason": reason}, task_id=task_id,
                expected_version=fields["version"])
    return _result(task_id, fields, based_on, undo, claim_id)


def withdraw_claim(engine: Engine, task_id: int, claim_id: int, *, user: str, reason: str = "",
                   expected_version: int | None = None) -> OpResult:
    """The undo of a claim: withdrawn, its files removed."""
    with versioned_task(engine, task_id, expected_version, {"申请销号": "撤回"}, user=user,
                        source="撤销") as (session, task):
        based_on = task.version
        removed = claims.withdraw(session, task, claim_id, user=user, reason=reason)
        fields = {"version": task.version}
    return _result(task_id, fields, based_on, Undo(reinstate_claim, (engine, task_id, claim_id, removed),
                                                   {"user": user, "reason": reason}, task_id=task_id,
                                                   expected_version=fields["version"]))


def reinstate_claim(engine: Engine, task_id: int, claim_id: int, file_ids: list[int], *, user: str,
                    reason: str = "", expected_version: int | None = None) -> OpResult:
    with versioned_task(engine, task_id, expected_version, {"申请销号": "重做"}, user=user,
                        source="重做") as (session, task):
        based_on = task.version
        claims.reinstate(session, task, claim_id, file_ids, user=user, reason=reason)
        fields = {"version": task.version}
    return _result(task_id, fields, based_on, Undo(withdraw_claim, (engine, task_id, claim_id),
                                                   {"user": user, "reason": reason}, task_id=task_id,
                                                   expected_version=fields["version"]))


def close_claim(engine: Engine, task_id: int, claim_id: int, day: date, *, opinion: str = "", user: str,
                reason: str = "", expected_version: int | None = None) -> OpResult:
    """销号: the task becomes 已完成 (percent 100) effective ``day``, the decision kept with the claim."""
    return _decide(engine, task_id, claim_id, claims.CLOSED, day, opinion=opinion, missing="", user=user,
                   reason=reason, expected_version=expected_version)


def return_claim(engine: Engine, task_id: int, claim_id: int, day: date, *, opinion: str, missing: str = "",
                 user: str, reason: str = "", expected_version: int | None = None) -> OpResult:
    """退回 with the reason (``opinion``) and what is missing; the task stays open."""
    return _decide(engine, task_id, claim_id, claims.RETURNED, day, opinion=opinion, missing=missing, user=user,
                   reason=reason, expected_version=expected_version)


def _decide(engine: Engine, task_id: int, claim_id: int, outcome: str, day: date, *, opinion: str, missing: str,
            user: str, reason: str, expected_version: int | None = None) -> OpResult:
    with versioned_task(engine, task_id, expected_version, {outcome: opinion}, user=user,
                        source=outcome) as (session, task):
        based_on = task.version
        before = claims.decide(session, task, claim_id, outcome, day, opinion=opinion, missing=missing, user=user,
                               source=outcome, reason=reason)
        fields = {"status": task.status, "percent": task.percent, "version": task.version}
    return _result(task_id, fields, based_on, Undo(reopen_claim, (engine, task_id, claim_id, before),
                                                   {"user": user, "reason": reason}, task_id=task_id,
                                                   expected_version=fields["version"]))


def reopen_claim(engine: Engine, task_id: int, claim_id: int, before: dict[str, object], *, user: str,
                 reason: str = "", expected_version: int | None = None) -> OpResult:
    """The undo of a decision: the claim waits again (a 销号's status and percent put back)."""
    with versioned_task(engine, task_id, expected_version, {"销号": "撤销"}, user=user,
                        source="撤销") as (session, task):
        based_on = task.version
        outcome, day, opinion, missing = claims.reopen(session, task, claim_id, before, user=user, reason=reason)
        fields = {"status": task.status, "percent": task.percent, "version": task.version}
    redo = Undo(_decide, (engine, task_id, claim_id, outcome, day),
                {"opinion": opinion, "missing": missing, "user": user, "reason": reason}, task_id=task_id,
                expected_version=fields["version"])
    return _result(task_id, fields, based_on, redo)


def attach_evidence(engine: Engine, task_id: int, offered: list[Offered], *, user: str, source: str = "佐证材料",
                    progress: Progress | None = None) -> OpResult:
    """More evidence for a task (not tied to a claim); ``value``: the new files' ids."""
    rules = limits(engine)
    prepared = prepare_all(offered, rules)
    with versioned_task(engine, task_id, None, {"佐证材料": "添加"}, user=user, source=source) as (session, task):
        ids = files.attach(session, task, prepared, rules, user=user, source=source, log_day=_today(),
                           stored=_bytes_stored(prepared, progress))
    undo = Undo(remove_evidence, (engine, task_id, ids), {"user": user}) if ids else None
    return OpResult(OpChanges(records=frozenset({task_id})), undo=undo, value=ids)


def remove_evidence(engine: Engine, task_id: int, file_ids: list[int], *, user: str) -> OpResult:
    """Remove files (kept in the record: undo puts them back)."""
    return _set_removed(engine, task_id, file_ids, True, user)


def restore_evidence(engine: Engine, task_id: int, file_ids: list[int], *, user: str) -> OpResult:
    return _set_removed(engine, task_id, file_ids, False, user)


def _set_removed(engine: Engine, task_id: int, file_ids: list[int], removed: bool, user: str) -> OpResult:
    with versioned_task(engine, task_id, None, {"佐证材料": "移除" if removed else "恢复"}, user=user,
                        source="佐证材料") as (session, task):
        changed = files.set_removed(session, task, file_ids, removed, user=user, source="佐证材料")
    back = Undo(restore_evidence if removed else remove_evidence, (engine, task_id, changed), {"user": user})
    return OpResult(OpChanges(records=frozenset({task_id})), undo=back if changed else None, value=changed)


def purge_evidence(engine: Engine) -> OpResult:
    """Delete the contents no attachment row names any more (a deleted task's, once its deletion is
    not to be undone); ``value``: how many. Not undoable: the bytes are gone."""
    with transaction(engine) as session:
        count = blobs.purge(session)
    return OpResult(OpChanges(), value=count)


def _today() -> date:
    from ledger_app.store.schema import utcnow

    return utcnow().astimezone().date()
