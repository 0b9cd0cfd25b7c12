"""A questionnaire as data: sections of questions in one JSON document per version, and the checks of answers.

No models here: ``parse`` turns the stored JSON into dataclasses (refusing anything malformed, with a path to
the problem), ``visible`` evaluates the display conditions, and ``check_answers`` validates a submission —
the same rules for the web form, paper entry and the API. Messages are translated (gettext).

Stored layout (``SurveyVersion.definition``)::

    {"language": "cs", "sections": [
        {"key": "s1", "title": "…", "description": "…", "questions": [
            {"key": "q1", "type": "single", "label": "…", "help": "…", "required": true,
             "choices": [{"value": "a", "label": "…"}], "other": true,
             "conditions": [{"question": "q0", "op": "equals", "value": "yes"}],
             "maps_to": ""}, …]}, …]}

Answer values by type (``Response.answers`` maps question key → value): single → choice value (or "other"
with the text under ``"<key>__other"``); multiple → list of values; scale → int; matrix → {row value: int};
number → int or float; text, textarea → str; date → "YYYY-MM-DD"; municipality → ČSÚ code;
services → {"known": [service ids], "used": [service ids]}; info → no answer.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

KEY = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
OTHER = "other"  # the choice value of "other, please specify"
OTHER_SUFFIX = "__other"  # the answer key of its text


class QuestionType:
    SINGLE = "single"
    MULTIPLE = "multiple"
    SCALE = "scale"
    MATRIX = "matrix"
    NUMBER = "number"
    TEXT = "text"
    TEXTAREA = "textarea"
    DATE = "date"
    MUNICIPALITY = "municipality"
    SERVICES = "services"
    INFO = "info"

    ALL = (SINGLE, MULTIPLE, SCALE, MATRIX, NUMBER, TEXT, TEXTAREA, DATE, MUNICIPALITY, SERVICES, INFO)
    WITH_CHOICES = (SINGLE, MULTIPLE)
    CLOSED = (SINGLE, MULTIPLE, SCALE, MUNICIPALITY)  # usable to cross-tabulate by
    FREE_TEXT = (TEXT, TEXTAREA)


class ConditionOp:
    EQUALS = "equals"  # single/scale/municipality answer equals value
    NOT_EQUALS = "not_equals"
    INCLUDES = "includes"  # multiple answer contains value
    ANSWERED = "answered"  # any answer given
    ALL = (EQUALS, NOT_EQUALS, INCLUDES, ANSWERED)


TEXT_LIMITS = {QuestionType.TEXT: 300, QuestionType.TEXTAREA: 5000}
DEFAULT_SCALE = (1, 5)


@dataclass
class Choice:
    value: str
    label: str


@dataclass
class Condition:
    question: str
    op: str
    value: str | int | None = None


@dataclass
class Question:
    key: str
    type: str
    label: str
    help: str = ""
    required: bool = False
    choices: list[Choice] = field(default_factory=list)
    other: bool = False  # single/multiple: offer "other, please specify"
    min: float | None = None  # number: bounds; scale: lowest point; multiple: fewest choices
    max: float | None = None  # number: bounds; scale: highest point; multiple: most choices
    integer: bool = True  # number: whole numbers only
    min_label: str = ""  # scale/matrix: meaning of the lowest point
    max_label: str = ""
    rows: list[Choice] = field(default_factory=list)  # matrix: the rated items
    conditions: list[Condition] = field(default_factory=list)  # shown when all hold
    maps_to: str = ""  # provider survey: the catalogue field this answer proposes a change to

    @property
    def answerable(self) -> bool:
        return self.type != QuestionType.INFO

    def scale_range(self) -> tuple[int, int]:
        low = int(self.min) if self.min is not None else DEFAULT_SCALE[0]
        high = int(self.max) if self.max is not None else DEFAULT_SCALE[1]
        return low, high

    def choice_label(self, value) -> str:
        for choice in self.choices:
            if choice.value == value:
                return choice.label
        return _("Other") if value == OTHER else str(value)


@dataclass
class Section:
    key: str
    title: str
    description: str = ""
    questions: list[Question] = field(default_factory=list)


@dataclass
class Definition:
    language: str = "cs"
    sections: list[Section] = field(default_factory=list)

    def questions(self) -> Iterator[Question]:
        for section in self.sections:
            yield from section.questions

    def question(self, key: str) -> Question | None:
        return next((q for q in self.questions() if q.key == key), None)

    def to_dict(self) -> dict:
        return _strip(asdict(self))


def _strip(value):
    """Drop empty and default fields so stored definitions stay readable and diffs small."""
    defaults = {
        "help": "",
        "required": False,
        "choices": [],
        "other": False,
        "min": None,
        "max": None,
        "integer": True,
        "min_label": "",
        "max_label": "",
        "rows": [],
        "conditions": [],
        "maps_to": "",
        "description": "",
        "value": None,
    }
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if not (k in defaults and v == defaults[k])}
    if isinstance(value, list):
        return [_strip(item) for item in value]
    return value


class DefinitionError(ValueError):
    """A malformed questionnaire; ``problems`` are (path, message) pairs, e.g. ("sections[0].questions[2]", …)."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("; ".join(f"{path}: {message}" for path, message in problems))


