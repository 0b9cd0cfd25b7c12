"""Writes of the demography app, each in a transaction: stored projections, default scenarios, the chapter."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.utils import timezone

from .models import Chapter, Projection, RateSet, Scenario, ScenarioKind
from .projections import STORED_YEARS, fingerprints, project_municipalities


@dataclass(frozen=True)
class Projected:
    """Projected population of municipalities: arrays (municipalities × years × ages) for men and women."""

    territory_ids: list[int]
    years: list[int]
    ages: list[tuple[int, int | None]]
    m: np.ndarray
    f: np.ndarray
    births: np.ndarray  # municipalities × steps
    deaths: np.ndarray
    migration: np.ndarray
    estimated: np.ndarray  # bool per municipality: base structure estimated
    annual_migration: np.ndarray
    migration_years: tuple[int, ...]

    def total(self) -> tuple[np.ndarray, np.ndarray]:
        """Men and women of all the municipalities together (years × ages)."""
        return self.m.sum(axis=0), self.f.sum(axis=0)


def _data(run, index: int) -> dict:
    result = run.result
    return {
        "years": list(result.years),
        "ages": [list(group) for group in result.ages],
        "m": np.round(result.m[index], 3).tolist(),
        "f": np.round(result.f[index], 3).tolist(),
        "births": np.round(result.births[index], 3).tolist(),
        "deaths": np.round(result.deaths[index], 3).tolist(),
        "migration": np.round(result.migration[index], 3).tolist(),
        "annual_migration": round(float(run.annual_migration[index]), 3),
        "migration_years": list(run.migration_years),
        "calibrated": run.calibrated,
    }


@transaction.atomic
def projections_for(
    territory_ids: list[int], scenario: Scenario, step: int = 5, years: int = STORED_YEARS
) -> Projected:
    """Stored projections of the municipalities under ``scenario``, (re)computed where their inputs changed.

    A scenario that is not saved (own assumptions in an API request) is computed ``years`` ahead and not stored.
    """
    territory_ids = list(territory_ids)
    if scenario.pk is None:
        run = project_municipalities(territory_ids, scenario, step, years)
        data = {tid: _data(run, i) for i, tid in enumerate(territory_ids)}
        estimated = {tid: bool(run.estimated[i]) for i, tid in enumerate(territory_ids)}
        return _stack(territory_ids, data, estimated)
    prints = fingerprints(territory_ids, scenario, step)
    stored = {
        p.territory_id: p
        for p in Projection.objects.filter(scenario=scenario, step=step, territory_id__in=territory_ids)
    }
    stale = [tid for tid in territory_ids if tid not in stored or stored[tid].inputs_hash != prints[tid]]
    if stale:
        run = project_municipalities(stale, scenario, step)
        Projection.objects.filter(scenario=scenario, step=step, territory_id__in=stale).delete()
        fresh = [
            Projection(
                scenario=scenario,
                territory_id=tid,
                step=step,
                base_year=run.result.years[0],
                final_year=run.result.years[-1],
                base_estimated=bool(run.estimated[i]),
                inputs_hash=prints[tid],
                computed_at=timezone.now(),
                data=_data(run, i),
            )
            for i, tid in enumerate(stale)
        ]
        Projection.objects.bulk_create(fresh, batch_size=500)
        stored.update({p.territory_id: p for p in fresh})
    return _stack(
        territory_ids,
        {tid: stored[tid].data for tid in territory_ids},
        {tid: stored[tid].base_estimated for tid in territory_ids},
    )


def _stack(territory_ids: list[int], data: dict[int, dict], estimated: dict[int, bool]) -> Projected:
    first = data[territory_ids[0]]
    rows = [data[tid] for tid in territory_ids]
    return Projected(
        territory_ids=territory_ids,
        years=first["years"],
        ages=[(a, b) for a, b in first["ages"]],
        m=np.array([row["m"] for row in rows], dtype=float),
        f=np.array([row["f"] for row in rows], dtype=float),
        births=np.array([row["births"] for row in rows], dtype=float),
        deaths=np.array([row["deaths"] for row in rows], dtype=float),
        migration=np.array([row["migration"] for row in rows], dtype=float),
        estimated=np.array([estimated[tid] for tid in territory_ids]),
        annual_migration=np.array([row["annual_migration"] for row in rows], dtype=float),
        migration_years=tuple(first["migration_years"]),
    )


# The shared scenarios every process sees. Low and high follow the UN's convention of ±0.5 children per
# woman, with mortality and migration moved the same way (fewer people / more people); docs/demography.md.
DEFAULT_SCENARIOS = (
    ("medium", ScenarioKind.MEDIUM, "Medium variant", 0.0, 1.0, 1.0, True),
    ("low", ScenarioKind.LOW, "Low variant", -0.5, 1.1, 0.5, True),
    ("high", ScenarioKind.HIGH, "High variant", 0.5, 0.9, 1.5, True),
    ("no-migration", ScenarioKind.CUSTOM, "Natural change only (no migration)", 0.0, 1.0, 0.0, True),
)


@transaction.atomic
def ensure_default_scenarios(rate_set: RateSet) -> list[Scenario]:
    """Create or update the shared scenarios on ``rate_set`` (the newest rates should be the default)."""
    scenarios = []
    for order, (code, kind, name, fertility, mortality, migration, local) in enumerate(DEFAULT_SCENARIOS):
        scenario, _created = Scenario.objects.update_or_create(
            process=None,
            code=code,
            defaults={
                "kind": kind,
                "name": name,
                "rate_set": rate_set,
                "fertility_shift": fertility,
                "mortality_factor": mortality,
                "migration_factor": migration,
                "local_migration": local,
                "sort_order": order,
            },
        )
        scenarios.append(scenario)
    return scenarios


class ChapterConflict(Exception):
    """Someone else saved the chapter after the editor opened it; their text must not be overwritten silently."""


@transaction.atomic
def regenerate_chapter(process, text: str, user) -> Chapter:
    """Store a freshly generated chapter text as both the generated and the current text."""
    now = timezone.now()
    chapter, _created = Chapter.objects.select_for_update().update_or_create(
        process=process,
        defaults={"text": text, "generated_text": text, "generated_at": now, "updated_at": now, "updated_by": user},
    )
    return chapter


@transaction.atomic
def save_chapter(process, text: str, user, opened_at) -> Chapter:
    """Save an edited chapter; refuse when it changed since ``opened_at`` (when the editor loaded it)."""
    chapter = Chapter.objects.select_for_update().get(process=process)
    if opened_at is None or chapter.updated_at > opened_at:
        raise ChapterConflict
    chapter.text = text
    chapter.updated_at = timezone.now()
    chapter.updated_by = user
    chapter.save(update_fields=["text", "updated_at", "updated_by"])
    return chapter
