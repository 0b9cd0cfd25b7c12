"""A member's SWOT votes are in their data export and go with the account; the items stay."""

from komplan.accounts import services as accounts
from komplan.accounts.models import Membership
from komplan.vision import services
from komplan.vision.models import SwotItem, SwotVote


def test_votes_are_exported_and_deleted_with_the_account(process, items, member):
    services.vote(items["strength"], Membership.objects.get(process=process, user=member))
    exported = accounts.personal_data(member)["swot_votes"]
    assert [(v["swot"], v["item"]) for v in exported] == [("PS senioři", "Dobrá síť pečovatelské služby")]

    accounts.delete_person(member)
    assert not SwotVote.objects.exists()
    assert SwotItem.objects.filter(pk=items["strength"].pk).exists()
