"""The content of the yearly evaluation report (zpráva o plnění) as a document snapshot (docs/monitoring.md).

``build(report)`` reads the action plan of the report's year (``querysets.year_tree``), the carry-over log of that
year and the report's narrative texts, and returns the document in the shape komplan.plan renders and prints
(komplan.plan.services.build): ``{"title", "period_from", "period_to", "subtitle", "year", "chapters": [{"key",
"title", "blocks": [...]}]}`` with narrative blocks (``{"kind": "narrative", "paragraphs": [{"id", "text"}]}``) and
generated ones (``{"kind": "generated", "source", "items": [...]}``, items of komplan.plan.sources and charts).

Nine chapters: introduction, summary, fulfilment per priority and measure, the activities (one row per activity
of the year's action plan, each exactly once), indicators, money by funding source, what was carried over (and
what is unfinished and not carried yet), evaluation, conclusions. ``compose`` does the work on data already read
and touches no database. Every number is formatted in the active language (komplan.lib.numbers); the snapshot
holds strings only, so a frozen report reads the same whatever the data do later.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from komplan.lib.numbers import format_number
from komplan.plan import charts
from komplan.plan.paragraphs import split
from komplan.plan.sources import para, table

from . import rollup
from .models import CarryKind, CarryOver, Status

STATUS_ORDER = (
    Status.DONE,
    Status.RUNNING,
    Status.NOT_STARTED,
    Status.POSTPONED,
    Status.CANCELLED,
    rollup.NOT_REPORTED,
)
UNFINISHED = {Status.RUNNING, Status.NOT_STARTED, Status.POSTPONED, rollup.NOT_REPORTED}
CARRIED_KINDS = (CarryKind.NEXT_YEAR, CarryKind.PROJECT_STORE)


@dataclass(frozen=True)
class Texts:
    """What the people write: the title and the three narrative parts (Markdown)."""

    title: str
    year: int
    introduction: str = ""
    evaluation: str = ""
    conclusions: str = ""


@dataclass(frozen=True)
class Carried:
    """One entry of the carry-over log of the year."""

    activity_id: int | None
    title: str
    kind: str
    to_year: int | None
    status: str


# ------------------------------------------------------------------------------------------------- formatting


def percent(value) -> str:
    """ "63,3 %" (one decimal, in the active language); "–" when there is no value."""
    return "–" if value is None else f"{format_number(value, 1)} %"


def share_cell(value) -> str:
    """A percentage in a table cell whose header says "(%)": "63,3"; "–" when there is no value."""
    return "–" if value is None else format_number(value, 1)


def amount(value) -> str:
    """Whole crowns with thousands grouping: "100 000"."""
    return format_number(value or 0, 0)


def number(value) -> str:
    """An indicator value: whole numbers without decimals, others with two."""
    if value is None:
        return "–"
    value = Decimal(value)
    return format_number(value, 0 if value == value.to_integral_value() else 2)


def date(value) -> str:
    return formats.date_format(value, "j. n. Y") if value else ""


def status_text(status: str) -> str:
    if status == rollup.NOT_REPORTED:
        return _("not reported")
    return str(Status(status).label)


def statuses_text(counter) -> str:
    """ "done 2, running 1" in the fixed order of statuses."""
    return ", ".join(f"{status_text(s)} {counter[s]}" for s in STATUS_ORDER if counter.get(s))


def label(node) -> str:
    return f"{node.number} {node.title}"


def subtitle(year: int) -> str:
    return _("Report on the fulfilment of the community plan for %(year)s") % {"year": year}


# ------------------------------------------------------------------------------------------------- blocks


def narrative(key: str, text: str) -> dict:
    """A narrative block of the report: the Markdown split into paragraphs with stable ids ("uvod-1", …)."""
    parts = split(text)
    if not parts:
        return generated(key, [para(_("This part has not been written."))])
    return {"kind": "narrative", "paragraphs": [{"id": f"{key}-{i}", "text": t} for i, t in enumerate(parts, 1)]}


def generated(source: str, items: list[dict]) -> dict:
    return {"kind": "generated", "source": f"report_{source}", "items": items}


def chapter(key: str, title: str, *blocks: dict) -> dict:
    return {"key": key, "title": str(title), "blocks": list(blocks)}


# ------------------------------------------------------------------------------------------------- chapters


def summary(tree) -> list[dict]:
    total = tree.total
    out = [
        para(
            _(
                "Activities in the action plan for %(year)s: %(count)s, of them reported in the monitoring of the "
                "year: %(reported)s."
            )
            % {"year": tree.year, "count": total.activities, "reported": total.reported}
        )
    ]
    rows = [[status_text(s), total.statuses[s]] for s in STATUS_ORDER if total.statuses.get(s)]
    rows.append([_("Total"), total.activities])
    out.append(table(_("Activities by status"), [_("Status"), _("Activities")], rows))
    out.append(
        para(
            _(
                "The overall progress of the action plan is %(progress)s: the mean progress of its activities, "
                "cancelled activities left out and activities not reported counted as 0 %%."
            )
            % {"progress": percent(total.progress)}
        )
    )
    money_ = {"planned": amount(total.planned_total), "spent": amount(total.spent_total)}
    spent_share = rollup.share(total.spent_total, total.planned_total)
    if spent_share is None:
        out.append(para(_("Money planned for the year: %(planned)s CZK; spent: %(spent)s CZK.") % money_))
    else:
        text = _("Money planned for the year: %(planned)s CZK; spent: %(spent)s CZK (%(share)s of the plan).")
        out.append(para(text % {**money_, "share": percent(spent_share)}))
    if any(p.rollup.progress is not None for p in tree.priorities):
        out.append(
            charts.bar(
                _("Progress by priority in %(year)s") % {"year": tree.year},
                _(
                    "Mean progress of the activities of each priority in per cent; the line marks 100 %, "
                    "everything done. Priorities whose activities were all cancelled have no bar."
                ),
                [label(p) for p in tree.priorities],
                [None if p.rollup.progress is None else float(p.rollup.progress) for p in tree.priorities],
                value_label=_("Progress (%)"),
                category_label=_("Priority"),
                reference=(100, _("Done")),
                decimals=1,
            )
        )
    return out


def per_priority(tree) -> list[dict]:
    out = []
    header = [_("Measure"), _("Activities"), _("Progress (%)"), _("Statuses")]
    for priority in tree.priorities:
        rows = [
            [label(m), m.rollup.activities, share_cell(m.rollup.progress), statuses_text(m.rollup.statuses)]
            for m in priority.year_measures
        ]
        roll = priority.rollup
        rows.append([_("Priority total"), roll.activities, share_cell(roll.progress), statuses_text(roll.statuses)])
        out.append(table(_("Priority %(priority)s") % {"priority": label(priority)}, header, rows))
    return out


def activity_note(activity) -> str:
    report = activity.report
    if report is None:
        return ""
    parts = [report.note.strip()] if report.note.strip() else []
    if report.reason.strip():
        parts.append(_("Reason: %(reason)s") % {"reason": report.reason.strip()})
    return " ".join(parts)


def activity_progress(activity) -> str:
    facts = activity.facts
    if facts.status == rollup.NOT_REPORTED:
        return "–"
    return share_cell(100 if facts.status == rollup.DONE else facts.progress)


def activities(tree, providers: dict[int, str]) -> list[dict]:
    header = [_("Number"), _("Activity"), _("Responsible organisation"), _("Status"), _("Progress (%)"), _("Note")]
    rows = [
        [
            a.number,
            a.title,
            a.responsible_organisation or providers.get(a.responsible_provider_id, ""),
            status_text(a.facts.status),
            activity_progress(a),
            activity_note(a),
        ]
        for a in tree.activities
    ]
    caption = _("Activities of the action plan for %(year)s") % {"year": tree.year}
    return [
        table(caption, header, rows),
        para(
            _(
                "Progress is the state reported at the end of the year; an activity that was not reported shows "
                "“–” and counts with zero progress in the overall figures."
            )
        ),
    ]


def indicators(tree) -> list[dict]:
    header = [_("Activity"), _("Indicator"), _("Unit"), _("Target value"), _("Actual value"), _("Measured on")]
    header.append(_("Share of the target (%)"))
    rows = [
        [
            label(a),
            row.name,
            row.unit,
            number(row.target),
            number(row.value),
            date(row.measured_on) or "–",
            share_cell(row.share),
        ]
        for a in tree.activities
        for row in a.indicator_rows
    ]
    if not rows:
        return [para(_("No activity of the action plan for %(year)s has an indicator.") % {"year": tree.year})]
    return [table(_("Indicators of the activities in %(year)s") % {"year": tree.year}, header, rows)]


def money(tree) -> list[dict]:
    found = tree.money_rows(tree.total)
    if not found:
        return [para(_("No money was planned or spent on the activities of the action plan for %(year)s.") % _y(tree))]
    header = [_("Funding source"), _("Planned (CZK)"), _("Spent (CZK)"), _("Spent of the plan (%)")]
    rows = [
        [source or _("Source not given"), amount(planned), amount(spent), share_cell(rollup.share(spent, planned))]
        for source, planned, spent in found
    ]
    total = tree.total
    rows.append(
        [
            _("Total"),
            amount(total.planned_total),
            amount(total.spent_total),
            share_cell(rollup.share(total.spent_total, total.planned_total)),
        ]
    )
    out = [table(_("Spending against the plan by funding source in %(year)s") % _y(tree), header, rows)]
    planned = [(source or _("Source not given"), p, s) for source, p, s in found if p]
    if planned:
        out.append(
            charts.bar(
                _("Money spent as a share of the plan by funding source in %(year)s") % _y(tree),
                _(
                    "Money spent on the activities of the action plan as a percentage of the money planned, one bar "
                    "per funding source with planned money; the line marks 100 %, the plan. The amounts are in the "
                    "table above."
                ),
                [source for source, _p, _s in planned],
                [float(rollup.share(s, p)) for _source, p, s in planned],
                value_label=_("Spent of the plan (%)"),
                category_label=_("Funding source"),
                reference=(100, _("Plan")),
                decimals=1,
            )
        )
    return out


def _y(tree) -> dict:
    return {"year": tree.year}


def destination(entry: Carried, year: int) -> str:
    if entry.kind == CarryKind.PROJECT_STORE:
        return _("Project store")
    return _("Action plan for %(year)s") % {"year": entry.to_year or year + 1}


def carried_over(tree, carried: list[Carried]) -> list[dict]:
    numbers = {a.pk: a.number for a in tree.activities}
    out = []
    if carried:
        header = [_("Number"), _("Activity"), _("Status when carried"), _("Carried to")]
        rows = [
            [
                numbers.get(c.activity_id, ""),
                c.title,
                status_text(c.status) if c.status else "–",
                destination(c, tree.year),
            ]
            for c in carried
        ]
        caption = _("Activities carried to the next year or moved to the project store")
        out.append(table(caption, header, rows))
    else:
        none = _("No activity of %(year)s has been carried over or moved to the project store yet.")
        out.append(para(none % _y(tree)))
    done_ids = {c.activity_id for c in carried if c.activity_id}
    waiting = [a for a in tree.activities if a.facts.status in UNFINISHED and a.pk not in done_ids]
    if waiting:
        rows = [[a.number, a.title, status_text(a.facts.status), activity_progress(a)] for a in waiting]
        out.append(
            table(
                _("Unfinished activities not carried over yet"),
                [_("Number"), _("Activity"), _("Status"), _("Progress (%)")],
                rows,
            )
        )
    return out


# ------------------------------------------------------------------------------------------------- the document


def compose(texts: Texts, tree, carried: list[Carried], providers: dict[int, str]) -> dict:
    """The report from data already read (no database): see the module docstring."""
    return {
        "title": texts.title,
        "period_from": texts.year,
        "period_to": texts.year,
        "year": texts.year,
        "subtitle": subtitle(texts.year),
        "chapters": [
            chapter("uvod", _("Introduction"), narrative("uvod", texts.introduction)),
            chapter("souhrn", _("Summary of the fulfilment"), generated("summary", summary(tree))),
            chapter("priority", _("Fulfilment by priority and measure"), generated("priorities", per_priority(tree))),
            chapter(
                "aktivity", _("Activities of the action plan"), generated("activities", activities(tree, providers))
            ),
            chapter("indikatory", _("Indicators"), generated("indicators", indicators(tree))),
            chapter("finance", _("Spending against the plan by funding source"), generated("money", money(tree))),
            chapter("prevod", _("Carried over"), generated("carried", carried_over(tree, carried))),
            chapter("hodnoceni", _("Evaluation"), narrative("hodnoceni", texts.evaluation)),
            chapter("zavery", _("Conclusions and recommendations"), narrative("zavery", texts.conclusions)),
        ],
    }


def carried_of(process, year: int) -> list[Carried]:
    entries = (
        CarryOver.objects.for_process(process)
        .filter(from_year=year, kind__in=CARRIED_KINDS)
        .select_related("activity", "sheet")
        .order_by("at", "pk")
    )
    return [
        Carried(
            activity_id=e.activity_id,
            title=e.activity.title if e.activity_id else (e.sheet.title if e.sheet_id else ""),
            kind=e.kind,
            to_year=e.to_year,
            status=e.status,
        )
        for e in entries
    ]


def providers_of(tree) -> dict[int, str]:
    from komplan.directory.models import Organization

    ids = {a.responsible_provider_id for a in tree.activities if a.responsible_provider_id}
    return dict(Organization.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}


def build(report) -> dict:
    """The report from the live data: what a draft shows and what the steering group's approval freezes."""
    from . import querysets

    tree = querysets.year_tree(report.process, report.year)
    texts = Texts(
        title=report.title,
        year=report.year,
        introduction=report.introduction,
        evaluation=report.evaluation,
        conclusions=report.conclusions,
    )
    return compose(texts, tree, carried_of(report.process, report.year), providers_of(tree))
