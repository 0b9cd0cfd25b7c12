"""Starting the next planning period: the new process for the same area, the strategy copied as a starting point
(same numbers and titles, no costs or action-plan years, unfinished activities marked), the succession, the
refusals, the staff page, and the links between the public pages of both processes."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from komplan.accounts.models import Membership
from komplan.monitoring.carry_services import start_next_period
from komplan.monitoring.models import Succession
from komplan.strategy import querysets as strategy_queries
from komplan.strategy.models import ActionPlanYear, Activity, Cost, GapLink, Indicator, ServiceLink
from komplan.territory.models import PlanningProcess

from .carry_fixtures import reports2008, rich_a111  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

NEXT = "/slany/sprava/plneni/prevod/nove-obdobi/"


def start(process, user, **extra):
    data = {"name": "KPSS Slaný 2011–2013", "slug": "slany-2011", "period_start": 2011, "period_end": 2013}
    data.update(extra)
    return start_next_period(process, user, **data)


def shape(process) -> list[tuple]:
    rows = []
    for priority in strategy_queries.tree_for(process):
        rows.append((priority.number, priority.title))
        for measure in priority.measures.all():
            rows.append((measure.number, measure.title))
            rows.extend((a.number, a.title) for a in measure.activities.all())
    return rows


def test_the_new_process_covers_the_same_area_with_the_user_as_coordinator(process, plan2008, coordinator):
    new = start(process, coordinator)
    assert (new.name, new.slug, new.period_start, new.period_end) == ("KPSS Slaný 2011–2013", "slany-2011", 2011, 2013)
    assert new.area_kind == process.area_kind and new.responsible_municipality == process.responsible_municipality
    assert set(new.municipalities.all()) == set(process.municipalities.all())
    assert new.phases.count() == process.phases.count()
    membership = Membership.objects.get(process=new)
    assert (membership.user, membership.role, membership.triad) == (coordinator, "coordinator", "commissioner")
    link = Succession.objects.get()
    assert (link.previous, link.next, link.created_by) == (process, new, coordinator)


def test_an_orp_area_is_carried_over(other_process, outsider):
    new = start(other_process, outsider, slug="prerov-2011")
    assert new.area_kind == "orp" and new.area_orp == other_process.area_orp
    assert set(new.municipalities.all()) == set(other_process.municipalities.all())


def test_the_strategy_is_copied_as_a_starting_point(process, plan2008, reports2008, rich_a111, coordinator):  # noqa: F811
    GapLink.objects.create(process=process, gap_key="13-pob-luzka", measure=plan2008["m11"])
    new = start(process, coordinator)
    assert shape(new) == shape(process) and len(shape(new)) == 6
    copies = {a.title: a for a in Activity.objects.filter(measure__priority__process=new)}
    copy = copies[rich_a111.title]
    for name in ("responsible_organisation", "partners", "start", "end", "expected_outputs"):
        assert getattr(copy, name) == getattr(rich_a111, name), name
    assert set(copy.target_groups.all()) == set(rich_a111.target_groups.all())
    assert copy.responsible_provider == rich_a111.responsible_provider
    assert [(i.name, i.unit, i.target_value) for i in copy.indicators.all()] == [
        (i.name, i.unit, i.target_value) for i in rich_a111.indicators.all()
    ]
    assert ServiceLink.objects.filter(activity=copy).count() == 1
    # not copied: costs, action-plan years, planning groups, responsible members
    assert not Cost.objects.filter(activity__measure__priority__process=new).exists()
    assert not ActionPlanYear.objects.filter(activity__measure__priority__process=new).exists()
    assert not copy.planning_groups.exists()
    assert copies["Katalog služeb"].responsible_member is None
    # unfinished activities are marked, done ones not
    assert copy.description.startswith(rich_a111.description)
    assert "2008–2010" in copy.description and "1.1.1" in copy.description and "60 %" in copy.description
    assert "1.2.1" in copies["Katalog služeb"].description  # never reported
    assert copies["Osobní asistence"].description == ""  # done in 2008
    assert GapLink.objects.get(process=new).measure.title == plan2008["m11"].title
    # the old strategy is untouched
    assert Indicator.objects.filter(activity=rich_a111).count() == 1
    assert Cost.objects.filter(activity=rich_a111).count() == 2


def test_only_one_next_period(process, plan2008, coordinator):
    start(process, coordinator)
    with pytest.raises(ValidationError) as excinfo:
        start(process, coordinator, slug="slany-2011b")
    assert "KPSS Slaný 2011–2013" in excinfo.value.messages[0]
    assert PlanningProcess.objects.filter(slug="slany-2011b").count() == 0


@pytest.mark.parametrize(
    "extra, field",
    [
        ({"period_start": 2010}, "period_start"),
        ({"period_start": 2012, "period_end": 2011}, "period_end"),
        ({"period_start": "abc"}, "period_start"),
        ({"slug": "slany"}, "slug"),
        ({"slug": "sprava"}, "slug"),
        ({"slug": "Slaný 2011"}, "slug"),
        ({"name": "  "}, "name"),
    ],
)
def test_refusals_are_keyed_by_field(process, plan2008, coordinator, extra, field):
    count = PlanningProcess.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        start(process, coordinator, **extra)
    assert field in excinfo.value.message_dict
    assert PlanningProcess.objects.count() == count and not Succession.objects.exists()


# ---------------------------------------------------------------------------------------------------- the page


def test_the_page_starts_the_period_and_redirects_to_the_new_workspace(process, plan2008, coordinator, as_user):
    client = as_user(coordinator)
    page = client.get(NEXT)
    assert page.status_code == 200 and 'value="slany-2011"' in page.content.decode()
    response = client.post(
        NEXT, {"name": "KPSS Slaný 2011–2013", "slug": "slany-2011", "period_start": "2011", "period_end": "2013"}
    )
    assert response.status_code == 302 and response["Location"] == "/slany-2011/sprava/"
    assert client.get(response["Location"]).status_code == 200  # the coordinator of the new process
    again = client.post(NEXT, {"name": "X", "slug": "slany-x", "period_start": "2014", "period_end": "2016"})
    assert again.status_code == 409 and "KPSS Slaný 2011–2013" in again.content.decode()
    assert PlanningProcess.objects.filter(slug="slany-x").count() == 0


def test_bad_input_is_shown_at_the_field(process, plan2008, coordinator, as_user):
    response = as_user(coordinator).post(
        NEXT, {"name": "Nový", "slug": "slany", "period_start": "2009", "period_end": "2013"}
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"slug", "period_start"}
    assert not Succession.objects.exists()


# ---------------------------------------------------------------------------------------------------- public pages


def test_both_public_pages_link_to_each_other(process, plan2008, coordinator, client):
    new = start(process, coordinator)
    old_page = client.get("/slany/").content.decode()
    assert 'href="/slany-2011/"' in old_page and "KPSS Slaný 2011–2013 (2011–2013)" in old_page
    new_page = client.get("/slany-2011/").content.decode()
    assert 'href="/slany/"' in new_page and f"{process.name} (2008–2010)" in new_page
    assert "Navazující období" in old_page and "Předchozí období" in new_page and "Navazuje na" in new_page
    assert new.is_public


def test_a_non_public_successor_is_not_linked_for_visitors(process, plan2008, coordinator, client, as_user):
    new = start(process, coordinator)
    new.is_public = False
    new.save()
    assert 'href="/slany-2011/"' not in client.get("/slany/").content.decode()
    assert 'href="/slany-2011/"' in as_user(coordinator).get("/slany/").content.decode()


def test_a_process_without_succession_shows_no_links(process, client):
    page = client.get("/slany/").content.decode()
    assert "Navazující období" not in page and "Předchozí období" not in page
