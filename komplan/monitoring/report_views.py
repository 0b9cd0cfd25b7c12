"""Public pages of the yearly evaluation reports at `<process>/plneni/zpravy/` (namespace monitoring_reports).

Only published reports exist here: the list, one report `<year>/` (its frozen snapshot rendered like a plan
version, with the council's approval) and its files `<year>.pdf` and `<year>.docx` (generated on the first
download and kept, komplan.monitoring.report_files). A report that is not published is a 404, as is any other
format.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from komplan.meetings.files import file_response
from komplan.plan.outputs import FORMATS

from . import querysets, report_files, report_services
from .models import ReportState, YearlyReport


def _crumbs(process, *tail):
    listing = reverse("monitoring_reports:list", kwargs={"process": process.slug}) if tail else None
    return [(process.name, process.get_absolute_url()), (_("Reports on the fulfilment of the plan"), listing), *tail]


def _published(process, year: int) -> YearlyReport:
    found = YearlyReport.objects.for_process(process).filter(year=year, state=ReportState.PUBLISHED).first()
    if found is None or not found.is_frozen:
        raise Http404
    return found


def report_list(request, process):
    reports = querysets.published_reports(request.process)
    for report in reports:
        report.approval_note = report_services.report_approval_note(report)
    context = {"reports": reports, "breadcrumbs": _crumbs(request.process)}
    return render(request, "monitoring/report_list.html", context)


def detail(request, process, year: int):
    report = _published(request.process, year)
    context = {
        "report": report,
        "document": report.snapshot,
        "approval_note": report_services.report_approval_note(report),
        "steering_note": report_services.steering_note(report),
        "formats": [(fmt, fmt.upper()) for fmt in FORMATS],
        "breadcrumbs": _crumbs(request.process, (str(report.year), None)),
    }
    return render(request, "monitoring/report_detail.html", context)


def download(request, process, year: int, fmt: str):
    report = _published(request.process, year)
    if fmt not in FORMATS:
        raise Http404
    stored = report_files.frozen_file(report, fmt)
    return file_response(stored.file, FORMATS[fmt], download_name=report_files.filename(report, fmt), private=False)