# --- parsing --------------------------------------------------------------------------------------------


class _Parser:
    def __init__(self):
        self.problems: list[tuple[str, str]] = []
        self.keys: set[str] = set()

    def error(self, path: str, message: str) -> None:
        self.problems.append((path, message))

    def text(self, data: dict, name: str, path: str, *, required: bool = False) -> str:
        value = data.get(name, "")
        if not isinstance(value, str):
            self.error(f"{path}.{name}", _("must be text"))
            return ""
        if required and not value.strip():
            self.error(f"{path}.{name}", _("must not be empty"))
        return value.strip()

    def key(self, data: dict, path: str) -> str:
        key = data.get("key")
        if not isinstance(key, str) or not KEY.match(key):
            self.error(f"{path}.key", _("must be lower-case letters, digits and underscores, starting with a letter"))
            return ""
        if key in self.keys:
            self.error(f"{path}.key", _("“%(key)s” is used twice") % {"key": key})
        self.keys.add(key)
        return key

    def choices(self, data: dict, name: str, path: str) -> list[Choice]:
        items = data.get(name, [])
        if not isinstance(items, list):
            self.error(f"{path}.{name}", _("must be a list"))
            return []
        result, seen = [], set()
        for index, item in enumerate(items):
            where = f"{path}.{name}[{index}]"
            if not isinstance(item, dict):
                self.error(where, _("must be an object with value and label"))
                continue
            value = item.get("value")
            value = str(value) if isinstance(value, int | str) and not isinstance(value, bool) else None
            if not value or value == OTHER:
                self.error(f"{where}.value", _("must be a non-empty text other than “other”"))
                continue
            if value in seen:
                self.error(f"{where}.value", _("“%(value)s” is used twice") % {"value": value})
            seen.add(value)
            result.append(Choice(value, self.text(item, "label", where, required=True)))
        return result

    def number(self, data: dict, name: str, path: str) -> float | None:
        value = data.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error(f"{path}.{name}", _("must be a number"))
            return None
        return value

    def conditions(self, data: dict, path: str) -> list[Condition]:
        items = data.get("conditions", [])
        if not isinstance(items, list):
            self.error(f"{path}.conditions", _("must be a list"))
            return []
        result = []
        for index, item in enumerate(items):
            where = f"{path}.conditions[{index}]"
            if not isinstance(item, dict) or item.get("op") not in ConditionOp.ALL:
                self.error(where, _("needs a question and an operator (%(ops)s)") % {"ops": ", ".join(ConditionOp.ALL)})
                continue
            result.append(Condition(str(item.get("question", "")), item["op"], item.get("value")))
        return result

    def question(self, data, path: str) -> Question | None:
        if not isinstance(data, dict):
            self.error(path, _("must be an object"))
            return None
        kind = data.get("type")
        if kind not in QuestionType.ALL:
            self.error(f"{path}.type", _("unknown question type “%(type)s”") % {"type": kind})
            return None
        question = Question(
            key=self.key(data, path),
            type=kind,
            label=self.text(data, "label", path, required=True),
            help=self.text(data, "help", path),
            required=bool(data.get("required", False)) and kind != QuestionType.INFO,
            choices=self.choices(data, "choices", path),
            other=bool(data.get("other", False)),
            min=self.number(data, "min", path),
            max=self.number(data, "max", path),
            integer=bool(data.get("integer", True)),
            min_label=self.text(data, "min_label", path),
            max_label=self.text(data, "max_label", path),
            rows=self.choices(data, "rows", path),
            conditions=self.conditions(data, path),
            maps_to=self.text(data, "maps_to", path),
        )
        self.check_question(question, path)
        return question

    def check_question(self, q: Question, path: str) -> None:
        if q.type in QuestionType.WITH_CHOICES and not q.choices:
            self.error(f"{path}.choices", _("a choice question needs at least one choice"))
        if q.type == QuestionType.MATRIX and not q.rows:
            self.error(f"{path}.rows", _("a matrix needs at least one row"))
        if q.min is not None and q.max is not None and q.min > q.max:
            self.error(f"{path}.min", _("the lowest value is above the highest"))
        if q.type in (QuestionType.SCALE, QuestionType.MATRIX):
            low, high = q.scale_range()
            if high - low > 20 or high <= low:
                self.error(f"{path}.max", _("a scale has 2 to 21 points"))


