"""What an operation answers: what changed, for the views to refresh from once, and the operation
that reverses it (so undo is a save like any other, based on the version this one left)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class OpChanges:
    """What an operation changed, for the views to refresh from."""

    tasks: frozenset[int] | None = frozenset()  # rows to repaint; None: any task may have changed
    fields: Mapping[int, Mapping[str, object]] = field(default_factory=dict)  # task → new values of edited fields
    records: frozenset[int] = frozenset()  # tasks whose progress, supervision or change log changed
    structure: bool = False  # tasks added or removed, or the list's membership may differ
    settings: bool = False
    indicators: bool = False  # an indicator or its values changed
    # Departments' fill-in forms issued or returned (今日提醒 names the ones still out).
    forms: bool = False

    @property
    def empty(self) -> bool:
        return self.tasks == frozenset() and not self.records and not self.structure and not self.settings \
            and not self.indicators and not self.forms

    @staticmethod
    def everything() -> OpChanges:
        return OpChanges(tasks=None, structure=True, settings=True, indicators=True, forms=True)


@dataclass(frozen=True)
class Undo:
    """The operation that reverses another, spelled out: ``op(*args, **kwargs)``, plus
    ``expected_version=`` when it carries one.

    ``expected_version`` is the version the inverse must find — of ``task_id`` when it is a task's,
    else of the record ``op`` names (an indicator) — so an undo over another desk's later save is
    refused like any stale save. A window moves it on past its own later saves of the task
    (:meth:`based_on`, ui/controller.py) instead of looking inside a closure."""

    op: Callable[..., OpResult]
    args: tuple[object, ...] = ()
    kwargs: Mapping[str, object] = field(default_factory=dict)
    task_id: int | None = None
    expected_version: int | None = None

    def __call__(self) -> OpResult:
        versioned = {} if self.expected_version is None else {"expected_version": self.expected_version}
        return self.op(*self.args, **self.kwargs, **versioned)

    def based_on(self, version: int | None) -> Undo:
        return replace(self, expected_version=version)


@dataclass
class OpResult:
    changes: OpChanges
    undo: Undo | None = None  # the operation that puts things back (None: not undoable)
    value: object = None  # what the caller asked for (a new task's id, ...)
    versions: dict[int, int] = field(default_factory=dict)  # task → its version after this operation
    based_on: dict[int, int] = field(default_factory=dict)  # task → its version before it


def records_of(task_id: int) -> OpChanges:
    # The change log shows every supervision action, so the row's version-free fields stay.
    return OpChanges(records=frozenset({task_id}))

