"""The results as a PDF: compiles without warnings, holds the numbers, the notice and no free texts."""

from __future__ import annotations

import subprocess

import pytest
from django.utils import translation

from komplan.surveys.analysis import Audience, Filters, analyse
from komplan.surveys.analysis_pdf import analysis_data, analysis_pdf, compile_analysis

from .results_fixtures import add_response, filled_survey


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "analysis.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_pdf_compiles_without_warnings_and_holds_the_results(process, tmp_path):
    survey = filled_survey(process)
    for age, uses in [("do64", "ne")] * 4 + [("65_79", "ano")] * 3:  # groups of 5: shown to the public
        add_response(survey, {"vek": age, "vyuziva": uses})

    pdf, warnings = compile_analysis(analysis_data(analyse(survey, Filters(by="vek"))))

    assert pdf.startswith(b"%PDF")
    assert [w.message for w in warnings] == []
    text = pdf_text(pdf, tmp_path)
    assert "Průzkum potřeb občanů" in text
    assert "Survey of social service recipients" in text
    assert "Kolik je vám let?" in text
    assert "65–79 let" in text
    assert "45.5" in text  # 5 of 11 respondents
    assert "Chi-square test of independence" in text
    assert "expected count below 5" in text
    assert "Illustrative data" not in text


def test_pdf_never_prints_free_texts_even_for_staff(process, tmp_path):
    survey = filled_survey(process)
    staff_result = analyse(survey, audience=Audience.STAFF)

    text = pdf_text(analysis_pdf(staff_result), tmp_path)

    assert "Nováková" not in text and "farnost" not in text
    assert "stacionář" in text  # a word used in two answers


def test_pdf_says_when_data_are_illustrative(process, tmp_path):
    survey = filled_survey(process)
    add_response(survey, {"vek": "do64"}, illustrative=True)

    text = pdf_text(analysis_pdf(survey), tmp_path)

    assert "Illustrative data, not findings" in text


def test_pdf_of_an_empty_survey_and_a_withheld_group(process, tmp_path):
    from .results_fixtures import make_survey

    empty = make_survey(process, title="Prázdný průzkum")
    assert "no sent responses" in pdf_text(analysis_pdf(empty), tmp_path)

    survey = filled_survey(process)
    text = pdf_text(analysis_pdf(survey, Filters(group=("vek", "80plus"))), tmp_path)
    assert "fewer than 5 responses" in text