def parse(data) -> Definition:
    """The definition as dataclasses; raises DefinitionError listing every problem with its path."""
    parser = _Parser()
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        raise DefinitionError([("", _("a questionnaire is an object with a list of sections"))])
    definition = Definition(language=str(data.get("language") or "cs"))
    section_keys: set[str] = set()
    for s_index, raw in enumerate(data["sections"]):
        path = f"sections[{s_index}]"
        if not isinstance(raw, dict):
            parser.error(path, _("must be an object"))
            continue
        key = raw.get("key") if isinstance(raw.get("key"), str) else ""
        if not KEY.match(key) or key in section_keys:
            parser.error(f"{path}.key", _("a section needs its own key"))
        section_keys.add(key)
        questions = raw.get("questions", [])
        if not isinstance(questions, list):
            parser.error(f"{path}.questions", _("must be a list"))
            questions = []
        section = Section(key, parser.text(raw, "title", path), parser.text(raw, "description", path))
        for q_index, item in enumerate(questions):
            question = parser.question(item, f"{path}.questions[{q_index}]")
            if question is not None:
                section.questions.append(question)
        definition.sections.append(section)
    _check_conditions(definition, parser)
    if parser.problems:
        raise DefinitionError(parser.problems)
    return definition


def _check_conditions(definition: Definition, parser: _Parser) -> None:
    """A condition may refer only to an earlier closed question (so the form can be filled top to bottom)."""
    earlier: dict[str, Question] = {}
    for s_index, section in enumerate(definition.sections):
        for q_index, question in enumerate(section.questions):
            for c_index, condition in enumerate(question.conditions):
                path = f"sections[{s_index}].questions[{q_index}].conditions[{c_index}]"
                source = earlier.get(condition.question)
                if source is None:
                    parser.error(
                        path, _("refers to “%(key)s”, which is not an earlier question") % {"key": condition.question}
                    )
                elif condition.op == ConditionOp.INCLUDES and source.type != QuestionType.MULTIPLE:
                    parser.error(path, _("“includes” needs a multiple-choice question"))
            earlier[question.key] = question


# --- conditions and answers ---------------------------------------------------------------------------


def _holds(condition: Condition, answers: dict) -> bool:
    answer = answers.get(condition.question)
    if condition.op == ConditionOp.ANSWERED:
        return answer not in (None, "", [], {})
    if condition.op == ConditionOp.INCLUDES:
        return isinstance(answer, list) and str(condition.value) in answer
    equal = answer is not None and str(answer) == str(condition.value)
    return equal if condition.op == ConditionOp.EQUALS else not equal


