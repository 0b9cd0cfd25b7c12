"""CSV and XLSX downloads: Czech-friendly CSV, numbers that stay numbers in XLSX, several sheets."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
from django.utils.translation import gettext_lazy

from komplan.lib.tables import FLOAT_FORMAT, INT_FORMAT, to_csv, to_xlsx, to_xlsx_sheets

HEADER = ["Obec", "Obyvatelé", "Index stáří", "Poznámka"]
ROWS = [["Slaný", 17004, 123.45, None], ["Kvílice", 134, Decimal("80.5"), "odhad"]]


def _workbook(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def test_csv_has_a_bom_semicolons_and_decimal_commas():
    data = to_csv(HEADER, ROWS)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows == [HEADER, ["Slaný", "17004", "123,45", ""], ["Kvílice", "134", "80,5", "odhad"]]


def test_csv_decimal_point_on_request():
    text = to_csv(["x"], [[1.5]], decimal_separator=".").decode("utf-8-sig")
    assert text.splitlines() == ["x", "1.5"]


def test_csv_quotes_separators_inside_fields():
    text = to_csv(["a"], [['Slaný; "centrum"']]).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text), delimiter=";"))[1] == ['Slaný; "centrum"']


def test_xlsx_keeps_numbers_numeric_and_none_empty():
    sheet = _workbook(to_xlsx(HEADER, ROWS, "Obce")).active
    assert sheet.title == "Obce"
    assert [c.value for c in sheet[1]] == HEADER
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    population, index, note = sheet["B2"], sheet["C2"], sheet["D2"]
    assert population.value == 17004 and isinstance(population.value, int)
    assert population.number_format == INT_FORMAT
    assert index.value == 123.45 and index.number_format == FLOAT_FORMAT
    assert note.value is None
    assert sheet["C3"].value == 80.5 and sheet["C3"].data_type == "n"


def test_xlsx_writes_dates_and_lazy_text():
    sheet = _workbook(to_xlsx(["den", "slovo", "ano"], [[dt.date(2026, 1, 1), gettext_lazy("web"), True]], "T")).active
    assert sheet["A2"].value == dt.datetime(2026, 1, 1)
    assert sheet["B2"].value == "web"
    assert sheet["C2"].value is True


def test_several_sheets_in_order_with_valid_unique_titles():
    long = "Počet obyvatel podle věku a pohlaví v obcích ORP"
    data = to_xlsx_sheets(
        [
            ("Pyramida", ["Věk", "Muži"], [["0–4", 500]]),
            (long, ["Rok", "65+"], [["2024", 3000]]),
            (long, ["Rok", "80+"], [["2024", 900]]),
            ("a/b: c?", ["x"], []),
        ]
    )
    workbook = _workbook(data)
    titles = workbook.sheetnames
    assert titles[0] == "Pyramida"
    assert titles[1] == long[:31]
    assert titles[2].endswith(" (2)") and len(titles[2]) <= 31
    assert titles[3] == "a-b- c-"
    assert workbook["Pyramida"]["B2"].value == 500
    assert [c.value for c in workbook[titles[3]][1]] == ["x"]


def test_a_workbook_without_sheets_still_opens():
    assert _workbook(to_xlsx_sheets([])).sheetnames == ["Sheet"]


def test_formula_like_texts_stay_text_in_csv_and_xlsx():
    import io

    import openpyxl

    from komplan.lib.tables import to_csv, to_xlsx

    rows = [['=HYPERLINK("http://evil.example","klik")', "+420 777", "@SUM(A1)", "ok", -5]]
    csv_text = to_csv(["a", "b", "c", "d", "e"], rows).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and "'+420 777" in csv_text and "'@SUM" in csv_text and ";-5" in csv_text
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(["a", "b", "c", "d", "e"], rows, "t"))).active
    assert [cell.value for cell in sheet[2]] == [
        '\'=HYPERLINK("http://evil.example","klik")',
        "'+420 777",
        "'@SUM(A1)",
        "ok",
        -5,
    ]
    assert all(cell.data_type != "f" for cell in sheet[2])
