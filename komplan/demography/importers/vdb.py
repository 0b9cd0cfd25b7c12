"""ČSÚ Veřejná databáze (VDB) xlsx exports → Observation.

The table is recognised by the code ČSÚ prints under the data ("Kód: DEMZU02-a/5"), never by the
file name; an unknown code is an error that lists the tables we read:

* DEMZU02-a "Základní údaje o stavu a pohybu obyvatel": one year ("Období: rok 2023"), ČR and the 14
  kraje (matched by name) × population, marriages, births, deaths, migration. ``net_migration`` is
  derived as immigrants − emigrants and must equal ČSÚ's own migration balance column; natural
  increase must equal births − deaths.
* DEMDCR1V "Ukazatele věkového složení obyvatel České republiky" (stav k 31. 12.): a row per year,
  the age groups, their shares, mean age, ageing and economic dependency index of the state; the
  three broad age groups must add up to the population.
* DEMD007M-ABS "Zemřelí podle měsíců a věkových skupin" (all ages, "Území: …"): deaths per month
  (``month`` 1–12) and year. Cells ČSÚ marks "." (not available yet) are skipped.
"""

from __future__ import annotations

import re
import warnings
import zipfile

from django.db.models import Q
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from komplan.territory.models import Level, Territory

from ..models import Indicator, Observation
from .base import ImportOptions, InputFile, Parsed, Problems, Table, number, whole

NOT_AVAILABLE = {".", "x", "-", "", None}
_CODE = re.compile(r"^Kód:\s*([A-Za-z0-9-]+)\s*/")
_PERIOD = re.compile(r"^rok\s+(\d{4})$")
_YEAR = re.compile(r"^(\d{4})\b")
MONTHS = ("leden", "únor", "březen", "duben", "květen", "červen", "červenec", "srpen", "září", "říjen", "listopad",
          "prosinec")  # fmt: skip
COUNTRY_NAME = "Česká republika"

# DEMZU02-a: header prefix (lower case, whitespace collapsed) → indicator; "check" columns are compared, not stored.
DEMZU02_COLUMNS = (
    ("počet obyvatel - koncový stav", Indicator.POPULATION_END),
    ("počet obyvatel - střední stav", Indicator.POPULATION_MID),
    ("sňatky", Indicator.MARRIAGES),
    ("rozvody", Indicator.DIVORCES),
    ("živě narození", Indicator.LIVE_BIRTHS),
    ("z toho mimo manželství", Indicator.BIRTHS_OUTSIDE_MARRIAGE),
    ("zemřelí", Indicator.DEATHS),
    ("z toho do 1 roku", Indicator.INFANT_DEATHS),
    ("přirozený", Indicator.NATURAL_INCREASE),
    ("přistěhovalí", Indicator.IMMIGRANTS),
    ("z toho z ciziny", Indicator.IMMIGRANTS_ABROAD),
    ("vystěhovalí", Indicator.EMIGRANTS),
    ("z toho do ciziny", Indicator.EMIGRANTS_ABROAD),
    ("přírůstek/ úbytek stěhováním", "check_migration"),
)
SIGNED = {Indicator.NATURAL_INCREASE, Indicator.NET_MIGRATION, "check_migration"}

# DEMDCR1V: the second header row (C–K) and the first (L–N).
DEMDCR1V_COLUMNS = (
    ("celkem", "check_total"),
    ("0 - 14 let", Indicator.AGED_0_14),
    ("15 - 64 let", Indicator.AGED_15_64),
    ("20 - 64 let", Indicator.AGED_20_64),
    ("65+ let", Indicator.AGED_65_PLUS),
    ("80+ let", Indicator.AGED_80_PLUS),
    ("0 - 14 let", Indicator.SHARE_0_14),
    ("15 - 64 let", Indicator.SHARE_15_64),
    ("65+ let", Indicator.SHARE_65_PLUS),
    ("průměrný věk", Indicator.MEAN_AGE),
    ("index stáří", Indicator.AGEING_INDEX),
    ("index ekonomické závislosti", Indicator.ECONOMIC_DEPENDENCY),
)
LIMITS = {Indicator.SHARE_0_14: 100, Indicator.SHARE_15_64: 100, Indicator.SHARE_65_PLUS: 100, Indicator.MEAN_AGE: 120}
PERSON_COLUMNS = 6  # C–H count persons; shares and indices follow
FIRST_COLUMN = 2  # column C (0-based index) holds the first figure in every VDB table


