"""`komplan demo`: the processes from the seeds, the catalogue, the statistics; loading it again changes nothing.

The demo is loaded once for the module (the ``demo`` fixture in tests/conftest.py); each test runs in its own
savepoint on top of it.
"""

import pytest
from django.core.management import call_command

from komplan.accounts.models import Membership
from komplan.directory.models import Service, Source
from komplan.territory.models import Phase, PlanningProcess, Territory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def test_the_demo_loads_the_processes_from_the_seeds():
    slany = PlanningProcess.objects.get(slug="slany-2008-2010")
    assert list(slany.municipalities.values_list("code", flat=True)) == ["532819"]
    assert slany.demo_note and (slany.period_start, slany.period_end) == (2008, 2010)
    approval = Phase.objects.for_process(slany).get(kind="approval")
    assert approval.actual_start.isoformat() == "2007-12-19"
    comments = Phase.objects.for_process(slany).get(kind="public_comments")
    assert (comments.actual_start.isoformat(), comments.actual_end.isoformat()) == ("2007-10-01", "2007-10-31")
    prerov = PlanningProcess.objects.get(slug="orp-prerov")
    codes = set(prerov.municipalities.values_list("code", flat=True))
    assert {"511382", "514055"} <= codes and "568881" not in codes
    assert Membership.objects.for_process(slany).filter(role="working_member").count() == 9
    versions = list(slany.plan.versions.order_by("number"))  # komplan.demo.plan, after every other loader
    assert [v.created_at.date().isoformat() for v in versions] == ["2007-06-27", "2007-10-01", "2007-12-19"]
    phases = next(c for c in versions[-1].snapshot["chapters"] if c["key"] == "priprava")["blocks"][-1]["items"]
    assert phases[0]["type"] == "table" and "19. 12. 2007" in str(phases[0]["rows"])


def _state():
    return (
        sorted(PlanningProcess.objects.values_list("slug", "name", "period_start", "period_end", "is_public")),
        sorted(Phase.objects.values_list("process__slug", "kind", "status", "actual_start", "actual_end")),
        sorted(Membership.objects.values_list("process__slug", "user__email", "role", "triad")),
        sorted(Service.objects.values_list("source", "name")),
    )


def test_the_demo_is_idempotent(capsys):
    before = _state()
    call_command("demo")  # the second load: the fixture made the first
    assert _state() == before
    assert PlanningProcess.objects.filter(slug__in=["slany-2008-2010", "orp-prerov"]).count() == 2
    assert Phase.objects.filter(process__slug="slany-2008-2010").count() == 7
    assert Service.objects.filter(source=Source.ILLUSTRATIVE).count() == 9
    out = capsys.readouterr().out
    assert "koordinator@slany.example" in out and "komplan-demo-2007" in out
    assert PlanningProcess.objects.get(slug="slany-2008-2010").plan.versions.count() == 3
    from komplan.consultation.models import Comment, Consultation

    assert Consultation.objects.count() == 1 and Comment.objects.count() == 5  # the comment period of 2007 once


def test_demo_pages_say_the_content_is_illustrative(client):
    body = client.get("/slany-2008-2010/").content.decode()
    assert "Ukázková data" in body
    plan = client.get("/slany-2008-2010/plan/verze/3/").content.decode()
    assert "Ukázkový obsah" in plan and "[K doplnění]" not in plan
    assert 'id="kapitola-vyporadani-pripominek"' in plan  # the settlement of comments as the annex of version 3
    from komplan.consultation.models import Consultation

    settlement = client.get(f"/slany-2008-2010/pripominky/{Consultation.objects.get().pk}/vyporadani/")
    assert settlement.status_code == 200 and settlement.content.decode().count('id="pripominka-KP-2007-') == 5


def test_demo_areas_without_real_records_get_illustrative_ones():
    slany = Territory.objects.filter(code="532819", level="municipality")
    in_slany = Service.objects.serving(slany)
    assert in_slany.exists() and all(s.source == Source.ILLUSTRATIVE and "(ilustrativní)" in s.name for s in in_slany)
    kojetin = Territory.objects.filter(code="514055", level="municipality")
    names = set(Service.objects.serving(kojetin).values_list("name", flat=True))
    assert "Pečovatelská služba Přerovsko (ilustrativní)" in names  # a field service covering the whole ORP
    assert Service.objects.filter(source=Source.ILLUSTRATIVE).count() == 9


def test_the_demo_imports_the_real_register_sample():
    assert Service.objects.filter(source=Source.REGISTRY).count() > 30


def test_demo_processes_show_their_socio_demographic_analysis(client):
    for slug, population in (("slany-2008-2010", "16\xa0740"), ("orp-prerov", None)):
        response = client.get(f"/{slug}/analyzy/demografie/")
        assert response.status_code == 200
        assert response.context["result"] is not None, slug
        if population:
            assert population in response.content.decode()
    prerov = client.get("/orp-prerov/analyzy/demografie/").context["result"]
    assert len(prerov.municipalities) > 50  # every member municipality of ORP Přerov
