"""Answers as CSV and XLSX: one row per response, columns per answer, codebook, no contacts, streamed."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.http import FileResponse, StreamingHttpResponse
from django.utils import translation

from komplan.surveys.analysis import Filters, analysed_definition
from komplan.surveys.exports import codebook, contacts_response, csv_response, write_xlsx, xlsx_response
from komplan.surveys.models import RespondentContact

from .results_fixtures import SLANY, add_response, filled_survey


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def survey(process):
    return filled_survey(process)


def read_csv(response: StreamingHttpResponse) -> list[list[str]]:
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:]), delimiter=";"))


def test_csv_layout(survey):
    response = csv_response(survey, Filters())

    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Disposition"] == 'attachment; filename="slany-pruzkum-potreb-obcanu-odpovedi.csv"'
    codes, labels, *rows = read_csv(response)
    assert codes[:5] == ["id", "submitted_at", "channel", "version", "illustrative"]
    assert codes[5:] == [
        "vek",
        "obec",
        "vyuziva",
        "info.urad",
        "info.web",
        "info.rodina",
        "info.other",
        "info.other_text",
        "spokojenost.dostupnost",
        "spokojenost.cena",
        "celkove",
        "domacnost",
        "od",
        "znate.known",
        "znate.used",
        "chybi",
    ]
    assert labels[5] == "Kolik je vám let?"
    assert labels[codes.index("info.urad")] == "Kde hledáte informace?: Městský úřad"
    assert len(rows) == 4  # sent only
    third = dict(zip(codes, rows[2], strict=True))
    assert third["vek"] == "80plus"
    assert third["channel"] == "paper"
    assert (third["info.urad"], third["info.web"], third["info.other"], third["info.other_text"]) == (
        "1",
        "0",
        "1",
        "farnost",
    )
    assert third["spokojenost.cena"] == "5"
    assert third["od"] == "2024-03-02"
    assert third["illustrative"] == "0"
    assert dt.datetime.strptime(third["submitted_at"], "%Y-%m-%d %H:%M:%S")
    first = dict(zip(codes, rows[0], strict=True))
    assert first["obec"] == SLANY
    assert first["spokojenost.dostupnost"] == ""  # not answered: empty, not 0


def test_csv_unanswered_multiple_choice_is_empty_not_zero(survey):
    add_response(survey, {"vek": "do64"}, illustrative=True)

    codes, _labels, *rows = read_csv(csv_response(survey, Filters()))

    last = dict(zip(codes, rows[-1], strict=True))
    assert last["info.urad"] == "" and last["illustrative"] == "1"


def test_csv_filters(survey):
    _codes, _labels, *rows = read_csv(csv_response(survey, Filters(group=("vek", "65_79"))))
    assert len(rows) == 2
    _codes, _labels, *rows = read_csv(csv_response(survey, Filters(channel="paper")))
    assert len(rows) == 2


def test_no_contact_details_in_the_answers(process):
    survey = filled_survey(process, collects_contact=True, consent_text="Souhlasím.")
    response = survey.responses.first()
    RespondentContact.objects.create(
        response=response, name="Jana Nováková", email="jana@example.org", phone="777 123 456", consent_text="ok"
    )

    answers_csv = b"".join(csv_response(survey, Filters()).streaming_content).decode()
    contacts_csv = b"".join(contacts_response(survey).streaming_content).decode()

    assert "jana@example.org" not in answers_csv and "Jana" not in answers_csv and "777" not in answers_csv
    assert "jana@example.org" in contacts_csv and "Jana Nováková" in contacts_csv
    rows = list(csv.reader(io.StringIO(contacts_csv.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Name", "E-mail", "Phone", "Consent given", "Consent text"]  # no response id: not joinable
    assert len(rows[1]) == 5


def test_xlsx_two_sheets(survey, tmp_path):
    target = tmp_path / "answers.xlsx"

    write_xlsx(survey, Filters(), target)

    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames == ["Answers", "Codebook"]
    sheet = workbook["Answers"]
    rows = list(sheet.iter_rows(values_only=True))
    codes = rows[0]
    assert rows[1][5] == "Kolik je vám let?"
    assert len(rows) == 2 + 4
    third = dict(zip(codes, rows[4], strict=True))
    assert third["od"] == dt.datetime(2024, 3, 2)  # a real date cell
    assert third["domacnost"] == 1  # a number, not text
    assert isinstance(third["submitted_at"], dt.datetime)
    book = list(workbook["Codebook"].iter_rows(values_only=True))
    assert ("vek", "Kolik je vám let?", "single", None, None) in book
    assert (None, None, None, "65_79", "65–79 let") in book
    assert (None, None, None, SLANY, "Slaný") in book


def test_xlsx_response_is_a_file(survey):
    response = xlsx_response(survey, Filters())

    assert isinstance(response, FileResponse)
    content = b"".join(response.streaming_content)
    assert content[:2] == b"PK"
    assert 'filename="slany-pruzkum-potreb-obcanu-odpovedi.xlsx"' in response["Content-Disposition"]


def test_codebook_lists_scale_points(survey):
    header, book = codebook(survey, analysed_definition(survey))

    assert header[0] == "Column"
    assert ["", "", "", "5", "5 – velmi spokojen"] in book


def test_export_reads_in_chunks(survey, django_assert_max_num_queries):
    # Bounded memory: the rows come from one server-side iterator (a query per chunk), never a list of all.
    from komplan.surveys import exports

    columns = exports.columns_of(analysed_definition(survey))
    with django_assert_max_num_queries(3):
        rows = exports.rows(survey, Filters(), columns)
        first = next(rows)
    assert first[0] == survey.responses.order_by("id").first().pk
