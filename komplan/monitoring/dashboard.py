"""What the public dashboard shows of one year (docs/monitoring.md, "Public dashboard"): rows built from a YearTree.

Pure presentation: ``querysets.year_tree`` reads the data and rolls it up; this module turns the tree into the rows
of the page's tables (progress bars with the number in text, money per priority and per funding source, the
indicators' actual values against their targets). Only public data: organisations, never people's names.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils.translation import gettext as _

from komplan.lib.charts import Chart, ChartOptions, ReferenceLine, TableData, bar_chart
from komplan.lib.numbers import format_number

from . import rollup
from .models import Status
from .querysets import YearTree, status_label

STATUS_ORDER = [*Status.values, rollup.NOT_REPORTED]
BADGES = {
    "not_started": "neutral",
    "running": "info",
    "done": "success",
    "postponed": "warning",
    "cancelled": "skipped",
    rollup.NOT_REPORTED: "error",
}


def percent(value: Decimal | None) -> str:
    """ "62,5 %" (one decimal, rounded half up), "–" when there is no figure."""
    return "–" if value is None else f"{format_number(float(value), 1)} %"


def money(value: Decimal | None) -> str:
    return "–" if value is None else format_number(float(value), 0)


def bar_width(value: Decimal | None) -> str:
    """The filled part of a 0–100 bar for an SVG attribute (a dot as the decimal separator, whatever the language)."""
    return "0" if value is None else str(max(Decimal(0), min(Decimal(100), value)))


@dataclass
class ProgressRow:
    kind: str  # "priority" or "measure"
    number: str
    title: str
    roll: rollup.Rollup

    @property
    def progress(self) -> str:
        return percent(self.roll.progress)

    @property
    def width(self) -> str:
        return bar_width(self.roll.progress)

    @property
    def done(self) -> int:
        return self.roll.statuses.get(rollup.DONE, 0)


def progress_rows(tree: YearTree) -> list[ProgressRow]:
    rows = []
    for priority in tree.priorities:
        rows.append(ProgressRow("priority", priority.number, priority.title, priority.rollup))
        rows.extend(ProgressRow("measure", m.number, m.title, m.rollup) for m in priority.year_measures)
    return rows


def status_counts(roll: rollup.Rollup) -> list[tuple[str, str, int, str]]:
    """(status, label, count, badge) of every status present, in the order of the choices, *not reported* last."""
    return [(s, status_label(s), roll.statuses[s], BADGES[s]) for s in STATUS_ORDER if roll.statuses.get(s)]


@dataclass
class MoneyRow:
    label: str
    planned: Decimal
    spent: Decimal

    @property
    def share(self) -> str:
        return percent(rollup.share(self.spent, self.planned))

    @property
    def planned_text(self) -> str:
        return money(self.planned)

    @property
    def spent_text(self) -> str:
        return money(self.spent)


def priority_money(tree: YearTree) -> list[MoneyRow]:
    return [
        MoneyRow(
            _("Priority %(number)s: %(title)s") % {"number": p.number, "title": p.title},
            p.rollup.planned_total,
            p.rollup.spent_total,
        )
        for p in tree.priorities
    ]


def source_money(tree: YearTree) -> list[MoneyRow]:
    return [
        MoneyRow(label or _("funding source not given"), planned, spent)
        for label, planned, spent in tree.money_rows(tree.total)
    ]


def total_money(tree: YearTree) -> MoneyRow:
    return MoneyRow(_("Total"), tree.total.planned_total, tree.total.spent_total)


def describe(tree: YearTree, providers: dict[int, str]) -> None:
    """Set the texts the page shows on measures (``progress_text``) and activities (``organisation``,
    ``progress_text``, ``planned_text``, ``spent_text``, ``badge``); an activity not reported shows "–", never 0.

    ``providers`` names the responsible providers by id; the organisation is the activity's responsible
    organisation, else its responsible provider (never a person: the responsible member is not shown).
    """
    for priority in tree.priorities:
        for measure in priority.year_measures:
            measure.progress_text = percent(measure.rollup.progress)
            for activity in measure.year_activities:
                facts = activity.facts
                reported = activity.report is not None
                counted = facts.counted_progress
                activity.organisation = activity.responsible_organisation or providers.get(
                    activity.responsible_provider_id, ""
                )
                activity.badge = BADGES.get(facts.status, "neutral")
                activity.progress_text = percent(Decimal(counted)) if reported and counted is not None else "–"
                activity.planned_text = money(sum(facts.planned.values(), Decimal(0)))
                activity.spent_text = money(sum(facts.spent.values(), Decimal(0))) if reported else "–"


@dataclass
class Indicators:
    chart: Chart  # empty ("No data") while no indicator has a target and a measured value
    table: TableData


def indicators(tree: YearTree) -> Indicators | None:
    """A bar per indicator of the year's activities: the actual value as a share of its target (100 % = met).

    The table carries every figure: the unit, the target, the actual value, the date measured and the share;
    None (no target, or not measured yet) shows as "n/a", never as 0. None when no activity has an indicator.
    """
    labels, shares, rows = [], [], []
    for activity in tree.activities:
        for row in activity.indicator_rows:
            label = f"{activity.number} {row.name}"
            share = None if row.share is None else float(row.share)
            labels.append(label)
            shares.append(share)
            rows.append(
                (
                    label,
                    row.unit or "–",
                    None if row.target is None else float(row.target),
                    None if row.value is None else float(row.value),
                    row.measured_on.strftime("%-d. %-m. %Y") if row.measured_on else None,
                    share,
                )
            )
    if not labels:
        return None
    title = _("Indicators of %(year)s: actual value as a share of the target") % {"year": tree.year}
    chart = bar_chart(
        labels,
        shares,
        title=title,
        description=_(
            "Each bar is the measured value of an activity's indicator as a percentage of its target value; a bar "
            "reaching the target line means the target is met. Indicators without a target or not measured yet "
            "have no bar."
        ),
        value_label=_("Share of the target value (%)"),
        reference_line=ReferenceLine(100, _("target")),
        options=ChartOptions(id_prefix=f"indikatory-{tree.year}", category_label=_("Activity and indicator")),
    )
    header = (
        _("Activity and indicator"),
        _("Unit"),
        _("Target value"),
        _("Actual value"),
        _("Measured on"),
        _("Share of the target value (%)"),
    )
    table = replace(chart.table, header=header, rows=tuple(rows), notes=())
    return Indicators(chart if chart.empty else replace(chart, table=table), table)
