"""Link to strategy (#7 item 6): gaps linked to measures and activities; the strategy pages show the answers."""

from __future__ import annotations

import pytest

from komplan.strategy.models import Activity, GapLink, Measure, Priority
from tests.directory.factories import make_service

pytestmark = pytest.mark.django_db

STAFF = "/slany/sprava/strategie/mezery/"


@pytest.fixture
def tree(process):
    priority = Priority.objects.create(process=process, title="Péče o seniory")
    measure = Measure.objects.create(priority=priority, title="Rozšířit kapacitu domova")
    activity = Activity.objects.create(measure=measure, title="Přístavba domova")
    return {"measure": measure, "activity": activity}


def test_staff_page_personas_without_population(client, as_user, member, outsider, coordinator, tree):
    assert client.get(STAFF).status_code == 302
    assert as_user(outsider).get(STAFF).status_code == 404
    page = as_user(member).get(STAFF)
    assert page.status_code == 200 and page.context["can_edit"] is False and page.context["result"].missing
    assert as_user(member).post(STAFF + "propojit/", {"gap": "13-pob-luzka"}).status_code == 403
    assert as_user(coordinator).get(STAFF).context["can_edit"] is True
    public = client.get("/slany/strategie/")
    assert public.status_code == 200 and "Rozšířit kapacitu domova" in public.content.decode()


@pytest.mark.usefixtures("demography_data")
def test_gaps_are_linked_and_shown_on_the_strategy_page(client, as_user, coordinator, process, tree):
    make_service("Domov Slaný", "13", located_in="532819", serves=("532819",), forms={"pob": [("luzka", 10)]})
    staff = as_user(coordinator)
    page = staff.get(STAFF)
    keys = [gap.key for gap in page.context["result"].gaps]
    assert "13-pob-luzka" in keys  # 10 beds for about 700 people aged 80+: a gap
    assert staff.post(STAFF + "propojit/", {"gap": "13-pob-luzka", "target": "m999"}).status_code == 400
    assert staff.post(STAFF + "propojit/", {"gap": "nic", "target": f"m{tree['measure'].pk}"}).status_code == 400
    assert (
        staff.post(STAFF + "propojit/", {"gap": "13-pob-luzka", "target": f"a{tree['activity'].pk}"}).status_code == 302
    )
    link = GapLink.objects.get(process=process)
    assert link.activity == tree["activity"] and link.measure is None
    html = client.get("/slany/strategie/").content.decode()
    assert "Odpovídá na nedostatky z analýzy potřeb" in html
    public = client.get("/slany/strategie/").context
    assert "13-pob-luzka" not in [gap.key for gap in public["gaps"].unanswered]
    assert public["gaps"].unanswered  # other types have gaps no measure answers
    assert staff.post(STAFF + f"{link.pk}/odpojit/").status_code == 302 and not GapLink.objects.exists()


@pytest.mark.usefixtures("demography_data")
def test_a_new_measure_is_created_from_a_gap_and_answers_it(as_user, member, coordinator, process, tree):
    make_service("Domov Slaný", "13", located_in="532819", serves=("532819",), forms={"pob": [("luzka", 10)]})
    priority = tree["measure"].priority
    new = STAFF + "nove-opatreni/"
    data = {"gap": "13-pob-luzka", "priority": str(priority.pk), "title": "Nová kapacita domova pro seniory"}
    assert as_user(member).post(new, data).status_code == 403
    assert as_user(coordinator).post(new, {**data, "priority": "x"}).status_code == 400
    assert as_user(coordinator).post(new, {**data, "gap": "nic"}).status_code == 400
    assert Measure.objects.count() == 1  # nothing created on bad input

    response = as_user(coordinator).post(new, data, follow=True)
    measure = Measure.objects.get(title="Nová kapacita domova pro seniory")
    assert measure.priority == priority and GapLink.objects.get(process=process).measure == measure
    assert "1.2" in response.content.decode()  # the new measure's number in the message
    page = as_user(coordinator).get(STAFF).content.decode()
    assert "Nové opatření pro tento nedostatek" in page
