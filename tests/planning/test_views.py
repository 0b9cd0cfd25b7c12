"""Staff pages of the bodies (three personas) and the public pages (names hidden from the public)."""

from __future__ import annotations

import pytest

from komplan.accounts.models import Membership
from komplan.planning.models import Body, BodyMember, PlanningGroup

pytestmark = pytest.mark.django_db

STAFF = "/slany/sprava/skupiny/"
PUBLIC = "/slany/skupiny/"


@pytest.mark.parametrize("path", ["", "ps-seniori/"])
def test_staff_pages_for_viewing(client, as_user, member, outsider, coordinator, bodies, path):
    assert client.get(STAFF + path).status_code == 302
    assert as_user(outsider).get(STAFF + path).status_code == 404
    page = as_user(member).get(STAFF + path)
    assert page.status_code == 200 and page.context["can_manage"] is False
    assert as_user(coordinator).get(STAFF + path).context["can_manage"] is True


@pytest.mark.parametrize(
    "path",
    ["nova/", "cilove-skupiny/nova/", "cilove-skupiny/seniori/", "ps-seniori/upravit/"],
)
def test_staff_edit_pages(client, as_user, member, outsider, coordinator, bodies, path):
    assert client.get(STAFF + path).status_code == 302
    assert as_user(outsider).get(STAFF + path).status_code == 404
    assert as_user(member).get(STAFF + path).status_code == 403
    assert as_user(coordinator).get(STAFF + path).status_code == 200


@pytest.mark.parametrize(
    "path",
    ["ps-seniori/smazat/", "cilove-skupiny/seniori/smazat/", "ps-seniori/vedouci/", "ps-seniori/clenove/pridat/"],
)
def test_staff_posts_refused_to_non_managers(client, as_user, member, outsider, bodies, path):
    assert client.post(STAFF + path).status_code == 302
    assert as_user(outsider).post(STAFF + path).status_code == 404
    assert as_user(member).post(STAFF + path).status_code == 403
    assert Body.objects.filter(slug="ps-seniori").exists() and PlanningGroup.objects.filter(slug="seniori").exists()


def test_coordinator_creates_a_body_and_manages_members(as_user, coordinator, member, process, bodies):
    staff = as_user(coordinator)
    group = bodies["group"]
    response = staff.post(
        STAFF + "nova/",
        {"kind": "working", "name": "PS rodiny a děti", "order": "2", "planning_groups": [group.pk], "charter": "x"},
    )
    assert response.status_code == 302
    body = Body.objects.get(process=process, slug="ps-rodiny-a-deti")
    assert list(body.planning_groups.all()) == [group]

    membership = Membership.objects.get(process=process, user=member)
    assert staff.post(STAFF + "ps-rodiny-a-deti/clenove/pridat/", {"membership": membership.pk}).status_code == 302
    seat = BodyMember.objects.get(body=body, membership=membership)
    assert staff.post(STAFF + "ps-rodiny-a-deti/vedouci/", {"seat": seat.pk}).status_code == 302
    seat.refresh_from_db()
    assert seat.is_leader
    again = staff.post(STAFF + "ps-rodiny-a-deti/clenove/pridat/", {"membership": membership.pk})
    assert again.status_code == 400 and "membership" in again.context["add_form"].errors
    assert staff.post(f"{STAFF}ps-rodiny-a-deti/clenove/{seat.pk}/odebrat/").status_code == 302
    assert not BodyMember.objects.filter(body=body).exists()
    assert staff.post(STAFF + "ps-rodiny-a-deti/smazat/").status_code == 302
    assert not Body.objects.filter(pk=body.pk).exists()


def test_members_of_another_process_cannot_be_added(as_user, coordinator, outsider, bodies):
    foreign = Membership.objects.get(user=outsider)
    response = as_user(coordinator).post(STAFF + "ps-seniori/clenove/pridat/", {"membership": foreign.pk})
    assert response.status_code == 400 and "membership" in response.context["add_form"].errors
    assert not BodyMember.objects.filter(membership=foreign).exists()


def test_invalid_body_is_refused_at_the_field(as_user, coordinator, bodies):
    response = as_user(coordinator).post(STAFF + "nova/", {"kind": "working", "name": "PS senioři", "order": "1"})
    assert response.status_code == 400 and "name" in response.context["form"].errors
    assert Body.objects.count() == 2


def test_planning_group_edit_and_delete(as_user, coordinator, process, bodies):
    staff = as_user(coordinator)
    assert staff.post(STAFF + "cilove-skupiny/nova/", {"name": "Rodiny"}).status_code == 302
    assert staff.post(STAFF + "cilove-skupiny/rodiny/", {"name": "Rodiny a děti"}).status_code == 302
    assert PlanningGroup.objects.filter(process=process, slug="rodiny-a-deti").exists()
    assert staff.post(STAFF + "cilove-skupiny/rodiny-a-deti/smazat/").status_code == 302
    assert not PlanningGroup.objects.filter(process=process, slug="rodiny-a-deti").exists()


def test_public_pages_hide_names_from_the_public(client, bodies):
    for path in ["", "ps-seniori/"]:
        page = client.get(PUBLIC + path)
        assert page.status_code == 200
        html = page.content.decode()
        assert "Pavla Poskytovatelová" not in html and "Koordinátorka" not in html
        assert "PS senioři" in html and "senioři" in html
    detail = client.get(PUBLIC + "ps-seniori/").content.decode()
    assert "Město Slaný" in detail  # the leader's organisation
    assert "<strong>Listina</strong>" in detail
    assert client.get(PUBLIC + "nic/").status_code == 404


def test_public_pages_show_names_to_members(as_user, member, outsider, bodies):
    html = as_user(member).get(PUBLIC + "ps-seniori/").content.decode()
    assert "Pavla Poskytovatelová" in html
    assert "Pavla Poskytovatelová" not in as_user(outsider).get(PUBLIC + "ps-seniori/").content.decode()


def test_public_pages_of_a_hidden_process(client, process, bodies):
    process.is_public = False
    process.save()
    assert client.get(PUBLIC).status_code == 404


def test_group_page_links_to_its_meetings_swot_and_activities(client, bodies):
    html = client.get(PUBLIC + "ps-seniori/").content.decode()
    assert 'href="/slany/schuzky/?skupina=ps-seniori"' in html
    assert 'href="/slany/vize-a-swot/#swot-ps-seniori"' in html
    assert 'href="/slany/strategie/?skupina=ps-seniori"' in html
    steering = client.get(PUBLIC + "ridici/").content.decode()
    assert "#swot-ridici" not in steering and "?skupina=ridici" in steering  # no SWOT of the steering group


def test_staff_group_page_links_to_the_groups_swot_board(as_user, member, bodies):
    html = as_user(member).get(STAFF + "ps-seniori/").content.decode()
    assert 'href="/slany/sprava/swot/ps-seniori/"' in html and "?skupina=ps-seniori" in html
