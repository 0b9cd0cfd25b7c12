"""Age grids: 5-year groups (0–4 … 95–99, 100+) and single years (0 … 99, 100+), and moving counts between them.

An age group is ``(age_from, age_to)`` with both ends inclusive and ``age_to`` None for the open-ended last group.
Every grid starts at 0, has no gaps and ends with one open group. Counts are numpy arrays whose *last* axis is
the age axis, so the same helpers work for one population, for (sex × age) and for (territory × year × age).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

AgeGroup = tuple[int, int | None]

FIVE_YEAR: tuple[AgeGroup, ...] = (*((start, start + 4) for start in range(0, 100, 5)), (100, None))
SINGLE_YEAR: tuple[AgeGroup, ...] = (*((age, age) for age in range(100)), (100, None))


def grid_for_step(step: int) -> tuple[AgeGroup, ...]:
    """The grid the cohort-component method needs for a step: 5-year groups for 5 years, single years for 1."""
    if step == 5:
        return FIVE_YEAR
    if step == 1:
        return SINGLE_YEAR
    raise ValueError(f"no age grid for a step of {step} years (use 1 or 5)")


def label(group: AgeGroup) -> str:
    """The label of a group: "0–4", "100+", or "7" for a single year."""
    start, stop = group
    if stop is None:
        return f"{start}+"
    if stop == start:
        return str(start)
    return f"{start}–{stop}"


def labels(groups: Sequence[AgeGroup]) -> list[str]:
    return [label(group) for group in groups]


def check_grid(groups: Sequence[AgeGroup]) -> None:
    """Raise ValueError unless the groups start at 0, follow each other without gaps and end open."""
    if not groups:
        raise ValueError("an age grid needs at least one group")
    expected = 0
    for index, (start, stop) in enumerate(groups):
        last = index == len(groups) - 1
        if start != expected:
            raise ValueError(f"age group {label((start, stop))} should start at {expected}")
        if last != (stop is None):
            raise ValueError("only the last age group is open-ended, and it must be")
        if stop is not None:
            if stop < start:
                raise ValueError(f"age group {start}–{stop} ends before it starts")
            expected = stop + 1


def widths(groups: Sequence[AgeGroup]) -> np.ndarray:
    """Years covered by each closed group; the open group counts as wide as the group before it."""
    sizes = [stop - start + 1 for start, stop in groups if stop is not None]
    open_width = sizes[-1] if sizes else 1
    return np.array([stop - start + 1 if stop is not None else open_width for start, stop in groups], dtype=float)


def midpoints(groups: Sequence[AgeGroup]) -> np.ndarray:
    """Mean exact age of each group, assuming people are spread evenly over the group's years.

    A closed group x–y holds exact ages [x, y + 1), so its midpoint is x + (y + 1 − x) / 2 (2.5 for 0–4,
    7.5 for the single year 7). The open group is given the width of the group before it: 102.5 for 100+
    on the 5-year grid, 100.5 on the single-year grid. Few people live past 100, so the choice moves a
    municipality's mean age by hundredths of a year at most.
    """
    starts = np.array([start for start, _ in groups], dtype=float)
    return starts + widths(groups) / 2


def _single_years(groups: Sequence[AgeGroup]) -> int:
    """Ages 0 … n − 1 are closed, n is where the open group starts."""
    return groups[-1][0]


def regroup_matrix(from_groups: Sequence[AgeGroup], to_groups: Sequence[AgeGroup]) -> np.ndarray:
    """(len(from) × len(to)) weights: the share of each source group that falls into each target group.

    Finer groups are summed; a coarser group is split evenly over its single years (e.g. 0–4 gives a fifth
    to each of 0, 1, 2, 3, 4). The source's open group cannot be split, so it must lie inside the target's
    open group.
    """
    check_grid(from_groups)
    check_grid(to_groups)
    to_open = _single_years(to_groups)
    if _single_years(from_groups) < to_open:
        raise ValueError(
            f"cannot split the open group {label(from_groups[-1])} into {label(to_groups[-1])} and younger groups"
        )
    target_of_age = np.empty(to_open, dtype=int)
    for index, (start, stop) in enumerate(to_groups[:-1]):
        target_of_age[start : stop + 1] = index
    matrix = np.zeros((len(from_groups), len(to_groups)))
    for row, (start, stop) in enumerate(from_groups):
        if stop is None:
            matrix[row, -1] = 1.0
            continue
        share = 1.0 / (stop - start + 1)
        for age in range(start, stop + 1):
            matrix[row, target_of_age[age] if age < to_open else len(to_groups) - 1] += share
    return matrix


def regroup(counts, from_groups: Sequence[AgeGroup], to_groups: Sequence[AgeGroup]) -> np.ndarray:
    """Counts on ``from_groups`` (last axis) re-expressed on ``to_groups``; totals are kept exactly."""
    counts = np.asarray(counts, dtype=float)
    if counts.shape[-1] != len(from_groups):
        raise ValueError(f"the last axis has {counts.shape[-1]} ages, the grid {len(from_groups)}")
    return counts @ regroup_matrix(from_groups, to_groups)


def age_mask(groups: Sequence[AgeGroup], start: int, stop: int | None = None) -> np.ndarray:
    """Boolean mask of the groups inside ages start … stop (inclusive; None = no upper limit).

    A group that straddles a boundary (asking for 0–14 on a grid with 10–19) raises ValueError rather than
    silently taking part of it.
    """
    mask = np.zeros(len(groups), dtype=bool)
    for index, (group_start, group_stop) in enumerate(groups):
        group_end = float("inf") if group_stop is None else group_stop
        upper = float("inf") if stop is None else stop
        inside = group_start >= start and group_end <= upper
        outside = group_end < start or group_start > upper
        if not inside and not outside:
            wanted = label((start, stop))
            raise ValueError(f"age group {label((group_start, group_stop))} straddles the range {wanted}")
        mask[index] = inside
    return mask


def sum_ages(counts, groups: Sequence[AgeGroup], start: int, stop: int | None = None) -> np.ndarray:
    """Sum over the age axis (last) of the groups in start … stop: e.g. (0, 14), (65, None), (80, None)."""
    counts = np.asarray(counts, dtype=float)
    return counts[..., age_mask(groups, start, stop)].sum(axis=-1)
