"""What the demography page, the downloads and the chapter show of an ``Analysis``: tables, charts, wording.

Tables are ``(title, header, rows)`` with raw numbers, shared by the page, CSV and XLSX; charts come from
``komplan.lib.charts`` with the same numbers beside them. Every figure from an estimated age structure
is marked as an estimate.
"""

from __future__ import annotations

import math

from django.utils.translation import gettext as _

from komplan.lib.charts import ChartOptions, ReferenceLine, Series, Structure, bar_chart, line_chart, pyramid
from komplan.lib.numbers import format_number

from .analysis import Analysis, TerritoryFigures
from .engine import ages
from .structures import GRID


def _num(value, digits: int = 0):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(float(value), digits) if digits else round(float(value))


def fmt(value: float, digits: int = 0) -> str:
    return format_number(value, digits)


def _fmt1(value: float) -> str:
    return fmt(value, 1)


# Sortable columns of the table per municipality: key → (value getter, header).
def _at_horizon(row: TerritoryFigures, horizon_year: int, key: str):
    return row.projected.get(horizon_year, {}).get(key)


SORT_KEYS = (
    "name",
    "population",
    "change_10y",
    "share_0_14",
    "share_65_plus",
    "share_80_plus",
    "ageing_index",
    "mean_age",
    "projected_65",
    "projected_80",
    "annual_migration",
    "unemployment",
)


def _sort_value(row: TerritoryFigures, key: str, horizon_year: int):
    if key == "name":
        from komplan.lib.text import czech_key

        return czech_key(row.name)
    if key in ("population", "change_10y", "annual_migration", "unemployment"):
        return getattr(row, key)
    if key == "projected_65":
        return _at_horizon(row, horizon_year, "age_65_plus")
    if key == "projected_80":
        return _at_horizon(row, horizon_year, "age_80_plus")
    return row.observed.get(key)


def sorted_rows(result: Analysis, order: str) -> list[TerritoryFigures]:
    if not order:
        return list(result.municipalities)
    key, reverse = order.lstrip("-"), order.startswith("-")
    present = [r for r in result.municipalities if _sort_value(r, key, result.horizon_year) is not None]
    absent = [r for r in result.municipalities if _sort_value(r, key, result.horizon_year) is None]
    present.sort(key=lambda r: _sort_value(r, key, result.horizon_year), reverse=reverse)
    return present + absent


def municipalities_table(result: Analysis) -> tuple[str, list[str], list[list]]:
    h = result.horizon_year
    header = [
        _("Municipality"),
        _("Code"),
        _("Population %(year)s") % {"year": result.base_year},
        _("Change in 10 years (%)"),
        _("Aged 0–14 (%)"),
        _("Aged 65+ (%)"),
        _("Aged 80+ (%)"),
        _("Ageing index"),
        _("Mean age"),
        _("Aged 65+ in %(year)s") % {"year": h},
        _("Aged 80+ in %(year)s") % {"year": h},
        _("Net migration a year"),
        _("Unemployed (%)"),
        _("Age structure"),
    ]
    rows = []
    for row in [*result.municipalities, _area_row(result)]:
        rows.append(
            [
                row.name,
                row.code,
                row.population,
                _num(row.change_10y, 1),
                _num(row.observed["share_0_14"], 1),
                _num(row.observed["share_65_plus"], 1),
                _num(row.observed["share_80_plus"], 1),
                _num(row.observed["ageing_index"], 1),
                _num(row.observed["mean_age"], 1),
                _num(_at_horizon(row, h, "age_65_plus")),
                _num(_at_horizon(row, h, "age_80_plus")),
                _num(row.annual_migration),
                _num(row.unemployment, 1),
                _("estimate") if row.estimated else _("counted"),
            ]
        )
    return _("Municipalities of the planning area"), header, rows


def _area_row(result: Analysis) -> TerritoryFigures:
    area = result.area
    area.name = area.name or _("Planning area in total")
    return area


def series_table(result: Analysis) -> tuple[str, list[str], list[list]]:
    header = [_("Year"), _("Population"), _("Aged 0–14"), _("Aged 65+"), _("Aged 80+"), _("Kind")]
    rows = []
    for i, year in enumerate(result.series.years):
        values = result.series.values
        kind = _("projection") if i >= result.series.projected_from else _("observed total, ages estimated")
        rows.append(
            [year, *(_num(values[key][i]) for key in ("total", "age_0_14", "age_65_plus", "age_80_plus")), kind]
        )
    return _("Population of the planning area by broad age groups"), header, rows


