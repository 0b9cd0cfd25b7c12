"""Imports of the catalogue from the MPSV register of social services.

* :func:`import_rpss` — the register's national open-data file ``rpss.json`` (``registry.py``);
* :func:`import_ukazka` — a catalogue of ``zdenekpesicka/AutomatizaceKatalogu`` derived from the
  register, e.g. the shipped sample ``data/registry-sample/ukazka.json`` (``ukazka.py``).

Both stream the file, validate every record before writing anything and upsert in one
transaction (organisations by IČO, services by register identifier); see docs/catalogue-imports.md.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .base import ImportReport, RegistryFileError, RegistryImportError, RegistrySetupError, Rejection, area_served
from .registry import import_rpss
from .stream import Progress, detect_format
from .ukazka import import_ukazka

SAMPLE_FILE = Path(__file__).resolve().parent.parent / "data" / "registry-sample" / "ukazka.json"
IMPORTERS = {"rpss": import_rpss, "ukazka": import_ukazka}

__all__ = [
    "IMPORTERS",
    "SAMPLE_FILE",
    "ImportReport",
    "Rejection",
    "RegistryFileError",
    "RegistryImportError",
    "RegistrySetupError",
    "area_served",
    "detect_format",
    "import_registry_file",
    "import_rpss",
    "import_ukazka",
]


def import_registry_file(
    path: Path | str,
    *,
    format: str | None = None,
    dry_run: bool = False,
    source_date: dt.date | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import ``path`` in the given format, or in the one its top-level key shows (``polozky``/``mista``)."""
    path = Path(path)
    chosen = format or detect_format(path)
    return IMPORTERS[chosen](path, dry_run=dry_run, source_date=source_date, progress=progress)
