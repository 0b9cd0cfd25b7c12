"""Needs vs. supply as pure computation: dataclasses in, dataclasses out (no Django, no other komplan module).

Inputs: the municipalities with their reference populations now and at the horizon, the norm rows (service type,
optional form, capacity unit, reference population, units per 1,000), the supply items of the catalogue, the
funding of the services and the evidence counts. ``compare`` gives, for each norm row, one ``Cell`` per member
municipality and one for the area: capacity, need now and at the horizon, gap, coverage, cost of the gap.

Rules (docs/needs.md):

- Capacity counts for a row when the item has the row's service type and unit, and its form when the row names
  one. Capacities of different units are never added.
- Residential and outpatient capacity counts where the service is located; several locations share it equally;
  a location outside the area takes its share away from the area. A service without a location is spread like a
  field service.
- Field capacity is spread over the municipalities the service covers in proportion to the row's reference
  population now; when all of them have zero population (or it is unknown), in equal shares. Covered
  municipalities outside the area take their share with them (their population must be given, ``in_area`` False).
- Need = reference population × norm ÷ 1,000; gap = need − capacity (negative: a surplus); coverage = capacity ÷
  need in per cent (None when there is no need). At the horizon the capacity is today's.
- Cost per unit = the funding, in the latest year any of the row's services has funding, of the services with
  capacity in the row ÷ their whole capacity in the row (not only the area's share). A service with capacity in
  several rows counts all its funding in each (a known over-estimate for services with several forms).
  Annual cost of a gap = max(gap, 0) × cost per unit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

FIELD = "ter"  # the codelist code of the field (outreach) form


@dataclass(frozen=True)
class Municipality:
    key: str  # e.g. the ČSÚ code
    name: str
    now: dict[str, float]  # reference population key → persons now
    horizon: dict[str, float] | None = None  # at the horizon; None when there is no projection
    in_area: bool = True  # False: only covered by a field service of the area, not a member


@dataclass(frozen=True)
class Norm:
    service_type: str
    reference: str  # key of the reference population
    per_1000: float
    unit: str  # capacity unit code (klient, luzka, …)
    form: str | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.service_type, self.form or "", self.unit)


@dataclass(frozen=True)
class Supply:
    service: str  # identifier of the service (for funding)
    service_type: str
    form: str
    unit: str
    capacity: float
    located: tuple[str, ...] = ()  # municipalities of its locations (one entry per location)
    covers: tuple[str, ...] = ()  # municipalities it serves (area_served)


@dataclass(frozen=True)
class Funding:
    service: str
    year: int
    source: str
    amount: float


@dataclass(frozen=True)
class Evidence:
    service_type: str
    kind: str  # waiting_list, refused, survey, working_group
    count: int


@dataclass(frozen=True)
class Cell:
    capacity: float
    need_now: float
    need_horizon: float | None
    gap_now: float
    gap_horizon: float | None
    coverage: float | None  # % of today's need
    cost_gap_now: float | None
    cost_gap_horizon: float | None


@dataclass(frozen=True)
class Row:
    norm: Norm
    area: Cell
    municipalities: dict[str, Cell]
    cost_per_unit: float | None
    cost_year: int | None
    funding_total: float
    funding_shares: dict[str, float]  # source → share of the row's funding in cost_year (0–1)
    uncovered: tuple[str, ...]  # member municipalities no field service of the type covers
    evidence: dict[str, int]  # kind → count for the service type
    services: int  # number of services with capacity in the row


@dataclass(frozen=True)
class Table:
    rows: list[Row]
    municipalities: list[str]  # member municipalities in input order
    has_horizon: bool
    unplaced: tuple[str, ...] = field(default=())  # services with neither a location nor an area served


def _shares(keys: Sequence[str], weights: dict[str, float]) -> dict[str, float]:
    """Shares of ``keys`` in proportion to ``weights``; equal shares when they sum to zero."""
    values = [max(weights.get(key, 0.0), 0.0) for key in keys]
    total = sum(values)
    if total <= 0:
        return {key: 1 / len(keys) for key in keys}
    return {key: value / total for key, value in zip(keys, values, strict=True)}


def allocate(item: Supply, reference: str, municipalities: dict[str, Municipality]) -> dict[str, float]:
    """The item's capacity by municipality (members and others; the rest of a spread is lost outside)."""
    result: dict[str, float] = defaultdict(float)
    if item.form != FIELD and item.located:
        for key in item.located:
            result[key] += item.capacity / len(item.located)
        return dict(result)
    covered = list(dict.fromkeys(item.covers))
    if not covered:
        return {}
    weights = {key: municipalities[key].now.get(reference, 0.0) for key in covered if key in municipalities}
    for key, share in _shares(covered, weights).items():
        result[key] += item.capacity * share
    return dict(result)


def _matches(norm: Norm, item: Supply) -> bool:
    return (
        item.service_type == norm.service_type
        and item.unit == norm.unit
        and (norm.form is None or item.form == norm.form)
    )


