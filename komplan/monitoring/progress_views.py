"""Reporting the progress of one's activities (namespace monitoring_admin).

* ``moje/`` – the activities of the open monitoring periods the person reports (their scope from
  komplan.monitoring.permissions.scope_for), reported or not;
* ``<year>/aktivita/<id>/`` – the progress form of one activity: status, progress, the note of the period, the
  reason, the money spent per funding source next to the plan, the measured values of its indicators, and the
  reports of earlier years. An activity the person does not report is refused with 403 and the reason; in a closed
  period the form is shown read-only with the reason (409 on saving); a report saved by someone else since the
  form was opened is a conflict (409) showing their version, nothing is overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from komplan.accounts.roles import Perm
from komplan.directory.models import Codelist, CodelistItem
from komplan.strategy import querysets as strategy_queries
from komplan.territory.access import internal_view

from . import querysets, services
from .admin_views import crumbs, overview_url, period_state
from .forms import all_valid, progress_input, put_errors, read_only, report_forms
from .models import MonitoringPeriod, ProgressReport
from .permissions import scope_for
from .staff_queries import attach_responsibles, set_totals

BACK_TO_MINE = "moje"


@internal_view(Perm.REPORT_PROGRESS)
def my_activities(request, process):
    scope = scope_for(request.access, request.user)
    sections = []
    for period in querysets.periods(request.process):
        if not period.is_open:
            continue
        tree = querysets.year_tree(request.process, period.year)
        mine = [a for a in tree.activities if scope.covers(a)]
        attach_responsibles(request.process, mine)
        set_totals(mine)
        for activity in mine:
            activity.can_report = True
        state = period_state(period)
        sections.append(
            {
                "period": period,
                "state": state,
                "reportable": state in ("open", "overdue"),
                "activities": mine,
                "reported": sum(1 for a in mine if a.report is not None),
                "caption_id": f"moje-{period.year}",
            }
        )
    context = {
        "sections": sections,
        "everything": scope.everything,
        "title": _("My activities to report"),
        "breadcrumbs": crumbs(request, (_("My activities to report"), None)),
    }
    return render(request, "monitoring/progress_mine.html", context)


def _activity(request, pk: int):
    found = (
        strategy_queries.activities_with_content()
        .select_related("measure__priority", "responsible_member__user", "responsible_provider")
        .filter(measure__priority__process=request.process, pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    found.number = strategy_queries.number_of(request.process, "activity", found.pk)
    return found


def _current(period: MonitoringPeriod, activity) -> ProgressReport | None:
    return (
        ProgressReport.objects.filter(period=period, activity=activity)
        .select_related("reported_by")
        .prefetch_related("spendings__source", "indicator_values__indicator")
        .first()
    )


def _planned(activity, year: int) -> dict[str, Decimal]:
    planned: dict[str, Decimal] = {}
    for cost in activity.costs.all():
        if cost.year == year:
            code = cost.source.code if cost.source_id else ""
            planned[code] = planned.get(code, Decimal(0)) + cost.amount
    return planned


def _refused(request, reason: str, status: int, period=None):
    title = _("Not allowed")
    back = overview_url(request.process, period.year if period else None)
    context = {"title": title, "reason": reason, "back": back, "breadcrumbs": crumbs(request, (title, None))}
    return render(request, "monitoring/progress_refused.html", context, status=status)


def _row_errors(formsets) -> list[tuple[str, str]]:
    """(anchor, message) of every error in the rows, for the summary at the top of the page."""
    found = []
    for formset in formsets:
        for error in formset.non_form_errors():
            found.append(("", error))
        for number, row in enumerate(formset.forms, start=1):
            for name, errors in row.errors.items():
                anchor = f"#{row[name].auto_id}" if name in row.fields and name != "indicator" else ""
                label = formset.caption if not anchor else f"{formset.caption}, {row.fields[name].label}"
                where = _("%(label)s (row %(number)d)") % {"label": label, "number": number}
                found.extend((anchor, f"{where}: {error}") for error in errors)
    return found


def _page(request, ctx, form, spendings, indicators, status=200, **extra):
    period, activity = ctx.period, ctx.activity
    spendings.caption = _("Money actually spent in %(year)s") % {"year": period.year}
    indicators.caption = _("Measured values of the indicators")
    labels = {item.code: item.label for item in ctx.sources}
    planned = [(labels.get(code, _("source not given")), amount) for code, amount in ctx.planned.items()]
    title = _("Progress of %(number)s %(title)s in %(year)s") % {
        "number": activity.number,
        "title": activity.title,
        "year": period.year,
    }
    mine = request.GET.get("zpet") == BACK_TO_MINE
    context = {
        "period": period,
        "state": period_state(period),
        "activity": activity,
        "report": ctx.report,
        "form": form,
        "spendings": spendings,
        "indicators": indicators,
        "row_errors": _row_errors([spendings, indicators]) if form.is_bound else [],
        "planned": planned,
        "planned_total": sum(ctx.planned.values(), Decimal(0)),
        "history": [r for r in querysets.history_of(activity) if r.period.year < period.year],
        "title": title,
        "back": mine,
        "back_url": reverse("monitoring_admin:my_activities", kwargs={"process": request.process.slug})
        if mine
        else overview_url(request.process, period.year),
        "breadcrumbs": crumbs(request, (title, None)),
        **extra,
    }
    return render(request, "monitoring/progress_form.html", context, status=status)


@dataclass
class Reporting:
    period: MonitoringPeriod
    activity: object
    report: ProgressReport | None
    sources: list
    planned: dict


@require_http_methods(["GET", "POST"])
@internal_view(Perm.REPORT_PROGRESS)
def progress(request, process, year: int, pk: int):
    period = querysets.period_for(request.process, year)
    if period is None:
        raise Http404
    activity = _activity(request, pk)
    scope = scope_for(request.access, request.user)
    closed = None
    try:
        services.check_reportable(period, activity, scope)
    except PermissionDenied as exc:
        return _refused(request, str(exc), 403, period)
    except ValidationError as exc:
        return _refused(request, " ".join(exc.messages), 404, period)
    except services.PeriodClosed as exc:
        closed = str(exc)
    sources = list(CodelistItem.objects.filter(codelist=Codelist.FUNDING_SOURCE).order_by("pk"))
    ctx = Reporting(period, activity, _current(period, activity), sources, _planned(activity, period.year))
    data = request.POST if request.method == "POST" else None
    forms = report_forms(activity, ctx.report, sources, ctx.planned, data)
    if closed is not None:
        read_only(*forms)
        return _page(request, ctx, *forms, closed=closed, status=409 if data is not None else 200)
    if data is None:
        return _page(request, ctx, *forms)
    if not all_valid(*forms):
        return _page(request, ctx, *forms, status=400)
    return _save(request, ctx, scope, *forms)


def _save(request, ctx: Reporting, scope, form, spendings, indicators):
    data_in, spending_forms, indicator_forms = progress_input(form, spendings, indicators)
    try:
        services.save_progress(
            ctx.period, ctx.activity, request.user, scope, data_in, form.cleaned_data.get("opened_version")
        )
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            put_errors(exc.message_dict, form, spendings, indicators, spending_forms, indicator_forms)
        else:
            form.add_error(None, exc.messages)
        return _page(request, ctx, form, spendings, indicators, status=400)
    except PermissionDenied as exc:
        return _refused(request, str(exc), 403, ctx.period)
    except services.PeriodClosed as exc:
        read_only(form, spendings, indicators)
        return _page(request, ctx, form, spendings, indicators, closed=str(exc), status=409)
    except services.ReportConflict:
        ctx.report = _current(ctx.period, ctx.activity)
        form.data = form.data.copy()
        form.data["opened_version"] = str(ctx.report.version)
        form.add_error(
            None,
            _(
                "Someone else saved the report after you opened it. Their version is shown below; your changes are "
                "kept in the form. Merge them and save again."
            ),
        )
        return _page(request, ctx, form, spendings, indicators, status=409, conflict=ctx.report)
    activity = ctx.activity
    messages.success(
        request,
        _("The progress of %(number)s %(title)s was saved.") % {"number": activity.number, "title": activity.title},
    )
    if request.GET.get("zpet") == BACK_TO_MINE:
        return redirect("monitoring_admin:my_activities", process=request.process.slug)
    return redirect(overview_url(request.process, ctx.period.year) + f"#aktivita-{activity.pk}")
