"""Bodies: triad balance, members only of the same process, one leader, forms with errors at the field."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from komplan.accounts.models import Membership
from komplan.planning.forms import BodyForm, PlanningGroupForm
from komplan.planning.models import Body, BodyMember, PlanningGroup
from komplan.planning.services import add_member, delete_body, remove_member, set_leader

pytestmark = pytest.mark.django_db


def test_triad_balance_counts_every_type(bodies):
    assert bodies["working"].triad_balance() == {"commissioner": 1, "provider": 1, "user": 1, "public": 0}
    assert bodies["steering"].triad_balance()["commissioner"] == 1


def test_members_come_from_the_same_process_only(bodies, outsider):
    foreign = Membership.objects.get(user=outsider)
    with pytest.raises(ValidationError):
        add_member(bodies["working"], foreign)
    assert not BodyMember.objects.filter(membership=foreign).exists()


def test_a_person_sits_once_per_body_but_in_several_bodies(bodies, member, process):
    membership = Membership.objects.get(process=process, user=member)
    with pytest.raises(ValidationError):
        add_member(bodies["working"], membership)
    add_member(bodies["steering"], membership)
    assert membership.body_seats.count() == 2


def test_at_most_one_leader(bodies, member, process):
    working = bodies["working"]
    seat = BodyMember.objects.get(body=working, membership__user=member)
    set_leader(working, seat)
    assert list(BodyMember.objects.filter(body=working, is_leader=True)) == [seat]
    set_leader(working, None)
    assert not BodyMember.objects.filter(body=working, is_leader=True).exists()
    other = BodyMember.objects.get(body=bodies["steering"])
    with pytest.raises(ValidationError):
        set_leader(working, other)


def test_removing_and_deleting_keep_memberships(bodies, process):
    seat = BodyMember.objects.filter(body=bodies["working"]).first()
    remove_member(seat)
    delete_body(bodies["working"])
    assert not Body.objects.filter(slug="ps-seniori").exists()
    assert Membership.objects.filter(process=process).count() == 3


def test_body_form_refuses_a_taken_name_at_the_field(bodies, process, other_process):
    form = BodyForm({"kind": "working", "name": "PS senioři", "order": 2}, process=process, instance=Body())
    assert not form.is_valid() and "name" in form.errors
    foreign = PlanningGroup.objects.create(process=other_process, name="Cizí", slug="cizi")
    form = BodyForm(
        {"kind": "working", "name": "PS rodiny", "order": 2, "planning_groups": [foreign.pk]},
        process=process,
        instance=Body(),
    )
    assert not form.is_valid() and "planning_groups" in form.errors


def test_planning_group_form(process):
    from komplan.directory.models import CodelistItem

    seniors = CodelistItem.objects.get(codelist="CilovaSkupinaOsoby", slug="seniors")
    form = PlanningGroupForm(
        {"name": "Senioři", "target_groups": [seniors.pk]}, process=process, instance=PlanningGroup()
    )
    assert form.is_valid(), form.errors
    group = form.save()
    assert (group.process, group.slug, list(group.target_groups.all())) == (process, "seniori", [seniors])
    form = PlanningGroupForm({"name": "Cilove skupiny"}, process=process, instance=PlanningGroup())
    assert not form.is_valid() and "name" in form.errors
