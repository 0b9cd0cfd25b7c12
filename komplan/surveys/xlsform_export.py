"""Export a komplan questionnaire as an XLSForm workbook (survey, choices and settings sheets).

The form works in ODK Collect, KoboToolbox and Enketo, and ``import_xlsform`` reads it back to the same
questions: what XLSForm has no word for travels in ``komplan_*`` columns, which other tools ignore
(``komplan_type`` for municipality, services and matrix questions and for helper rows, ``komplan_row`` for
matrix rows, ``komplan_maps_to``, ``komplan_min_label``/``komplan_max_label`` for scale ends).

Mapping: sections → groups; single/multiple → select_one/select_multiple (+ an "other" choice and a
"please specify" text shown when it is chosen); scale → range; matrix → a group with a note and one
select_one per row on a shared scale list; number → integer/decimal with bounds as a constraint; text →
text (textarea: appearance multiline); date → date; info → note; municipality/services → select_one/
select_multiple over the lists given in ``ExportContext`` (the planning area, the catalogue), or text with a
note when none is given; conditions → ``relevant``.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from . import definition as qdef
from .definition import OTHER, QuestionType
from .xlsform_common import KOMPLAN_MAPS_TO, KOMPLAN_MAX_LABEL, KOMPLAN_MIN_LABEL, KOMPLAN_ROW, KOMPLAN_TYPE
from .xlsform_expressions import render_bounds, render_relevant

SURVEY_COLUMNS = (
    "type",
    "name",
    "label",
    "hint",
    "required",
    "relevant",
    "constraint",
    "appearance",
    "parameters",
    KOMPLAN_TYPE,
    KOMPLAN_ROW,
    KOMPLAN_MAPS_TO,
    KOMPLAN_MIN_LABEL,
    KOMPLAN_MAX_LABEL,
)
CHOICE_COLUMNS = ("list_name", "name", "label")


@dataclass(frozen=True)
class ExportContext:
    """Choice lists for questions whose options live in komplan: (value, label) pairs."""

    municipalities: tuple[tuple[str, str], ...] = ()  # ČSÚ code, name
    services: tuple[tuple[str, str], ...] = ()  # service id, name


class _Names:
    """Unique XLSForm names: the question keys first (conditions refer to them), helpers after."""

    def __init__(self, reserved):
        self.used = set(reserved)

    def make(self, wanted: str) -> str:
        base = re.sub(r"[^A-Za-z0-9_]+", "_", wanted).strip("_") or "q"
        name, number = base, 2
        while name in self.used:
            name, number = f"{base}_{number}", number + 1
        self.used.add(name)
        return name


class _Writer:
    def __init__(self, definition: qdef.Definition, context: ExportContext):
        self.definition = definition
        self.context = context
        self.names = _Names(q.key for q in definition.questions())
        self.survey: list[dict] = []
        self.choices: list[dict] = []

    def row(self, **values) -> None:
        self.survey.append({key: value for key, value in values.items() if value not in (None, "")})

    def choice_list(self, name: str, items) -> str:
        list_name = self.names.make(f"{name}_list")
        for value, label in items:
            self.choices.append({"list_name": list_name, "name": str(value), "label": label})
        return list_name

    def run(self) -> None:
        for section in self.definition.sections:
            name = section.key if section.key not in self.names.used else f"{section.key}_section"
            self.row(type="begin group", name=self.names.make(name), label=section.title, hint=section.description)
            for question in section.questions:
                self.question(question)
            self.row(type="end group")

    def common(self, question: qdef.Question) -> dict:
        return {
            "name": question.key,
            "label": question.label,
            "hint": question.help,
            "required": "yes" if question.required else "",
            "relevant": render_relevant(question.conditions, lambda key: key),
            KOMPLAN_MAPS_TO: question.maps_to,
        }

    def question(self, question: qdef.Question) -> None:
        handler = {
            QuestionType.SINGLE: self.select,
            QuestionType.MULTIPLE: self.select,
            QuestionType.SCALE: self.scale,
            QuestionType.MATRIX: self.matrix,
            QuestionType.NUMBER: self.number,
            QuestionType.MUNICIPALITY: self.listed,
            QuestionType.SERVICES: self.listed,
        }.get(question.type)
        if handler is not None:
            handler(question)
            return
        simple = {
            QuestionType.TEXT: ("text", ""),
            QuestionType.TEXTAREA: ("text", "multiline"),
            QuestionType.DATE: ("date", ""),
            QuestionType.INFO: ("note", ""),
        }
        kind, appearance = simple[question.type]
        self.row(type=kind, appearance=appearance, **self.common(question))

    def select(self, question: qdef.Question) -> None:
        items = [(c.value, c.label) for c in question.choices]
        if question.other:
            items.append((OTHER, _("Other")))
        list_name = self.choice_list(question.key, items)
        multiple = question.type == QuestionType.MULTIPLE
        kind = "select_multiple" if multiple else "select_one"
        constraint = render_bounds(question.min, question.max, count=True) if multiple else ""
        self.row(type=f"{kind} {list_name}", constraint=constraint, **self.common(question))
        if question.other:  # the "please specify" field, shown when "other" is chosen
            self.row(
                type="text",
                name=self.names.make(f"{question.key}_other"),
                label=_("Please specify"),
                required="yes" if question.required else "",
                relevant=f"selected(${{{question.key}}}, '{OTHER}')",
                **{KOMPLAN_TYPE: "other_text"},
            )

    def scale(self, question: qdef.Question) -> None:
        low, high = question.scale_range()
        self.row(
            type="range",
            parameters=f"start={low} end={high} step=1",
            **self.common(question),
            **{KOMPLAN_MIN_LABEL: question.min_label, KOMPLAN_MAX_LABEL: question.max_label},
        )

    def number(self, question: qdef.Question) -> None:
        self.row(
            type="integer" if question.integer else "decimal",
            constraint=render_bounds(question.min, question.max),
            **self.common(question),
        )

    def matrix(self, question: qdef.Question) -> None:
        low, high = question.scale_range()
        ends = {low: question.min_label, high: question.max_label}
        scale = self.choice_list(
            question.key, [(n, f"{n} – {ends[n]}" if ends.get(n) else str(n)) for n in range(low, high + 1)]
        )
        common = self.common(question)
        self.row(
            type="begin group",
            appearance="field-list",
            **{key: value for key, value in common.items() if key != "required"},
            **{KOMPLAN_TYPE: QuestionType.MATRIX, KOMPLAN_MIN_LABEL: question.min_label},
            **{KOMPLAN_MAX_LABEL: question.max_label},
        )
        self.row(
            type="note",
            name=self.names.make(f"{question.key}_note"),
            label=_("Rate each item on the scale from %(low)s to %(high)s.") % {"low": low, "high": high},
            **{KOMPLAN_TYPE: "note"},
        )
        for item in question.rows:
            self.row(
                type=f"select_one {scale}",
                name=self.names.make(f"{question.key}_{item.value}"),
                label=item.label,
                required=common["required"],
                appearance="likert",
                **{KOMPLAN_ROW: item.value},
            )
        self.row(type="end group")

    def listed(self, question: qdef.Question) -> None:
        """Municipality and services: the context's list when there is one, else free text with a note."""
        services = question.type == QuestionType.SERVICES
        items = self.context.services if services else self.context.municipalities
        if services:
            note = _("Tick the services you know or use.") if items else _("Write the services you know or use.")
        else:
            note = (
                _("Choose the municipality where you live.") if items else _("Write the municipality where you live.")
            )
        self.row(type="note", name=self.names.make(f"{question.key}_note"), label=note, **{KOMPLAN_TYPE: "note"})
        if items:
            kind = "select_multiple" if services else "select_one"
            kind = f"{kind} {self.choice_list(question.key, items)}"
        else:
            kind = "text"
        self.row(type=kind, **self.common(question), **{KOMPLAN_TYPE: question.type})


def _form_id(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", ascii_title).strip("_")[:60] or "komplan_survey"


def _sheet(workbook, title: str, columns, rows) -> None:
    sheet = workbook.create_sheet(title)
    sheet.append(list(columns))
    for row in rows:
        sheet.append([row.get(column, "") for column in columns])
    sheet.freeze_panes = "A2"


def export_xlsform(definition: dict, title: str, context: ExportContext | None = None) -> bytes:
    """The questionnaire as an .xlsx XLSForm; texts we add (notes, "Other") are in its language."""
    import openpyxl

    checked = qdef.parse(definition)
    writer = _Writer(checked, context or ExportContext())
    with translation.override(checked.language):
        writer.run()
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    _sheet(workbook, "survey", SURVEY_COLUMNS, writer.survey)
    _sheet(workbook, "choices", CHOICE_COLUMNS, writer.choices)
    settings = {"form_title": title, "form_id": _form_id(title), "default_language": checked.language}
    _sheet(workbook, "settings", tuple(settings), [settings])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
