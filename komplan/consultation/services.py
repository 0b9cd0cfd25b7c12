"""Writes of the comment period, each in one transaction.

Reference numbers: ``allocate_reference`` takes the consultation row with ``select_for_update`` and increments its
counter, so concurrent submissions (web, API, staff entry) never share a number and the numbers have no gaps in
the order the comments were recorded: "KP-2007-001" (prefix, year of the period's start, three digits or more).
"""

from __future__ import annotations

from django.db import transaction

from .models import Consultation


def format_reference(prefix: str, year: int, number: int) -> str:
    return f"{prefix}-{year}-{number:03d}"


@transaction.atomic
def allocate_reference(consultation: Consultation) -> str:
    """The next reference number of ``consultation`` (call inside the transaction that stores the comment)."""
    locked = Consultation.objects.select_for_update().only("pk", "next_number", "reference_prefix", "opens_on")
    locked = locked.get(pk=consultation.pk)
    number = locked.next_number
    Consultation.objects.filter(pk=locked.pk).update(next_number=number + 1)
    return format_reference(locked.reference_prefix, locked.opens_on.year, number)