def _cell(capacity: float, need_now: float, need_horizon: float | None, cost: float | None) -> Cell:
    gap_now = need_now - capacity
    gap_horizon = None if need_horizon is None else need_horizon - capacity
    return Cell(
        capacity=capacity,
        need_now=need_now,
        need_horizon=need_horizon,
        gap_now=gap_now,
        gap_horizon=gap_horizon,
        coverage=capacity / need_now * 100 if need_now > 0 else None,
        cost_gap_now=None if cost is None else max(gap_now, 0.0) * cost,
        cost_gap_horizon=None if cost is None or gap_horizon is None else max(gap_horizon, 0.0) * cost,
    )


def _money(services: set[str], capacity: float, funding: Iterable[Funding]):
    rows = [f for f in funding if f.service in services]
    if not rows:
        return None, None, 0.0, {}
    year = max(f.year for f in rows)
    by_source: dict[str, float] = defaultdict(float)
    for f in rows:
        if f.year == year:
            by_source[f.source] += f.amount
    total = sum(by_source.values())
    shares = {source: amount / total for source, amount in sorted(by_source.items())} if total > 0 else {}
    cost = total / capacity if capacity > 0 and total > 0 else None
    return cost, year, total, shares


def compare(
    municipalities: Sequence[Municipality],
    norms: Sequence[Norm],
    supply: Sequence[Supply],
    funding: Sequence[Funding] = (),
    evidence: Sequence[Evidence] = (),
) -> Table:
    """The comparison table: one row per norm, cells per member municipality and for the whole area."""
    by_key = {m.key: m for m in municipalities}
    members = [m.key for m in municipalities if m.in_area]
    has_horizon = all(by_key[key].horizon is not None for key in members) and bool(members)
    funding_by_service: dict[str, list[Funding]] = defaultdict(list)
    for f in funding:
        funding_by_service[f.service].append(f)
    evidence_by_type: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for e in evidence:
        evidence_by_type[e.service_type][e.kind] += e.count
    field_covered: dict[str, set[str]] = defaultdict(set)
    for item in supply:
        if item.form == FIELD:
            field_covered[item.service_type].update(item.covers)
    unplaced = tuple(sorted({item.service for item in supply if not item.located and not item.covers}))

    rows = []
    for norm in norms:
        matching = [item for item in supply if _matches(norm, item)]
        capacity: dict[str, float] = defaultdict(float)
        for item in matching:
            for key, value in allocate(item, norm.reference, by_key).items():
                capacity[key] += value
        services = {item.service for item in matching}
        whole_capacity = sum(item.capacity for item in matching)
        cost, year, total, shares = _money(
            services, whole_capacity, (f for s in services for f in funding_by_service.get(s, ()))
        )
        cells = {}
        for key in members:
            m = by_key[key]
            need_now = m.now.get(norm.reference, 0.0) * norm.per_1000 / 1000
            need_horizon = (
                m.horizon.get(norm.reference, 0.0) * norm.per_1000 / 1000 if has_horizon and m.horizon else None
            )
            cells[key] = _cell(capacity.get(key, 0.0), need_now, need_horizon, cost)
        area = _cell(
            sum(c.capacity for c in cells.values()),
            sum(c.need_now for c in cells.values()),
            sum(c.need_horizon for c in cells.values()) if has_horizon else None,
            cost,
        )
        rows.append(
            Row(
                norm=norm,
                area=area,
                municipalities=cells,
                cost_per_unit=cost,
                cost_year=year,
                funding_total=total,
                funding_shares=shares,
                uncovered=tuple(key for key in members if key not in field_covered[norm.service_type]),
                evidence=dict(evidence_by_type.get(norm.service_type, {})),
                services=len(services),
            )
        )
    return Table(rows=rows, municipalities=members, has_horizon=has_horizon, unplaced=unplaced)


CELL_FIELDS = ("capacity", "need_now", "need_horizon", "gap_now", "gap_horizon", "coverage")


def cells(table: Table) -> dict[tuple, float | None]:
    """Every figure of the table keyed by (row key, territory key or "" for the area, field), for diffs."""
    result = {}
    for row in table.rows:
        for territory, cell in (("", row.area), *row.municipalities.items()):
            for name in (*CELL_FIELDS, "cost_gap_now", "cost_gap_horizon"):
                result[(row.norm.key, territory, name)] = getattr(cell, name)
    return result


def diff(before: Table, after: Table, tolerance: float = 1e-9) -> set[tuple]:
    """Keys of the cells that differ between two tables (a cell present in only one of them differs too)."""
    a, b = cells(before), cells(after)
    changed = set()
    for key in a.keys() | b.keys():
        x, y = a.get(key), b.get(key)
        if (x is None) != (y is None) or (x is not None and abs(x - y) > tolerance):
            changed.add(key)
    return changed