def structure_table(result: Analysis) -> tuple[str, list[str], list[list]]:
    base_m, base_f = result.pyramid_base
    hor_m, hor_f = result.pyramid_horizon
    header = [
        _("Age"),
        _("Men %(year)s") % {"year": result.base_year},
        _("Women %(year)s") % {"year": result.base_year},
        _("Men %(year)s") % {"year": result.horizon_year},
        _("Women %(year)s") % {"year": result.horizon_year},
    ]
    rows = [
        [label, _num(base_m[i]), _num(base_f[i]), _num(hor_m[i]), _num(hor_f[i])]
        for i, label in enumerate(ages.labels(GRID))
    ]
    return _("Population of the planning area by sex and age"), header, rows


def outlook_table(result: Analysis) -> tuple[str, list[str], list[list]]:
    """The area now and every five years to the horizon, as the page's first table (raw numbers)."""
    years = [result.base_year, *sorted(result.area.projected)]
    columns = [result.area.observed, *(result.area.projected[year] for year in years[1:])]
    header = [_("Indicator"), *(str(year) for year in years)]
    rows = []
    for key, label in _outlook_labels().items():
        digits = 1 if key in ("share_65_plus", "ageing_index", "mean_age") else 0
        rows.append([label, *(_num(column.get(key), digits) for column in columns)])
    return _("The planning area now and in the coming years"), header, rows


TABLES = {
    "vyhled": outlook_table,
    "obce": municipalities_table,
    "vyvoj": series_table,
    "struktura": structure_table,
}


def charts(result: Analysis, focused: Analysis, focus_name: str) -> dict:
    """The page's charts: pyramid, 65+/80+ series (of the focused territory), ranking and history (of the area)."""
    base_m, base_f = focused.pyramid_base
    hor_m, hor_f = focused.pyramid_horizon
    estimated = focused.any_estimated
    base_label = str(focused.base_year)
    horizon_label = _("projection %(year)s") % {"year": focused.horizon_year}
    result_charts = {
        "pyramid": pyramid(
            ages.labels(GRID),
            Structure([_num(v) for v in base_m], [_num(v) for v in base_f], base_label),
            compare=Structure([_num(v) for v in hor_m], [_num(v) for v in hor_f], horizon_label),
            title=_("Age structure of %(name)s in %(year)s and %(horizon)s")
            % {"name": focus_name, "year": focused.base_year, "horizon": focused.horizon_year},
            description=_(
                "Population pyramid: men on the left, women on the right, 5-year age groups from the youngest at "
                "the bottom. Bars show 1 January %(year)s, the outline the projection for %(horizon)s."
            )
            % {"year": focused.base_year, "horizon": focused.horizon_year},
            men_label=_("Men"),
            women_label=_("Women"),
            estimated=_("Estimated age structure") if estimated else False,
            value_label=_("Persons"),
            options=ChartOptions(number_format=lambda v: fmt(v), category_label=_("Age")),
        ),
        "series": line_chart(
            [str(year) for year in focused.series.years],
            [
                Series(_("Aged 65+"), [_num(v) for v in focused.series.values["age_65_plus"]]),
                Series(_("Aged 80+"), [_num(v) for v in focused.series.values["age_80_plus"]], dashed=False),
            ],
            title=_("People aged 65+ and 80+ in %(name)s, %(first)s–%(last)s")
            % {"name": focus_name, "first": focused.series.years[0], "last": focused.series.years[-1]},
            description=_(
                "Yearly numbers until %(year)s are estimated from each year's population and mean age; "
                "after it, the projection (scenario %(scenario)s) every five years."
            )
            % {"year": focused.base_year, "scenario": focused.scenario},
            y_label=_("Persons"),
            projected_from_index=focused.series.projected_from,
            x_positions=[float(year) for year in focused.series.years],
            options=ChartOptions(number_format=lambda v: fmt(v), category_label=_("Year")),
        ),
        "history": bar_chart(
            [str(year) for year in result.history_years],
            result.history_totals,
            title=_("Population of the planning area on 1 January, %(first)s–%(last)s")
            % {"first": result.history_years[0], "last": result.history_years[-1]},
            description=_("Counted population (ČSÚ) of all municipalities of the planning area together."),
            value_label=_("Population"),
            horizontal=False,
            options=ChartOptions(number_format=lambda v: fmt(v), category_label=_("Year")),
        ),
    }
    if len(result.municipalities) > 1:
        ranked = sorted(result.municipalities, key=lambda r: -(r.observed["ageing_index"] or 0))
        result_charts["ranking"] = bar_chart(
            [r.name for r in ranked],
            [_num(r.observed["ageing_index"], 1) for r in ranked],
            title=_("Municipalities by ageing index, %(year)s") % {"year": result.base_year},
            description=_(
                "People aged 65+ per 100 children aged 0–14, from the highest. The line marks the planning area."
            ),
            value_label=_("Ageing index"),
            reference_line=ReferenceLine(_num(result.area.observed["ageing_index"], 1), _("Planning area")),
            highlight=focus_name if focus_name in {r.name for r in ranked} else None,
            options=ChartOptions(number_format=_fmt1, category_label=_("Municipality")),
        )
    return result_charts


