from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from komplan.directory.hsds import HsdsPackageError, import_hsds

SHOWN = 50


class Command(BaseCommand):
    help = (
        "Import an Open Referral HSDS data package (a directory or a ZIP; HSDS 3.0 as komplan exports it, "
        "or HSDS 1.1) into the catalogue. Every row is checked first; any problem leaves the database "
        "unchanged. Safe to run again: unchanged records are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("package", type=Path, help="the package directory or its .zip")
        parser.add_argument("--dry-run", action="store_true", help="check and report, write nothing")

    def handle(self, *args, **options):
        try:
            report = import_hsds(options["package"], dry_run=options["dry_run"])
        except HsdsPackageError as exc:
            raise CommandError(str(exc)) from None
        for problem in report.rejected[:SHOWN]:
            self.stderr.write(f"  {problem}")
        if len(report.rejected) > SHOWN:
            self.stderr.write(f"  … and {len(report.rejected) - SHOWN} more")
        if report.rejected:
            raise CommandError(
                f"nothing imported, the database is unchanged ({len(report.rejected)} problems in {report.package})"
            )
        for note in report.skipped[:SHOWN]:
            self.stderr.write(f"skipped: {note}")
        if len(report.skipped) > SHOWN:
            self.stderr.write(f"skipped: … and {len(report.skipped) - SHOWN} more")
        dry = " (dry run: nothing was written)" if report.dry_run else ""
        self.stdout.write(f"HSDS {report.version} package {report.package}: {report.summary()}.{dry}")
