from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from komplan.directory.spreadsheet import SpreadsheetError, import_spreadsheet, template_xlsx


class Command(BaseCommand):
    help = "Import services from the komplan XLSX/CSV template (validates every row, writes all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, nargs="?", help="an .xlsx or .csv file in the komplan template")
        parser.add_argument("--dry-run", action="store_true", help="validate and report, change nothing")
        parser.add_argument("--template", type=Path, metavar="OUT", help="write the empty template to OUT and stop")

    def handle(self, *args, file, dry_run, template, **options):
        if template:
            template.write_bytes(template_xlsx())
            self.stdout.write(f"Template written to {template}.")
            return
        if file is None:
            raise CommandError("give a file to import, or --template OUT")
        try:
            report = import_spreadsheet(file.name, file.read_bytes(), dry_run=dry_run)
        except FileNotFoundError:
            raise CommandError(f"{file}: file not found") from None
        except SpreadsheetError as exc:
            raise CommandError(str(exc)) from None
        if report.rejected:
            for problem in report.rejected[:50]:
                self.stderr.write(f"  {problem}")
            raise CommandError(f"{len(report.rejected)} problems; nothing was changed")
        prefix = "Dry run (nothing written): " if dry_run else ""
        self.stdout.write(f"{prefix}{report.summary()}.")
