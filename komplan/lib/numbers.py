"""Numbers for people: rounded half up, then formatted in the active language with thousands grouping.

Django's ``number_format`` cuts decimals off instead of rounding (16.46 with one decimal shows as "16,4"),
so every figure komplan prints goes through ``format_number``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats


def rounded(value: float, digits: int = 0) -> Decimal:
    """``value`` rounded half up (away from zero) to ``digits`` decimals, as a Decimal (exact for formatting)."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def format_number(value: float, digits: int = 0) -> str:
    """ "16 740", "16,5" in Czech; "16,740", "16.5" in English."""
    return formats.number_format(rounded(value, digits), decimal_pos=digits, use_l10n=True, force_grouping=True)
