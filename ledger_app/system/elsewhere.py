"""Long pure-Python work in a process of its own, so that it never holds the window's interpreter.

Python runs one thread at a time. Reading a 100,000-task ledger as of a day and working out the day's
supervision proposals (the window's 今日提醒) is about 15 s of Python; in the window's process that
thread took the interpreter from every search keystroke's query thread, which needs it back for each
row it reads: keystrokes painted their matches in 250-350 ms instead of 40-60 (docs/benchmarks.md).
In a process of its own the work runs on another core and the window's threads keep the interpreter.

A fresh process for each piece of work (started with ``spawn`` on every system, as Windows must): it
holds no file open once done (a restore may replace the ledger), and it can be stopped at once (the
window closes, or moves to another ledger). Starting one costs about half a second of another core
(the imports), so it is for work that takes seconds. The frozen program needs
``multiprocessing.freeze_support()`` first thing in main.py.
"""

from __future__ import annotations

import multiprocessing
import pickle
import threading
from collections.abc import Callable
from typing import Any

_running: set[Any] = set()  # the processes at work (multiprocessing.Process)
_stopped: set[Any] = set()  # those of them stop_all stopped (the others died by themselves)
_lock = threading.Lock()


class Stopped(Exception):  # noqa: N818 - what happened to the work, not an error
    """The work's process was stopped (:func:`stop_all`) before it answered."""


class Unavailable(Exception):  # noqa: N818
    """No process could be started, or it could not be given its work (the caller does it itself)."""


def run(work: Callable[..., object], *args: object) -> object:
    """``work(*args)`` in a new process; blocks until it answers (call it from a worker thread).
    ``work`` and its arguments and result must pickle; an exception it raises is raised here."""
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(send, work, args), daemon=True, name="ledger-elsewhere")
    try:
        process.start()
    except (OSError, pickle.PicklingError, AttributeError, TypeError) as exc:
        receive.close()
        send.close()
        raise Unavailable(str(exc)) from exc
    send.close()  # the child's end: only it holds it now, so its death ends the wait below
    with _lock:
        _running.add(process)
    try:
        outcome, value = receive.recv()
    except EOFError:  # the process ended without answering: stopped here, or it died
        process.join()
        with _lock:
            stopped = process in _stopped
            _stopped.discard(process)
        if stopped:
            raise Stopped from None
        raise Unavailable(f"the process ended with exit code {process.exitcode}") from None
    except Exception as exc:  # noqa: BLE001 - an answer that does not unpickle here
        raise Unavailable(f"its answer could not be read: {exc}") from exc
    finally:
        receive.close()
        with _lock:
            _running.discard(process)
            _stopped.discard(process)  # stopped just after it answered: nothing to remember
    process.join()
    if outcome == _ANSWER:
        return value
    if outcome == _RAISED:
        raise value
    raise Unavailable(value)


def stop_all() -> None:
    """Stop every piece of work under way (its caller gets :class:`Stopped`)."""
    with _lock:
        running = list(_running)
        _stopped.update(running)
    for process in running:
        process.kill()


_ANSWER, _RAISED, _UNSENT = "answer", "raised", "unsent"


def _child(send: Any, work: Callable[..., object], args: tuple[object, ...]) -> None:
    try:
        answer: tuple[str, object] = (_ANSWER, work(*args))
    except Exception as exc:  # noqa: BLE001 - handed to the caller, which raises it
        answer = (_RAISED, exc)
    try:
        send.send(answer)
    except Exception as exc:  # noqa: BLE001 - an answer or an error that does not pickle: the caller
        # does the work itself (and so meets the error as it is)
        send.send((_UNSENT, f"{type(exc).__name__}: {exc}"))
    send.close()
