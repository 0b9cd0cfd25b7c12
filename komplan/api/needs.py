"""Needs vs. supply of a planning process (issue #7).

- ``GET /processes/{slug}/needs?year=&scenario=&norms=&municipality=``: per norm (service type, form, unit) the
  capacity, need now and at ``year``, gap, coverage and annual cost of the gap for the area and each member
  municipality, with the cost per unit, funding shares, evidence counts and the municipalities no field service
  of the type covers. ``year`` must be a year of the stored projections (base year + 5, 10, … 30; default +10);
  when the municipalities have no stored projection for it yet, the horizon figures are ``null`` and
  ``horizon_missing`` says why (never zeros). Unknown parameters answer 400 with ``parameter`` and a reason.
"""

from __future__ import annotations

from django.utils.translation import gettext
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from komplan.needs import analysis
from komplan.needs.engine import Cell, Row
from komplan.needs.inputs import NoPopulation, base_year, horizon_years

from .processes import visible_processes
from .schemas import ErrorOut

process_router = Router(tags=["needs"])


class BadParameterOut(Schema):
    detail: str
    parameter: str


class CellOut(Schema):
    capacity: float
    need_now: float
    need_horizon: float | None
    gap_now: float
    gap_horizon: float | None
    coverage: float | None
    cost_gap_now: float | None
    cost_gap_horizon: float | None


class CodeOut(Schema):
    code: str
    name: str


class NeedRowOut(Schema):
    service_type: CodeOut
    form: CodeOut | None
    unit: CodeOut
    reference: CodeOut
    per_1000: float
    services: int
    cost_per_unit: float | None
    cost_year: int | None
    funding_total: float
    funding_shares: dict[str, float]
    evidence: dict[str, int]
    uncovered: list[str]
    area: CellOut
    municipalities: dict[str, CellOut]


class NormSetOut(Schema):
    slug: str
    name: str
    source: str


class NeedsOut(Schema):
    process: str
    norm_set: NormSetOut
    scenario: str | None
    base_year: int
    year: int
    horizon_missing: str | None
    municipalities: list[CodeOut]
    rows: list[NeedRowOut]


def _cell(cell: Cell) -> dict:
    return {name: getattr(cell, name) for name in CellOut.model_fields}


def _row(result: analysis.Comparison, row: Row) -> dict:
    norm = row.norm
    return {
        "service_type": {"code": norm.service_type, "name": result.type_label(row)},
        "form": {"code": norm.form, "name": result.form_label(row)} if norm.form else None,
        "unit": {"code": norm.unit, "name": result.unit_label(row)},
        "reference": {"code": norm.reference, "name": result.reference_label(row)},
        "per_1000": norm.per_1000,
        "services": row.services,
        "cost_per_unit": row.cost_per_unit,
        "cost_year": row.cost_year,
        "funding_total": row.funding_total,
        "funding_shares": row.funding_shares,
        "evidence": row.evidence,
        "uncovered": list(row.uncovered),
        "area": _cell(row.area),
        "municipalities": {code: _cell(cell) for code, cell in row.municipalities.items()},
    }


@process_router.get(
    "/{slug}/needs",
    response={200: NeedsOut, 400: BadParameterOut, 404: ErrorOut},
    summary="Needs vs. supply: capacity, need, gap and its cost per service type and municipality",
    url_name="process_needs",
)
def process_needs(request, slug: str, year: str = "", scenario: str = "", norms: str = "", municipality: str = ""):
    """The comparison table of the planning area and its municipalities (see the module's description)."""
    process = visible_processes(request).filter(slug=slug).first()
    if process is None:
        raise HttpError(404, gettext("No planning process has the address “%(slug)s”.") % {"slug": slug})
    try:
        choice = analysis.choose(process, year=year, scenario=scenario, norms=norms, municipality=municipality)
    except analysis.BadParameter as exc:
        return Status(400, {"detail": str(exc), "parameter": exc.parameter})
    base = base_year([m.pk for m in choice.area])
    if base is None:
        raise HttpError(404, gettext("No population counts are loaded for the municipalities of the area."))
    if choice.year is not None and choice.year not in horizon_years(base):
        detail = gettext("There is no projection for %(year)s: choose one of %(years)s.") % {
            "year": choice.year,
            "years": ", ".join(map(str, horizon_years(base))),
        }
        return Status(400, {"detail": detail, "parameter": "year"})
    try:
        result = analysis.compare_process(process, choice)
    except NoPopulation as exc:
        raise HttpError(404, str(exc)) from None
    return {
        "process": process.slug,
        "norm_set": {"slug": choice.norm_set.slug, "name": choice.norm_set.name, "source": choice.norm_set.source},
        "scenario": choice.scenario.code if choice.scenario else None,
        "base_year": result.gathered.base_year,
        "year": result.year,
        "horizon_missing": result.gathered.missing or None,
        "municipalities": [{"code": code, "name": result.name(code)} for code in result.table.municipalities],
        "rows": [_row(result, row) for row in result.table.rows],
    }
