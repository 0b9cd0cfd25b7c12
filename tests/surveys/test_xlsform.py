"""XLSForm import (every form of the shared pyxform set, hand-made forms for each rule) and export (round trip)."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from django.utils import translation
from pyxform.builder import create_survey_element_from_dict
from pyxform.xls2json import workbook_to_json
from pyxform.xls2json_backends import get_xlsform

from komplan.surveys import library
from komplan.surveys.definition import parse
from komplan.surveys.xlsform import ExportContext, export_xlsform, import_xlsform

ROOT = Path(__file__).resolve().parents[2]
SHARED = next((p for p in (ROOT.parent / "shared" / "data", Path("/work/shared/data")) if p.is_dir()), ROOT)
PYXFORM = SHARED / "xlsform-dotazniky" / "pyxform"  # 16 forms of pyxform's own tests (see its README)
FORMS = sorted(PYXFORM.glob("*.xls*"))
BROKEN = {"ict_survey_fails.xls", "duplicate_columns.xlsx"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def load(name: str):
    return import_xlsform(name, (PYXFORM / name).read_bytes())


def questions(result) -> dict[str, dict]:
    return {q["key"]: q for s in result.definition["sections"] for q in s["questions"]}


def workbook(survey: list[list], choices: list[list] = (), settings: list[list] = ()) -> bytes:
    """A small XLSForm: each list's first row is its header."""
    book = openpyxl.Workbook()
    book.active.title = "survey"
    for row in survey:
        book["survey"].append(row)
    for title, rows in (("choices", choices), ("settings", settings)):
        if rows:
            sheet = book.create_sheet(title)
            for row in rows:
                sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


YES_NO = [["list_name", "name", "label"], ["yn", "yes", "Ano"], ["yn", "no", "Ne"]]


# --- every shared form ------------------------------------------------------------------------------------


def test_the_shared_set_is_there():
    assert len(FORMS) == 16 and {f.name for f in FORMS} >= BROKEN


@pytest.mark.parametrize("path", FORMS, ids=lambda p: p.name)
def test_every_shared_form_imports_or_is_refused_with_a_reason(path):
    result = import_xlsform(path.name, path.read_bytes())

    if path.name in BROKEN:
        assert not result.ok and result.definition is None
        assert result.problems and all(str(p).strip() for p in result.problems)
        assert result.problems[0].sheet == "survey" and result.problems[0].row
    else:
        assert result.ok, result.problems
        assert parse(result.definition).to_dict() == result.definition
        assert sum(len(s["questions"]) for s in result.definition["sections"]) > 0
        assert all(str(p).strip() for p in result.unsupported + result.notes)


def test_duplicate_columns_names_the_header_cell():
    problem = load("duplicate_columns.xlsx").problems[0]

    assert (problem.sheet, problem.row, problem.column) == ("survey", 1, "label")
    assert "appears twice" in problem.message


def test_a_relevant_cell_holding_a_line_break_is_refused():
    result = load("ict_survey_fails.xls")

    assert [(p.sheet, p.row, p.column) for p in result.problems] == [("survey", 2, "bind: relevant")]
    assert "line break" in result.reason()


def test_or_other_gives_other_only_where_it_was_asked():
    result = load("or_other.xlsx")
    found = questions(result)

    assert found["fav_color"]["other"] is True and "fav_color_other" not in found
    assert "other" not in found["fav_pastel"]  # shares the list, but pyxform's added "other" is not its own
    assert [c["value"] for c in found["fav_color"]["choices"]] == ["red", "green", "blue", "mauve", "apricot"]
    assert any(p.column == "choice_filter" and p.row == 3 for p in result.unsupported)


def test_specify_other_and_a_hand_written_please_specify():
    assert questions(load("specify_other.xlsx"))["sex"]["other"] is True

    ucl = load("UCL_Biomass_Plot_Form.xlsx")
    assert questions(ucl)["leader_name"]["other"] is True and "leader_name_other" not in questions(ucl)
    assert any(p.row == 9 and "please specify" in p.message for p in ucl.notes)


