"""Edits of a questionnaire for the staff builder: pure functions from a definition dict to a new one.

Every function copies its input, changes the copy and returns it only after ``definition.parse`` accepted
it, so a change that would break the questionnaire (a display condition left pointing at a deleted or later
question, a choice used twice) raises ``DefinitionError`` with paths and leaves the stored version alone.

Question keys are the identity of a question across versions (answers, exports and analysis use them), so
moving never renames anything, a new question gets a key that was never used in the definition, and
``renumber`` (which renames keys and every condition referring to them) is for questionnaires nobody has
answered yet.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .definition import KEY, OTHER, TEXT_LIMITS, ConditionOp, Definition, DefinitionError, Question, QuestionType, parse

SECTION_PREFIX = "s"
QUESTION_PREFIX = "q"
MAX_VALUE_LENGTH = 40

# What an answer of a provider survey may propose to change in the catalogue (docs/surveys-builder.md):
# capacity per form, waiting list, applicants refused for lack of capacity, funding per source, the
# reference year the figures are for, and the service's contact details.
MAPS_TO_FIXED = ("waiting_list", "refused_capacity", "reference_year")
MAPS_TO_CAPACITY_FORMS = ("amb", "pob", "ter")
MAPS_TO_CONTACTS = ("email", "phone", "web")


TYPE_LABELS = {
    QuestionType.SINGLE: gettext_lazy("Single choice"),
    QuestionType.MULTIPLE: gettext_lazy("Multiple choice"),
    QuestionType.SCALE: gettext_lazy("Rating scale"),
    QuestionType.MATRIX: gettext_lazy("Matrix of ratings"),
    QuestionType.NUMBER: gettext_lazy("Number"),
    QuestionType.TEXT: gettext_lazy("Short text"),
    QuestionType.TEXTAREA: gettext_lazy("Long text"),
    QuestionType.DATE: gettext_lazy("Date"),
    QuestionType.MUNICIPALITY: gettext_lazy("Municipality of residence"),
    QuestionType.SERVICES: gettext_lazy("Services known and used (from the catalogue)"),
    QuestionType.INFO: gettext_lazy("Information text (no answer)"),
}


class BuilderError(DefinitionError):
    """A change the builder refuses before parsing (e.g. deleting a question another one depends on)."""

    def __init__(self, message: str, path: str = ""):
        super().__init__([(path, message)])
        self.message = message


def blank(language: str = "cs", section_title: str = "") -> dict:
    """A questionnaire with one empty section, to start from."""
    return {"language": language, "sections": [{"key": "s1", "title": section_title, "questions": []}]}


def _checked(definition: dict) -> dict:
    return parse(definition).to_dict()


def _questions(definition: dict):
    for section in definition.get("sections", []):
        yield from section.get("questions", [])


def keys_in_use(definition: dict) -> set[str]:
    keys = {s.get("key") for s in definition.get("sections", [])}
    return keys | {q.get("key") for q in _questions(definition)}


def free_key(definition: dict, prefix: str = QUESTION_PREFIX, reserved: frozenset[str] = frozenset()) -> str:
    """``prefix`` + one more than the highest number used with it, so a deleted question's key is not reused.

    ``reserved``: keys answered in earlier versions — stored answers are keyed by them, so a new question must
    never take one over (its results would mix with the old answers).
    """
    used = keys_in_use(definition) | set(reserved)
    pattern = re.compile(rf"^{re.escape(prefix)}(\d+)$")
    numbers = [int(m.group(1)) for key in used if isinstance(key, str) and (m := pattern.match(key))]
    number = max(numbers, default=0) + 1
    while f"{prefix}{number}" in used:
        number += 1
    return f"{prefix}{number}"


def _section_index(definition: dict, key: str) -> int:
    for index, section in enumerate(definition["sections"]):
        if section.get("key") == key:
            return index
    raise BuilderError(_("There is no section “%(key)s”.") % {"key": key})


def locate(definition: dict, key: str) -> tuple[int, int]:
    """(section index, question index) of the question ``key``."""
    for s_index, section in enumerate(definition["sections"]):
        for q_index, question in enumerate(section.get("questions", [])):
            if question.get("key") == key:
                return s_index, q_index
    raise BuilderError(_("There is no question “%(key)s”.") % {"key": key})


def question(definition: dict, key: str) -> dict:
    s_index, q_index = locate(definition, key)
    return definition["sections"][s_index]["questions"][q_index]


def dependents(definition: dict, key: str) -> list[dict]:
    """The questions whose display conditions refer to ``key``."""
    return [q for q in _questions(definition) if any(c.get("question") == key for c in q.get("conditions", []))]


def _refuse_if_needed(definition: dict, keys: set[str]) -> None:
    needing = [q for q in _questions(definition) if q.get("key") not in keys and _refers_to(q, keys)]
    if needing:
        raise BuilderError(
            _("The display conditions of these questions refer to it; change them first: %(labels)s")
            % {"labels": "; ".join(f"{q.get('label', '')} ({q.get('key')})" for q in needing)}
        )


def _refers_to(question_data: dict, keys: set[str]) -> bool:
    return any(c.get("question") in keys for c in question_data.get("conditions", []))


# --- sections ----------------------------------------------------------------------------------------------


def add_section(definition: dict, title: str, description: str = "") -> tuple[dict, str]:
    result = copy.deepcopy(definition)
    key = free_key(result, SECTION_PREFIX)
    result["sections"].append({"key": key, "title": title, "description": description, "questions": []})
    return _checked(result), key


def edit_section(definition: dict, key: str, *, title: str, description: str = "") -> dict:
    result = copy.deepcopy(definition)
    section = result["sections"][_section_index(result, key)]
    section["title"], section["description"] = title, description
    return _checked(result)


def move_section(definition: dict, key: str, offset: int) -> dict:
    """Move a section up (offset -1) or down (+1); moving past either end changes nothing."""
    result = copy.deepcopy(definition)
    index = _section_index(result, key)
    target = index + offset
    if not 0 <= target < len(result["sections"]):
        return _checked(result)
    sections = result["sections"]
    sections.insert(target, sections.pop(index))
    return _checked(result)


def delete_section(definition: dict, key: str, *, with_questions: bool = False) -> dict:
    """Remove a section; one with questions only when ``with_questions`` (the staff confirmed it)."""
    result = copy.deepcopy(definition)
    index = _section_index(result, key)
    questions = result["sections"][index].get("questions", [])
    if questions and not with_questions:
        raise BuilderError(_("The section has questions; confirm that they are deleted with it."))
    if len(result["sections"]) == 1:
        raise BuilderError(_("A questionnaire needs at least one section."))
    _refuse_if_needed(result, {q.get("key") for q in questions})
    del result["sections"][index]
    return _checked(result)


# --- questions ---------------------------------------------------------------------------------------------


def _check_new_key(definition: dict, key: str, reserved: frozenset[str]) -> None:
    if key in keys_in_use(definition):
        raise BuilderError(_("“%(key)s” is used twice") % {"key": key}, "key")
    if key in reserved:
        raise BuilderError(
            _("“%(key)s” belonged to a question of an earlier version that has answers; choose another code.")
            % {"key": key},
            "key",
        )


def add_question(
    definition: dict, section_key: str, data: dict, reserved: frozenset[str] = frozenset()
) -> tuple[dict, str]:
    """Append a question to a section; without a key in ``data`` it gets a fresh one (never a ``reserved`` one)."""
    result = copy.deepcopy(definition)
    section = result["sections"][_section_index(result, section_key)]
    data = copy.deepcopy(data)
    data["key"] = data.get("key") or free_key(result, reserved=reserved)
    _check_new_key(result, data["key"], reserved)
    section.setdefault("questions", []).append(data)
    return _checked(result), data["key"]


def edit_question(definition: dict, key: str, data: dict, reserved: frozenset[str] = frozenset()) -> dict:
    """Replace the question ``key`` by ``data`` (its conditions kept unless ``data`` has them).

    A new key in ``data`` renames the question, and the conditions that referred to the old key follow.
    """
    result = copy.deepcopy(definition)
    s_index, q_index = locate(result, key)
    old = result["sections"][s_index]["questions"][q_index]
    new = copy.deepcopy(data)
    new.setdefault("conditions", old.get("conditions", []))
    new["key"] = new.get("key") or key
    if new["key"] != key:
        _check_new_key(result, new["key"], reserved)
        _rename_references(result, {key: new["key"]})
    result["sections"][s_index]["questions"][q_index] = new
    _check_dependent_values(result, new)
    return _checked(result)


def _check_dependent_values(definition: dict, source: dict) -> None:
    """A condition comparing with a choice the edited question no longer offers would never hold: refuse."""
    values = _condition_values(source)
    if values is None:
        return
    for other in _questions(definition):
        for condition in other.get("conditions", []):
            if (
                condition.get("question") == source.get("key")
                and condition.get("op") != ConditionOp.ANSWERED
                and str(condition.get("value")) not in values
            ):
                raise BuilderError(
                    _(
                        "The display condition of “%(label)s” compares with “%(value)s”, which this question "
                        "no longer offers; change that condition first."
                    )
                    % {"label": other.get("label", ""), "value": condition.get("value")}
                )


def _condition_values(data: dict) -> set[str] | None:
    """The values a condition on this question may compare with (None: anything, the builder does not check)."""
    kind = data.get("type")
    if kind in QuestionType.WITH_CHOICES:
        values = {str(c.get("value")) for c in data.get("choices", [])}
        return values | ({OTHER} if data.get("other") else set())
    if kind == QuestionType.SCALE:
        low = int(data["min"]) if data.get("min") is not None else 1
        high = int(data["max"]) if data.get("max") is not None else 5
        return {str(point) for point in range(low, high + 1)}
    return None


def delete_question(definition: dict, key: str) -> dict:
    result = copy.deepcopy(definition)
    s_index, q_index = locate(result, key)
    _refuse_if_needed(result, {key})
    del result["sections"][s_index]["questions"][q_index]
    return _checked(result)


def move_question(definition: dict, key: str, offset: int) -> dict:
    """Move a question up (-1) or down (+1); at the edge of a section it moves into the neighbouring one.

    Moving a question above the question its display condition refers to (or below one that depends on it)
    is refused by the parse, with the reason.
    """
    result = copy.deepcopy(definition)
    s_index, q_index = locate(result, key)
    sections = result["sections"]
    questions = sections[s_index]["questions"]
    target = q_index + offset
    if 0 <= target < len(questions):
        questions.insert(target, questions.pop(q_index))
    elif offset < 0 and s_index > 0:
        sections[s_index - 1].setdefault("questions", []).append(questions.pop(q_index))
    elif offset > 0 and s_index < len(sections) - 1:
        sections[s_index + 1].setdefault("questions", []).insert(0, questions.pop(q_index))
    return _checked(result)


def set_conditions(definition: dict, key: str, conditions: list[dict]) -> dict:
    """Show the question only when all ``conditions`` hold (an empty list: always shown)."""
    result = copy.deepcopy(definition)
    s_index, q_index = locate(result, key)
    cleaned = []
    for condition in conditions:
        item = {"question": condition["question"], "op": condition["op"]}
        if condition["op"] != ConditionOp.ANSWERED:
            item["value"] = condition.get("value")
        if item not in cleaned:
            cleaned.append(item)
    result["sections"][s_index]["questions"][q_index]["conditions"] = cleaned
    return _checked(result)


def condition_sources(definition: dict, key: str) -> list[dict]:
    """The earlier questions a display condition of ``key`` may use, each with the values to compare with.

    Choice questions offer their choices (and "other"), scales their points; other answerable questions only
    "answered".
    """
    sources = []
    for data in _questions(definition):
        if data.get("key") == key:
            break
        if data.get("type") == QuestionType.INFO:
            continue
        values = _condition_values(data)
        options = []
        if data.get("type") in QuestionType.WITH_CHOICES:
            options = [(str(c.get("value")), c.get("label", "")) for c in data.get("choices", [])]
            if data.get("other"):
                options.append((OTHER, _("Other")))
        elif values is not None:
            options = [(value, value) for value in sorted(values, key=int)]
        sources.append({"question": data, "values": options})
    return sources


def rename_question(definition: dict, old: str, new: str, reserved: frozenset[str] = frozenset()) -> dict:
    """Give a question a new key; the display conditions referring to it follow."""
    result = copy.deepcopy(definition)
    if new != old:
        _check_new_key(result, new, reserved)
    s_index, q_index = locate(result, old)
    result["sections"][s_index]["questions"][q_index]["key"] = new
    _rename_references(result, {old: new})
    return _checked(result)


def _rename_references(definition: dict, mapping: dict[str, str]) -> None:
    for data in _questions(definition):
        for condition in data.get("conditions", []):
            if condition.get("question") in mapping:
                condition["question"] = mapping[condition["question"]]


def renumber(definition: dict) -> tuple[dict, dict[str, str]]:
    """Keys s1, s2, … and q1, q2, … in the order of the questionnaire, conditions following (old → new).

    Only for a questionnaire without answers: stored answers are keyed by the old keys.
    """
    result = copy.deepcopy(definition)
    mapping: dict[str, str] = {}
    number = 0
    for s_number, section in enumerate(result["sections"], start=1):
        section["key"] = f"{SECTION_PREFIX}{s_number}"
        for data in section.get("questions", []):
            number += 1
            mapping[data["key"]] = f"{QUESTION_PREFIX}{number}"
            data["key"] = mapping[data["key"]]
    _rename_references(result, mapping)
    return _checked(result), {old: new for old, new in mapping.items() if old != new}


# --- text fields of the question form ---------------------------------------------------------------------


def parse_choices(text: str, name: str = "choices") -> list[dict]:
    """Choices from lines "value|label", or a label alone (the value is then made from the label).

    Raises BuilderError naming the line. Values made from labels are ASCII, lower case, unique, never "other".
    """
    lines = [line.strip() for line in (text or "").splitlines()]
    parsed: list[tuple[int, str | None, str]] = []
    for number, line in enumerate(lines, start=1):
        if not line:
            continue
        value, sep, label = line.partition("|")
        value, label = (value.strip(), label.strip()) if sep else (None, value.strip())
        if not label:
            raise BuilderError(_("Line %(line)s: write a label after “|”.") % {"line": number}, name)
        if value is not None and (not value or value == OTHER):
            raise BuilderError(
                _("Line %(line)s: the value before “|” must be a non-empty text other than “other”.")
                % {"line": number},
                name,
            )
        parsed.append((number, value, label))
    used = {value for _number, value, _label in parsed if value is not None}
    result = []
    for number, value, label in parsed:
        if value is None:
            value = _value_from(label, used)
            used.add(value)
        elif any(c["value"] == value for c in result):
            raise BuilderError(
                _("Line %(line)s: the value “%(value)s” is used twice.") % {"line": number, "value": value}, name
            )
        result.append({"value": value, "label": label})
    return result


def _value_from(label: str, used: set[str]) -> str:
    base = slugify(label).replace("-", "_")[:MAX_VALUE_LENGTH].strip("_") or "v"
    if base == OTHER:
        base = "other_choice"
    value, n = base, 2
    while value in used:
        value, n = f"{base}_{n}", n + 1
    return value


def format_choices(choices: list[dict]) -> str:
    return "\n".join(f"{c.get('value')}|{c.get('label', '')}" for c in choices)


def check_maps_to(value: str, funding_codes: set[str] | frozenset[str]) -> str | None:
    """None when ``value`` is empty or a documented catalogue field, else the reason (translated)."""
    value = (value or "").strip()
    if not value or value in MAPS_TO_FIXED:
        return None
    kind, _sep, detail = value.partition(":")
    if (
        (kind == "capacity" and detail in MAPS_TO_CAPACITY_FORMS)
        or (kind == "contact" and detail in MAPS_TO_CONTACTS)
        or (kind == "funding" and detail in funding_codes)
    ):
        return None
    return _(
        "Use one of: capacity:amb, capacity:pob, capacity:ter, waiting_list, refused_capacity, "
        "funding:<source> (%(sources)s), reference_year, contact:email, contact:phone, contact:web."
    ) % {"sources": ", ".join(sorted(funding_codes))}


def valid_key(key: str) -> bool:
    return bool(KEY.match(key or ""))


# --- problems of a parse at the form fields ---------------------------------------------------------------

_PATH = re.compile(r"^sections\[(\d+)\]\.questions\[(\d+)\](?:\.(\w+)(?:\[(\d+)\])?)?")


def question_problems(problems: list[tuple[str, str]], s_index: int, q_index: int) -> dict[str, list[str]]:
    """The parse problems of one question by its form field ("" for the rest); choice and row problems
    name the line of the text field."""
    result: dict[str, list[str]] = {}
    for path, message in problems:
        match = _PATH.match(path)
        if match and (int(match.group(1)), int(match.group(2))) == (s_index, q_index):
            field_name, item = match.group(3) or "", match.group(4)
            if field_name in ("choices", "rows") and item is not None:
                message = _("Line %(line)s: %(problem)s") % {"line": int(item) + 1, "problem": message}
            result.setdefault(field_name, []).append(message)
        elif path in ("key", "choices", "rows"):  # BuilderError names the field directly
            result.setdefault(path, []).append(message)
        else:
            result.setdefault("", []).append(message)
    return result


# --- a read-only outline (structure and version views) ----------------------------------------------------


@dataclass
class OutlineQuestion:
    key: str
    type: str
    type_label: str
    label: str
    help: str
    required: bool
    choices: list[tuple[str, str]] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)
    maps_to: str = ""


@dataclass
class OutlineSection:
    key: str
    title: str
    description: str
    questions: list[OutlineQuestion]


def outline(definition: dict) -> list[OutlineSection]:
    """Sections and questions with their types, rules and display conditions in words."""
    parsed = parse(definition)
    return [
        OutlineSection(
            section.key,
            section.title,
            section.description,
            [_outline_question(parsed, q) for q in section.questions],
        )
        for section in parsed.sections
    ]


def _outline_question(parsed: Definition, q: Question) -> OutlineQuestion:
    choices = [(c.value, c.label) for c in (q.choices or q.rows)]
    if q.other:
        choices.append((OTHER, _("Other, please specify")))
    return OutlineQuestion(
        key=q.key,
        type=q.type,
        type_label=str(TYPE_LABELS[q.type]),
        label=q.label,
        help=q.help,
        required=q.required,
        choices=choices,
        rules=_rules(q),
        conditions=[describe_condition(parsed, c) for c in q.conditions],
        maps_to=q.maps_to,
    )


def _bounds(low, high) -> str:
    names = {"low": _plain(low), "high": _plain(high)}
    if low is not None and high is not None:
        return _("from %(low)s to %(high)s") % names
    if low is not None:
        return _("at least %(low)s") % names
    return _("at most %(high)s") % names


def _plain(number) -> str:
    if number is None:
        return ""
    return str(int(number)) if float(number).is_integer() else str(number)


def _rules(q: Question) -> list[str]:
    rules = []
    if q.type == QuestionType.MULTIPLE and (q.min is not None or q.max is not None):
        rules.append(_("number of choices: %(bounds)s") % {"bounds": _bounds(q.min, q.max)})
    elif q.type in (QuestionType.SCALE, QuestionType.MATRIX):
        low, high = q.scale_range()
        rule = _("points %(low)s to %(high)s") % {"low": low, "high": high}
        if q.min_label or q.max_label:
            rule += f" ({q.min_label or low} – {q.max_label or high})"
        rules.append(rule)
    elif q.type == QuestionType.NUMBER:
        if q.min is not None or q.max is not None:
            rules.append(_bounds(q.min, q.max))
        rules.append(_("whole numbers") if q.integer else _("decimals allowed"))
    elif q.type in QuestionType.FREE_TEXT:
        rules.append(_("at most %(count)s characters") % {"count": TEXT_LIMITS[q.type]})
    return rules


def describe_condition(parsed: Definition, condition) -> str:
    source = parsed.question(condition.question)
    label = f"“{source.label}” ({source.key})" if source else condition.question
    value = source.choice_label(str(condition.value)) if source else str(condition.value)
    names = {"question": label, "value": value}
    if condition.op == ConditionOp.EQUALS:
        return _("%(question)s is “%(value)s”") % names
    if condition.op == ConditionOp.NOT_EQUALS:
        return _("%(question)s is not “%(value)s”") % names
    if condition.op == ConditionOp.INCLUDES:
        return _("%(question)s includes “%(value)s”") % names
    return _("%(question)s is answered") % names
