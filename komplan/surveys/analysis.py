"""The results of a survey: every question summarised by its type, for the responses chosen by the filters.

Only sent (submitted) responses count. Filters: a respondent group (the answer to any closed question, e.g.
"aged 65+" or "lives in Kvílice"), the collection channel and the questionnaire version; ``by`` names a
closed question to cross-tabulate every other question by (``crosstab.py``).

Illustrative (generated demo) responses are counted like any other but counted apart too, so every page
that shows the results can say they are not findings.

Two audiences: ``Audience.STAFF`` gets the texts of free-text and "other" answers; ``Audience.PUBLIC``
gets only counts, word frequencies of lemmas used in at least two answers, and category counts — and no
results at all for a filtered group of fewer than ``PUBLIC_MIN_GROUP`` responses (a group of one would be
that person's answers).
"""

from __future__ import annotations

import enum
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import definition as qdef
from . import stats, words
from .definition import OTHER, QuestionType
from .models import Channel, CodedAnswer, Response, ResponseStatus, Survey

PUBLIC_MIN_GROUP = 5  # a filtered group or a cross-tab column with fewer responses is not shown publicly
PUBLIC_MIN_WORD_ANSWERS = 2  # a lemma only one respondent used is not shown publicly
WORD_LIMIT = 30
TEXT_LIST_LIMIT = 100  # free-text answers listed on the results page (all of them on the coding page)
GROUPABLE = (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.SCALE, QuestionType.MUNICIPALITY)
PARAMETERS = {"group": "skupina", "channel": "kanal", "version": "verze", "by": "podle"}


class Audience(enum.Enum):
    PUBLIC = "public"
    STAFF = "staff"


# --- filters ----------------------------------------------------------------------------------------------


