"""Staff pages (three personas, members of another group refused, conflicts) and the public page (no names)."""

from __future__ import annotations

import pytest

from komplan.accounts.models import Membership
from komplan.vision import services
from komplan.vision.models import SwotItem, SwotVote, Vision

pytestmark = pytest.mark.django_db

STAFF = "/slany/sprava/swot/"
PUBLIC = "/slany/vize-a-swot/"


@pytest.mark.parametrize("path", ["", "celkova/", "ps-seniori/", "ps-rodiny/"])
def test_staff_pages_for_viewing(client, as_user, member, outsider, coordinator, items, path):
    assert client.get(STAFF + path).status_code == 302
    assert as_user(outsider).get(STAFF + path).status_code == 404
    assert as_user(member).get(STAFF + path).status_code == 200
    assert as_user(coordinator).get(STAFF + path).status_code == 200


def test_board_says_who_may_edit(as_user, member, coordinator, items):
    page = as_user(member).get(STAFF + "ps-seniori/")
    assert page.context["can_edit"] and page.context["can_vote"]
    page = as_user(member).get(STAFF + "ps-rodiny/")
    assert not page.context["can_edit"] and not page.context["can_vote"] and page.context["add_form"] is None
    page = as_user(member).get(STAFF + "celkova/")
    assert not page.context["can_edit"] and page.context["can_vote"]
    page = as_user(coordinator).get(STAFF + "ps-rodiny/")
    assert page.context["can_edit"] and not page.context["can_vote"]
    assert as_user(coordinator).get(STAFF + "nic/").status_code == 404


@pytest.mark.parametrize("path", ["vize/", "sloucit/"])
def test_plan_editor_pages(client, as_user, member, outsider, coordinator, items, path):
    assert client.get(STAFF + path).status_code == 302
    assert as_user(outsider).get(STAFF + path).status_code == 404
    assert as_user(member).get(STAFF + path).status_code == 403
    assert as_user(coordinator).get(STAFF + path).status_code == 200


def test_item_pages_personas(client, as_user, member, outsider, coordinator, items):
    pk = items["strength"].pk
    for path in [f"polozka/{pk}/upravit/", f"polozka/{pk}/dukazy/"]:
        client.logout()
        assert client.get(STAFF + path).status_code == 302
        assert as_user(outsider).get(STAFF + path).status_code == 404
        assert as_user(member).get(STAFF + path).status_code == 200  # seated in PS senioři
        assert as_user(coordinator).get(STAFF + path).status_code == 200
    assert as_user(coordinator).get(STAFF + "polozka/999999/upravit/").status_code == 404


def test_member_editing_another_groups_swot_is_refused(as_user, member, items):
    staff = as_user(member)
    other = items["weakness"]
    refusals = [
        staff.post(STAFF + "ps-rodiny/pridat/", {"quadrant": "strengths", "text": "Cizí položka"}),
        staff.get(STAFF + f"polozka/{other.pk}/upravit/"),
        staff.post(STAFF + f"polozka/{other.pk}/upravit/", {"quadrant": "threats", "text": "Přepsáno", "version": 0}),
        staff.post(STAFF + f"polozka/{other.pk}/smazat/"),
        staff.post(STAFF + f"polozka/{other.pk}/posunout/", {"smer": "nahoru"}),
        staff.post(STAFF + f"polozka/{other.pk}/hlas/", {"hlas": "1"}),
        staff.post(STAFF + f"polozka/{other.pk}/dukazy/", {"kind": "indicator", "indicator": "ageing_index"}),
        staff.post(STAFF + "celkova/pridat/", {"quadrant": "strengths", "text": "Do celkové"}),
        staff.post(STAFF + f"polozka/{items['overall'].pk}/smazat/"),
    ]
    for response in refusals:
        assert response.status_code == 403
    assert "PS rodiny" in refusals[0].content.decode()  # the reason names the group
    other.refresh_from_db()
    assert (other.text, other.quadrant) == ("Chybí nízkoprahový klub", "weaknesses")
    assert SwotItem.objects.count() == 4 and not SwotVote.objects.exists() and not other.evidence.exists()


def test_member_edits_own_groups_swot(as_user, member, items, process):
    staff = as_user(member)
    added = staff.post(STAFF + "ps-seniori/pridat/", {"quadrant": "opportunities", "text": "Dotace z EU"})
    assert added.status_code == 302
    item = SwotItem.objects.get(text="Dotace z EU")
    data = {"quadrant": "opportunities", "text": "Dotace", "version": 0}
    response = staff.post(STAFF + f"polozka/{item.pk}/upravit/", data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.text, item.version) == ("Dotace", 1)
    assert staff.post(STAFF + f"polozka/{item.pk}/smazat/").status_code == 302
    assert not SwotItem.objects.filter(pk=item.pk).exists()


