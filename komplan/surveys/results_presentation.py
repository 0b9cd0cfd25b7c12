"""What the results page and the PDF show of a ``SurveyAnalysis``: charts with their data tables, summaries,
cross-tabs and the wording around them (translated; numbers in the active language's format).

Each question becomes a ``Block``: zero or more charts (``komplan.lib.charts``; the table beside each chart
holds counts, shares and the 95 % interval), an optional summary (mean, median …), an optional extra table
(matrix distribution), free-text words and categories, and the cross-tab when one is asked for.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from komplan.lib.charts import Chart, ChartOptions, TableData, bar_chart
from komplan.lib.numbers import format_number

from . import stats
from .analysis import PUBLIC_MIN_GROUP, QuestionResult, ShareRow, SurveyAnalysis
from .crosstab import CrossTab
from .definition import QuestionType

WORDS_CHARTED = 15


def number(value: float | None, decimals: int | None = None) -> str:
    """A number in the active language: whole numbers without decimals, others with one (or ``decimals``)."""
    if value is None:
        return "–"
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    return format_number(value, decimals)


def _cell_format(value: float) -> str:
    # Counts are ints, shares and means floats with one decimal: one format for every cell of our tables.
    return number(value, 0 if isinstance(value, int) else 1)


def percent(value: float | None) -> str:
    return "–" if value is None else f"{number(value, 1)}\u00a0%"


def p_value(value: float) -> str:
    return "p < " + number(0.001, 3) if value < 0.001 else "p = " + number(value, 3)


@dataclass
class CrossTable:
    """A cross-tab ready for a template or the PDF: every cell already text."""

    caption: str
    header: list[str]
    rows: list[tuple[str, list[str]]]
    test: str = ""
    warning: str = ""
    note: str = ""


@dataclass
class Block:
    result: QuestionResult
    charts: list[Chart] = field(default_factory=list)
    summary: list[tuple[str, str]] = field(default_factory=list)
    base_note: str = ""
    crosstab: CrossTable | None = None

    @property
    def question(self):
        return self.result.question


def _share_table(title: str, rows: list[ShareRow], category: str, notes: tuple[str, ...] = ()) -> TableData:
    header = (category, _("Count"), _("Share (%)"), _("Lower limit (95%)"), _("Upper limit (95%)"))
    body = tuple(
        (
            row.label,
            row.count,
            _round(row.share.percent),
            _round(row.share.low),
            _round(row.share.high),
        )
        for row in rows
    )
    return TableData(title, header, body, _cell_format, notes)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def share_chart(title: str, rows: list[ShareRow], *, chart_id: str, description: str, category: str, notes=()) -> Chart:
    chart = bar_chart(
        [row.label for row in rows],
        [_round(row.share.percent) for row in rows],
        title=title,
        description=description,
        value_label=_("Share of respondents (%)"),
        options=ChartOptions(number_format=_cell_format, id_prefix=chart_id, category_label=category),
    )
    return dataclasses.replace(chart, table=_share_table(title, rows, category, notes))


def _top(rows: list[ShareRow]) -> str:
    if not rows or not any(row.count for row in rows):
        return ""
    best = max(rows, key=lambda row: row.count)
    return " " + _("Most frequent: %(answer)s (%(share)s).") % {
        "answer": best.label,
        "share": percent(best.share.percent),
    }


def base_note(result: QuestionResult) -> str:
    n = result.answered
    if result.multiple:
        return ngettext(
            "%(n)s respondent answered; several answers were possible, so the shares are of the respondents who "
            "answered and add up to more than 100 %%.",
            "%(n)s respondents answered; several answers were possible, so the shares are of the respondents who "
            "answered and add up to more than 100 %%.",
            n,
        ) % {"n": number(n)}
    return ngettext(
        "%(n)s respondent answered; the shares are of them.", "%(n)s respondents answered; the shares are of them.", n
    ) % {"n": number(n)}


def _summary(summary: stats.Summary | None) -> list[tuple[str, str]]:
    if summary is None or not summary.n:
        return []
    return [
        (_("Answers"), number(summary.n)),
        (_("Mean"), number(summary.mean, 2)),
        (_("Median"), number(summary.median)),
        (_("Standard deviation"), number(summary.sd, 2)),
        (_("Lowest"), number(summary.minimum)),
        (_("Highest"), number(summary.maximum)),
    ]


def _chart_id(result: QuestionResult, part: str = "") -> str:
    return f"q-{result.question.key}{'-' + part if part else ''}"


def _choice_charts(block: Block) -> None:
    result = block.result
    category = _("Point of the scale") if result.question.type == QuestionType.SCALE else _("Answer")
    if result.question.type == QuestionType.MUNICIPALITY:
        category = _("Municipality")
    block.charts.append(
        share_chart(
            result.question.label,
            result.rows,
            chart_id=_chart_id(result),
            description=block.base_note + _top(result.rows),
            category=category,
        )
    )
    block.summary = _summary(result.summary)


def _matrix_charts(block: Block) -> None:
    result = block.result
    low, high = result.question.scale_range()
    means = [row.summary.mean for row in result.matrix]
    points = result.matrix[0].points if result.matrix else []
    header = (_("Item"), _("Answers"), _("Mean"), _("Standard deviation"), *(f"{p.label} (%)" for p in points))
    rows = tuple(
        (
            row.label,
            row.summary.n,
            _round(row.summary.mean),
            _round(row.summary.sd),
            *(_round(p.share.percent) for p in row.points),
        )
        for row in result.matrix
    )
    description = _("Mean rating of each item on the scale from %(low)s to %(high)s; the table gives the shares.") % {
        "low": low,
        "high": high,
    }
    chart = bar_chart(
        [row.label for row in result.matrix],
        [_round(mean) for mean in means],
        title=result.question.label,
        description=description,
        value_label=_("Mean rating (%(low)s–%(high)s)") % {"low": low, "high": high},
        options=ChartOptions(number_format=_cell_format, id_prefix=_chart_id(result), category_label=_("Item")),
    )
    block.charts.append(dataclasses.replace(chart, table=TableData(result.question.label, header, rows, _cell_format)))


def _number_charts(block: Block) -> None:
    result = block.result
    header = (_("Value"), _("Count"), _("Share (%)"))
    rows = tuple((b.label, b.count, _round(b.share.percent)) for b in result.bins)
    chart = bar_chart(
        [b.label for b in result.bins],
        [b.count for b in result.bins],
        title=result.question.label,
        description=_("How many respondents gave each value (grouped)."),
        value_label=_("Respondents"),
        horizontal=False,
        options=ChartOptions(number_format=_cell_format, id_prefix=_chart_id(result), category_label=_("Value")),
    )
    block.charts.append(dataclasses.replace(chart, table=TableData(result.question.label, header, rows, _cell_format)))
    block.summary = _summary(result.summary)


def _date_charts(block: Block) -> None:
    result = block.result
    block.charts.append(
        share_chart(
            result.question.label,
            result.rows,
            chart_id=_chart_id(result),
            description=_("Answers by month."),
            category=_("Month"),
        )
    )


def _services_charts(block: Block) -> None:
    result = block.result
    for part, rows, title in (
        ("known", result.rows, _("Services respondents know")),
        ("used", result.used, _("Services respondents use")),
    ):
        block.charts.append(
            share_chart(
                f"{result.question.label}: {title}",
                rows,
                chart_id=_chart_id(result, part),
                description=block.base_note + _top(rows),
                category=_("Service"),
            )
        )


def words_table(result: QuestionResult) -> TableData:
    header = (_("Word (basic form)"), _("Answers using it"), _("Occurrences"))
    rows = tuple((w.lemma, w.answers, w.occurrences) for w in result.words)
    return TableData(
        _("Most frequent words: %(question)s") % {"question": result.question.label}, header, rows, _cell_format
    )


def _text_charts(block: Block) -> None:
    result = block.result
    if result.words:
        shown = result.words[:WORDS_CHARTED]
        chart = bar_chart(
            [w.lemma for w in shown],
            [w.answers for w in shown],
            title=_("Most frequent words: %(question)s") % {"question": result.question.label},
            description=_(
                "Words in their basic form (lemma), by the number of answers using them; common words left out."
            ),
            value_label=_("Answers using the word"),
            options=ChartOptions(
                number_format=_cell_format, id_prefix=_chart_id(result, "words"), category_label=_("Word")
            ),
        )
        block.charts.append(dataclasses.replace(chart, table=words_table(result)))
    if result.codes:
        block.charts.append(
            share_chart(
                _("Categories of answers: %(question)s") % {"question": result.question.label},
                result.codes,
                chart_id=_chart_id(result, "codes"),
                description=_("Categories staff assigned to the answers; one answer may have several."),
                category=_("Category"),
            )
        )


_CHARTS = {
    QuestionType.SINGLE: _choice_charts,
    QuestionType.MULTIPLE: _choice_charts,
    QuestionType.SCALE: _choice_charts,
    QuestionType.MUNICIPALITY: _choice_charts,
    QuestionType.MATRIX: _matrix_charts,
    QuestionType.NUMBER: _number_charts,
    QuestionType.DATE: _date_charts,
    QuestionType.SERVICES: _services_charts,
    QuestionType.TEXT: _text_charts,
    QuestionType.TEXTAREA: _text_charts,
}


def block(result: QuestionResult) -> Block:
    item = Block(result, base_note=base_note(result))
    if result.answered:
        _CHARTS[result.question.type](item)
    if result.crosstab is not None and not result.crosstab.empty:
        item.crosstab = cross_table(result.crosstab, result)
    return item


def blocks(analysis: SurveyAnalysis) -> list[tuple[str, list[Block]]]:
    return [(section.title, [block(r) for r in section.results]) for section in analysis.sections]


# --- cross-tabs -------------------------------------------------------------------------------------------


def chi_square_text(table: CrossTab) -> str:
    test = table.test
    if test is None:
        return table.no_test_reason
    return _("Chi-square test of independence: χ² = %(x2)s, df = %(df)s, %(p)s, Cramér's V = %(v)s.") % {
        "x2": number(test.statistic, 2),
        "df": test.df,
        "p": p_value(test.p_value),
        "v": number(test.cramers_v, 2),
    }


def warning_text(table: CrossTab) -> str:
    test = table.test
    if test is None or not test.has_small_expected:
        return ""
    message = ngettext(
        "%(small)s of %(cells)s cells has an expected count below 5 (the smallest is %(min)s)",
        "%(small)s of %(cells)s cells have an expected count below 5 (the smallest is %(min)s)",
        test.small_cells,
    ) % {"small": test.small_cells, "cells": test.cells, "min": number(test.min_expected, 1)}
    if test.reliable:
        return message + ": " + _("read the p-value with care.")
    return message + ": " + _("the test is unreliable; merge groups or collect more answers.")


def cross_table(table: CrossTab, result: QuestionResult) -> CrossTable:
    header = [_("Answer") if table.rows else _("Item")] + [
        _("%(group)s (n = %(n)s)") % {"group": column.label, "n": number(column.base)} for column in table.columns
    ]
    rows = [
        (
            row.label,
            [
                f"{number(c)} ({percent(p)})" if p is not None else "–"
                for c, p in zip(row.counts, row.percents, strict=True)
            ],
        )
        for row in table.rows
    ]
    for mean_row in table.means:
        rows.append(
            (
                mean_row.label if not table.rows else _("Mean"),
                [number(s.mean, 2) if s.n else "–" for s in mean_row.summaries],
            )
        )
    note = ""
    if table.hidden_columns:
        note = ngettext(
            "%(n)s group with fewer than %(min)s answers is not shown (the test includes it).",
            "%(n)s groups with fewer than %(min)s answers are not shown (the test includes them).",
            table.hidden_columns,
        ) % {"n": table.hidden_columns, "min": PUBLIC_MIN_GROUP}
    caption = _("%(question)s by %(by)s: respondents and column percentages") % {
        "question": result.question.label,
        "by": table.by.label,
    }
    if not table.rows:
        caption = _("%(question)s by %(by)s: means per group") % {
            "question": result.question.label,
            "by": table.by.label,
        }
    return CrossTable(caption, header, rows, chi_square_text(table), warning_text(table), note)
