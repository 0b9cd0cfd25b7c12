"""Shared parts of the XLSForm import: problems with their place in the workbook, the sheet-row index,
keys, languages, question types and the small judgements the converter makes about pyxform's elements."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict, deque
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from pyxform.aliases import yes_no
from pyxform.question_type_dictionary import QUESTION_TYPE_DICT

from .definition import OTHER, ConditionOp, QuestionType
from .xlsform_expressions import parse_bounds

# Our own columns in an exported form (XLSForm tools ignore unknown columns; pyxform passes them through).
KOMPLAN_TYPE = "komplan_type"  # municipality | services | matrix | note (helper row) | other_text (helper row)
KOMPLAN_ROW = "komplan_row"  # matrix row value
KOMPLAN_MAPS_TO = "komplan_maps_to"
KOMPLAN_MIN_LABEL = "komplan_min_label"
KOMPLAN_MAX_LABEL = "komplan_max_label"
HELPER_ROWS = ("note", "other_text")
# Elements pyxform adds itself: the header row of a table-list group (no row of their own in the sheet).
_GENERATED = re.compile(r"^(generated_table_list_label_|reserved_name_for_field_list_labels_)\d+$")

_INPUT_TYPES = {"string": QuestionType.TEXT, "int": QuestionType.NUMBER, "decimal": QuestionType.NUMBER}
_INPUT_TYPES["date"] = QuestionType.DATE
_WHAT = {  # what the answer of an XLSForm type is, by its XForm data type
    "geopoint": gettext_noop("a location on a map"),
    "geotrace": gettext_noop("a line on a map"),
    "geoshape": gettext_noop("an area on a map"),
    "dateTime": gettext_noop("a date with time"),
    "time": gettext_noop("a time of day"),
    "barcode": gettext_noop("a barcode"),
    "binary": gettext_noop("a photo, recording or file"),
    "odk:rank": gettext_noop("a ranking"),
}
LABEL_REFERENCE = re.compile(r"\$\{[^}]+\}")
_LANGUAGE_CODE = re.compile(r"\(([A-Za-z]{2,3})(?:[-_][A-Za-z]+)?\)\s*$")
_LANGUAGE_NAMES = {"czech": "cs", "čeština": "cs", "cesky": "cs", "česky": "cs", "english": "en", "angličtina": "en"}
SILENT_KEYS = {"type", "name", "label", "hint", "bind", "control", "children", "choices", "itemset", "list_name"}
SILENT_KEYS |= {"parameters", KOMPLAN_TYPE, KOMPLAN_ROW, KOMPLAN_MAPS_TO, KOMPLAN_MIN_LABEL, KOMPLAN_MAX_LABEL}


@dataclass(frozen=True)
class Problem:
    """Where in the workbook (sheet, 1-based row, column — each optional) and what, in words."""

    sheet: str = ""
    row: int | None = None
    column: str = ""
    message: str = ""

    def where(self) -> str:
        parts = []
        if self.sheet:
            parts.append(_("sheet “%(sheet)s”") % {"sheet": self.sheet})
        if self.row:
            parts.append(_("row %(row)s") % {"row": self.row})
        if self.column:
            parts.append(_("column “%(column)s”") % {"column": self.column})
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message}" if where else self.message


class RowIndex:
    """Rows of the survey and choices sheets by name, in sheet order (pyxform's JSON has no row numbers)."""

    def __init__(self, survey_rows, choice_rows):
        self.survey: dict[str, deque[int]] = defaultdict(deque)
        self.types: dict[int, str] = {}  # row → its type as written ("select_one colors or_other")
        for number, row in enumerate(survey_rows or [], start=2):
            self.types[number] = str(row.get("type") or "")
            name = str(row.get("name") or "").strip()
            if name:
                self.survey[name].append(number)
        self.settings: dict = {}  # the settings row and the names of all sheets (filled in by the importer)
        self.sheet_names: list[str] = []
        self.choices: dict[tuple[str, str], list[int]] = defaultdict(list)
        for number, row in enumerate(choice_rows or [], start=2):
            list_name = str(row.get("list_name") or row.get("list name") or "").strip()
            self.choices[(list_name, str(row.get("name") or "").strip())].append(number)

    def take(self, name: str) -> int | None:
        rows = self.survey.get(name)
        return rows.popleft() if rows else None

    def choice(self, list_name: str, name: str, occurrence: int = 0) -> int | None:
        rows = self.choices.get((list_name, name)) or []
        return rows[occurrence] if occurrence < len(rows) else None


def sanitize_key(name: str) -> str:
    """A komplan key for an XLSForm name: ASCII lower case, digits and single underscores, from a letter."""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9]+", "_", text).strip("_")
    if not text or not text[0].isalpha():
        text = f"q_{text}".rstrip("_")
    return text[:63].rstrip("_")