def test_groups_become_sections():
    result = load("group.xlsx")
    sections = result.definition["sections"]

    assert [[q["key"] for q in s["questions"]] for s in sections] == [["family_name"], ["phone_number", "age"]]
    assert sections[1]["key"] == "father" and sections[1]["title"] == "Father"
    assert result.definition["language"] == "en"  # from "English (en)"
    assert any(p.column == "constraint" and p.row == 4 for p in result.unsupported)  # phone number's digits check


def test_sheets_komplan_does_not_read_are_listed():
    result = load("extra_sheet_names.xlsx")

    assert [(p.sheet, p.message) for p in result.unsupported] == [
        ("my_sheet", "The sheet “my_sheet” is not an XLSForm sheet; it is not read."),
        ("stettings", "The sheet “stettings” is not an XLSForm sheet; it is not read."),
    ]


def test_yes_or_no_question():
    result = load("yes_or_no_question.xlsx")

    assert questions(result)["good_day"] == {
        "key": "good_day",
        "type": "single",
        "label": "have you had a good day today?",
        "choices": [{"value": "yes", "label": "yes"}, {"value": "no", "label": "no"}],
    }


def test_text_and_integer():
    found = questions(load("text_and_integer.xlsx"))

    assert found["your_name"]["type"] == "text"
    assert found["your_age"]["type"] == "number" and found["your_age"].get("integer", True)


def test_the_spec_test_has_many_types_and_reports_the_rest():
    result = load("xlsform_spec_test.xlsx")
    found = questions(result)
    types = {q["type"] for q in found.values()}
    unsupported = " ".join(p.message for p in result.unsupported)

    assert {"single", "multiple", "text", "number", "info"} <= types
    assert found["a_decimal"]["integer"] is False and found["a_integer"]["type"] == "number"
    assert found["q_1"]["label"] == "numerical name test"  # "_1" renamed, and said so
    assert any("“_1” is renamed to “q_1”" in p.message for p in result.notes)
    for reported in ("geopoint", "barcode", "calculate", "repeats", "time", "translations", "${a_integer}"):
        assert reported in unsupported
    assert all(p.row for p in result.unsupported if p.sheet == "survey" and p.column != "label")


def test_bounds_conditions_and_repeats_of_real_forms():
    widgets = questions(load("widgets.xls"))
    assert widgets["my_int"]["max"] == 9  # ". < 10" on a whole number
    assert "min" not in widgets["my_decimal"]  # ". > 10.51" on a decimal cannot be a bound

    tutorial = load("tutorial.xls")
    assert questions(tutorial)["age_in_months"]["conditions"] == [
        {"question": "older_than_five", "op": "equals", "value": "no"}
    ]
    assert "max" in questions(tutorial)["age_in_months"]  # ". <= 72"
    assert any("repeats" in p.message and p.row == 2 for p in tutorial.unsupported)


# --- hand-made forms: one rule each ------------------------------------------------------------------------


def test_conditions_of_the_simple_forms():
    content = workbook(
        [
            ["type", "name", "label", "relevant"],
            ["select_one yn", "used", "Used?", ""],
            ["select_multiple yn", "which", "Which?", "${used} = 'yes'"],
            ["text", "why", "Why?", "${used} != 'no' and selected(${which}, 'yes')"],
            ["text", "more", "More?", "${why} != ''"],
            ["text", "not_used", "Why not?", "not(selected(${used}, 'yes'))"],
            ["integer", "n", "How many?", "'yes' = ${used}"],
        ],
        YES_NO,
    )
    found = questions(import_xlsform("conditions.xlsx", content))

    assert found["which"]["conditions"] == [{"question": "used", "op": "equals", "value": "yes"}]
    assert found["why"]["conditions"] == [
        {"question": "used", "op": "not_equals", "value": "no"},
        {"question": "which", "op": "includes", "value": "yes"},
    ]
    assert found["more"]["conditions"] == [{"question": "why", "op": "answered"}]
    assert found["not_used"]["conditions"] == [{"question": "used", "op": "not_equals", "value": "yes"}]
    assert found["n"]["conditions"] == [{"question": "used", "op": "equals", "value": "yes"}]


