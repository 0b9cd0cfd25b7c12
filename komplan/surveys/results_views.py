"""Results of surveys (``/<process>/analyzy/pruzkumy/…``, namespace ``survey_results``).

Who sees what:

* the results page, its PDF and the chapter: everyone when ``survey.results_public``, otherwise members with
  ``view_internal`` only (404 for anyone else, as if the survey did not exist);
* staff (``view_internal``) also see free-text and "other" answers; the public sees categories and word
  frequencies only (``analysis.Audience``);
* the answers as CSV/XLSX: ``view_internal``; respondents' contacts: ``view_personal_data`` only;
* coding free-text answers into categories: ``manage_surveys``.

Filters are GET parameters (shareable URLs): ``skupina`` (``question:answer``), ``kanal``, ``verze``,
``podle`` (a closed question to cross-tabulate by). A bad value answers 400 with the error at its field.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from komplan.accounts.roles import Perm
from komplan.territory.access import internal_view

from . import analysis as results
from . import results_presentation as presentation
from .definition import QuestionType
from .models import Channel, Survey


def _staff(request) -> bool:
    return request.access.can(Perm.VIEW_INTERNAL)


def visible_survey(request, slug: str) -> Survey:
    """The survey of the request's process whose results this person may see, else 404."""
    survey = get_object_or_404(Survey.objects.for_process(request.process), slug=slug)
    if not (survey.results_public and survey.is_published) and not _staff(request):
        raise Http404
    return survey


def audience(request) -> results.Audience:
    return results.Audience.STAFF if _staff(request) else results.Audience.PUBLIC


def _crumbs(request, survey: Survey | None = None, *tail) -> list:
    process = request.process
    crumbs = [(process.name, process.get_absolute_url())]
    index = reverse("survey_results:index", kwargs={"process": process.slug})
    if survey is None:
        return [*crumbs, (_("Survey results"), None)]
    crumbs.append((_("Survey results"), index))
    page = reverse("survey_results:results", kwargs={"process": process.slug, "survey": survey.slug})
    return [*crumbs, (survey.title, page if tail else None), *tail]


@require_GET
def survey_index(request, process):
    """The surveys whose results this person may see."""
    surveys = Survey.objects.for_process(request.process)
    if not _staff(request):
        surveys = surveys.filter(results_public=True, is_published=True)
    return render(
        request,
        "surveys/results/index.html",
        {"surveys": surveys.order_by("-created_at"), "staff": _staff(request), "breadcrumbs": _crumbs(request)},
    )


def _form_context(survey: Survey, definition, filters_data) -> dict:
    versions = [v.number for v in results.versions_of(survey)]
    return {
        "group_options": results.group_options(survey, definition),
        "channel_options": list(Channel.choices),
        "version_options": versions if len(versions) > 1 else [],
        "by_options": [(q.key, q.label) for q in definition.questions() if q.type in results.GROUPABLE],
        "chosen": {name: filters_data.get(name, "") for name in results.PARAMETERS.values()},
    }


def _downloads(request, survey: Survey, filters: results.Filters) -> dict:
    from urllib.parse import urlencode

    kwargs = {"process": request.process.slug, "survey": survey.slug}
    query = urlencode(filters.query())
    suffix = f"?{query}" if query else ""
    links = {
        "pdf": reverse("survey_results:pdf", kwargs=kwargs) + suffix,
        "chapter": reverse("survey_results:chapter", kwargs=kwargs),
    }
    if _staff(request):
        links["csv"] = reverse("survey_results:export_csv", kwargs=kwargs) + suffix
        links["xlsx"] = reverse("survey_results:export_xlsx", kwargs=kwargs) + suffix
        links["codebook"] = reverse("survey_results:codebook", kwargs=kwargs)
    if request.access.can(Perm.VIEW_PERSONAL_DATA) and survey.collects_contact:
        links["contacts"] = reverse("survey_results:contacts", kwargs=kwargs)
    return links


@require_GET
def survey_results(request, process, survey):
    """The results page: every question with its chart and table, optionally for a group and by a question."""
    survey = visible_survey(request, survey)
    context = {
        "survey": survey,
        "staff": _staff(request),
        "can_code": request.access.can(Perm.MANAGE_SURVEYS),
        "breadcrumbs": _crumbs(request, survey),
        "min_group": results.PUBLIC_MIN_GROUP,
        "free_text_types": QuestionType.FREE_TEXT,
        "kind_heading": chapter_heading(survey),
    }
    try:
        filters = results.parse_filters(survey, request.GET)
    except results.BadFilter as exc:
        definition = results.analysed_definition(survey)
        context.update(_form_context(survey, definition, request.GET), error=exc, error_field=exc.field)
        return render(request, "surveys/results/page.html", context, status=400)
    result = results.cached_analyse(survey, filters, audience(request))
    context.update(
        _form_context(survey, result.definition, request.GET),
        analysis=result,
        sections=presentation.blocks(result),
        downloads=_downloads(request, survey, filters),
    )
    return render(request, "surveys/results/page.html", context)


def chapter_heading(survey: Survey) -> str:
    from .chapter import heading

    return heading(survey)


