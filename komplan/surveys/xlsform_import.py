"""Import a questionnaire from an XLSForm workbook (the ODK / KoboToolbox standard), with a report.

``import_xlsform(name, content)`` never raises for bad input: it returns an ``ImportResult`` whose
``definition`` is a checked komplan questionnaire, or None with ``problems`` naming the sheet, row and
column where it could tell. ``unsupported`` lists what the form has and komplan cannot carry over;
``notes`` what was changed on the way (renamed keys, flattened groups). Nothing is stored here — the staff
upload and ``komplan import-survey`` decide what to do with the result.

Steps: the workbook's cells are checked first (duplicate columns, expression cells holding only a line
break — pyxform silently drops those, ODK tools reject them), then pyxform reads the form and builds its
XForm (its own errors become problems), then ``xlsform_convert`` maps the elements, and finally
``definition.parse`` checks the result like any questionnaire.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass, field
from pathlib import PurePath

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import definition as qdef
from .xlsform_common import Problem, RowIndex
from .xlsform_convert import Converter

XLSX, XLS = ".xlsx", ".xls"
MAX_ROWS = 5000  # a questionnaire has tens of rows; bound the work on a hostile file
_SHEETS = ("survey", "choices", "settings")
_EXPRESSION_COLUMNS = {"relevant", "constraint", "required", "calculation", "choice_filter", "repeat_count"}
_EXPRESSION_COLUMNS |= {"readonly", "read_only", "trigger"}
_KEPT_SETTINGS = {"form_title", "form_id", "default_language", "version", "set_form_title", "set_form_id"}
_KEPT_SETTINGS |= {"id_string", "name"}  # identifiers of the form, not needed once imported
_PYX_ROW = re.compile(r"\[row\s*:\s*(\d+)\]")
_PYX_SHEET = re.compile(r"[Oo]n the '(\w+)' sheet")  # the sheet a row belongs to, when not the survey
_PYX_MENTION = re.compile(r"\b(survey|choices|settings|external_choices|entities)'? sheet")
_PYX_COLUMN = re.compile(r"the '([^']+)' (?:value|column)")


@dataclass
class ImportResult:
    definition: dict | None
    title: str
    problems: list[Problem] = field(default_factory=list)
    unsupported: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.definition is not None and not self.problems

    def counts(self) -> tuple[int, int]:
        """(sections, questions) of the imported questionnaire."""
        if self.definition is None:
            return 0, 0
        sections = self.definition["sections"]
        return len(sections), sum(len(s["questions"]) for s in sections)

    def reason(self) -> str:
        """One line saying why the form was refused (the first problem and how many more)."""
        if not self.problems:
            return ""
        more = len(self.problems) - 1
        text = str(self.problems[0])
        if more:
            text += " " + ngettext("(and %(count)s more problem)", "(and %(count)s more problems)", more) % {
                "count": more
            }
        return text


def _refused(title: str, problems: list[Problem], unsupported=(), notes=()) -> ImportResult:
    return ImportResult(None, title, list(problems), list(unsupported), list(notes))


def import_xlsform(name: str, content: bytes, *, language: str = "cs") -> ImportResult:
    """Read an XLSForm workbook (``name`` is the file name, for its type and the fallback title).

    ``language`` is the questionnaire's language when the form does not say (no language in its labels)."""
    title = PurePath(name or "").stem or _("Imported questionnaire")
    kind = _kind(content)
    if kind is None:
        message = _("The file is empty.") if not content else _("The file is not an Excel workbook (.xlsx or .xls).")
        return _refused(title, [Problem(message=message)])
    try:
        problems = _scan(_raw_sheets(content, kind))
    except Exception as exc:  # any failure of the readers on untrusted bytes is "unreadable"
        return _refused(title, [Problem(message=_("The workbook cannot be read: %(error)s") % {"error": exc})])
    if problems:
        return _refused(title, problems)
    form, index, problems = _pyxform(content, kind, title)
    if problems:
        return _refused(title, problems)
    title = str(form.get("title") or title).strip()[:200]
    converter = Converter(form, index, language)
    data, rows = converter.run()
    unsupported = _sheets_unsupported(index.sheet_names) + converter.unsupported + _settings_unsupported(index.settings)
    if not any(s["questions"] for s in data["sections"]):
        problem = Problem(message=_("The form has no question komplan can ask; nothing would be imported."))
        return _refused(title, [problem], unsupported, converter.notes)
    try:
        checked = qdef.parse(data)
    except qdef.DefinitionError as exc:
        found = [_definition_problem(path, message, rows) for path, message in exc.problems]
        return _refused(title, found, unsupported, converter.notes)
    return ImportResult(checked.to_dict(), title, [], unsupported, converter.notes)


# --- reading the workbook -----------------------------------------------------------------------------------


def _kind(content: bytes) -> str | None:
    if content[:4] == b"PK\x03\x04":
        return XLSX
    if content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return XLS
    return None


