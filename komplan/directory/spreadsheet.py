"""Import services from the komplan XLSX/CSV template (one row per service), and build that template.

Columns are named in the template's first row; order does not matter. Codes (not labels) identify
codelist values: service type `4`, forms `amb`/`pob`/`ter`, capacity units `klient`, `luzka`…,
target groups `24;26`, municipalities by ČSÚ code. Every row is validated first; any error stops the
import before writing, and the report names the line and the column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Codelist, CodelistItem, Organization, Service, Source
from .services import refresh_search_text, replace_forms, replace_location

FORMS = ("amb", "pob", "ter")
_CAPACITY_HELP = "Registered capacity of the form %(form)s"
_UNIT_HELP = "Capacity unit of the form %(form)s: klient, kontakt, interv, luzka, hovor"
# Translated when the template is built, in the language active then (not at import time).
_per_form = lazy(lambda text, form: gettext(text) % {"form": form}, str)
_marked_for_translation = (
    _("Registered capacity of the form %(form)s"),
    _("Capacity unit of the form %(form)s: klient, kontakt, interv, luzka, hovor"),
)

COLUMNS = [
    ("provider_name", _("Provider name (required)")),
    ("ico", _("IČO, 8 digits")),
    ("legal_form", _("Legal form code (FormaPravniSubjektivity), e.g. 706 association")),
    ("provider_web", _("Provider web")),
    ("provider_email", _("Provider e-mail")),
    ("provider_phone", _("Provider phone")),
    ("service_name", _("Service name (required)")),
    ("registry_id", _("Identifier of the service in the MPSV register")),
    ("service_type", _("Service type code (DruhSocialniSluzby), e.g. 4 home care")),
    ("description", _("Service description")),
    ("target_groups", _("Target group codes separated by semicolons, e.g. 24;26")),
    ("age_groups", _("Age group codes separated by semicolons, e.g. 7;8")),
    *[(f"capacity_{form}", _("Registered capacity of the form %(form)s") % {"form": form}) for form in FORMS],
    *[
        (
            f"unit_{form}",
            _("Capacity unit of the form %(form)s: klient, kontakt, interv, luzka, hovor") % {"form": form},
        )
        for form in FORMS
    ],
    ("area_served", _("Codes of the municipalities the service serves, separated by semicolons")),
    ("street", _("Street of the place of provision")),
    ("house_number", _("House number")),
    ("postcode", _("Postcode")),
    ("municipality", _("Municipality code of the place of provision (ČSÚ)")),
    ("web", _("Service web")),
    ("email", _("Service e-mail")),
    ("phone", _("Service phone")),
    ("opening_hours", _("Opening hours")),
    ("fees", _("Fees")),
    ("provided_from", _("Provided from (YYYY-MM-DD)")),
]
REQUIRED = ("provider_name", "service_name")
_ICO = re.compile(r"^\d{8}$")


class SpreadsheetError(Exception):
    """The file cannot be read at all (wrong type, no header); row problems go into the report instead."""


@dataclass
class Problem:
    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.reason}"


@dataclass
class SpreadsheetReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Problem] = field(default_factory=list)
    dry_run: bool = False

    def summary(self) -> str:
        return (
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, {len(self.rejected)} rejected"
        )


def read_rows(name: str, content: bytes) -> list[tuple[int, dict[str, str]]]:
    """(line, {column: text}) for every non-empty data row of an XLSX or CSV file."""
    suffix = Path(name).suffix.lower()
    if suffix == ".xlsx":
        rows = _xlsx_rows(content)
    elif suffix == ".csv":
        rows = _csv_rows(content)
    else:
        raise SpreadsheetError(f"{name}: not an .xlsx or .csv file")
    if not rows:
        raise SpreadsheetError(f"{name}: the file is empty")
    header = [str(cell or "").strip() for cell in rows[0]]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise SpreadsheetError(f"{name}, line 1: missing column(s) {', '.join(missing)}")
    known = {column for column, _help in COLUMNS}
    unknown = [column for column in header if column and column not in known]
    if unknown:
        raise SpreadsheetError(f"{name}, line 1: unknown column(s) {', '.join(unknown)}")
    result = []
    for line, cells in enumerate(rows[1:], start=2):
        values = {header[i]: _text(cell) for i, cell in enumerate(cells) if i < len(header) and header[i]}
        if any(values.values()):
            result.append((line, values))
    return result


def _text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime | dt.date):
        return cell.strftime("%Y-%m-%d")
    return str(cell).strip()


def _xlsx_rows(content: bytes) -> list[list]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise SpreadsheetError(f"not a readable xlsx workbook ({exc.__class__.__name__})") from exc
    try:
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def _csv_rows(content: bytes) -> list[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpreadsheetError(f"the CSV is not UTF-8 text (byte {exc.start})") from exc
    delimiter = ";" if text.split("\n", 1)[0].count(";") >= text.split("\n", 1)[0].count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


@dataclass
class _Row:
    line: int
    values: dict[str, str]
    organization: dict = field(default_factory=dict)
    service: dict = field(default_factory=dict)
    target_groups: list = field(default_factory=list)
    age_groups: list = field(default_factory=list)
    area: list = field(default_factory=list)
    forms: dict = field(default_factory=dict)  # form item → [(unit item, count)]
    location: dict | None = None


class _Validator:
    """Cleans every row against the codelists and territories, collecting problems with line and column."""

    def __init__(self):
        self.codes = {codelist: CodelistItem.objects.code_map(codelist) for codelist in Codelist.values}
        from komplan.territory.models import Territory

        self.municipalities = {t.code: t for t in Territory.objects.filter(level="municipality")}
        self.problems: list[Problem] = []

    def problem(self, row: _Row, column: str, reason: str) -> None:
        self.problems.append(Problem(row.line, column, reason))

    def code(self, row: _Row, column: str, codelist: str):
        value = row.values.get(column, "")
        if not value:
            return None
        item = self.codes[codelist].get(value)
        if item is None:
            self.problem(row, column, f"unknown {codelist} code {value!r}")
        return item

    def codes_list(self, row: _Row, column: str, codelist: str) -> list:
        items = []
        for value in filter(None, (v.strip() for v in row.values.get(column, "").split(";"))):
            item = self.codes[codelist].get(value)
            if item is None:
                self.problem(row, column, f"unknown {codelist} code {value!r}")
            else:
                items.append(item)
        return items

    def municipality(self, row: _Row, column: str, value: str):
        territory = self.municipalities.get(value)
        if territory is None:
            self.problem(row, column, f"no municipality has the code {value!r}")
        return territory

    def clean(self, line: int, values: dict[str, str]) -> _Row:
        row = _Row(line, values)
        for column in REQUIRED:
            if not values.get(column):
                self.problem(row, column, "is required")
        ico = values.get("ico", "")
        if ico and not _ICO.match(ico):
            self.problem(row, "ico", f"an IČO has exactly 8 digits, got {ico!r}")
        row.organization = {
            "name": values.get("provider_name", ""),
            "ico": ico,
            "legal_form": self.code(row, "legal_form", Codelist.LEGAL_FORM),
            "web": values.get("provider_web", ""),
            "email": values.get("provider_email", ""),
            "phone": values.get("provider_phone", ""),
        }
        row.service = {
            "name": values.get("service_name", ""),
            "registry_id": values.get("registry_id", ""),
            "service_type": self.code(row, "service_type", Codelist.SERVICE_TYPE),
            **{key: values.get(key, "") for key in ("description", "web", "email", "phone", "opening_hours", "fees")},
            "provided_from": self.date(row, "provided_from"),
        }
        row.target_groups = self.codes_list(row, "target_groups", Codelist.TARGET_GROUP)
        row.age_groups = self.codes_list(row, "age_groups", Codelist.AGE_GROUP)
        row.area = [
            self.municipality(row, "area_served", v.strip())
            for v in values.get("area_served", "").split(";")
            if v.strip()
        ]
        self.clean_forms(row)
        if values.get("municipality"):
            row.location = {
                "municipality": self.municipality(row, "municipality", values["municipality"]),
                **{key: values.get(key, "") for key in ("street", "house_number", "postcode")},
            }
        return row

    def clean_forms(self, row: _Row) -> None:
        for form in FORMS:
            count, unit = row.values.get(f"capacity_{form}", ""), row.values.get(f"unit_{form}", "")
            if not count and not unit:
                continue
            if not count.isdecimal():
                self.problem(row, f"capacity_{form}", f"expected a whole number, got {count!r}")
                continue
            if not unit:
                self.problem(row, f"unit_{form}", "a capacity needs its unit")
                continue
            unit_item = self.codes[Codelist.CAPACITY_TYPE].get(unit)
            if unit_item is None:
                self.problem(row, f"unit_{form}", f"unknown unit {unit!r}; use klient, kontakt, interv, luzka, hovor")
                continue
            row.forms[self.codes[Codelist.SERVICE_FORM][form]] = [(unit_item, int(count))]

    def date(self, row: _Row, column: str):
        value = row.values.get(column, "")
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.problem(row, column, f"expected a date as YYYY-MM-DD, got {value!r}")
            return None


def import_spreadsheet(name: str, content: bytes, *, dry_run: bool = False) -> SpreadsheetReport:
    """Validate every row, then (unless ``dry_run`` or a row is invalid) write all rows in one transaction."""
    rows = read_rows(name, content)
    validator = _Validator()
    cleaned = [validator.clean(line, values) for line, values in rows]
    report = SpreadsheetReport(rejected=validator.problems, dry_run=dry_run)
    if validator.problems:
        return report
    with transaction.atomic():
        for row in cleaned:
            _write(row, name, report)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _write(row: _Row, name: str, report: SpreadsheetReport) -> None:
    provenance = {"source": Source.SPREADSHEET, "source_detail": name, "source_date": dt.date.today()}
    org_key = (
        {"ico": row.organization["ico"]} if row.organization["ico"] else {"name": row.organization["name"], "ico": ""}
    )
    organization = Organization.objects.filter(**org_key).first() or Organization(**org_key, **provenance)
    for key, value in row.organization.items():
        setattr(organization, key, value)
    organization.save()
    key = (
        {"registry_id": row.service["registry_id"]}
        if row.service["registry_id"]
        else {"organization": organization, "name": row.service["name"]}
    )
    service = Service.objects.filter(**key).first()
    before = _snapshot(service) if service else None
    if service is None:
        service = Service(organization=organization, **provenance)
    service.organization = organization
    for field_name, value in row.service.items():
        setattr(service, field_name, value)
    service.save()
    service.target_groups.set(row.target_groups)
    service.age_groups.set(row.age_groups)
    service.area_served.set(row.area)
    replace_forms(service, row.forms)
    replace_location(service, row.location)
    refresh_search_text(Service.objects.filter(pk=service.pk))
    after = _snapshot(service)
    if before is None:
        report.created += 1
    elif before == after:
        report.unchanged += 1
    else:
        service.source_date = dt.date.today()
        service.save(update_fields=["source_date"])
        report.updated += 1


def _snapshot(service: Service) -> tuple:
    """What an import can change, comparable across runs (ids of child rows are not part of it)."""
    fields = tuple(
        getattr(service, f)
        for f in (
            "name",
            "registry_id",
            "service_type_id",
            "description",
            "web",
            "email",
            "phone",
            "opening_hours",
            "fees",
            "provided_from",
            "organization_id",
        )
    )
    forms = tuple(
        sorted((f.form.code, c.capacity_type.code, c.count) for f in service.forms.all() for c in f.capacities.all())
    )
    locations = tuple(
        sorted((loc.municipality_id, loc.street, loc.house_number, loc.postcode) for loc in service.locations.all())
    )
    return (
        fields,
        forms,
        locations,
        tuple(sorted(service.target_groups.values_list("code", flat=True))),
        tuple(sorted(service.age_groups.values_list("code", flat=True))),
        tuple(sorted(service.area_served.values_list("code", flat=True))),
    )


def template_xlsx() -> bytes:
    """The import template: the columns with their help in the second row, and the codelists on sheet 2."""
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "sluzby"
    sheet.append([column for column, _help in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    codes = workbook.create_sheet("ciselniky")
    codes.append([str(_("codelist")), str(_("code")), str(_("name"))])
    for item in CodelistItem.objects.exclude(codelist=Codelist.LEGAL_FORM).order_by("codelist", "code"):
        codes.append([item.codelist, item.code, item.name])
    help_sheet = workbook.create_sheet("napoveda")
    help_sheet.append([str(_("column")), str(_("meaning"))])
    for column, help_text in COLUMNS:
        help_sheet.append([column, str(help_text)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
