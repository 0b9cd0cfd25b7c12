"""Load the statistics shipped in ``komplan/demography/data`` (for the demo and a fresh installation).

The same importers as ``komplan import-population`` read them, so the shipped files pass the same checks.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from .import_kinds import KINDS, run_import
from .importers.base import ImportOptions, InputFile
from .models import RateSet
from .services import ensure_default_scenarios

DATA = Path(__file__).resolve().parent / "data"
MUNICIPAL = DATA / "csu-obyvatele-obci-2004-2024.csv.gz"
UNEMPLOYMENT = DATA / "nezamestnanost-obce-2017.csv"
UNEMPLOYMENT_YEAR = 2017
DEFAULT_RATES = "wpp2024-203"


class BundledDataError(Exception):
    """A shipped file failed its import (a packaging error: the report says which row)."""


@dataclass
class Loaded:
    summaries: list[str] = field(default_factory=list)


def _municipal_file(codes: set[str] | None) -> InputFile:
    """The shipped municipal table, optionally cut to some municipalities (tests need only a few krajs)."""
    if codes is None:
        return InputFile.from_path(MUNICIPAL)
    with gzip.open(MUNICIPAL, "rt", encoding="utf-8") as source:
        header = next(source)
        lines = [line for line in source if line.split(",", 3)[2] in codes]
    return InputFile(MUNICIPAL.name.removesuffix(".gz"), (header + "".join(lines)).encode("utf-8"))


def _run(kind: str, files: list[InputFile], loaded: Loaded, **options) -> None:
    report = run_import(KINDS[kind], files, ImportOptions(**options))
    if report.rejected:
        raise BundledDataError(f"{kind}: {report.rejected[0]}")
    loaded.summaries.append(report.summary())


@transaction.atomic
def load_bundled_statistics(municipality_codes: set[str] | None = None) -> Loaded:
    """Import every shipped statistic (idempotent) and set up the shared projection scenarios."""
    loaded = Loaded()
    _run("municipal", [_municipal_file(municipality_codes)], loaded, allow_historic=True)
    _run("vdb", [InputFile.from_path(path) for path in sorted((DATA / "csu-vdb").glob("*.xlsx"))], loaded)
    unemployment = InputFile.from_path(UNEMPLOYMENT)
    if municipality_codes is not None:
        lines = unemployment.content.decode("utf-8").splitlines(keepends=True)
        kept = [line for line in lines[1:] if line.split(",")[1].strip('"') in municipality_codes]
        unemployment = InputFile(unemployment.name, ("".join(lines[:1] + kept)).encode("utf-8"))
    _run("unemployment", [unemployment], loaded, year=UNEMPLOYMENT_YEAR)
    for edition in ("wpp2019", "wpp2024"):
        _run("wpp", [InputFile.from_path(DATA / "wpp" / edition)], loaded)
    ensure_default_scenarios(RateSet.objects.get(code=DEFAULT_RATES))
    return loaded
