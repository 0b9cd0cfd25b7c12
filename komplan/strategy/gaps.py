"""Gaps of the needs analysis (komplan.needs) and the measures and activities that answer them (``GapLink``).

A gap is a norm row of the process's first norm set whose need exceeds the capacity now or at the default horizon.
The strategy pages show which gaps each measure answers (itself or through its activities) and which gaps no
measure answers; the staff page links them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from komplan.needs import analysis
from komplan.needs.inputs import NoPopulation

from .models import GapLink


@dataclass
class Gap:
    key: str
    label: str
    unit: str
    gap_now: float
    gap_horizon: float | None
    coverage: float | None
    links: list[GapLink] = field(default_factory=list)


@dataclass
class Gaps:
    gaps: list[Gap]
    year: int | None = None
    norm_set: str = ""
    missing: str = ""  # why there are no gaps to show (no population), when there are none
    by_measure: dict[int, list[Gap]] = field(default_factory=dict)

    @property
    def unanswered(self) -> list[Gap]:
        return [gap for gap in self.gaps if not gap.links]


def row_key(row) -> str:
    return "-".join(row.norm.key)


def gaps_for(process) -> Gaps:
    """The gaps of the process with their links; empty with the reason when the analysis cannot run."""
    try:
        choice = analysis.choose(process)
        result = analysis.compare_process(process, choice)
    except NoPopulation as exc:
        return Gaps([], missing=str(exc))
    links = defaultdict(list)
    for link in GapLink.objects.for_process(process).select_related("measure", "activity__measure"):
        links[link.gap_key].append(link)
    gaps = []
    for row in result.table.rows:
        positive = row.area.gap_now > 0 or (row.area.gap_horizon or 0) > 0
        if not positive and row_key(row) not in links:
            continue
        gaps.append(
            Gap(
                key=row_key(row),
                label=result.row_label(row),
                unit=result.unit_label(row),
                gap_now=row.area.gap_now,
                gap_horizon=row.area.gap_horizon,
                coverage=row.area.coverage,
                links=links.get(row_key(row), []),
            )
        )
    by_measure: dict[int, list[Gap]] = defaultdict(list)
    for gap in gaps:
        for link in gap.links:
            measure_id = link.measure_id or link.activity.measure_id
            if gap not in by_measure[measure_id]:
                by_measure[measure_id].append(gap)
    return Gaps(gaps, result.year, choice.norm_set.name, by_measure=dict(by_measure))
