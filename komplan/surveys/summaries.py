"""One question's answers summarised by its type (the part of ``analysis.analyse`` that runs per question).

Hot loops: a survey of 10,000 responses × 40 questions passes through here 400,000 times (bench/surveys.py),
so the counting loops avoid helper calls per answer.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from . import definition as qdef
from . import stats, words
from .analysis import (
    PUBLIC_MIN_WORD_ANSWERS,
    TEXT_LIST_LIMIT,
    WORD_LIMIT,
    Audience,
    Labels,
    MatrixRow,
    QuestionResult,
    Record,
    ShareRow,
    TextAnswer,
    czech_order,
    scale_points,
    value_labels,
)
from .definition import OTHER, OTHER_SUFFIX, QuestionType

# --- per type -----------------------------------------------------------------------------------------


def _rows(counts: Counter, ordered: list[tuple[str, str]], base: int, *, keep_empty: bool = True) -> list[ShareRow]:
    return [
        ShareRow(value, label, stats.proportion(counts.get(value, 0), base))
        for value, label in ordered
        if keep_empty or counts.get(value)
    ]


def _count_choices(key: str, records: list[Record]) -> tuple[Counter, int, list[dict]]:
    """Answers per value, respondents who answered, and their answers (a hot loop: 10,000 × 40 on a big survey)."""
    counts: Counter[str] = Counter()
    answered = []
    for record in records:
        value = record.answers.get(key)
        if value is None or value == "" or value == []:
            continue
        if type(value) is list:
            counts.update({str(v) for v in value})
        elif type(value) is dict:
            continue  # an earlier version asked something else under this key
        else:
            counts[str(value)] += 1
        answered.append(record.answers)
    return counts, len(answered), answered


def _choice(result: QuestionResult, records: list[Record], labels: Labels, audience: Audience) -> None:
    question = result.question
    counts, answered, given = _count_choices(question.key, records)
    if audience == Audience.STAFF and question.other:
        other_key = question.key + OTHER_SUFFIX
        result.other_texts = [str(answers[other_key]) for answers in given if answers.get(other_key)]
    result.answered = answered
    ordered = value_labels(question, labels)
    if question.type == QuestionType.MUNICIPALITY:
        known = {value for value, _label in ordered}
        ordered += [(code, labels.municipality(code)) for code in counts if code not in known]
        rows = _rows(counts, ordered, answered, keep_empty=False)
        result.rows = sorted(rows, key=lambda r: -r.count)
    else:
        known = {value for value, _label in ordered}
        # Values that are none of the question's choices (answers stored under a key an earlier version used for
        # another question) are shown to staff only, and never as raw text to the public.
        unknown = [] if audience != Audience.STAFF else [v for v in counts if v not in known]
        result.rows = _rows(counts, ordered, answered) + [
            ShareRow(v, v, stats.proportion(counts[v], answered)) for v in unknown
        ]
    result.other_count = counts.get(OTHER, 0)
    if question.type == QuestionType.SCALE:
        result.summary = stats.describe(_numbers(question.key, records))


def _numbers(key: str, records: list[Record]) -> list[float]:
    values = []
    for record in records:
        value = record.answers.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            values.append(float(value))
    return values


def _number(result: QuestionResult, records: list[Record], labels: Labels, audience: Audience) -> None:
    from komplan.lib.charts import default_number_format as fmt

    values = _numbers(result.question.key, records)
    result.answered = len(values)
    result.summary = stats.describe(values)
    for low, high, count in stats.histogram(values):
        label = fmt(low) if low == high else f"{fmt(low)}–{fmt(high)}"
        result.bins.append(ShareRow(label, label, stats.proportion(count, len(values))))


def _matrix(result: QuestionResult, records: list[Record], labels: Labels, audience: Audience) -> None:
    question = result.question
    low, high = question.scale_range()
    ratings: dict[str, list[int]] = defaultdict(list)
    answered = 0
    for record in records:
        value = record.answers.get(question.key)
        if not isinstance(value, dict) or not value:
            continue
        answered += 1
        for row, rating in value.items():
            if isinstance(rating, int) and not isinstance(rating, bool):
                ratings[row].append(rating)
    result.answered = answered
    points = scale_points(question)
    for row in question.rows:
        given = ratings.get(row.value, [])
        counts = stats.point_counts(given, low, high)
        shares = [
            ShareRow(str(point), label, stats.proportion(count, len(given)))
            for (point, label), count in zip(points, counts, strict=True)
        ]
        result.matrix.append(MatrixRow(row.value, row.label, stats.describe(given), shares))


def _date(result: QuestionResult, records: list[Record], labels: Labels, audience: Audience) -> None:
    months: Counter[str] = Counter()
    for record in records:
        value = record.answers.get(result.question.key)
        if isinstance(value, str) and len(value) >= 7:
            months[value[:7]] += 1
    result.answered = sum(months.values())
    result.rows = [ShareRow(m, m, stats.proportion(n, result.answered)) for m, n in sorted(months.items())]


def _services(result: QuestionResult, records: list[Record], labels: Labels, audience: Audience) -> None:
    known: Counter[int] = Counter()
    used: Counter[int] = Counter()
    answered = 0
    for record in records:
        value = record.answers.get(result.question.key)
        if not isinstance(value, dict) or not (value.get("known") or value.get("used")):
            continue
        answered += 1
        known.update(set(value.get("known") or []))
        used.update(set(value.get("used") or []))
    result.answered = answered

    def rows(counts: Counter[int]) -> list[ShareRow]:
        ordered = sorted(counts.items(), key=lambda item: (-item[1], czech_order(labels.service(item[0]))))
        return [ShareRow(str(pk), labels.service(pk), stats.proportion(n, answered)) for pk, n in ordered]

    result.rows, result.used = rows(known), rows(used)


def _text(
    result: QuestionResult, records: list[Record], audience: Audience, language: str, coded: dict[int, list[str]]
) -> None:
    texts = []
    for record in records:
        value = record.answers.get(result.question.key)
        if isinstance(value, str) and value.strip():
            texts.append((record, value.strip()))
    result.answered = result.text_count = len(texts)
    minimum = PUBLIC_MIN_WORD_ANSWERS if audience == Audience.PUBLIC else 1
    result.words = words.frequencies((text for _record, text in texts), language, limit=WORD_LIMIT, min_answers=minimum)
    counts: Counter[str] = Counter()
    for record, _text_value in texts:
        counts.update(coded.get(record.id, []))
    result.codes = [
        ShareRow(label, label, stats.proportion(n, len(texts)))
        for label, n in sorted(counts.items(), key=lambda item: (-item[1], czech_order(item[0])))
    ]
    if audience == Audience.STAFF:
        result.texts = [
            TextAnswer(record.id, text, sorted(coded.get(record.id, []), key=czech_order), record.illustrative)
            for record, text in texts[:TEXT_LIST_LIMIT]
        ]


_SUMMARISERS = {
    QuestionType.SINGLE: _choice,
    QuestionType.MULTIPLE: _choice,
    QuestionType.SCALE: _choice,
    QuestionType.MUNICIPALITY: _choice,
    QuestionType.NUMBER: _number,
    QuestionType.MATRIX: _matrix,
    QuestionType.DATE: _date,
    QuestionType.SERVICES: _services,
}


def summarise(
    question: qdef.Question,
    records: list[Record],
    labels: Labels,
    audience: Audience = Audience.PUBLIC,
    coded: dict[int, list[str]] | None = None,
    language: str = "cs",
) -> QuestionResult:
    """One question's result over ``records``; ``coded`` maps response id → category labels (free text)."""
    result = QuestionResult(question=question, answered=0, unanswered=0)
    if question.type in QuestionType.FREE_TEXT:
        _text(result, records, audience, language, coded or {})
    else:
        _SUMMARISERS[question.type](result, records, labels, audience)
    result.unanswered = len(records) - result.answered
    return result
