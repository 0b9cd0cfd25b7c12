"""Collecting answers: a questionnaire version as an accessible HTML form, and a POST back into answers.

The same form serves the public link, invitation links and staff typing in paper questionnaires
(``collect_views``, ``paper_views``). Rendering lives in ``runtime_render`` (a view model the templates
under ``surveys/collect/`` only print), parsing in ``runtime_parse``; this module holds what both need:
the names of the form fields and the lists some question types choose from.

Field names (question keys are ``[a-z][a-z0-9_]*``, so a dot or a hyphen never clashes with a key):

==================  ====================================================================
question type        submitted fields
==================  ====================================================================
single, scale        ``<key>`` = value; "other, please specify" text in ``<key>__other``
multiple             ``<key>`` repeated; ``<key>__other``
matrix               ``<key>.<row value>`` = rating, one radio group per row
number, text, …      ``<key>``
municipality         ``<key>`` = ČSÚ code (a select)
services             ``<key>.known`` and ``<key>.used`` repeated, service ids
contact block        ``contact.name``, ``contact.email``, ``contact.phone``, ``contact.consent``
==================  ====================================================================

The button pressed is ``_action``: ``send`` (final) or ``save`` (keep unfinished, resume later); paper entry
adds ``next`` (final, then an empty form for the next questionnaire).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from komplan.lib.text import czech_key

from . import definition as qdef

ACTION = "_action"
SEND = "send"
SAVE = "save"
NEXT = "next"  # paper entry: store and open an empty form for the next questionnaire
CONTACT_PREFIX = "contact."
CONTACT_FIELDS = ("name", "email", "phone")
CONSENT = "contact.consent"
GENERAL = ""  # error key of problems that belong to no question (services.InvalidAnswers uses it)

# The order and names of the groups of service types, as on the public catalogue page.
TYPE_GROUPS = {
    "counselling": gettext_lazy("Social counselling"),
    "care": gettext_lazy("Social care services"),
    "prevention": gettext_lazy("Social prevention services"),
    "": gettext_lazy("Other services"),
}


def field_name(key: str, part: str = "") -> str:
    return f"{key}.{part}" if part else key


def other_name(key: str) -> str:
    return key + qdef.OTHER_SUFFIX


def input_id(key: str, *parts) -> str:
    """An HTML id for a question's element; parts are indexes, never user text (ids stay valid)."""
    return "-".join(["q", key.replace("_", "-"), *(str(p) for p in parts)])


@dataclass(frozen=True)
class ServiceItem:
    id: int
    name: str
    provider: str


@dataclass(frozen=True)
class ServiceGroup:
    label: str
    services: tuple[ServiceItem, ...]


@dataclass(frozen=True)
class Options:
    """What municipality and services questions offer: the planning area and the process catalogue."""

    municipalities: tuple[tuple[str, str], ...] = ()  # (ČSÚ code, name) in Czech order
    service_groups: tuple[ServiceGroup, ...] = ()

    def municipality_name(self, code) -> str:
        return dict(self.municipalities).get(str(code), str(code))


def _needs(definition: qdef.Definition, kind: str) -> bool:
    return any(q.type == kind for q in definition.questions())


def service_groups(process) -> tuple[ServiceGroup, ...]:
    """The process catalogue grouped by type of service (counselling, care, prevention, other), Czech order."""
    from komplan.directory.filters import catalogue_of

    services = catalogue_of(process).select_related("organization", "service_type")
    by_type: dict[tuple, list[ServiceItem]] = {}
    order = list(TYPE_GROUPS)
    for service in services:
        kind = service.service_type
        group = kind.attributes.get("group", "") if kind else ""
        label = kind.label[:1].upper() + kind.label[1:] if kind else str(TYPE_GROUPS[""])
        sort = (order.index(group) if group in order else len(order), czech_key(label), label)
        by_type.setdefault(sort, []).append(ServiceItem(service.pk, service.name, service.organization.name))
    return tuple(
        ServiceGroup(sort[2], tuple(sorted(items, key=lambda s: (czech_key(s.name), s.id))))
        for sort, items in sorted(by_type.items(), key=lambda pair: pair[0][:2])
    )