@pytest.mark.parametrize(
    "relevant",
    [
        "${used} = 'yes' or ${used} = 'no'",  # or
        "${later} = 'yes'",  # a later question
        "${used} = 'maybe'",  # not a choice
        "${used} > 1",  # a comparison
        "${ghost} = 'yes'",  # pyxform refuses this one itself
    ],
)
def test_a_condition_komplan_cannot_express_is_reported_and_the_question_is_optional(relevant):
    content = workbook(
        [
            ["type", "name", "label", "relevant", "required"],
            ["select_one yn", "used", "Used?", "", ""],
            ["text", "why", "Why?", relevant, "yes"],
            ["select_one yn", "later", "Later", "", ""],
        ],
        YES_NO,
    )
    result = import_xlsform("complex.xlsx", content)

    if "ghost" in relevant:
        assert not result.ok and "ghost" in result.reason()
        return
    why = questions(result)["why"]
    assert "conditions" not in why and "required" not in why
    assert [(p.row, p.column) for p in result.unsupported] == [(3, "relevant")]


def test_types_bounds_and_other_mappings():
    content = workbook(
        [
            ["type", "name", "label", "constraint", "appearance", "parameters", "required", "calculation"],
            ["decimal", "share", "Share", ". >= 0 and . <= 100", "", "", "yes", ""],
            ["integer", "age", "Age", "15 <= . and . < 111", "", "", "", ""],
            ["select_multiple yn", "pick", "Pick", "count-selected(.) <= 1", "", "", "", ""],
            ["text", "story", "Story", "", "multiline", "", "", ""],
            ["date", "when", "When", "", "", "", "", ""],
            ["note", "hello", "Hello", "", "", "", "", ""],
            ["range", "rate", "Rate", "", "", "start=1 end=5 step=1", "", ""],
            ["range", "km", "Distance", "", "", "start=0 end=100 step=5", "", ""],
            ["geopoint", "where", "Where", "", "", "", "", ""],
            ["calculate", "calc", "", "", "", "", "", "${age} * 12"],
        ],
        YES_NO,
    )
    result = import_xlsform("types.xlsx", content)
    found = questions(result)

    assert found["share"] == {
        "key": "share",
        "type": "number",
        "label": "Share",
        "required": True,
        "min": 0,
        "max": 100,
        "integer": False,
    }
    assert (found["age"]["min"], found["age"]["max"]) == (15, 110)
    assert found["pick"]["max"] == 1 and found["pick"]["type"] == "multiple"
    assert found["story"]["type"] == "textarea" and found["when"]["type"] == "date"
    assert found["hello"]["type"] == "info"
    assert (found["rate"]["type"], found["rate"]["min"], found["rate"]["max"]) == ("scale", 1, 5)
    assert (found["km"]["type"], found["km"]["min"], found["km"]["max"]) == ("number", 0, 100)
    assert "where" not in found and "calc" not in found
    assert {(p.row, p.column) for p in result.unsupported} == {(9, "parameters"), (10, "type"), (11, "type")}


