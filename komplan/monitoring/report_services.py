"""The life cycle of the yearly evaluation report (docs/monitoring.md, "Yearly evaluation report").

draft → (steering group approves: the snapshot is frozen) steering → (the council approves by a resolution)
council → published. Back to the draft only before the council's approval. Every step is a transaction on the
locked report row and every refusal raises ``ReportRefused`` with the reason (a TransitionRefused of the plan, so
the staff pages answer 409 with it like the plan's life cycle does); a save over a newer edit raises
``ReportConflict``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from komplan.plan.approval import approval_note
from komplan.plan.services import TransitionRefused
from komplan.strategy.models import ActionPlanYear

from . import report_content
from .models import ReportState, YearlyReport


class ReportRefused(TransitionRefused):
    """A step of the report's life cycle that is not allowed now; ``message`` says why."""


class ReportConflict(Exception):
    """Someone else saved the report after the form was opened; ``current`` is their version."""

    def __init__(self, current: YearlyReport):
        super().__init__(_("Someone else saved the report in the meantime."))
        self.current = current


# ------------------------------------------------------------------------------------------------- titles

PLAN_NOMINATIVE = "komunitní plán"
PLAN_GENITIVE = "komunitního plánu"


def default_title(process_name: str, year: int) -> str:
    """ "Zpráva o plnění Komunitního plánu sociálních služeb města Slaný za rok 2008" from the process's name
    (its "Komunitní plán …" declined, a trailing period "2008–2010" left out); another name is quoted after a dash."""
    name = " ".join(process_name.split())
    words = name.split()
    if words and "–" in words[-1] and words[-1].replace("–", "").isdigit():
        name = " ".join(words[:-1])
    czech = (translation.get_language() or "cs").startswith("cs")
    if czech and name.lower().startswith(PLAN_NOMINATIVE):
        head = PLAN_GENITIVE if name[0].islower() else PLAN_GENITIVE.capitalize()
        return f"Zpráva o plnění {head}{name[len(PLAN_NOMINATIVE) :]} za rok {year}"
    return _("Report on the fulfilment of the community plan for %(year)s – %(name)s") % {"year": year, "name": name}


def report_approval_note(report: YearlyReport) -> str:
    """The council's approval (“Schváleno usnesením Zastupitelstva města Slaný č. 12/2009 ze dne 2. 3. 2009”), or ""."""
    if report.state not in (ReportState.COUNCIL_APPROVED, ReportState.PUBLISHED) or not report.resolution_date:
        return ""
    return approval_note(report.council_body, report.resolution_number, report.resolution_date)


def steering_note(report: YearlyReport) -> str:
    if not report.steering_approved_on:
        return ""
    text = _("Approved by the steering group on %(date)s") % {"date": _day(report.steering_approved_on)}
    return f"{text} ({report.steering_record})" if report.steering_record else text


def _day(value: dt.date) -> str:
    return f"{value.day}. {value.month}. {value.year}"


# ------------------------------------------------------------------------------------------------- steps


def years_with_action_plan(process) -> list[int]:
    return sorted(
        set(ActionPlanYear.objects.filter(activity__measure__priority__process=process).values_list("year", flat=True))
    )


@transaction.atomic
def create_report(process, year: int, user=None, title: str = "") -> YearlyReport:
    """A new draft report for ``year``: refused when the year has one already or has no action plan."""
    if YearlyReport.objects.for_process(process).filter(year=year).exists():
        raise ReportRefused(_("The report for %(year)s exists already.") % {"year": year})
    if year not in years_with_action_plan(process):
        raise ReportRefused(
            _("There is no action plan for %(year)s, so there is nothing to report on.") % {"year": year}
        )
    return YearlyReport.objects.create(
        process=process,
        year=year,
        title=title.strip() or default_title(process.name, year),
        updated_by=_person(user),
    )


def _person(user):
    return user if user is not None and user.is_authenticated else None


def _locked(report: YearlyReport) -> YearlyReport:
    return YearlyReport.objects.select_for_update().select_related("process").get(pk=report.pk)


def _touch(report: YearlyReport, user, fields: list[str]) -> None:
    report.version += 1
    report.updated_at = timezone.now()
    report.updated_by = _person(user)
    report.save(update_fields=[*fields, "version", "updated_at", "updated_by"])


TEXT_FIELDS = ("title", "introduction", "evaluation", "conclusions")


@transaction.atomic
def save_texts(report: YearlyReport, texts: dict[str, str], user, opened_version: int) -> YearlyReport:
    """Save the title and the narrative parts, if nobody saved since ``opened_version`` (else ReportConflict)."""
    locked = _locked(report)
    if locked.state != ReportState.DRAFT:
        raise ReportRefused(
            _("The report has been approved by the steering group; return it to the draft to change its text.")
        )
    if locked.version != opened_version:
        raise ReportConflict(locked)
    for name in TEXT_FIELDS:
        if name in texts:
            setattr(locked, name, texts[name].strip() if name == "title" else texts[name])
    if not locked.title:
        raise ReportRefused(_("The report needs a title."))
    _touch(locked, user, list(TEXT_FIELDS))
    return locked