class KeyMaker:
    """Unique keys in one namespace (questions, or sections)."""

    def __init__(self):
        self.used: set[str] = set()

    def make(self, name: str) -> str:
        base = sanitize_key(name)
        key, number = base, 2
        while key in self.used:
            suffix = f"_{number}"
            key, number = base[: 63 - len(suffix)] + suffix, number + 1
        self.used.add(key)
        return key


def pick_language(form: dict) -> tuple[str | None, list[str]]:
    """The translation to import and the others; (None, []) when the labels are not translated.

    The form's default language when it names one and it has labels; else Czech or English (komplan's
    languages) when present; else the translation with the most labels."""
    counts: dict[str, int] = {}  # language → number of labels in it

    def visit(element: dict) -> None:
        if isinstance(element.get("label"), dict):
            for language, text in element["label"].items():
                counts[language] = counts.get(language, 0) + (1 if text else 0)
        choices = element.get("choices")
        for choice in choices if isinstance(choices, list) else []:  # the form's own "choices" is a dict
            visit(choice)
        for child in element.get("children") or []:
            visit(child)

    visit(form)
    labelled = [language for language, count in counts.items() if count]
    if not labelled:
        return None, []
    default = form.get("default_language")
    ours = [language for language in labelled if language_code(language, "") in ("cs", "en")]
    if default in labelled and default != "default":  # "default" is pyxform's name for "no language given"
        chosen = default
    elif ours:
        chosen = sorted(ours, key=lambda language: language_code(language, "") != "cs")[0]
    else:
        chosen = max(labelled, key=lambda language: counts[language])
    return chosen, [language for language in labelled if language != chosen]


def language_code(name: str | None, fallback: str) -> str:
    """ "English (en)" → "en", "czech" → "cs"; anything unrecognised → the fallback."""
    if not name:
        return fallback
    match = _LANGUAGE_CODE.search(name)
    if match:
        return match[1].lower()
    if re.fullmatch(r"[a-z]{2}", name.strip().lower()):
        return name.strip().lower()
    return _LANGUAGE_NAMES.get(name.strip().lower(), fallback)


def required_flag(value) -> bool | None:
    """True/False for yes/no-like values; None for an expression (required only sometimes)."""
    if value is None or value == "":
        return False
    if isinstance(value, bool):
        return value
    return yes_no.get(str(value).strip())


# --- helpers ----------------------------------------------------------------------------------------------


def classify(element: dict) -> tuple[str | None, str]:
    """Our question type for an XLSForm element, or (None, why not)."""
    kind = element.get("type", "")
    if kind == "note":
        return QuestionType.INFO, ""
    spec = QUESTION_TYPE_DICT.get(kind) or {}
    bind, tag = spec.get("bind") or {}, (spec.get("control") or {}).get("tag")
    if kind == "calculate":
        return None, _("A calculated value (“calculate”) is not a question; it is not imported.")
    if bind.get("jr:preload") or kind == "audit":
        return None, _(
            "“%(type)s” is recorded automatically by the data-collection app; komplan does not collect it."
        ) % {"type": kind}
    if tag == "select1" and kind != "select one external":
        return QuestionType.SINGLE, ""
    if tag == "select":
        return QuestionType.MULTIPLE, ""
    if tag == "range":
        return QuestionType.SCALE, ""
    if tag == "input" and bind.get("type") in _INPUT_TYPES and not bind.get("readonly"):
        return _INPUT_TYPES[bind["type"]], ""
    if tag == "trigger":
        return None, _("An acknowledgement button (“%(type)s”) has no komplan equivalent.") % {"type": kind}
    what = _WHAT.get(bind.get("type"), "")
    return None, _("The question type “%(type)s”%(what)s has no komplan equivalent; the question is left out.") % {
        "type": kind,
        "what": f" ({_(what)})" if what else "",
    }


