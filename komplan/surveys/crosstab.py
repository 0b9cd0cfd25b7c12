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


@dataclass(frozen=True)
class Grouping:
    """The groups of the "by" question, computed once for all the questions of an analysis: for every respondent
    who answered it, their answers and the indices of their groups."""

    by: qdef.Question
    columns: list[tuple[str, str]]  # (value, label) of each group, in the question's order
    sizes: list[int]  # respondents per group
    members: list[tuple[dict, tuple[int, ...]]]  # (answers, group indices)


def grouping(by: qdef.Question, records: list[Record], labels: Labels) -> Grouping:
    answered = []
    present: Counter[str] = Counter()
    for record in records:
        values = set(closed_values(by, record.answers))
        if values:
            answered.append((record.answers, values))
            present.update(values)
    columns = [(value, label) for value, label in value_labels(by, labels) if present[value]]
    known = {value for value, _label in columns}
    columns += [(value, labels.municipality(value)) for value in present if value not in known]
    index = {value: i for i, (value, _label) in enumerate(columns)}
    members = [(answers, tuple(index[v] for v in values)) for answers, values in answered]
    return Grouping(by, columns, [present[value] for value, _label in columns], members)


def crosstab(question: qdef.Question, groups: Grouping, labels: Labels, audience: Audience) -> CrossTab | None:
    """``question`` by the groups of ``groups.by``; None for question types that are not cross-tabulated (text)."""
    if question.type not in (*CATEGORICAL, QuestionType.NUMBER, QuestionType.MATRIX):
        return None
    if question.type in CATEGORICAL:
        table, bases = _categorical(question, groups, labels)
    else:
        table, bases = _means(question, groups)
    table.columns = [
        Column(value, label, size, base)
        for (value, label), size, base in zip(groups.columns, groups.sizes, bases, strict=True)
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


def _categorical(question, groups: Grouping, labels: Labels) -> tuple[CrossTab, list[int]]:
    width = len(groups.columns)
    counts: dict[str, list[int]] = defaultdict(lambda: [0] * width)
    bases = [0] * width
    numbers: list[list[float]] = [[] for _ in range(width)]
    scale = question.type == QuestionType.SCALE
    for answers, group in groups.members:
        given = set(closed_values(question, answers))
        if not given:
            continue
        for j in group:
            bases[j] += 1
            for answer in given:
                counts[answer][j] += 1
            if scale:
                numbers[j].extend(float(a) for a in given if a.lstrip("-").isdecimal())
    ordered = value_labels(question, labels)
    known = {value for value, _label in ordered}
    ordered += [(value, labels.municipality(value)) for value in counts if value not in known]
    rows = [
        CrossRow(
            value,
            label,
            counts[value],
            _percents(counts[value], bases),
        )
        for value, label in ordered
        if value in counts or question.type != QuestionType.MUNICIPALITY
    ]
    table = CrossTab(by=groups.by, columns=[], rows=rows)
    if scale:
        table.means = [MeanRow(_("Mean"), [stats.describe(values) for values in numbers])]
    if question.type in SINGLE_VALUED and groups.by.type in SINGLE_VALUED:
        table.test = stats.chi_square([row.counts for row in rows]) if rows else None
        if table.test is None:
            table.no_test_reason = _("No test: the table needs at least two rows and two columns with answers.")
    else:
        table.no_test_reason = _("No chi-square test: respondents could give several answers, so the groups overlap.")
    return table, bases


def _means(question, groups: Grouping) -> tuple[CrossTab, list[int]]:
    width = len(groups.columns)
    if question.type == QuestionType.NUMBER:
        parts = [("", question.label)]
    else:
        parts = [(row.value, row.label) for row in question.rows]
    values: dict[str, list[list[float]]] = {part: [[] for _ in range(width)] for part, _label in parts}
    bases = [0] * width
    for answers, group in groups.members:
        answer = answers.get(question.key)
        given = {"": answer} if question.type == QuestionType.NUMBER else answer
        if not isinstance(given, dict):
            continue
        numbers = {
            part: float(v) for part, v in given.items() if isinstance(v, int | float) and not isinstance(v, bool)
        }
        if not numbers:
            continue
        for j in group:
            bases[j] += 1
            for part, number in numbers.items():
                if part in values:
                    values[part][j].append(number)
    means = [MeanRow(label, [stats.describe(v) for v in values[part]]) for part, label in parts]
    reason = _("Means by group; the chi-square test applies to answers in categories only.")
    return CrossTab(by=groups.by, columns=[], means=means, no_test_reason=reason), bases
