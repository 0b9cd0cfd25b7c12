"""Share of unemployed persons by municipality (ČSÚ indicator NEZ0004, CSV) → Observation.

Layout: UTF-8, comma, a header with the columns ``uzemi_kod`` (municipality code; ``vuzemi_kod`` in
ČSÚ's full open-data file) and ``hodnota`` (share in %, 0–100); other columns are ignored. The
file carries no date, so the year is given by the person importing (the share on 31 December of
that year, e.g. 2017 for /work/shared/data/nezamestnanost-obce/unempl.csv). "NA" (R's missing
value) skips the row with a warning.
"""

from __future__ import annotations

import csv
import io

from django.db.models import Q
from django.utils.translation import gettext as _

from ..models import Indicator, Observation
from .base import ImportFailure, ImportOptions, InputFile, Parsed, Problems, Table, number, territories_by_code

CODE_COLUMNS = ("uzemi_kod", "vuzemi_kod")
MISSING = {"NA", ""}


def _rows(file: InputFile, problems: Problems):
    try:
        text = file.content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.error(file.name, None, "", _("is not UTF-8 text (byte %(position)s)") % {"position": exc.start})
        return
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = [name.strip() for name in reader.fieldnames or []]
    code_column = next((name for name in CODE_COLUMNS if name in columns), None)
    if code_column is None or "hodnota" not in columns:
        problems.error(file.name, 1, "", _("the header needs the columns uzemi_kod and hodnota"))
        return
    for row in reader:
        if None in row:
            problems.error(file.name, reader.line_num, "", _("has more fields than the header"))
            continue
        yield reader.line_num, code_column, (row[code_column] or "").strip(), (row["hodnota"] or "").strip()


def parse(files: list[InputFile], options: ImportOptions, problems: Problems) -> Parsed:
    if options.year is None:
        raise ImportFailure(_("the year of the figures is required (the file has no date)"))
    ids = territories_by_code("municipality")
    parsed = Parsed(years={options.year})
    table = Table(Observation, ("territory_id", "indicator", "year", "month"), ("value",))
    seen: dict[str, tuple[str, int]] = {}
    for file in files:
        count = 0
        for line, code_column, code, raw in _rows(file, problems):
            if code in seen:
                problems.error(
                    file.name,
                    line,
                    code_column,
                    _("municipality %(code)s is listed twice (also %(file)s, line %(line)s)")
                    % {"code": code, "file": seen[code][0], "line": seen[code][1]},
                )
                continue
            seen[code] = (file.name, line)
            territory = ids.get(code)
            if territory is None:
                problems.error(
                    file.name, line, code_column, _("municipality %(code)r is not in the codelist") % {"code": code}
                )
            if raw in MISSING:
                problems.warn(file.name, line, "hodnota", _("no value; the row is skipped"))
                continue
            value = number(raw)
            if value is None or not 0 <= value <= 100:
                problems.error(file.name, line, "hodnota", _("%(value)r is not a share from 0 to 100") % {"value": raw})
            elif territory is not None:
                table.add((territory, Indicator.UNEMPLOYMENT_SHARE, options.year, 0), (value,), file.name)
                count += 1
        parsed.provenance[file.name] = _(
            "ČSÚ open data, share of unemployed persons (NEZ0004) on 31 December %(year)s: %(count)s municipalities."
        ) % {"year": options.year, "count": count}
    table.scope = Q(indicator=Indicator.UNEMPLOYMENT_SHARE, year=options.year)
    parsed.tables.append(table)
    return parsed
