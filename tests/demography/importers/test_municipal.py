"""ČSÚ "Počet obyvatel v obcích k 1. 1." → PopulationCount, on the real tables 2004–2024."""

from __future__ import annotations

import csv
import functools
import io

import pytest

from komplan.demography.importers.base import InputFile
from komplan.demography.importers.municipal import CODELIST_YEAR, HISTORIC_MUNICIPALITIES
from komplan.demography.models import DataSource, PopulationCount

from .conftest import MUNICIPAL, ROOT, messages

YEARS = range(2004, 2025)
# Codes of the tables that today's codelist lacks, per year (read from the files; see HISTORIC_MUNICIPALITIES).
HISTORIC_ROWS = {2004: 4, 2005: 3, 2006: 3, 2007: 2, 2008: 2} | dict.fromkeys(range(2009, 2016), 1)


def count(code: str, year: int) -> PopulationCount:
    return PopulationCount.objects.get(territory__level="municipality", territory__code=code, year=year)


@pytest.mark.slow
def test_all_21_real_tables_in_one_run(run):
    report = run("municipal", *(MUNICIPAL / f"population_{year}.xlsx" for year in YEARS))
    assert report.ok, messages(report)[:5]
    assert report.years == list(YEARS)
    assert report.warning_count == sum(HISTORIC_ROWS.values())
    assert PopulationCount.objects.count() == report.created == 131_325 - sum(HISTORIC_ROWS.values())
    assert (count("532819", 2024).total, count("511382", 2024).total, count("514055", 2024).total) == (
        16_740,
        41_661,
        5_790,
    )
    slany = count("532819", 2024)
    assert slany.men + slany.women == slany.total and 35 < slany.mean_age < 50
    assert slany.mean_age_men < slany.mean_age < slany.mean_age_women
    assert count("532819", 2004).total > 0  # the oldest table, with the older okres codes
    sources = DataSource.objects.filter(kind="csu_municipal")
    assert sources.count() == 21 and sources.get(name="population_2024.xlsx").record_count == 6_258


@functools.cache
def _workbook_bytes(year: int) -> bytes:
    return (MUNICIPAL / f"population_{year}.xlsx").read_bytes()


@functools.cache
def _workbook(year: int):
    """The real table of ``year`` loaded for editing, once per module: loading it takes a second or two."""
    import openpyxl

    return openpyxl.load_workbook(io.BytesIO(_workbook_bytes(year)))


def edited(year: int, edits: dict[str, object], name: str | None = None) -> InputFile:
    """The real table of ``year`` with some cells changed (e.g. {"D500": -1}); the shared workbook gets its
    original values back once the edited copy is saved."""
    workbook = _workbook(year)
    sheet = workbook.worksheets[0]
    originals = {cell: sheet[cell].value for cell in edits}
    try:
        for cell, value in edits.items():
            sheet[cell] = value
        buffer = io.BytesIO()
        workbook.save(buffer)
    finally:
        for cell, value in originals.items():
            sheet[cell] = value
    return InputFile(name or f"population_{year}.xlsx", buffer.getvalue())


@functools.cache
def line_of(year: int, code: str) -> int:
    from komplan.lib.csu_population import read_rows

    return next(row.line for row in read_rows(MUNICIPAL / f"population_{year}.xlsx")[1] if row.code == code)


def test_one_table_then_again_is_idempotent(run):
    first = run("municipal", MUNICIPAL / "population_2024.xlsx")
    assert first.ok and first.created == 6_258 and first.years == [2024] and not first.warning_count
    again = run("municipal", MUNICIPAL / "population_2024.xlsx")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 6_258)
    assert PopulationCount.objects.count() == 6_258
    assert DataSource.objects.count() == 2  # every import is recorded, even one that changed nothing


def test_a_changed_figure_updates_one_row_and_other_years_stay(run):
    assert run("municipal", MUNICIPAL / "population_2023.xlsx").ok
    assert run("municipal", MUNICIPAL / "population_2024.xlsx").ok
    line = line_of(2024, "532819")
    report = run("municipal", edited(2024, {f"D{line}": 16_741, f"E{line}": count("532819", 2024).men + 1}))
    assert report.ok and (report.created, report.updated, report.unchanged) == (0, 1, 6_257)
    assert count("532819", 2024).total == 16_741
    assert PopulationCount.objects.filter(year=2023).count() == 6_258  # another year is never deleted


def test_a_dry_run_writes_nothing(run):
    report = run("municipal", MUNICIPAL / "population_2024.xlsx", dry_run=True)
    assert report.ok and report.created == 6_258
    assert not PopulationCount.objects.exists() and not DataSource.objects.exists()