def _text(value) -> str:
    return " ".join(str(value).split()).lower() if value is not None else ""


class _Sheet:
    """The DATA sheet of one export as a list of rows, with the problems tied to its cells."""

    def __init__(self, file: InputFile, problems: Problems, context: dict):
        self.file, self.problems, self.context = file, problems, context
        self.rows: list[list] = []
        self.observations: list[tuple[int, str, int, int, float, int]] = []  # territory, ind, year, month, value, line

    def load(self) -> bool:
        import openpyxl
        from openpyxl.utils.exceptions import InvalidFileException

        try:
            with warnings.catch_warnings():  # VDB exports carry no default style; openpyxl says so on every file
                warnings.filterwarnings("ignore", "Workbook contains no default style", UserWarning)
                workbook = openpyxl.load_workbook(self.file.stream(), read_only=True, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError):
            self.error(None, "", _("is not a readable xlsx workbook"))
            return False
        try:
            with warnings.catch_warnings():  # read-only workbooks parse the styles lazily, while rows are read
                warnings.filterwarnings("ignore", "Workbook contains no default style", UserWarning)
                sheet = workbook["DATA"] if "DATA" in workbook.sheetnames else workbook.worksheets[0]
                self.rows = [list(row) + [None] * 20 for row in sheet.iter_rows(values_only=True)]
        finally:
            workbook.close()
        return True

    def error(self, line: int | None, column: int | None, message: str) -> None:
        field = get_column_letter(column + 1) if isinstance(column, int) else (column or "")
        self.problems.error(self.file.name, line, field, message)

    def code(self) -> tuple[str | None, str]:
        """The table code printed under the data, and the title (the first text in column B)."""
        title = next((str(row[1]).strip() for row in self.rows[1:6] if isinstance(row[1], str) and row[1].strip()), "")
        for row in self.rows:
            if isinstance(row[1], str) and (match := _CODE.match(row[1].strip())):
                return match.group(1), title
        return None, title

    def find(self, pattern: re.Pattern, column: int | None = None) -> tuple[int, int, re.Match] | None:
        for line, row in enumerate(self.rows, start=1):
            for index, value in enumerate(row):
                if (
                    (column is None or index == column)
                    and isinstance(value, str)
                    and (m := pattern.match(value.strip()))
                ):
                    return line, index, m
        return None

    def territory(self, line: int, column: int, name) -> int | None:
        key = " ".join(str(name or "").split())
        territory = self.context["by_name"].get(key)
        if territory is None:
            self.error(line, column, _("%(name)r is neither the Czech Republic nor a kraj") % {"name": key})
        return territory

    def value(self, line: int, column: int, raw, *, signed: bool = False, integer: bool = True) -> float | None:
        """The cell's number; None (and an error) when it is not a number of the right kind."""
        value = whole(raw) if integer else number(raw)
        if value is None or (value < 0 and not signed):
            what = {
                (True, True): _("a whole number"),
                (True, False): _("a non-negative whole number"),
                (False, True): _("a number"),
                (False, False): _("a non-negative number"),
            }[(integer, signed)]
            self.error(line, column, _("%(value)r is not %(what)s") % {"value": raw, "what": what})
            return None
        return float(value)

    def add(self, territory: int, indicator: str, year: int, month: int, value: float, line: int) -> None:
        self.observations.append((territory, indicator, year, month, value, line))


def _header_matches(sheet: _Sheet, line: int, expected: tuple, first: int = FIRST_COLUMN) -> bool:
    row = sheet.rows[line - 1]
    for offset, (prefix, _indicator) in enumerate(expected):
        if not _text(row[first + offset]).startswith(prefix):
            sheet.error(
                line,
                first + offset,
                _("the column heading %(found)r is not the expected %(expected)r")
                % {"found": row[first + offset], "expected": prefix},
            )
            return False
    return True


