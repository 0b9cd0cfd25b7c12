"""Browser tests: Playwright driving Debian's Chromium, with axe-core for accessibility audits.

* Chromium comes from apt (``apt-get install chromium``), never from ``playwright install``.
  ``CHROMIUM_PATH`` overrides the binary. Without the binary these tests are skipped, except when
  ``CI`` is set: CI must run them, so there they fail instead.
* Every test in this folder carries the ``browser`` marker (``pytest -m "not browser"`` skips them).
* The database (see docs/testing.md). Most tests read the demo through ``demo_site``: ``komplan demo`` is loaded
  **once per session**, committed, and those tests are neither ``db`` nor transactional tests, so nothing rolls
  back or flushes between them. The collection hook below runs them at the very end of the session, after every
  ``db`` and transactional test, so no other test ever sees the committed demo; when the session ends the
  database is flushed (a kept ``--reuse-db`` database must not carry the demo into the next run). A test on the
  demo that changes it undoes its changes (``restore_demo_plan`` and the like), so the tests pass in any order.
  The tests that build their own rows (``test_meetings.py``, ``test_surveys.py``) stay transactional: they run
  before the demo is loaded, and pytest-django flushes every table after each of them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from pytest_django.plugin import pytest_collection_modifyitems as django_order

from tests.dbstate import restore_reference_data

HERE = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/lib/chromium/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_collection_modifyitems(items):
    # A conftest hook sees every collected item, not only this folder's: filter by path.
    for item in items:  # before the mark plugin applies -m "not browser"
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)
    yield  # the other hooks: the -m deselection, pytest-django's ordering, pytest's own reordering
    # pytest-django sorts the tests into db tests, transactional tests and the rest (tryfirst); pytest then groups
    # the tests of each parametrized session fixture (pytest-playwright's browser_name) next to the first of them,
    # which pulled the transactional browser tests in among the db tests. Sort again (a stable sort: nothing else
    # moves), and put the tests on the committed demo last of all.
    django_order(items)
    items.sort(key=lambda item: "demo_site" in getattr(item, "fixturenames", ()))


@pytest.fixture(scope="session", autouse=True)
def _require_chromium():
    if shutil.which(CHROMIUM):  # an absolute path is checked directly (exists and is executable)
        return
    message = f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)"
    if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
        pytest.fail(f"{message}; CI is set, so the browser tests must run", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # bypass_csp: axe is injected as an inline <script>, which a strict Content-Security-Policy would block.
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture(autouse=True)
def _live_server_helper(request):
    """pytest-django's helper of the same name (``pytest_django/fixtures.py``), overridden for this folder: a test
    on the session's demo (``demo_site``) uses the ``live_server`` but is not made transactional, so no flush
    after it empties the demo. Every other test using ``live_server`` is transactional, as upstream."""
    if "live_server" not in request.fixturenames:
        yield
        return
    if "demo_site" not in request.fixturenames:
        request.getfixturevalue("transactional_db")
    live_server = request.getfixturevalue("live_server")
    live_server._live_server_modified_settings.enable()  # ALLOWED_HOSTS gets the server's host
    yield
    live_server._live_server_modified_settings.disable()


@pytest.fixture(scope="module", autouse=True)
def _restore_territories(django_db_setup, django_db_blocker):
    """After this module's transactional tests (and their flushes), reload the session's territories and codelists."""
    yield
    restore_reference_data(django_db_blocker)


@pytest.fixture(scope="session")
def _demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """``komplan demo`` loaded once for the session and committed; the database flushed when the session ends.

    load_demo, not the `demo` command: the command also queues the PDF and DOCX of the demo plan, which the
    immediate task backend of the tests would generate at once (tests/demo covers them).
    """
    from django.core.management import call_command
    from django.db import connections
    from django.test import override_settings

    from komplan.demo.services import load_demo

    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("demo-media")):
        with django_db_blocker.unblock():
            try:
                load_demo()  # reloads the territories and codelists too, if a transactional test flushed them
            finally:
                connections.close_all()
        yield
        with django_db_blocker.unblock():
            try:
                call_command("flush", interactive=False, verbosity=0)
            finally:
                connections.close_all()


@pytest.fixture
def demo_site(request, _demo, live_server, django_db_blocker):
    """The live server with the session's demo (``komplan demo``); the test may use the database, committing.

    The demo creates the public processes ``slany-2008-2010``, ``orp-prerov`` and ``pribor``. A test that changes
    the demo must undo it (see ``restore_demo_plan``): the next test expects the demo as loaded.
    """
    from django.db import connections

    if request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(request.fixturenames):
        pytest.fail(
            "a test on the session's demo takes no django_db marker, db or transactional_db: the demo is committed"
            " once for the session, and a transaction or a flush around the test would hide or empty it",
            pytrace=False,
        )
    with django_db_blocker.unblock():
        yield live_server
        connections.close_all()  # see tests/dbstate.py: a connection left open blocks dropping the database


@pytest.fixture
def restore_demo_plan(demo_site):
    """For a test that changes the Slaný demo plan or its comment period: the demo's plan (its versions, comment
    period, comments and settlement) is loaded again after the test."""
    yield
    from komplan.accounts.models import User
    from komplan.demo.plan import load_demo_plan
    from komplan.demo.services import SLANY_COORDINATOR
    from komplan.territory.models import PlanningProcess

    load_demo_plan(PlanningProcess.objects.get(slug="slany-2008-2010"), User.objects.get(email=SLANY_COORDINATOR))


@pytest.fixture
def discard_new_rows(demo_site):
    """``discard_new_rows(Model, ...)``, called at the start of a test: the rows of these models that the test adds
    to the demo (a submitted sheet, a vote) are deleted after it, with what cascades from them."""
    tracked = []

    def track(*models):
        for model in models:
            tracked.append((model, set(model.objects.values_list("pk", flat=True))))

    yield track
    for model, before in reversed(tracked):
        model.objects.exclude(pk__in=before).delete()
