"""The imports offered in the staff UI, each a function (name, bytes, dry_run) → report.

A report has ``created``, ``updated``, ``unchanged`` and ``rejected`` (problems that name the line
or record and the field). Reading errors raise the importer's own exception, listed here so the
view can show it at the upload field instead of failing.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from . import spreadsheet
from .hsds_import import import_hsds_upload
from .hsds_package import HsdsPackageError
from .importers import RegistryImportError, import_registry_file


@dataclass(frozen=True)
class ImportKind:
    slug: str
    label: str
    extensions: tuple[str, ...]
    run: Callable
    errors: tuple[type[Exception], ...]


def _registry(name: str, content: bytes, *, dry_run: bool):
    """The register importers stream from a file, so the upload goes to a temporary one first."""
    with tempfile.TemporaryDirectory(prefix="komplan-import-") as directory:
        path = Path(directory) / Path(name).name
        path.write_bytes(content)
        return import_registry_file(path, dry_run=dry_run)


KINDS: dict[str, ImportKind] = {
    "registr": ImportKind(
        "registr",
        _("MPSV register of social services (rpss.json or a derived catalogue)"),
        (".json",),
        _registry,
        (RegistryImportError,),
    ),
    "hsds": ImportKind(
        "hsds", _("Open Referral HSDS data package (ZIP)"), (".zip",), import_hsds_upload, (HsdsPackageError,)
    ),
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
