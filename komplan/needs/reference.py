"""Reference populations of the norms: a documented codelist in code, computed from the 5-year age grid.

A norm says how many units of a service are needed per 1,000 persons of its reference population. The keys are
stored in norm rows, so they never change; labels are translated. Groups that the age grid does not hold exactly
are approximations, stated in ``approximation`` and in docs/needs.md:

- ages that cut a 5-year group (0–6, 0–17, 6–26) take the cut part in proportion to the years (the population is
  assumed even within a group), e.g. 0–17 = 0–14 + 3/5 of 15–19;
- "families with children" are approximated by the persons aged 0–17 (the census counts of families are not
  loaded); "people with disabilities" by the adults 18–64 (there is no disability statistic per municipality).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Reference:
    key: str
    label: str
    age_from: int
    age_to: int | None  # inclusive; None = and older
    approximation: str = ""


REFERENCES: tuple[Reference, ...] = (
    Reference("total", _("whole population"), 0, None),
    Reference("0_6", _("children 0–6"), 0, 6, _("early intervention serves children up to 7: approximated by 0–6")),
    Reference(
        "0_17",
        _("children 0–17 (families with children)"),
        0,
        17,
        _("families with children are approximated by the persons aged 0–17"),
    ),
    Reference("6_26", _("children and youth 6–26"), 6, 26),
    Reference("15_64", _("persons 15–64"), 15, 64),
    Reference(
        "18_64",
        _("adults 18–64 (people with disabilities, adults in crisis)"),
        18,
        64,
        _("people with disabilities are approximated by all adults 18–64"),
    ),
    Reference("18_plus", _("adults 18+"), 18, None),
    Reference("65_plus", _("seniors 65+"), 65, None),
    Reference("75_plus", _("seniors 75+"), 75, None),
    Reference("80_plus", _("seniors 80+"), 80, None),
)
BY_KEY = {reference.key: reference for reference in REFERENCES}
CHOICES = [(reference.key, reference.label) for reference in REFERENCES]


def _weights(grid, age_from: int, age_to: int | None) -> np.ndarray:
    """Per grid group the part of it inside the ages (uniform within a group; an open group counts whole)."""
    weights = []
    for start, stop in grid:
        if stop is None:
            weights.append(1.0 if age_to is None or age_to >= start else 0.0)
            continue
        low, high = max(start, age_from), min(stop, age_to if age_to is not None else stop)
        weights.append(max(high - low + 1, 0) / (stop - start + 1))
    return np.array(weights)


def populations(counts, grid) -> dict[str, float]:
    """Every reference population from the counts by age group (both sexes, last axis = age groups of ``grid``)."""
    counts = np.asarray(counts, dtype=float)
    return {r.key: float(counts @ _weights(grid, r.age_from, r.age_to)) for r in REFERENCES}


def populations_many(counts, grid) -> dict[str, np.ndarray]:
    """Reference populations of many territories at once (counts: territories × age groups)."""
    counts = np.asarray(counts, dtype=float)
    return {r.key: counts @ _weights(grid, r.age_from, r.age_to) for r in REFERENCES}
