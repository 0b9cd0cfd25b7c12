"""`komplan export-survey --process SLUG --survey SLUG OUT.xlsx`.

Writes the survey's current questionnaire as an XLSForm workbook for ODK Collect, KoboToolbox or Enketo.
Municipality questions offer the municipalities of the planning area, "which services" questions the
services of the process's catalogue (as they are now).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from komplan.directory.filters import catalogue_of
from komplan.surveys.definition import parse
from komplan.surveys.models import Survey
from komplan.surveys.xlsform import ExportContext, export_xlsform

from .import_survey import process_by_slug


def export_context(process) -> ExportContext:
    """The planning area's municipalities and the catalogue's services, for the lists of the form."""
    municipalities = process.municipalities.order_by("name").values_list("code", "name")
    services = catalogue_of(process).order_by("name").values_list("pk", "name")
    return ExportContext(
        municipalities=tuple((str(code), name) for code, name in municipalities),
        services=tuple((str(pk), name) for pk, name in services),
    )


class Command(BaseCommand):
    help = "Export a survey's questionnaire as an XLSForm workbook (.xlsx) for ODK / KoboToolbox."

    def add_arguments(self, parser):
        parser.add_argument("out", type=Path, metavar="OUT.xlsx", help="where to write the workbook")
        parser.add_argument("--process", required=True, metavar="SLUG", help="the planning process (its web address)")
        parser.add_argument("--survey", required=True, metavar="SLUG", help="the survey (its web address)")

    def handle(self, *args, out, process, survey, **options):
        planning_process = process_by_slug(process)
        found = Survey.objects.filter(process=planning_process, slug=survey).first()
        if found is None:
            raise CommandError(
                _("The process %(process)s has no survey “%(survey)s”.") % {"process": process, "survey": survey}
            )
        version = found.current_version()
        if version is None:
            raise CommandError(_("The survey “%(survey)s” has no questionnaire yet.") % {"survey": survey})
        content = export_xlsform(version.definition, found.title, export_context(planning_process))
        try:
            out.write_bytes(content)
        except OSError as exc:
            raise CommandError(f"{out}: {exc.strerror or _('cannot be written')}") from None
        questions = sum(1 for q in parse(version.definition).questions())
        self.stdout.write(
            _("Exported “%(title)s” (version %(version)s, %(questions)s questions) to %(out)s.")
            % {"title": found.title, "version": version.number, "questions": questions, "out": out}
        )
