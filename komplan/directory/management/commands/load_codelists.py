from django.core.management.base import BaseCommand, CommandError

from komplan.directory.codelists import CodelistImportError, load_codelists


class Command(BaseCommand):
    help = "Load the MPSV codelists of social services (types, forms, capacity units, groups, legal forms)."

    def handle(self, *args, **options):
        try:
            report = load_codelists()
        except CodelistImportError as exc:
            for error in exc.errors:
                self.stderr.write(f"  {error}")
            raise CommandError("codelists not loaded, the database is unchanged") from None
        self.stdout.write(
            f"Codelists: {report.created} created, {report.updated} updated, {report.unchanged} unchanged."
        )
