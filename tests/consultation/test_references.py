"""Reference numbers: sequential per comment period, formatted with the prefix and the period's year."""

import pytest

from komplan.consultation.services import allocate_reference, format_reference

pytestmark = pytest.mark.django_db


def test_format():
    assert format_reference("KP", 2007, 3) == "KP-2007-003"
    assert format_reference("KP", 2007, 1234) == "KP-2007-1234"


def test_allocation_counts_up(consultation):
    assert [allocate_reference(consultation) for _ in range(3)] == ["KP-2007-001", "KP-2007-002", "KP-2007-003"]
    consultation.refresh_from_db()
    assert consultation.next_number == 4