class BadFilter(ValueError):
    """A filter value that does not fit the survey; ``field`` is the filter's name (group, channel, version, by)."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


@dataclass(frozen=True)
class Filters:
    group: tuple[str, str] | None = None  # (question key, answer value)
    channel: str | None = None
    version: int | None = None
    by: str | None = None

    @property
    def narrowed(self) -> bool:
        """Whether only part of the responses is analysed (the cross-tab does not narrow)."""
        return bool(self.group or self.channel or self.version)

    def query(self, names: Mapping[str, str] = PARAMETERS) -> dict[str, str]:
        values = {
            "group": f"{self.group[0]}:{self.group[1]}" if self.group else "",
            "channel": self.channel or "",
            "version": str(self.version) if self.version else "",
            "by": self.by or "",
        }
        return {names[key]: value for key, value in values.items() if value}


def versions_of(survey: Survey) -> list:
    return list(survey.versions.order_by("number"))


def parse_filters(survey: Survey, data: Mapping[str, str], names: Mapping[str, str] = PARAMETERS) -> Filters:
    """Filters from request parameters (``names`` maps filter → parameter name); raises BadFilter."""
    raw = {key: (data.get(name) or "").strip() for key, name in names.items()}
    numbers = [v.number for v in versions_of(survey)]
    version = None
    if raw["version"]:
        if not raw["version"].isdecimal() or int(raw["version"]) not in numbers:
            raise BadFilter("version", _("Choose one of the questionnaire versions."))
        version = int(raw["version"])
    definition = analysed_definition(survey, version)
    channel = raw["channel"] or None
    if channel and channel not in Channel.values:
        raise BadFilter("channel", _("Choose one of the offered channels."))
    group = None
    if raw["group"]:
        key, _sep, value = raw["group"].partition(":")
        question = definition.question(key)
        if question is None or question.type not in GROUPABLE or not value:
            raise BadFilter("group", _("Choose a group from the list."))
        if value not in {option for option, _label in group_values(question, survey)}:
            raise BadFilter("group", _("Choose a group from the list."))
        group = (key, value)
    by = raw["by"] or None
    if by:
        question = definition.question(by)
        if question is None or question.type not in GROUPABLE:
            raise BadFilter("by", _("Choose a closed question to compare by."))
    return Filters(group=group, channel=channel, version=version, by=by)


def group_values(question: qdef.Question, survey: Survey) -> list[tuple[str, str]]:
    """The answers of a closed question that define a respondent group: (value, label)."""
    if question.type in QuestionType.WITH_CHOICES:
        values = [(c.value, c.label) for c in question.choices]
        return values + ([(OTHER, _("Other"))] if question.other else [])
    if question.type == QuestionType.SCALE:
        return [(str(point), label) for point, label in scale_points(question)]
    names = municipality_names(survey)
    return sorted(names.items(), key=lambda item: czech_order(item[1]))


def group_options(survey: Survey, definition: qdef.Definition) -> list[tuple[str, list[tuple[str, str]]]]:
    """For the filter form: per closed question its label and the ``key:value`` options."""
    return [
        (q.label, [(f"{q.key}:{value}", label) for value, label in group_values(q, survey)])
        for q in definition.questions()
        if q.type in GROUPABLE
    ]


def czech_order(text: str):
    from komplan.lib.text import czech_key

    return czech_key(text)


def scale_points(question: qdef.Question) -> list[tuple[int, str]]:
    low, high = question.scale_range()
    points = []
    for point in range(low, high + 1):
        meaning = question.min_label if point == low else question.max_label if point == high else ""
        points.append((point, f"{point} – {meaning}" if meaning else str(point)))
    return points


def municipality_names(survey: Survey) -> dict[str, str]:
    return dict(survey.process.municipalities.values_list("code", "name"))


# --- the questionnaire analysed ---------------------------------------------------------------------------


def analysed_definition(survey: Survey, version: int | None = None) -> qdef.Definition:
    """The questions to report: of one version, or of the current one followed by questions that only earlier
    versions asked (in a section of their own, so their answers are not lost)."""
    versions = versions_of(survey)
    if not versions:
        return qdef.Definition()
    if version is not None:
        return qdef.parse(next(v for v in versions if v.number == version).definition)
    current = qdef.parse(versions[-1].definition)
    known = {q.key for q in current.questions()}
    earlier = qdef.Section(key="earlier_versions", title=_("Questions of earlier versions only"))
    for old in reversed(versions[:-1]):
        for question in qdef.parse(old.definition).questions():
            if question.key not in known:
                earlier.questions.append(question)
                known.add(question.key)
    if earlier.questions:
        current.sections.append(earlier)
    return current


# --- results ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShareRow:
    """One answer (choice, scale point, municipality, month, service, category) with its count and share."""

    value: str
    label: str
    share: stats.Proportion

    @property
    def count(self) -> int:
        return self.share.count


@dataclass(frozen=True)
class MatrixRow:
    value: str
    label: str
    summary: stats.Summary
    points: list[ShareRow]


@dataclass(frozen=True)
class TextAnswer:
    response_id: int
    text: str
    codes: list[str]
    illustrative: bool


@dataclass
class QuestionResult:
    """What one question's answers come to; which fields are filled depends on the question type."""

    question: qdef.Question
    answered: int  # respondents in the analysed set who answered it: the base of its percentages
    unanswered: int  # the rest of the analysed set (not shown the question, or skipped it)
    rows: list[ShareRow] = field(default_factory=list)
    other_count: int = 0
    other_texts: list[str] = field(default_factory=list)  # staff only
    summary: stats.Summary | None = None
    bins: list[ShareRow] = field(default_factory=list)  # number: histogram
    matrix: list[MatrixRow] = field(default_factory=list)
    used: list[ShareRow] = field(default_factory=list)  # services: used (``rows`` are the known ones)
    words: list[words.WordCount] = field(default_factory=list)
    codes: list[ShareRow] = field(default_factory=list)
    texts: list[TextAnswer] = field(default_factory=list)  # staff only, at most TEXT_LIST_LIMIT
    text_count: int = 0
    crosstab: object = None  # crosstab.CrossTab

    @property
    def multiple(self) -> bool:
        return self.question.type in (QuestionType.MULTIPLE, QuestionType.SERVICES)


@dataclass
class SectionResult:
    title: str
    results: list[QuestionResult]


