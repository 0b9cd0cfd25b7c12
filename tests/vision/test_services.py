"""Services: items (add, edit with versions, move, delete), votes, merge keeping the origin, the vision."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from komplan.accounts.models import Membership
from komplan.vision import services
from komplan.vision.models import Swot, SwotEvidence, SwotItem, SwotVote, Vision

pytestmark = pytest.mark.django_db


def _texts(swot, quadrant):
    return list(SwotItem.objects.filter(swot=swot, quadrant=quadrant).order_by("order").values_list("text", flat=True))


def test_one_swot_per_body_and_one_overall(process, groups, items):
    assert Swot.objects.filter(process=process).count() == 3
    assert services.swot_for(process, None) == items["overall"].swot
    assert services.swot_for(process, groups["seniors"]) == items["strength"].swot


def test_swot_of_a_foreign_body_is_refused(process, other_process):
    from komplan.planning.models import Body

    foreign = Body.objects.create(process=other_process, name="Cizí", slug="cizi")
    with pytest.raises(ValidationError):
        services.add_item(process, foreign, "strengths", "x", None)
    assert not SwotItem.objects.exists()


@pytest.mark.parametrize(("quadrant", "text"), [("strengths", "  "), ("nonsense", "text"), ("threats", "x" * 1001)])
def test_bad_items_are_refused(process, groups, quadrant, text):
    with pytest.raises(ValidationError):
        services.add_item(process, groups["seniors"], quadrant, text, None)
    assert not SwotItem.objects.exists()


def test_add_move_and_delete_keep_the_order(process, groups, coordinator):
    body = groups["seniors"]
    a, b, c = (services.add_item(process, body, "strengths", t, coordinator) for t in "abc")
    assert [a.order, b.order, c.order] == [0, 1, 2]
    services.move_item(c, -1)
    assert _texts(a.swot, "strengths") == ["a", "c", "b"]
    services.move_item(a, -1)  # at the top already: nothing moves
    assert _texts(a.swot, "strengths") == ["a", "c", "b"]
    services.delete_item(SwotItem.objects.get(pk=c.pk))
    assert list(SwotItem.objects.filter(swot=a.swot).order_by("order").values_list("order", flat=True)) == [0, 1]


def test_saving_an_item_over_a_newer_version_is_refused(items, coordinator, member):
    item = items["strength"]
    services.save_item(item, "strengths", "První úprava", coordinator, 0)
    with pytest.raises(services.Conflict) as conflict:
        services.save_item(item, "strengths", "Druhá úprava", member, 0)
    assert conflict.value.current.text == "První úprava"
    item.refresh_from_db()
    assert (item.text, item.version) == ("První úprava", 1)


def test_moving_an_item_to_another_quadrant_renumbers(items, coordinator):
    moved = services.save_item(items["strength"], "threats", "Přesunuto", coordinator, 0)
    assert (moved.quadrant, moved.order) == ("threats", 1)
    assert _texts(moved.swot, "threats") == ["Stárnutí obyvatel", "Přesunuto"]


def test_one_vote_per_member_and_item(process, items, member, coordinator):
    mine = Membership.objects.get(process=process, user=member)
    theirs = Membership.objects.get(process=process, user=coordinator)
    item = items["strength"]
    assert services.vote(item, mine) == 1
    assert services.vote(item, mine) == 1
    assert services.vote(item, theirs) == 2
    assert services.unvote(item, mine) == 1
    assert services.unvote(item, mine) == 1


def test_members_of_another_process_cannot_vote(items, outsider):
    with pytest.raises(ValidationError):
        services.vote(items["strength"], Membership.objects.get(user=outsider))
    assert not SwotVote.objects.exists()


def test_merge_copies_with_origin_and_evidence_and_is_idempotent(process, groups, items, coordinator):
    from komplan.directory.models import CodelistItem

    gap = CodelistItem.objects.filter(codelist="DruhSocialniSluzby").first()
    services.add_evidence(items["weakness"], kind="gap", service_type=gap, note="Žádný klub ve městě")
    result = services.merge(process, [items["strength"].pk, items["weakness"].pk], coordinator)
    assert (len(result.created), result.skipped) == (2, 0)
    overall = items["overall"].swot
    copy = SwotItem.objects.get(swot=overall, source=items["weakness"])
    assert (copy.text, copy.quadrant, copy.source_body, copy.source_body_name) == (
        "Chybí nízkoprahový klub",
        "weaknesses",
        groups["families"],
        "PS rodiny",
    )
    assert SwotEvidence.objects.get(item=copy).service_type == gap
    assert _texts(overall, "strengths") == ["Spolupráce města a poskytovatelů", "Dobrá síť pečovatelské služby"]

    again = services.merge(process, None, coordinator)  # all: the two merged are skipped, the threat is new
    assert (len(again.created), again.skipped) == (1, 2)
    assert services.merge(process, None, coordinator).created == []
    assert SwotItem.objects.filter(swot=overall).count() == 4


def test_merged_copy_keeps_its_text_and_shows_the_source_changed(process, groups, items, coordinator):
    services.merge(process, [items["strength"].pk], coordinator)
    copy = SwotItem.objects.get(source=items["strength"])
    assert not copy.source_changed
    services.save_item(items["strength"], "strengths", "Nový text skupiny", coordinator, 0)
    copy.refresh_from_db()
    assert copy.text == "Dobrá síť pečovatelské služby" and copy.source_changed
    services.take_over_source(copy, coordinator)
    copy.refresh_from_db()
    assert copy.text == "Nový text skupiny" and not copy.source_changed


def test_origin_survives_deleting_the_source_and_the_group(process, groups, items, coordinator):
    services.merge(process, [items["weakness"].pk], coordinator)
    services.delete_item(items["weakness"])
    groups["families"].delete()
    copy = SwotItem.objects.get(swot=items["overall"].swot, quadrant="weaknesses")
    assert (copy.source, copy.source_body, copy.source_body_name) == (None, None, "PS rodiny")
    assert copy.is_merged
    created = services.merge(process, None, coordinator).created
    assert {c.text for c in created} == {"Dobrá síť pečovatelské služby", "Stárnutí obyvatel"}


def test_vision_with_versions(process, coordinator, member):
    vision = services.save_vision(process, "  Vize města  ", coordinator, 0)
    assert (vision.text, vision.version, vision.updated_by) == ("Vize města", 1, coordinator)
    with pytest.raises(services.Conflict) as conflict:
        services.save_vision(process, "Jiná vize", member, 0)
    assert conflict.value.current.text == "Vize města"
    assert Vision.objects.get(process=process).text == "Vize města"
    assert services.save_vision(process, "Jiná vize", member, 1).version == 2


def test_evidence_needs_its_target(items):
    with pytest.raises(ValidationError):
        services.add_evidence(items["strength"], kind="survey")
    assert not SwotEvidence.objects.exists()


def test_saving_a_deleted_item_is_refused(items, coordinator):
    item = items["threat"]
    services.delete_item(SwotItem.objects.get(pk=item.pk))
    with pytest.raises(ValidationError):
        services.save_item(item, "threats", "Pozdě", coordinator, 0)
    assert not SwotItem.objects.filter(pk=item.pk).exists()
