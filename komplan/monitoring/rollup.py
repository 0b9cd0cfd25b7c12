"""Rolling progress and money up the strategy tree: pure functions on plain data (no database, no Django).

The documented aggregation (docs/monitoring.md, "Roll-up"):

* An activity's progress is that of its report for the year; an activity without a report counts as 0 % (it is
  listed as "not reported"); a report with status *done* is 100 %.
* Cancelled activities are left out of the progress of their measure and priority (they will not be done) but
  stay in the counts of statuses and in the money.
* A measure's progress is the arithmetic mean of the progress of its counted activities.
* A priority's progress (and the whole plan's) is the mean over all counted activities under it — the same as
  the mean of its measures weighted by how many counted activities each has.
* Money (planned and spent) is summed per funding source, then in total; planned money is the activity's
  estimated cost for the year, spent money what its report says.
* Nothing counted (no activities, or all cancelled) gives no progress (``None``), never 0 %.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

DONE = "done"
CANCELLED = "cancelled"
NOT_REPORTED = "not_reported"
NO_SOURCE = ""  # planned cost without a funding source


@dataclass(frozen=True)
class ActivityFacts:
    """What the roll-up needs of one activity in one year."""

    key: int
    status: str = NOT_REPORTED
    progress: int = 0
    planned: dict[str, Decimal] = field(default_factory=dict)
    spent: dict[str, Decimal] = field(default_factory=dict)

    @property
    def counted_progress(self) -> int | None:
        """The progress this activity contributes, or None when it is left out (cancelled)."""
        if self.status == CANCELLED:
            return None
        if self.status == DONE:
            return 100
        return self.progress


@dataclass
class Rollup:
    activities: int = 0
    counted: int = 0
    progress_sum: int = 0
    statuses: Counter = field(default_factory=Counter)
    planned: dict[str, Decimal] = field(default_factory=dict)
    spent: dict[str, Decimal] = field(default_factory=dict)

    @property
    def progress(self) -> Decimal | None:
        """Mean progress of the counted activities, rounded half up to one decimal (None without any)."""
        if not self.counted:
            return None
        return (Decimal(self.progress_sum) / self.counted).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def planned_total(self) -> Decimal:
        return sum(self.planned.values(), Decimal(0))

    @property
    def spent_total(self) -> Decimal:
        return sum(self.spent.values(), Decimal(0))

    @property
    def reported(self) -> int:
        return self.activities - self.statuses.get(NOT_REPORTED, 0)


def _add(into: dict[str, Decimal], amounts: dict[str, Decimal]) -> None:
    for source, amount in amounts.items():
        into[source] = into.get(source, Decimal(0)) + Decimal(amount)


def rollup(activities: Iterable[ActivityFacts]) -> Rollup:
    result = Rollup()
    for facts in activities:
        result.activities += 1
        result.statuses[facts.status] += 1
        counted = facts.counted_progress
        if counted is not None:
            result.counted += 1
            result.progress_sum += counted
        _add(result.planned, facts.planned)
        _add(result.spent, facts.spent)
    return result


Tree = Sequence[tuple[int, Sequence[tuple[int, Sequence[ActivityFacts]]]]]


def tree(priorities: Tree) -> dict[tuple[str, int], Rollup]:
    """Roll-ups keyed ("measure", id), ("priority", id) and ("plan", 0) for the tree
    ``[(priority id, [(measure id, [ActivityFacts, ...]), ...]), ...]``."""
    found: dict[tuple[str, int], Rollup] = {}
    everything: list[ActivityFacts] = []
    for priority_id, measures in priorities:
        under_priority: list[ActivityFacts] = []
        for measure_id, activities in measures:
            found[("measure", measure_id)] = rollup(activities)
            under_priority.extend(activities)
        found[("priority", priority_id)] = rollup(under_priority)
        everything.extend(under_priority)
    found[("plan", 0)] = rollup(everything)
    return found


def share(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """``part`` as a percentage of ``whole`` (one decimal), None when the whole is missing or zero."""
    if part is None or not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
