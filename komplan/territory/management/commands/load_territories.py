from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from komplan.territory.importers import DATA_DIR, POPULATION_FILE, TerritoryImportError, load_territories


class Command(BaseCommand):
    help = (
        "Load the ČSÚ codelists of kraje, okresy, ORP, POU and municipalities with their populations. "
        "Validates every file first and writes all or nothing; safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, default=DATA_DIR, help="directory with the ČSÚ CSV codelists")
        parser.add_argument(
            "--population", type=Path, default=None, help=f"population xlsx (default DIR/{POPULATION_FILE})"
        )

    def handle(self, *args, **options):
        try:
            report = load_territories(options["dir"], options["population"])
        except TerritoryImportError as exc:
            for error in exc.errors[:50]:
                self.stderr.write(f"  {error}")
            if len(exc.errors) > 50:
                self.stderr.write(f"  … and {len(exc.errors) - 50} more")
            raise CommandError(
                f"territories not loaded, the database is unchanged ({len(exc.errors)} problems)"
            ) from None
        for warning in report.warnings:
            self.stderr.write(f"warning: {warning}")
        self.stdout.write(f"Territories: {report.summary()} (population as of {report.population_date}).")
