"""The generated chapter of the plan about a survey (Markdown, Czech by default).

"Výzkum příjemců sociálních služeb" for surveys of service users and of the public, "Výzkum poskytovatelů"
for the provider survey. It states the key numbers of a public ``SurveyAnalysis``: responses by channel,
the main answers of closed questions with their 95 % intervals, the most frequent categories or words of
open questions, and the caveats (self-selected respondents; illustrative answers, when there are any).
Sentences go through gettext, so the chapter exists in English too; the coordinator edits it afterwards.
"""

from __future__ import annotations

from django.db.models import Max, Min
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .analysis import Audience, QuestionResult, SurveyAnalysis
from .definition import QuestionType
from .models import Response, ResponseStatus, Survey, SurveyKind
from .results_presentation import number, percent

TOP_ANSWERS = 3


def heading(survey: Survey) -> str:
    """The chapter's title in the active language."""
    if survey.kind == SurveyKind.PROVIDERS:
        return _("Survey of providers")
    if survey.kind == SurveyKind.USERS:
        return _("Survey of social service recipients")
    if survey.kind == SurveyKind.PUBLIC:
        return _("Survey of the public")
    if survey.kind == SurveyKind.MAYORS:
        return _("Survey of mayors")
    return survey.title


def _date(value) -> str:
    return formats.date_format(value, "j. n. Y") if value else ""


def _course(result: SurveyAnalysis) -> list[str]:
    survey = result.survey
    span = Response.objects.filter(survey=survey, status=ResponseStatus.SUBMITTED).aggregate(
        first=Min("submitted_at"), last=Max("submitted_at")
    )
    lines = ["## " + _("Course of the survey"), ""]
    sentence = ngettext(
        "The survey “%(title)s” collected %(count)s response",
        "The survey “%(title)s” collected %(count)s responses",
        result.total,
    ) % {"title": survey.title, "count": number(result.total)}
    first, last = _date(span["first"]), _date(span["last"])
    if first and first == last:
        sentence += " " + _("on %(date)s") % {"date": first}
    elif first:
        sentence += " " + _("between %(first)s and %(last)s") % {"first": first, "last": last}
    if result.channels:
        parts = [f"{number(count)} – {label}" for _code, label, count in result.channels]
        sentence += " (" + "; ".join(parts) + ")"
    lines += [sentence + ".", ""]
    questions = sum(1 for q in result.definition.questions() if q.answerable)
    lines += [
        ngettext("The questionnaire had %(count)s question.", "The questionnaire had %(count)s questions.", questions)
        % {"count": questions},
        "",
    ]
    return lines


def _shares(result: QuestionResult) -> str:
    rows = sorted((r for r in result.rows if r.count), key=lambda r: -r.count)[:TOP_ANSWERS]
    return ", ".join(
        _("%(answer)s %(share)s (95%% interval %(low)s–%(high)s)")
        % {
            "answer": row.label,
            "share": percent(row.share.percent),
            "low": number(row.share.low, 1),
            "high": percent(row.share.high),
        }
        for row in rows
    )


def _closed_line(result: QuestionResult) -> str:
    question = result.question
    lead = f"**{question.label}** (n = {number(result.answered)}): "
    if question.type == QuestionType.MATRIX:
        rated = [row for row in result.matrix if row.summary.n]
        if not rated:
            return ""
        best = max(rated, key=lambda row: row.summary.mean)
        worst = min(rated, key=lambda row: row.summary.mean)
        return lead + _("rated best: %(best)s (mean %(best_mean)s), worst: %(worst)s (mean %(worst_mean)s).") % {
            "best": best.label,
            "best_mean": number(best.summary.mean, 1),
            "worst": worst.label,
            "worst_mean": number(worst.summary.mean, 1),
        }
    if question.type == QuestionType.NUMBER:
        summary = result.summary
        return lead + _("mean %(mean)s, median %(median)s.") % {
            "mean": number(summary.mean, 1),
            "median": number(summary.median),
        }
    if question.type == QuestionType.SCALE:
        return lead + _scale(result) + "."
    text = _shares(result)
    if result.multiple:
        text += " " + _("(several answers possible)")
    return lead + text + "."


