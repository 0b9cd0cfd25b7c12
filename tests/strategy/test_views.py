"""Every view with the three personas (anonymous, outsider, member without the flag) and the allowed role."""

from __future__ import annotations

import pytest

from komplan.strategy import services
from komplan.strategy.models import Activity, ActivitySheet, Measure, Priority, SheetCall, SheetState

from .conftest import sheet_post

pytestmark = pytest.mark.django_db
STAFF = "/slany/sprava/strategie/"


@pytest.fixture
def sheet(process, member, call):
    from django.test import Client

    client = Client()
    client.force_login(member)
    assert client.post("/slany/listy-aktivit/novy/", sheet_post()).status_code == 302
    return ActivitySheet.objects.get()


def _as(user=None):
    from django.test import Client

    fresh = Client()
    if user is not None:
        fresh.force_login(user)
    return fresh


def _paths(tree, sheet, names):
    ids = {"p": tree["p1"].pk, "m": tree["m21"].pk, "a": tree["a211"].pk, "s": sheet.pk}
    return [name.format(**ids) for name in names]


VIEWING = ["", "listy/", "listy/{s}/", "aktivity/{a}/"]
EDITING = [
    "priority/nova/",
    "priority/{p}/",
    "priority/{p}/nove-opatreni/",
    "opatreni/{m}/",
    "opatreni/{m}/nova-aktivita/",
    "priority/{p}/smazat/",
]
POSTS = [
    "priority/{p}/posunout/down/",
    "measure/{m}/posunout/up/",
    "activity/{a}/posunout/up/",
    "activity/{a}/smazat/",
    "aktivity/{a}/presunout/",
    "listy/obdobi/",
    "aktivity/{a}/",
    "listy/{s}/vratit/",
    "listy/{s}/akcni-plan/",
    "listy/{s}/zasobnik/",
    "listy/{s}/zamitnout/",
]


def test_staff_viewing(client, as_user, member, outsider, coordinator, tree, sheet):
    for path in _paths(tree, sheet, VIEWING):
        assert _as().get(STAFF + path).status_code == 302, path
        assert _as(outsider).get(STAFF + path).status_code == 404, path
        page = _as(member).get(STAFF + path)
        assert page.status_code == 200 and page.context["can_edit"] is False, path
        assert _as(coordinator).get(STAFF + path).context["can_edit"] is True, path


def test_staff_editing(client, as_user, member, outsider, coordinator, tree, sheet):
    for path in _paths(tree, sheet, EDITING):
        assert _as().get(STAFF + path).status_code == 302, path
        assert _as(outsider).get(STAFF + path).status_code == 404, path
        assert _as(member).get(STAFF + path).status_code == 403, path
        assert _as(coordinator).get(STAFF + path).status_code == 200, path


def test_staff_posts_refused_to_non_editors(client, as_user, member, outsider, tree, sheet):
    for path in _paths(tree, sheet, POSTS):
        assert _as().post(STAFF + path).status_code == 302, path
        assert _as(outsider).post(STAFF + path).status_code == 404, path
        assert _as(member).post(STAFF + path).status_code == 403, path
    assert Activity.objects.filter(pk=tree["a211"].pk).exists()
    assert ActivitySheet.objects.get().state == SheetState.SUBMITTED


def test_unknown_kind_or_decision_is_404(as_user, coordinator, tree, sheet):
    staff = as_user(coordinator)
    assert staff.post(STAFF + f"body/{tree['p1'].pk}/smazat/").status_code == 404
    assert staff.post(STAFF + f"priority/{tree['p1'].pk}/posunout/sideways/").status_code == 404
    assert staff.post(STAFF + f"listy/{sheet.pk}/schvalit/").status_code == 404


def test_member_pages(client, as_user, member, outsider, provider_editor, sheet):
    for path in ["/slany/listy-aktivit/", "/slany/listy-aktivit/novy/", f"/slany/listy-aktivit/{sheet.pk}/"]:
        assert _as().get(path).status_code == 302, path
        assert _as(outsider).get(path).status_code == 404, path
        assert _as(member).get(path).status_code == 200, path
    assert _as(provider_editor).get("/slany/listy-aktivit/novy/").status_code == 200
    assert _as(provider_editor).get(f"/slany/listy-aktivit/{sheet.pk}/").status_code == 404  # not theirs


