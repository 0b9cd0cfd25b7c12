"""`komplan import-registry FILE [--format rpss|ukazka] [--dry-run]`: import social services from the register.

Exit status 0 with the report; 1 with the problems (first 50) and "nothing was changed" when the
file or any record is invalid — never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from komplan.directory.importers import IMPORTERS, RegistryImportError, import_registry_file

SHOWN = 50


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {value!r}") from None


class Command(BaseCommand):
    help = (
        "Import social services and their providers from the MPSV register's open-data file rpss.json, or from a "
        "catalogue of zdenekpesicka/AutomatizaceKatalogu (ukazka.json). Validates every record first and writes "
        "all or nothing; importing the same file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the JSON file (rpss.json or a catalogue like ukazka.json)")
        parser.add_argument(
            "--format", choices=sorted(IMPORTERS), help="the file's format (default: detected from its top-level key)"
        )
        parser.add_argument("--dry-run", action="store_true", help="validate and report, but write nothing")
        parser.add_argument(
            "--source-date", type=_date, help="date of the data (default: the file's date if it has one, else today)"
        )

    def handle(self, *args, **options):
        path: Path = options["file"]
        started = time.monotonic()
        try:
            report = import_registry_file(
                path,
                format=options["format"],
                dry_run=options["dry_run"],
                source_date=options["source_date"],
                progress=self._progress if options["verbosity"] >= 1 else None,
            )
        except RegistryImportError as exc:
            raise CommandError(f"{path}: {exc}; nothing was changed") from None
        except DatabaseError as exc:
            raise CommandError(
                f"database error ({exc}); nothing was changed — is the database migrated (`komplan migrate`)?"
            ) from None
        for warning in report.warnings[:SHOWN]:
            self.stderr.write(f"warning: {warning}")
        if len(report.warnings) > SHOWN:
            self.stderr.write(f"warning: … and {len(report.warnings) - SHOWN} more warnings")
        if report.rejected:
            for problem in report.rejected[:SHOWN]:
                self.stderr.write(f"  {problem}")
            if len(report.rejected) > SHOWN:
                self.stderr.write(f"  … and {len(report.rejected) - SHOWN} more")
            raise CommandError(f"{path}: {len(report.rejected)} problems; nothing was changed")
        if report.skipped and options["verbosity"] >= 1:
            self.stdout.write(f"Skipped {len(report.skipped)} entries:")
            for entry in report.skipped[:SHOWN]:
                self.stdout.write(f"  {entry}")
        elapsed = time.monotonic() - started
        prefix = "Dry run, nothing written: " if report.dry_run else ""
        self.stdout.write(
            f"{prefix}{path.name} ({report.format}, data of {report.source_date}): {report.summary()} [{elapsed:.1f} s]"
        )

    def _progress(self, records: int, bytes_read: int, total: int) -> None:
        percent = 100 * bytes_read // total if total else 100
        end = "\n" if bytes_read >= total or not self.stderr.isatty() else "\r"
        self.stderr.write(f"  read {records:,} records ({percent} %)", ending=end)
        self.stderr.flush()
