"""The XLSX/CSV template import: validation with line and column, all or nothing, idempotent."""

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from komplan.directory.models import Service
from komplan.directory.spreadsheet import COLUMNS, SpreadsheetError, import_spreadsheet, template_xlsx

pytestmark = pytest.mark.django_db

HEADER = ";".join(
    [
        "provider_name",
        "ico",
        "service_name",
        "service_type",
        "target_groups",
        "capacity_ter",
        "unit_ter",
        "capacity_pob",
        "unit_pob",
        "area_served",
        "municipality",
        "street",
        "house_number",
    ]
)
ROW_1 = "Charita Test (ukázka);12345678;Pečovatelská služba Test;4;24;60;klient;;;532819;532819;Masarykova;1"
ROW_2 = "Charita Test (ukázka);12345678;Odlehčovací služba Test;8;24;10;klient;6;luzka;532819;532819;Masarykova;1"


def _csv(*rows):
    return "\n".join([HEADER, *rows]).encode("utf-8")


def test_a_csv_creates_services_with_capacity_per_form():
    report = import_spreadsheet("sluzby.csv", _csv(ROW_1, ROW_2))
    assert (report.created, report.rejected) == (2, [])
    respite = Service.objects.get(name="Odlehčovací služba Test")
    capacities = {(f.form.code, c.capacity_type.code, c.count) for f in respite.forms.all() for c in f.capacities.all()}
    assert capacities == {("ter", "klient", 10), ("pob", "luzka", 6)}
    assert respite.organization.ico == "12345678"


def test_importing_twice_reports_unchanged():
    import_spreadsheet("sluzby.csv", _csv(ROW_1, ROW_2))
    report = import_spreadsheet("sluzby.csv", _csv(ROW_1, ROW_2))
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    changed = ROW_1.replace(";60;", ";70;")
    assert import_spreadsheet("sluzby.csv", _csv(changed, ROW_2)).updated == 1


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        (ROW_1.replace("12345678", "1234"), "ico", "8 digits"),
        (ROW_1.replace(";4;24;", ";99;24;"), "service_type", "unknown"),
        (ROW_1.replace(";60;klient;", ";60;;"), "unit_ter", "needs its unit"),
        (ROW_1.replace(";532819;532819;", ";999999;532819;"), "area_served", "no municipality"),
        (ROW_1.replace("Charita Test (ukázka)", ""), "provider_name", "required"),
    ],
)
def test_bad_rows_are_reported_with_line_and_column_and_nothing_is_written(row, column, reason):
    report = import_spreadsheet("sluzby.csv", _csv(ROW_2, row))
    assert [(p.line, p.column) for p in report.rejected] == [(3, column)]
    assert reason in report.rejected[0].reason
    assert not Service.objects.filter(name__endswith="Test").exists()


def test_unreadable_files_are_refused_with_a_reason():
    with pytest.raises(SpreadsheetError, match="not an .xlsx or .csv"):
        import_spreadsheet("sluzby.png", b"\x89PNG")
    with pytest.raises(SpreadsheetError, match="not a readable xlsx"):
        import_spreadsheet("sluzby.xlsx", b"not a zip")
    with pytest.raises(SpreadsheetError, match="missing column"):
        import_spreadsheet("sluzby.csv", b"name;ico\nx;1")
    with pytest.raises(SpreadsheetError, match="unknown column"):
        import_spreadsheet("sluzby.csv", b"provider_name;service_name;color\na;b;c")


def test_the_template_round_trips_through_xlsx():
    workbook = openpyxl.load_workbook(io.BytesIO(template_xlsx()))
    sheet = workbook["sluzby"]
    assert [cell.value for cell in sheet[1]] == [column for column, _help in COLUMNS]
    values = dict(zip(HEADER.split(";"), ROW_1.split(";"), strict=True))
    sheet.append([values.get(column, "") for column, _help in COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert import_spreadsheet("sluzby.xlsx", buffer.getvalue()).created == 1
    assert workbook["ciselniky"].max_row > 80


def test_the_command_reports_and_refuses(tmp_path, capsys):
    good = tmp_path / "sluzby.csv"
    good.write_bytes(_csv(ROW_1))
    call_command("import_services", str(good), "--dry-run")
    assert "Dry run" in capsys.readouterr().out and not Service.objects.filter(name__endswith="Test").exists()
    call_command("import_services", str(good))
    assert "1 created" in capsys.readouterr().out
    bad = tmp_path / "spatne.csv"
    bad.write_bytes(_csv(ROW_1.replace("12345678", "12")))
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("import_services", str(bad))
    with pytest.raises(CommandError, match="file not found"):
        call_command("import_services", str(tmp_path / "missing.csv"))


def test_the_template_help_is_in_the_active_language():
    from django.utils import translation

    with translation.override("cs"):
        help_rows = [row for row in openpyxl.load_workbook(io.BytesIO(template_xlsx()))["napoveda"].values]
    assert ("provider_name", "Název poskytovatele (povinné)") in help_rows
    assert ("capacity_pob", "Registrovaná kapacita formy pob") in help_rows
    with translation.override("en"):
        help_rows = [row for row in openpyxl.load_workbook(io.BytesIO(template_xlsx()))["napoveda"].values]
    assert ("provider_name", "Provider name (required)") in help_rows
