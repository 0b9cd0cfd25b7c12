"""Reads of the demographic tables, shaped for the analysis (plain dicts, one query each)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .models import AgeCount, Observation, PopulationCount, RateSet


@dataclass(frozen=True)
class CountRow:
    """One PopulationCount as plain values (mean ages as floats, None when unknown)."""

    year: int
    total: int
    men: int
    women: int
    mean_age: float | None
    mean_age_men: float | None
    mean_age_women: float | None


def population_history(territory_ids: Iterable[int]) -> dict[int, dict[int, CountRow]]:
    """Every PopulationCount of the territories: {territory id: {year: CountRow}}."""
    history: dict[int, dict[int, CountRow]] = defaultdict(dict)
    rows = PopulationCount.objects.filter(territory_id__in=list(territory_ids)).values_list(
        "territory_id", "year", "total", "men", "women", "mean_age", "mean_age_men", "mean_age_women"
    )
    for territory_id, year, total, men, women, mean_age, mean_m, mean_f in rows.iterator(chunk_size=5000):
        history[territory_id][year] = CountRow(year, total, men, women, mean_age, mean_m, mean_f)
    return dict(history)


def count_years(territory_ids: Iterable[int]) -> list[int]:
    """The years for which at least one of the territories has a PopulationCount, ascending."""
    years = PopulationCount.objects.filter(territory_id__in=list(territory_ids)).values_list("year", flat=True)
    return sorted(set(years.distinct().order_by()))


@dataclass(frozen=True)
class AgeRow:
    sex: str
    age_from: int
    age_to: int | None
    count: int


def imported_ages(territory_ids: Iterable[int], year: int) -> dict[int, list[AgeRow]]:
    """Imported (counted, not estimated) population by sex and age of each territory on 1 January ``year``."""
    result: dict[int, list[AgeRow]] = defaultdict(list)
    rows = AgeCount.objects.filter(territory_id__in=list(territory_ids), year=year).values_list(
        "territory_id", "sex", "age_from", "age_to", "count"
    )
    for territory_id, sex, age_from, age_to, count in rows.order_by("territory_id", "sex", "age_from"):
        result[territory_id].append(AgeRow(sex, age_from, age_to, count))
    return dict(result)


def age_years(territory_id: int) -> list[int]:
    return sorted(set(AgeCount.objects.filter(territory_id=territory_id).values_list("year", flat=True).distinct()))


def observations(territory_ids: Iterable[int], indicators: Iterable[str]) -> dict[int, dict[str, dict[int, float]]]:
    """Yearly values (month 0): {territory id: {indicator: {year: value}}}."""
    result: dict[int, dict[str, dict[int, float]]] = defaultdict(lambda: defaultdict(dict))
    rows = Observation.objects.filter(
        territory_id__in=list(territory_ids), indicator__in=list(indicators), month=0
    ).values_list("territory_id", "indicator", "year", "value")
    for territory_id, indicator, year, value in rows:
        result[territory_id][indicator][year] = value
    return {key: dict(value) for key, value in result.items()}


def rate_set(code: str | None = None) -> RateSet | None:
    """The named rate set, or the newest edition loaded (the one with the latest periods) when no code is given."""
    if code:
        return RateSet.objects.filter(code=code).first()
    return RateSet.objects.order_by("-code").first()


def national_population(year: int) -> float:
    """The sum of all municipalities' populations on 1 January ``year`` (the state's population)."""
    from django.db.models import Sum

    total = PopulationCount.objects.filter(year=year, territory__level="municipality").aggregate(total=Sum("total"))
    if not total["total"]:
        raise ValueError(f"no municipal population counts for {year}")
    return float(total["total"])


def scenarios_for(process) -> list:
    """The shared scenarios and the process's own, in their display order."""
    from django.db.models import F, Q

    from .models import Scenario

    return list(
        Scenario.objects.filter(Q(process__isnull=True) | Q(process=process))
        .select_related("rate_set")
        .order_by(F("process_id").asc(nulls_first=True), "sort_order", "code")  # shared first, on every database
    )


def default_scenario(process):
    """The scenario pages open with: the shared medium variant, else the first one offered."""
    scenarios = scenarios_for(process)
    return next(
        (s for s in scenarios if s.code == "medium" and s.process_id is None), scenarios[0] if scenarios else None
    )
