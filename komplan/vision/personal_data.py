"""What the vision app stores about a person: their votes on SWOT items.

Registered in the personal-data export (komplan.accounts.personal_data). Votes go with the account
(``CASCADE``); items the person last saved keep their text and lose the name (``SET_NULL``).
"""

from __future__ import annotations

from .models import SwotVote


def swot_votes(user) -> list[dict]:
    votes = SwotVote.objects.filter(membership__user=user).select_related("item__swot__process", "item__swot__body")
    return [
        {
            "process_slug": vote.item.swot.process.slug,
            "swot": vote.item.swot.body.name if vote.item.swot.body_id else "overall",
            "quadrant": vote.item.quadrant,
            "item": vote.item.text,
            "voted": vote.created_at.isoformat(),
        }
        for vote in votes.order_by("created_at", "pk")
    ]
