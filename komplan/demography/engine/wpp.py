"""Readers for the UN World Population Prospects text files (WPP 2019 and WPP 2024 R-package layouts).

Both editions are tab-separated, one header row, whole world, one row per country (and per age where the
table has ages); the first columns are ``country_code``, the name (``name`` in 2019, ``country`` in 2024) and
``age``. Counts are in thousands and are converted to persons here.

The readers turn the files of one country into the *rate-set payload* (``RateSet.payload``, described in
``komplan.demography.engine.rates``). A file that is missing, lacks the country, has unexpected columns or ages,
non-numeric cells or negative rates raises ``WppFormatError`` naming the file and the line.

WPP 2024 publishes some inputs per calendar year; a 5-year period [s, s + 5) gets the plain mean of the years
s … s + 4 (total fertility, and the percentage age pattern of fertility). The mean of annual TFRs differs from
the period TFR by the weighting of the years only; for Czechia the difference is in the third decimal.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from pathlib import Path

from .ages import FIVE_YEAR

PERIODS: tuple[tuple[int, int], ...] = tuple((start, start + 5) for start in range(1950, 2100, 5))
MX_AGES: tuple[int, ...] = (0, 1, *range(5, 101, 5))
ASFR_AGES_2019: tuple[tuple[int, int], ...] = tuple((start, start + 4) for start in range(15, 50, 5))
ASFR_AGES_2024: tuple[tuple[int, int], ...] = tuple((start, start + 4) for start in range(10, 55, 5))
DEFAULT_SRB = 1.05
PACKAGED_DATA = Path(__file__).resolve().parents[1] / "data" / "wpp"

_PERIOD = re.compile(r"^(\d{4})-(\d{4})$")
_YEAR = re.compile(r"^\d{4}$")


class WppFormatError(Exception):
    """A WPP file that cannot be used; ``line`` is None when the problem is not on one line."""

    def __init__(self, file, line: int | None, reason: str):
        self.file = str(file)
        self.line = line
        self.reason = reason
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        return f"{where}: {self.reason}"


def packaged_directory(edition: str) -> Path:
    """The Czech rows of the WPP files shipped with komplan (``komplan/demography/data/wpp/<edition>/``)."""
    if edition not in ("wpp2019", "wpp2024"):
        raise ValueError(f"unknown WPP edition {edition!r}")
    return PACKAGED_DATA / edition


@dataclass(frozen=True)
class _Row:
    line: int
    age: str | None
    cells: dict[str, str]


@dataclass(frozen=True)
class _Table:
    name: str
    country: str
    rows: list[_Row]

    def number(self, row: _Row, column: str, *, non_negative: bool = True, scale: float = 1.0) -> float:
        raw = row.cells.get(column)
        if raw is None:
            raise WppFormatError(self.name, row.line, f"column {column} is missing")
        try:
            value = float(raw)
        except ValueError:
            raise WppFormatError(self.name, row.line, f"column {column}: {raw!r} is not a number") from None
        if not math.isfinite(value):
            raise WppFormatError(self.name, row.line, f"column {column}: {raw!r} is not a finite number")
        if non_negative and value < 0:
            raise WppFormatError(self.name, row.line, f"column {column}: {raw} is negative")
        return value * scale

    def by_age(self, labels: list[str]) -> list[_Row]:
        """The rows in the order of ``labels``, exactly those ages, each once."""
        found = [row.age for row in self.rows]
        if found != labels:
            line = self.rows[0].line if self.rows else None
            raise WppFormatError(self.name, line, f"expected ages {', '.join(labels)}; found {', '.join(found)}")
        return self.rows

    def single(self) -> _Row:
        if len(self.rows) != 1:
            raise WppFormatError(self.name, self.rows[1].line, "the country appears on more than one line")
        return self.rows[0]


def _read(directory: Path, filename: str, country_code: str, *, with_age: bool) -> _Table:
    path = Path(directory) / filename
    try:
        handle = path.open(encoding="utf-8", newline="")
    except FileNotFoundError:
        raise WppFormatError(filename, None, f"file not found in {directory}") from None
    with handle:
        reader = csv.reader(handle, delimiter="\t")
        header = next(reader, None)
        leading = ["country_code", "name|country"] + (["age"] if with_age else [])
        if header is None or len(header) <= len(leading) or not _header_ok(header, with_age):
            raise WppFormatError(filename, 1, f"the header must start with {', '.join(leading)}")
        data_columns = header[len(leading) :]
        rows, country = [], ""
        for line, cells in enumerate(reader, start=2):
            if not cells or cells[0].strip() != country_code:
                continue
            if len(cells) != len(header):
                raise WppFormatError(filename, line, f"{len(cells)} cells, the header has {len(header)}")
            country = cells[1].strip()
            age = cells[2].strip() if with_age else None
            values = [cell.strip() for cell in cells[len(leading) :]]
            rows.append(_Row(line, age, dict(zip(data_columns, values, strict=True))))
    if not rows:
        raise WppFormatError(filename, None, f"country code {country_code} not found")
    return _Table(filename, country, rows)


def _header_ok(header: list[str], with_age: bool) -> bool:
    names = [cell.strip() for cell in header]
    return names[0] == "country_code" and names[1] in ("name", "country") and (not with_age or names[2] == "age")


def _age_labels(groups) -> list[str]:
    return [f"{start}+" if stop is None else f"{start}-{stop}" for start, stop in groups]


def _period_label(period: tuple[int, int]) -> str:
    return f"{period[0]}-{period[1]}"


def _period_columns(table: _Table) -> list[str]:
    columns = [column for column in table.rows[0].cells if _PERIOD.match(column)]
    for column in columns:
        start, end = (int(part) for part in column.split("-"))
        if end - start != 5 or start % 5:
            raise WppFormatError(table.name, 1, f"column {column} is not a 5-year period")
    return columns


def _by_period(table: _Table, row: _Row, *, non_negative: bool = True, scale: float = 1.0) -> dict[tuple, float]:
    values = {}
    for column in _period_columns(table):
        start, end = (int(part) for part in column.split("-"))
        values[(start, end)] = table.number(row, column, non_negative=non_negative, scale=scale)
    return values


def _annual_to_periods(table: _Table, row: _Row) -> dict[tuple, float]:
    """Mean of the annual columns of each 5-year period that has all five years."""
    annual = {int(column): table.number(row, column) for column in row.cells if _YEAR.match(column)}
    periods = {}
    for start, end in PERIODS:
        years = [annual[year] for year in range(start, end) if year in annual]
        if len(years) == end - start:
            periods[(start, end)] = sum(years) / len(years)
    return periods


def _matrix(table: _Table, labels: list[str], *, non_negative: bool = True, scale: float = 1.0) -> list:
    """Per period: the values of every age (in ``labels`` order), or None where the period is not in the file."""
    rows = table.by_age(labels)
    columns = {(int(c[:4]), int(c[5:])): c for c in _period_columns(table)}
    result = []
    for period in PERIODS:
        column = columns.get(period)
        if column is None:
            result.append(None)
            continue
        result.append([table.number(row, column, non_negative=non_negative, scale=scale) for row in rows])
    return result


def _series(values: dict[tuple, float]) -> list:
    return [values.get(period) for period in PERIODS]


def _check_percentages(table: _Table, matrix: list) -> None:
    for period, values in zip(PERIODS, matrix, strict=True):
        if values is not None and abs(sum(values) - 100) > 1:
            line = table.rows[0].line
            raise WppFormatError(
                table.name, line, f"fertility percentages of {_period_label(period)} sum to {sum(values):.2f}"
            )


def _base_payload(edition: str, country_code: str, country: str) -> dict:
    return {
        "edition": edition,
        "country_code": country_code,
        "country": country,
        "ages": [list(group) for group in FIVE_YEAR],
        "base": None,
        "periods": [list(period) for period in PERIODS],
        "mx_ages": list(MX_AGES),
        "notes": [],
    }


def _mx(directory: Path, filenames: tuple[str, str], country_code: str, open_label: str) -> dict:
    labels = [str(age) for age in MX_AGES[:-1]] + [open_label]
    return {
        sex: _matrix(_read(directory, name, country_code, with_age=True), labels)
        for sex, name in zip(("m", "f"), filenames, strict=True)
    }


def read_wpp2019(directory, country_code: str = "203") -> dict:
    """The rate-set payload of one country from the WPP 2019 files (base population of 1 July 2020)."""
    directory = Path(directory)
    pop = {sex: _read(directory, f"pop{sex.upper()}.txt", country_code, with_age=True) for sex in ("m", "f")}
    base = {}
    for sex, table in pop.items():
        rows = table.by_age(_age_labels(FIVE_YEAR))
        base[sex] = [table.number(row, "2020", scale=1000) for row in rows]
    payload = _base_payload("wpp2019", country_code, pop["m"].country)
    payload["base"] = {"year": 2020, "month": 7, "m": base["m"], "f": base["f"]}
    payload["history"] = _population_history(directory, pop, country_code)
    payload["mx"] = _mx(directory, ("mxM.txt", "mxF.txt"), country_code, "100")

    tfr_table = _read(directory, "tfr.txt", country_code, with_age=False)
    tfr = _by_period(tfr_table, tfr_table.single())
    projected = _read(directory, "tfrprojMed.txt", country_code, with_age=False)
    tfr.update(_by_period(projected, projected.single()))
    payload["tfr"] = _series(tfr)

    asfr = _read(directory, "percentASFR.txt", country_code, with_age=True)
    payload["asfr_ages"] = [list(group) for group in ASFR_AGES_2019]
    payload["asfr_pct"] = _matrix(asfr, _age_labels(ASFR_AGES_2019))
    _check_percentages(asfr, payload["asfr_pct"])

    payload["srb"] = _series(_srb_2019(directory, country_code))
    migration = _read(directory, "migration.txt", country_code, with_age=False)
    payload["migration"] = _series(_by_period(migration, migration.single(), non_negative=False, scale=1000))
    payload["migration_age"] = None
    return payload


def _population_history(directory: Path, pop: dict, country_code: str) -> dict:
    """Population by sex and age on 1 July of the years other than the base: the estimates 1950–2015 and,
    where the file is there, the medium variant for 2025. Estimated municipal age structures take their
    reference shape from these (interpolated to each 1 January); the projection never uses them."""
    points: dict[int, dict[str, list[float]]] = {}
    for sex, table in pop.items():
        rows = table.by_age(_age_labels(FIVE_YEAR))
        for column in (column for column in rows[0].cells if _YEAR.match(column) and int(column) < 2020):
            points.setdefault(int(column), {})[sex] = [table.number(row, column, scale=1000) for row in rows]
    if (directory / "popMprojMed.txt").exists() and (directory / "popFprojMed.txt").exists():
        projected = read_wpp2019_projection(directory, country_code)
        if 2025 in projected:
            points[2025] = projected[2025]
    years = sorted(points)
    return {"years": years, "m": [points[y]["m"] for y in years], "f": [points[y]["f"] for y in years]}


def _srb_2019(directory: Path, country_code: str) -> dict[tuple, float]:
    table = _read(directory, "sexRatio.txt", country_code, with_age=False)
    srb = _by_period(table, table.single())
    for value in srb.values():
        if value <= 0:
            raise WppFormatError(table.name, table.single().line, "a sex ratio at birth must be positive")
    return srb


def read_wpp2024(directory, country_code: str = "203", wpp2019_directory=None) -> dict:
    """The rate-set payload of one country from the WPP 2024 files (no base population: ``base`` is None).

    WPP 2024 as shipped has no sex ratio at birth: it is taken from WPP 2019 for the same country and period
    when ``wpp2019_directory`` is given, else 1.05 is assumed; ``notes`` says which.
    """
    directory = Path(directory)
    mx = _mx(directory, ("mxM5.txt", "mxF5.txt"), country_code, "100+")
    first = _read(directory, "mxM5.txt", country_code, with_age=True)
    payload = _base_payload("wpp2024", country_code, first.country)
    payload["mx"] = mx

    tfr_table = _read(directory, "tfr.txt", country_code, with_age=False)
    projected = _read(directory, "tfrprojMed.txt", country_code, with_age=False)
    merged = _Table("tfr.txt + tfrprojMed.txt", first.country, [_merge_rows(tfr_table, projected)])
    payload["tfr"] = _series(_annual_to_periods(merged, merged.rows[0]))
    payload["notes"].append("TFR and the fertility age pattern: mean of the five annual values of each period.")

    asfr = _read(directory, "percentASFR5.txt", country_code, with_age=True)
    rows = asfr.by_age(_age_labels(ASFR_AGES_2024))
    per_age = [_annual_to_periods(asfr, row) for row in rows]
    payload["asfr_ages"] = [list(group) for group in ASFR_AGES_2024]
    payload["asfr_pct"] = [
        [values[period] for values in per_age] if all(period in values for values in per_age) else None
        for period in PERIODS
    ]
    _check_percentages(asfr, payload["asfr_pct"])

    if wpp2019_directory is not None:
        payload["srb"] = _series(_srb_2019(Path(wpp2019_directory), country_code))
        payload["notes"].append("Sex ratio at birth: WPP 2019 (sexRatio.txt); WPP 2024 files carry none.")
    else:
        payload["srb"] = [DEFAULT_SRB] * len(PERIODS)
        payload["notes"].append(f"Sex ratio at birth: assumed {DEFAULT_SRB} (no WPP 2019 directory given).")

    labels = _age_labels(FIVE_YEAR)
    by_age = {
        sex: _matrix(_read(directory, name, country_code, with_age=True), labels, non_negative=False, scale=1000)
        for sex, name in (("m", "migrationM5.txt"), ("f", "migrationF5.txt"))
    }
    payload["migration_age"] = by_age
    payload["migration"] = [
        None if male is None or female is None else sum(male) + sum(female)
        for male, female in zip(by_age["m"], by_age["f"], strict=True)
    ]
    payload["notes"].append("WPP 2024 has no base population by age here: project from another base (e.g. WPP 2019).")
    return payload


def _merge_rows(estimates: _Table, projection: _Table) -> _Row:
    """Annual estimates followed by the medium-variant projection (the projection wins where both exist)."""
    cells = dict(estimates.single().cells)
    cells.update(projection.single().cells)
    return _Row(estimates.single().line, None, cells)


def read_wpp2019_projection(directory, country_code: str = "203") -> dict[int, dict[str, list[float]]]:
    """The WPP 2019 medium-variant population by sex and 5-year group (persons, 1 July) from
    ``popMprojMed.txt`` / ``popFprojMed.txt``: {year: {"m": [21], "f": [21]}}."""
    directory = Path(directory)
    result: dict[int, dict[str, list[float]]] = {}
    for sex, name in (("m", "popMprojMed.txt"), ("f", "popFprojMed.txt")):
        table = _read(directory, name, country_code, with_age=True)
        rows = table.by_age(_age_labels(FIVE_YEAR))
        for column in (column for column in rows[0].cells if _YEAR.match(column)):
            result.setdefault(int(column), {})[sex] = [table.number(row, column, scale=1000) for row in rows]
    return result


def read_wpp2024_totals(directory, country_code: str = "203") -> dict[int, float]:
    """The WPP 2024 medium-variant total population (persons, 1 July) from ``popprojMed.txt``: {year: total}."""
    table = _read(Path(directory), "popprojMed.txt", country_code, with_age=False)
    row = table.single()
    return {int(column): table.number(row, column, scale=1000) for column in row.cells if _YEAR.match(column)}