PUBLIC = [
    "/slany/strategie/",
    "/slany/akcni-plan/2008/",
    "/slany/akcni-plan/2008/akcni-plan.xlsx",
    "/slany/zasobnik-projektu/",
    "/slany/zasobnik-projektu/zasobnik-projektu.xlsx",
]


def test_public_pages_of_a_public_process(client, as_user, process, outsider, tree):
    process.is_public = True
    process.save()
    for path in PUBLIC:
        assert _as().get(path).status_code == 200, path
    Activity.objects.filter(pk=tree["a211"].pk).first().plan_years.create(year=2009)
    assert _as().get("/slany/akcni-plan/").url.endswith("/akcni-plan/2009/")
    assert _as().get("/slany/akcni-plan/1800/").status_code == 404


def test_public_pages_of_a_hidden_process(client, as_user, process, outsider, member, tree):
    process.is_public = False
    process.save()
    for path in PUBLIC:
        assert _as().get(path).status_code == 404, path
        assert _as(outsider).get(path).status_code == 404, path
        assert _as(member).get(path).status_code == 200, path


def test_proposer_names_are_not_public(client, process, member, coordinator, sheet):
    process.is_public = True
    process.save()
    services.accept_to_project_store(sheet, coordinator)
    page = client.get("/slany/zasobnik-projektu/").content.decode()
    assert sheet.title in page and "Charita Slaný" in page and member.full_name not in page


def test_coordinator_builds_the_tree(as_user, process, coordinator):
    staff = as_user(coordinator)
    assert staff.post(STAFF + "priority/nova/", {"title": "Senioři"}).status_code == 302
    priority = Priority.objects.get()
    assert staff.post(STAFF + f"priority/{priority.pk}/nove-opatreni/", {"title": "Terénní služby"}).status_code == 302
    measure = Measure.objects.get()
    data = {
        "title": "Víkendová péče",
        "years": "2008, 2009",
        "start": "2008-01-01",
        "end": "2009-12-31",
        "costs-TOTAL_FORMS": "1",
        "costs-INITIAL_FORMS": "0",
        "costs-0-year": "2008",
        "costs-0-amount": "100000",
        "indicators-TOTAL_FORMS": "0",
        "indicators-INITIAL_FORMS": "0",
        "links-TOTAL_FORMS": "1",
        "links-INITIAL_FORMS": "0",
        "links-0-kind": "capacity",
    }
    bad = staff.post(STAFF + f"opatreni/{measure.pk}/nova-aktivita/", data)
    assert bad.status_code == 400 and not Activity.objects.exists()  # a capacity change needs service and unit
    data["links-0-kind"] = "new"
    data["links-0-service_type"] = str(
        __import__("komplan.directory.models", fromlist=["CodelistItem"])
        .CodelistItem.objects.filter(codelist="DruhSocialniSluzby", slug="home_care")
        .get()
        .pk
    )
    assert staff.post(STAFF + f"opatreni/{measure.pk}/nova-aktivita/", data).status_code == 302
    activity = Activity.objects.get()
    assert sorted(y.year for y in activity.plan_years.all()) == [2008, 2009]
    assert "1.1.1" in staff.get(STAFF).content.decode()
    bad_years = staff.post(STAFF + f"aktivity/{activity.pk}/", {**data, "years": "2008, osm", "version": "1"})
    assert bad_years.status_code == 400


def test_call_is_set_by_the_coordinator(as_user, process, coordinator):
    staff = as_user(coordinator)
    bad = staff.post(STAFF + "listy/obdobi/", {"opens": "2008-02-01", "closes": "2008-01-01"})
    assert bad.status_code == 400 and not SheetCall.objects.exists()
    assert staff.post(STAFF + "listy/obdobi/", {"opens": "2008-01-01", "closes": "2008-02-01"}).status_code == 302
    assert SheetCall.objects.get().closes.month == 2


