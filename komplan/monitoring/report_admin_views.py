"""Staff pages of the yearly evaluation reports at `<process>/sprava/plneni/zpravy/` (namespace
monitoring_reports_admin; docs/monitoring.md, "Yearly evaluation report").

Every member sees the reports, a report's page (its state, the document: the live draft or the frozen snapshot)
and may download its PDF/DOCX (view_internal); writing the report (create, edit the narrative) needs edit_plan, its
approvals, returning it to the draft and publishing need manage_process. A step the life cycle refuses answers
409 with the reason at the form; a save over a newer edit answers 409 with the other person's text shown.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from komplan.accounts.roles import Perm
from komplan.meetings.files import file_response
from komplan.plan.approval import default_body
from komplan.plan.outputs import FORMATS
from komplan.territory.access import internal_view
from komplan.territory.views import workspace_crumbs

from . import report_content, report_files, report_services
from .models import ReportState, YearlyReport
from .report_forms import CouncilForm, CreateReportForm, ReportTextsForm, SteeringForm


def _crumbs(request, *tail):
    listing = reverse("monitoring_reports_admin:list", kwargs={"process": request.process.slug}) if tail else None
    return workspace_crumbs(request.process, (_("Yearly reports"), listing), *tail)


def _report(request, year: int) -> YearlyReport:
    found = YearlyReport.objects.for_process(request.process).filter(year=year).first()
    if found is None:
        raise Http404
    return found


def _to_detail(request, report):
    return redirect("monitoring_reports_admin:detail", process=request.process.slug, year=report.year)


def _free_years(process) -> list[int]:
    taken = set(YearlyReport.objects.for_process(process).values_list("year", flat=True))
    return [y for y in report_services.years_with_action_plan(process) if y not in taken]


def _listing(request, form=None, status=200):
    can_edit = request.access.can(Perm.EDIT_PLAN)
    years = _free_years(request.process)
    if form is None and can_edit and years:
        form = CreateReportForm(years=years, initial={"year": years[-1]})
    context = {
        "reports": YearlyReport.objects.for_process(request.process).order_by("-year"),
        "form": form if can_edit else None,
        "can_edit": can_edit,
        "breadcrumbs": _crumbs(request),
    }
    return render(request, "monitoring/report_admin_list.html", context, status=status)


@internal_view(Perm.VIEW_INTERNAL)
def report_list(request, process):
    return _listing(request)


@require_POST
@internal_view(Perm.EDIT_PLAN)
def create(request, process):
    form = CreateReportForm(request.POST, years=_free_years(request.process))
    if not form.is_valid():
        return _listing(request, form, status=400)
    try:
        report = report_services.create_report(
            request.process, form.cleaned_data["year"], request.user, form.cleaned_data["title"]
        )
    except report_services.ReportRefused as exc:
        form.add_error("year", str(exc))
        return _listing(request, form, status=409)
    messages.success(request, _("The report for %(year)s was created.") % {"year": report.year})
    return _to_detail(request, report)


def _detail(request, report, status=200, **forms):
    can_manage = request.access.can(Perm.MANAGE_PROCESS)
    allowed = report_services.allowed_steps(report) if can_manage else []
    allowed += [name for name in forms if name not in allowed]  # a refused form is shown again with its error
    municipality = request.process.responsible_municipality
    body = default_body(municipality.name, municipality.population) if municipality else ""
    context = {
        "report": report,
        "document": report.snapshot if report.is_frozen else report_content.build(report),
        "approval_note": report_services.report_approval_note(report),
        "steering_note": report_services.steering_note(report),
        "allowed": allowed,
        "can_edit": request.access.can(Perm.EDIT_PLAN) and report.state == ReportState.DRAFT,
        "steering_form": forms.get("steering") or SteeringForm(report=report),
        "council_form": forms.get("council") or CouncilForm(report=report, initial={"body": body}),
        "formats": [(fmt, fmt.upper()) for fmt in FORMATS],
        "breadcrumbs": _crumbs(request, (str(report.year), None)),
    }
    return render(request, "monitoring/report_admin_detail.html", context, status=status)


@internal_view(Perm.VIEW_INTERNAL)
def detail(request, process, year: int):
    return _detail(request, _report(request, year))


def _editor(request, report, form, status=200, **extra):
    context = {
        "report": report,
        "form": form,
        "preview": {name: form[name].value() or "" for name in ("introduction", "evaluation", "conclusions")},
        "breadcrumbs": _crumbs(
            request,
            (str(report.year), reverse("monitoring_reports_admin:detail", args=[request.process.slug, report.year])),
            (_("Edit the texts"), None),
        ),
        **extra,
    }
    return render(request, "monitoring/report_admin_edit.html", context, status=status)


def _initial(report) -> dict:
    return {
        "title": report.title,
        "introduction": report.introduction,
        "evaluation": report.evaluation,
        "conclusions": report.conclusions,
        "opened_version": report.version,
    }


@internal_view(Perm.EDIT_PLAN)
def edit(request, process, year: int):
    report = _report(request, year)
    if request.method != "POST":
        return _editor(request, report, ReportTextsForm(initial=_initial(report)))
    form = ReportTextsForm(request.POST)
    if not form.is_valid():
        return _editor(request, report, form, status=400)
    if "preview" in request.POST:
        return _editor(request, report, form, previewing=True)
    try:
        report_services.save_texts(report, form.texts(), request.user, form.cleaned_data["opened_version"])
    except report_services.ReportConflict as exc:
        fresh = exc.current
        data = request.POST.copy()
        data["opened_version"] = str(fresh.version)
        form = ReportTextsForm(data)
        form.is_valid()
        form.add_error(
            None,
            _(
                "Someone else saved the report after you opened it. Their text is shown below the form; your text "
                "is kept in the fields. Merge them and save again."
            ),
        )
        theirs = [(form[name].label, getattr(fresh, name)) for name in report_services.TEXT_FIELDS]
        return _editor(request, fresh, form, status=409, conflict=theirs, conflict_by=fresh.updated_by)
    except report_services.ReportRefused as exc:
        form.add_error(None, str(exc))
        return _editor(request, report, form, status=409)
    messages.success(request, _("The texts of the report were saved."))
    return _to_detail(request, report)


def _step(request, year: int, name: str, form_class, run):
    """A life-cycle step: the form (if any), the service (409 with its reason when refused), back to the report."""
    report = _report(request, year)
    form = form_class(request.POST, report=report) if form_class else None
    if form is not None and not form.is_valid():
        return _detail(request, report, status=400, **{name: form})
    try:
        done = run(report, form.cleaned_data if form is not None else {})
    except report_services.ReportRefused as exc:
        if form is None:
            messages.error(request, str(exc))
            return _detail(request, report, status=409)
        form.add_error(None, str(exc))
        return _detail(request, report, status=409, **{name: form})
    messages.success(request, _("The report is now: %(state)s.") % {"state": done.get_state_display()})
    return _to_detail(request, done)


@require_POST
@internal_view(Perm.MANAGE_PROCESS)
def approve_steering(request, process, year: int):
    def run(report, data):
        return report_services.approve_by_steering(report, data["approved_on"], data["record"], request.user)

    return _step(request, year, "steering", SteeringForm, run)


@require_POST
@internal_view(Perm.MANAGE_PROCESS)
def return_to_draft(request, process, year: int):
    return _step(
        request, year, "return", None, lambda found, _data: report_services.return_to_draft(found, request.user)
    )


@require_POST
@internal_view(Perm.MANAGE_PROCESS)
def approve_council(request, process, year: int):
    def run(report, data):
        return report_services.approve_by_council(
            report, data["body"], data["resolution_number"], data["resolution_date"], request.user
        )

    return _step(request, year, "council", CouncilForm, run)


@require_POST
@internal_view(Perm.MANAGE_PROCESS)
def publish(request, process, year: int):
    return _step(request, year, "publish", None, lambda report, data: report_services.publish(report, request.user))


@internal_view(Perm.VIEW_INTERNAL)
def download(request, process, year: int, fmt: str):
    """The PDF or DOCX: a frozen report's stored file, a draft's made now from the live data (never stored)."""
    report = _report(request, year)
    if fmt not in FORMATS:
        raise Http404
    name = report_files.filename(report, fmt)
    if report.is_frozen:
        stored = report_files.frozen_file(report, fmt)
        return file_response(stored.file, FORMATS[fmt], download_name=name, private=True)
    response = HttpResponse(report_files.draft_file(report, fmt), content_type=FORMATS[fmt])
    response["Content-Disposition"] = _attachment(name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _attachment(name: str) -> str:
    from django.utils.http import content_disposition_header

    return content_disposition_header(True, name)
