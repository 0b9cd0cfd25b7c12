"""A proposer's sheets are in their personal-data export; deleting the person keeps the sheet without the name."""

from komplan.accounts import services as accounts
from komplan.strategy import services
from komplan.strategy.models import ActivitySheet, SheetState


def _sheet(process, membership, title="Odlehčovací služba"):
    return ActivitySheet.objects.create(
        process=process, proposer=membership, proposer_organisation="Charita Slaný", title=title
    )


def test_the_export_lists_own_sheets_with_their_steps(process, provider_editor, coordinator):
    membership = provider_editor.memberships.get(process=process)
    sheet = _sheet(process, membership)
    services.return_sheet(sheet, coordinator, "Doplňte prosím náklady.")

    mine = accounts.personal_data(provider_editor)["activity_sheets"]
    assert [(s["title"], s["state"]) for s in mine] == [("Odlehčovací služba", SheetState.RETURNED)]
    assert mine[0]["steps"][-1]["comment"] == "Doplňte prosím náklady."
    assert accounts.personal_data(coordinator)["activity_sheets"] == []
    assert [d["sheet"] for d in accounts.personal_data(coordinator)["activity_sheet_decisions"]] == [
        "Odlehčovací služba"
    ]


def test_deleting_the_proposer_keeps_the_sheet_without_the_person(process, provider_editor):
    sheet = _sheet(process, provider_editor.memberships.get(process=process))
    accounts.delete_person(provider_editor)
    sheet.refresh_from_db()
    assert sheet.proposer is None and sheet.proposer_organisation == "Charita Slaný"