def test_nested_groups_are_flattened_with_a_heading_and_a_report_line():
    content = workbook(
        [
            ["type", "name", "label", "relevant"],
            ["select_one yn", "cares", "Do you care for someone?", ""],
            ["begin group", "household", "Household", ""],
            ["begin group", "carer", "Caring", "${cares} = 'yes'"],
            ["integer", "hours", "Hours a week", ""],
            ["end group", "", "", ""],
            ["end group", "", "", ""],
        ],
        YES_NO,
    )
    result = import_xlsform("nested.xlsx", content)
    sections = result.definition["sections"]

    assert [s["key"] for s in sections] == ["s1", "household"]
    assert [q["key"] for q in sections[1]["questions"]] == ["carer", "hours"]
    assert sections[1]["questions"][0]["type"] == "info"
    assert sections[1]["questions"][1]["conditions"] == [{"question": "cares", "op": "equals", "value": "yes"}]
    assert any(p.row == 4 and "merged" in p.message for p in result.notes)


def test_names_are_made_into_keys_and_the_renames_reported():
    content = workbook(
        [["type", "name", "label"], ["text", "Věk-respondenta", "Age"], ["text", "vek_respondenta", "Again"]]
    )
    result = import_xlsform("names.xlsx", content)

    assert list(questions(result)) == ["vek_respondenta", "vek_respondenta_2"]
    assert [p.row for p in result.notes if p.column == "name"] == [2, 3]


def test_translations_prefer_the_default_then_czech():
    survey = [
        ["type", "name", "label::English (en)", "label::Čeština (cs)"],
        ["text", "name_q", "Your name", "Vaše jméno"],
    ]
    result = import_xlsform("langs.xlsx", workbook(survey))
    assert questions(result)["name_q"]["label"] == "Vaše jméno" and result.definition["language"] == "cs"
    assert any("English (en)" in p.message for p in result.unsupported)

    settings = [["default_language"], ["English (en)"]]
    result = import_xlsform("langs.xlsx", workbook(survey, settings=settings))
    assert questions(result)["name_q"]["label"] == "Your name" and result.definition["language"] == "en"


def test_the_title_comes_from_the_settings_or_the_file_name():
    survey = [["type", "name", "label"], ["text", "a", "A"]]
    assert import_xlsform("Průzkum 2025.xlsx", workbook(survey)).title == "Průzkum 2025"
    settings = [["form_title", "instance_name"], ["Dotazník pro poskytovatele", "concat(${a})"]]
    result = import_xlsform("x.xlsx", workbook(survey, settings=settings))
    assert result.title == "Dotazník pro poskytovatele"
    assert [(p.sheet, p.row, p.column) for p in result.unsupported] == [("settings", 2, "instance_name")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"type,name,label\ntext,a,A\n", "not an Excel workbook"),
        (b"PK\x03\x04 not really a zip", "cannot be read"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 not really xls", "cannot be read"),
    ],
)
def test_files_that_are_not_workbooks_are_refused(content, message):
    result = import_xlsform("form.xlsx", content)

    assert not result.ok and message in result.reason()


@pytest.mark.parametrize(
    ("survey", "choices", "where"),
    [
        ([["text", "a", "A"], ["select_one nothing", "b", "B"]], YES_NO, ("survey", 3)),
        ([["text", "a", "A"], ["select_one yn", "b", "B"]], None, ("choices", None)),
        ([["text", "a", "A"], ["text", "a", "B"]], None, ("survey", 3)),
        ([["begin group", "g", "G"], ["text", "a", "A"]], None, ("survey", 2)),
        ([["select_one yn", "a", "A"]], [*YES_NO, ["yn", "yes", "Jo"]], ("choices", 4)),
    ],
    ids=["unknown list", "no choices sheet", "duplicate name", "unmatched group", "duplicate choice"],
)
def test_pyxform_errors_name_the_sheet_and_row(survey, choices, where):
    result = import_xlsform("bad.xlsx", workbook([["type", "name", "label"], *survey], choices or ()))

    assert not result.ok and (result.problems[0].sheet, result.problems[0].row) == where
    assert result.reason().startswith("sheet “")


def test_a_form_without_any_question_komplan_can_ask_is_refused_with_the_reasons():
    content = workbook([["type", "name", "label"], ["geopoint", "where", "Where"], ["image", "photo", "Photo"]])
    result = import_xlsform("gps.xlsx", content)

    assert not result.ok and "no question" in result.reason()
    assert [p.row for p in result.unsupported] == [2, 3]


