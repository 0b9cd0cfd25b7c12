"""`komplan import-population KIND FILE… [--year Y] [--dry-run] [--allow-historic]`.

Validates every file first and writes all of them in one transaction, or nothing. Problems are
printed to stderr as ``file:line: field: reason`` (at most 50), followed by a one-line reason and a
non-zero exit; success prints one summary line.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from komplan.demography.import_kinds import KINDS, run_import
from komplan.demography.importers.base import ImportFailure, ImportOptions, InputFile

SHOWN_PROBLEMS = 50


class Command(BaseCommand):
    help = (
        "Import population statistics: municipal (ČSÚ xlsx per year), age (ČSÚ open-data CSV by age and sex), "
        "vdb (ČSÚ VDB xlsx), unemployment (CSV, needs --year), wpp (UN WPP directory). "
        "Validates every file, writes all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS), help="what the files are")
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="files (a directory for wpp)")
        parser.add_argument("--year", type=int, help="the year of the figures, for files without a date")
        parser.add_argument("--dry-run", action="store_true", help="validate and report, change nothing")
        parser.add_argument(
            "--allow-historic",
            action="store_true",
            help="municipal: skip any code unknown to today's codelist in tables before 2016 (with a warning)",
        )

    def handle(self, *args, kind, files, year, dry_run, allow_historic, **options):
        inputs = []
        for path in files:
            try:
                inputs.append(InputFile.from_path(path))
            except OSError as exc:
                raise CommandError(f"{path}: {exc.strerror or _('cannot be read')}") from None
        try:
            report = run_import(
                KINDS[kind], inputs, ImportOptions(year=year, allow_historic=allow_historic), dry_run=dry_run
            )
        except ImportFailure as exc:
            raise CommandError(str(exc)) from None
        for problem in report.rejected[:SHOWN_PROBLEMS]:
            self.stderr.write(str(problem))
        if not report.ok:
            more = report.rejected_count - min(report.rejected_count, SHOWN_PROBLEMS)
            message = ngettext(
                "%(count)s problem; nothing was written",
                "%(count)s problems; nothing was written",
                report.rejected_count,
            ) % {"count": report.rejected_count}
            if more:
                message += " " + _("(%(more)s more not shown)") % {"more": more}
            raise CommandError(message)
        for warning in report.warnings[:SHOWN_PROBLEMS]:
            self.stderr.write(_("warning: %(warning)s") % {"warning": warning})
        prefix = _("Dry run (nothing written): ") if dry_run else ""
        self.stdout.write(f"{prefix}{report.summary()}.")
