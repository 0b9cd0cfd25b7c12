"""The public socio-demographic analysis of a process (/<process>/analyzy/demografie/) and its downloads.

Query parameters (every state has a shareable URL, the page works without JavaScript):
``scenar`` (scenario code), ``horizont`` (years ahead: 5 … 30), ``obec`` (a municipality of the area to show
in the pyramid and the time series), ``razeni`` (table order: a column key, ``-`` for descending).
Invalid values answer 400 with the form showing the error.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from komplan.demography import presentation
from komplan.demography.analysis import DEFAULT_HORIZON, HORIZONS, analyse
from komplan.demography.models import Chapter
from komplan.demography.projections import ProjectionUnavailable
from komplan.demography.querysets import scenarios_for
from komplan.demography.structures import NoReference
from komplan.lib.tables import to_csv, to_xlsx_sheets
from komplan.lib.text import czech_key


class BadParameter(ValueError):
    def __init__(self, parameter: str, message: str):
        self.parameter = parameter
        super().__init__(message)


def _area(process) -> list:
    return sorted(process.municipalities.all(), key=lambda m: czech_key(m.name))


def _choices(request, process, area: list):
    scenarios = scenarios_for(process)
    chosen = {
        "scenar": request.GET.get("scenar", "medium"),
        "horizont": request.GET.get("horizont", str(DEFAULT_HORIZON)),
        "obec": request.GET.get("obec", ""),
        "razeni": request.GET.get("razeni", ""),
    }
    scenario = next((s for s in scenarios if s.code == chosen["scenar"]), None)
    if scenario is None and scenarios:
        raise BadParameter("scenar", _("Choose one of the offered scenarios."))
    if not chosen["horizont"].isdecimal() or int(chosen["horizont"]) not in HORIZONS:
        raise BadParameter("horizont", _("Choose a horizon of 5 to 30 years in steps of five."))
    focus = None
    if chosen["obec"]:
        focus = next((m for m in area if m.code == chosen["obec"]), None)
        if focus is None:
            raise BadParameter("obec", _("This municipality is not in the planning area."))
    if chosen["razeni"] and chosen["razeni"].lstrip("-") not in presentation.SORT_KEYS:
        raise BadParameter("razeni", _("The table cannot be sorted by this column."))
    return scenarios, scenario, int(chosen["horizont"]), focus, chosen


def demography(request, process):
    process = request.process
    area = _area(process)
    context = {
        "breadcrumbs": [(process.name, process.get_absolute_url()), (_("Socio-demographic analysis"), None)],
        "horizons": HORIZONS,
        "area": area,
        "can_manage": request.access.can("manage_analysis"),
    }
    try:
        scenarios, scenario, horizon, focus, chosen = _choices(request, process, area)
    except BadParameter as exc:
        context.update(error=exc, chosen=request.GET, scenarios=scenarios_for(process))
        return render(request, "portal/demography/page.html", context, status=400)
    context.update(scenarios=scenarios, chosen=chosen, scenario=scenario, horizon=horizon)
    if scenario is None:
        return render(request, "portal/demography/page.html", context)
    try:
        result = analyse(area, scenario, horizon)
        focused = analyse([focus], scenario, horizon) if focus and len(area) > 1 else result
    except (ProjectionUnavailable, NoReference):
        return render(request, "portal/demography/page.html", context)
    focus_name = focus.name if focus else (area[0].name if len(area) == 1 else _("the planning area"))
    columns, rows = presentation.table_view(result, chosen["razeni"], lambda value: _with(request, razeni=value))
    context.update(
        presentation.page_context(result, focused, focus_name),
        columns=columns,
        table_rows=rows,
        downloads=download_links(process, chosen),
        chapter=Chapter.objects.filter(process=process).first(),
    )
    return render(request, "portal/demography/page.html", context)


def _with(request, **values) -> str:
    query = request.GET.copy()
    for key, value in values.items():
        query[key] = value
    return f"?{query.urlencode()}#obce"


def demography_download(request, process, table: str, fmt: str):
    process = request.process
    area = _area(process)
    try:
        _scenarios, scenario, horizon, _focus, _chosen = _choices(request, process, area)
    except BadParameter as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    if scenario is None or table not in presentation.TABLES:
        raise Http404
    try:
        result = analyse(area, scenario, horizon)
    except (ProjectionUnavailable, NoReference):
        raise Http404 from None
    title, header, rows = presentation.TABLES[table](result)
    filename = f"{process.slug}-demografie-{table}"
    if fmt == "csv":
        response = HttpResponse(to_csv(header, rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    content = to_xlsx_sheets([(title, header, rows)])
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def download_links(process, chosen: dict) -> dict[str, dict[str, str]]:
    """Per table, the CSV and XLSX addresses carrying the page's scenario and horizon."""
    from urllib.parse import urlencode

    query = urlencode({k: chosen[k] for k in ("scenar", "horizont") if chosen.get(k)})
    links = {}
    for table in presentation.TABLES:
        links[table] = {
            fmt: reverse(f"portal:demography_{fmt}", kwargs={"process": process.slug, "table": table}) + f"?{query}"
            for fmt in ("csv", "xlsx")
        }
    return links


def chapter(request, process):
    """The chapter "Socio-demographic analysis": the coordinator's text, or a preview generated from the data."""
    from komplan.demography.chapter import area_name, generate
    from komplan.demography.querysets import default_scenario
    from komplan.lib.markdown import render_markdown

    process = request.process
    saved = Chapter.objects.filter(process=process).select_related("updated_by").first()
    text, preview = (saved.text, False) if saved else (None, True)
    if text is None:
        scenario = default_scenario(process)
        area = _area(process)
        try:
            if scenario is None:
                raise ProjectionUnavailable("no scenario")
            text = generate(analyse(area, scenario), area_name(process), language=request.LANGUAGE_CODE)
        except (ProjectionUnavailable, NoReference):
            text = ""
    return render(
        request,
        "portal/demography/chapter.html",
        {
            "chapter": saved,
            "preview": preview,
            "html": mark_safe(render_markdown(text)),  # nh3-sanitised
            "can_manage": request.access.can("manage_analysis"),
            "breadcrumbs": [
                (process.name, process.get_absolute_url()),
                (_("Socio-demographic analysis"), reverse("portal:demography", kwargs={"process": process.slug})),
                (_("Chapter of the plan"), None),
            ],
        },
    )
