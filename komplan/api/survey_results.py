"""Aggregated results of a survey: ``GET /surveys/{id}/results`` (issue: surveys, item 8).

Aggregates only, for everyone who may call it: counts, shares with their 95 % (Wilson) intervals, summaries
of numbers and scales, cross-tabs with the chi-square test, and for free-text questions the word frequencies
(lemmas used in at least two answers) and the counts of staff-assigned categories — never an answer as
written, never contacts. A filtered group of fewer than 5 responses is ``withheld`` (no figures but its size).

Visibility as on the results page: the survey's process must be visible to the caller and the results
public, or the caller a member with ``view_internal``; otherwise 404, as for an unknown id.

Filters (as on the page): ``group=question:answer``, ``channel``, ``version``, ``by`` (a closed question to
cross-tabulate every other question by). A bad value is a 400 naming the ``parameter``.
"""

from __future__ import annotations

from django.utils.translation import gettext
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from komplan.accounts.middleware import access_for
from komplan.accounts.roles import Perm
from komplan.surveys import analysis as results
from komplan.surveys.models import Survey
from komplan.territory.models import PlanningProcess

from .schemas import ErrorOut

router = Router(tags=["surveys"])

API_PARAMETERS = {"group": "group", "channel": "channel", "version": "version", "by": "by"}


class ParameterErrorOut(Schema):
    detail: str
    parameter: str


class ShareOut(Schema):
    value: str
    label: str
    count: int
    percent: float | None = Field(description="Share of the respondents who answered the question, in %.")
    ci_low: float | None = Field(description="Lower end of the 95 % Wilson interval, in %.")
    ci_high: float | None = Field(description="Upper end of the 95 % Wilson interval, in %.")


class SummaryOut(Schema):
    n: int
    mean: float | None
    median: float | None
    sd: float | None = Field(description="Sample standard deviation (n − 1).")
    min: float | None
    max: float | None
    q1: float | None
    q3: float | None


class MatrixRowOut(Schema):
    value: str
    label: str
    summary: SummaryOut
    points: list[ShareOut]


class WordOut(Schema):
    lemma: str
    answers: int = Field(description="Answers using the word (any form).")
    occurrences: int


class ChiSquareOut(Schema):
    statistic: float
    df: int
    p_value: float
    cramers_v: float
    min_expected: float
    small_cells: int = Field(description="Cells with an expected count below 5.")
    cells: int
    reliable: bool = Field(description="Cochran's rule: at most 20 % of cells below 5 and none below 1.")


class ColumnOut(Schema):
    value: str
    label: str
    respondents: int
    base: int = Field(description="Respondents of the group who answered the question: the base of its percents.")


class CrossRowOut(Schema):
    value: str
    label: str
    counts: list[int]
    percents: list[float | None]


class MeanRowOut(Schema):
    label: str
    summaries: list[SummaryOut]


class CrossTabOut(Schema):
    by: str
    columns: list[ColumnOut]
    rows: list[CrossRowOut]
    means: list[MeanRowOut]
    chi_square: ChiSquareOut | None
    note: str
    hidden_columns: int = Field(description="Groups with fewer than 5 answers, left out (the test includes them).")


class QuestionOut(Schema):
    key: str
    type: str
    label: str
    section: str
    answered: int
    unanswered: int
    multiple: bool = Field(description="Several answers possible: shares add up to more than 100 %.")
    answers: list[ShareOut]
    used: list[ShareOut]
    other_count: int
    summary: SummaryOut | None
    bins: list[ShareOut]
    matrix: list[MatrixRowOut]
    words: list[WordOut]
    categories: list[ShareOut]
    crosstab: CrossTabOut | None


class SurveyRefOut(Schema):
    id: int
    title: str
    slug: str
    kind: str
    kind_label: str
    process: str


class CountOut(Schema):
    code: str
    label: str
    count: int


class VersionCountOut(Schema):
    number: int
    count: int


class SurveyResultsOut(Schema):
    survey: SurveyRefOut
    filters: dict[str, str]
    responses: int = Field(description="Sent responses matching the filters.")
    submitted: int = Field(description="All sent responses of the survey.")
    channels: list[CountOut]
    versions: list[VersionCountOut]
    illustrative: int = Field(description="Generated demo responses among them (not real respondents).")
    notice: str | None = Field(description="Set when the results include illustrative responses: not findings.")
    withheld: bool = Field(description="The filtered group is too small to show (fewer than 5 responses).")
    questions: list[QuestionOut]


