"""The generated chapter "Sociodemografická analýza" of the community plan (Markdown, Czech by default).

The text states the numbers of an ``Analysis`` in sentences and tables; the coordinator edits it afterwards
(``services.save_chapter``). Sentences go through gettext so the chapter exists in English too; it is
written in the language given (Czech for the plan).
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .analysis import Analysis, TerritoryFigures
from .presentation import fmt, signed_percent

_n = fmt
_pct = signed_percent


def _change(new: float, old: float) -> str:
    return _pct(100.0 * (new - old) / old) if old else "–"


def _population(result: Analysis, area_name: str) -> list[str]:
    area = result.area
    lines = ["## " + _("Population and its development"), ""]
    sentence = _("On 1 January %(year)s, %(total)s people lived in %(area)s (%(men)s men and %(women)s women).") % {
        "year": result.base_year,
        "total": _n(area.population),
        "area": area_name,
        "men": _n(area.men),
        "women": _n(area.women),
    }
    if area.first_population:
        sentence += " " + _("Since %(first_year)s the population has changed by %(change)s") % {
            "first_year": result.history_years[0],
            "change": _change(area.population, area.first_population),
        }
        if area.change_10y is not None:
            sentence += _(", over the last ten years by %(change)s") % {"change": _pct(area.change_10y)}
        sentence += "."
    lines += [sentence, ""]
    if len(result.municipalities) > 1:
        largest = sorted(result.municipalities, key=lambda row: -row.population)[:3]
        lines += [
            ngettext(
                "The planning area has %(count)s municipality.",
                "The planning area has %(count)s municipalities; the largest are %(largest)s.",
                len(result.municipalities),
            )
            % {
                "count": len(result.municipalities),
                "largest": ", ".join(f"{row.name} ({_n(row.population)})" for row in largest),
            },
            "",
        ]
    return lines


def _structure(result: Analysis) -> list[str]:
    observed = result.area.observed
    lines = ["## " + _("Age structure"), ""]
    sentence = _(
        "Children up to 14 years make up %(children)s of the population, people aged 65 and over "
        "%(older)s and people aged 80 and over %(oldest)s. The ageing index is %(index)s: there are "
        "%(index)s people aged 65+ for every 100 children. The mean age is %(mean)s years."
    ) % {
        "children": f"{_n(observed['share_0_14'], 1)} %",
        "older": f"{_n(observed['share_65_plus'], 1)} %",
        "oldest": f"{_n(observed['share_80_plus'], 1)} %",
        "index": _n(observed["ageing_index"], 1),
        "mean": _n(observed["mean_age"], 1),
    }
    lines += [sentence, ""]
    if result.any_estimated:
        lines += [
            _(
                "*The age structure is an estimate: ČSÚ publishes for each municipality only the numbers of men "
                "and women and their mean ages; the national structure was adjusted to match them exactly.*"
            ),
            "",
        ]
    return lines


def _outlook(result: Analysis) -> list[str]:
    area = result.area
    years = sorted(area.projected)
    if not years:
        return []
    lines = ["## " + _("Outlook"), ""]
    last = area.projected[years[-1]]
    lines += [
        _(
            "According to the projection (scenario: %(scenario)s), %(total)s people will live in the area in "
            "%(year)s (%(change)s compared with %(base)s). The number of people aged 65+ will change from "
            "%(older_now)s to %(older)s (%(older_change)s) and of people aged 80+ from %(oldest_now)s to "
            "%(oldest)s (%(oldest_change)s)."
        )
        % {
            "scenario": result.scenario.display_name,
            "total": _n(last["total"]),
            "year": years[-1],
            "change": _change(last["total"], area.observed["total"]),
            "base": result.base_year,
            "older_now": _n(area.observed["age_65_plus"]),
            "older": _n(last["age_65_plus"]),
            "older_change": _change(last["age_65_plus"], area.observed["age_65_plus"]),
            "oldest_now": _n(area.observed["age_80_plus"]),
            "oldest": _n(last["age_80_plus"]),
            "oldest_change": _change(last["age_80_plus"], area.observed["age_80_plus"]),
        },
        "",
    ]
    header = [_("Indicator"), str(result.base_year), *(str(year) for year in years)]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for key, label in (
        ("total", _("Population")),
        ("age_0_14", _("Aged 0–14")),
        ("age_65_plus", _("Aged 65+")),
        ("age_80_plus", _("Aged 80+")),
    ):
        values = [area.observed[key], *(area.projected[year][key] for year in years)]
        lines.append("| " + " | ".join([label, *(_n(v) for v in values)]) + " |")
    lines.append("")
    return lines


def _ranking(result: Analysis) -> list[str]:
    if len(result.municipalities) < 4:
        return []
    ranked = sorted(result.municipalities, key=lambda row: -row.observed["ageing_index"])

    def names(rows: list[TerritoryFigures]) -> str:
        return ", ".join(f"{row.name} ({_n(row.observed['ageing_index'], 1)})" for row in rows)

    return [
        "## " + _("Differences between municipalities"),
        "",
        _("The highest ageing index is in %(oldest)s, the lowest in %(youngest)s.")
        % {"oldest": names(ranked[:3]), "youngest": names(ranked[-3:][::-1])},
        "",
    ]


def _unemployment(result: Analysis) -> list[str]:
    if result.area.unemployment is None:
        return []
    return [
        "## " + _("Unemployment"),
        "",
        _("The share of unemployed persons in the area was %(value)s at the end of %(year)s.")
        % {"value": f"{_n(result.area.unemployment, 1)} %", "year": result.unemployment_year},
        "",
    ]


def _sources(result: Analysis) -> list[str]:
    return [
        "## " + _("Sources and method"),
        "",
        _(
            "Population: Czech Statistical Office (ČSÚ), population of municipalities on 1 January. Rates for the "
            "projection: United Nations, World Population Prospects (%(rates)s). The projection uses the "
            "cohort-component method by sex and 5-year age group; the migration of each municipality is derived "
            "from its population change since 2004 minus the estimated natural change."
        )
        % {"rates": result.scenario.rate_set.name},
        "",
    ]


def area_name(process) -> str:
    """How the chapter names the planning area: the municipality, the ORP's district, or "the planning area"."""
    area = list(process.municipalities.all())
    if len(area) == 1:
        return area[0].name
    if process.area_orp_id:
        return _("the administrative district of ORP %(name)s") % {"name": process.area_orp.name}
    return _("the planning area")


def generate(result: Analysis, area_name: str, language: str = "cs") -> str:
    """The chapter as Markdown in ``language``."""
    with translation.override(language):
        lines: list[str] = []  # the title comes from the page or the plan document
        for part in (_population(result, area_name), _structure(result), _outlook(result), _ranking(result)):
            lines += part
        lines += _unemployment(result) + _sources(result)
    return "\n".join(lines).rstrip() + "\n"