def test_decisions_through_the_inbox(as_user, coordinator, tree, sheet):
    staff = as_user(coordinator)
    empty = staff.post(STAFF + f"listy/{sheet.pk}/zamitnout/", {"zamitnout-reason": ""})
    assert empty.status_code == 400
    assert staff.post(STAFF + f"listy/{sheet.pk}/vratit/", {"vratit-comment": "Doplňte."}).status_code == 302
    sheet.refresh_from_db()
    assert sheet.state == SheetState.RETURNED
    late = staff.post(STAFF + f"listy/{sheet.pk}/zasobnik/", {})
    assert late.status_code == 400 and ActivitySheet.objects.get().state == SheetState.RETURNED


def test_coordinator_reorders_and_moves(as_user, process, coordinator, tree):
    from komplan.strategy import querysets

    staff = as_user(coordinator)
    second = Activity.objects.create(measure=tree["m21"], title="Druhá", order=2)
    assert staff.post(STAFF + f"activity/{second.pk}/posunout/up/").status_code == 302
    assert [a.title for a in querysets.action_plan(process, 2008)] == []
    numbers = {a.title: a.number for a in querysets.numbered_activities(process)}
    assert numbers == {"Druhá": "2.1.1", "Pečovatelská služba o víkendech": "2.1.2"}
    moved = staff.post(STAFF + f"aktivity/{second.pk}/presunout/", {"measure": tree["m11"].pk})
    assert moved.status_code == 302
    assert {a.title: a.number for a in querysets.numbered_activities(process)}["Druhá"] == "1.1.1"
    assert staff.post(STAFF + f"priority/{tree['p2'].pk}/posunout/up/").status_code == 302
    assert [p.title for p in querysets.tree_for(process)][0] == tree["p2"].title
    assert staff.post(STAFF + f"measure/{tree['m22'].pk}/smazat/").status_code == 302
    assert not Measure.objects.filter(pk=tree["m22"].pk).exists()


def test_deleting_asks_first_and_says_what_goes_with_it(as_user, coordinator, tree, sheet):
    staff = as_user(coordinator)
    priority = tree["p2"]
    measures = priority.measures.count()
    activities = Activity.objects.filter(measure__priority=priority).count()
    page = staff.get(STAFF + f"priority/{priority.pk}/smazat/")
    assert page.status_code == 200
    assert page.context["number"] == "2"
    assert page.context["consequences"]["measures"] == measures
    assert page.context["consequences"]["activities"] == activities
    assert Priority.objects.filter(pk=priority.pk).exists()  # GET never deletes
    tree_page = staff.get(STAFF).content.decode()
    assert f'href="{STAFF}priority/{priority.pk}/smazat/"' in tree_page  # a link to the question, not a POST
    assert staff.post(STAFF + f"priority/{priority.pk}/smazat/").status_code == 302
    assert not Priority.objects.filter(pk=priority.pk).exists()


def test_english_pages(process, tree):
    process.is_public = True
    process.save()
    page = _as().get("/en/slany/strategie/")
    assert page.status_code == 200 and "Priority 2" in page.content.decode()


def test_tree_shows_the_vision_and_filters_by_responsible_group(client, process, tree):
    from komplan.planning.models import Body
    from komplan.vision.models import Vision

    Vision.objects.create(process=process, text="Slaný, kde se o lidi **pečuje**.")
    page = client.get("/slany/strategie/").content.decode()
    assert "<strong>pečuje</strong>" in page and page.index("pečuje") < page.index("Zachování sítě služeb")
    body = Body.objects.create(process=process, name="PS senioři", slug="ps-seniori")
    tree["a211"].responsible_body = body
    tree["a211"].save()
    Activity.objects.create(measure=tree["m11"], title="Jiná aktivita", order=1)
    filtered = client.get("/slany/strategie/?skupina=ps-seniori").content.decode()
    assert "2.1.1" in filtered and "Pečovatelská služba o víkendech" in filtered
    assert "Jiná aktivita" not in filtered and "Zachování sítě služeb" not in filtered
    assert "Jiná aktivita" in client.get("/slany/strategie/").content.decode()
    assert client.get("/slany/strategie/?skupina=nic").status_code == 404
    assert client.get("/slany/strategie/?skupina=a%00b").status_code == 404
