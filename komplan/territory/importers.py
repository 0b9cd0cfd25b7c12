"""Load the ČSÚ territorial codelists and municipal populations: validate everything, then write.

Reading and validation happen before any database write; the write runs in one
transaction. A malformed file therefore leaves the database exactly as it was, and the
report names the file and line of every problem.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from komplan.lib import csu_population

from .models import Level, Territory

DATA_DIR = Path(__file__).resolve().parent / "data"
EXTRA_REGIO = {"3000", "40002"}
CODELIST_FILES = {
    "municipalities": "CIS0043_CS.csv",
    "kraje": "CIS0100_CS.csv",
    "okresy": "CIS0101_CS.csv",
    "municipality_orp": "VAZ0043_0065_CS.csv",
    "municipality_pou": "VAZ0043_0061_CS.csv",
    "municipality_okres": "VAZ0043_0101_CS.csv",
    "kraj_okres": "VAZ0100_0101_CS.csv",
}
POPULATION_FILE = "population_2024.xlsx"
_DIGITS = re.compile(r"^\d+$")


class TerritoryImportError(Exception):
    """The files could not be loaded; ``errors`` lists each problem with file and line."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class Record:
    level: str
    code: str
    name: str
    nuts_code: str = ""
    ruian_code: str = ""
    parents: dict[str, str] = field(default_factory=dict)  # level -> code
    population: int | None = None


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    updated: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    unchanged: int = 0
    population_date: dt.date | None = None
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        created = sum(self.created.values())
        updated = sum(self.updated.values())
        return f"{created} created, {updated} updated, {self.unchanged} unchanged"


class _Collector:
    def __init__(self):
        self.errors: list[str] = []

    def add(self, filename: str, line: int | None, message: str) -> None:
        where = f"{filename}, line {line}" if line else filename
        self.errors.append(f"{where}: {message}")


def _read_csv(directory: Path, filename: str, columns: tuple[str, ...], errors: _Collector) -> list[tuple[int, dict]]:
    path = directory / filename
    try:
        text = path.read_bytes().decode("cp1250")
    except FileNotFoundError:
        errors.add(filename, None, "file not found")
        return []
    except UnicodeDecodeError as exc:
        errors.add(filename, None, f"is not CP1250 text (byte {exc.start})")
        return []
    reader = csv.DictReader(text.splitlines(), delimiter=";")
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        errors.add(filename, 1, f"missing column(s) {', '.join(missing)}")
        return []
    rows = []
    for row in reader:
        if None in row or any(row.get(c) is None for c in columns):
            errors.add(filename, reader.line_num, "wrong number of fields")
            continue
        rows.append((reader.line_num, row))
    if not rows:
        errors.add(filename, None, "contains no data rows")
    return rows


def _code(filename: str, line: int, value: str, what: str, errors: _Collector) -> str | None:
    value = (value or "").strip()
    if not _DIGITS.match(value):
        errors.add(filename, line, f"{what} {value!r} is not a numeric code")
        return None
    return value


def _links(
    directory: Path, key: str, errors: _Collector, *, parent_first: bool = False
) -> dict[str, tuple[str, str, int]]:
    """child code -> (parent code, parent name, line) from a ČSÚ VAZ link table.

    Municipality tables list the child first (CHODNOTA1); kraj -> okres lists the parent first.
    """
    filename = CODELIST_FILES[key]
    child_col, parent_col = ("2", "1") if parent_first else ("1", "2")
    links: dict[str, tuple[str, str, int]] = {}
    columns = (f"CHODNOTA{child_col}", f"CHODNOTA{parent_col}", f"TEXT{parent_col}")
    for line, row in _read_csv(directory, filename, columns, errors):
        child = _code(filename, line, row[columns[0]], "code", errors)
        parent = _code(filename, line, row[columns[1]], "linked code", errors)
        if child and parent:
            if child in links and links[child][0] != parent:
                errors.add(filename, line, f"{child} is linked twice ({links[child][0]} and {parent})")
            links[child] = (parent, row[columns[2]].strip(), line)
    return links


# The state itself: national statistics (ČSÚ, UN WPP) attach to it. ČSÚ codes the state as 19
# in its territorial codelist 97; we use the ISO code, which no other level can collide with.
COUNTRY_CODE = "CZ"