def test_bad_item_is_refused_at_the_field(as_user, member, items):
    response = as_user(member).post(STAFF + "ps-seniori/pridat/", {"quadrant": "strengths", "text": ""})
    assert response.status_code == 400 and "text" in response.context["add_form"].errors
    assert SwotItem.objects.count() == 4


def test_concurrent_item_edit_answers_409_with_the_other_change(as_user, member, coordinator, items):
    item = items["strength"]
    services.save_item(item, "strengths", "Text koordinátorky", coordinator, 0)
    response = as_user(member).post(
        STAFF + f"polozka/{item.pk}/upravit/", {"quadrant": "strengths", "text": "Můj text", "version": 0}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Text koordinátorky" in html and "Můj text" in html
    item.refresh_from_db()
    assert item.text == "Text koordinátorky"


def test_vision_editing_and_conflict(as_user, member, coordinator, process, items):
    staff = as_user(coordinator)
    assert staff.post(STAFF + "vize/", {"text": "Dostupné služby pro všechny", "version": 0}).status_code == 302
    assert Vision.objects.get(process=process).text == "Dostupné služby pro všechny"
    response = staff.post(STAFF + "vize/", {"text": "Moje verze", "version": 0})
    assert response.status_code == 409
    assert "Dostupné služby pro všechny" in response.content.decode()
    assert Vision.objects.get(process=process).text == "Dostupné služby pro všechny"
    assert as_user(member).post(STAFF + "vize/", {"text": "Člen", "version": 1}).status_code == 403
    assert Vision.objects.get(process=process).version == 1


def test_votes_without_and_with_htmx(as_user, member, process, items):
    staff = as_user(member)
    item = items["strength"]
    assert staff.post(STAFF + f"polozka/{item.pk}/hlas/", {"hlas": "1"}).status_code == 302
    assert SwotVote.objects.filter(item=item).count() == 1
    partial = staff.post(STAFF + f"polozka/{item.pk}/hlas/", {"hlas": "0"}, headers={"HX-Request": "true"})
    assert partial.status_code == 200 and 'data-voted="false"' in partial.content.decode()
    assert not SwotVote.objects.exists()
    assert staff.post(STAFF + f"polozka/{items['overall'].pk}/hlas/", {"hlas": "1"}).status_code == 302


def test_move_item(as_user, member, process, groups, items):
    second = services.add_item(process, groups["seniors"], "strengths", "Druhá", None)
    assert as_user(member).post(STAFF + f"polozka/{second.pk}/posunout/", {"smer": "nahoru"}).status_code == 302
    second.refresh_from_db()
    assert second.order == 0


def test_evidence_picker(as_user, member, items, process):
    from komplan.directory.models import CodelistItem

    staff = as_user(member)
    item = items["strength"]
    path = STAFF + f"polozka/{item.pk}/dukazy/"
    missing = staff.post(path, {"kind": "gap"})
    assert missing.status_code == 400 and "service_type" in missing.context["form"].errors
    gap = CodelistItem.objects.filter(codelist="DruhSocialniSluzby").first()
    assert staff.post(path, {"kind": "gap", "service_type": gap.pk, "note": "chybí"}).status_code == 302
    indicator = {"kind": "indicator", "indicator": "ageing_index", "territory": "532819"}
    assert staff.post(path, indicator).status_code == 302
    evidence = list(item.evidence.order_by("pk"))
    assert [e.kind for e in evidence] == ["gap", "indicator"] and evidence[1].territory.code == "532819"
    board = staff.get(STAFF + "ps-seniori/").content.decode()
    assert f"?type={gap.code}" in board and "?obec=532819#vyhled" in board
    assert staff.post(STAFF + f"polozka/{item.pk}/dukazy/{evidence[0].pk}/odebrat/").status_code == 302
    assert item.evidence.count() == 1


def test_merge_page(as_user, coordinator, items):
    staff = as_user(coordinator)
    page = staff.get(STAFF + "sloucit/")
    assert "Chybí nízkoprahový klub" in page.content.decode()
    nothing = staff.post(STAFF + "sloucit/", {})
    assert nothing.status_code == 400 and "items" in nothing.context["form"].errors
    assert staff.post(STAFF + "sloucit/", {"items": [items["weakness"].pk]}).status_code == 302
    assert staff.post(STAFF + "sloucit/", {"vse": "1"}).status_code == 302
    assert staff.post(STAFF + "sloucit/", {"vse": "1"}).status_code == 302
    overall = items["overall"].swot
    assert SwotItem.objects.filter(swot=overall).count() == 4
    board = staff.get(STAFF + "celkova/").content.decode()
    assert "PS rodiny" in board and "PS senioři" in board


def test_take_over_needs_edit_plan(as_user, member, coordinator, process, items):
    services.merge(process, None, coordinator)
    copy = SwotItem.objects.get(source=items["strength"])
    services.save_item(items["strength"], "strengths", "Nové znění", coordinator, 0)
    path = STAFF + f"polozka/{copy.pk}/prevzit/"
    assert as_user(member).post(path).status_code == 403
    assert "Nové znění" in as_user(coordinator).get(STAFF + "celkova/").content.decode()
    assert as_user(coordinator).post(path).status_code == 302
    copy.refresh_from_db()
    assert copy.text == "Nové znění"


def test_public_page_shows_counts_never_voters(client, as_user, process, member, coordinator, items):
    services.save_vision(process, "**Vize** Slaného", coordinator, 0)
    services.vote(items["strength"], Membership.objects.get(process=process, user=member))
    services.merge(process, [items["weakness"].pk], coordinator)
    page = client.get(PUBLIC)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<strong>Vize</strong>" in html and "Dobrá síť pečovatelské služby" in html
    assert "1 hlas" in html or "1 vote" in html
    assert "Člen Pracovní" not in html and "Koordinátorka" not in html
    assert html.index("swot-celkova") < html.index("swot-ps-seniori")
    assert "Vote" not in html and "Hlasovat" not in html


def test_public_page_of_a_hidden_process(client, process, items):
    process.is_public = False
    process.save()
    assert client.get(PUBLIC).status_code == 404


def test_posts_for_anonymous_and_outsiders(client, as_user, outsider, items):
    pk = items["strength"].pk
    paths = [
        "ps-seniori/pridat/",
        f"polozka/{pk}/smazat/",
        f"polozka/{pk}/posunout/",
        f"polozka/{pk}/hlas/",
        f"polozka/{pk}/prevzit/",
        f"polozka/{pk}/dukazy/1/odebrat/",
    ]
    for path in paths:
        assert client.post(STAFF + path).status_code == 302
    stranger = as_user(outsider)
    for path in paths:
        assert stranger.post(STAFF + path).status_code == 404
    assert SwotItem.objects.filter(pk=pk).exists() and not SwotVote.objects.exists()


def test_gets_are_refused_on_post_only_endpoints(as_user, coordinator, items):
    assert as_user(coordinator).get(STAFF + f"polozka/{items['strength'].pk}/smazat/").status_code == 405


def test_item_of_another_process_is_not_found(as_user, coordinator, other_process):
    from komplan.vision.services import add_item

    foreign = add_item(other_process, None, "strengths", "Cizí", None)
    assert as_user(coordinator).get(STAFF + f"polozka/{foreign.pk}/upravit/").status_code == 404
    assert as_user(coordinator).post(STAFF + f"polozka/{foreign.pk}/smazat/").status_code == 404
    assert SwotItem.objects.filter(pk=foreign.pk).exists()


def test_note_above_a_swot(client, as_user, member, outsider, coordinator, process, items):
    from komplan.vision.models import Swot

    assert client.post(STAFF + "ps-seniori/poznamka/", {"note": "x"}).status_code == 302
    assert as_user(outsider).post(STAFF + "ps-seniori/poznamka/", {"note": "x"}).status_code == 404
    assert as_user(member).post(STAFF + "ps-rodiny/poznamka/", {"note": "Cizí"}).status_code == 403
    assert as_user(member).post(STAFF + "celkova/poznamka/", {"note": "Cizí"}).status_code == 403
    assert as_user(member).post(STAFF + "ps-seniori/poznamka/", {"note": "Schůzka 4. 6. 2007"}).status_code == 302
    too_long = as_user(member).post(STAFF + "ps-seniori/poznamka/", {"note": "x" * 3001})
    assert too_long.status_code == 400 and "note" in too_long.context["note_form"].errors
    assert as_user(coordinator).post(STAFF + "celkova/poznamka/", {"note": "Strategický tým"}).status_code == 302
    notes = dict(Swot.objects.filter(process=process).values_list("body__slug", "note"))
    assert notes == {"ps-seniori": "Schůzka 4. 6. 2007", "ps-rodiny": "", None: "Strategický tým"}
    assert "Schůzka 4. 6. 2007" in client.get(PUBLIC).content.decode()


def test_public_page_reads_a_fixed_number_of_queries(client, django_assert_max_num_queries, process, groups, items):
    from komplan.directory.models import CodelistItem

    gap = CodelistItem.objects.filter(codelist="DruhSocialniSluzby").first()
    client.get(PUBLIC)  # warm the caches (site settings, codelists)
    with django_assert_max_num_queries(20) as few:
        client.get(PUBLIC)
    for n in range(10):
        item = services.add_item(process, groups["families"], "threats", f"Hrozba {n}", None)
        services.add_evidence(item, kind="gap", service_type=gap)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "Hrozba 9" in client.get(PUBLIC).content.decode()
