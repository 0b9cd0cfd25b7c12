"""Turn pyxform's JSON of an XLSForm into a komplan questionnaire, listing what cannot be carried over.

Called by ``xlsform_import`` after pyxform has accepted the form. Every element is either mapped (a
question, a section, a condition, bounds), or reported: ``unsupported`` for what komplan cannot do
(repeats, calculations, locations, complex expressions…), ``notes`` for what it changed (renamed keys,
flattened groups, a folded "please specify" field). Nothing is dropped without a line in one of them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from pyxform.question_type_dictionary import QUESTION_TYPE_DICT

from .definition import OTHER, ConditionOp, QuestionType
from .xlsform_common import (
    HELPER_ROWS,
    KOMPLAN_MAPS_TO,
    KOMPLAN_MAX_LABEL,
    KOMPLAN_MIN_LABEL,
    KOMPLAN_ROW,
    KOMPLAN_TYPE,
    LABEL_REFERENCE,
    SILENT_KEYS,
    KeyMaker,
    Problem,
    RowIndex,
    bind_type,
    bounds_of,
    classify,
    condition_value,
    count_questions,
    is_generated,
    is_meta,
    is_multiline,
    language_code,
    language_name,
    operator_for,
    pick_language,
    plain_number,
    required_flag,
)
from .xlsform_expressions import parse_relevant


@dataclass
class _Section:
    key: str
    title: str
    description: str = ""
    questions: list[dict] = field(default_factory=list)
    rows: list[int | None] = field(default_factory=list)  # sheet row of each question, for problems later


class Converter:
    """One pass over pyxform's JSON; ``run()`` returns (definition dict, sheet rows per question path)."""

    def __init__(self, form: dict, index: RowIndex, fallback_language: str = "cs"):
        self.form = form
        self.index = index
        self.language, self.other_languages = pick_language(form)
        self.code = language_code(self.language or form.get("default_language"), fallback_language)
        self.keys, self.section_keys = KeyMaker(), KeyMaker()
        self.by_name: dict[str, dict] = {}  # XLSForm name → imported question (conditions refer to these)
        self.sections: list[_Section] = []
        self.unsupported: list[Problem] = []
        self.notes: list[Problem] = []
        self.last: tuple[str, dict] | None = None  # the previous imported question (for "please specify")

    # --- reporting ---------------------------------------------------------------------------------------

    def skip(self, row, column: str, message: str, sheet: str = "survey") -> None:
        problem = Problem(sheet if row or column else "", row, column, message)
        if problem not in self.unsupported:  # a choice list shared by several questions is reported once
            self.unsupported.append(problem)

    def note(self, row, column: str, message: str, sheet: str = "survey") -> None:
        problem = Problem(sheet, row, column, message)
        if problem not in self.notes:
            self.notes.append(problem)

    def text(self, value) -> str:
        """The label or hint in the imported language (falling back to any translation that has it)."""
        if isinstance(value, dict):
            chosen = value.get(self.language) if self.language else None
            value = chosen or next((text for text in value.values() if text), "")
        return str(value or "").strip()

    # --- the walk ----------------------------------------------------------------------------------------

    def run(self) -> tuple[dict, dict[str, int | None]]:
        if self.other_languages:
            self.skip(
                None,
                "label",
                _("The form has translations; only %(chosen)s is imported, not %(others)s.")
                % {
                    "chosen": language_name(self.language),
                    "others": ", ".join(map(language_name, self.other_languages)),
                },
            )
        loose: _Section | None = None
        for element in self.form.get("children") or []:
            if is_meta(element):
                continue
            if element.get("type") in ("group", "repeat", "loop") and element.get(KOMPLAN_TYPE) != QuestionType.MATRIX:
                loose = None
                self.group_section(element)
                continue
            if loose is None:
                loose = self.new_section("", "", "")
            self.add(element, loose, [])
        return self.definition()

    def new_section(self, name: str, title: str, description: str) -> _Section:
        key = self.section_keys.make(name or f"s{len(self.sections) + 1}")
        section = _Section(key, title, description)
        self.sections.append(section)
        return section

    def group_section(self, group: dict) -> None:
        row = self.index.take(group["name"])
        self.repeated(group, row)
        section = self.new_section(group["name"], self.text(group.get("label")), self.text(group.get("hint")))
        inherited = self.conditions_of(group, row)
        self.check_extras(group, row)
        for child in group.get("children") or []:
            self.add(child, section, inherited)

    def add(self, element: dict, section: _Section, inherited: list | None) -> None:
        kind = element.get("type")
        if kind == "group" and element.get(KOMPLAN_TYPE) == QuestionType.MATRIX and self.matrix(element, section):
            return
        if kind in ("group", "repeat", "loop"):
            self.nested_group(element, section, inherited)
        else:
            self.question(element, section, inherited)

    def nested_group(self, group: dict, section: _Section, inherited: list | None) -> None:
        row = self.index.take(group["name"])
        self.repeated(group, row)
        self.note(
            row,
            "type",
            _("The group “%(name)s” inside another group is merged into the section “%(section)s”.")
            % {"name": group["name"], "section": section.title or section.key},
        )
        label = self.text(group.get("label"))
        conditions = self.conditions_of(group, row)
        combined = None if inherited is None or conditions is None else inherited + conditions
        if label:  # keep the group's heading as an information text
            heading = {"key": self.keys.make(group["name"]), "type": QuestionType.INFO, "label": label}
            if combined:
                heading["conditions"] = combined
            self.append(section, heading, row)
        self.check_extras(group, row)
        for child in group.get("children") or []:
            self.add(child, section, combined)

    def repeated(self, group: dict, row) -> None:
        if group.get("type") not in ("repeat", "loop"):
            return
        count = count_questions(group)
        message = ngettext(
            "The group “%(name)s” repeats (%(count)s question); a komplan questionnaire asks it once.",
            "The group “%(name)s” repeats (%(count)s questions); a komplan questionnaire asks them once.",
            count,
        )
        self.skip(row, "type", message % {"name": group["name"], "count": count})

    def append(self, section: _Section, question: dict, row: int | None, name: str | None = None) -> None:
        section.questions.append(question)
        section.rows.append(row)
        if name is not None and question["type"] != QuestionType.INFO:
            self.by_name[name] = question
            self.last = (name, question)

    def definition(self) -> tuple[dict, dict[str, int | None]]:
        sections, rows = [], {}
        for section in self.sections:
            if not section.questions:
                if section.title:
                    self.note(
                        None,
                        "",
                        _("The section “%(title)s” has no question that could be imported; it is left out.")
                        % {"title": section.title},
                    )
                continue
            index = len(sections)
            for q_index, row in enumerate(section.rows):
                rows[f"sections[{index}].questions[{q_index}]"] = row
            data = {"key": section.key, "title": section.title, "questions": section.questions}
            if section.description:
                data["description"] = section.description
            sections.append(data)
        return {"language": self.code, "sections": sections}, rows

    # --- questions ---------------------------------------------------------------------------------------

    def question(self, element: dict, section: _Section, inherited: list | None) -> None:
        name = element["name"]
        row = self.index.take(name)
        if element.get(KOMPLAN_TYPE) in HELPER_ROWS or (row is None and is_generated(element)):
            return  # our own helper rows, and the fields pyxform adds (or_other's text, table-list headers)
        if self.folds_into_other(element, row):
            return
        qtype, reason = classify(element)
        if qtype in QuestionType.WITH_CHOICES and not element.get("choices"):
            qtype = None
            reason = _("The choices come from the external file “%(file)s”, which is not imported.") % {
                "file": element.get("itemset", "")
            }
        if qtype is None:
            self.skip(row, "type", reason)
            return
        question = {"key": self.keys.make(name), "type": qtype, "label": self.text(element.get("label"))}
        if question["key"] != name:
            self.note(
                row,
                "name",
                _("“%(name)s” is renamed to “%(key)s” (komplan keys are lower-case letters, digits and underscores).")
                % {"name": name, "key": question["key"]},
            )
        if not question["label"]:
            question["label"] = name
            self.note(row, "label", _("The question has no label; its name is shown instead."))
        elif LABEL_REFERENCE.search(question["label"]):
            self.skip(row, "label", _("The label shows earlier answers (${…}); komplan shows the text as it is."))
        hint = self.text(element.get("hint"))
        if hint:
            question["help"] = hint
        self.typed(element, question, row)
        self.conditions(element, question, row, inherited)
        maps_to = str(element.get(KOMPLAN_MAPS_TO) or "").strip()
        if maps_to:
            question["maps_to"] = maps_to
        self.check_extras(element, row)
        self.append(section, question, row, name)

    def typed(self, element: dict, question: dict, row) -> None:
        qtype = question["type"]
        if qtype != QuestionType.INFO:
            required = required_flag((element.get("bind") or {}).get("required"))
            if required is None:
                self.skip(
                    row,
                    "required",
                    _("“Required” depends on an expression (%(expression)s); the question is imported as optional.")
                    % {"expression": element["bind"]["required"]},
                )
            elif required:
                question["required"] = True
        if qtype in QuestionType.WITH_CHOICES:
            self.choices(element, question, row)
        elif qtype == QuestionType.NUMBER:
            question["integer"] = bind_type(element) != "decimal"
        elif qtype == QuestionType.SCALE:
            self.scale(element, question, row)
        elif qtype == QuestionType.TEXT and is_multiline(element):
            question["type"] = QuestionType.TEXTAREA
        komplan_type = element.get(KOMPLAN_TYPE)
        if komplan_type in (QuestionType.MUNICIPALITY, QuestionType.SERVICES):
            question["type"] = komplan_type  # ours, exported with the list of the moment: the list is live here
            question.pop("choices", None)
            question.pop("other", None)
        self.constraint(element, question, row)
        self.appearance(element, question, row)

    def choices(self, element: dict, question: dict, row) -> None:
        list_name = str(element.get("list_name") or element.get("itemset") or "")
        result, seen = [], Counter()
        for item in element["choices"]:
            value = str(item.get("name", "")).strip()
            choice_row = self.index.choice(list_name, value, seen[value])
            seen[value] += 1
            if value == OTHER:
                # pyxform adds "other" to the shared list for or_other: only that question, or a list that
                # has it in the sheet, offers it
                written = self.index.types.get(row, "")
                if choice_row or "or_other" in written or "specify other" in written:
                    question["other"] = True
                continue
            if not value or seen[value] > 1:
                message = _("A choice without a name, or with a name used before in its list, is left out.")
                self.skip(choice_row, "name", message, "choices")
                continue
            label = self.text(item.get("label"))
            if not label:
                label = value
                self.note(choice_row, "label", _("The choice has no label; its name is shown instead."), "choices")
            result.append({"value": value, "label": label})
        question["choices"] = result
        if element.get("choice_filter"):
            self.skip(
                row,
                "choice_filter",
                _("Choices filtered by an expression (%(expression)s): all choices are offered.")
                % {"expression": element["choice_filter"]},
            )

    def scale(self, element: dict, question: dict, row) -> None:
        parameters = element.get("parameters") or {}
        try:
            start = float(parameters.get("start", 1))
            end = float(parameters.get("end", 10))
            step = float(parameters.get("step", 1))
        except (TypeError, ValueError):
            start, end, step = 1.0, 10.0, 1.0
        if step == 1 and start.is_integer() and end.is_integer() and 1 <= end - start <= 20:
            question["min"], question["max"] = int(start), int(end)
            for side in ("min", "max"):
                label = str(element.get(f"komplan_{side}_label") or "").strip()
                if label:
                    question[f"{side}_label"] = label
            return
        question["type"] = QuestionType.NUMBER
        low, high = min(start, end), max(start, end)
        question["min"], question["max"] = plain_number(low), plain_number(high)
        question["integer"] = float(step).is_integer() and low.is_integer()
        self.skip(
            row,
            "parameters",
            _("A range from %(start)s to %(end)s by %(step)s is imported as a number question within those bounds.")
            % {"start": plain_number(start), "end": plain_number(end), "step": plain_number(step)},
        )

    def constraint(self, element: dict, question: dict, row) -> None:
        bind = element.get("bind") or {}
        expression = bind.get("constraint") or QUESTION_TYPE_DICT.get(element.get("type"), {}).get("bind", {}).get(
            "constraint"
        )
        if not expression:
            return
        bounds = bounds_of(question, expression)
        if bounds is None:
            self.skip(
                row,
                "constraint",
                _("The check “%(expression)s” is not imported (komplan checks only simple lower and upper bounds).")
                % {"expression": expression},
            )
            return
        question.update(bounds)
        if bind.get("jr:constraintMsg"):
            self.note(row, "constraint_message", _("komplan shows its own message when an answer is out of bounds."))

    def appearance(self, element: dict, question: dict, row) -> None:
        appearance = str((element.get("control") or {}).get("appearance") or "").strip()
        if appearance and not (appearance == "multiline" and question["type"] == QuestionType.TEXTAREA):
            self.note(
                row,
                "appearance",
                _("The appearance “%(appearance)s” is not used; komplan lays out questions itself.")
                % {"appearance": appearance},
            )

    def check_extras(self, element: dict, row) -> None:
        """Columns with a meaning komplan does not carry over."""
        bind = element.get("bind") or {}
        checks = [
            ("default" in element, "default", _("A preset answer is not imported.")),
            ("media" in element, "media", _("Images, audio and video in the texts are not imported.")),
            ("calculate" in bind and element.get("type") != "calculate", "calculation", _("Calculated values.")),
            (
                bind.get("readonly") not in (None, "", "false()", "no") and element.get("type") != "note",
                "read_only",
                _("A read-only question is imported as an ordinary one."),
            ),
            ("jr:count" in (element.get("control") or {}), "repeat_count", _("A repeat count.")),
        ]
        for present, column, message in checks:
            if present:
                self.skip(row, column, message)
        for key in sorted(set(element) - SILENT_KEYS - {"default", "media", "choice_filter"}):
            if key in ("columns", "flat") or " " in key:
                continue  # loop columns, flat forms' annotations and free notes columns ("tutorial notes")
            if element.get(key) not in (None, "", {}, []):
                self.note(row, key, _("The column “%(column)s” is not used.") % {"column": key})

    # --- "please specify" --------------------------------------------------------------------------------

    def folds_into_other(self, element: dict, row) -> bool:
        """A text field right after a choice question with "other", shown only when "other" is chosen, is the
        "please specify" of that question: komplan asks for it with the "other" choice itself."""
        if self.last is None or QUESTION_TYPE_DICT.get(element.get("type"), {}).get("bind", {}).get("type") != "string":
            return False
        name, previous = self.last
        clauses = parse_relevant(str((element.get("bind") or {}).get("relevant") or ""))
        if not previous.get("other") or not clauses or len(clauses) != 1:
            return False
        clause = clauses[0]
        if clause.question != name or clause.value != OTHER or clause.op not in ("equals", "selected"):
            return False
        self.note(
            row,
            "name",
            _(
                "“%(name)s” is the “please specify” field of “%(question)s”; komplan asks for it with the "
                "“other” choice."
            )
            % {"name": element["name"], "question": name},
        )
        return True

    # --- conditions --------------------------------------------------------------------------------------

    def conditions_of(self, element: dict, row) -> list | None:
        """Conditions from ``relevant``: a list (maybe empty), or None when it cannot be expressed."""
        expression = str((element.get("bind") or {}).get("relevant") or "").strip()
        if not expression:
            return []
        clauses = parse_relevant(expression)
        if clauses is None:
            self.skip(
                row,
                "relevant",
                _("The display condition “%(expression)s” is too complex; the question is always shown.")
                % {"expression": expression},
            )
            return None
        conditions = []
        for clause in clauses:
            condition = self.condition(clause)
            if isinstance(condition, str):
                self.skip(
                    row,
                    "relevant",
                    _(
                        "The display condition “%(expression)s” cannot be kept (%(reason)s); the question is "
                        "always shown."
                    )
                    % {"expression": expression, "reason": condition},
                )
                return None
            conditions.append(condition)
        return conditions

    def condition(self, clause) -> dict | str:
        """A komplan condition, or the reason why not."""
        source = self.by_name.get(clause.question)
        if source is None:
            return _("“%(name)s” is not an earlier imported question") % {"name": clause.question}
        if clause.op in ("equals", "not_equals") and clause.value == "":
            if clause.op == "not_equals":
                return {"question": source["key"], "op": "answered"}
            return _("“not answered” cannot be expressed")
        op = operator_for(clause.op, source["type"])
        if op not in ConditionOp.ALL:
            return op
        value = condition_value(source, clause.value)
        if value is None:
            return _("“%(value)s” is not one of its choices") % {"value": clause.value}
        return {"question": source["key"], "op": op, "value": value}

    def conditions(self, element: dict, question: dict, row, inherited: list | None) -> None:
        own = self.conditions_of(element, row)
        if own is None or inherited is None:
            if question.get("required"):
                question.pop("required")
                self.note(row, "required", _("Shown always now, so the question is no longer required."))
            return
        if inherited + own:
            question["conditions"] = inherited + own

    # --- matrix (our own export) -------------------------------------------------------------------------

    def matrix(self, group: dict, section: _Section) -> bool:
        """A group exported from komplan as a matrix; False (import it as a group) when it is not one."""
        rows = [c for c in group.get("children") or [] if c.get(KOMPLAN_TYPE) not in HELPER_ROWS]
        values = [str(choice.get("name")) for choice in (rows[0].get("choices") or [])] if rows else []
        if (
            not rows
            or any(c.get("type") != "select one" for c in rows)
            or not all(re.fullmatch(r"-?\d+", v) for v in values)
        ):
            return False
        row = self.index.take(group["name"])
        for child in group.get("children") or []:
            self.index.take(child["name"])
        numbers = [int(v) for v in values]
        question = {
            "key": self.keys.make(group["name"]),
            "type": QuestionType.MATRIX,
            "label": self.text(group.get("label")) or group["name"],
            "rows": [{"value": str(c.get(KOMPLAN_ROW) or c["name"]), "label": self.text(c.get("label"))} for c in rows],
            "min": min(numbers),
            "max": max(numbers),
        }
        for key, column in (("help", "hint"), ("min_label", KOMPLAN_MIN_LABEL), ("max_label", KOMPLAN_MAX_LABEL)):
            text = self.text(group.get(column))
            if text:
                question[key] = text
        if all(required_flag((c.get("bind") or {}).get("required")) for c in rows):
            question["required"] = True
        if group.get(KOMPLAN_MAPS_TO):
            question["maps_to"] = str(group[KOMPLAN_MAPS_TO])
        own = self.conditions_of(group, row)
        if own:
            question["conditions"] = own
        self.append(section, question, row, group["name"])
        return True