def visible(definition: Definition, answers: dict) -> set[str]:
    """Keys of the questions shown for these answers: all conditions hold and their questions are shown."""
    shown: set[str] = set()
    for question in definition.questions():
        if all(c.question in shown and _holds(c, answers) for c in question.conditions):
            shown.add(question.key)
    return shown


@dataclass(frozen=True)
class AnswerContext:
    """What some question types check against: the planning area's municipalities and the catalogue's services.

    None leaves that check out (a questionnaire checked on its own); an empty set allows nothing.
    """

    municipality_codes: frozenset[str] | None = None
    service_ids: frozenset[int] | None = None


def _empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def check_answers(
    definition: Definition, answers: dict, context: AnswerContext | None = None, *, partial: bool = False
) -> tuple[dict, dict[str, str]]:
    """Clean answers and the problems per question key (translated); ``partial`` allows missing required ones
    (a saved, unfinished response). Answers to hidden or unknown questions are problems, never kept silently."""
    context = context or AnswerContext()
    shown = visible(definition, answers)
    errors = _unexpected(definition, answers, shown)
    clean: dict = {}
    for question in definition.questions():
        if not question.answerable or question.key not in shown:
            continue
        value = answers.get(question.key)
        if _empty(value):
            if question.required and not partial:
                errors[question.key] = _("This question needs an answer.")
            continue
        try:
            clean[question.key] = _clean_value(question, value, context)
        except ValueError as exc:
            errors[question.key] = str(exc)
            continue
        _check_other(question, clean, answers.get(question.key + OTHER_SUFFIX), errors, partial)
    return clean, errors


def _unexpected(definition: Definition, answers: dict, shown: set[str]) -> dict[str, str]:
    known = {q.key for q in definition.questions() if q.answerable}
    errors = {}
    for key in answers:
        base = key.removesuffix(OTHER_SUFFIX)
        if base not in known:
            errors[key] = _("There is no such question.")
        elif base not in shown and not _empty(answers[key]):
            errors[key] = _("This question is not shown for your earlier answers; leave it empty.")
    return errors


def _check_other(question: Question, clean: dict, other, errors: dict, partial: bool) -> None:
    key = question.key + OTHER_SUFFIX
    if question.other and _chose_other(clean[question.key]):
        if _empty(other) and not partial:
            errors[key] = _("Say what “other” means.")
        elif not _empty(other):
            try:
                clean[key] = _clean_text(other, TEXT_LIMITS[QuestionType.TEXT])
            except ValueError as exc:
                errors[key] = str(exc)
    elif not _empty(other):
        errors[key] = _("Fill this in only when you choose “other”.")


def _chose_other(value) -> bool:
    return value == OTHER or (isinstance(value, list) and OTHER in value)


def _clean_text(value, limit: int) -> str:
    if not isinstance(value, str):
        raise ValueError(_("Write text."))
    value = value.strip()
    if len(value) > limit:
        raise ValueError(
            _("Write at most %(limit)s characters (now %(length)s).") % {"limit": limit, "length": len(value)}
        )
    return value


def _choice(question: Question, value) -> str:
    allowed = [c.value for c in question.choices] + ([OTHER] if question.other else [])
    value = str(value) if isinstance(value, int | str) and not isinstance(value, bool) else None
    if value not in allowed:
        raise ValueError(_("Choose one of the offered answers."))
    return value


# Larger magnitudes are typing errors in a questionnaire, and floats lose whole-number precision beyond them.
MAX_MAGNITUDE = 10**15


def _parse_number(text: str) -> int | float:
    text = text.replace(",", ".").replace("\xa0", "").replace(" ", "")
    try:
        return int(text) if re.fullmatch(r"[+-]?\d{1,20}", text) else float(text)
    except ValueError:
        raise ValueError(_("Write a number.")) from None