def read_codelists(directory: Path, errors: _Collector) -> dict[tuple[str, str], Record]:
    records: dict[tuple[str, str], Record] = {
        (Level.COUNTRY, COUNTRY_CODE): Record(Level.COUNTRY, COUNTRY_CODE, "Česká republika", "CZ", "")
    }

    fn = CODELIST_FILES["kraje"]
    for line, row in _read_csv(directory, fn, ("CHODNOTA", "TEXT", "CZNUTS", "KOD_RUIAN"), errors):
        code = _code(fn, line, row["CHODNOTA"], "code", errors)
        if code and code not in EXTRA_REGIO:
            records[(Level.KRAJ, code)] = Record(Level.KRAJ, code, row["TEXT"].strip(), row["CZNUTS"], row["KOD_RUIAN"])

    kraj_of_okres = {
        okres: kraj for okres, (kraj, _n, _l) in _links(directory, "kraj_okres", errors, parent_first=True).items()
    }

    fn = CODELIST_FILES["okresy"]
    for line, row in _read_csv(directory, fn, ("CHODNOTA", "TEXT", "CZNUTS", "KOD_RUIAN"), errors):
        code = _code(fn, line, row["CHODNOTA"], "code", errors)
        if not code or code in EXTRA_REGIO:
            continue
        kraj = kraj_of_okres.get(code)
        if kraj is None or (Level.KRAJ, kraj) not in records:
            errors.add(fn, line, f"okres {code} has no kraj in {CODELIST_FILES['kraj_okres']}")
            continue
        records[(Level.OKRES, code)] = Record(
            Level.OKRES, code, row["TEXT"].strip(), row["CZNUTS"], row["KOD_RUIAN"], {Level.KRAJ: kraj}
        )

    orp_links = _links(directory, "municipality_orp", errors)
    pou_links = _links(directory, "municipality_pou", errors)
    okres_links = _links(directory, "municipality_okres", errors)

    fn = CODELIST_FILES["municipalities"]
    for line, row in _read_csv(directory, fn, ("CHODNOTA", "TEXT", "ADMNEPO"), errors):
        code = _code(fn, line, row["CHODNOTA"], "code", errors)
        if not code:
            continue
        problems = [
            f"has no {what} in {CODELIST_FILES[key]}"
            for what, key, table in (
                ("ORP", "municipality_orp", orp_links),
                ("POU", "municipality_pou", pou_links),
                ("okres", "municipality_okres", okres_links),
            )
            if code not in table
        ]
        okres = okres_links.get(code, ("", "", 0))[0]
        if okres and (Level.OKRES, okres) not in records:
            problems.append(f"lies in unknown okres {okres}")
        if problems:
            errors.add(fn, line, f"municipality {code}: " + "; ".join(problems))
            continue
        kraj = records[(Level.OKRES, okres)].parents[Level.KRAJ]
        records[(Level.MUNICIPALITY, code)] = Record(
            Level.MUNICIPALITY,
            code,
            row["TEXT"].strip(),
            parents={
                Level.ORP: orp_links[code][0],
                Level.POU: pou_links[code][0],
                Level.OKRES: okres,
                Level.KRAJ: kraj,
            },
        )

    _derive_orp_and_pou(records, orp_links, pou_links, errors)
    return records


def _derive_orp_and_pou(records, orp_links, pou_links, errors: _Collector) -> None:
    """ORP and POU carry no kraj in the ČSÚ files: derive it through their municipalities' okres."""
    for level, links, filename, parent_levels in (
        (Level.ORP, orp_links, CODELIST_FILES["municipality_orp"], (Level.KRAJ,)),
        (Level.POU, pou_links, CODELIST_FILES["municipality_pou"], (Level.ORP, Level.KRAJ)),
    ):
        members: dict[str, list[Record]] = defaultdict(list)
        names: dict[str, tuple[str, int]] = {}
        for municipality_code, (code, name, line) in links.items():
            record = records.get((Level.MUNICIPALITY, municipality_code))
            if record is not None:
                members[code].append(record)
                names.setdefault(code, (name, line))
        for code, municipalities in members.items():
            parents = {}
            for parent_level in parent_levels:
                values = {m.parents[parent_level] for m in municipalities}
                if len(values) != 1:
                    errors.add(
                        filename,
                        names[code][1],
                        f"{level} {code} spans several {parent_level}: {sorted(values)}",
                    )
                    break
                parents[parent_level] = values.pop()
            else:
                records[(level, code)] = Record(level, code, names[code][0], parents=parents)


