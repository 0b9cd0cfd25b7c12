"""What the statistics imports share: the input files, the problems, the parsed rows and the report.

Every importer reads all of its files into :class:`Parsed` (rows keyed like the table's unique
constraint) and records each problem as ``file:line: field: reason``. Only when no file has an
error does :mod:`.writer` compare the rows with the database and write the differences in one
transaction, so a run either writes everything or nothing.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from pathlib import Path

from django.db.models import Model, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from komplan.territory.models import Territory

MAX_PROBLEMS = 1000  # enough to see a pattern; a broken file would otherwise list every row


class ImportFailure(Exception):
    """A run that cannot start (unknown kind, missing option); ``str(exc)`` is a one-line reason."""


@dataclass(frozen=True)
class InputFile:
    """One file of a run: its name as the user knows it and its bytes (or, for UN WPP, a directory)."""

    name: str
    content: bytes
    path: Path | None = None

    @classmethod
    def from_path(cls, path: Path) -> InputFile:
        if path.is_dir():
            return cls(path.name or str(path), b"", path)
        return cls(path.name, path.read_bytes(), path)

    def stream(self) -> io.BytesIO:
        return io.BytesIO(self.content)


@dataclass(frozen=True)
class ImportOptions:
    """What the person running the import chose.

    ``year``: the year of a file that carries none (unemployment). ``allow_historic``: skip
    municipality codes unknown to today's codelist in files from before it took effect.
    ``allowed_territories``: when set, the only territory ids the run may write (a coordinator
    imports for the planning area only); ``None`` means any.
    """

    year: int | None = None
    allow_historic: bool = False
    allowed_territories: frozenset[int] | None = None
    user: object | None = None


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return ": ".join(part for part in (where, self.field, self.message) if part)


class Problems:
    """Errors (the run writes nothing) and warnings (shown, the run goes on)."""

    def __init__(self) -> None:
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.error_count = 0
        self.warning_count = 0

    def error(self, file: str, line: int | None, field: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_PROBLEMS:
            self.errors.append(Problem(file, line, field, message))

    def warn(self, file: str, line: int | None, field: str, message: str) -> None:
        self.warning_count += 1
        if len(self.warnings) < MAX_PROBLEMS:
            self.warnings.append(Problem(file, line, field, message))


@dataclass
class Table:
    """Rows for one model, keyed by its unique fields; each row remembers the file it came from.

    ``scope`` narrows the rows already in the database that the writer loads to compare with.
    """

    model: type[Model]
    key_fields: tuple[str, ...]
    value_fields: tuple[str, ...]
    scope: Q = field(default_factory=Q)
    rows: dict[tuple, tuple[tuple, str]] = field(default_factory=dict)

    def add(self, key: tuple, values: tuple, file: str) -> None:
        self.rows[key] = (values, file)


@dataclass
class Parsed:
    """What an importer read: tables to write, the years they cover, and per file a provenance text."""

    tables: list[Table] = field(default_factory=list)
    years: set[int] = field(default_factory=set)
    provenance: dict[str, str] = field(default_factory=dict)
    rate_sets: list[dict] = field(default_factory=list)  # UN WPP: {"code", "name", "country_code", "payload", "file"}


@dataclass
class ImportReport:
    """What a run did or, in a dry run, would do. When ``rejected`` is not empty nothing was written."""

    kind: str
    files: list[str]
    dry_run: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    years: list[int] = field(default_factory=list)
    rejected: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    rejected_count: int = 0
    warning_count: int = 0
    sources: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected_count

    @property
    def years_label(self) -> str:
        if not self.years:
            return ""
        first, last = self.years[0], self.years[-1]
        if len(self.years) == last - first + 1 and first != last:
            return f"{first}–{last}"
        return ", ".join(str(year) for year in self.years)

    def summary(self) -> str:
        text = _("%(kind)s: %(created)s created, %(updated)s updated, %(unchanged)s unchanged") % {
            "kind": self.kind,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }
        if self.years:
            text += "; " + _("years %(years)s") % {"years": self.years_label}
        if self.warning_count:
            text += "; " + ngettext("%(count)s warning", "%(count)s warnings", self.warning_count) % {
                "count": self.warning_count
            }
        return text


def territories_by_code(level: str) -> dict[str, int]:
    """Code → id of every territory of a level, in one query."""
    return dict(Territory.objects.filter(level=level).values_list("code", "id"))


def number(value) -> float | None:
    """A finite number from a cell or a text field (comma or point decimals), or None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    text = str(value).strip().replace("\xa0", "").replace(" ", "").replace(",", ".")
    try:
        result = float(text)
    except ValueError:
        return None
    return result if math.isfinite(result) else None


def whole(value) -> int | None:
    """A whole number (possibly written as 12.0), negative ones included, or None."""
    result = number(value)
    if result is None or int(result) != result:
        return None
    return int(result)
