"""The action plan and the project store as PDF (Typst, no warnings, Czech text) and XLSX columns."""

from __future__ import annotations

import io
import shutil
import subprocess

import openpyxl
import pytest

from komplan.strategy import outputs, querysets
from komplan.strategy.models import Cost, Indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(process, tree):
    activity = tree["a211"]
    activity.responsible_organisation = "Pečovatelská služba Slaný"
    activity.partners = "Město Slaný\nCharita"
    activity.save()
    activity.plan_years.create(year=2008)
    Cost.objects.create(activity=activity, year=2008, amount=250000)
    Cost.objects.create(activity=activity, year=2008, amount=50000)
    Indicator.objects.create(activity=activity, name="Klienti", unit="osob", target_value=12)
    return activity


def test_rows_have_the_columns_of_the_domain(process, planned):
    row = outputs.action_plan_rows(querysets.action_plan(process, 2008))[0]
    assert len(row["cells"]) == len(outputs.columns()) == 11
    number, title, _description, _groups, responsible, partners, _term, costs, _sources, indicators, _s = row["cells"]
    assert (number, title) == ("2.1.1", "Pečovatelská služba o víkendech")
    assert responsible == "Pečovatelská služba Slaný" and partners == "Město Slaný; Charita"
    assert costs.startswith("2008: 300") and indicators == "Klienti: 12 osob"


def test_pdf_renders_without_warnings(process, planned):
    rows = outputs.action_plan_rows(querysets.action_plan(process, 2008))
    pdf, warnings = outputs.compile_table(outputs.table_data(process, "Akční plán na rok 2008", rows))
    assert pdf.startswith(b"%PDF") and warnings == []
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
        assert "Pečovatelská služba" in " ".join(text.split()) and "2.1.1" in text and "300 000" in text
    empty, warnings = outputs.compile_table(outputs.table_data(process, "Zásobník projektů", []))
    assert empty.startswith(b"%PDF") and warnings == []


def test_pdf_and_xlsx_downloads(client, process, planned):
    process.is_public = True
    process.save()
    pdf = client.get("/slany/akcni-plan/2008/akcni-plan.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    store = client.get("/slany/zasobnik-projektu/zasobnik-projektu.pdf")
    assert store.status_code == 200 and store.content.startswith(b"%PDF")
    xlsx = client.get("/slany/zasobnik-projektu/zasobnik-projektu.xlsx")
    header = next(openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert len(header) == 11
