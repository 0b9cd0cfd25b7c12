"""Putting back the reference data the test session loaded, after transactional tests flushed the database."""

from __future__ import annotations


def restore_reference_data(django_db_blocker) -> None:
    """Reload the territories and the codelists if a flush emptied them, then close every connection.

    Closing matters: while Playwright's event loop runs in the main thread, asgiref gives Django's connections
    context-variable storage, so this code gets a connection of its own that no other teardown closes; left open,
    it blocks dropping the PostgreSQL test database at the end of the session ("is being accessed by other users").
    Modules with transactional tests call it from a module-scoped autouse fixture after their tests.
    """
    from django.db import connections

    from komplan.directory.codelists import load_codelists
    from komplan.directory.models import CodelistItem
    from komplan.territory.importers import load_territories
    from komplan.territory.models import Territory

    with django_db_blocker.unblock():
        try:
            if not Territory.objects.exists():
                load_territories()
            if not CodelistItem.objects.exists():
                load_codelists()
        finally:
            connections.close_all()