@pytest.mark.parametrize(
    ("edit", "field", "reason"),
    [
        ({"B{line}": "999999"}, "B (kód obce)", "municipality 999999 (Slaný) is not in the codelist"),
        ({"D{line}": -16740}, "D (celkem)", "is not a non-negative whole number"),
        ({"E{line}": 5.5}, "E (muži)", "is not a non-negative whole number"),
        ({"F{line}": 1}, "D (celkem)", "do not add up to the total (16740)"),
        ({"G{line}": 130}, "G (průměrný věk celkem)", "is not a number from 0 to 120"),
        ({"I{line}": "stará"}, "I (průměrný věk ženy)", "is not a number from 0 to 120"),
    ],
)
def test_bad_rows_are_reported_at_file_line_and_field_and_nothing_is_written(run, edit, field, reason):
    line = line_of(2024, "532819")
    file = edited(2024, {cell.format(line=line): value for cell, value in edit.items()})
    report = run("municipal", MUNICIPAL / "population_2023.xlsx", file)
    assert not report.ok
    assert any(m.startswith(f"population_2024.xlsx:{line}: {field}: ") and reason in m for m in messages(report))
    assert not PopulationCount.objects.exists() and not DataSource.objects.exists()  # nor the good 2023 table


def test_a_duplicate_municipality_is_rejected(run):
    slany, kladno = line_of(2024, "532819"), line_of(2024, "532053")
    report = run("municipal", edited(2024, {f"B{kladno}": "532819"}))
    later, earlier = max(slany, kladno), min(slany, kladno)
    assert f"population_2024.xlsx:{later}: B (kód obce): municipality 532819 is listed twice for 2024 " in "\n".join(
        messages(report)
    )
    assert f"also on line {earlier}" in messages(report)[0]
    assert not PopulationCount.objects.exists()


def test_the_same_year_twice_is_rejected(run):
    report = run("municipal", MUNICIPAL / "population_2024.xlsx", edited(2024, {}, name="kopie.xlsx"))
    assert messages(report) == [
        "kopie.xlsx:1: A1 (nadpis): the population on 1 January 2024 was given twice (also in population_2024.xlsx)"
    ]


def test_historic_codes_before_2016_are_skipped_with_a_warning(run):
    report = run("municipal", MUNICIPAL / "population_2004.xlsx")
    assert report.ok and report.created == 6_249 - 4
    assert sorted(w.message.split(" ")[0] for w in report.warnings) == ["Brdy", "Hostovice", "Nemíž", "Častolovice"]
    assert str(report.warnings[0]).startswith("population_2004.xlsx:")


def test_a_typo_in_a_current_table_is_an_error_even_with_allow_historic(run):
    line = line_of(2024, "532819")
    report = run("municipal", edited(2024, {f"B{line}": "532818"}), allow_historic=True)
    reason = "municipality 532818 (Slaný) is not in the codelist of municipalities"
    assert messages(report) == [f"population_2024.xlsx:{line}: B (kód obce): {reason}"]


def test_an_unknown_code_in_an_old_table_is_an_error_unless_allowed(run):
    line = line_of(2010, "532819")
    file = edited(2010, {f"B{line}": "532818"})
    assert not run("municipal", file).ok
    report = run("municipal", file, allow_historic=True)
    assert report.ok and any("532818" in str(w) and "former municipality" in str(w) for w in report.warnings)


def test_a_known_historic_code_after_its_last_year_is_an_error(run):
    line = line_of(2024, "532819")
    report = run("municipal", edited(2024, {f"B{line}": "539996", f"C{line}": "Brdy"}))
    assert not report.ok and "539996" in messages(report)[0]


def test_the_codelist_year_matches_the_shipped_codelist():
    path = ROOT / "komplan" / "territory" / "data" / "CIS0043_CS.csv"
    with path.open(encoding="cp1250") as handle:
        years = {int(row["ADMPLOD"][-4:]) for row in csv.DictReader(handle, delimiter=";")}
    assert max(years) == CODELIST_YEAR
    assert all(last < CODELIST_YEAR for _name, last in HISTORIC_MUNICIPALITIES.values())


def test_the_csv_history_layout_is_read_too(run):
    text = (
        "year,district,code,name,total,men,women,mean_age,mean_age_men,mean_age_women\n"
        "2004,CZ0211,530255,Nemíž,33,17,16,40.1,39.0,41.2\n"
        "2004,CZ0203,532819,Slaný,15044,7290,7754,39.9,38.3,41.4\n"
        "2024,CZ0203,532819,Slaný,16740,8151,8589,42.1,40.6,43.6\n"
    )
    report = run("municipal", InputFile("historie.csv", text.encode()))
    assert report.ok and report.created == 2 and report.years == [2004, 2024]
    assert [str(w).split(": ")[0] for w in report.warnings] == ["historie.csv:2", "historie.csv"]  # Nemíž; the rest
    assert count("532819", 2004).total == 15_044


def test_the_shipped_history_imports_if_present(run):
    path = ROOT / "komplan" / "demography" / "data" / "csu-obyvatele-obci-2004-2024.csv.gz"
    if not path.exists():
        pytest.skip("the shipped history is not in this checkout")
    report = run("municipal", path, dry_run=True)
    assert report.ok and report.created == 131_325 - sum(HISTORIC_ROWS.values())


def test_a_file_that_is_not_a_workbook_is_an_error(run):
    report = run("municipal", InputFile("population_2024.xlsx", b"PK\x03\x04 broken"))
    assert messages(report) == ["population_2024.xlsx: is not a readable xlsx workbook"]