def _raw_sheets(content: bytes, kind: str) -> dict[str, list[tuple]]:
    """The cells of the XLSForm sheets as they are (pyxform drops blank cells, which hides mistakes)."""
    sheets: dict[str, list[tuple]] = {}
    if kind == XLSX:
        import openpyxl

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's notes about styles and extensions it does not read
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            for sheet in workbook.worksheets:
                if sheet.title in _SHEETS:
                    sheets[sheet.title] = list(sheet.iter_rows(max_row=MAX_ROWS, values_only=True))
        finally:
            workbook.close()
        return sheets
    import xlrd

    book = xlrd.open_workbook(file_contents=content, on_demand=True)
    for name in book.sheet_names():
        if name in _SHEETS:
            sheet = book.sheet_by_name(name)
            sheets[name] = [tuple(sheet.row_values(r)) for r in range(min(sheet.nrows, MAX_ROWS))]
    return sheets


def _header(value) -> str:
    return re.sub(r"\s+", " ", str(value)).strip() if value not in (None, "") else ""


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _scan(sheets: dict[str, list[tuple]]) -> list[Problem]:
    problems = []
    for name, rows in sheets.items():
        if not rows:
            continue
        header = [_header(cell) for cell in rows[0]]
        seen: dict[str, int] = {}
        for index, title in enumerate(header):
            if not title:
                continue
            if title in seen:
                problems.append(
                    Problem(
                        name,
                        1,
                        title,
                        _("The column “%(column)s” appears twice (columns %(first)s and %(second)s); keep one of them.")
                        % {"column": title, "first": _column_letter(seen[title]), "second": _column_letter(index)},
                    )
                )
            seen.setdefault(title, index)
        if name == "survey":
            problems += _blank_expressions(rows, header)
    return problems


def _expression_column(title: str) -> bool:
    plain = title.lower().replace(" ", "")
    for prefix in ("bind::", "bind:"):
        plain = plain.removeprefix(prefix)
    return plain in _EXPRESSION_COLUMNS


def _blank_expressions(rows: list[tuple], header: list[str]) -> list[Problem]:
    columns = [index for index, title in enumerate(header) if title and _expression_column(title)]
    problems = []
    for number, row in enumerate(rows[1:], start=2):
        for index in columns:
            cell = row[index] if index < len(row) else None
            if isinstance(cell, str) and cell and cell.isspace():
                problems.append(
                    Problem(
                        "survey",
                        number,
                        header[index],
                        _(
                            "The cell holds only spaces or a line break instead of an expression; write the "
                            "expression or clear the cell (ODK tools reject such a form)."
                        ),
                    )
                )
    return problems


def _pyxform(content: bytes, kind: str, title: str) -> tuple[dict, RowIndex | None, list[Problem]]:
    """pyxform's JSON of the form, the row index and pyxform's own errors as problems."""
    from pyxform.builder import create_survey_element_from_dict
    from pyxform.xls2json import workbook_to_json
    from pyxform.xls2json_backends import get_xlsform

    try:
        workbook = get_xlsform(content, file_type=kind)
        index = RowIndex(workbook.survey, workbook.choices)
        index.settings = dict(workbook.settings[0]) if workbook.settings else {}
        index.sheet_names = list(workbook.sheet_names or [])
        form = workbook_to_json(
            workbook, form_name="data", fallback_form_name=title, default_language="default", warnings=[]
        )
        # Building the XForm runs pyxform's remaining checks (references to unknown questions, cycles…).
        create_survey_element_from_dict(form).to_xml(validate=False, warnings=[])
    except Exception as exc:  # pyxform raises PyXFormError and, on odd input, anything else
        return {}, None, [_pyxform_problem(str(exc) or exc.__class__.__name__)]
    return form, index, []


def _pyxform_problem(message: str) -> Problem:
    """A pyxform error as a problem, with the sheet, row and column its message names."""
    row = _PYX_ROW.search(message)
    sheet = _PYX_SHEET.search(message) or (None if row else _PYX_MENTION.search(message))
    column = _PYX_COLUMN.search(message)
    text = _PYX_ROW.sub("", message).strip()
    return Problem(
        sheet[1] if sheet else "survey" if row else "",  # pyxform's rows are the survey's unless it says otherwise
        int(row[1]) if row else None,
        column[1] if column else "",
        _("The form is not valid XLSForm: %(message)s") % {"message": text},
    )


def _sheets_unsupported(names: list[str]) -> list[Problem]:
    """Sheets komplan does not read (those starting with "_" are meant to be ignored, by XLSForm's rules)."""
    problems = []
    for name in names:
        if name in _SHEETS or name.startswith("_"):
            continue
        if name in ("external_choices", "entities", "osm"):
            message = _("The sheet “%(sheet)s” is not used by komplan.") % {"sheet": name}
        else:
            message = _("The sheet “%(sheet)s” is not an XLSForm sheet; it is not read.") % {"sheet": name}
        problems.append(Problem(name, None, "", message))
    return problems


def _settings_unsupported(settings: dict) -> list[Problem]:
    return [
        Problem("settings", 2, key, _("This setting is not used by komplan."))
        for key, value in sorted(settings.items())
        if key not in _KEPT_SETTINGS and value not in (None, "")
    ]


def _definition_problem(path: str, message: str, rows: dict[str, int | None]) -> Problem:
    match = re.match(r"sections\[\d+\]\.questions\[\d+\]", path)
    row = rows.get(match[0]) if match else None
    return Problem("survey" if row else "", row, "", f"{path}: {message}")
