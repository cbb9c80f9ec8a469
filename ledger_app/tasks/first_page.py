"""The first page of a local ledger, read with the standard library's sqlite3 so that the window
can be painted with its rows before SQLAlchemy and SQLModel are loaded.

Why: importing the database layer alone takes about twice as long as a bare PySide6 window
needs to start and paint a table. A clerk opens the program many times a day; the window is
shown with its rows first and the database layer loads right after (ui/app.py).

A ledger on a PostgreSQL server is read the same way with psycopg, the driver the database layer
uses underneath: compiling the table's statements through SQLAlchemy on a cold start took longer
than the bare driver's query and paint together (issue 27).

Only what the first paint shows is read: the task count and the first page of tasks in ledger
order, as ledger_app.tasks.table.TaskTable serves them (a test keeps the two in step; the light comes
from ledger_app.tasks.lights.light_for, the rule itself). Anything unusual — no file yet, a schema
that needs migrating, a ``-wal`` beside the file, a server that does not answer at once, any error —
returns None and the window opens the usual way. The connection only reads: nothing is created or
changed here.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from db.location import chosen, local_file
from db.schema import HEAD, REVISION_QUERY
from ledger_app.store.settings import thresholds_from
from ledger_app.tasks.lights import light_for
from ledger_app.tasks.rows import PAGE, Row, responsible

# 待销号 (ledger_app/tasks/closure.py, the rule in SQLAlchemy, which is not loaded yet here): a claim
# made by the day and not decided by then, not withdrawn. A test keeps the two in step.
PENDING_SQL = ("SELECT DISTINCT task_id FROM closure_claim WHERE claimed_on <= ? AND outcome != '撤回' "
               "AND (decided_on IS NULL OR decided_on > ?)")

# Anything dated changed effective after the day (ledger_app.tasks.timeline.task_columns asks the same);
# tests/test_query_plans.py holds it to the change log's field index.
CHANGED_SINCE_SQL = ("SELECT 1 FROM change_log WHERE field IN ('status', 'percent', 'deadline', 'deadline_text', "
                     "'start_date') AND effective_on > ? AND outcome = 'applied' LIMIT 1")


@dataclass(frozen=True)
class FirstPage:
    name: str  # the ledger as the window's title names it (ledger_app.store.opening.Ledger.display_name)
    total: int  # tasks in the ledger
    ids: list[int]  # the first ids in ledger order (up to PAGE + 1: one more tells that more follow)
    rows: list[Row]  # the rows of the first PAGE ids


def _date(value: str | date | None) -> date | None:
    if isinstance(value, date):  # PostgreSQL's dates; SQLite keeps ISO text
        return value
    return date.fromisoformat(value[:10]) if value else None


def read_first_page(db: str | None, as_of: date) -> FirstPage | None:
    """The first page of the ledger ``db`` (as ``--db`` names it) as of ``as_of``, or None."""
    path = local_file(db)
    if path is None:
        return _from_server(chosen(db), as_of)
    if not path.is_file() or path.stat().st_size == 0:
        return None
    wal = Path(f"{path}-wal")
    if wal.is_file() and wal.stat().st_size > 0:
        return None  # its -wal may not be its own: opening checks that first (ledger_app/store/stray_wal.py)
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=2)
    except sqlite3.Error:
        return None
    try:
        return _read(_Marks(conn, "?"), str(path), as_of.isoformat(), as_of)
    except (sqlite3.Error, ValueError):
        return None  # opened the usual way, which explains what is wrong
    finally:
        conn.close()


class FirstPageTable:
    """Stands in for the TaskTable (ledger_app.tasks.table) while the window shows the first page it was
    opened with, before the database layer is loaded."""

    def __init__(self, first: FirstPage | None = None) -> None:
        self.ids = list(first.ids[:PAGE]) if first else []
        self.rows = list(first.rows) if first else []

    def row(self, position: int) -> Row:
        return self.rows[position]

    def position_of(self, task_id: int) -> int | None:
        return self.ids.index(task_id) if task_id in self.ids else None

    def invalidate(self) -> None:
        pass


class Reading:
    """:func:`read_first_page`, begun now and answered by :meth:`result`, so that the window is built
    meanwhile. A server's page is read on a thread of its own: its answers are waited for without the
    interpreter's lock, and a new connection and a new backend's first look at each table take about
    as long as building the window (issue 27). A local file is read when asked, in the asking thread:
    its reading is Python work that a second thread would only make wait for that lock (measured:
    2.5 ms slower at 10,000 tasks, where the server saved 1.7 ms)."""

    def __init__(self, db: str | None, as_of: date) -> None:
        self._db, self._as_of = db, as_of
        self._answer: FirstPage | None = None
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        if local_file(db) is None:
            # A daemon: a server that never answers (connect_timeout) must not keep a closed program alive.
            self._thread = threading.Thread(target=self._read, name="first page", daemon=True)
            self._thread.start()

    def _read(self) -> None:
        try:
            self._answer = read_first_page(self._db, self._as_of)
        except BaseException as exc:  # noqa: BLE001 - raised again in the thread that asks
            self._error = exc

    def result(self) -> FirstPage | None:
        """The first page, or None (see :func:`read_first_page`); anything unexpected raises here."""
        if self._thread is None:
            return read_first_page(self._db, self._as_of)
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._answer


# The driver's own name in a SQLAlchemy URL; libpq reads the rest of the URL as it is.
_SERVER_SCHEMES = ("postgresql", "postgresql+psycopg")


def _from_server(url: str, as_of: date) -> FirstPage | None:
    scheme, _, rest = url.partition("://")
    if scheme not in _SERVER_SCHEMES or not rest:
        return None
    try:
        import psycopg
    except ImportError:
        return None
    try:
        # As db.engine connects (timestamps in UTC), but given up sooner: a server slow to answer is
        # connected to the usual way, whose wait and message the clerk then sees.
        # Each statement on its own, as sqlite3 reads the local file: no BEGIN, a round trip fewer; and
        # none of them can write (default_transaction_read_only).
        conn = psycopg.connect(f"postgresql://{rest}", connect_timeout=2, autocommit=True,
                               options="-c timezone=UTC -c default_transaction_read_only=on")
    except (psycopg.Error, ValueError):
        return None
    try:
        return _read(_Marks(conn, "%s"), shown_url(url), as_of, as_of)
    except (psycopg.Error, ValueError):
        return None
    finally:
        conn.close()


def shown_url(url: str) -> str:
    """``url`` with its password shown as SQLAlchemy shows it (``***``): the window's title."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user, _, host = parts.netloc.rpartition("@")
    return urlunsplit(parts._replace(netloc=f"{user.partition(':')[0]}:***@{host}"))


