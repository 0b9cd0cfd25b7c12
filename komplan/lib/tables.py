"""Tables as downloads: CSV for spreadsheet programs set to Czech, XLSX with one or several sheets.

A table is a header (list of column names) and rows (lists of values). Values stay what they are
in XLSX: ints as whole numbers, floats and decimals as numbers shown with up to three decimals,
dates as dates, None as an empty cell; anything else (lazy translations too) becomes its text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

INT_FORMAT = "#,##0"
FLOAT_FORMAT = "#,##0.0##"
DATE_FORMAT = "d.m.yyyy"
MAX_TITLE = 31  # Excel's limit for sheet names
MAX_WIDTH = 60  # characters: wider columns wrap in the spreadsheet program anyway
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

Sheet = tuple[str, Sequence[str], Iterable[Sequence]]
# A text starting like this is run as a formula by spreadsheet programs (CSV/formula injection, OWASP).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert_text(value: str) -> str:
    """Text that a spreadsheet program shows as text: a leading apostrophe before anything formula-like."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _csv_value(value: object, decimal_separator: str) -> object:
    if value is None:
        return ""
    if isinstance(value, float | Decimal):
        return str(value).replace(".", decimal_separator)
    if isinstance(value, int):
        return value
    return inert_text(str(value))


def to_csv(header: Sequence[str], rows: Iterable[Sequence], *, decimal_separator: str = ",") -> bytes:
    """UTF-8 with a BOM, ``;`` between fields and ``,`` in decimals: what Excel set to Czech opens correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([str(h) for h in header])
    for row in rows:
        writer.writerow([_csv_value(v, decimal_separator) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: spreadsheet programs then read UTF-8


def to_xlsx(header: Sequence[str], rows: Iterable[Sequence], title: str) -> bytes:
    """One sheet named ``title`` (cut to Excel's 31 characters), bold header, frozen first row."""
    return to_xlsx_sheets([(title, header, rows)])


def to_xlsx_sheets(sheets: Iterable[Sheet]) -> bytes:
    """A workbook with one sheet per ``(title, header, rows)``, in order; titles are made valid and unique."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for title, header, rows in sheets:
        _fill(workbook.create_sheet(_sheet_title(str(title), used)), header, rows)
    if not workbook.worksheets:
        workbook.create_sheet("Sheet")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str, used: set[str]) -> str:
    base = _FORBIDDEN.sub("-", title).strip("'").strip() or "Sheet"
    candidate, number = base[:MAX_TITLE], 1
    while candidate.lower() in used:
        number += 1
        suffix = f" ({number})"
        candidate = base[: MAX_TITLE - len(suffix)] + suffix
    used.add(candidate.lower())
    return candidate


def _cell_value(value: object) -> tuple[object, str | None]:
    """The value to store and its number format (None: the cell's default)."""
    if value is None or isinstance(value, bool):
        return value, None
    if isinstance(value, str):
        return inert_text(value), None
    if isinstance(value, int):
        return value, INT_FORMAT
    if isinstance(value, float | Decimal):
        return value, FLOAT_FORMAT
    if isinstance(value, dt.datetime):
        return value, None
    if isinstance(value, dt.date):
        return value, DATE_FORMAT
    return inert_text(str(value)), None


def _fill(sheet, header: Sequence[str], rows: Iterable[Sequence]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet.append([str(h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(str(h)) for h in header]
    for row_number, row in enumerate(rows, start=2):
        for column, raw in enumerate(row, start=1):
            value, number_format = _cell_value(raw)
            cell = sheet.cell(row=row_number, column=column, value=value)
            if number_format:
                cell.number_format = number_format
            if column > len(widths):
                widths.append(0)
            widths[column - 1] = max(widths[column - 1], len(str(value)) if value is not None else 0)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(MAX_WIDTH, width + 2)
    sheet.freeze_panes = "A2"
