"""What the strategy app stores about a person: the activity sheets they proposed and the workflow steps they took.

Registered in the personal-data export (komplan.accounts.personal_data). On deletion the sheets stay with
their organisation and content (they may already be part of the action plan), only the link to the person
is removed (``SET_NULL`` on ``proposer`` and ``SheetLog.by``).
"""

from __future__ import annotations

from .models import ActivitySheet, SheetLog


def activity_sheets(user) -> list[dict]:
    sheets = (
        ActivitySheet.objects.filter(proposer__user=user)
        .select_related("process")
        .prefetch_related("log")
        .order_by("submitted_at", "pk")
    )
    return [
        {
            "process_slug": sheet.process.slug,
            "title": sheet.title,
            "organisation": sheet.proposer_organisation,
            "state": sheet.state,
            "submitted": sheet.submitted_at.isoformat(),
            "steps": [
                {"at": step.at.isoformat(), "from": step.from_state, "to": step.to_state, "comment": step.comment}
                for step in sheet.log.all()
            ],
        }
        for sheet in sheets
    ]


def sheet_decisions(user) -> list[dict]:
    """Workflow steps this person took on others' sheets (as a coordinator), by sheet title."""
    steps = SheetLog.objects.filter(by=user).exclude(sheet__proposer__user=user).select_related("sheet__process")
    return [
        {"process_slug": s.sheet.process.slug, "sheet": s.sheet.title, "at": s.at.isoformat(), "to": s.to_state}
        for s in steps.order_by("at", "pk")
    ]
