"""The limits of own projection assumptions, with translated reasons (the engine's own check speaks English)."""

from __future__ import annotations

import math

from django.utils.translation import gettext as _

from .engine.rates import MAX_FACTOR, MAX_FERTILITY_SHIFT


def lowest_future_tfr(payload: dict, from_year: int = 2020) -> float | None:
    """The lowest total fertility of a rate set's periods from ``from_year`` on (what a shift must not undercut)."""
    values = [
        tfr
        for (start, _end), tfr in zip(payload.get("periods", []), payload.get("tfr", []), strict=False)
        if tfr is not None and start >= from_year
    ]
    return min(values) if values else None


def problems(
    fertility_shift: float, mortality_factor: float, migration_factor: float, lowest_tfr: float | None = None
) -> dict[str, str]:
    """Field → reason for each assumption that the projection cannot use; empty when all are possible.

    ``lowest_tfr``: the rate set's lowest future total fertility; a shift below its negative is impossible.
    """
    found = {}
    values = {
        "fertility_shift": fertility_shift,
        "mortality_factor": mortality_factor,
        "migration_factor": migration_factor,
    }
    for field, value in values.items():
        if not isinstance(value, int | float) or not math.isfinite(value):
            found[field] = _("Give a number.")
    if "fertility_shift" not in found and abs(fertility_shift) > MAX_FERTILITY_SHIFT:
        found["fertility_shift"] = _("Choose a change between −%(limit)s and %(limit)s children per woman.") % {
            "limit": MAX_FERTILITY_SHIFT
        }
    elif "fertility_shift" not in found and lowest_tfr is not None and lowest_tfr + fertility_shift < 0:
        found["fertility_shift"] = _(
            "With this change the fertility would fall below zero: the UN assumes as few as %(tfr)s children per woman."
        ) % {"tfr": round(lowest_tfr, 2)}
    if "mortality_factor" not in found and not 0 < mortality_factor <= MAX_FACTOR:
        found["mortality_factor"] = _("Choose a factor above 0 and at most %(limit)s.") % {"limit": MAX_FACTOR}
    if "migration_factor" not in found and not 0 <= migration_factor <= MAX_FACTOR:
        found["migration_factor"] = _("Choose a factor from 0 to %(limit)s.") % {"limit": MAX_FACTOR}
    return found
