"""ČSÚ open data, population by age and sex, long format (CSV) → AgeCount.

Layout (UTF-8, comma, one header row, exactly these columns):
``idhod,hodnota,stapro_kod,pohlavi_cis,pohlavi_kod,vek_cis,vek_kod,vuzemi_cis,vuzemi_kod,casref_do,
pohlavi_txt,vek_txt,vuzemi_txt`` (e.g. ČSÚ data set 130142, five-year age groups).

* ``pohlavi_kod`` 1 = men, 2 = women, empty = both sexes; an empty ``vek_kod`` = all ages.
* Ages come from ``vek_txt`` ("0 až 4 (včetně)", "95 a více", "15 až 65 (více nebo rovno 15 a méně
  než 65)", "7"), which spells the interval out; ``vek_kod`` is a codelist key we do not need.
* ``vuzemi_cis``: 97 state (our territory CZ), 100 kraj, 101 okres, 65 ORP, 61 POU, 43 municipality.
* ``casref_do`` 2023-12-31 (a state on 31 December) is population year 2024; a 1 January date is
  that year.

Only rows by sex *and* age are written; the rows for both sexes or all ages check them: the sexes
must add up to the both-sexes rows and the ages to the all-ages rows, and the age groups of each
territory, year and sex must run from 0 without gaps or overlaps.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from komplan.territory.models import Level, Territory

from ..models import AgeCount, Sex
from .base import ImportOptions, InputFile, Parsed, Problems, Table, whole

HEADER = [
    "idhod",
    "hodnota",
    "stapro_kod",
    "pohlavi_cis",
    "pohlavi_kod",
    "vek_cis",
    "vek_kod",
    "vuzemi_cis",
    "vuzemi_kod",
    "casref_do",
    "pohlavi_txt",
    "vek_txt",
    "vuzemi_txt",
]
LEVELS = {
    "97": Level.COUNTRY,
    "100": Level.KRAJ,
    "101": Level.OKRES,
    "65": Level.ORP,
    "61": Level.POU,
    "43": Level.MUNICIPALITY,
}
STATE_CODES = {"19": "CZ", "CZ": "CZ"}  # ČSÚ codes the state 19 in codelist 97
SEXES = {"1": Sex.MALE, "2": Sex.FEMALE}
MAX_AGE = 120

_BELOW = re.compile(r"více nebo rovno (\d+) a méně než (\d+)")
_OPEN = re.compile(r"^(?:od\s+)?(\d+)\s*(?:\+|a\s+více|a\s+starší|let\s+a\s+více)|^od\s+(\d+)")
_RANGE = re.compile(r"^(\d+)\s*(?:až|-|–)\s*(\d+)")
_SINGLE = re.compile(r"^(\d+)\s*(?:let|rok|roky|roků)?$")


def parse_age(text: str) -> tuple[int, int | None] | None:
    """(age_from, age_to) inclusive, age_to None for an open group; None when the text is not an age.

    "méně než N" in ČSÚ's interval texts excludes N; "až" without it includes the upper age.
    """
    value = " ".join(text.lower().split())
    if match := _BELOW.search(value):
        return int(match.group(1)), int(match.group(2)) - 1
    if match := _OPEN.match(value):
        return int(match.group(1) or match.group(2)), None
    if match := _RANGE.match(value):
        return int(match.group(1)), int(match.group(2))
    if match := _SINGLE.match(value):
        return int(match.group(1)), int(match.group(1))
    return None


@dataclass
class _Group:
    """The rows of one territory and year: by sex and age (written) and the checking sums."""

    label: str
    ages: dict[str, dict[int, tuple[int | None, int, int]]] = field(default_factory=lambda: defaultdict(dict))
    sex_totals: dict[str, tuple[int, int]] = field(default_factory=dict)
    both_ages: dict[int, tuple[int | None, int, int]] = field(default_factory=dict)
    total: tuple[int, int] | None = None  # (count, line)


@dataclass
class _Row:
    line: int
    count: int
    sex: str | None
    ages: tuple[int, int | None] | None
    territory: int
    year: int


class _Reader:
    def __init__(self, file: InputFile, options: ImportOptions, problems: Problems, territories: dict):
        self.file, self.options, self.problems, self.territories = file, options, problems, territories
        self.indicator: tuple[str, int] | None = None
        self.damaged: set[tuple[int, int]] = set()

    def error(self, line: int | None, field_name: str, message: str) -> None:
        self.problems.error(self.file.name, line, field_name, message)

    def rows(self):
        try:
            text = self.file.content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            self.error(None, "", _("is not UTF-8 text (byte %(position)s)") % {"position": exc.start})
            return
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader, None)
        if header is None or [name.strip() for name in header] != HEADER:
            self.error(1, "", _("the header is not the ČSÚ layout %(header)s") % {"header": ",".join(HEADER)})
            return
        for values in reader:
            if not any(value.strip() for value in values):
                continue
            if len(values) != len(HEADER):
                self.error(reader.line_num, "", _("has %(count)s fields instead of 13") % {"count": len(values)})
                continue
            yield reader.line_num, dict(zip(HEADER, (value.strip() for value in values), strict=True))

    def territory(self, line: int, row: dict) -> int | None:
        level = LEVELS.get(row["vuzemi_cis"])
        if level is None:
            self.error(line, "vuzemi_cis", _("unknown territorial codelist %(code)r") % {"code": row["vuzemi_cis"]})
            return None
        code = STATE_CODES.get(row["vuzemi_kod"], row["vuzemi_kod"]) if level == Level.COUNTRY else row["vuzemi_kod"]
        territory = self.territories.get((level, code))
        if territory is None:
            self.error(
                line,
                "vuzemi_kod",
                _("territory %(code)s (%(name)s) is not in the codelist %(cis)s")
                % {"code": row["vuzemi_kod"], "name": row["vuzemi_txt"], "cis": row["vuzemi_cis"]},
            )
        elif self.options.allowed_territories is not None and territory not in self.options.allowed_territories:
            self.error(
                line,
                "vuzemi_kod",
                _("%(name)s (%(code)s) is outside the planning area; only administrators import other territories")
                % {"code": row["vuzemi_kod"], "name": row["vuzemi_txt"]},
            )
            return None
        return territory

    def year(self, line: int, value: str) -> int | None:
        try:
            date = dt.date.fromisoformat(value)
        except ValueError:
            date = None
        if date is not None and (date.month, date.day) == (12, 31):
            return date.year + 1
        if date is not None and (date.month, date.day) == (1, 1):
            return date.year
        self.error(line, "casref_do", _("%(value)r is not a date on 31 December or 1 January") % {"value": value})
        return None

    def sex(self, line: int, row: dict) -> tuple[bool, str | None]:
        if not row["pohlavi_kod"]:
            return True, None
        if row["pohlavi_kod"] in SEXES:
            return True, SEXES[row["pohlavi_kod"]]
        self.error(line, "pohlavi_kod", _("unknown sex code %(code)r (1 men, 2 women)") % {"code": row["pohlavi_kod"]})
        return False, None

    def ages(self, line: int, row: dict) -> tuple[bool, tuple[int, int | None] | None]:
        if not row["vek_kod"] and not row["vek_txt"]:
            return True, None
        ages = parse_age(row["vek_txt"])
        if ages is None:
            self.error(line, "vek_txt", _("%(value)r is not an age or an age group") % {"value": row["vek_txt"]})
            return False, None
        if ages[0] > MAX_AGE or (ages[1] is not None and not ages[0] <= ages[1] <= MAX_AGE):
            self.error(
                line,
                "vek_txt",
                _("ages %(value)r are out of the range 0–%(max)s") % {"value": row["vek_txt"], "max": MAX_AGE},
            )
            return False, None
        return True, ages

    def count(self, line: int, value: str) -> int | None:
        count = whole(value)
        if count is None or count < 0:
            self.error(line, "hodnota", _("%(value)r is not a non-negative whole number of persons") % {"value": value})
            return None
        return count

    def same_indicator(self, line: int, code: str) -> None:
        if self.indicator is None:
            self.indicator = (code, line)
        elif self.indicator[0] != code:
            self.error(
                line,
                "stapro_kod",
                _("the file mixes indicators: %(code)s here, %(first)s on line %(line)s")
                % {"code": code, "first": self.indicator[0], "line": self.indicator[1]},
            )

    def read(self):
        for line, row in self.rows():
            self.same_indicator(line, row["stapro_kod"])
            results = (
                self.count(line, row["hodnota"]),
                self.sex(line, row),
                self.ages(line, row),
                self.territory(line, row),
                self.year(line, row["casref_do"]),
            )
            count, (sex_ok, sex), (ages_ok, ages), territory, year = results
            if count is not None and sex_ok and ages_ok and territory is not None and year is not None:
                yield _Row(line, count, sex, ages, territory, year)
            elif territory is not None and year is not None:
                self.damaged.add((territory, year))  # its sums cannot be checked without this row


def _place(row: _Row, group: _Group, reader: _Reader) -> None:
    """File the row into its group; a second row for the same place is a duplicate."""
    if row.sex and row.ages:
        slot, key, value = group.ages[row.sex], row.ages[0], (row.ages[1], row.count, row.line)
    elif row.ages:
        slot, key, value = group.both_ages, row.ages[0], (row.ages[1], row.count, row.line)
    elif row.sex:
        slot, key, value = group.sex_totals, row.sex, (row.count, row.line)
    else:
        if group.total is not None:
            reader.error(
                row.line, "", _("duplicate row: the same total is on line %(line)s") % {"line": group.total[1]}
            )
            return
        group.total = (row.count, row.line)
        return
    if key in slot:
        reader.error(row.line, "", _("duplicate row: the same figure is on line %(line)s") % {"line": slot[key][-1]})
        return
    slot[key] = value


def _check_grid(group: _Group, sex: str, reader: _Reader) -> bool:
    """Age groups of one sex run from 0 upwards with no gap and no overlap; only the last may be open."""
    expected = 0
    for age_from, (age_to, _count, line) in sorted(group.ages[sex].items()):
        if age_from != expected:
            what = _("overlaps the previous age group") if age_from < expected else _("leaves a gap before it")
            reader.error(
                line,
                "vek_txt",
                _("%(group)s: age group from %(age)s %(what)s") % {"group": group.label, "age": age_from, "what": what},
            )
            return False
        if age_to is None and age_from != max(group.ages[sex]):
            reader.error(line, "vek_txt", _("%(group)s: an open age group must be the last") % {"group": group.label})
            return False
        expected = (age_to if age_to is not None else MAX_AGE) + 1
    return True


def _check_sums(group: _Group, reader: _Reader) -> None:
    sums = {sex: sum(count for _to, count, _line in ages.values()) for sex, ages in group.ages.items()}
    for sex, (count, line) in group.sex_totals.items():
        if sex in sums and sums[sex] != count:
            reader.error(
                line,
                "hodnota",
                _("%(group)s: the age groups add up to %(sum)s, not %(count)s")
                % {"group": group.label, "sum": sums[sex], "count": count},
            )
    for age_from, (age_to, count, line) in group.both_ages.items():
        parts = [group.ages[sex].get(age_from) for sex in (Sex.MALE, Sex.FEMALE)]
        if all(part and part[0] == age_to for part in parts) and sum(part[1] for part in parts) != count:
            reader.error(
                line,
                "hodnota",
                _("%(group)s: men and women add up to %(sum)s, not %(count)s")
                % {"group": group.label, "sum": sum(part[1] for part in parts), "count": count},
            )
    if group.total is not None:
        sexes = {sex: count for sex, (count, _line) in group.sex_totals.items()} or sums
        if len(sexes) == 2 and sum(sexes.values()) != group.total[0]:
            reader.error(
                group.total[1],
                "hodnota",
                _("%(group)s: men and women add up to %(sum)s, not %(count)s")
                % {"group": group.label, "sum": sum(sexes.values()), "count": group.total[0]},
            )


def _check_group(group: _Group, reader: _Reader, first_line: int) -> bool:
    if set(group.ages) != {Sex.MALE, Sex.FEMALE}:
        reader.error(
            first_line,
            "pohlavi_kod",
            _("%(group)s: rows by age are needed for both men and women") % {"group": group.label},
        )
        return False
    grids = [sorted((f, to) for f, (to, _c, _l) in group.ages[sex].items()) for sex in (Sex.MALE, Sex.FEMALE)]
    if grids[0] != grids[1]:
        reader.error(
            first_line, "vek_txt", _("%(group)s: men and women have different age groups") % {"group": group.label}
        )
        return False
    ok = all(_check_grid(group, sex, reader) for sex in (Sex.MALE, Sex.FEMALE))
    errors = reader.problems.error_count
    _check_sums(group, reader)
    return ok and reader.problems.error_count == errors


def _all_territories() -> dict[tuple[str, str], int]:
    return {(level, code): pk for level, code, pk in Territory.objects.values_list("level", "code", "id")}


def parse(files: list[InputFile], options: ImportOptions, problems: Problems) -> Parsed:
    territories = _all_territories()
    names = {pk: f"{code}" for (_level, code), pk in territories.items()}
    parsed = Parsed()
    table = Table(AgeCount, ("territory_id", "year", "sex", "age_from"), ("age_to", "count"))
    for file in files:
        reader = _Reader(file, options, problems, territories)
        groups: dict[tuple[int, int], _Group] = {}
        first_lines: dict[tuple[int, int], int] = {}
        for row in reader.read():
            key = (row.territory, row.year)
            group = groups.setdefault(
                key, _Group(_("territory %(code)s, %(year)s") % {"code": names[row.territory], "year": row.year})
            )
            first_lines.setdefault(key, row.line)
            _place(row, group, reader)
        if not groups and not problems.error_count:
            reader.error(None, "", _("contains no rows by sex and age"))
        for key, group in groups.items():
            if key not in reader.damaged and _check_group(group, reader, first_lines[key]):
                for sex, ages in group.ages.items():
                    for age_from, (age_to, count, _line) in ages.items():
                        table.add((*key, sex, age_from), (age_to, count), file.name)
        parsed.years.update(year for _territory, year in groups)
        parsed.provenance[file.name] = _(
            "ČSÚ open data, population by age and sex (indicator %(indicator)s): %(territories)s territories."
        ) % {"indicator": reader.indicator[0] if reader.indicator else "?", "territories": len({t for t, _y in groups})}
    territory_ids = {key[0] for key in table.rows}
    table.scope = Q(territory_id__in=list(territory_ids), year__in=list(parsed.years))
    parsed.tables.append(table)
    return parsed
