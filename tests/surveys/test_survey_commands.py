"""`komplan import-survey` and `komplan export-survey`: reports, exit codes, one-line refusals, no traceback."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from django.utils import translation

from komplan.surveys import library
from komplan.surveys.models import Survey, SurveyKind
from komplan.surveys.services import create_survey, save_definition
from komplan.surveys.xlsform import import_xlsform

from ..directory.factories import make_service

ROOT = Path(__file__).resolve().parents[2]
SHARED = next((p for p in (ROOT.parent / "shared" / "data", Path("/work/shared/data")) if p.is_dir()), ROOT)
PYXFORM = SHARED / "xlsform-dotazniky" / "pyxform"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def komplan(komplan_cli):
    return komplan_cli


def test_import_creates_a_draft_survey_and_reports_what_was_left_out(komplan, process):
    code, out, err = komplan("import-survey", "--process", "slany", PYXFORM / "widgets.xls", "--kind", "public")

    assert code == 0 and not err
    survey = Survey.objects.get(process=process)
    assert (survey.title, survey.kind, survey.is_published) == ("widgets", SurveyKind.PUBLIC, False)
    version = survey.current_version()
    assert version.number == 1 and "widgets.xls" in version.note
    assert out.startswith("Created the draft survey “widgets” (widgets) in slany: 5 sections, 23 questions.\n")
    assert "Not imported (" in out and "sheet “survey”, row 11, column “type”" in out and "geopoint" in out
    assert "Changed on import (" in out


def test_dry_run_creates_nothing(komplan, process):
    code, out, _err = komplan(
        "import-survey", "--process", "slany", PYXFORM / "or_other.xlsx", "--dry-run", "--title", "Barvy"
    )

    assert code == 0 and out.startswith("Dry run (nothing created): “Barvy”: 1 section, 2 questions.")
    assert "choice_filter" in out and not Survey.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--process", "nowhere", PYXFORM / "group.xlsx"), "There is no planning process “nowhere”."),
        (("--process", "slany", "/nonexistent/form.xlsx"), "No such file or directory"),
        (("--process", "slany", PYXFORM / "duplicate_columns.xlsx"), "duplicate_columns.xlsx: sheet “survey”, row 1"),
        (("--process", "slany", PYXFORM / "ict_survey_fails.xls"), "column “bind: relevant”"),
        (("--process", "slany", PYXFORM.parent.parent / "README.md"), "not an Excel workbook"),
    ],
)
def test_refusals_are_one_line_without_a_traceback(komplan, process, args, message):
    code, out, err = komplan("import-survey", *args)

    assert code == 1 and not out and "Traceback" not in err
    assert message in err and len(err.strip().splitlines()) == 1
    assert not Survey.objects.exists()


def test_a_missing_process_option_is_a_usage_error(komplan, process):
    code, _out, err = komplan("import-survey", PYXFORM / "group.xlsx")

    assert code == 2 and "--process" in err


def test_a_refusal_in_the_default_language_is_one_line_too(komplan, process, settings):
    with translation.override(settings.LANGUAGE_CODE):
        code, _out, err = komplan("import-survey", "--process", "nikde", PYXFORM / "group.xlsx")

    assert code == 1 and "nikde" in err and "Traceback" not in err


def test_export_writes_the_current_version_with_the_lists_of_the_process(komplan, process, tmp_path):
    make_service("Pečovatelská služba Slaný", "4", located_in="532819")
    survey = create_survey(process, title="Průzkum mezi uživateli", kind="users", definition=library.load("users"))
    changed = library.load("users")
    changed["sections"][0]["questions"].pop(0)  # edited before any answer: still version 1, without the intro
    save_definition(survey, changed)
    out_file = tmp_path / "uzivatele.xlsx"

    code, out, err = komplan("export-survey", "--process", "slany", "--survey", survey.slug, out_file)

    assert code == 0 and not err
    assert out == f"Exported “Průzkum mezi uživateli” (version 1, 25 questions) to {out_file}.\n"
    choices = list(openpyxl.load_workbook(out_file)["choices"].iter_rows(values_only=True))
    assert ("residence_list", "532819", "Slaný") in choices
    assert any(row[0] == "services_list" and row[2] == "Pečovatelská služba Slaný" for row in choices)
    again = import_xlsform("uzivatele.xlsx", out_file.read_bytes())
    assert again.ok and [q["key"] for q in again.definition["sections"][0]["questions"]][0] == "residence"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--process", "nowhere", "--survey", "x"), "There is no planning process “nowhere”."),
        (("--process", "slany", "--survey", "missing"), "The process slany has no survey “missing”."),
    ],
)
def test_export_refusals(komplan, process, tmp_path, args, message):
    code, out, err = komplan("export-survey", *args, tmp_path / "x.xlsx")

    assert code == 1 and not out and message in err and len(err.strip().splitlines()) == 1


def test_export_to_an_unwritable_place(komplan, process, tmp_path):
    survey = create_survey(process, title="Starostové", kind="mayors", definition=library.load("mayors"))

    code, _out, err = komplan("export-survey", "--process", "slany", "--survey", survey.slug, tmp_path / "no/x.xlsx")

    assert code == 1 and "No such file or directory" in err and "Traceback" not in err


def test_an_export_imports_back_as_a_new_survey(komplan, process, tmp_path):
    survey = create_survey(process, title="Poskytovatelé", kind="providers", definition=library.load("providers"))
    out_file = tmp_path / "poskytovatele.xlsx"
    assert komplan("export-survey", "--process", "slany", "--survey", survey.slug, out_file)[0] == 0

    code, out, _err = komplan("import-survey", "--process", "slany", out_file, "--kind", "providers")

    assert code == 0 and "Not imported" not in out
    copy = Survey.objects.exclude(pk=survey.pk).get()
    assert copy.title == "Poskytovatelé" and copy.slug == "poskytovatele-2"
    mapped = {
        q["maps_to"] for s in copy.current_version().definition["sections"] for q in s["questions"] if "maps_to" in q
    }
    assert {"capacity:amb", "waiting_list", "refused_capacity", "funding:state_subsidy"} <= mapped


def test_the_workbook_is_read_from_bytes_not_a_path(tmp_path):
    """The staff upload passes the uploaded bytes: no file on disk is needed."""
    book = openpyxl.Workbook()
    book.active.title = "survey"
    book.active.append(["type", "name", "label"])
    book.active.append(["text", "a", "Otázka"])
    buffer = io.BytesIO()
    book.save(buffer)

    assert import_xlsform("upload.xlsx", buffer.getvalue()).ok
