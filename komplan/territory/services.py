"""Writes for planning processes, each in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from .models import AreaKind, Level, Phase, PhaseKind, PlanningProcess, Territory


def area_municipalities(area_kind: str, orp: Territory | None, municipalities: Iterable[Territory] | None) -> list:
    if area_kind == AreaKind.ORP:
        if orp is None:
            raise ValueError("an ORP planning area needs its ORP")
        return list(Territory.objects.filter(level=Level.MUNICIPALITY, orp=orp))
    chosen = list(municipalities or [])
    if not chosen:
        raise ValueError("a planning area needs at least one municipality")
    if area_kind == AreaKind.MUNICIPALITY and len(chosen) != 1:
        raise ValueError("a one-municipality planning area has exactly one municipality")
    return chosen


@transaction.atomic
def create_process(
    *,
    name: str,
    slug: str,
    area_kind: str,
    responsible_municipality: Territory,
    period_start: int,
    period_end: int,
    orp: Territory | None = None,
    municipalities: Iterable[Territory] | None = None,
    **fields,
) -> PlanningProcess:
    """Create a process with its planning area and the standard phases (all planned, undated)."""
    members = area_municipalities(area_kind, orp, municipalities)
    process = PlanningProcess.objects.create(
        name=name,
        slug=slug,
        area_kind=area_kind,
        area_orp=orp if area_kind == AreaKind.ORP else None,
        responsible_municipality=responsible_municipality,
        period_start=period_start,
        period_end=period_end,
        **fields,
    )
    process.municipalities.set(members)
    Phase.objects.bulk_create(
        Phase(process=process, kind=kind, order=index) for index, kind in enumerate(PhaseKind.values, start=1)
    )
    return process


@transaction.atomic
def set_area(process: PlanningProcess, area_kind: str, orp: Territory | None, municipalities) -> None:
    members = area_municipalities(area_kind, orp, municipalities)
    process.area_kind = area_kind
    process.area_orp = orp if area_kind == AreaKind.ORP else None
    process.save(update_fields=["area_kind", "area_orp"])
    process.municipalities.set(members)


def current_phase(phases: list[Phase]) -> Phase | None:
    """The phase in progress; else the first one not finished; None when all are done or skipped."""
    running = [p for p in phases if p.status == "running"]
    if running:
        return running[0]
    pending = [p for p in phases if p.status == "planned"]
    return pending[0] if pending else None


def phase_dates(phase: Phase) -> tuple[dt.date | None, dt.date | None]:
    """The dates to show: actual where known, planned otherwise."""
    return (phase.actual_start or phase.planned_start, phase.actual_end or phase.planned_end)