def _integer_in(value, low: float | None, high: float | None, *, whole: bool = True) -> int | float:
    if isinstance(value, str):
        value = _parse_number(value)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(_("Write a number."))
    if abs(value) >= MAX_MAGNITUDE:
        raise ValueError(_("This number is too large."))
    if whole:
        if int(value) != value:
            raise ValueError(_("Write a whole number."))
        value = int(value)
    if (low is not None and value < low) or (high is not None and value > high):
        if low is not None and high is not None:
            message = _("Write a number from %(low)s to %(high)s.")
        elif low is not None:
            message = _("Write a number of at least %(low)s.")
        else:
            message = _("Write a number of at most %(high)s.")
        raise ValueError(message % {"low": _plain(low), "high": _plain(high)})
    return value


def _plain(number) -> str:
    if number is None:
        return ""
    return str(int(number)) if float(number).is_integer() else str(number)


def _clean_multiple(question: Question, value) -> list[str]:
    if not isinstance(value, list):
        value = [value]
    chosen = []
    for item in value:
        item = _choice(question, item)
        if item not in chosen:
            chosen.append(item)
    if question.max is not None and len(chosen) > question.max:
        raise ValueError(_("Choose at most %(count)s answers.") % {"count": _plain(question.max)})
    if question.min is not None and len(chosen) < question.min:
        raise ValueError(_("Choose at least %(count)s answers.") % {"count": _plain(question.min)})
    return chosen


def _clean_matrix(question: Question, value) -> dict[str, int]:
    if not isinstance(value, dict):
        raise ValueError(_("Rate the items in the rows."))
    rows = {row.value for row in question.rows}
    low, high = question.scale_range()
    result = {}
    for row, rating in value.items():
        if row not in rows:
            raise ValueError(_("There is no such row."))
        if _empty(rating):
            continue
        result[row] = _integer_in(rating, low, high)
    if question.required and len(result) < len(rows):
        raise ValueError(_("Rate every row."))
    return result


def _clean_date(value) -> str:
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ValueError(_("Write a date (day, month, year).")) from None


def _clean_services(value, context: AnswerContext) -> dict[str, list[int]]:
    if not isinstance(value, dict) or set(value) - {"known", "used"}:
        raise ValueError(_("Tick the services you know and use."))
    result = {}
    for part in ("known", "used"):
        ids = value.get(part) or []
        items = ids if isinstance(ids, list) else [ids]
        if not all(isinstance(item, int | str) and not isinstance(item, bool) for item in items):
            raise ValueError(_("Tick services from the list."))
        try:
            ids = sorted({int(item) for item in items})
        except (TypeError, ValueError, OverflowError):
            raise ValueError(_("Tick services from the list.")) from None
        if context.service_ids is not None and not set(ids) <= context.service_ids:
            raise ValueError(_("Tick services from the list."))
        result[part] = ids
    return result


def _clean_scale(question: Question, value, context: AnswerContext) -> int:
    low, high = question.scale_range()
    return _integer_in(value, low, high)


def _clean_number(question: Question, value, context: AnswerContext) -> int | float:
    return _integer_in(value, question.min, question.max, whole=question.integer)


def _clean_free_text(question: Question, value, context: AnswerContext) -> str:
    return _clean_text(value, TEXT_LIMITS[question.type])


def _clean_municipality(question: Question, value, context: AnswerContext) -> str:
    code = str(value)
    if context.municipality_codes is not None and code not in context.municipality_codes:
        raise ValueError(_("Choose a municipality of the planning area."))
    return code


_CLEANERS = {
    QuestionType.SINGLE: lambda q, v, c: _choice(q, v),
    QuestionType.MULTIPLE: lambda q, v, c: _clean_multiple(q, v),
    QuestionType.SCALE: _clean_scale,
    QuestionType.MATRIX: lambda q, v, c: _clean_matrix(q, v),
    QuestionType.NUMBER: _clean_number,
    QuestionType.TEXT: _clean_free_text,
    QuestionType.TEXTAREA: _clean_free_text,
    QuestionType.DATE: lambda q, v, c: _clean_date(v),
    QuestionType.MUNICIPALITY: _clean_municipality,
    QuestionType.SERVICES: lambda q, v, c: _clean_services(v, c),
}


def _clean_value(question: Question, value, context: AnswerContext):
    cleaner = _CLEANERS.get(question.type)
    if cleaner is None:
        raise ValueError(_("This question takes no answer."))
    return cleaner(question, value, context)
