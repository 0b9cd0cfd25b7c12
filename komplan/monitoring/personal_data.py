"""What monitoring stores about a person: the progress reports they wrote and the reminders sent to them.

Registered in the personal-data export (komplan.accounts.personal_data). On deletion the reports stay (they are
the record of the activity's fulfilment) without the name (``SET_NULL`` on ``ProgressReport.reported_by``); the
reminders sent to the person are deleted with them (``CASCADE`` on ``Reminder.user``).
"""

from __future__ import annotations

from .models import ProgressReport, Reminder


def progress_reports(user) -> list[dict]:
    reports = (
        ProgressReport.objects.filter(reported_by=user)
        .select_related("period__process", "activity")
        .order_by("period__year", "pk")
    )
    return [
        {
            "process_slug": r.period.process.slug,
            "year": r.period.year,
            "activity": r.activity.title,
            "status": r.status,
            "progress": r.progress,
            "note": r.note,
            "reason": r.reason,
            "reported": r.reported_at.isoformat(),
        }
        for r in reports
    ]


def reminders(user) -> list[dict]:
    sent = Reminder.objects.filter(user=user).select_related("period__process").order_by("sent_at", "pk")
    return [
        {
            "process_slug": r.period.process.slug,
            "year": r.period.year,
            "sent": r.sent_at.isoformat(),
            "activities_not_reported": r.activities,
        }
        for r in sent
    ]
