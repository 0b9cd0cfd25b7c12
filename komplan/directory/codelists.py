"""Load the codelists of the catalogue from the shipped MPSV files and our enrichment tables.

Like the territory loader: everything is read and checked first, then written in one
transaction; a second run changes nothing. Items keep their MPSV code (the identity), MPSV id
and validity dates.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from .models import Codelist, CodelistItem

DATA_DIR = Path(__file__).resolve().parent / "data"
MPSV_FILES = {
    Codelist.SERVICE_TYPE: "druh_socialni_sluzby_data.json",
    Codelist.SERVICE_FORM: "forma_soc_sluzby_data.json",
    Codelist.CAPACITY_TYPE: "typ_kapacity_data.json",
    Codelist.TARGET_GROUP: "cilova_skupina_osoby_data.json",
    Codelist.AGE_GROUP: "vekova_skupina_osoby_data.json",
    Codelist.LEGAL_FORM: "forma_pravni_data.json",
}
ENRICHMENT = {
    Codelist.SERVICE_TYPE: "service_types.csv",
    Codelist.SERVICE_FORM: "service_forms.csv",
    Codelist.CAPACITY_TYPE: "capacity_types.csv",
    Codelist.TARGET_GROUP: "target_groups.csv",
    Codelist.AGE_GROUP: "age_groups.csv",
}
FUNDING_FILE = "funding_sources.csv"
ADDITIONS_FILE = "mpsv_additions.csv"  # items newer than the shipped MPSV snapshot, each with its evidence
_ITEM_FIELDS = ("name", "name_en", "slug", "mpsv_id", "valid_from", "valid_to", "attributes")


class CodelistImportError(Exception):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class CodelistReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    counts: dict[str, int] = field(default_factory=dict)


def _date(epoch_ms) -> dt.date | None:
    if epoch_ms is None:
        return None
    # MPSV stores midnight Prague time as epoch milliseconds; +2 h lands safely on that day.
    return dt.datetime.fromtimestamp(epoch_ms / 1000 + 7200, tz=dt.UTC).date()


def _read_mpsv(path: Path, codelist: str, errors: list[str]) -> dict[str, dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        items = data["seznam"]
    except FileNotFoundError:
        errors.append(f"{path.name}: file not found")
        return {}
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        errors.append(f"{path.name}: not an MPSV codelist response ({exc.__class__.__name__}: {exc})")
        return {}
    rows = {}
    for index, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not str(item.get("kod") or "").strip() or not item.get("nazev"):
            errors.append(f"{path.name}, item {index}: missing kod or nazev")
            continue
        if item.get("ciselnik") and item["ciselnik"] not in (codelist, "FormaSocSluzby"):
            errors.append(f"{path.name}, item {index}: belongs to codelist {item['ciselnik']}, expected {codelist}")
            continue
        rows[str(item["kod"]).strip()] = {
            "name": item["nazev"].strip(),
            "mpsv_id": item.get("id"),
            "valid_from": _date(item.get("platnostOd")),
            "valid_to": _date(item.get("platnostDo")),
            "name_en": "",
            "slug": "",
            "attributes": {},
        }
    return rows


def _enrich(path: Path, rows: dict[str, dict], errors: list[str]) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        for line, record in enumerate(csv.DictReader(handle), start=2):
            code = record.pop("code")
            if code not in rows:
                errors.append(f"{path.name}, line {line}: code {code!r} is not in the MPSV codelist")
                continue
            rows[code]["slug"] = record.pop("slug", "") or ""
            rows[code]["name_en"] = record.pop("name_en", "") or ""
            attributes = {key: value for key, value in record.items() if value not in ("", None)}
            if "forms" in attributes:
                attributes["forms"] = attributes["forms"].split()
            if "disability" in attributes:
                attributes["disability"] = attributes["disability"] == "1"
            for key in ("min_age", "max_age"):
                if key in attributes:
                    attributes[key] = int(attributes[key])
            rows[code]["attributes"] = attributes


def _read_funding(path: Path, errors: list[str]) -> dict[str, dict]:
    rows = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line, record in enumerate(csv.DictReader(handle), start=2):
            if not record.get("code") or not record.get("name_cs"):
                errors.append(f"{path.name}, line {line}: code and name_cs are required")
                continue
            rows[record["code"]] = {
                "name": record["name_cs"],
                "name_en": record.get("name_en", ""),
                "slug": record["code"],
                "mpsv_id": None,
                "valid_from": None,
                "valid_to": None,
                "attributes": {},
            }
    return rows


def _read_additions(path: Path, tables: dict, errors: list[str]) -> None:
    if not path.exists():
        return
    with path.open(encoding="utf-8", newline="") as handle:
        for line, record in enumerate(csv.DictReader(handle), start=2):
            codelist, code = record.get("codelist", ""), record.get("code", "")
            if codelist not in tables or not code or not record.get("name"):
                errors.append(f"{path.name}, line {line}: needs a known codelist, a code and a name")
                continue
            if code in tables[codelist]:
                continue  # the MPSV file has it by now: the official item wins
            tables[codelist][code] = {
                "name": record["name"],
                "name_en": record.get("name_en", ""),
                "slug": record.get("slug", ""),
                "mpsv_id": None,
                "valid_from": None,
                "valid_to": None,
                "attributes": {"added_from": record.get("note", "")},
            }


def read_all(directory: Path = DATA_DIR) -> dict[str, dict[str, dict]]:
    errors: list[str] = []
    tables = {
        codelist: _read_mpsv(directory / "mpsv" / name, codelist, errors) for codelist, name in MPSV_FILES.items()
    }
    for codelist, name in ENRICHMENT.items():
        _enrich(directory / name, tables[codelist], errors)
    tables[Codelist.FUNDING_SOURCE] = _read_funding(directory / FUNDING_FILE, errors)
    _read_additions(directory / ADDITIONS_FILE, tables, errors)
    if errors:
        raise CodelistImportError(errors)
    return tables


@transaction.atomic
def load_codelists(directory: Path = DATA_DIR) -> CodelistReport:
    tables = read_all(directory)
    report = CodelistReport()
    existing = {(item.codelist, item.code): item for item in CodelistItem.objects.all()}
    new, changed = [], []
    for codelist, rows in tables.items():
        report.counts[codelist] = len(rows)
        for code, values in rows.items():
            item = existing.get((codelist, code))
            if item is None:
                new.append(CodelistItem(codelist=codelist, code=code, **values))
            elif any(getattr(item, key) != value for key, value in values.items()):
                for key, value in values.items():
                    setattr(item, key, value)
                changed.append(item)
            else:
                report.unchanged += 1
    CodelistItem.objects.bulk_create(new)
    CodelistItem.objects.bulk_update(changed, _ITEM_FIELDS)
    report.created, report.updated = len(new), len(changed)
    return report
