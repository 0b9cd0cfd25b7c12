"""Generated blocks: a registry of sources, each a function(process) → a JSON-able list of items.

Items: ``{"type": "heading", "text"}``, ``{"type": "paragraph", "text"}`` (plain text),
``{"type": "markdown", "text"}`` (rendered and sanitised like narrative text) and
``{"type": "table", "caption", "header": [...], "rows": [[...], ...]}`` and charts (komplan.plan.charts: the
chart's data, caption and text alternative; drawn only where the numbers exist). A source without data answers
with one paragraph saying so. No source emits names of private persons: organisations and counts only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from django.db.models import Count, Q
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from komplan.accounts.models import Membership
from komplan.accounts.roles import Triad
from komplan.demography import querysets as demography_queries
from komplan.demography.analysis import DEFAULT_HORIZON, analyse
from komplan.demography.chapter import area_name
from komplan.demography.engine import ages
from komplan.demography.models import Chapter as DemographyChapter
from komplan.demography.projections import ProjectionUnavailable
from komplan.demography.structures import GRID, NoReference
from komplan.lib.text import czech_key
from komplan.meetings.models import Meeting
from komplan.needs import analysis as needs_analysis
from komplan.needs import chapter as needs_chapter
from komplan.needs.inputs import NoPopulation
from komplan.planning import querysets as planning_queries
from komplan.strategy import querysets as strategy_queries
from komplan.strategy.models import Cost
from komplan.surveys.models import ResponseStatus, Survey
from komplan.territory.models import Phase
from komplan.vision import querysets as vision_queries

from . import charts

Source = Callable[[object], list[dict]]
SOURCES: dict[str, tuple[str, Source]] = {}


def register(key: str, label):
    """Register a source (the public-comment app registers its annex here too)."""

    def wrap(func: Source) -> Source:
        SOURCES[key] = (label, func)
        return func

    return wrap


def generate(key: str, process) -> list[dict]:
    if key not in SOURCES:
        return [para(_("This block has an unknown data source."))]
    return SOURCES[key][1](process)


def para(text: str) -> dict:
    return {"type": "paragraph", "text": str(text)}


def heading(text: str) -> dict:
    return {"type": "heading", "text": str(text)}


def table(caption: str, header: list[str], rows: list[list]) -> dict:
    """A table; every value is made a plain string (lazy translations are not JSON-able)."""
    return {
        "type": "table",
        "caption": str(caption),
        "header": [str(h) for h in header],
        "rows": [[str(c) for c in r] for r in rows],
    }


def _date(value) -> str:
    return formats.date_format(value, "j. n. Y") if value else ""


@register("preparation", gettext_lazy("How the plan was prepared"))
def preparation(process) -> list[dict]:
    out: list[dict] = []
    phases = list(Phase.objects.for_process(process).order_by("order"))
    if phases:
        rows = [
            [
                p.get_kind_display(),
                p.get_status_display(),
                _date(p.actual_start or p.planned_start),
                _date(p.actual_end or p.planned_end),
            ]
            for p in phases
        ]
        out.append(table(_("Phases of the process"), [_("Phase"), _("Status"), _("From"), _("To")], rows))
    bodies = list(planning_queries.bodies_for(process))
    if bodies:
        triads = dict(Triad.choices)
        rows = [[b.name, b.get_kind_display(), *b.triad_balance().values()] for b in bodies]
        out.append(table(_("Steering and working groups"), [_("Group"), _("Kind"), *triads.values()], rows))
    else:
        out.append(para(_("No steering or working group has been set up yet.")))
    meetings = list(Meeting.objects.for_process(process).order_by("starts_at"))
    if meetings:
        out.append(
            para(
                _("The groups met %(count)d times between %(first)s and %(last)s.")
                % {
                    "count": len(meetings),
                    "first": _date(meetings[0].starts_at.date()),
                    "last": _date(meetings[-1].starts_at.date()),
                }
            )
        )
        out.append(
            table(
                _("Meetings"),
                [_("Date"), _("Meeting")],
                [[_date(m.starts_at.date()), m.title] for m in meetings],
            )
        )
    else:
        out.append(para(_("No meeting has been held yet.")))
    return out


@register("demography", gettext_lazy("Socio-demographic analysis"))
def demography(process) -> list[dict]:
    found = DemographyChapter.objects.filter(process=process).first()
    if found is None or not found.text.strip():
        return [para(_("The socio-demographic analysis has not been written yet."))]
    return [{"type": "markdown", "text": found.text}, *demography_charts(process)]


def _rounded(values) -> list[int | None]:
    return [None if v is None else round(float(v)) for v in values]


def demography_charts(process) -> list[dict]:
    """The pyramid (now and at the horizon) and the 65+/80+ series of the area, when the population is loaded."""
    scenario = demography_queries.default_scenario(process)
    area = sorted(process.municipalities.all(), key=lambda m: czech_key(m.name))
    if scenario is None or not area:
        return []
    try:
        result = analyse(area, scenario, DEFAULT_HORIZON)
    except (ProjectionUnavailable, NoReference):
        return []
    name = area_name(process)
    (base_m, base_f), (hor_m, hor_f) = result.pyramid_base, result.pyramid_horizon
    years = {"name": name, "year": result.base_year, "horizon": result.horizon_year}
    out = [
        charts.pyramid_item(
            _("Age structure of %(name)s in %(year)s and %(horizon)s") % years,
            _(
                "Population pyramid: men on the left, women on the right, 5-year age groups from the youngest at "
                "the bottom. Bars show 1 January %(year)s, the outline the projection for %(horizon)s."
            )
            % years,
            ages.labels(GRID),
            (_rounded(base_m), _rounded(base_f), str(result.base_year)),
            compare=(_rounded(hor_m), _rounded(hor_f), _("projection %(year)s") % {"year": result.horizon_year}),
            men_label=_("Men"),
            women_label=_("Women"),
            value_label=_("Persons"),
            estimated=_("Estimated age structure") if result.any_estimated else "",
        )
    ]
    series = result.series
    out.append(
        charts.line(
            _("People aged 65+ and 80+ in %(name)s, %(first)s–%(last)s")
            % {"name": name, "first": series.years[0], "last": series.years[-1]},
            _("Yearly numbers until %(year)s, after it the projection every five years.") % years,
            [str(y) for y in series.years],
            [
                (_("Aged 65+"), _rounded(series.values["age_65_plus"])),
                (_("Aged 80+"), _rounded(series.values["age_80_plus"])),
            ],
            y_label=_("Persons"),
            category_label=_("Year"),
            x_positions=series.years,
            projected_from=series.projected_from,
        )
    )
    return out


@register("surveys", gettext_lazy("Surveys"))
def surveys(process) -> list[dict]:
    found = list(
        Survey.objects.for_process(process)
        .annotate(answered=Count("responses", filter=Q(responses__status=ResponseStatus.SUBMITTED)))
        .order_by("opens_at", "title")
    )
    run = [s for s in found if s.is_published]
    if not run:
        return [para(_("No survey has been run yet."))]
    rows = [[s.title, s.get_kind_display(), _date(s.opens_at), _date(s.closes_at), s.answered] for s in run]
    header = [_("Survey"), _("Kind"), _("Opened"), _("Closed"), _("Responses")]
    out = [table(_("Surveys of the process"), header, rows)]
    if any(s.answered for s in run):
        out.append(
            charts.bar(
                _("Responses per survey"),
                _("Number of submitted responses of each survey of the process."),
                [s.title for s in run],
                [s.answered for s in run],
                value_label=_("Responses"),
                category_label=_("Survey"),
            )
        )
    return out


@register("needs", gettext_lazy("Needs and resources"))
def needs(process) -> list[dict]:
    try:
        result = needs_analysis.compare_process(process, needs_analysis.choose(process))
    except (needs_analysis.BadParameter, NoPopulation):
        return [para(_("The needs cannot be compared with the supply yet: the population data have not been loaded."))]
    out = [{"type": "markdown", "text": needs_chapter.generate(result, needs_analysis.source_names())}]
    rows = [r for r in result.table.rows if r.area.coverage is not None]
    if rows:
        rows.sort(key=lambda r: r.area.coverage)
        out.append(
            charts.bar(
                _("Capacity against the need by type of service"),
                _(
                    "Registered capacity of the area as a percentage of today's need by the norm, one bar per type "
                    "of service, lowest first; the line marks 100 %, where the capacity meets the need. Units "
                    "differ between types (clients, beds), so the types are compared by this share."
                ),
                [result.row_label(r) for r in rows],
                [round(r.area.coverage, 1) for r in rows],
                value_label=_("Coverage (%)"),
                category_label=_("Type of social service"),
                reference=(100, _("Need covered")),
                decimals=1,
            )
        )
    return out


@register("vision", gettext_lazy("Vision"))
def vision(process) -> list[dict]:
    found = vision_queries.vision_of(process)
    if found is None or not found.text.strip():
        return [para(_("The vision has not been written yet."))]
    return [{"type": "markdown", "text": found.text}]


@register("swot", gettext_lazy("SWOT analysis"))
def swot(process) -> list[dict]:
    out: list[dict] = []
    for board in vision_queries.boards(process, with_evidence=False):
        if not board.items:
            continue
        title = _("Overall SWOT analysis") if board.is_overall else _("SWOT of %(group)s") % {"group": board.body.name}
        out.append(heading(title))
        for quadrant in board.quadrants:
            if quadrant.items:
                out.append(table(quadrant.label, [quadrant.label], [[item.text] for item in quadrant.items]))
    return out or [para(_("No SWOT analysis has been made yet."))]


@register("strategy", gettext_lazy("Strategy"))
def strategy(process) -> list[dict]:
    tree = strategy_queries.tree_for(process)
    if not tree:
        return [para(_("No priority has been set yet."))]
    out: list[dict] = []
    for priority in tree:
        out.append(heading(f"{priority.number} {priority.title}"))
        if priority.description:
            out.append(para(priority.description))
        for measure in priority.measures.all():
            rows = [[a.number, a.title, a.responsible_organisation] for a in measure.activities.all()]
            caption = f"{measure.number} {measure.title}"
            if rows:
                out.append(table(caption, [_("Number"), _("Activity"), _("Responsible")], rows))
            else:
                out.append(para(caption + " – " + _("no activity yet.")))
    counts = [sum(len(m.activities.all()) for m in p.measures.all()) for p in tree]
    if any(counts):
        out.append(
            charts.bar(
                _("Activities per priority"),
                _("Number of activities planned under each priority."),
                [f"{p.number} {p.title}" for p in tree],
                counts,
                value_label=_("Activities"),
                category_label=_("Priority"),
            )
        )
    return out


@register("action_plan", gettext_lazy("Action plan"))
def action_plan(process) -> list[dict]:
    years = strategy_queries.action_plan_years(process)
    if not years:
        return [para(_("No activity has been put into an action plan yet."))]
    out: list[dict] = []
    for year in years:
        rows = [
            [a.number, a.title, a.responsible_organisation, " – ".join(filter(None, [_date(a.start), _date(a.end)]))]
            for a in strategy_queries.action_plan(process, year)
        ]
        header = [_("Number"), _("Activity"), _("Responsible"), _("Timeframe")]
        out.append(table(_("Action plan for %(year)d") % {"year": year}, header, rows))
    chart = action_plan_costs(process)
    if chart:
        out.append(chart)
    return out


def action_plan_costs(process) -> dict | None:
    """Estimated costs of the action-plan activities per year, one line per funding source (None without costs)."""
    costs = Cost.objects.filter(
        activity__measure__priority__process=process, activity__plan_years__isnull=False
    ).select_related("source")
    totals: dict[tuple[int, str], float] = {}
    for cost in {c.pk: c for c in costs}.values():  # the join on plan years repeats a cost per year
        key = (cost.year, cost.source.label if cost.source else _("Source not given"))
        totals[key] = totals.get(key, 0) + float(cost.amount)
    if not totals:
        return None
    years = sorted({year for year, _source in totals})
    sources_ = sorted({source for _year, source in totals})
    series = [(source, [totals.get((year, source), 0) for year in years]) for source in sources_]
    return charts.line(
        _("Estimated costs of the action plan by year and funding source"),
        _("Sum of the estimated costs of the activities in the action plans per year, one line per source, in CZK."),
        [str(y) for y in years],
        series,
        y_label=_("CZK"),
        category_label=_("Year"),
    )


@register("project_store", gettext_lazy("Project store"))
def project_store(process) -> list[dict]:
    sheets = list(strategy_queries.project_store(process))
    if not sheets:
        return [para(_("The project store is empty."))]
    rows = [[s.title, s.proposer_organisation or s.responsible_organisation] for s in sheets]
    return [table(_("Project store"), [_("Project"), _("Organisation")], rows)]


@register("participants", gettext_lazy("List of participants"))
def participants(process) -> list[dict]:
    memberships = Membership.objects.filter(process=process).exclude(organisation="")
    counts = Counter((m.organisation.strip(), m.triad) for m in memberships)
    if not counts:
        return [para(_("No participating organisation has been recorded yet."))]
    triads = dict(Triad.choices)
    rows = [[org, triads.get(triad, triad), n] for (org, triad), n in sorted(counts.items())]
    header = [_("Organisation"), _("Triad"), _("Members")]
    return [table(_("Participating organisations"), header, rows)]
