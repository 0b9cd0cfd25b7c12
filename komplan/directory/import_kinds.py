"""The imports offered in the staff UI, each a function (name, bytes, dry_run) → report.

A report has ``created``, ``updated``, ``unchanged`` and ``rejected`` (problems that name the line
or record and the field). Reading errors raise the importer's own exception, listed here so the
view can show it at the upload field instead of failing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from . import spreadsheet


@dataclass(frozen=True)
class ImportKind:
    slug: str
    label: str
    extensions: tuple[str, ...]
    run: Callable
    errors: tuple[type[Exception], ...]


KINDS: dict[str, ImportKind] = {
    "tabulka": ImportKind(
        "tabulka",
        _("komplan spreadsheet template (XLSX or CSV)"),
        (".xlsx", ".csv"),
        spreadsheet.import_spreadsheet,
        (spreadsheet.SpreadsheetError,),
    ),
}


def register(kind: ImportKind) -> None:
    KINDS[kind.slug] = kind