def _demzu02(sheet: _Sheet) -> None:
    period = sheet.find(_PERIOD)
    header = sheet.find(re.compile(r"^Počet obyvatel\s*-\s*koncový stav$", re.S), FIRST_COLUMN)
    if period is None or header is None:
        sheet.error(None, "", _("the period (“rok YYYY”) or the column headings are missing"))
        return
    year = int(period[2].group(1))
    if not _header_matches(sheet, header[0], DEMZU02_COLUMNS):
        return
    for line in range(header[0] + 1, len(sheet.rows) + 1):
        row = sheet.rows[line - 1]
        if not isinstance(row[1], str) or _CODE.match(row[1].strip()) or not row[1].strip():
            break
        territory = sheet.territory(line, 1, row[1])
        values = {}
        for offset, (_prefix, indicator) in enumerate(DEMZU02_COLUMNS):
            raw = row[FIRST_COLUMN + offset]
            if raw in NOT_AVAILABLE or (isinstance(raw, str) and raw.strip() in NOT_AVAILABLE):
                continue
            values[indicator] = sheet.value(line, FIRST_COLUMN + offset, raw, signed=indicator in SIGNED)
        if territory is not None and None not in values.values():
            _demzu02_row(sheet, (territory, year, line), values)


def _demzu02_row(sheet: _Sheet, where: tuple[int, int, int], values: dict) -> None:
    territory, year, line = where
    index = {indicator: FIRST_COLUMN + i for i, (_p, indicator) in enumerate(DEMZU02_COLUMNS)}
    checks = (
        (Indicator.NATURAL_INCREASE, Indicator.LIVE_BIRTHS, Indicator.DEATHS),
        ("check_migration", Indicator.IMMIGRANTS, Indicator.EMIGRANTS),
    )
    for result, plus, minus in checks:
        if {result, plus, minus} <= values.keys() and values[plus] - values[minus] != values[result]:
            sheet.error(
                line,
                index[result],
                _("%(value)s is not %(plus)s − %(minus)s")
                % {"value": int(values[result]), "plus": int(values[plus]), "minus": int(values[minus])},
            )
            return
    if {Indicator.IMMIGRANTS, Indicator.EMIGRANTS} <= values.keys():
        values[Indicator.NET_MIGRATION] = values[Indicator.IMMIGRANTS] - values[Indicator.EMIGRANTS]
    for indicator, value in values.items():
        if not indicator.startswith("check_"):
            sheet.add(territory, indicator, year, 0, value, line)


def _demdcr1v(sheet: _Sheet) -> None:
    header = sheet.find(re.compile(r"^Rok$"), 1)
    if header is None:
        sheet.error(None, "", _("the column headings (“Rok”, “Počet obyvatel”) are missing"))
        return
    if not _header_matches(sheet, header[0] + 1, DEMDCR1V_COLUMNS[:9]) or not _header_matches(
        sheet, header[0], DEMDCR1V_COLUMNS[9:], FIRST_COLUMN + 9
    ):
        return
    for line in range(header[0] + 2, len(sheet.rows) + 1):
        match = _YEAR.match(str(sheet.rows[line - 1][1] or "").strip())
        if not match:
            break
        _demdcr1v_row(sheet, line, int(match.group(1)))


def _demdcr1v_row(sheet: _Sheet, line: int, year: int) -> None:
    row = sheet.rows[line - 1]
    values = {}
    for offset, (_prefix, indicator) in enumerate(DEMDCR1V_COLUMNS):
        column = FIRST_COLUMN + offset
        value = sheet.value(line, column, row[column], integer=offset < PERSON_COLUMNS)
        if value is not None and value > LIMITS.get(indicator, value):
            sheet.error(line, column, _("%(value)s is out of range") % {"value": value})
            value = None
        values[indicator] = value
    if None in values.values():
        return
    parts = values[Indicator.AGED_0_14] + values[Indicator.AGED_15_64] + values[Indicator.AGED_65_PLUS]
    if parts != values["check_total"]:
        sheet.error(
            line,
            FIRST_COLUMN,
            _("the age groups 0–14, 15–64 and 65+ add up to %(sum)s, not %(total)s")
            % {"sum": int(parts), "total": int(values["check_total"])},
        )
        return
    for indicator, value in values.items():
        if not indicator.startswith("check_"):
            sheet.add(sheet.context["country"], indicator, year, 0, value, line)


