"""A questionnaire version as a view model for the form templates (``surveys/collect/_form.html``).

Everything a template needs is computed here: ids, names, which option is checked, which texts describe
an input (help, condition note, error), and where the error summary links to. Templates stay free of
logic, and the same model serves the public form, invitations and paper entry.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import definition as qdef
from .runtime import (
    CONSENT,
    CONTACT_FIELDS,
    CONTACT_PREFIX,
    GENERAL,
    FormErrors,
    Options,
    condition_note,
    field_name,
    input_id,
    other_name,
)

QT = qdef.QuestionType


@dataclass
class Option:
    """One radio button or check box (or one <option> of a select)."""

    id: str
    name: str
    value: str
    label: str
    checked: bool = False
    note: str = ""  # scale ends: the meaning of the lowest and highest point


@dataclass
class Row:
    """A row of a matrix: its own radio group (a fieldset with the row as legend)."""

    label: str
    options: list[Option]


@dataclass
class ServiceRow:
    name: str
    provider: str
    known: Option
    used: Option


@dataclass
class ServiceGroupView:
    label: str
    rows: list[ServiceRow]


@dataclass
class QuestionView:
    question: qdef.Question
    id: str  # the wrapper; the JavaScript shows and hides it
    first_id: str  # where the error summary links to
    is_group: bool  # a fieldset with a legend (choices) or a single labelled input
    help_id: str
    error_id: str
    condition_id: str
    help: str = ""
    hint: str = ""  # generated: number range, how many choices
    condition: str = ""
    conditions_json: str = ""
    error: str = ""
    value: str = ""  # text-like inputs
    options: list[Option] = field(default_factory=list)
    other: Option | None = None  # the "other" choice
    other_text: str = ""
    other_text_id: str = ""
    other_error: str = ""
    other_error_id: str = ""
    rows: list[Row] = field(default_factory=list)
    groups: list[ServiceGroupView] = field(default_factory=list)
    inputmode: str = ""
    scale_ends: str = ""  # scale/matrix: "1 = worst, 5 = best", shown once above the points

    @property
    def template(self) -> str:
        return f"surveys/collect/questions/{self.question.type}.html"

    @property
    def other_text_name(self) -> str:
        return other_name(self.question.key)

    @property
    def described_by(self) -> str:
        """The ids that describe the question (on the input, or on the fieldset of a group)."""
        ids = [
            self.help_id if (self.help or self.hint) else "",
            self.condition_id if self.condition else "",
            self.error_id if self.error else "",
        ]
        return " ".join(i for i in ids if i)


@dataclass
class SectionView:
    key: str
    title: str
    description: str
    questions: list[QuestionView]


@dataclass
class ContactView:
    """The optional contact block (only when the survey asks for contact details)."""

    consent_text: str
    values: dict[str, str]
    consent: bool
    errors: dict[str, str]


@dataclass
class SummaryItem:
    href: str
    label: str
    message: str


@dataclass
class FormView:
    sections: list[SectionView]
    summary: list[SummaryItem]
    general_error: str = ""
    contact: ContactView | None = None
    has_required: bool = False


@dataclass
class FormInput:
    """What to show in the form: the questionnaire, earlier answers, problems, the lists to choose from."""

    definition: qdef.Definition
    options: Options
    answers: dict = field(default_factory=dict)
    errors: FormErrors = field(default_factory=FormErrors)
    contact: dict | None = None  # shown only when consent_text is not None
    consent_text: str | None = None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _chosen(value) -> set[str]:
    if isinstance(value, list):
        return {str(v) for v in value}
    return set() if value in (None, "") else {str(value)}


def _number(value) -> str:
    return _text(int(value) if float(value).is_integer() else value)


def _hint(question: qdef.Question) -> str:
    low, high = question.min, question.max
    if question.type == QT.NUMBER:
        whole = _("A whole number") if question.integer else _("A number")
        if low is not None and high is not None:
            return _("%(kind)s from %(low)s to %(high)s.") % {"kind": whole, "low": _number(low), "high": _number(high)}
        if low is not None:
            return _("%(kind)s of at least %(low)s.") % {"kind": whole, "low": _number(low)}
        if high is not None:
            return _("%(kind)s of at most %(high)s.") % {"kind": whole, "high": _number(high)}
        return whole + "."
    if question.type == QT.MULTIPLE and high is not None:
        return _("Choose at most %(count)s.") % {"count": _number(high)}
    return ""


def _choice_options(view: QuestionView, question: qdef.Question, answer) -> None:
    chosen = _chosen(answer)
    view.options = [
        Option(input_id(question.key, i), question.key, c.value, c.label, c.value in chosen)
        for i, c in enumerate(question.choices)
    ]
    if question.other:
        view.other = Option(input_id(question.key, "other"), question.key, qdef.OTHER, _("Other"), qdef.OTHER in chosen)
        view.other_text_id = input_id(question.key, "other", "text")
        view.other_error_id = input_id(question.key, "other", "error")


def _scale_options(key: str, name: str, question: qdef.Question, answer, id_parts=()) -> list[Option]:
    low, high = question.scale_range()
    chosen = _chosen(answer)
    options = []
    for point in range(low, high + 1):
        note = question.min_label if point == low else (question.max_label if point == high else "")
        options.append(
            Option(input_id(key, *id_parts, point), name, str(point), str(point), str(point) in chosen, note)
        )
    return options


def _scale_ends(question: qdef.Question) -> str:
    low, high = question.scale_range()
    parts = [f"{point} = {label}" for point, label in ((low, question.min_label), (high, question.max_label)) if label]
    return ", ".join(parts)


def _matrix_rows(view: QuestionView, question: qdef.Question, answer) -> None:
    answer = answer if isinstance(answer, dict) else {}
    view.rows = [
        Row(
            row.label,
            _scale_options(question.key, field_name(question.key, row.value), question, answer.get(row.value), (i,)),
        )
        for i, row in enumerate(question.rows)
    ]


def _service_groups(view: QuestionView, question: qdef.Question, answer, options: Options) -> None:
    answer = answer if isinstance(answer, dict) else {}
    known, used = _chosen(answer.get("known") or []), _chosen(answer.get("used") or [])
    key = question.key
    view.groups = [
        ServiceGroupView(
            group.label,
            [
                ServiceRow(
                    item.name,
                    item.provider,
                    Option(
                        input_id(key, "k", item.id),
                        field_name(key, "known"),
                        str(item.id),
                        _("I know it"),
                        str(item.id) in known,
                    ),
                    Option(
                        input_id(key, "u", item.id),
                        field_name(key, "used"),
                        str(item.id),
                        _("I use it"),
                        str(item.id) in used,
                    ),
                )
                for item in group.services
            ],
        )
        for group in options.service_groups
    ]


def _municipality_options(question: qdef.Question, answer, options: Options) -> list[Option]:
    chosen = _chosen(answer)
    return [
        Option(input_id(question.key, i), question.key, code, name, code in chosen)
        for i, (code, name) in enumerate(options.municipalities)
    ]


def _first_id(view: QuestionView) -> str:
    if view.rows and view.rows[0].options:
        return view.rows[0].options[0].id
    if view.groups and view.groups[0].rows:
        return view.groups[0].rows[0].known.id
    if view.options and view.is_group:
        return view.options[0].id
    return view.id + "-input"


GROUPS = (QT.SINGLE, QT.MULTIPLE, QT.SCALE, QT.MATRIX, QT.SERVICES)


def question_view(form: FormInput, question: qdef.Question) -> QuestionView:
    key = question.key
    answer = form.answers.get(key)
    view = QuestionView(
        question=question,
        id=input_id(key),
        first_id="",
        is_group=question.type in GROUPS,
        help_id=input_id(key, "help"),
        error_id=input_id(key, "error"),
        condition_id=input_id(key, "condition"),
        help=question.help,
        hint=_hint(question),
        condition=condition_note(form.definition, question, form.options),
        conditions_json=json.dumps([c.__dict__ for c in question.conditions]) if question.conditions else "",
        error=form.errors.get(key),
    )
    if question.type in QT.WITH_CHOICES:
        _choice_options(view, question, answer)
        view.other_text = _text(form.answers.get(other_name(key)))
        view.other_error = form.errors.get(other_name(key))
    elif question.type == QT.SCALE:
        view.options = _scale_options(key, key, question, answer)
        view.scale_ends = _scale_ends(question)
    elif question.type == QT.MATRIX:
        _matrix_rows(view, question, answer)
        view.scale_ends = _scale_ends(question)
    elif question.type == QT.SERVICES:
        _service_groups(view, question, answer, form.options)
    elif question.type == QT.MUNICIPALITY:
        view.options = _municipality_options(question, answer, form.options)
    else:
        view.value = _text(answer)
        if question.type == QT.NUMBER:
            view.inputmode = "numeric" if question.integer and (question.min or 0) >= 0 else "decimal"
    view.first_id = _first_id(view)
    return view


def _contact_view(form: FormInput) -> ContactView | None:
    if form.consent_text is None:
        return None
    contact = form.contact or {}
    errors = {name: form.errors.get(CONTACT_PREFIX + name) for name in (*CONTACT_FIELDS, "consent")}
    return ContactView(
        consent_text=form.consent_text,
        values={name: _text(contact.get(name)) for name in CONTACT_FIELDS},
        consent=bool(contact.get("consent")),
        errors={k: v for k, v in errors.items() if v},
    )


def _summary(sections: list[SectionView], form: FormInput, contact: ContactView | None) -> list[SummaryItem]:
    items = []
    for section in sections:
        for view in section.questions:
            if view.error:
                items.append(SummaryItem("#" + view.first_id, view.question.label, view.error))
            if view.other_error:
                items.append(SummaryItem("#" + view.other_text_id, view.question.label, view.other_error))
    if contact is not None:
        labels = {"name": _("Name"), "email": _("E-mail"), "phone": _("Phone"), "consent": _("Consent")}
        for name, message in contact.errors.items():
            target = "contact-consent" if name == "consent" else f"contact-{name}"
            items.append(SummaryItem("#" + target, labels[name], message))
    return items


def build_form(form: FormInput) -> FormView:
    """The view model of the whole form; unknown error keys (e.g. a stale question) go to the general error."""
    sections = [
        SectionView(s.key, s.title, s.description, [question_view(form, q) for q in s.questions])
        for s in form.definition.sections
    ]
    contact = _contact_view(form)
    shown = {q.key for q in form.definition.questions()}
    shown |= {other_name(k) for k in shown}
    stray = [
        message
        for key, message in form.errors.items.items()
        if key != GENERAL and key not in shown and not key.startswith(CONTACT_PREFIX) and key != CONSENT
    ]
    general = " ".join([form.errors.get(GENERAL), *stray]).strip()
    return FormView(
        sections=sections,
        summary=_summary(sections, form, contact),
        general_error=general,
        contact=contact,
        has_required=any(q.required for q in form.definition.questions()),
    )
