"""ČSÚ "Počet obyvatel v obcích České republiky k 1. 1. YYYY" (xlsx) → PopulationCount.

The year is the one in the sheet's title. Rows join on the municipality code (column B); the okres
code in column A is not used: the 2004–2007 tables carry the older NUTS 4 codes, and some
municipalities changed okres on 1 January 2021, so it would contradict today's codelist without
saying anything about the municipality.

Historic codes. Territory holds today's municipalities only (the ČSÚ codelist whose latest change
took effect on 1 January 2016). A code unknown to it is an error, except in a table from before
2016 when the code is a municipality known to have been abolished or recoded since
(``HISTORIC_MUNICIPALITIES``, with its name and the last table listing it): such a row is skipped
with a warning, since there is no territory to attach it to. ``allow_historic`` extends the
same skip to any unknown code in a pre-2016 table, for tables older than the ones we know.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections import defaultdict

from django.db.models import Q
from django.utils.translation import gettext as _

from komplan.lib import csu_population

from ..models import PopulationCount
from .base import ImportOptions, InputFile, Parsed, Problems, Table, number, territories_by_code, whole

# The codelist in komplan/territory/data (CIS0043) is complete from this 1 January on: its latest
# ADMPLOD is 01.01.2016 (a test keeps the two in step).
CODELIST_YEAR = 2016

# Codes in the ČSÚ tables 2004–2015 that today's codelist no longer has: code → (name, the last
# year whose 1 January table lists it). Found by reading every table 2004–2024.
HISTORIC_MUNICIPALITIES: dict[str, tuple[str, int]] = {
    "544311": ("Častolovice", 2004),  # recoded: 576182 from 2005 on
    "575020": ("Hostovice", 2006),
    "530255": ("Nemíž", 2008),
    "539996": ("Brdy", 2015),  # military district, abolished on 1 January 2016
}

XLSX_COLUMNS = {
    "code": "B (kód obce)",
    "total": "D (celkem)",
    "men": "E (muži)",
    "women": "F (ženy)",
    "mean_age": "G (průměrný věk celkem)",
    "mean_age_men": "H (průměrný věk muži)",
    "mean_age_women": "I (průměrný věk ženy)",
    "title": "A1 (nadpis)",
}
# The shipped history (komplan/demography/data/csu-obyvatele-obci-2004-2024.csv.gz): the same rows, one CSV.
CSV_HEADER = ["year", "district", "code", "name", "total", "men", "women", "mean_age", "mean_age_men", "mean_age_women"]
CSV_COLUMNS = {key: key for key in CSV_HEADER} | {"title": "year"}
MAX_AGE = 120
FIRST_YEAR, LAST_YEAR = 1869, 2100  # a sanity range: the first Czech census to far beyond any table
GZIP_MAGIC = b"\x1f\x8b"


def _counts(name: str, row, columns: dict, problems: Problems) -> tuple[int, int, int] | None:
    values = {}
    for key in ("total", "men", "women"):
        value = whole(getattr(row, key))
        if value is None or value < 0:
            problems.error(
                name,
                row.line,
                columns[key],
                _("%(value)s is not a non-negative whole number of persons") % {"value": repr(getattr(row, key))},
            )
        values[key] = value
    if None in values.values() or min(values.values()) < 0:
        return None
    if values["men"] + values["women"] != values["total"]:
        problems.error(
            name,
            row.line,
            columns["total"],
            _("men (%(men)s) and women (%(women)s) do not add up to the total (%(total)s)") % values,
        )
        return None
    return values["total"], values["men"], values["women"]


def _mean_ages(name: str, row, columns: dict, problems: Problems) -> tuple | None:
    ages, ok = [], True
    for key in ("mean_age", "mean_age_men", "mean_age_women"):
        raw = getattr(row, key)
        if raw is None or raw == "":
            ages.append(None)
            continue
        value = number(raw)
        if value is None or not 0 <= value <= MAX_AGE:
            problems.error(
                name,
                row.line,
                columns[key],
                _("mean age %(value)s is not a number from 0 to %(max)s") % {"value": repr(raw), "max": MAX_AGE},
            )
            ok = False
        ages.append(value)
    return tuple(ages) if ok else None


def _historic(name: str, row, year: int, columns: dict, options: ImportOptions, problems: Problems) -> bool:
    """True (and a warning) when an unknown code may be skipped as a former municipality."""
    known = HISTORIC_MUNICIPALITIES.get(row.code)
    if known and row.name.strip() == known[0] and year <= known[1]:
        reason = _("%(name)s (%(code)s) was abolished or recoded after %(year)s; the row is skipped")
        problems.warn(name, row.line, columns["code"], reason % {"name": known[0], "code": row.code, "year": known[1]})
        return True
    if options.allow_historic and year < CODELIST_YEAR:
        reason = _("%(name)s (%(code)s) is not in today's codelist; skipped as a former municipality")
        problems.warn(name, row.line, columns["code"], reason % {"name": row.name, "code": row.code})
        return True
    return False


def _read_xlsx(file: InputFile, problems: Problems) -> dict[int, list]:
    try:
        reference_date, rows = csu_population.read_workbook(file.content)
    except csu_population.UnreadableWorkbook:
        problems.error(file.name, None, "", _("is not a readable xlsx workbook"))
        return {}
    if reference_date is None:
        problems.error(
            file.name, 1, XLSX_COLUMNS["title"], _("no title with the reference date (“… k 1. 1. YYYY”) was found")
        )
        return {}
    if not rows:
        problems.error(file.name, None, "", _("contains no municipality rows (six-digit codes in column B)"))
    return {reference_date.year: rows}


def _read_csv(file: InputFile, problems: Problems) -> dict[int, list]:
    try:
        content = gzip.decompress(file.content) if file.content[:2] == GZIP_MAGIC else file.content
        text = content.decode("utf-8-sig")
    except (OSError, EOFError, UnicodeDecodeError):
        problems.error(file.name, None, "", _("is neither UTF-8 CSV text nor a gzip file of it"))
        return {}
    reader = csv.reader(io.StringIO(text, newline=""))
    if [name.strip() for name in next(reader, [])] != CSV_HEADER:
        problems.error(file.name, 1, "", _("the header is not %(header)s") % {"header": ",".join(CSV_HEADER)})
        return {}
    years: dict[int, list] = defaultdict(list)
    for cells in reader:
        if len(cells) != len(CSV_HEADER):
            problems.error(
                file.name, reader.line_num, "", _("has %(count)s fields instead of 10") % {"count": len(cells)}
            )
            continue
        year = whole(cells[0])
        if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
            problems.error(file.name, reader.line_num, "year", _("%(value)r is not a year") % {"value": cells[0]})
            continue
        values = [None if cell.strip() == "" else cell for cell in cells[4:]]
        years[year].append(csu_population.PopulationRow(reader.line_num, cells[1], cells[2].strip(), cells[3], *values))
    if not years:
        problems.error(file.name, None, "", _("contains no municipality rows"))
    return dict(years)


def _file(file: InputFile, year: int, rows: list, context: tuple, table: Table) -> None:
    ids, columns, options, problems = context
    seen: dict[str, int] = {}
    for row in rows:
        if row.code in seen:
            problems.error(
                file.name,
                row.line,
                columns["code"],
                _("municipality %(code)s is listed twice for %(year)s (also on line %(line)s)")
                % {"code": row.code, "year": year, "line": seen[row.code]},
            )
            continue
        seen[row.code] = row.line
        territory = ids.get(row.code)
        if territory is None and not _historic(file.name, row, year, columns, options, problems):
            problems.error(
                file.name,
                row.line,
                columns["code"],
                _("municipality %(code)s (%(name)s) is not in the codelist of municipalities")
                % {"code": row.code, "name": row.name},
            )
        counts, ages = _counts(file.name, row, columns, problems), _mean_ages(file.name, row, columns, problems)
        if territory is not None and counts and ages:
            table.add((territory, year), (*counts, *ages), file.name)
    missing = len(ids.keys() - seen.keys())
    if missing and year >= CODELIST_YEAR:
        problems.warn(
            file.name,
            None,
            "",
            _("%(count)s municipalities of the codelist are not in the table for %(year)s")
            % {"count": missing, "year": year},
        )


def _is_xlsx(file: InputFile) -> bool:
    return file.content[:2] == b"PK"  # a ZIP container; the CSV history is plain or gzipped text


def parse(files: list[InputFile], options: ImportOptions, problems: Problems) -> Parsed:
    ids = territories_by_code("municipality")
    parsed = Parsed()
    table = Table(
        PopulationCount,
        ("territory_id", "year"),
        ("total", "men", "women", "mean_age", "mean_age_men", "mean_age_women"),
    )
    years: dict[int, str] = {}
    for file in files:
        xlsx = _is_xlsx(file)
        columns = XLSX_COLUMNS if xlsx else CSV_COLUMNS
        by_year = _read_xlsx(file, problems) if xlsx else _read_csv(file, problems)
        for year, rows in sorted(by_year.items()):
            if year in years:
                problems.error(
                    file.name,
                    1 if xlsx or not rows else rows[0].line,
                    columns["title"],
                    _("the population on 1 January %(year)s was given twice (also in %(file)s)")
                    % {"year": year, "file": years[year]},
                )
                continue
            years[year] = file.name
            _file(file, year, rows, (ids, columns, options, problems), table)
        if by_year:
            parsed.provenance[file.name] = _(
                "ČSÚ, Počet obyvatel v obcích České republiky k 1. 1. %(years)s: %(rows)s municipality rows."
            ) % {"years": ", ".join(str(year) for year in sorted(by_year)), "rows": sum(map(len, by_year.values()))}
    table.scope = Q(year__in=list(years))
    parsed.tables.append(table)
    parsed.years = set(years)
    return parsed
