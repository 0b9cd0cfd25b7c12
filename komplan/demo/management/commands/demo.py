from django.core.management.base import BaseCommand, CommandError

from komplan.demo.services import DEMO_PASSWORD, load_demo, queue_demo_files
from komplan.territory.importers import TerritoryImportError


class Command(BaseCommand):
    help = "Load the territories and the demo planning processes (Slaný 2008–2010, ORP Přerov). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all-statistics",
            action="store_true",
            help="load the population history of every municipality (default: the krajs of the demo processes)",
        )

    def handle(self, *args, all_statistics=False, **options):
        try:
            logins = load_demo(all_statistics=all_statistics)
        except TerritoryImportError as exc:
            raise CommandError(f"territories not loaded: {exc.errors[0]}") from None
        # The PDF and DOCX of the published Slaný plan are queued here, not in load_demo, so that tests loading the
        # demo do not pay for them; `komplan serve` runs the worker that generates them.
        queued = queue_demo_files()
        self.stdout.write(self.style.SUCCESS("Demo loaded: http://127.0.0.1:8000/"))
        if queued:
            self.stdout.write(f"PDF and DOCX of the demo plan queued ({queued} files, made by the worker of `serve`)")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for login in logins:
            self.stdout.write(f"  {login.email:<32} {login.role:<16} {login.process}")
