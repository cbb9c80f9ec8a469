"""Which tests the PostgreSQL run takes (tests/conftest.py): those that ask for the suite's database.

``make test-pg`` runs ``pytest -m uses_db``. The marker is not written by hand: a test that asks for
``new_db_url`` — by argument, or through ``db_url``, ``ledger``, ``window`` or any fixture of its own
that does — is marked at collection. A test that reached the database another way would be left out of
the PostgreSQL run without a word; the ways there are either mark it or are refused.
"""

from __future__ import annotations

import inspect

import pytest

from tests.conftest import DB_FIXTURE, USES_DB


def marked(request) -> bool:
    return request.node.get_closest_marker(USES_DB) is not None


def test_a_test_on_the_ledger_is_marked(request, ledger):
    assert marked(request)


@pytest.fixture
def two_ledgers(new_db_url):
    return new_db_url("one"), new_db_url("two")


@pytest.fixture
def through_another(two_ledgers):
    return two_ledgers


def test_a_fixture_of_a_fixture_that_makes_a_database_marks_it_too(request, through_another):
    assert marked(request)


def test_a_test_on_files_of_its_own_is_not_marked(request, tmp_path, db, cli):
    """``db``/``filled``/``cli`` are SQLite files in the test's folder, the same in both runs."""
    assert not marked(request)


def test_asking_for_the_database_in_passing_is_refused(request):
    with pytest.raises(AssertionError, match="PostgreSQL run would leave it out"):
        request.getfixturevalue(DB_FIXTURE)


def test_every_test_that_looks_at_the_server_setting_is_marked(request):
    """A test that reads PG_SERVER behaves differently on PostgreSQL, so it has to run there."""
    unmarked = [item.nodeid for item in request.session.items
                if item is not request.node and "PG_SERVER" in inspect.getsource(getattr(item, "function", marked))
                and item.get_closest_marker(USES_DB) is None]
    assert unmarked == []
