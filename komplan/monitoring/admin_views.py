"""Staff overview of reporting at `<process>/sprava/plneni/` (namespace monitoring_admin).

Every member sees the monitoring periods and, for the chosen year (``?rok=``), the action plan with each
activity's status, progress, money and who is responsible, and a link to report the activities their scope
(komplan.monitoring.permissions.scope_for) covers. The coordinator (manage_process) also sees the completeness of
reporting, opens, closes and reopens periods and sends reminders (POST, after a confirmation page).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from komplan.accounts.roles import Perm
from komplan.strategy import querysets as strategy_queries
from komplan.territory.access import internal_view
from komplan.territory.views import workspace_crumbs

from . import querysets, reminders, services, staff_queries
from .forms import PeriodForm
from .models import MonitoringPeriod
from .permissions import scope_for


def crumbs(request, *tail):
    overview = reverse("monitoring_admin:overview", kwargs={"process": request.process.slug}) if tail else None
    return workspace_crumbs(request.process, (_("Progress of the action plan"), overview), *tail)


def overview_url(process, year: int | None = None) -> str:
    url = reverse("monitoring_admin:overview", kwargs={"process": process.slug})
    return f"{url}?rok={year}" if year else url


def chosen_year(request, periods: list[MonitoringPeriod], plan_years: list[int]) -> int:
    """``?rok=`` when it is a year with a period or an action plan; else the newest open period, the newest
    period, the latest action-plan year or this year."""
    asked = request.GET.get("rok", "")
    known = {p.year for p in periods} | set(plan_years)
    if asked.isdigit() and int(asked) in known:
        return int(asked)
    open_years = [p.year for p in periods if p.is_open]
    if open_years:
        return max(open_years)
    if periods:
        return max(p.year for p in periods)
    return max(plan_years) if plan_years else timezone.localdate().year


def period_state(period: MonitoringPeriod | None, today=None) -> str:
    today = today or timezone.localdate()
    if period is None:
        return "none"
    if not period.is_open:
        return "closed"
    if today < period.opens_on:
        return "not_yet"
    return "overdue" if today > period.deadline else "open"


def _overview(request, period_form=None, status=200):
    process = request.process
    periods = querysets.periods(process)
    plan_years = strategy_queries.action_plan_years(process)
    year = chosen_year(request, periods, plan_years)
    tree = querysets.year_tree(process, year)
    activities = tree.activities
    staff_queries.attach_responsibles(process, activities)
    staff_queries.set_totals(activities)
    scope = scope_for(request.access, request.user)
    period = tree.period
    reportable = period is not None and period_state(period) in ("open", "overdue")
    for activity in activities:
        activity.can_report = period is not None and scope.covers(activity)
    coordinator = request.access.can(Perm.MANAGE_PROCESS)
    context = {
        "periods": periods,
        "years": sorted({p.year for p in periods} | set(plan_years), reverse=True),
        "year": year,
        "tree": tree,
        "period": period,
        "state": period_state(period),
        "reportable": reportable,
        "coordinator": coordinator,
        "see_names": request.access.can(Perm.VIEW_PERSONAL_DATA),
        "reminder_log": staff_queries.reminder_log(period),
        "breadcrumbs": crumbs(request),
    }
    if coordinator:
        context["completeness"] = staff_queries.completeness(staff_queries.facts_for(activities))
        context["to_remind"] = staff_queries.missing_from(activities) if reportable else []
        years = {p.year for p in periods}
        suggested = next((y for y in sorted(plan_years) if y not in years), None)
        context["period_form"] = period_form or PeriodForm(initial={"year": suggested})
    return render(request, "monitoring/admin_overview.html", context, status=status)


@internal_view(Perm.VIEW_INTERNAL)
def overview(request, process):
    return _overview(request)


@require_POST
@internal_view(Perm.MANAGE_PROCESS)
def period_open(request, process):
    form = PeriodForm(request.POST)
    if not form.is_valid():
        return _overview(request, form, status=400)
    data = form.cleaned_data
    try:
        period = services.open_period(request.process, data["year"], data["opens_on"], data["deadline"], data["note"])
    except ValidationError as exc:
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
        return _overview(request, form, status=400)
    except IntegrityError:
        form.add_error("year", _("The monitoring period %(year)s exists already.") % {"year": data["year"]})
        return _overview(request, form, status=400)
    messages.success(request, _("The monitoring period %(year)s was opened.") % {"year": period.year})
    return redirect(overview_url(request.process, period.year))


def _period(request, year: int) -> MonitoringPeriod:
    found = querysets.period_for(request.process, year)
    if found is None:
        raise Http404
    return found


def _confirm(request, period, action: str, title: str, text: str, button: str, **extra):
    context = {
        "period": period,
        "title": title,
        "text": text,
        "button": button,
        "action": reverse(f"monitoring_admin:{action}", kwargs={"process": request.process.slug, "year": period.year}),
        "back": overview_url(request.process, period.year),
        "breadcrumbs": crumbs(request, (title, None)),
        **extra,
    }
    return render(request, "monitoring/admin_confirm.html", context)


def _unreported_count(period: MonitoringPeriod) -> int:
    return len(reminders.unreported(period))


@require_http_methods(["GET", "POST"])
@internal_view(Perm.MANAGE_PROCESS)
def period_close(request, process, year: int):
    period = _period(request, year)
    if request.method == "POST":
        try:
            services.close_period(period, request.user)
        except services.PeriodClosed as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The monitoring period %(year)s was closed.") % {"year": period.year})
        return redirect(overview_url(request.process, period.year))
    missing = _unreported_count(period)
    text = _(
        "After closing, the reports of %(year)s can no longer be saved or changed by anyone; the yearly report "
        "uses them as they are. You can reopen the period later."
    ) % {"year": period.year}
    if missing:
        text += " " + ngettext(
            "%(count)d activity has not been reported.",
            "%(count)d activities have not been reported.",
            missing,
        ) % {"count": missing}
    title = _("Close the monitoring period %(year)s?") % {"year": period.year}
    return _confirm(request, period, "period_close", title, text, _("Close the period"))


@require_http_methods(["GET", "POST"])
@internal_view(Perm.MANAGE_PROCESS)
def period_reopen(request, process, year: int):
    period = _period(request, year)
    if request.method == "POST":
        if period.is_open:
            messages.info(request, _("The monitoring period %(year)s is open already.") % {"year": period.year})
        else:
            services.reopen_period(period)
            messages.success(request, _("The monitoring period %(year)s was reopened.") % {"year": period.year})
        return redirect(overview_url(request.process, period.year))
    title = _("Reopen the monitoring period %(year)s?") % {"year": period.year}
    text = _(
        "Reopening lets the responsible people and the coordinator change the reports of %(year)s again, until "
        "the period is closed once more."
    ) % {"year": period.year}
    return _confirm(request, period, "period_reopen", title, text, _("Reopen the period"))


@require_http_methods(["GET", "POST"])
@internal_view(Perm.MANAGE_PROCESS)
def remind(request, process, year: int):
    """GET: who gets a reminder and about which activities; POST: send them (one e-mail per person)."""
    period = _period(request, year)
    if request.method == "POST":
        try:
            report = reminders.send_reminders(period, request.user, base_url=settings.SITE_URL)
        except services.PeriodClosed as exc:
            messages.error(request, str(exc))
            return redirect(overview_url(request.process, period.year))
        if report.sent:
            messages.success(
                request,
                ngettext(
                    "A reminder was sent to %(count)d person.",
                    "A reminder was sent to %(count)d people.",
                    len(report.sent),
                )
                % {"count": len(report.sent)},
            )
        elif not report.failed:
            messages.info(request, _("Nobody needed a reminder: every activity with someone responsible is reported."))
        if report.failed:
            messages.error(
                request, _("Not sent (the mail server refused it): %(names)s.") % {"names": ", ".join(report.failed)}
            )
        return redirect(overview_url(request.process, period.year))
    title = _("Send reminders for %(year)s?") % {"year": period.year}
    refused = None
    try:
        services.check_open(period)
    except services.PeriodClosed as exc:
        refused = str(exc)
    people = reminders.missing_by_person(period) if refused is None else []
    text = _(
        "Each person below gets one e-mail listing their unreported activities with a link to each report form "
        "and the deadline, %(deadline)s."
    ) % {"deadline": date_format(period.deadline, "j. n. Y")}
    return _confirm(
        request,
        period,
        "remind",
        title,
        text,
        _("Send the reminders"),
        people=people,
        refused=refused,
        see_names=request.access.can(Perm.VIEW_PERSONAL_DATA),
    )