def _visible_survey(request, survey_id: int) -> Survey:
    survey = (
        Survey.objects.filter(pk=survey_id, process__in=PlanningProcess.objects.visible_to(request.user))
        .select_related("process")
        .first()
    )
    hidden = survey is not None and not (survey.results_public and survey.is_published)
    if hidden and not access_for(request.user, survey.process).can(Perm.VIEW_INTERNAL):
        survey = None
    if survey is None:
        raise HttpError(404, gettext("No survey with visible results has the id %(id)s.") % {"id": survey_id})
    return survey


def _share(row: results.ShareRow) -> dict:
    share = row.share
    return {
        "value": row.value,
        "label": row.label,
        "count": row.count,
        "percent": _round(share.percent),
        "ci_low": _round(share.low),
        "ci_high": _round(share.high),
    }


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


def _summary(summary) -> dict | None:
    if summary is None:
        return None
    return {
        "n": summary.n,
        "mean": _round(summary.mean),
        "median": _round(summary.median),
        "sd": _round(summary.sd),
        "min": summary.minimum,
        "max": summary.maximum,
        "q1": _round(summary.q1),
        "q3": _round(summary.q3),
    }


def _chi_square(test) -> dict | None:
    if test is None:
        return None
    return {
        "statistic": round(test.statistic, 4),
        "df": test.df,
        "p_value": test.p_value,
        "cramers_v": round(test.cramers_v, 4),
        "min_expected": round(test.min_expected, 4),
        "small_cells": test.small_cells,
        "cells": test.cells,
        "reliable": test.reliable,
    }


def _crosstab(table) -> dict | None:
    if table is None:
        return None
    return {
        "by": table.by.key,
        "columns": [vars(column) for column in table.columns],
        "rows": [
            {"value": r.value, "label": r.label, "counts": r.counts, "percents": [_round(p) for p in r.percents]}
            for r in table.rows
        ],
        "means": [{"label": m.label, "summaries": [_summary(s) for s in m.summaries]} for m in table.means],
        "chi_square": _chi_square(table.test),
        "note": table.no_test_reason if table.test is None else "",
        "hidden_columns": table.hidden_columns,
    }


def _question(item: results.QuestionResult, section: str) -> dict:
    return {
        "key": item.question.key,
        "type": item.question.type,
        "label": item.question.label,
        "section": section,
        "answered": item.answered,
        "unanswered": item.unanswered,
        "multiple": item.multiple,
        "answers": [_share(row) for row in item.rows],
        "used": [_share(row) for row in item.used],
        "other_count": item.other_count,
        "summary": _summary(item.summary),
        "bins": [_share(row) for row in item.bins],
        "matrix": [
            {
                "value": r.value,
                "label": r.label,
                "summary": _summary(r.summary),
                "points": [_share(p) for p in r.points],
            }
            for r in item.matrix
        ],
        "words": [{"lemma": w.lemma, "answers": w.answers, "occurrences": w.occurrences} for w in item.words],
        "categories": [_share(row) for row in item.codes],
        "crosstab": _crosstab(item.crosstab),
    }


@router.get(
    "/{survey_id}/results",
    response={200: SurveyResultsOut, 400: ParameterErrorOut, 404: ErrorOut},
    summary="Aggregated results of a survey (never individual answers)",
    url_name="survey_results",
)
def survey_results(
    request,
    survey_id: int,
    group: str | None = None,
    channel: str | None = None,
    version: str | None = None,
    by: str | None = None,
):
    """Every question summarised by its type, for the sent responses chosen by the filters."""
    survey = _visible_survey(request, survey_id)
    raw = {"group": group, "channel": channel, "version": version, "by": by}
    try:
        filters = results.parse_filters(survey, {k: v for k, v in raw.items() if v}, API_PARAMETERS)
    except results.BadFilter as exc:
        return Status(400, {"detail": str(exc), "parameter": exc.field})
    result = results.cached_analyse(survey, filters, results.Audience.PUBLIC)
    notice = None
    if result.is_illustrative:
        notice = gettext(
            "Illustrative data, not findings: %(count)s of the %(total)s responses were generated for the "
            "demonstration and do not come from real respondents."
        ) % {"count": result.illustrative, "total": result.total}
    return {
        "survey": {
            "id": survey.pk,
            "title": survey.title,
            "slug": survey.slug,
            "kind": survey.kind,
            "kind_label": str(survey.get_kind_display()),
            "process": survey.process.slug,
        },
        "filters": filters.query(API_PARAMETERS),
        "responses": result.total,
        "submitted": result.submitted,
        "channels": [{"code": code, "label": label, "count": n} for code, label, n in result.channels],
        "versions": [{"number": number, "count": n} for number, n in result.versions],
        "illustrative": result.illustrative,
        "notice": notice,
        "withheld": result.withheld,
        "questions": [_question(item, section.title) for section in result.sections for item in section.results],
    }
