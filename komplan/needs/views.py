"""The public needs vs. supply analysis (/<process>/analyzy/potreby/), its downloads and the chapter.

Query parameters (every state has a shareable URL, the page works without JavaScript): ``rok`` (the horizon
year), ``scenar`` (scenario code), ``normy`` (norm set), ``obec`` (one municipality of the area), ``druh`` (the
row shown in the coverage chart), ``srovnat`` (a second norm set to compare with). Invalid values answer 400
with the form showing the error at its field.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from komplan.lib.markdown import render_markdown
from komplan.lib.tables import to_csv, to_xlsx_sheets

from . import analysis, chapter, presentation
from .inputs import NoPopulation, base_year, horizon_years

PARAMETERS = {"rok": "year", "scenar": "scenario", "normy": "norms", "obec": "municipality"}
FROM_PARAMETER = {value: key for key, value in PARAMETERS.items()}


def _choose(request, process) -> analysis.Choice:
    values = {name: request.GET.get(key, "").strip() for key, name in PARAMETERS.items()}
    try:
        return analysis.choose(process, **values)
    except analysis.BadParameter as exc:
        exc.parameter = FROM_PARAMETER[exc.parameter]
        raise


def _crumbs(process, *tail):
    page = reverse("needs:page", kwargs={"process": process.slug}) if tail else None
    return [(process.name, process.get_absolute_url()), (_("Needs and resources"), page), *tail]


def page(request, process):
    process = request.process
    context = {
        "breadcrumbs": _crumbs(process),
        "can_manage": request.access.can("manage_analysis"),
        "chosen": request.GET,
    }
    try:
        choice = _choose(request, process)
    except analysis.BadParameter as exc:
        context.update(error=exc, choice=analysis.choose(process), years=[])
        return render(request, "needs/page.html", context, status=400)
    base = base_year([m.pk for m in choice.area])
    context.update(choice=choice, years=horizon_years(base) if base else [])
    try:
        result = analysis.compare_process(process, choice)
    except NoPopulation as exc:
        context["no_population"] = str(exc)
        return render(request, "needs/page.html", context)
    rows = result.table.rows
    other = next((s for s in choice.norm_sets if s.slug == request.GET.get("srovnat") and s != choice.norm_set), None)
    if other is not None:
        second = analysis.compare_process(process, replace(choice, norm_set=other))
        context.update(other_set=other, set_rows=presentation.set_comparison(result, second))
    focus_key = request.GET.get("druh", "")
    focus_row = next((r for r in rows if "-".join(r.norm.key) == focus_key), rows[0] if rows else None)
    query = urlencode({k: v for k, v in request.GET.items() if k in PARAMETERS and v})
    context.update(
        result=result,
        area_rows=presentation.area_rows(result),
        municipality_rows=presentation.municipality_rows(result) if len(result.table.municipalities) > 1 else [],
        funding=presentation.funding_rows(result, analysis.source_names()),
        evidence_labels=presentation.evidence_labels(),
        evidence_kinds=presentation.EVIDENCE_KINDS,
        gap_chart=presentation.gap_chart(result) if rows else None,
        coverage_chart=presentation.coverage_chart(result, focus_row) if focus_row else None,
        focus_row=focus_row,
        row_keys=[("-".join(r.norm.key), result.row_label(r)) for r in rows],
        focus_key="-".join(focus_row.norm.key) if focus_row else "",
        downloads={
            fmt: reverse(f"needs:{fmt}", kwargs={"process": process.slug}) + (f"?{query}" if query else "")
            for fmt in ("csv", "xlsx")
        },
        chapter_url=reverse("needs:chapter", kwargs={"process": process.slug}) + (f"?{query}" if query else ""),
        demography_url=reverse("portal:demography", kwargs={"process": process.slug})
        + "?"
        + urlencode(
            {
                "scenar": choice.scenario.code if choice.scenario else "medium",
                "horizont": min(max(result.year - result.gathered.base_year, 5), 30) // 5 * 5,
            }
        ),
    )
    return render(request, "needs/page.html", context)


def download(request, process, fmt: str):
    process = request.process
    try:
        choice = _choose(request, process)
        result = analysis.compare_process(process, choice)
    except (analysis.BadParameter, NoPopulation) as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    header = presentation.header(result)
    rows = presentation.download_rows(result)
    filename = f"{process.slug}-potreby-{choice.norm_set.slug}"
    if fmt == "csv":
        response = HttpResponse(to_csv(header, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            to_xlsx_sheets([(_("Needs and resources"), header, rows)]),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def chapter_page(request, process):
    """The generated chapter for the chosen parameters, as a page to read and copy into the plan."""
    process = request.process
    try:
        choice = _choose(request, process)
        result = analysis.compare_process(process, choice)
    except (analysis.BadParameter, NoPopulation) as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    text = chapter.generate(result, analysis.source_names(), language=request.LANGUAGE_CODE)
    return render(
        request,
        "needs/chapter.html",
        {
            "html": mark_safe(render_markdown(text)),  # nh3-sanitised
            "markdown": text,
            "breadcrumbs": _crumbs(process, (_("Chapter of the plan"), None)),
        },
    )
