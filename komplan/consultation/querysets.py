"""Reads of the comment periods, and their status on a given day (pure)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from komplan.plan.models import Version, VersionState

from .models import Consultation

SCHEDULED, OPEN, CLOSED = "scheduled", "open", "closed"


def _day(value: dt.date) -> str:
    return date_format(value, "j. n. Y")


def status(consultation: Consultation, today: dt.date | None = None) -> str:
    """``scheduled`` (opens later), ``open`` or ``closed`` on ``today`` (the local date in Europe/Prague)."""
    today = today or timezone.localdate()
    if today < consultation.opens_on:
        return SCHEDULED
    return OPEN if today <= consultation.closes_on else CLOSED


def status_text(consultation: Consultation, today: dt.date | None = None) -> str:
    """ "otevřeno do 31. 10. 2007", "uzavřeno" or "otevře se 1. 10. 2007"."""
    state = status(consultation, today)
    if state == OPEN:
        return pgettext("comment period", "open until %(date)s") % {"date": _day(consultation.closes_on)}
    if state == SCHEDULED:
        return pgettext("comment period", "opens on %(date)s") % {"date": _day(consultation.opens_on)}
    return pgettext("comment period", "closed")


def refusal(consultation: Consultation, today: dt.date | None = None) -> str:
    """Why a comment is refused on ``today`` ("Připomínkové řízení skončilo 31. 10. 2007."), "" while open."""
    state = status(consultation, today)
    if state == CLOSED:
        return _("The comment period ended on %(date)s.") % {"date": _day(consultation.closes_on)}
    if state == SCHEDULED:
        return _("The comment period has not started yet; it opens on %(date)s.") % {
            "date": _day(consultation.opens_on)
        }
    return ""


def with_counts(queryset):
    """Annotate ``received`` (every comment) and ``evaluated`` (comments with a current evaluation)."""
    return queryset.annotate(
        received=Count("comments", distinct=True),
        evaluated=Count("comments", filter=Q(comments__evaluation__isnull=False), distinct=True),
    )


def periods_of(process):
    """The comment periods of a process's plan, newest first, with their version (without its snapshot)."""
    return (
        Consultation.objects.filter(version__plan__process=process)
        .select_related("version", "version__plan")
        .defer("version__snapshot")
        .order_by("-opens_on", "-pk")
    )


def period_of(process, pk) -> Consultation | None:
    """One period of the process with its version's snapshot (for the document and the form), or None."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return (
        Consultation.objects.filter(version__plan__process=process, pk=pk)
        .select_related("version", "version__plan")
        .first()
    )


def versions_without_period(process):
    """Versions for public comments of the process's plan that have no comment period yet."""
    return (
        Version.objects.filter(plan__process=process, state=VersionState.COMMENT, consultation__isnull=True)
        .defer("snapshot")
        .order_by("-number")
    )


def summaries(process, today: dt.date | None = None) -> list[dict]:
    """``[{consultation, status, status_text}]`` of the process's periods, newest first (for links elsewhere)."""
    today = today or timezone.localdate()
    return [
        {"consultation": c, "status": status(c, today), "status_text": status_text(c, today)}
        for c in periods_of(process)
    ]
