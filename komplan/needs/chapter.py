"""The generated chapter "Analýza potřeb a zdrojů včetně ekonomického vyhodnocení" (Markdown, Czech by default).

It states the comparison's numbers in sentences and tables: the norms used, capacity against need now and at the
horizon, the largest gaps and surpluses, the municipalities no field service reaches, the evidence beside the
norms, and the economic evaluation (cost per unit, annual cost of closing the gaps, funding sources), with the
method and its limits. The coordinator copies it into the plan and edits it there.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from .analysis import Comparison
from .presentation import EVIDENCE_KINDS, evidence_labels, fmt, shows_uncovered


def _norms(comparison: Comparison) -> list[str]:
    norm_set = comparison.choice.norm_set
    lines = [
        "## " + _("Needs by the norms"),
        "",
        _(
            "The need for each type of service is estimated as a number of units per 1,000 persons of a reference "
            "population (norm set “%(name)s”; source: %(source)s). The capacity is the registered capacity of the "
            "services in the catalogue."
        )
        % {"name": norm_set.name, "source": norm_set.source or _("not stated")},
        "",
    ]
    year = comparison.year
    horizon = comparison.table.has_horizon
    header = [_("Service"), _("Unit"), _("Capacity"), _("Need now"), _("Gap now"), _("Coverage (%)")]
    if horizon:
        header += [_("Need %(year)s") % {"year": year}, _("Gap %(year)s") % {"year": year}]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in comparison.table.rows:
        cells = [
            comparison.row_label(row),
            comparison.unit_label(row),
            fmt(row.area.capacity),
            fmt(row.area.need_now),
            fmt(row.area.gap_now),
            fmt(row.area.coverage),
        ]
        if horizon:
            cells += [fmt(row.area.need_horizon), fmt(row.area.gap_horizon)]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    if not horizon:
        lines += [
            _("*The need at the horizon is not stated: %(reason)s.*")
            % {"reason": comparison.gathered.missing or _("no projection")},
            "",
        ]
    return lines


def _gaps(comparison: Comparison) -> list[str]:
    rows = comparison.table.rows
    # the least covered first; among equally uncovered types (often all at 0 %) the larger shortfall first
    gaps = sorted(
        (r for r in rows if r.area.gap_now > 0.5),
        key=lambda r: (-(r.area.gap_now / max(r.area.need_now, 1)), -r.area.gap_now),
    )
    surplus = [r for r in rows if r.area.gap_now < -0.5]
    lines = ["## " + _("Gaps and surpluses"), ""]
    if gaps:
        lines.append(
            _("The largest shortfalls against the norms are in: %(list)s.")
            % {
                "list": "; ".join(
                    f"{comparison.row_label(r)} ({fmt(r.area.gap_now)} {comparison.unit_label(r)}, "
                    + _("coverage %(value)s %%") % {"value": fmt(r.area.coverage)}
                    + ")"
                    for r in gaps[:5]
                )
            }
        )
    else:
        lines.append(_("The registered capacity meets the norms for every type of service compared."))
    if surplus:
        lines.append(
            _("The capacity exceeds the norm for: %(list)s.")
            % {"list": ", ".join(comparison.row_label(r) for r in surplus)}
        )
    lines.append("")
    for row in rows:
        if shows_uncovered(row, comparison) and row.uncovered:
            names = ", ".join(comparison.name(code) for code in row.uncovered[:15])
            more = len(row.uncovered) - 15
            if more > 0:  # "…, Hradčany and 44 more." — the count inside the sentence, before its full stop
                names += " " + _("and %(count)s more") % {"count": more}
            lines.append(
                _("No field service of the type %(type)s covers %(count)s municipalities: %(names)s.")
                % {"type": comparison.type_label(row), "count": len(row.uncovered), "names": names}
            )
    lines.append("")
    return lines


def _evidence(comparison: Comparison) -> list[str]:
    labels = evidence_labels()
    rows = [r for r in comparison.table.rows if any(r.evidence.get(k) for k in EVIDENCE_KINDS)]
    if not rows:
        return []
    lines = ["## " + _("Evidence beside the norms"), ""]
    lines += [
        _(
            "Waiting lists and refusals reported by providers, answers of surveys naming missing services and "
            "needs named by working groups:"
        ),
        "",
    ]
    for row in rows:
        parts = [f"{labels[k]} {row.evidence[k]}" for k in EVIDENCE_KINDS if row.evidence.get(k)]
        lines.append(f"- {comparison.row_label(row)}: " + ", ".join(parts))
    lines.append("")
    return lines


def _economy(comparison: Comparison, source_names: dict[str, str]) -> list[str]:
    lines = ["## " + _("Economic evaluation"), ""]
    costed = [r for r in comparison.table.rows if r.cost_per_unit is not None]
    if not costed:
        return lines + [_("The catalogue records no funding of the compared services yet."), ""]
    total_now = sum(r.area.cost_gap_now or 0 for r in costed)
    sentence = _("Closing the gaps at today's cost per unit would cost about %(now)s CZK a year") % {
        "now": fmt(total_now)
    }
    if comparison.table.has_horizon:
        total_then = sum(r.area.cost_gap_horizon or 0 for r in costed)
        sentence += _(", and %(then)s CZK a year in %(year)s") % {"then": fmt(total_then), "year": comparison.year}
    lines += [sentence + ".", ""]
    header = [_("Service"), _("Year"), _("Cost per unit a year (CZK)"), _("Annual cost of the gap now (CZK)")]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in costed:
        cells = [comparison.row_label(row), str(row.cost_year), fmt(row.cost_per_unit), fmt(row.area.cost_gap_now)]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    for row in costed:
        shares = ", ".join(
            f"{source_names.get(s, s)} {fmt(share * 100)} %"
            for s, share in sorted(row.funding_shares.items(), key=lambda x: -x[1])
        )
        lines.append(f"- {comparison.row_label(row)} ({row.cost_year}): {shares}")
    lines.append("")
    return lines


def _method() -> list[str]:
    return [
        "## " + _("Method and limits"),
        "",
        _(
            "Residential and outpatient capacity counts in the municipality of the facility; the capacity of a "
            "field service is spread over the municipalities it serves in proportion to the reference population. "
            "The cost per unit is the funding of the services in the latest year recorded divided by their "
            "registered capacity. Norms are an orientation, not a legal standard; registered capacity is not the "
            "number of free places."
        ),
        "",
    ]


def generate(comparison: Comparison, source_names: dict[str, str], language: str = "cs") -> str:
    """The chapter as Markdown in ``language``."""
    with translation.override(language):
        lines: list[str] = []
        for part in (
            _norms(comparison),
            _gaps(comparison),
            _evidence(comparison),
            _economy(comparison, source_names),
            _method(),
        ):
            lines += part
    return "\n".join(lines).rstrip() + "\n"