@transaction.atomic
def approve_by_steering(report: YearlyReport, date: dt.date | None, record: str = "", user=None) -> YearlyReport:
    """The steering group approved the draft on ``date``: its content is frozen as the snapshot."""
    locked = _locked(report)
    if locked.state != ReportState.DRAFT:
        raise ReportRefused(
            _("The report is %(state)s; only a draft can be approved by the steering group.")
            % {"state": locked.get_state_display()}
        )
    if date is None:
        raise ReportRefused(_("Give the date of the steering group's approval."))
    if date > timezone.localdate():
        raise ReportRefused(_("The date of the approval cannot be in the future."))
    if date.year < locked.year:
        raise ReportRefused(
            _("The report on %(year)s cannot be approved before the year began.") % {"year": locked.year}
        )
    with translation.override(settings.LANGUAGE_CODE):  # the document's language, not the approver's
        locked.snapshot = report_content.build(locked)
    locked.state = ReportState.STEERING_APPROVED
    locked.steering_approved_on = date
    locked.steering_record = record.strip()
    _touch(locked, user, ["snapshot", "state", "steering_approved_on", "steering_record"])
    return locked


@transaction.atomic
def return_to_draft(report: YearlyReport, user=None) -> YearlyReport:
    """Undo the steering group's approval (the snapshot is dropped); refused once the council has approved it."""
    locked = _locked(report)
    if locked.state != ReportState.STEERING_APPROVED:
        if locked.state == ReportState.DRAFT:
            raise ReportRefused(_("The report is a draft already."))
        raise ReportRefused(
            _("The council has approved the report (resolution No. %(number)s); it cannot return to the draft.")
            % {"number": locked.resolution_number}
        )
    locked.snapshot = None
    locked.state = ReportState.DRAFT
    locked.steering_approved_on = None
    locked.steering_record = ""
    _touch(locked, user, ["snapshot", "state", "steering_approved_on", "steering_record"])
    drop_files(locked)
    return locked


@transaction.atomic
def approve_by_council(
    report: YearlyReport, body: str, resolution_number: str, date: dt.date | None, user=None
) -> YearlyReport:
    """The council ``body`` approved the report by resolution ``resolution_number`` of ``date``."""
    locked = _locked(report)
    if locked.state != ReportState.STEERING_APPROVED:
        raise ReportRefused(
            _("The report is %(state)s; the council approves it after the steering group and only once.")
            % {"state": locked.get_state_display()}
        )
    body, resolution_number = (body or "").strip(), (resolution_number or "").strip()
    if not body or not resolution_number or date is None:
        raise ReportRefused(_("Give the body, the number and the date of the resolution."))
    if date < locked.steering_approved_on:
        raise ReportRefused(
            _("The resolution cannot be older than the steering group's approval (%(date)s).")
            % {"date": _day(locked.steering_approved_on)}
        )
    if date > timezone.localdate():
        raise ReportRefused(_("The date of the resolution cannot be in the future."))
    locked.state = ReportState.COUNCIL_APPROVED
    locked.council_body = body
    locked.resolution_number = resolution_number
    locked.resolution_date = date
    _touch(locked, user, ["state", "council_body", "resolution_number", "resolution_date"])
    return locked


@transaction.atomic
def publish(report: YearlyReport, user=None) -> YearlyReport:
    """The council-approved report appears on the public pages of the process."""
    locked = _locked(report)
    if locked.state == ReportState.PUBLISHED:
        raise ReportRefused(_("The report has been published already."))
    if locked.state != ReportState.COUNCIL_APPROVED:
        raise ReportRefused(_("Only a report approved by the council can be published."))
    locked.state = ReportState.PUBLISHED
    locked.published_at = timezone.now()
    _touch(locked, user, ["state", "published_at"])
    return locked


def allowed_steps(report: YearlyReport) -> list[str]:
    """The steps the staff page offers (the services check them again under the lock)."""
    return {
        ReportState.DRAFT: ["steering"],
        ReportState.STEERING_APPROVED: ["council", "return"],
        ReportState.COUNCIL_APPROVED: ["publish"],
    }.get(report.state, [])


def drop_files(report: YearlyReport) -> None:
    """Delete the stored PDF/DOCX of the report (their storage files once the transaction commits)."""
    for found in report.files.all():
        name = found.file.name
        found.delete()
        if name:
            transaction.on_commit(lambda name=name: default_storage.delete(name))