def _demd007m(sheet: _Sheet) -> None:
    place = sheet.find(re.compile(r"^Území:$"))
    ages = sheet.find(re.compile(r"^Věk:\s*(.+)$"))
    if place is None:
        sheet.error(None, "", _("the territory (“Území: …”) is missing"))
        return
    if ages is not None and ages[2].group(1).strip().lower() != "celkem":
        sheet.error(ages[0], ages[1], _("only deaths of all ages (“Věk: celkem”) can be imported"))
        return
    line, column = place[0], place[1] + 1
    territory = sheet.territory(line, column, sheet.rows[line - 1][column])
    header = sheet.find(re.compile(r"^leden$"), 1)
    if territory is None or header is None:
        if header is None:
            sheet.error(None, "", _("no month rows (“leden” … “prosinec”) were found"))
        return
    years_row = sheet.rows[header[0] - 2]
    years = {index: int(m.group(1)) for index, value in enumerate(years_row) if (m := _YEAR.match(str(value or "")))}
    for month, name in enumerate(MONTHS, start=1):
        line = header[0] + month - 1
        row = sheet.rows[line - 1] if line <= len(sheet.rows) else [None] * 3
        if _text(row[1]) != name:
            sheet.error(line, 1, _("expected the month %(month)r here") % {"month": name})
            return
        for index, year in years.items():
            raw = row[index]
            if raw in NOT_AVAILABLE or (isinstance(raw, str) and raw.strip() in NOT_AVAILABLE):
                continue
            if (value := sheet.value(line, index, raw)) is not None:
                sheet.add(territory, Indicator.DEATHS, year, month, value, line)


TABLES = {"DEMZU02-a": _demzu02, "DEMDCR1V": _demdcr1v, "DEMD007M-ABS": _demd007m}


def _context() -> dict:
    kraje = Territory.objects.filter(level__in=[Level.KRAJ, Level.COUNTRY]).values_list("level", "name", "id")
    by_name = {" ".join(name.split()): pk for level, name, pk in kraje if level == Level.KRAJ}
    country = next((pk for level, _name, pk in kraje if level == Level.COUNTRY), None)
    by_name[COUNTRY_NAME] = country
    return {"by_name": by_name, "country": country}


def parse(files: list[InputFile], options: ImportOptions, problems: Problems) -> Parsed:
    context = _context()
    parsed = Parsed()
    table = Table(Observation, ("territory_id", "indicator", "year", "month"), ("value",))
    seen: dict[tuple, tuple[str, int]] = {}
    for file in files:
        sheet = _Sheet(file, problems, context)
        if not sheet.load():
            continue
        code, title = sheet.code()
        if code not in TABLES:
            sheet.error(
                None,
                "",
                _("unknown VDB table %(code)s (%(title)s); known tables: %(known)s")
                % {"code": code or "?", "title": title, "known": ", ".join(TABLES)},
            )
            continue
        TABLES[code](sheet)
        for territory, indicator, year, month, value, line in sheet.observations:
            key = (territory, indicator, year, month)
            if key in seen:
                sheet.error(
                    line,
                    "",
                    _("%(indicator)s %(year)s is already given in %(file)s, line %(line)s")
                    % {"indicator": indicator, "year": year, "file": seen[key][0], "line": seen[key][1]},
                )
                continue
            seen[key] = (file.name, line)
            table.add(key, (value,), file.name)
            parsed.years.add(year)
        parsed.provenance[file.name] = _("ČSÚ Veřejná databáze, table %(code)s “%(title)s”.") % {
            "code": code,
            "title": title,
        }
    keys = list(table.rows)
    table.scope = Q(
        territory_id__in={key[0] for key in keys}, indicator__in={key[1] for key in keys}, year__in=parsed.years
    )
    parsed.tables.append(table)
    return parsed