# --- export -------------------------------------------------------------------------------------------------


def comparable(definition: dict) -> list[dict]:
    """What a round trip must keep: every question's type, key, choices, rows, bounds, flags, conditions."""
    kept = ("key", "type", "choices", "rows", "other", "required", "conditions", "maps_to", "min", "max", "integer")
    return [{k: q.get(k) for k in kept} for s in definition["sections"] for q in s["questions"]]


TEMPLATES = [(t.slug, language) for t in library.TEMPLATES for language in library.LANGUAGES]


@pytest.mark.parametrize(("slug", "language"), TEMPLATES)
def test_templates_survive_export_and_import(slug, language):
    definition = library.load(slug, language)

    result = import_xlsform("form.xlsx", export_xlsform(definition, "Dotazník"))

    assert result.ok and not result.unsupported and not result.notes, result.unsupported + result.notes
    assert comparable(result.definition) == comparable(definition)
    assert [s["key"] for s in result.definition["sections"]] == [
        s["key"] if s["key"] not in {q["key"] for q in comparable(definition)} else f"{s['key']}_section"
        for s in definition["sections"]
    ]
    assert result.definition["language"] == language and result.title == "Dotazník"


def test_an_export_is_a_valid_xlsform_with_the_lists_of_the_process():
    definition = library.load("users", "cs")
    context = ExportContext(
        municipalities=(("532819", "Slaný"), ("532860", "Zlonice")), services=(("7", "Pečovatelská služba Slaný"),)
    )
    content = export_xlsform(definition, "Průzkum mezi uživateli", context)

    form = workbook_to_json(get_xlsform(content, file_type=".xlsx"), warnings=[])
    create_survey_element_from_dict(form).to_xml(validate=False)  # pyxform accepts it
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["survey", "choices", "settings"]
    choices = [tuple(row) for row in book["choices"].iter_rows(values_only=True)]
    assert ("residence_list", "532819", "Slaný") in choices and (
        "services_list",
        "7",
        "Pečovatelská služba Slaný",
    ) in choices
    survey = {row[1]: row for row in book["survey"].iter_rows(values_only=True)}
    assert (
        survey["services"][0] == "select_multiple services_list"
        and survey["residence"][0] == "select_one residence_list"
    )
    assert survey["stop_reasons"][5] == "${used_service} = 'yes' and ${still_using} = 'stopped'"
    assert survey["stop_reasons_other"][5] == "selected(${stop_reasons}, 'other')"
    assert dict(zip(*book["settings"].iter_rows(values_only=True), strict=True))["default_language"] == "cs"

    again = import_xlsform("users.xlsx", content)
    assert comparable(again.definition) == comparable(definition)


def test_without_lists_municipality_and_services_are_text_with_a_note():
    content = export_xlsform(library.load("mayors", "en"), "Mayors")
    survey = {row[1]: row for row in openpyxl.load_workbook(io.BytesIO(content))["survey"].iter_rows(values_only=True)}

    assert survey["municipality"][0] == "text" and survey["services"][0] == "text"
    assert survey["services_note"][0] == "note" and "services" in survey["services_note"][2]


def test_a_matrix_is_a_group_of_rated_rows_with_a_note():
    content = export_xlsform(library.load("providers", "cs"), "Poskytovatelé")
    rows = list(openpyxl.load_workbook(io.BytesIO(content))["survey"].iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row[1] == "cooperation" and row[0] == "begin group")

    assert rows[start][7] == "field-list" and rows[start][9] == "matrix"
    assert rows[start + 1][0] == "note" and "1" in rows[start + 1][2] and "5" in rows[start + 1][2]
    assert rows[start + 2][0].startswith("select_one ") and rows[start + 2][10] == "municipality"
