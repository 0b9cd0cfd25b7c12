"""Public pages: home, the process site ("Průběh plánování"), information pages, text size."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from komplan.consultation.querysets import summaries as consultation_summaries
from komplan.lib.text import czech_key
from komplan.meetings.querysets import next_public_meeting
from komplan.surveys.models import Survey
from komplan.territory.models import Phase, PlanningProcess
from komplan.territory.phases import describe
from komplan.territory.services import current_phase, phase_dates

from .context_processors import FONT_COOKIE, FONT_SIZES
from .forms import PageForm
from .models import PageKey
from .pages import PAGE_LABELS, PAGE_SLUGS, get_page, save_page


def _timeline(phases: list[Phase]) -> list[dict]:
    current = current_phase(phases)
    return [
        {
            "phase": p,
            "start": phase_dates(p)[0],
            "end": phase_dates(p)[1],
            "description": describe(p),
            "is_current": current is not None and p.pk == current.pk,
            "planned": p.actual_start is None,
        }
        for p in phases
    ]


def home(request):
    processes = sorted(PlanningProcess.objects.visible_to(request.user).with_area(), key=lambda p: czech_key(p.name))
    cards = [
        {
            "process": p,
            "current": current_phase(list(p.phases.all())),
            "municipality_count": p.municipalities.count(),
        }
        for p in processes
    ]
    return render(request, "portal/home.html", {"cards": cards})


def process_home(request, process):
    process = request.process
    phases = list(Phase.objects.for_process(process).order_by("order"))
    municipalities = sorted(process.municipalities.all(), key=lambda m: czech_key(m.name))
    surveys = list(Survey.objects.for_process(process).filter(is_published=True))
    return render(
        request,
        "portal/process.html",
        {
            "open_surveys": [s for s in surveys if s.public_link and s.is_open()],
            "any_surveys": any(s.public_link for s in surveys),
            "survey_results": any(s.results_public for s in surveys),
            "next_meeting": next_public_meeting(process),
            "consultations": consultation_summaries(process),
            "timeline": _timeline(phases),
            "current": current_phase(phases),
            "municipalities": municipalities,
            "area_population": process.municipalities.aggregate(total=Sum("population"))["total"],
            "breadcrumbs": [(process.name, None)],
        },
    )


def page(request, key):
    page = get_page(key)
    return render(
        request,
        "portal/page.html",
        {
            "page": page,
            "can_edit": request.user.has_perm("portal.change_page"),
            "edit_url": reverse(f"portal:{key}_edit"),
            "processes": PlanningProcess.objects.public().select_related("responsible_municipality")
            if key == PageKey.CONTACT
            else None,
            "breadcrumbs": [(page.title, None)],
        },
    )


@login_required
@permission_required("portal.change_page", raise_exception=True)
def page_edit(request, key):
    if key not in PAGE_SLUGS:
        raise Http404
    form = PageForm(request.POST or None, instance=get_page(key))
    if request.method == "POST" and form.is_valid():
        save_page(key, form.cleaned_data, request.user)
        messages.success(request, _("The page was saved."))
        return redirect(f"portal:{key}")
    return render(
        request,
        "portal/page_edit.html",
        {
            "form": form,
            "view_url": reverse(f"portal:{key}"),
            "breadcrumbs": [(PAGE_LABELS[key], reverse(f"portal:{key}")), (_("Edit page"), None)],
        },
    )


def font_size(request):
    """Set the text size cookie and go back; a plain link, so it works without JavaScript."""
    size = request.GET.get("size")
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = redirect(target)
    if size in FONT_SIZES:
        response.set_cookie(FONT_COOKIE, size, max_age=365 * 24 * 3600, samesite="Lax")
    return response