def _scale(result: QuestionResult) -> str:
    """Mean and the share in the upper two points, e.g. "mean 3.5 on the scale 1–5; 4 or more: 50.0 %"."""
    low, high = result.question.scale_range()
    top = sum(row.count for row in result.rows if row.value.lstrip("-").isdecimal() and int(row.value) >= high - 1)
    return _("mean %(mean)s on the scale %(low)s–%(high)s; %(top)s or more: %(share)s") % {
        "mean": number(result.summary.mean, 1),
        "low": low,
        "high": high,
        "top": high - 1,
        "share": percent(100.0 * top / result.answered),
    }


CLOSED = (
    QuestionType.SINGLE,
    QuestionType.MULTIPLE,
    QuestionType.SCALE,
    QuestionType.MATRIX,
    QuestionType.NUMBER,
    QuestionType.MUNICIPALITY,
    QuestionType.SERVICES,
)


def _closed(result: SurveyAnalysis) -> list[str]:
    lines = []
    for item in result.results():
        if item.question.type in CLOSED and item.answered:
            line = _closed_line(item)
            if line:
                lines += ["- " + line]
    if not lines:
        return []
    return ["## " + _("Main results"), "", *lines, ""]


def _open_line(result: QuestionResult) -> str:
    lead = f"**{result.question.label}** (n = {number(result.answered)}): "
    if result.codes:
        top = result.codes[:5]
        return lead + _("most frequent categories: %(items)s.") % {
            "items": ", ".join(f"{row.label} ({number(row.count)})" for row in top)
        }
    if result.words:
        top = result.words[:8]
        return lead + _("most frequent words: %(items)s.") % {
            "items": ", ".join(f"{w.lemma} ({number(w.answers)})" for w in top)
        }
    return lead + _("the answers have not been sorted into categories yet.")


def _open(result: SurveyAnalysis) -> list[str]:
    lines = [
        "- " + _open_line(item)
        for item in result.results()
        if item.question.type in QuestionType.FREE_TEXT and item.answered
    ]
    if not lines:
        return []
    intro = _(
        "Answers in the respondents' own words, summarised by the categories staff assigned or, where there are "
        "none yet, by the most frequent words (in their basic form; the number of answers using them in brackets)."
    )
    return ["## " + _("Open questions"), "", intro, "", *lines, ""]


def _method(result: SurveyAnalysis) -> list[str]:
    text = (
        _(
            "Shares are of the respondents who answered the question; where several answers were possible they add "
            "up to more than 100 %%. The 95%% intervals are Wilson score intervals. Respondents chose to take part, "
            "so the results describe those who answered, not all inhabitants; small differences between groups may "
            "be due to chance."
        )
        % {}
    )
    return ["## " + _("Method and limits"), "", text, ""]


def _illustrative(result: SurveyAnalysis) -> list[str]:
    if not result.is_illustrative:
        return []
    message = ngettext(
        "**Illustrative data, not findings:** %(count)s of the %(total)s responses was generated for the "
        "demonstration and does not come from a real respondent.",
        "**Illustrative data, not findings:** %(count)s of the %(total)s responses were generated for the "
        "demonstration and do not come from real respondents.",
        result.illustrative,
    ) % {"count": number(result.illustrative), "total": number(result.total)}
    return ["> " + message, ""]


def generate(result: SurveyAnalysis, language: str = "cs") -> str:
    """The chapter as Markdown in ``language`` (the title comes from ``heading``, shown by the page or plan)."""
    if result.audience != Audience.PUBLIC:
        raise ValueError("the chapter goes into a public plan: generate it from the public analysis")
    with translation.override(language):
        lines = _illustrative(result)
        if not result.total:
            lines += [_("The survey has no sent responses yet."), ""]
        else:
            lines += _course(result) + _closed(result) + _open(result) + _method(result)
    return "\n".join(lines).rstrip() + "\n"