def operator_for(op: str, kind: str) -> str:
    """Our operator for an XLSForm comparison with an answer of this type, or the reason why there is none."""
    if op in ("selected", "not_selected"):
        if kind not in QuestionType.WITH_CHOICES:
            return _("selected() needs a choice question")
        if kind == QuestionType.MULTIPLE:
            return ConditionOp.INCLUDES if op == "selected" else _("“not selected” of a multiple choice")
        return ConditionOp.EQUALS if op == "selected" else ConditionOp.NOT_EQUALS
    if kind in (QuestionType.MULTIPLE, QuestionType.MATRIX, QuestionType.SERVICES):
        return _("a comparison with a multiple-choice answer")
    return op


def condition_value(source: dict, value: str):
    """The value as komplan compares it: one of the choices, a whole number for scales and numbers."""
    if source["type"] in QuestionType.WITH_CHOICES:
        allowed = {c["value"] for c in source.get("choices", [])} | ({OTHER} if source.get("other") else set())
        return value if value in allowed else None
    if source["type"] in (QuestionType.SCALE, QuestionType.NUMBER) and re.fullmatch(r"-?\d+", value):
        return int(value)
    return value


def language_name(language: str) -> str:
    return _("the texts without a language") if language == "default" else f"“{language}”"


def bind_type(element: dict) -> str:
    return (QUESTION_TYPE_DICT.get(element.get("type")) or {}).get("bind", {}).get("type", "")


def is_multiline(element: dict) -> bool:
    control = element.get("control") or {}
    return control.get("appearance") == "multiline" or bool(control.get("rows"))


def plain_number(number: float):
    return int(number) if float(number).is_integer() else number


def bounds_of(question: dict, expression: str) -> dict | None:
    """min/max for a number (strict bounds only on whole numbers) or a multiple choice; None if not simple."""
    bounds = parse_bounds(expression)
    if bounds is None or question["type"] not in (QuestionType.NUMBER, QuestionType.MULTIPLE):
        return None
    counting = question["type"] == QuestionType.MULTIPLE
    whole = counting or question.get("integer", True)
    result: dict = {}
    for bound in bounds:
        if (bound.subject == "count") != counting or (bound.op in (">", "<") and not whole):
            return None
        number = bound.number + (1 if bound.op == ">" else -1 if bound.op == "<" else 0)
        side = "min" if bound.op in (">", ">=") else "max"
        if side in result:
            return None
        result[side] = plain_number(number)
    return result


def is_meta(element: dict) -> bool:
    return element.get("type") == "group" and (element.get("control") or {}).get("bodyless") is True


def is_generated(element: dict) -> bool:
    """An element pyxform added itself (asked only for elements without a sheet row): a table-list header, the
    text of or_other, the counter of a repeat with a fixed count."""
    if _GENERATED.match(element["name"]):
        return True
    if element.get("type") == "calculate" and element["name"].endswith("_count"):
        return True
    relevant = str((element.get("bind") or {}).get("relevant") or "")
    return element.get("type") == "text" and relevant.startswith("selected(../") and element["name"].endswith("_other")


def descendants(element: dict):
    for child in element.get("children") or []:
        yield child
        yield from descendants(child)


def count_questions(element: dict) -> int:
    return sum(1 for child in descendants(element) if child.get("type") not in ("group", "repeat", "loop"))
