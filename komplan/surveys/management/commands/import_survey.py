"""`komplan import-survey --process SLUG FILE [--title T] [--kind K] [--dry-run]`.

Reads an XLSForm workbook (xlsx/xls) and creates a draft survey of the process with the questionnaire as
its first version. Prints what was created and every construct that was not carried over (and what was
changed on the way); a form that cannot be imported exits non-zero with one line naming the sheet, row
and problem, and creates nothing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from komplan.surveys.models import SurveyKind
from komplan.surveys.services import create_survey
from komplan.surveys.xlsform import import_xlsform
from komplan.territory.models import PlanningProcess

TITLE_LENGTH = 200


def process_by_slug(slug: str) -> PlanningProcess:
    process = PlanningProcess.objects.filter(slug=slug).first()
    if process is None:
        raise CommandError(_("There is no planning process “%(slug)s”.") % {"slug": slug})
    return process


def read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CommandError(f"{path}: {exc.strerror or _('cannot be read')}") from None


class Command(BaseCommand):
    help = (
        "Import a questionnaire from an XLSForm file (ODK/KoboToolbox, .xlsx or .xls) as a new draft survey "
        "of a planning process. Lists what could not be carried over; a broken form creates nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, metavar="FILE", help="the XLSForm workbook")
        parser.add_argument("--process", required=True, metavar="SLUG", help="the planning process (its web address)")
        parser.add_argument("--title", help="the survey's title (default: the form's title)")
        parser.add_argument(
            "--kind", choices=SurveyKind.values, default=SurveyKind.OTHER, help="the kind of survey (default: other)"
        )
        parser.add_argument("--dry-run", action="store_true", help="check and report, create nothing")

    def handle(self, *args, file, process, title, kind, dry_run, **options):
        planning_process = process_by_slug(process)
        content = read_file(file)
        result = import_xlsform(file.name, content, language=planning_language())
        if not result.ok:
            raise CommandError(f"{file.name}: {result.reason()}")
        title = (title or result.title).strip()[:TITLE_LENGTH] or file.stem
        counts = _counts(*result.counts())
        if dry_run:
            self.stdout.write(
                _("Dry run (nothing created): “%(title)s”: %(counts)s.") % {"title": title, "counts": counts}
            )
        else:
            survey = create_survey(
                planning_process,
                title=title,
                kind=kind,
                definition=result.definition,
                note=_("Imported from the XLSForm file %(file)s") % {"file": file.name},
            )
            self.stdout.write(
                _("Created the draft survey “%(title)s” (%(slug)s) in %(process)s: %(counts)s.")
                % {"title": survey.title, "slug": survey.slug, "process": planning_process.slug, "counts": counts}
            )
        self.report(_("Not imported"), result.unsupported)
        self.report(_("Changed on import"), result.notes)

    def report(self, heading: str, problems) -> None:
        if not problems:
            return
        self.stdout.write(f"{heading} ({len(problems)}):")
        for problem in problems:
            self.stdout.write(f"  - {problem}")


def _counts(sections: int, questions: int) -> str:
    return ", ".join(
        (
            ngettext("%(count)s section", "%(count)s sections", sections) % {"count": sections},
            ngettext("%(count)s question", "%(count)s questions", questions) % {"count": questions},
        )
    )


def planning_language() -> str:
    """The questionnaire's language when the form does not say: the language komplan speaks now."""
    from django.utils import translation

    return (translation.get_language() or "cs").split("-")[0]
