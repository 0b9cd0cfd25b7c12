"""Cross-tabulation of a question by a closed question (e.g. by age band or municipality), with a chi-square test.

Columns are the groups of the "by" question; cells count respondents and give the column percentage (the
share of the group's respondents who answered the row question). Numbers, scales and matrices also get the
mean per group.

The chi-square test of independence needs each respondent in exactly one cell, so it is computed only when
both questions take one answer each; multiple-choice questions get the table without a test. Columns with
fewer than ``PUBLIC_MIN_GROUP`` respondents who answered the row question are left out of public pages (they
could reveal a person's answers); the test still uses all the data, so public and staff pages show the same
statistic.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import definition as qdef
from . import stats
from .analysis import PUBLIC_MIN_GROUP, Audience, Labels, Record, closed_values, value_labels
from .definition import QuestionType

CATEGORICAL = (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.SCALE, QuestionType.MUNICIPALITY)
SINGLE_VALUED = (QuestionType.SINGLE, QuestionType.SCALE, QuestionType.MUNICIPALITY)


@dataclass(frozen=True)
class Column:
    value: str
    label: str
    respondents: int  # in this group (whatever they answered to the row question)
    base: int  # of them, those who answered the row question: the base of the column percentages


@dataclass(frozen=True)
class CrossRow:
    value: str
    label: str
    counts: list[int]
    percents: list[float | None]


@dataclass(frozen=True)
class MeanRow:
    label: str
    summaries: list[stats.Summary]


@dataclass
class CrossTab:
    by: qdef.Question
    columns: list[Column]
    rows: list[CrossRow] = field(default_factory=list)
    means: list[MeanRow] = field(default_factory=list)
    test: stats.ChiSquare | None = None
    no_test_reason: str = ""
    hidden_columns: int = 0

    @property
    def empty(self) -> bool:
        return not self.columns or not (self.rows or self.means)


def _groups(by: qdef.Question, records: list[Record]) -> list[tuple[Record, set[str]]]:
    grouped = []
    for record in records:
        values = set(closed_values(by, record.answers))
        if values:
            grouped.append((record, values))
    return grouped


def _column_values(by: qdef.Question, grouped, labels: Labels) -> list[tuple[str, str]]:
    present = Counter(value for _record, values in grouped for value in values)
    ordered = [(value, label) for value, label in value_labels(by, labels) if present[value]]
    known = {value for value, _label in ordered}
    ordered += [(value, labels.municipality(value)) for value in present if value not in known]
    return ordered


def crosstab(
    question: qdef.Question, by: qdef.Question, records: list[Record], labels: Labels, audience: Audience
) -> CrossTab | None:
    """``question`` by the groups of ``by``; None for question types that are not cross-tabulated (text)."""
    if question.type not in (*CATEGORICAL, QuestionType.NUMBER, QuestionType.MATRIX):
        return None
    grouped = _groups(by, records)
    columns = _column_values(by, grouped, labels)
    sizes = Counter(value for _record, values in grouped for value in values)
    if question.type in CATEGORICAL:
        table, bases = _categorical(question, by, grouped, columns, labels)
    else:
        table, bases = _means(question, by, grouped, columns)
    table.columns = [
        Column(value, label, sizes[value], base) for (value, label), base in zip(columns, bases, strict=True)
    ]
    if audience == Audience.PUBLIC:
        _hide_small(table)
    return table


def _hide_small(table: CrossTab) -> None:
    keep = [i for i, column in enumerate(table.columns) if column.base >= PUBLIC_MIN_GROUP]
    table.hidden_columns = len(table.columns) - len(keep)
    if not table.hidden_columns:
        return
    table.columns = [table.columns[i] for i in keep]
    table.rows = [
        CrossRow(r.value, r.label, [r.counts[i] for i in keep], [r.percents[i] for i in keep]) for r in table.rows
    ]
    table.means = [MeanRow(m.label, [m.summaries[i] for i in keep]) for m in table.means]


def _percents(counts: list[int], bases: list[int]) -> list[float | None]:
    return [100.0 * count / base if base else None for count, base in zip(counts, bases, strict=True)]


def _categorical(question, by, grouped, columns, labels: Labels) -> tuple[CrossTab, list[int]]:
    index = {value: i for i, (value, _label) in enumerate(columns)}
    counts: dict[str, list[int]] = defaultdict(lambda: [0] * len(columns))
    bases = [0] * len(columns)
    numbers: list[list[float]] = [[] for _ in columns]
    for record, group in grouped:
        answers = set(closed_values(question, record.answers))
        if not answers:
            continue
        for value in group:
            j = index[value]
            bases[j] += 1
            for answer in answers:
                counts[answer][j] += 1
            if question.type == QuestionType.SCALE:
                numbers[j].extend(float(a) for a in answers if a.lstrip("-").isdigit())
    ordered = value_labels(question, labels)
    known = {value for value, _label in ordered}
    ordered += [(value, labels.municipality(value)) for value in counts if value not in known]
    rows = [
        CrossRow(
            value,
            label,
            counts[value],
            [100.0 * c / b if b else None for c, b in zip(counts[value], bases, strict=True)],
        )
        for value, label in ordered
        if value in counts or question.type != QuestionType.MUNICIPALITY
    ]
    table = CrossTab(by=by, columns=[], rows=rows)
    if question.type == QuestionType.SCALE:
        table.means = [MeanRow(_("Mean"), [stats.describe(values) for values in numbers])]
    if question.type in SINGLE_VALUED and by.type in SINGLE_VALUED:
        table.test = stats.chi_square([row.counts for row in rows]) if rows else None
        if table.test is None:
            table.no_test_reason = _("No test: the table needs at least two rows and two columns with answers.")
    else:
        table.no_test_reason = _("No chi-square test: respondents could give several answers, so the groups overlap.")
    return table, bases


def _means(question, by, grouped, columns) -> tuple[CrossTab, list[int]]:
    index = {value: i for i, (value, _label) in enumerate(columns)}
    if question.type == QuestionType.NUMBER:
        parts = [("", question.label)]
    else:
        parts = [(row.value, row.label) for row in question.rows]
    values: dict[str, list[list[float]]] = {part: [[] for _ in columns] for part, _label in parts}
    bases = [0] * len(columns)
    for record, group in grouped:
        answer = record.answers.get(question.key)
        given = {"": answer} if question.type == QuestionType.NUMBER else answer
        if not isinstance(given, dict):
            continue
        numbers = {
            part: float(v) for part, v in given.items() if isinstance(v, int | float) and not isinstance(v, bool)
        }
        if not numbers:
            continue
        for value in group:
            bases[index[value]] += 1
            for part, number in numbers.items():
                if part in values:
                    values[part][index[value]].append(number)
    means = [MeanRow(label, [stats.describe(v) for v in values[part]]) for part, label in parts]
    reason = _("Means by group; the chi-square test applies to answers in categories only.")
    return CrossTab(by=by, columns=[], means=means, no_test_reason=reason), bases