def outlook(result: Analysis) -> tuple[list[int], list[dict]]:
    """The area's figures now and at every five years to the horizon (the "in 5, 10 and 15 years" table)."""
    _title, header, table_rows = outlook_table(result)
    years = [int(year) for year in header[1:]]
    rows = []
    for key, row in zip(_outlook_labels(), table_rows, strict=True):
        digits = 1 if key in ("share_65_plus", "ageing_index", "mean_age") else 0
        rows.append({"label": row[0], "values": ["–" if v is None else fmt(v, digits) for v in row[1:]]})
    return years, rows


def _outlook_labels() -> dict[str, str]:
    return {
        "total": _("Population"),
        "age_0_14": _("Aged 0–14"),
        "age_65_plus": _("Aged 65+"),
        "age_80_plus": _("Aged 80+"),
        "share_65_plus": _("Share aged 65+ (%)"),
        "ageing_index": _("Ageing index"),
        "mean_age": _("Mean age"),
        "births": _("Births in the previous 5 years"),
        "deaths": _("Deaths in the previous 5 years"),
        "net_migration": _("Net migration in the previous 5 years"),
    }


def page_context(result: Analysis, focused: Analysis, focus_name: str) -> dict:
    years, rows = outlook(result)
    return {
        "result": result,
        "focused": focused,
        "focus_name": focus_name,
        "charts": charts(result, focused, focus_name),
        "outlook_years": years,
        "outlook_rows": rows,
        "structure_rows": structure_table(focused)[2],
        "single": len(result.municipalities) == 1,
        "change_10y": signed_percent(result.area.change_10y),
        "fertility_shift": signed_number(result.scenario.fertility_shift, 1),
    }


def signed_number(value: float, digits: int = 0) -> str:
    """ "+0,5" or "−0,5" (a real minus sign)."""
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return f"{sign}{fmt(abs(value), digits)}"


def signed_percent(value: float | None) -> str:
    """ "+8,8 %", "−4,6 %" (a real minus sign), or "–" when there is no figure."""
    if value is None or math.isnan(value):
        return "–"
    return f"{signed_number(value, 1)} %"


def _columns(result: Analysis) -> list[tuple[str, str, object, int]]:
    """(sort key, header, value getter, decimals) of the page's table per municipality."""
    h = result.horizon_year
    return [
        ("population", _("Population %(year)s") % {"year": result.base_year}, lambda r: r.population, 0),
        ("change_10y", _("Change in 10 years (%)"), lambda r: r.change_10y, 1),
        ("share_0_14", _("Aged 0–14 (%)"), lambda r: r.observed["share_0_14"], 1),
        ("share_65_plus", _("Aged 65+ (%)"), lambda r: r.observed["share_65_plus"], 1),
        ("share_80_plus", _("Aged 80+ (%)"), lambda r: r.observed["share_80_plus"], 1),
        ("ageing_index", _("Ageing index"), lambda r: r.observed["ageing_index"], 1),
        ("mean_age", _("Mean age"), lambda r: r.observed["mean_age"], 1),
        ("projected_65", _("Aged 65+ in %(year)s") % {"year": h}, lambda r: _at_horizon(r, h, "age_65_plus"), 0),
        ("projected_80", _("Aged 80+ in %(year)s") % {"year": h}, lambda r: _at_horizon(r, h, "age_80_plus"), 0),
        ("annual_migration", _("Net migration a year"), lambda r: r.annual_migration, 0),
        ("unemployment", _("Unemployed (%)"), lambda r: r.unemployment, 1),
    ]


def table_view(result: Analysis, order: str, sort_url) -> tuple[list[dict], list[dict]]:
    """Headers (with sort links and aria-sort) and formatted rows; the area's sum is the last row.

    ``sort_url(value)`` returns the page address with ``razeni=value``.
    """
    current, descending = order.lstrip("-"), order.startswith("-")
    columns = [{"key": "name", "label": _("Municipality"), "numeric": False}]
    columns += [{"key": key, "label": label, "numeric": True} for key, label, _getter, _digits in _columns(result)]
    for column in columns:
        active = column["key"] == current
        column["sort"] = ("descending" if descending else "ascending") if active else None
        column["url"] = sort_url(f"-{column['key']}" if active and not descending else column["key"])
    rows = []
    specs = _columns(result)
    for row in [*sorted_rows(result, order), _area_row(result)]:
        cells = []
        for _key, _label, getter, digits in specs:
            value = getter(row)
            cells.append(
                "–" if value is None or (isinstance(value, float) and math.isnan(value)) else fmt(value, digits)
            )
        rows.append({"name": row.name, "estimated": row.estimated, "cells": cells, "is_area": row is result.area})
    return columns, rows
