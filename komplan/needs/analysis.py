"""The comparison of a process: parameters checked, inputs gathered, the engine run, labels attached.

``choose`` turns the query parameters of the page and the API (year, scenario, norm set, municipality) into
objects or raises ``BadParameter`` with the reason; ``compare_process`` runs the comparison. Pages, the API,
the downloads and the chapter all go through here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from komplan.demography.querysets import default_scenario, scenarios_for
from komplan.directory.models import Codelist, CodelistItem
from komplan.lib.text import czech_key
from komplan.territory.models import Territory

from . import engine, inputs
from .models import NormSet
from .reference import BY_KEY
from .services import ensure_default_set


class BadParameter(ValueError):
    def __init__(self, parameter: str, message: str):
        self.parameter = parameter
        super().__init__(message)


@dataclass
class Choice:
    norm_sets: list[NormSet]
    norm_set: NormSet
    scenarios: list
    scenario: object | None
    year: int | None  # None: the default (base year + 10)
    area: list  # member municipalities of the process, by name
    members: list  # the municipalities compared (the area, or one of them)
    focus: object | None


def area_of(process) -> list:
    ids = [m.pk for m in process.municipalities.all()]  # prefetched elsewhere with deferred fields: query anew
    return sorted(Territory.objects.filter(pk__in=ids), key=lambda m: czech_key(m.name))


def choose(process, *, year: str = "", scenario: str = "", norms: str = "", municipality: str = "") -> Choice:
    """The comparison asked for; a value that names nothing of the process raises BadParameter."""
    ensure_default_set(process)
    norm_sets = list(NormSet.objects.filter(process=process))
    if norms:
        norm_set = next((s for s in norm_sets if s.slug == norms or str(s.pk) == norms), None)
        if norm_set is None:
            raise BadParameter("norms", _("The process has no norm set of this name."))
    else:
        norm_set = norm_sets[0]
    scenarios = scenarios_for(process)
    if scenario:
        chosen_scenario = next((s for s in scenarios if s.code == scenario), None)
        if chosen_scenario is None:
            raise BadParameter("scenario", _("Choose one of the offered scenarios."))
    else:
        chosen_scenario = default_scenario(process)
    if year and (not year.isdecimal() or not 1990 <= int(year) <= 2200):
        raise BadParameter("year", _("The year must be a whole number such as 2035."))
    area = area_of(process)
    focus = None
    if municipality:
        focus = next((m for m in area if m.code == municipality), None)
        if focus is None:
            raise BadParameter("municipality", _("This municipality is not in the planning area."))
    return Choice(
        norm_sets=norm_sets,
        norm_set=norm_set,
        scenarios=scenarios,
        scenario=chosen_scenario,
        year=int(year) if year else None,
        area=area,
        members=[focus] if focus else area,
        focus=focus,
    )


@dataclass
class Comparison:
    choice: Choice
    gathered: inputs.Gathered
    table: engine.Table
    types: dict[str, str]  # service type code → label
    forms: dict[str, str]
    units: dict[str, str]

    @property
    def year(self) -> int:
        return self.gathered.year

    def type_label(self, row: engine.Row) -> str:
        return self.types.get(row.norm.service_type, row.norm.service_type)

    def form_label(self, row: engine.Row) -> str:
        return self.forms.get(row.norm.form, "") if row.norm.form else _("all forms")

    def unit_label(self, row: engine.Row) -> str:
        return self.units.get(row.norm.unit, row.norm.unit)

    def reference_label(self, row: engine.Row) -> str:
        reference = BY_KEY.get(row.norm.reference)
        return str(reference.label) if reference else row.norm.reference

    def row_label(self, row: engine.Row) -> str:
        form = f" ({self.form_label(row).lower()})" if row.norm.form else ""
        return f"{self.type_label(row)}{form}"

    def name(self, code: str) -> str:
        return self.gathered.names.get(code, code)


def labels() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    items = CodelistItem.objects.filter(
        codelist__in=[Codelist.SERVICE_TYPE, Codelist.SERVICE_FORM, Codelist.CAPACITY_TYPE]
    )
    types, forms, units = {}, {}, {}
    for item in items:
        if item.codelist == Codelist.SERVICE_TYPE:
            types[item.code] = item.label
        elif item.codelist == Codelist.SERVICE_FORM:
            forms[item.code] = item.label
        else:
            units[item.code] = item.unit
    return types, forms, units


def source_names() -> dict[str, str]:
    return {item.code: item.label for item in CodelistItem.objects.filter(codelist=Codelist.FUNDING_SOURCE)}


def compare_process(process, choice: Choice) -> Comparison:
    """Raises inputs.NoPopulation when the municipalities have no population to compare with."""
    gathered = inputs.gather(process, choice.members, choice.scenario, choice.year)
    table = engine.compare(
        gathered.municipalities,
        inputs.norms_of(choice.norm_set),
        gathered.supply,
        gathered.funding,
        gathered.evidence,
    )
    types, forms, units = labels()
    return Comparison(choice, gathered, table, types, forms, units)
