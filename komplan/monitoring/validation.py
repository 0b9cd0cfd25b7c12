"""Checking a progress report as a whole before anything is written (the web form and the API share it).

Errors are keyed by field: ``status``, ``progress``, ``reason``, ``spendings-<i>-source|amount``,
``indicators-<i>-indicator|value|measured_on`` (``i`` counts the rows as sent, from 0).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _

from komplan.directory.models import Codelist, CodelistItem
from komplan.strategy.models import Activity

from .models import Status


@dataclass
class SpendingInput:
    source: CodelistItem | str | None  # an item, or its code (the API)
    amount: Decimal | int | str | None


@dataclass
class IndicatorInput:
    indicator: int | str | None  # the id of one of the activity's indicators
    value: Decimal | int | str | None
    measured_on: dt.date | None


@dataclass
class ProgressInput:
    status: str
    progress: int | str | None
    note: str = ""
    reason: str = ""
    spendings: list[SpendingInput] = field(default_factory=list)
    indicators: list[IndicatorInput] = field(default_factory=list)


class Errors(dict):
    def add(self, name: str, message: str) -> None:
        self.setdefault(name, []).append(message)


def _number(value) -> Decimal | None:
    try:
        number = Decimal(str(value).replace(" ", "").replace("\u00a0", "").replace(",", "."))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _amount(value, name: str, errors: Errors) -> Decimal | None:
    if value in (None, ""):
        errors.add(name, _("Give the amount spent."))
        return None
    amount = _number(value)
    if amount is None:
        errors.add(name, _("“%(value)s” is not an amount of money.") % {"value": value})
    elif amount < 0:
        errors.add(name, _("An amount of money cannot be negative."))
    elif amount != amount.to_integral_value():
        errors.add(name, _("Give the amount in whole crowns."))
    elif amount >= Decimal(10) ** 14:
        errors.add(name, _("The amount is too large."))
    else:
        return amount
    return None


def _status_and_progress(data: ProgressInput, errors: Errors) -> int | None:
    if data.status not in Status.values:
        errors.add(
            "status",
            _("Unknown status “%(value)s”; use one of: %(allowed)s.")
            % {"value": data.status, "allowed": ", ".join(Status.values)},
        )
    text = "" if data.progress is None else str(data.progress).strip()
    if not text.lstrip("-").isdigit():
        errors.add("progress", _("Give the progress as a whole number from 0 to 100."))
        return None
    progress = int(text)
    if not 0 <= progress <= 100:
        errors.add("progress", _("Progress must be between 0 and 100 %%; %(value)s is outside.") % {"value": progress})
        return None
    if data.status == Status.DONE and progress != 100:
        errors.add("progress", _("A done activity is complete: give 100 as its progress."))
    elif data.status == Status.NOT_STARTED and progress != 0:
        errors.add("progress", _("An activity that has not started has no progress yet: give 0."))
    return progress


def _reason(data: ProgressInput, errors: Errors) -> str:
    reason = (data.reason or "").strip()
    if not reason and data.status == Status.CANCELLED:
        errors.add("reason", _("Give the reason why the activity was cancelled."))
    elif not reason and data.status == Status.POSTPONED:
        errors.add("reason", _("Give the reason why the activity was postponed."))
    return reason if data.status in (Status.CANCELLED, Status.POSTPONED) else ""


def _source(value, sources: dict[str, CodelistItem], name: str, errors: Errors) -> CodelistItem | None:
    code = value.code if isinstance(value, CodelistItem) else str(value or "").strip()
    item = sources.get(code)
    if item is None or (isinstance(value, CodelistItem) and value.codelist != Codelist.FUNDING_SOURCE):
        errors.add(
            name,
            _("Unknown funding source “%(value)s”; use one of: %(allowed)s.")
            % {"value": code, "allowed": ", ".join(sorted(sources))},
        )
        return None
    return item


def _spendings(data: ProgressInput, errors: Errors) -> list[tuple[CodelistItem, Decimal]]:
    sources = {item.code: item for item in CodelistItem.objects.filter(codelist=Codelist.FUNDING_SOURCE)}
    rows: list[tuple[CodelistItem, Decimal]] = []
    for i, row in enumerate(data.spendings):
        item = _source(row.source, sources, f"spendings-{i}-source", errors)
        amount = _amount(row.amount, f"spendings-{i}-amount", errors)
        if item is not None and any(item.pk == seen.pk for seen, _amount_ in rows):
            errors.add(f"spendings-{i}-source", _("This funding source is listed twice; give one amount per source."))
        elif item is not None and amount is not None:
            rows.append((item, amount))
    return rows


def _indicator_value(row: IndicatorInput, name: str, errors: Errors) -> Decimal | None:
    if row.value in (None, ""):
        errors.add(name, _("Give the measured value."))
        return None
    value = _number(row.value)
    if value is None or abs(value) >= Decimal(10) ** 12:
        errors.add(name, _("“%(value)s” is not a number.") % {"value": row.value})
        return None
    return value.quantize(Decimal("0.01"))


def _measured_on(row: IndicatorInput, name: str, errors: Errors) -> dt.date | None:
    if row.measured_on is None:
        errors.add(name, _("Give the date the value was measured."))
        return None
    if row.measured_on > timezone.localdate():
        errors.add(name, _("The date of measuring cannot be in the future."))
        return None
    return row.measured_on


def _indicators(activity: Activity, data: ProgressInput, errors: Errors) -> list[tuple]:
    own = {indicator.pk: indicator for indicator in activity.indicators.all()}
    rows: list[tuple] = []
    for i, row in enumerate(data.indicators):
        key = str(row.indicator or "").strip()
        indicator = own.get(int(key)) if key.isdigit() else None
        value = _indicator_value(row, f"indicators-{i}-value", errors)
        measured_on = _measured_on(row, f"indicators-{i}-measured_on", errors)
        if indicator is None:
            errors.add(f"indicators-{i}-indicator", _("This indicator does not belong to the activity."))
        elif any(indicator.pk == seen[0].pk for seen in rows):
            errors.add(f"indicators-{i}-indicator", _("This indicator is listed twice; give one value per indicator."))
        elif value is not None and measured_on is not None:
            rows.append((indicator, value, measured_on))
    return rows


def clean_progress(activity: Activity, data: ProgressInput) -> tuple[dict, dict[str, list[str]]]:
    """(clean values, errors by field); the clean values are complete only when there are no errors."""
    errors = Errors()
    clean = {
        "status": data.status,
        "progress": _status_and_progress(data, errors),
        "note": (data.note or "").strip(),
        "reason": _reason(data, errors),
        "spendings": _spendings(data, errors),
        "indicators": _indicators(activity, data, errors),
    }
    return clean, dict(errors)
