"""Value axes: a domain that always holds zero, and "nice" ticks (1, 2, 2.5 or 5 times a power of ten)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

_STEPS = (1, 2, 2.5, 5, 10)


def nice_step(span: float, target: int = 5) -> float:
    """The nice step that cuts ``span`` into about ``target`` intervals (never more than ``target``)."""
    raw = span / target
    power = 10 ** math.floor(math.log10(raw))
    return next(s * power for s in _STEPS if s * power >= raw * (1 - 1e-9))


def domain(values: Iterable[float | None]) -> tuple[float, float]:
    """The smallest interval holding zero and every value (None skipped); (0, 1) when all are zero."""
    present = [v for v in values if v is not None]
    low = min([0.0, *present])
    high = max([0.0, *present])
    return (low, high) if low < high else (0.0, 1.0)


def ticks(low: float, high: float, target: int = 5) -> list[float]:
    """Nice ticks covering ``low``..``high`` (zero is always one of them, since the domain holds zero)."""
    step = nice_step(high - low, target)
    first = math.floor(low / step + 1e-9)
    last = math.ceil(high / step - 1e-9)
    decimals = max(0, -math.floor(math.log10(step)) + 1)
    return [round(i * step, decimals) for i in range(first, last + 1)]


@dataclass(frozen=True)
class Linear:
    """Maps the value interval ``low``..``high`` onto the coordinates ``start``..``end``."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        return self.start + (value - self.low) / (self.high - self.low) * (self.end - self.start)
