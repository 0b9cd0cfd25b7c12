"""What a proposed change may touch, by key: descriptive fields of a record, and figures kept beside a service.

``ChangeRequest.changes`` maps a key to ``[old value, new value]``. A plain key is a model field of the
target (``web``, ``phone`` …). Structured keys reach the rows beside a service:

    capacity:<form>:<unit>      registered capacity of one form (amb, pob, ter) in one unit (klient, luzka …)
    funding:<year>:<source>     CZK the service received from one funding source (codelist code) in one year
    waiting_list:<year>         people on the waiting list at the reference date of that year
    refused_capacity:<year>     applicants refused for lack of capacity in that year (§ 91(3) of Act 108/2006)

Values of structured keys are JSON numbers; None means there is no record yet. Reading, checking, comparing,
applying and labelling every kind lives here, so the review services and screens treat all keys alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import FieldDoesNotExist
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .models import Capacity, Codelist, CodelistItem, DemandFigure, Funding, Organization, Service, ServiceForm, Source
from .review import ORGANIZATION_FIELDS, SERVICE_FIELDS

PLAIN, CAPACITY, FUNDING, DEMAND = "plain", "capacity", "funding", "demand"
DEMAND_FIELDS = ("waiting_list", "refused_capacity")
MAX_AMOUNT = Decimal("999999999999")  # Funding.amount holds 14 digits with 2 decimals
MAX_COUNT = 10_000_000  # no service counts more people or places; a larger number is a typing error


@dataclass(frozen=True)
class FieldKey:
    kind: str
    name: str = ""  # plain: the model field; demand: waiting_list or refused_capacity
    form: str = ""  # capacity: form code
    unit: str = ""  # capacity: capacity unit code
    year: int = 0  # funding, demand
    source: str = ""  # funding: funding source code


def capacity_key(form: str, unit: str) -> str:
    return f"{CAPACITY}:{form}:{unit}"


def funding_key(year: int, source: str) -> str:
    return f"{FUNDING}:{year}:{source}"


def demand_key(name: str, year: int) -> str:
    return f"{name}:{year}"


def parse_key(key: str) -> FieldKey:
    """The parts of a change key; ValueError for a key of no known shape."""
    parts = key.split(":")
    if len(parts) == 1:
        return FieldKey(PLAIN, name=key)
    try:
        if parts[0] == CAPACITY and len(parts) == 3:
            return FieldKey(CAPACITY, form=parts[1], unit=parts[2])
        if parts[0] == FUNDING and len(parts) == 3:
            return FieldKey(FUNDING, year=int(parts[1]), source=parts[2])
        if parts[0] in DEMAND_FIELDS and len(parts) == 2:
            return FieldKey(DEMAND, name=parts[0], year=int(parts[1]))
    except ValueError:
        pass
    raise ValueError(f"unknown change key {key!r}")


def _number(value) -> int | float | None:
    """A JSON-friendly number: whole numbers as int (amounts are stored as decimals)."""
    if value is None:
        return None
    value = Decimal(str(value))
    return int(value) if value == value.to_integral_value() else float(value)


def current_value(target, key: str):
    """The value the catalogue holds now for ``key`` (None when there is no record)."""
    parsed = parse_key(key)
    if parsed.kind == PLAIN:
        return getattr(target, parsed.name)
    if not isinstance(target, Service):
        raise ValueError(f"{key!r} applies to services only")
    if parsed.kind == CAPACITY:
        rows = Capacity.objects.filter(
            service_form__service=target, service_form__form__code=parsed.form, capacity_type__code=parsed.unit
        )
        return rows.values_list("count", flat=True).first()
    if parsed.kind == FUNDING:
        rows = Funding.objects.filter(service=target, year=parsed.year, source__code=parsed.source)
        return _number(rows.values_list("amount", flat=True).first())
    return DemandFigure.objects.filter(service=target, year=parsed.year).values_list(parsed.name, flat=True).first()


def same(key: str, a, b) -> bool:
    """Whether two values of ``key`` mean the same (empty text equals None; 5 equals 5.0)."""
    if parse_key(key).kind == PLAIN:
        return (a or "") == (b or "")
    if a is None or b is None:
        return a is None and b is None
    return Decimal(str(a)) == Decimal(str(b))


def _codelist_code(codelist: str, code: str) -> bool:
    return CodelistItem.objects.filter(codelist=codelist, code=code).exists()


def check(target, key: str, value) -> None:
    """Refuse (ValueError) a key the target cannot take or a value the catalogue cannot hold."""
    parsed = parse_key(key)
    if parsed.kind == PLAIN:
        allowed = SERVICE_FIELDS if isinstance(target, Service) else ORGANIZATION_FIELDS
        if parsed.name not in allowed:
            raise ValueError(f"{parsed.name!r} cannot be changed by a proposal")
        return
    if not isinstance(target, Service):
        raise ValueError(f"{key!r} applies to services only")
    _check_number(parsed, key, value)
    if parsed.kind == CAPACITY and not (
        _codelist_code(Codelist.SERVICE_FORM, parsed.form) and _codelist_code(Codelist.CAPACITY_TYPE, parsed.unit)
    ):
        raise ValueError(f"{key!r}: unknown form or capacity unit")
    if parsed.kind == FUNDING and not _codelist_code(Codelist.FUNDING_SOURCE, parsed.source):
        raise ValueError(f"{key!r}: unknown funding source")
    if parsed.kind in (FUNDING, DEMAND) and not 1990 <= parsed.year <= 2100:
        raise ValueError(f"{key!r}: the year is out of range")


def _check_number(parsed: FieldKey, key: str, value) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise ValueError(f"{key!r} needs a number, not {value!r}")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"{key!r} needs a number, not {value!r}") from None
    whole = parsed.kind != FUNDING
    if not number.is_finite() or number < 0 or number > (MAX_COUNT if whole else MAX_AMOUNT):
        raise ValueError(f"{key!r}: {value!r} is out of range")
    if whole and number != number.to_integral_value():
        raise ValueError(f"{key!r} needs a whole number, not {value!r}")


@dataclass(frozen=True)
class Origin:
    """Provenance written on the rows an accepted change creates or updates."""

    source: str
    detail: str
    date: dt.date

    @classmethod
    def of(cls, change) -> Origin:
        source = Source.SURVEY if change.origin.startswith("survey") else Source.MANUAL
        return cls(source, change.note[:300], change.submitted_at.date())


def apply_value(target, key: str, value, origin: Origin) -> None:
    """Write one accepted value. Plain fields are set on the target (the caller saves it); figures are
    written to their own rows, created when missing."""
    parsed = parse_key(key)
    if parsed.kind == PLAIN:
        setattr(target, parsed.name, value)
    elif parsed.kind == CAPACITY:
        form = CodelistItem.objects.get(codelist=Codelist.SERVICE_FORM, code=parsed.form)
        unit = CodelistItem.objects.get(codelist=Codelist.CAPACITY_TYPE, code=parsed.unit)
        service_form, _created = ServiceForm.objects.get_or_create(service=target, form=form)
        Capacity.objects.update_or_create(service_form=service_form, capacity_type=unit, defaults={"count": value})
    elif parsed.kind == FUNDING:
        source = CodelistItem.objects.get(codelist=Codelist.FUNDING_SOURCE, code=parsed.source)
        Funding.objects.update_or_create(
            service=target,
            year=parsed.year,
            source=source,
            defaults={"amount": Decimal(str(value)), "note": origin.detail},
        )
    else:
        DemandFigure.objects.update_or_create(
            service=target,
            year=parsed.year,
            defaults={
                parsed.name: value,
                "source": origin.source,
                "source_detail": origin.detail,
                "source_date": origin.date,
            },
        )


def _names(codelist: str) -> dict[str, CodelistItem]:
    return {item.code: item for item in CodelistItem.objects.filter(codelist=codelist)}


class _Labels:
    """Labels of change keys, reading each codelist once per list of rows."""

    def __init__(self):
        self._lists: dict[str, dict[str, CodelistItem]] = {}

    def item(self, codelist: str, code: str) -> CodelistItem | None:
        if codelist not in self._lists:
            self._lists[codelist] = _names(codelist)
        return self._lists[codelist].get(code)

    def label(self, key: str) -> str:
        parsed = parse_key(key)
        if parsed.kind == PLAIN:
            return _plain_label(parsed.name)
        if parsed.kind == CAPACITY:
            form, unit = self.item(Codelist.SERVICE_FORM, parsed.form), self.item(Codelist.CAPACITY_TYPE, parsed.unit)
            return _("Registered capacity, %(form)s (%(unit)s)") % {
                "form": form.label.lower() if form else parsed.form,
                "unit": unit.unit if unit else parsed.unit,
            }
        if parsed.kind == FUNDING:
            source = self.item(Codelist.FUNDING_SOURCE, parsed.source)
            return _("Funding %(year)s: %(source)s (CZK)") % {
                "year": parsed.year,
                "source": source.label if source else parsed.source,
            }
        if parsed.name == "waiting_list":
            return _("People on the waiting list, %(year)s") % {"year": parsed.year}
        return _("Applicants refused for lack of capacity, %(year)s") % {"year": parsed.year}


def _plain_label(name: str) -> str:
    for model in (Service, Organization):
        try:
            return str(capfirst(model._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:
            continue
    return name


def display(value) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return formats.number_format(value, force_grouping=True)
    return str(value)


def display_rows(changes: dict) -> list[tuple[str, str, str, str]]:
    """(key, label, old, new) per change, labels in the active language, numbers formatted."""
    labels = _Labels()
    rows = []
    for key, (old, new) in changes.items():
        try:
            label = labels.label(key)
        except ValueError:
            label = key
        rows.append((key, label, display(old), display(new)))
    return rows


def label_of(key: str) -> str:
    return _Labels().label(key)
