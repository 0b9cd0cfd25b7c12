import pytest
from django.core.management import call_command

from komplan.accounts.models import Membership
from komplan.territory.models import Phase, PlanningProcess

pytestmark = pytest.mark.django_db


def test_the_demo_loads_two_processes_from_the_seeds(capsys):
    call_command("demo")
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
    out = capsys.readouterr().out
    assert "koordinator@slany.example" in out and "komplan-demo-2007" in out


def test_the_demo_is_idempotent():
    call_command("demo")
    call_command("demo")
    assert PlanningProcess.objects.filter(slug__in=["slany-2008-2010", "orp-prerov"]).count() == 2
    assert Phase.objects.filter(process__slug="slany-2008-2010").count() == 7


def test_demo_pages_say_the_content_is_illustrative(client):
    call_command("demo")
    body = client.get("/slany-2008-2010/").content.decode()
    assert "Ukázková data" in body
