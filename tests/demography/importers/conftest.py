"""Where the real data sets and the hand-made fixtures are, a helper to run an import, and English for the texts."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[3]
SHARED = next(
    (path for path in (ROOT.parent / "shared" / "data", Path("/work/shared/data")) if path.is_dir()),
    Path("/work/shared/data"),
)
MUNICIPAL = SHARED / "obyvatele-obci-csu"
VDB = SHARED / "demografie-kraje-csu-vdb"
UNEMPLOYMENT = SHARED / "nezamestnanost-obce" / "unempl.csv"
FIXTURES = ROOT / "tests" / "demography" / "data"


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: reads every real table; takes tens of seconds")


@pytest.fixture(autouse=True)
def english():
    """Problems, summaries and command errors are asserted in English; a test that checks the Czech text
    (the default language) nests ``translation.override(settings.LANGUAGE_CODE)`` inside this."""
    with translation.override("en"):
        yield


@pytest.fixture
def run(db):
    """run(kind, *paths_or_files, dry_run=False, **options) → ImportReport."""
    from komplan.demography.import_kinds import KINDS, run_import
    from komplan.demography.importers.base import ImportOptions, InputFile

    def go(kind, *inputs, dry_run=False, **options):
        files = [item if isinstance(item, InputFile) else InputFile.from_path(Path(item)) for item in inputs]
        return run_import(KINDS[kind], files, ImportOptions(**options), dry_run=dry_run)

    return go


def messages(report) -> list[str]:
    return [str(problem) for problem in report.rejected]