def options_for(process, definition: qdef.Definition) -> Options:
    """Only the lists the questionnaire uses are loaded (the catalogue query is not free)."""
    municipalities: tuple = ()
    if _needs(definition, qdef.QuestionType.MUNICIPALITY):
        municipalities = tuple(
            (m.code, m.name) for m in sorted(process.municipalities.all(), key=lambda m: czech_key(m.name))
        )
    groups = service_groups(process) if _needs(definition, qdef.QuestionType.SERVICES) else ()
    return Options(municipalities=municipalities, service_groups=groups)


@dataclass
class FormErrors:
    """Problems of one submission by field: question keys (and ``<key>__other``), ``contact.*``, general."""

    items: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.items)

    def get(self, key: str) -> str:
        return self.items.get(key, "")

    def update(self, other: dict[str, str]) -> None:
        for key, message in other.items():
            self.items.setdefault(normalise_error_key(key), message)


def normalise_error_key(key: str) -> str:
    # services._contact reports "contact" (details without a contact question) and "consent".
    if key == "consent":
        return CONSENT
    if key == "contact":
        return CONTACT_PREFIX + "name"
    return key


def condition_note(definition: qdef.Definition, question: qdef.Question, options: Options) -> str:
    """ "Answer only if …" in words, for the form without JavaScript (and for everyone, as a reason)."""
    parts = []
    for condition in question.conditions:
        source = definition.question(condition.question)
        if source is None:  # parse() refuses such definitions; a stored one is always complete
            continue
        answer = _answer_label(source, condition.value, options)
        names = {"question": source.label, "answer": answer}
        if condition.op == qdef.ConditionOp.EQUALS:
            parts.append(_("the answer to “%(question)s” is “%(answer)s”") % names)
        elif condition.op == qdef.ConditionOp.NOT_EQUALS:
            parts.append(_("the answer to “%(question)s” is not “%(answer)s”") % names)
        elif condition.op == qdef.ConditionOp.INCLUDES:
            parts.append(_("you chose “%(answer)s” in “%(question)s”") % names)
        else:
            parts.append(_("you answered “%(question)s”") % names)
    if not parts:
        return ""
    return _("Answer only if %(conditions)s.") % {"conditions": _(" and ").join(parts)}


def _answer_label(source: qdef.Question, value, options: Options) -> str:
    if source.type in qdef.QuestionType.WITH_CHOICES:
        return source.choice_label(str(value))
    if source.type == qdef.QuestionType.MUNICIPALITY:
        return options.municipality_name(value)
    return str(value)


def without_nul(value):
    """The value with NUL characters removed from every text in it (keys too): they mean nothing in an
    answer, and PostgreSQL cannot store them in JSON (the insert would fail)."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {without_nul(str(k)): without_nul(v) for k, v in value.items()}
    if isinstance(value, list):
        return [without_nul(item) for item in value]
    return value


def _finite(value) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return True  # not a number at all: check_answers refuses it with its own message
    if isinstance(value, str):
        try:
            value = float(value.replace(",", ".").replace("\xa0", "").replace(" ", ""))
        except ValueError:
            return True
    try:
        return math.isfinite(value)
    except OverflowError:  # an int too large for a float
        return False


def non_finite_numbers(definition: qdef.Definition, answers: dict) -> dict[str, str]:
    """Problems of answers like "1e999" or "inf" to number, scale and matrix questions.

    definition.check_answers turns numbers into floats, and an infinite one would make it fail (or be
    stored as a value JSON cannot hold); these are refused here first, with the same message as other
    non-numbers. The channels call this before submitting and leave these answers out of the check.
    """
    numeric = {qdef.QuestionType.NUMBER, qdef.QuestionType.SCALE, qdef.QuestionType.MATRIX}
    problems = {}
    for question in definition.questions():
        if question.type not in numeric or question.key not in answers:
            continue
        value = answers[question.key]
        values = value.values() if isinstance(value, dict) else [value]
        if not all(_finite(item) for item in values):
            problems[question.key] = _("Write a number.")
    return problems
