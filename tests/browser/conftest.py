"""Browser tests: Playwright driving Debian's Chromium, with axe-core for accessibility audits.

* Chromium comes from apt (``apt-get install chromium``), never from ``playwright install``.
  ``CHROMIUM_PATH`` overrides the binary. Without the binary these tests are skipped, except when
  ``CI`` is set: CI must run them, so there they fail instead.
* Every test in this folder carries the ``browser`` marker (``pytest -m "not browser"`` skips them).
* The tests use ``live_server``, which makes them transactional: after each one pytest-django
  *flushes every table*, including the territories that ``tests/conftest.py`` loads once per
  session. pytest-django runs transactional tests after all ``db`` tests (see docs/testing.md),
  so the ordinary tests never see the flush, but any transactional test that runs after these
  would. ``demo_site`` therefore loads what it needs itself, and ``_restore_territories`` puts
  the territories back once a module of browser tests is done, leaving the database as the
  session fixture left it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

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


@pytest.hookimpl(tryfirst=True)  # before the mark plugin applies -m "not browser"
def pytest_collection_modifyitems(items):
    # A conftest hook sees every collected item, not only this folder's: filter by path.
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


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


@pytest.fixture(scope="module", autouse=True)
def _restore_territories(django_db_setup, django_db_blocker):
    """After this module's transactional tests (and their flushes), reload the session's territories and codelists."""
    yield
    restore_reference_data(django_db_blocker)


@pytest.fixture
def demo_site(transactional_db, live_server):
    """The live server with the territories and the demo data (``manage.py demo``) loaded.

    The demo creates the public processes ``slany-2008-2010`` and ``orp-prerov``.
    """
    from komplan.demo.services import load_demo
    from komplan.territory.importers import load_territories
    from komplan.territory.models import Territory

    if not Territory.objects.exists():  # flushed by an earlier transactional test
        load_territories()
    # load_demo, not the `demo` command: the command also queues the PDF and DOCX of the demo plan, which the
    # immediate task backend of the tests would generate at once for every browser test (tests/demo covers it)
    load_demo()
    return live_server