@dataclass
class SurveyAnalysis:
    survey: Survey
    definition: qdef.Definition
    filters: Filters
    audience: Audience
    total: int  # responses analysed (after the filters)
    submitted: int  # all sent responses of the survey
    channels: list[tuple[str, str, int]]  # (code, label, responses) in the analysed set
    versions: list[tuple[int, int]]  # (version number, responses)
    illustrative: int  # illustrative responses in the analysed set
    sections: list[SectionResult] = field(default_factory=list)
    withheld: bool = False  # public and the filtered group is too small: only ``total`` is shown

    @property
    def is_illustrative(self) -> bool:
        return self.illustrative > 0

    @property
    def staff(self) -> bool:
        return self.audience == Audience.STAFF

    def results(self) -> Iterable[QuestionResult]:
        for section in self.sections:
            yield from section.results

    def result(self, key: str) -> QuestionResult | None:
        return next((r for r in self.results() if r.question.key == key), None)


@dataclass(frozen=True)
class Record:
    id: int
    channel: str
    version: int
    illustrative: bool
    answers: dict


def load_records(survey: Survey, filters: Filters) -> list[Record]:
    """Sent responses of the survey matching the channel and version filters (the group is applied after)."""
    queryset = Response.objects.filter(survey=survey, status=ResponseStatus.SUBMITTED)
    if filters.channel:
        queryset = queryset.filter(channel=filters.channel)
    if filters.version:
        queryset = queryset.filter(version__number=filters.version)
    rows = queryset.order_by("id").values_list("id", "channel", "version__number", "is_illustrative", "answers")
    return [Record(*row) for row in rows.iterator(chunk_size=2000)]


def in_group(answers: dict, group: tuple[str, str] | None) -> bool:
    if group is None:
        return True
    value = answers.get(group[0])
    if isinstance(value, list):
        return group[1] in (str(v) for v in value)
    return value is not None and str(value) == group[1]


CACHE_FROM = 1000  # sent responses from which results are kept in the cache (below that they take milliseconds)
CACHE_SECONDS = 600


def _cache_key(survey: Survey, filters: Filters, audience: Audience) -> str | None:
    """A key that changes with anything the results depend on: responses (added, edited, sent, deleted),
    questionnaire versions, categories and their assignments, the language; None below ``CACHE_FROM``."""
    import hashlib

    from django.db.models import Count, Max, Q
    from django.utils import translation

    responses = Response.objects.filter(survey=survey).aggregate(
        n=Count("id"),
        sent=Count("id", filter=Q(status=ResponseStatus.SUBMITTED)),
        last=Max("updated_at"),
        top=Max("id"),
    )
    if responses["sent"] < CACHE_FROM:
        return None
    state = (
        responses,
        survey.versions.aggregate(n=Count("id"), top=Max("id")),
        survey.codes.aggregate(n=Count("id"), top=Max("id"), coded=Count("answers"), last=Max("answers__id")),
    )
    raw = repr((survey.pk, translation.get_language(), audience.value, filters, state))
    return "survey-results:" + hashlib.sha256(raw.encode()).hexdigest()


def cached_analyse(
    survey: Survey, filters: Filters | None = None, audience: Audience = Audience.PUBLIC
) -> SurveyAnalysis:
    """``analyse``, kept in Django's cache for large surveys until anything it depends on changes."""
    from django.core.cache import cache

    filters = filters or Filters()
    key = _cache_key(survey, filters, audience)
    result = cache.get(key) if key else None
    if result is None:
        result = analyse(survey, filters, audience)
        if key:
            cache.set(key, result, CACHE_SECONDS)
    result.survey = survey  # the survey's own fields (title, publicity) as they are now
    return result


