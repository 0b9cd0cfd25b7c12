"""Reminder e-mails to the people who have not reported their activities in a monitoring period.

Who is reminded (docs/monitoring.md, "Staff pages: reporting"): for every activity of the period's action plan
without a report, its responsible member (while the membership and the account are active) and the editors of its
responsible provider in the process (active members who may report progress). Each person gets one e-mail listing
their unreported activities with a link to each progress form and the deadline; every e-mail sent is logged as a
``Reminder``. A closed period (or one not yet open) sends nothing.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from komplan.strategy import querysets as strategy_queries

from . import services
from .models import MonitoringPeriod, ProgressReport, Reminder
from .staff_queries import Missing, attach_responsibles, missing_from

logger = logging.getLogger(__name__)


def unreported(period: MonitoringPeriod) -> list:
    """The activities of the period's action plan without a report, numbered, in number order."""
    reported = set(ProgressReport.objects.filter(period=period).values_list("activity_id", flat=True))
    activities = [a for a in strategy_queries.action_plan(period.process, period.year) if a.pk not in reported]
    for activity in activities:
        activity.report = None
    return activities


def missing_by_person(period: MonitoringPeriod) -> list[Missing]:
    """Every person responsible for at least one unreported activity of the period, with those activities."""
    activities = unreported(period)
    attach_responsibles(period.process, activities)
    return missing_from(activities)


def form_url(period: MonitoringPeriod, activity, base_url: str) -> str:
    path = reverse(
        "monitoring_admin:progress",
        kwargs={"process": period.process.slug, "year": period.year, "pk": activity.pk},
    )
    return base_url.rstrip("/") + path


def message(period: MonitoringPeriod, missing: Missing, base_url: str) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        deadline = date_format(period.deadline, "j. n. Y")
        subject = _("Reminder: progress of the action plan %(year)s, due %(deadline)s") % {
            "year": period.year,
            "deadline": deadline,
        }
        body = render_to_string(
            "monitoring/reminder_email.txt",
            {
                "name": missing.name,
                "period": period,
                "process": period.process,
                "deadline": deadline,
                "activities": [(a, form_url(period, a, base_url)) for a in missing.activities],
                "my_url": base_url.rstrip("/")
                + reverse("monitoring_admin:my_activities", kwargs={"process": period.process.slug}),
                "site_name": settings.KOMPLAN_SITE_NAME,
            },
        )
    return EmailMessage(subject, body, from_email=settings.DEFAULT_FROM_EMAIL, to=[missing.user.email])


@dataclass
class SendReport:
    sent: list[Missing] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def send_reminders(
    period: MonitoringPeriod, sender, people: Iterable | None = None, base_url: str | None = None
) -> SendReport:
    """E-mail everyone who has unreported activities in ``period`` (or only ``people``: users or their ids) and
    log a ``Reminder`` for each e-mail sent; PeriodClosed for a closed period or one not yet open."""
    period = MonitoringPeriod.objects.select_related("process").get(pk=period.pk)
    services.check_open(period)
    base_url = settings.SITE_URL if base_url is None else base_url
    chosen = None if people is None else {getattr(p, "pk", p) for p in people}
    report = SendReport()
    now = timezone.now()
    by = sender if sender is not None and sender.is_authenticated else None
    connection = get_connection()
    try:
        for missing in missing_by_person(period):
            if chosen is not None and missing.user.pk not in chosen:
                continue
            try:
                connection.send_messages([message(period, missing, base_url)])
            except (smtplib.SMTPException, OSError) as exc:
                logger.warning("reminder of period %s to user %s not sent: %s", period.pk, missing.user.pk, exc)
                report.failed.append(missing.name)
                continue
            Reminder.objects.create(
                period=period, user=missing.user, sent_at=now, sent_by=by, activities=len(missing.activities)
            )
            report.sent.append(missing)
    finally:
        connection.close()
    return report
