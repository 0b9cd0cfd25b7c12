"""Reader for the ČSÚ table "Počet obyvatel v obcích České republiky k 1. 1. YYYY" (xlsx).

Framework-free so the territory loader and the socio-demographic imports share it. Rows are
yielded with their sheet line number; the caller decides what a problem means for it.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

_TITLE_DATE = re.compile(r"k\s*1\.\s*1\.\s*(\d{4})")
_MUNICIPALITY_CODE = re.compile(r"^\d{6}$")


class UnreadableWorkbook(Exception):
    """The file is missing or is not an xlsx workbook."""


@dataclass(frozen=True)
class PopulationRow:
    line: int
    district: str
    code: str
    name: str
    total: object  # validated by the caller: ČSÚ cells may hold anything
    men: object
    women: object
    mean_age: object
    mean_age_men: object = None
    mean_age_women: object = None


def read_rows(path: Path | BinaryIO) -> tuple[dt.date | None, list[PopulationRow]]:
    """The reference date from the title and every municipality row (6-digit code in column B).

    ``path`` may also be an open binary file (an upload). Columns D–I: total, men, women, and the
    mean ages of all, of men and of women.
    """
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError as exc:
        raise UnreadableWorkbook("file not found") from exc
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise UnreadableWorkbook(f"is not a readable xlsx workbook ({exc.__class__.__name__})") from exc
    try:
        reference_date = None
        rows = []
        for line, cells in _cells(workbook.worksheets[0]):
            if reference_date is None and isinstance(cells[0], str) and (match := _TITLE_DATE.search(cells[0])):
                reference_date = dt.date(int(match.group(1)), 1, 1)
            code = str(cells[1]).strip() if cells[1] is not None else ""
            if _MUNICIPALITY_CODE.match(code):
                district, name = str(cells[0] or ""), str(cells[2] or "")
                rows.append(PopulationRow(line, district, code, name, *cells[3:9]))
        return reference_date, rows
    finally:
        workbook.close()


def read_workbook(content: bytes) -> tuple[dt.date | None, tuple[PopulationRow, ...]]:
    """``read_rows`` of a workbook given as bytes, remembered for the last few workbooks.

    Parsing a table takes a second or two, and the same table is read again and again: the territory loader
    reads the shipped table on every load (each ``komplan demo``), a dry run is usually followed by the
    import itself, and the tests import the same real tables many times. The rows are immutable.
    """
    return _parsed_workbook(content)


@functools.lru_cache(maxsize=4)
def _parsed_workbook(content: bytes) -> tuple[dt.date | None, tuple[PopulationRow, ...]]:
    reference_date, rows = read_rows(io.BytesIO(content))
    return reference_date, tuple(rows)


def _cells(sheet) -> Iterator[tuple[int, list]]:
    for line, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        yield line, list(row) + [None] * 9


def whole_number(value) -> int | None:
    """The value as a non-negative whole number, or None when it is not one."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0 or int(value) != value:
        return None
    return int(value)
