"""Shared fixtures: the real territories (loaded once per test session) and the three personas.

Personas (healthchecks style): ``coordinator`` is a member with every right, ``member`` is a
working-group member without management rights, ``outsider`` is signed in but belongs to
another process. Anonymous visitors are the plain ``client``.
"""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # playwright's loop vs the ORM in live_server tests


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the site's default language (Czech): a test-client request to an /en/ page leaves
    English active in the thread (LocaleMiddleware activates it and nothing deactivates it), which would change
    the messages a later test sees."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the shipped ČSÚ and MPSV codelists once; every test then runs inside a rolled-back transaction."""
    from komplan.directory.codelists import load_codelists
    from komplan.territory.importers import load_territories

    with django_db_blocker.unblock():
        load_territories()
        load_codelists()


@pytest.fixture
def territories(db):
    from komplan.territory.models import Territory

    return Territory.objects


def make_process(slug="slany", name="Komunitní plán sociálních služeb města Slaný", **extra):
    from komplan.territory.models import Territory
    from komplan.territory.services import create_process

    area_kind = extra.pop("area_kind", "municipality")
    municipality = Territory.objects.get(level="municipality", code=extra.pop("municipality_code", "532819"))
    orp = Territory.objects.get(level="orp", code=extra.pop("orp_code")) if area_kind == "orp" else None
    return create_process(
        name=name,
        slug=slug,
        area_kind=area_kind,
        municipalities=[municipality] if area_kind != "orp" else None,
        orp=orp,
        responsible_municipality=municipality,
        period_start=extra.pop("period_start", 2008),
        period_end=extra.pop("period_end", 2010),
        **extra,
    )


@pytest.fixture
def process(db):
    return make_process()


@pytest.fixture
def other_process(db):
    return make_process(
        slug="prerov", name="Plán ORP Přerov", area_kind="orp", orp_code="7109", municipality_code="511382"
    )


def person(email, full_name, process=None, role="working_member", triad="user"):
    """A user (password "correct horse battery"), member of ``process`` in ``role`` when one is given."""
    from komplan.accounts.models import Membership, User

    user = User.objects.create_user(email=email, password="correct horse battery", full_name=full_name)
    if process is not None:
        Membership.objects.create(process=process, user=user, role=role, triad=triad)
    return user


@pytest.fixture
def coordinator(process):
    return person("koordinator@example.org", "Koordinátorka Testovací", process, "coordinator", "commissioner")


@pytest.fixture
def member(process):
    return person("clen@example.org", "Člen Pracovní", process)


@pytest.fixture
def outsider(other_process):
    return person("cizi@example.org", "Cizí Koordinátor", other_process, "coordinator", "commissioner")


@pytest.fixture
def superuser(db):
    from komplan.accounts.models import User

    return User.objects.create_superuser(email="root@example.org", password="correct horse battery")


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture(scope="module")
def demography_data(django_db_setup, django_db_blocker):
    """The shipped statistics (komplan.demography.bundled) for the krajs of Slaný and Přerov, for one test module.

    Loaded outside the per-test transactions (it takes seconds) and removed when the module is done.
    """
    from komplan.demography.bundled import load_bundled_statistics
    from komplan.demography.models import Chapter, DataSource, Scenario
    from komplan.territory.models import Territory

    with django_db_blocker.unblock():
        krajs = Territory.objects.filter(level="municipality", code__in=["532819", "511382"]).values("kraj")
        codes = set(Territory.objects.filter(level="municipality", kraj__in=krajs).values_list("code", flat=True))
        load_bundled_statistics(codes)
    yield
    with django_db_blocker.unblock():
        Chapter.objects.all().delete()
        Scenario.objects.all().delete()
        DataSource.objects.all().delete()


@pytest.fixture
def komplan_cli(db, capsys, monkeypatch):
    """komplan_cli(*args) → (exit code, stdout, stderr): the `komplan` console command, run in-process.

    run_from_argv closes every database connection when it ends; on PostgreSQL that would close the test's
    own transaction, so it is kept open here.
    """
    from django.db import connections

    from komplan.cli import main

    monkeypatch.setattr(connections, "close_all", lambda: None)

    def run(*args):
        try:
            main(["komplan", *map(str, args)])
            code = 0
        except SystemExit as exc:
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The whole demo (``komplan demo``: processes, catalogue, statistics, needs), loaded once per test module.

    Loading it takes seconds, so modules that only read it share one load: it runs inside a transaction that
    stays open while the module's tests run and is rolled back when the module is done. Each test still runs
    in its own savepoint (pytest-django's ``db``), so a test may write, or load the demo again, without
    disturbing the next one. Use it with ``pytest.mark.usefixtures("demo")`` on every test of the module (a
    test of the same module without it would see the demo too) and only with ordinary ``db`` tests: a
    transactional test cannot run inside the open transaction.
    """
    from django.db import transaction
    from django.test import override_settings

    from komplan.demo.services import load_demo

    atomic = transaction.atomic()
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("demo-media")):
        with django_db_blocker.unblock():
            atomic.__enter__()
            try:
                load_demo()
            except BaseException:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
                raise
        yield
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