def analyse(survey: Survey, filters: Filters | None = None, audience: Audience = Audience.PUBLIC) -> SurveyAnalysis:
    """The results of ``survey`` for the responses the filters choose."""
    from .crosstab import crosstab, grouping
    from .summaries import summarise

    filters = filters or Filters()
    definition = analysed_definition(survey, filters.version)
    records = [r for r in load_records(survey, filters) if in_group(r.answers, filters.group)]
    channel_labels = dict(Channel.choices)
    channel_counts = Counter(r.channel for r in records)
    result = SurveyAnalysis(
        survey=survey,
        definition=definition,
        filters=filters,
        audience=audience,
        total=len(records),
        submitted=Response.objects.filter(survey=survey, status=ResponseStatus.SUBMITTED).count(),
        channels=[
            (code, str(channel_labels[code]), channel_counts[code]) for code in Channel.values if code in channel_counts
        ],
        versions=sorted(Counter(r.version for r in records).items()),
        illustrative=sum(r.illustrative for r in records),
    )
    if audience == Audience.PUBLIC and filters.narrowed and result.total < PUBLIC_MIN_GROUP:
        result.withheld = True
        return result
    labels = Labels.for_survey(survey, definition, records)
    codes = _coded(survey, {r.id for r in records})
    by = definition.question(filters.by) if filters.by else None
    groups = grouping(by, records, labels) if by is not None else None
    for section in definition.sections:
        results = []
        for question in section.questions:
            if not question.answerable:
                continue
            item = summarise(question, records, labels, audience, codes.get(question.key, {}), definition.language)
            if groups is not None and by.key != question.key:
                item.crosstab = crosstab(question, groups, labels, audience)
            results.append(item)
        if results:
            result.sections.append(SectionResult(section.title, results))
    return result


# --- labels of answers stored as codes --------------------------------------------------------------------


@dataclass
class Labels:
    municipalities: dict[str, str]
    services: dict[int, str]

    @classmethod
    def for_survey(cls, survey: Survey, definition: qdef.Definition, records: list[Record]) -> Labels:
        from komplan.directory.models import Service
        from komplan.territory.models import Territory

        keys = {q.key: q.type for q in definition.questions()}
        codes, service_ids = set(), set()
        for record in records:
            for key, value in record.answers.items():
                kind = keys.get(key)
                if kind == QuestionType.MUNICIPALITY:
                    codes.add(str(value))
                elif kind == QuestionType.SERVICES and isinstance(value, dict):
                    for part in ("known", "used"):
                        service_ids.update(i for i in value.get(part) or [] if isinstance(i, int))
        names = municipality_names(survey)
        missing = codes - set(names)
        if missing:
            names.update(Territory.objects.filter(level="municipality", code__in=missing).values_list("code", "name"))
        services = dict(Service.objects.filter(pk__in=service_ids).values_list("pk", "name")) if service_ids else {}
        return cls(names, services)

    def municipality(self, code: str) -> str:
        return self.municipalities.get(code, code)

    def service(self, pk: int) -> str:
        return self.services.get(pk, _("service no. %(id)s (no longer in the catalogue)") % {"id": pk})


def value_labels(question: qdef.Question, labels: Labels) -> list[tuple[str, str]]:
    """The possible answers of a closed question in their order: (value, label)."""
    if question.type in QuestionType.WITH_CHOICES:
        values = [(c.value, c.label) for c in question.choices]
        return values + ([(OTHER, _("Other"))] if question.other else [])
    if question.type == QuestionType.SCALE:
        return [(str(point), label) for point, label in scale_points(question)]
    if question.type == QuestionType.MUNICIPALITY:
        return sorted(labels.municipalities.items(), key=lambda item: czech_order(item[1]))
    return []


def closed_values(question: qdef.Question, answers: dict) -> list[str]:
    """A respondent's answer to a closed question as a list of values (empty when not answered)."""
    value = answers.get(question.key)
    if value is None or value == "":
        return []
    kind = type(value)
    if kind is str:
        return [value]
    if kind is list:
        return [str(v) for v in value]
    if kind is dict:
        return []  # an earlier version asked something else under this key
    return [str(value)]


def _coded(survey: Survey, response_ids: set[int]) -> dict[str, dict[int, list[str]]]:
    """Question key → response id → the labels of the categories staff gave that answer."""
    result: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    rows = CodedAnswer.objects.filter(code__survey=survey).values_list(
        "code__question_key", "response_id", "code__label"
    )
    for key, response_id, label in rows.iterator(chunk_size=5000):
        if response_id in response_ids:
            result[key][response_id].append(label)
    return result