def _bad_filter(exc: results.BadFilter) -> HttpResponse:
    return HttpResponse(f"{exc.field}: {exc}", status=400, content_type="text/plain; charset=utf-8")


@require_GET
def analysis_pdf(request, process, survey):
    """The results (with the page's filters) as a PDF shown in the browser."""
    from .analysis_pdf import analysis_pdf as render_analysis

    survey = visible_survey(request, survey)
    try:
        filters = results.parse_filters(survey, request.GET)
    except results.BadFilter as exc:
        return _bad_filter(exc)
    pdf = render_analysis(survey, filters)  # aggregates only, whoever asks: a PDF gets passed on
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename=f"{request.process.slug}-{survey.slug}-vysledky.pdf"
    )
    return response


@require_GET
def survey_chapter(request, process, survey):
    """The generated chapter of the plan, rendered; its Markdown for staff to copy into the plan."""
    from komplan.lib.markdown import render_markdown

    from .chapter import generate, heading

    survey = visible_survey(request, survey)
    text = generate(results.cached_analyse(survey), language=request.LANGUAGE_CODE)
    if request.GET.get("format") == "md":
        response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=f"{request.process.slug}-{survey.slug}-kapitola.md"
        )
        return response
    return render(
        request,
        "surveys/results/chapter.html",
        {
            "survey": survey,
            "title": heading(survey),
            "html": mark_safe(render_markdown(text)),  # nh3-sanitised
            "markdown": text,
            "staff": _staff(request),
            "breadcrumbs": _crumbs(request, survey, (_("Chapter of the plan"), None)),
        },
    )


@require_GET
@internal_view(Perm.VIEW_INTERNAL)
def answers_export(request, process, survey, fmt):
    """Every sent response (with the page's filters) as CSV or XLSX: one row per response; no contacts."""
    from . import exports

    survey = get_object_or_404(Survey.objects.for_process(request.process), slug=survey)
    try:
        filters = results.parse_filters(survey, request.GET)
    except results.BadFilter as exc:
        return _bad_filter(exc)
    if fmt == "csv":
        return exports.csv_response(survey, filters)
    return exports.xlsx_response(survey, filters)


@require_GET
@internal_view(Perm.VIEW_INTERNAL)
def codebook_export(request, process, survey):
    """The columns of the answers export and the meaning of every code, as CSV."""
    from . import exports

    survey = get_object_or_404(Survey.objects.for_process(request.process), slug=survey)
    return exports.codebook_response(survey)


@require_GET
@internal_view(Perm.VIEW_PERSONAL_DATA)
def contacts_export(request, process, survey):
    """Contacts respondents gave with their consent (personal data), apart from the answers."""
    from . import exports

    survey = get_object_or_404(Survey.objects.for_process(request.process), slug=survey)
    return exports.contacts_response(survey)


def _int_list(values) -> list[int]:
    return [int(v) for v in values if str(v).isdecimal()]


def _coding_post(request, survey: Survey, key: str):
    """Add or delete a category, or save the categories of the answers on the page; None: the form has errors."""
    from . import coding

    action = request.POST.get("action")
    if action == "add":
        form = coding.CodeForm(request.POST, survey=survey, key=key)
        if not form.is_valid():
            return form
        coding.add_code(survey, key, form.cleaned_data["label"])
        messages.success(request, _("The category is added."))
    elif action == "delete" and str(request.POST.get("code", "")).isdecimal():
        if coding.delete_code(survey, key, int(request.POST["code"])):
            messages.success(request, _("The category is deleted, with its assignments."))
    elif action == "assign":
        shown = _int_list(request.POST.getlist("shown"))
        assignments = {rid: set(_int_list(request.POST.getlist(f"kategorie-{rid}"))) for rid in shown}
        coding.assign(survey, key, assignments)
        messages.success(request, _("The categories of the answers are saved."))
    else:
        return HttpResponseBadRequest(_("Unknown action."), content_type="text/plain; charset=utf-8")
    return redirect(request.get_full_path())


@internal_view(Perm.MANAGE_SURVEYS)
def coding_page(request, process, survey, key):
    """Staff sort the free-text answers of one question into categories; the results then count them."""
    from django.core.paginator import Paginator

    from . import coding

    survey = get_object_or_404(Survey.objects.for_process(request.process), slug=survey)
    question = coding.free_text_question(survey, key)
    if question is None:
        raise Http404
    form = coding.CodeForm(survey=survey, key=key)
    status = 200
    if request.method == "POST":
        outcome = _coding_post(request, survey, key)
        if not isinstance(outcome, coding.CodeForm):
            return outcome
        form, status = outcome, 400
    uncoded = request.GET.get("nekodovane") == "1"
    page = Paginator(coding.answers_of(survey, key, uncoded_only=uncoded), coding.PAGE_SIZE).get_page(
        request.GET.get("strana")
    )
    return render(
        request,
        "surveys/results/coding.html",
        {
            "survey": survey,
            "question": question,
            "codes": coding.codes_of(survey, key),
            "form": form,
            "page": page,
            "uncoded": uncoded,
            "breadcrumbs": _crumbs(request, survey, (_("Categories of answers"), None)),
        },
        status=status,
    )