def read_population(path: Path, records: dict[tuple[str, str], Record], errors: _Collector) -> dt.date | None:
    """Attach populations from the ČSÚ table "Počet obyvatel v obcích k 1. 1. YYYY" (xlsx)."""
    try:
        reference_date, rows = csu_population.read_workbook(path.read_bytes())
    except OSError:
        errors.add(path.name, None, "file not found")
        return None
    except csu_population.UnreadableWorkbook as exc:
        errors.add(path.name, None, str(exc))
        return None
    for row in rows:
        total = csu_population.whole_number(row.total)
        if total is None:
            errors.add(path.name, row.line, f"population of {row.code} is not a whole number: {row.total!r}")
        elif (record := records.get((Level.MUNICIPALITY, row.code))) is None:
            errors.add(path.name, row.line, f"municipality {row.code} ({row.name}) is not in the codelist")
        else:
            record.population = total
    if reference_date is None:
        errors.add(path.name, 1, "no title with the reference date (“… k 1. 1. YYYY”) found")
    if not rows:
        errors.add(path.name, None, "contains no municipality rows")
    return reference_date


def _sum_populations(records: dict[tuple[str, str], Record]) -> None:
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for record in records.values():
        if record.level == Level.MUNICIPALITY and record.population is not None:
            for level, code in record.parents.items():
                totals[(level, code)] += record.population
            totals[(Level.COUNTRY, COUNTRY_CODE)] += record.population
    for key, record in records.items():
        if record.level != Level.MUNICIPALITY:
            record.population = totals.get(key)


_LEVEL_ORDER = (Level.COUNTRY, Level.KRAJ, Level.OKRES, Level.ORP, Level.POU, Level.MUNICIPALITY)
_FIELDS = (
    "name",
    "nuts_code",
    "ruian_code",
    "kraj_id",
    "okres_id",
    "orp_id",
    "pou_id",
    "population",
    "population_date",
)


@transaction.atomic
def _write(records: dict[tuple[str, str], Record], population_date: dt.date | None, report: LoadReport) -> None:
    existing = {(t.level, t.code): t for t in Territory.objects.all()}
    for level in _LEVEL_ORDER:
        new, changed = [], []
        for (rec_level, code), record in records.items():
            if rec_level != level:
                continue
            values = {
                "name": record.name,
                "nuts_code": record.nuts_code or "",
                "ruian_code": record.ruian_code or "",
                "population": record.population,
                "population_date": population_date if record.population is not None else None,
            }
            for parent_level in (Level.KRAJ, Level.OKRES, Level.ORP, Level.POU):
                parent_code = record.parents.get(parent_level)
                values[f"{parent_level}_id"] = existing[(parent_level, parent_code)].pk if parent_code else None
            territory = existing.get((level, code))
            if territory is None:
                new.append(Territory(level=level, code=code, **values))
            elif any(getattr(territory, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(territory, key, value)
                changed.append(territory)
            else:
                report.unchanged += 1
        Territory.objects.bulk_create(new, batch_size=1000)
        Territory.objects.bulk_update(changed, _FIELDS, batch_size=1000)
        report.created[level] += len(new)
        report.updated[level] += len(changed)
        if new:
            existing.update({(t.level, t.code): t for t in Territory.objects.filter(level=level)})


def load_territories(directory: Path = DATA_DIR, population_file: Path | None = None) -> LoadReport:
    """Validate the codelists and populations in ``directory``, then upsert them in one transaction.

    Idempotent: a second run with the same files changes nothing. Territories that are no
    longer in the files are kept (processes may refer to them) and reported as warnings.
    """
    errors = _Collector()
    records = read_codelists(directory, errors)
    population_date = read_population(population_file or directory / POPULATION_FILE, records, errors)
    if errors.errors:
        raise TerritoryImportError(errors.errors)
    _sum_populations(records)
    report = LoadReport(population_date=population_date)
    missing_population = sum(1 for r in records.values() if r.level == Level.MUNICIPALITY and r.population is None)
    if missing_population:
        report.warnings.append(f"{missing_population} municipalities have no population in the table")
    _write(records, population_date, report)
    stale = Territory.objects.exclude(
        pk__in=[t.pk for t in Territory.objects.only("pk", "level", "code") if (t.level, t.code) in records]
    ).count()
    if stale:
        report.warnings.append(f"{stale} territories in the database are not in the codelists any more")
    return report
