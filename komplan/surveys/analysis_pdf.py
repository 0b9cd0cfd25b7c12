"""The results of a survey as a PDF (Typst template ``komplan/surveys/typst/analysis.typ``).

The PDF is a document to pass on, so it always holds what the public page shows — aggregates only, never
the texts of answers — whoever downloads it (``Audience.PUBLIC``); the page's filters apply. Charts are the
same accessible SVGs as on the page, embedded as images, each followed by its data table.

The template lives with the surveys app and imports the house style from ``komplan/documents/typst``; it is
compiled with the ``komplan`` package as Typst's root and the shipped fonts of ``komplan.documents``.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import typst
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from komplan.documents import pdf as documents_pdf

from . import results_presentation as presentation
from .analysis import PUBLIC_MIN_GROUP, Audience, SurveyAnalysis, cached_analyse
from .chapter import heading
from .models import Survey

TEMPLATE = Path(__file__).resolve().parent / "typst" / "analysis.typ"
ROOT = Path(__file__).resolve().parents[1]  # komplan/: the template reaches documents/typst/komplan.typ

logger = logging.getLogger(__name__)


def _table(chart) -> dict:
    table = chart.table
    return {
        "caption": table.caption,
        "header": [cell.text for cell in table.head],
        "rows": [[row.header, *(cell.text for cell in row.cells)] for row in table.body],
    }


def _question(block: presentation.Block) -> dict:
    cross = block.crosstab
    return {
        "label": block.question.label,
        "note": block.base_note if block.result.answered else _("No answers."),
        "charts": [{"title": c.title, "svg": str(c.svg), "table": _table(c)} for c in block.charts],
        "summary": [{"label": label, "value": value} for label, value in block.summary],
        "crosstab": None
        if cross is None
        else {
            "caption": cross.caption,
            "header": cross.header,
            "rows": [[label, *cells] for label, cells in cross.rows],
            "test": cross.test,
            "warning": cross.warning,
            "note": cross.note,
        },
    }


def _facts(result: SurveyAnalysis, filters_text: str) -> list[dict]:
    facts = [
        {"label": _("Responses analysed"), "lines": [{"text": presentation.number(result.total)}]},
        {
            "label": _("By channel"),
            "lines": [{"text": f"{label}: {presentation.number(n)}"} for _code, label, n in result.channels]
            or [{"text": "–"}],
        },
    ]
    if filters_text:
        facts.append({"label": _("Filter"), "lines": [{"text": filters_text}]})
    facts.append({"label": _("Generated"), "lines": [{"text": formats.date_format(timezone.localdate(), "j. n. Y")}]})
    return facts


def filters_text(result: SurveyAnalysis) -> str:
    """The filters in words, e.g. "Kolik je vám let?: 65–79 let; channel: paper questionnaire"."""
    from .analysis import group_values
    from .models import Channel

    parts = []
    filters = result.filters
    if filters.group:
        question = result.definition.question(filters.group[0])
        label = dict(group_values(question, result.survey)).get(filters.group[1], filters.group[1])
        parts.append(f"{question.label}: {label}")
    if filters.channel:
        parts.append(_("channel: %(channel)s") % {"channel": dict(Channel.choices)[filters.channel]})
    if filters.version:
        parts.append(_("questionnaire version %(number)s") % {"number": filters.version})
    if filters.by:
        parts.append(_("compared by: %(question)s") % {"question": result.definition.question(filters.by).label})
    return "; ".join(parts)


def _illustrative_notice(result: SurveyAnalysis) -> str:
    if not result.is_illustrative:
        return ""
    return _(
        "Illustrative data, not findings: %(count)s of the %(total)s responses were generated for the demonstration "
        "and do not come from real respondents."
    ) % {"count": presentation.number(result.illustrative), "total": presentation.number(result.total)}


def analysis_data(result: SurveyAnalysis) -> dict:
    """Everything the template prints, as JSON-able data in the active language."""
    survey = result.survey
    process = survey.process
    withheld = ""
    if result.withheld:
        withheld = _(
            "The chosen group has fewer than %(min)s responses; to protect the respondents its results are not shown."
        ) % {"min": PUBLIC_MIN_GROUP}
    return {
        "lang": (translation.get_language() or "cs").split("-")[0],
        "title": survey.title,
        "subtitle": heading(survey),
        "process": process.name,
        "running": f"{survey.title} · {process.name}",
        "facts": _facts(result, filters_text(result)),
        "illustrative_notice": _illustrative_notice(result),
        "demo_note": process.demo_note,
        "withheld": withheld,
        "empty": _("The survey has no sent responses yet.") if not result.total and not result.withheld else "",
        "labels": {
            "contents": _("Contents"),
            "method": _("Method and limits"),
            "summary_header": [_("Statistic"), _("Value")],
        },
        "sections": [
            {"title": title, "questions": [_question(block) for block in blocks]}
            for title, blocks in presentation.blocks(result)
        ],
        "method": [
            _(
                "Only sent questionnaires are counted. Shares are of the respondents who answered each question; where "
                "several answers were possible they add up to more than 100 %%. The 95%% intervals are Wilson score "
                "intervals."
            )
            % {},
            _(
                "Cross-tabulations give the chi-square test of independence; it is unreliable when expected counts "
                "are below 5, which the tables say. Respondents chose to take part, so the results describe those "
                "who answered, not all inhabitants."
            ),
            _(
                "Answers in the respondents' own words are not printed; they are summarised by categories and by the "
                "most frequent words used in at least two answers."
            ),
        ],
    }


def compile_analysis(data: dict) -> tuple[bytes, list]:
    """The PDF and Typst's warnings (tests assert there are none)."""
    compiler = typst.Compiler(str(TEMPLATE), root=str(ROOT), font_paths=documents_pdf.fonts(), ignore_system_fonts=True)
    inputs = {"data": json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)}
    try:
        pdf, warnings = compiler.compile_with_warnings(format="pdf", sys_inputs=inputs)
    except typst.TypstError as error:
        raise documents_pdf.DocumentError(f"analysis.typ: {error.message}\n{error.diagnostic}") from error
    return pdf, list(warnings)


def render(result: SurveyAnalysis) -> bytes:
    pdf, warnings = compile_analysis(analysis_data(result))
    for warning in warnings:
        logger.warning("Typst analysis.typ: %s", warning.message)
    return pdf


def analysis_pdf(survey_or_result: Survey | SurveyAnalysis, filters=None) -> bytes:
    """The PDF of a survey's public results (a ``SurveyAnalysis`` of another audience is recomputed as public)."""
    if isinstance(survey_or_result, SurveyAnalysis):
        if survey_or_result.audience == Audience.PUBLIC:
            return render(survey_or_result)
        survey_or_result, filters = survey_or_result.survey, survey_or_result.filters
    return render(cached_analyse(survey_or_result, filters, Audience.PUBLIC))
