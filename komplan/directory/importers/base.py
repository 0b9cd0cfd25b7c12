"""What the register imports share: the report, the errors, cleaned records, value cleaners,
the code lookups and the one rule for the area a service serves.

An importer reads its file record by record into the cleaned dataclasses below, collecting every
problem as ``record N (identifikátor X), field F: reason``; only when no record is rejected does
``writer.write`` compare the records with the database and write the differences in one transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

from komplan.territory.models import Level, Territory

from ..models import Codelist, CodelistItem

PRAGUE = ZoneInfo("Europe/Prague")
FIELD_FORM = "ter"  # FormaSocialniSluzby/ter: terénní (field) services


class RegistryImportError(Exception):
    """An import that cannot start or finish; ``str(exc)`` is a one-line reason. Nothing was written."""


class RegistryFileError(RegistryImportError):
    """The file is not the expected JSON (wrong type, truncated, missing root key)."""


class RegistrySetupError(RegistryImportError):
    """The database lacks what the import resolves codes against (codelists, territories)."""


@dataclass(frozen=True)
class Rejection:
    """One problem of one record, e.g. ``record 3 (identifikátor 5536948), field formy[0]: …``."""

    record: int
    identifier: str
    field: str
    reason: str
    kind: str = "identifikátor"

    def __str__(self) -> str:
        name = f"{self.kind} {self.identifier}" if self.kind else self.identifier
        return f"record {self.record} ({name}), field {self.field}: {self.reason}"


@dataclass
class ImportReport:
    """What an import did: counts of services and providers, and every rejected, skipped or warned entry.

    When ``rejected`` is not empty nothing was written.
    """

    format: str
    source_detail: str = ""
    source_date: dt.date | None = None
    dry_run: bool = False
    records: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    skipped: list[Rejection] = field(default_factory=list)
    warnings: list[Rejection] = field(default_factory=list)
    organizations_created: int = 0
    organizations_updated: int = 0
    organizations_unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.rejected

    def summary(self) -> str:
        if self.rejected:
            return f"{len(self.rejected)} problems in {self.records} records; nothing was changed"
        verb = "would be " if self.dry_run else ""
        return (
            f"{self.records} records read; services: {self.created} {verb}created, {self.updated} {verb}updated, "
            f"{self.unchanged} unchanged; providers: {self.organizations_created} {verb}created, "
            f"{self.organizations_updated} {verb}updated, {self.organizations_unchanged} unchanged; "
            f"{len(self.skipped)} skipped"
        )


class RecordProblems:
    """Collects the errors and warnings of one record; cleaners report here instead of raising."""

    def __init__(self, number: int, identifier: str, report: ImportReport, kind: str = "identifikátor"):
        self.number, self.identifier, self.kind, self.report = number, identifier, kind, report
        self.errors = 0

    def error(self, field_name: str, reason: str) -> None:
        self.errors += 1
        self.report.rejected.append(Rejection(self.number, self.identifier, field_name, reason, self.kind))

    def warn(self, field_name: str, reason: str) -> None:
        self.report.warnings.append(Rejection(self.number, self.identifier, field_name, reason, self.kind))

    def skip(self, field_name: str, reason: str) -> None:
        self.report.skipped.append(Rejection(self.number, self.identifier, field_name, reason, self.kind))


# --- cleaned records: what the writer compares with the database ------------------------------------------

# A value of None means "this source does not say": the writer leaves that part of the row as it is.
LOCATION_FIELDS = (
    "name",
    "street",
    "house_number",
    "orientation_number",
    "municipality_part",
    "municipality_id",
    "postcode",
    "address_point",
    "latitude",
    "longitude",
)
ADDRESS_FIELDS = LOCATION_FIELDS[1:8]


@dataclass(frozen=True)
class LocationData:
    name: str = ""
    street: str = ""
    house_number: str = ""
    orientation_number: str = ""
    municipality_part: str = ""
    municipality_id: int | None = None
    postcode: str = ""
    address_point: int | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None

    def as_tuple(self) -> tuple:
        return tuple(getattr(self, name) for name in LOCATION_FIELDS)


@dataclass
class CapacityData:
    unit_id: int
    count: int
    description: str | None = None


@dataclass
class FormData:
    form_id: int
    form_code: str
    continuous: bool | None = None
    hours: str | None = None
    capacities: list[CapacityData] = field(default_factory=list)


@dataclass
class OrganizationData:
    ico: str
    record: int
    values: dict[str, object] = field(default_factory=dict)  # model field (FKs as *_id) -> value


@dataclass
class ServiceData:
    record: int
    identifier: str
    kind: str = "identifikátor"
    registry_id: str = ""
    portal_id: int | None = None
    ico: str = ""
    values: dict[str, object] = field(default_factory=dict)
    target_groups: set[int] | None = None
    age_groups: set[int] | None = None
    forms: list[FormData] | None = None
    locations: list[LocationData] | None = None
    area_served: set[int] | None = None


# --- lookups ------------------------------------------------------------------------------------------------


class Lookups:
    """Codelist items and municipalities by code, loaded once per import (no query per record)."""

    CODELISTS = (
        Codelist.SERVICE_TYPE,
        Codelist.SERVICE_FORM,
        Codelist.CAPACITY_TYPE,
        Codelist.TARGET_GROUP,
        Codelist.AGE_GROUP,
        Codelist.LEGAL_FORM,
    )

    def __init__(self):
        self.items: dict[str, dict[str, CodelistItem]] = {
            codelist: CodelistItem.objects.code_map(codelist) for codelist in self.CODELISTS
        }
        if not self.items[Codelist.SERVICE_TYPE] or not self.items[Codelist.CAPACITY_TYPE]:
            raise RegistrySetupError("the MPSV codelists are not loaded; run `komplan load-codelists` first")
        self.municipalities: dict[str, int] = {}
        self._orp_of: dict[int, int | None] = {}
        self._orp_members: dict[int, set[int]] = defaultdict(set)
        for code, pk, orp_id in Territory.objects.filter(level=Level.MUNICIPALITY).values_list("code", "pk", "orp_id"):
            self.municipalities[code] = pk
            self._orp_of[pk] = orp_id
            if orp_id:
                self._orp_members[orp_id].add(pk)
        if not self.municipalities:
            raise RegistrySetupError("the territories are not loaded; run `komplan load-territories` first")

    def item(self, codelist: str, code: str) -> CodelistItem | None:
        return self.items[codelist].get(code)

    def orp_municipalities(self, municipality_id: int) -> set[int]:
        """Every municipality of the ORP the given municipality belongs to (itself when it has no ORP)."""
        orp_id = self._orp_of.get(municipality_id)
        return set(self._orp_members[orp_id]) if orp_id else {municipality_id}


def resolve_code(
    lookups: Lookups, codelist: str, code: str | None, problems: RecordProblems, where: str
) -> CodelistItem | None:
    if code is None:
        return None
    item = lookups.item(codelist, code)
    if item is None:
        problems.error(
            where,
            f"unknown code {codelist}/{code} (not in the loaded MPSV codelist; "
            "if the register has added it, refresh the codelists)",
        )
    return item


def resolve_municipality(lookups: Lookups, code: str | None, problems: RecordProblems, where: str) -> int | None:
    if code is None:
        return None
    pk = lookups.municipalities.get(code)
    if pk is None:
        problems.error(where, f"unknown municipality code {code} (no ČSÚ municipality has this code)")
    return pk


# --- the area a service serves ------------------------------------------------------------------------------


def area_served(
    location_municipalities: set[int],
    *,
    form_codes: set[str],
    stated_municipalities: set[int],
    lookups: Lookups,
) -> set[int]:
    """The municipalities a service is recorded as serving (``Service.area_served``); the one rule.

    The register has no municipality-level coverage: the open data give the addresses of the
    facilities (``zarizeni[]``) and, for some field services, ``rozsirenePusobnostiVKraji``, which
    names regions (kraje) only. komplan therefore records:

    1. every service serves the municipalities where its facilities are;
    2. a field service (form ``ter``) also serves every municipality the file names for it
       (any ``Obec/<code>`` under ``rozsirenePusobnostiVKraji``), and, when the file names none,
       every municipality of the ORP of each of its facilities — a field service is assumed to
       reach its own ORP, the usual territory of community planning;
    3. statements at the level of a whole region are not expanded into its municipalities.

    Rule 2 is komplan's assumption, not register data; docs/catalogue-imports.md says so and a
    planner can correct the area of a service by hand.
    """
    area = set(location_municipalities)
    if FIELD_FORM in form_codes:
        if stated_municipalities:
            area |= stated_municipalities
        else:
            for municipality_id in location_municipalities:
                area |= lookups.orp_municipalities(municipality_id)
    return area


# --- value cleaners -----------------------------------------------------------------------------------------

_ICO = re.compile(r"^\d{8}$")
_EMAIL = EmailValidator()
_URL = URLValidator(schemes=["http", "https"])


def short(value, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def clean_ico(value, problems: RecordProblems, where: str) -> str | None:
    """IČO as 8-digit text. A number (the register's JSON may give one) is zero-padded; text must be 8 digits."""
    if isinstance(value, bool) or value is None:
        problems.error(where, "missing IČO" if value is None else f"not an IČO: {short(value)}")
        return None
    if isinstance(value, int):
        if 0 < value < 100_000_000:
            return f"{value:08d}"
        problems.error(where, f"not an IČO: {value} has more than 8 digits or is not positive")
        return None
    if isinstance(value, str) and _ICO.match(value):
        return value
    problems.error(where, f"an IČO has exactly 8 digits, got {short(value)}")
    return None


def clean_date(value, problems: RecordProblems, where: str) -> dt.date | None:
    """A date given as ``YYYY-MM-DD``, an ISO date-time (read in Prague time) or epoch milliseconds."""
    if value is None or value == "":
        return None
    try:
        if isinstance(value, int) and not isinstance(value, bool):
            return dt.datetime.fromtimestamp(value / 1000, tz=PRAGUE).date()
        if isinstance(value, str):
            if len(value) == 10:
                return dt.date.fromisoformat(value)
            moment = dt.datetime.fromisoformat(value)
            return moment.astimezone(PRAGUE).date() if moment.tzinfo else moment.date()
    except (ValueError, OverflowError, OSError):
        pass
    problems.error(where, f"not a date: {short(value)}")
    return None


def clean_text(value, problems: RecordProblems, where: str, *, max_length: int | None = None) -> str | None:
    """Stripped text; None when absent. Longer than ``max_length`` is an error (names must not be cut)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        problems.error(where, f"expected text, got {short(value)}")
        return None
    text = str(value).strip()
    if max_length and len(text) > max_length:
        problems.error(where, f"longer than {max_length} characters ({len(text)})")
        return None
    return text


INT_MAX = 2_147_483_647  # the largest value of a (Positive)IntegerField on every database


def clean_count(value, problems: RecordProblems, where: str) -> int | None:
    if isinstance(value, str) and value.strip().isdecimal():
        value = int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= INT_MAX:
        return value
    problems.error(where, "missing capacity count" if value is None else f"not a count: {short(value)}")
    return None


def clean_positive_int(value, problems: RecordProblems, where: str, maximum: int = INT_MAX) -> int | None:
    if value is None:
        return None
    if isinstance(value, str) and value.strip().isdecimal():
        value = int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= maximum:
        return value
    problems.error(where, f"expected a positive whole number, got {short(value)}")
    return None


def as_list(value, problems: RecordProblems, where: str) -> list:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    problems.error(where, f"expected a list, got {short(value)}")
    return []


def contact(values: list, kind: str, problems: RecordProblems, where: str) -> str:
    """The first usable web, e-mail or phone of a list; unusable ones are left out with a warning.

    ``values`` holds plain strings (catalogue) or register objects like ``{"web": "…", "poznamka": null}``.
    """
    for index, entry in enumerate(values):
        raw = entry.get(kind) if isinstance(entry, dict) else entry
        if not isinstance(raw, str) or not raw.strip():
            continue
        usable = _usable_contact(kind, raw.strip())
        if usable:
            return usable
        problems.warn(f"{where}[{index}]", f"{short(raw)} is not a usable {_CONTACT_NAMES[kind]}; left out")
    return ""


_CONTACT_NAMES = {"web": "web address", "email": "e-mail address", "telefon": "phone number"}


@lru_cache(maxsize=8192)
def _usable_contact(kind: str, text: str) -> str | None:
    """The contact as stored (a web gets ``http://`` when it has no scheme), or None when it is not usable."""
    try:
        if kind == "web":
            text = text if re.match(r"^https?://", text, re.IGNORECASE) else f"http://{text}"
            if len(text) > 500:
                return None
            _URL(text)
        elif kind == "email":
            _EMAIL(text)
        elif len(text) > 100:
            return None
    except ValidationError:
        return None
    return text


def clean_postcode(value, problems: RecordProblems, where: str) -> str:
    if value is None:
        return ""
    text = re.sub(r"\s", "", str(value))
    if re.fullmatch(r"\d{5}", text):
        return text
    problems.warn(where, f"{short(value)} is not a postcode; left out")
    return ""


def clean_coordinate(value, problems: RecordProblems, where: str, low: int, high: int) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        problems.error(where, f"not a coordinate: {short(value)}")
        return None
    number = Decimal(str(value))
    if not low <= number <= high:
        problems.error(where, f"{number} is outside the Czech Republic ({low}–{high})")
        return None
    return number.quantize(Decimal("0.000001"))


def is_reference(value, codelist: str) -> bool:
    return isinstance(value, dict) and isinstance(value.get("id"), str) and value["id"].startswith(f"{codelist}/")


def reference(value, codelist: str, problems: RecordProblems, where: str) -> str | None:
    """The code of a register reference ``{"id": "<codelist>/<code>"}`` (or the bare string); None when absent."""
    if value is None:
        return None
    raw = value.get("id") if isinstance(value, dict) else value
    if isinstance(raw, str):
        prefix, slash, code = raw.partition("/")
        if slash and prefix == codelist and code.strip():
            return code.strip()
    problems.error(where, f"expected a reference {codelist}/<code>, got {short(value)}")
    return None


def wrapped_reference(value, codelist: str, problems: RecordProblems, where: str) -> tuple[str | None, str]:
    """A reference, possibly wrapped: ``{"cilovaSkupina": {"id": "CilovaSkupinaOsoby/24"}}`` → ``("24", where)``.

    The wrapper's key is not needed: the one direct value referring to ``codelist`` is taken. The
    second item is the field path of the reference, for messages.
    """
    if isinstance(value, dict) and "id" not in value:
        found = [(key, item) for key, item in value.items() if is_reference(item, codelist)]
        if len(found) == 1:
            key, item = found[0]
            return reference(item, codelist, problems, f"{where}.{key}"), f"{where}.{key}"
        problems.error(where, f"expected one {codelist}/<code> reference, got {short(value)}")
        return None, where
    return reference(value, codelist, problems, where), where
