"""The statistics imports, for the command line and the staff UI: one registry, one way to run them.

``run_import(kind, files, options, dry_run=...)`` reads and validates every file first; only when
none has an error does it write, in one transaction, one DataSource per file. The report lists the
problems as ``file:line: field: reason`` (gettext, in the active language).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .importers import age, municipal, unemployment, vdb, wpp
from .importers.base import ImportFailure, ImportOptions, ImportReport, InputFile, Problems
from .importers.writer import write
from .models import SourceKind


@dataclass(frozen=True)
class ImportKind:
    name: str  # on the command line
    slug: str  # in the staff UI's URLs (Czech, like every path)
    source_kind: str
    label: str
    extensions: tuple[str, ...]
    parse: Callable
    multiple: bool = False
    needs_year: bool = False
    superuser_only: bool = False
    area_only: bool = False  # a coordinator imports only the territories of the planning area


KINDS: dict[str, ImportKind] = {
    kind.name: kind
    for kind in (
        ImportKind(
            "municipal",
            "obyvatele-obci",
            SourceKind.CSU_MUNICIPAL,
            gettext_lazy("ČSÚ: population of municipalities on 1 January (XLSX, one file per year)"),
            (".xlsx", ".csv", ".csv.gz"),
            municipal.parse,
            multiple=True,
        ),
        ImportKind(
            "age",
            "vekove-slozeni",
            SourceKind.CSU_AGE,
            gettext_lazy("ČSÚ open data: population by age and sex (CSV)"),
            (".csv",),
            age.parse,
            multiple=True,
            area_only=True,
        ),
        ImportKind(
            "unemployment",
            "nezamestnanost",
            SourceKind.UNEMPLOYMENT,
            gettext_lazy("ČSÚ open data: share of unemployed persons by municipality (CSV)"),
            (".csv",),
            unemployment.parse,
            needs_year=True,
        ),
        ImportKind(
            "vdb",
            "vdb",
            SourceKind.CSU_VDB,
            gettext_lazy(
                "ČSÚ public database (VDB): vital statistics of kraje, age indicators, deaths by month (XLSX)"
            ),
            (".xlsx",),
            vdb.parse,
            multiple=True,
            superuser_only=True,
        ),
        ImportKind(
            "wpp",
            "wpp",
            SourceKind.UN_WPP,
            gettext_lazy("UN World Population Prospects: demographic rates (ZIP of the text files)"),
            (".zip",),
            wpp.parse,
            superuser_only=True,
        ),
    )
}
BY_SLUG = {kind.slug: kind for kind in KINDS.values()}
FIRST_YEAR, LAST_YEAR = 1950, 2100


def run_import(
    kind: ImportKind, files: list[InputFile], options: ImportOptions, *, dry_run: bool = False
) -> ImportReport:
    """Validate all files, then (unless ``dry_run`` or a problem) write them in one transaction.

    Raises ImportFailure when the run cannot start (a missing year); file problems go to the report.
    """
    if kind.needs_year and options.year is None:
        raise ImportFailure(_("the year of the figures is required (the file has no date)"))
    if options.year is not None and not FIRST_YEAR <= options.year <= LAST_YEAR:
        raise ImportFailure(_("the year must be from %(first)s to %(last)s") % {"first": FIRST_YEAR, "last": LAST_YEAR})
    names = [file.name for file in files]
    if len(set(names)) != len(names):
        raise ImportFailure(_("the same file name is given twice"))
    report = ImportReport(kind=kind.name, files=names, dry_run=dry_run)
    problems = Problems()
    parsed = kind.parse(files, options, problems)
    report.years = sorted(parsed.years)
    if not problems.error_count:
        write(kind.source_kind, parsed, options, report)
    report.rejected, report.rejected_count = problems.errors, problems.error_count
    report.warnings, report.warning_count = problems.warnings, problems.warning_count
    return report