class _Marks:
    """A DB-API connection that takes this module's statements, written with ``?``, in its own marks."""

    def __init__(self, conn, mark: str) -> None:  # noqa: ANN001 - sqlite3 or psycopg
        self.conn, self.mark = conn, mark

    def execute(self, sql: str, params=()):  # noqa: ANN001, ANN201
        return self.conn.execute(sql if self.mark == "?" else sql.replace("?", self.mark), params)


def _read(conn: _Marks, ledger_name: str, day: str | date, as_of: date) -> FirstPage | None:
    """``ledger_name``: as the window's title names the ledger; ``day``: ``as_of`` as the database compares it
    (SQLite's dates are ISO text). Few statements: on a server each is a round trip."""
    # A schema other than HEAD (to be migrated, or newer than this program: Alembic's business) may lack
    # what the other two ask for; the error that makes then is an answer of None like the revision's own.
    revision, total, changed = conn.execute(
        f"SELECT ({REVISION_QUERY}), (SELECT count(*) FROM task), EXISTS ({CHANGED_SINCE_SQL})", (day,)).fetchone()
    if revision != HEAD or changed:
        return None  # changed effective since the day: the table reads the history (ledger_app.tasks.timeline)
    thresholds = thresholds_from(dict(conn.execute("SELECT key, value FROM setting").fetchall()))
    tasks = conn.execute(
        "SELECT t.id, t.code, a.name, t.title, t.content, t.leader, t.deadline, t.deadline_text, t.status, "
        "t.percent, t.measures, t.version, t.lead_groups, t.co_groups, t.start_date "
        "FROM task t LEFT JOIN area a ON a.id = t.area_id ORDER BY t.plan_id, t.position, t.id LIMIT ?",
        (PAGE + 1,)).fetchall()
    ids = [r[0] for r in tasks]
    shown = ids[:PAGE]
    if not shown:
        return FirstPage(ledger_name, total, ids, [])
    marks = ",".join("?" * len(shown))
    depts: dict[tuple[int, str], list[str]] = {}
    for task_id, role, name in conn.execute(
            "SELECT td.task_id, td.role, d.name FROM task_department td JOIN department d ON d.id = td.department_id "
            f"WHERE td.task_id IN ({marks}) ORDER BY td.position", shown):
        depts.setdefault((task_id, role), []).append(name)
    # The latest progress (tasks.queries.report_counts) in plain SQL: counted once effective, quarter order,
    # the last one wins. tests/test_one_rule.py runs this beside the other readings of the rule.
    latest = dict(conn.execute(
        f"SELECT task_id, done FROM progress_report WHERE task_id IN ({marks}) AND effective_on <= ? "
        "ORDER BY year, quarter", [*shown, day]))
    pending = {r[0] for r in conn.execute(f"{PENDING_SQL} AND task_id IN ({marks})", [day, day, *shown])}
    rows = []
    for (task_id, code, area, title, content, leader, deadline, deadline_text, status, percent, measures, version,
         lead_groups, co_groups, start) in tasks[:PAGE]:
        deadline = _date(deadline)
        light = light_for(status, percent, deadline, _date(start), as_of, thresholds, task_id in pending)
        rows.append(Row(task_id, code, light.value, area or "", title, content,
                        responsible(depts.get((task_id, "lead"), []), lead_groups),
                        responsible(depts.get((task_id, "co"), []), co_groups), leader, deadline, deadline_text,
                        status, percent, latest.get(task_id, ""), measures, version))
    return FirstPage(ledger_name, total, ids, rows)
