"""A POST of the questionnaire form back into the answers dict of ``definition.py`` (and the contact block).

Only reading happens here: the answers are checked by ``definition.check_answers`` (through
``services.submit``), the same rules for every channel. Empty fields are left out, so an unanswered
question is simply missing, and a hidden question answered without JavaScript is refused there.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from . import definition as qdef
from .runtime import CONSENT, CONTACT_FIELDS, CONTACT_PREFIX, field_name, other_name, without_nul

QT = qdef.QuestionType
CONTACT_LIMITS = {"name": 200, "email": 254, "phone": 40}
# Browsers without a date picker send what the person typed; accept the Czech way of writing dates.
CZECH_DATE = re.compile(r"^\s*(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{4})\s*$")


def _one(data, name: str) -> str:
    return without_nul(data.get(name) or "").strip()


def _many(data, name: str) -> list[str]:
    values = (without_nul(value).strip() for value in data.getlist(name))
    return [value for value in values if value]


def _date(value: str) -> str:
    match = CZECH_DATE.match(value)
    if match:
        day, month, year = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return value


def _matrix(data, question: qdef.Question) -> dict:
    ratings = {}
    for row in question.rows:
        value = _one(data, field_name(question.key, row.value))
        if value:
            ratings[row.value] = value
    return ratings


def _services(data, question: qdef.Question) -> dict:
    known, used = _many(data, field_name(question.key, "known")), _many(data, field_name(question.key, "used"))
    return {"known": known, "used": used} if known or used else {}


def _value(data, question: qdef.Question):
    if question.type == QT.MULTIPLE:
        return _many(data, question.key)
    if question.type == QT.MATRIX:
        return _matrix(data, question)
    if question.type == QT.SERVICES:
        return _services(data, question)
    value = _one(data, question.key)
    return _date(value) if question.type == QT.DATE else value


def answers_from_post(definition: qdef.Definition, data) -> dict:
    """The submitted answers (a QueryDict) in the stored shape, values still as text; empty ones left out."""
    answers: dict = {}
    for question in definition.questions():
        if not question.answerable:
            continue
        value = _value(data, question)
        if value not in ("", [], {}):
            answers[question.key] = value
        if question.type in QT.WITH_CHOICES and question.other:
            other = _one(data, other_name(question.key))
            if other:
                answers[other_name(question.key)] = other
    return answers


def contact_from_post(data) -> tuple[dict | None, dict[str, str]]:
    """The contact block (None when left empty) and its problems keyed ``contact.<field>``."""
    contact = {name: _one(data, CONTACT_PREFIX + name) for name in CONTACT_FIELDS}
    consent = bool(data.get(CONSENT))
    if not any(contact.values()):
        return None, {}
    errors = {}
    for name, limit in CONTACT_LIMITS.items():
        if len(contact[name]) > limit:
            errors[CONTACT_PREFIX + name] = _("Write at most %(limit)s characters.") % {"limit": limit}
    if contact["email"] and CONTACT_PREFIX + "email" not in errors:
        try:
            validate_email(contact["email"])
        except ValidationError:
            errors[CONTACT_PREFIX + "email"] = _("Write an e-mail address like name@example.cz.")
    if not consent:
        errors[CONSENT] = _("Tick the consent, or leave the contact details empty.")
    return {**contact, "consent": consent}, errors
