"""The comparison as tables (page, CSV/XLSX, API) and charts: numbers in, plain rows out, nothing rendered."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from komplan.lib.charts import ChartOptions, bar_chart
from komplan.lib.numbers import format_number

from .analysis import Comparison
from .engine import FIELD, Cell, Row

EVIDENCE_KINDS = ("waiting_list", "refused", "survey", "working_group")


def evidence_labels() -> dict[str, str]:
    return {
        "waiting_list": _("waiting list"),
        "refused": _("refused for lack of capacity"),
        "survey": _("survey answers"),
        "working_group": _("named by groups"),
    }


def fmt(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else format_number(value, digits)


def money(value: float | None) -> str:
    return "–" if value is None else f"{format_number(value / 1000, 0)} tis. Kč"


def shows_uncovered(row: Row, comparison: Comparison) -> bool:
    """Whether uncovered municipalities matter for the row: a field norm, or a type with field services."""
    if row.norm.form == FIELD:
        return True
    return row.norm.form is None and bool(row.uncovered) and len(row.uncovered) < len(row.municipalities)


@dataclass
class DisplayRow:
    label: str
    sublabel: str
    cell: Cell
    row: Row
    uncovered: bool = False
    reference: str = ""


def area_rows(comparison: Comparison) -> list[DisplayRow]:
    return [
        DisplayRow(
            comparison.row_label(row),
            comparison.unit_label(row),
            row.area,
            row,
            reference=comparison.reference_label(row),
        )
        for row in comparison.table.rows
    ]


def municipality_rows(comparison: Comparison) -> list[tuple[str, str, list[DisplayRow]]]:
    """Per member municipality (code, name) its rows; ``uncovered`` marks types no field service reaches there."""
    result = []
    for code in comparison.table.municipalities:
        rows = [
            DisplayRow(
                comparison.row_label(row),
                comparison.unit_label(row),
                row.municipalities[code],
                row,
                uncovered=shows_uncovered(row, comparison) and code in row.uncovered,
                reference=comparison.reference_label(row),
            )
            for row in comparison.table.rows
        ]
        result.append((code, comparison.name(code), rows))
    return result


def header(comparison: Comparison) -> list[str]:
    year = comparison.year
    labels = evidence_labels()
    return [
        _("Territory"),
        _("Code"),
        _("Type of social service"),
        _("Form"),
        _("Unit"),
        _("Reference population"),
        _("Norm per 1,000"),
        _("Capacity"),
        _("Need now"),
        _("Need %(year)s") % {"year": year},
        _("Gap now"),
        _("Gap %(year)s") % {"year": year},
        _("Coverage (%)"),
        _("Cost per unit a year (CZK)"),
        _("Annual cost of the gap now (CZK)"),
        _("Annual cost of the gap %(year)s (CZK)") % {"year": year},
        *[labels[kind] for kind in EVIDENCE_KINDS],
        _("Not covered by a field service"),
    ]


def _r(value: float | None, digits: int = 1):
    return None if value is None else round(value, digits)


def _line(comparison: Comparison, name: str, code: str, row: Row, cell: Cell, uncovered: bool | None) -> list:
    return [
        name,
        code,
        comparison.type_label(row),
        comparison.form_label(row),
        comparison.unit_label(row),
        comparison.reference_label(row),
        row.norm.per_1000,
        _r(cell.capacity),
        _r(cell.need_now),
        _r(cell.need_horizon),
        _r(cell.gap_now),
        _r(cell.gap_horizon),
        _r(cell.coverage),
        _r(row.cost_per_unit, 0),
        _r(cell.cost_gap_now, 0),
        _r(cell.cost_gap_horizon, 0),
        *[row.evidence.get(kind, 0) for kind in EVIDENCE_KINDS],
        "" if uncovered is None else (_("yes") if uncovered else _("no")),
    ]


def download_rows(comparison: Comparison) -> list[list]:
    """The area's rows first, then every municipality's: the table of the downloads."""
    area_name = _("Planning area") if comparison.choice.focus is None else comparison.choice.focus.name
    lines = [_line(comparison, area_name, "", row, row.area, None) for row in comparison.table.rows]
    for code in comparison.table.municipalities:
        for row in comparison.table.rows:
            uncovered = code in row.uncovered if shows_uncovered(row, comparison) else None
            lines.append(_line(comparison, comparison.name(code), code, row, row.municipalities[code], uncovered))
    return lines


def funding_rows(comparison: Comparison, source_names: dict[str, str]) -> list[tuple[str, str, list]]:
    """Per row with money: label, year and the shares of the sources (name, % share)."""
    result = []
    for row in comparison.table.rows:
        if not row.funding_shares:
            continue
        shares = [(source_names.get(s, s), share * 100) for s, share in row.funding_shares.items()]
        result.append((comparison.row_label(row), row.cost_year, sorted(shares, key=lambda x: -x[1])))
    return result


def coverage_chart(comparison: Comparison, row: Row):
    codes = comparison.table.municipalities
    pairs = sorted(
        ((comparison.name(c), row.municipalities[c].coverage) for c in codes),
        key=lambda pair: (pair[1] is None, -(pair[1] or 0)),
    )
    return bar_chart(
        [name for name, _v in pairs],
        [None if v is None else round(v, 1) for _n, v in pairs],
        title=_("Coverage of the need by municipality: %(type)s") % {"type": comparison.row_label(row)},
        description=_(
            "Registered capacity as a percentage of today's need by the norm (100 % = the need is covered), "
            "one bar per municipality, highest first."
        ),
        value_label=_("Coverage (%)"),
        options=ChartOptions(id_prefix="coverage", category_label=_("Municipality")),
    )


def gap_chart(comparison: Comparison):
    rows = sorted(comparison.table.rows, key=lambda row: -row.area.gap_now)
    return bar_chart(
        [comparison.row_label(row) for row in rows],
        [round(row.area.gap_now, 1) for row in rows],
        title=_("Gap by type of service in the area"),
        description=_(
            "Need by the norm minus registered capacity today, in the unit of each norm; a negative gap is a "
            "surplus. Largest gap first."
        ),
        value_label=_("Gap now"),
        options=ChartOptions(id_prefix="gap", category_label=_("Type of social service")),
    )


def set_comparison(first: Comparison, second: Comparison) -> list[dict]:
    """Two norm sets side by side for the area: per norm key the norm, need now and gap now of each (None: absent)."""
    a = {row.norm.key: row for row in first.table.rows}
    b = {row.norm.key: row for row in second.table.rows}
    result = []
    for key in list(a) + [k for k in b if k not in a]:
        row = a.get(key) or b[key]
        owner = first if key in a else second
        result.append(
            {
                "label": owner.row_label(row),
                "unit": owner.unit_label(row),
                "sides": [
                    (r.norm.per_1000, r.area.need_now, r.area.gap_now) if r else (None, None, None)
                    for r in (a.get(key), b.get(key))
                ],
            }
        )
    return result
