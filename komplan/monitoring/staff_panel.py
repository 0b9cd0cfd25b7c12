"""The workspace panel of reporting: the link to the staff overview, and the periods open for reporting."""

from __future__ import annotations

from komplan.accounts.roles import Perm

from .models import MonitoringPeriod


def reporting_panel(request) -> dict | None:
    access = getattr(request, "access", None)
    if access is None or not access.can(Perm.VIEW_INTERNAL):
        return None
    open_periods = list(
        MonitoringPeriod.objects.for_process(request.process).filter(closed_at__isnull=True).order_by("-year")
    )
    return {
        "template": "monitoring/_workspace_panel.html",
        "open_periods": open_periods,
        "reports": access.can(Perm.REPORT_PROGRESS),
    }
