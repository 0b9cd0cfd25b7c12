"""Pure functions of the strategy tree: hierarchical numbers, moving an item within its level, parsing years.

A number is the 1-based position at each level: priority 2, its measure 2.1, that measure's activity 2.1.3. The
positions come from the ``order`` fields (ties by primary key), so numbers are never stored and a move renumbers
everything after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

# (priority id, [(measure id, [activity id, ...]), ...]), in order
Tree = Sequence[tuple[int, Sequence[tuple[int, Sequence[int]]]]]


def numbers(tree: Tree) -> dict[tuple[str, int], str]:
    """("priority"|"measure"|"activity", id) → "2", "2.1", "2.1.3"."""
    found: dict[tuple[str, int], str] = {}
    for p_pos, (priority_id, measures) in enumerate(tree, start=1):
        found[("priority", priority_id)] = str(p_pos)
        for m_pos, (measure_id, activities) in enumerate(measures, start=1):
            found[("measure", measure_id)] = f"{p_pos}.{m_pos}"
            for a_pos, activity_id in enumerate(activities, start=1):
                found[("activity", activity_id)] = f"{p_pos}.{m_pos}.{a_pos}"
    return found


def moved(ids: Sequence[int], item: int, step: int) -> list[int]:
    """``ids`` with ``item`` moved ``step`` places (−1 up, +1 down); at either end it stays where it is."""
    order = list(ids)
    if item not in order:
        raise ValueError(f"{item} is not among {order}")
    index = order.index(item)
    target = max(0, min(len(order) - 1, index + step))
    order.insert(target, order.pop(index))
    return order


def number_key(number: str) -> tuple[int, ...]:
    """Sort key of a number: "2.10.1" after "2.9.3"."""
    return tuple(int(part) for part in number.split(".") if part)


_YEAR = re.compile(r"^\d{4}$")


def parse_years(text: str, low: int = 1990, high: int = 2100) -> list[int]:
    """ "2008, 2009" or "2008 2010" → [2008, 2009] / [2008, 2010]; ValueError names the first bad part."""
    years = set()
    for part in re.split(r"[,;\s]+", text.strip()):
        if not part:
            continue
        if not _YEAR.match(part) or not low <= int(part) <= high:
            raise ValueError(part)
        years.add(int(part))
    return sorted(years)


def costs_by_year(costs: Iterable[tuple[int, Decimal]]) -> list[tuple[int, Decimal]]:
    """(year, amount) rows summed per year, in year order."""
    totals: dict[int, Decimal] = {}
    for year, amount in costs:
        totals[year] = totals.get(year, Decimal(0)) + Decimal(amount)
    return sorted(totals.items())


def service_link_text(link) -> str:
    """A link to the catalogue in words: "nová služba: denní stacionáře (ambulantní)" or "Domov Slaný: +5 lůžek"."""
    from django.utils.translation import gettext as _

    if link.kind == "capacity":
        change = link.change or 0
        unit = link.capacity_type.unit_for(abs(change)) if link.capacity_type else ""
        name = link.service.name if link.service else _("a service of the catalogue")
        return f"{name}: {change:+d} {unit}".strip()
    parts = [link.service_type.label if link.service_type else _("a service")]
    if link.service_form:
        parts.append(f"({link.service_form.label})")
    return _("new service: %(service)s") % {"service": " ".join(parts)}
