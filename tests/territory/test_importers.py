"""The territorial codelists load from the real ČSÚ files; broken files leave the database unchanged."""

import shutil

import pytest

from komplan.territory.importers import DATA_DIR, TerritoryImportError, load_territories
from komplan.territory.models import Territory

pytestmark = pytest.mark.django_db


def test_it_loads_every_municipality_with_its_orp_pou_okres_and_kraj(territories):
    assert territories.filter(level="municipality").count() == 6258
    assert territories.filter(level="orp").count() == 206
    assert territories.filter(level="okres").count() == 77
    assert territories.filter(level="kraj").count() == 14
    kojetin = territories.get(level="municipality", code="514055")
    assert (kojetin.orp.code, kojetin.pou.code, kojetin.okres.code, kojetin.kraj.code) == (
        "7109",
        "71091",
        "40801",
        "3123",
    )


def test_two_municipalities_named_kojetin_stay_apart(territories):
    kojetins = territories.filter(level="municipality", name="Kojetín").with_parents()
    assert {(k.code, k.orp.code) for k in kojetins} == {("514055", "7109"), ("568881", "6102")}


def test_kraj_of_an_orp_is_derived_through_okres(territories):
    assert territories.get(level="orp", code="7109").kraj.name == "Olomoucký kraj"
    assert territories.get(level="orp", code="2124").kraj.code == "3026"


def test_populations_of_2024_are_attached_and_summed(territories):
    slany = territories.get(level="municipality", code="532819")
    assert slany.population == 16740 and slany.population_date.isoformat() == "2024-01-01"
    assert territories.get(level="municipality", code="511382").population == 41661
    orp = territories.get(level="orp", code="7109")
    assert orp.population == sum(territories.filter(level="municipality", orp=orp).values_list("population", flat=True))


def test_codes_shared_by_kraj_and_orp_are_distinct_territories(territories):
    assert set(territories.filter(code="3107").values_list("level", flat=True)) == {"kraj", "orp"}


def test_loading_again_changes_nothing(territories):
    report = load_territories()
    assert sum(report.created.values()) == 0 and sum(report.updated.values()) == 0
    assert report.unchanged == territories.count()


def _copy_data(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def _break(path, line_no, new_line):
    lines = path.read_bytes().decode("cp1250").splitlines()
    lines[line_no - 1] = new_line
    path.write_bytes("\r\n".join(lines).encode("cp1250"))


def test_a_malformed_row_stops_the_load_with_file_and_line_and_keeps_the_database(tmp_path, territories):
    data = _copy_data(tmp_path)
    _break(
        data / "VAZ0043_0065_CS.csv",
        5,
        '"CS";"Odvozená vazba";"CISOB";43;"5000X9";"Obec";"CISORP";65;"7213";"Zlín"',
    )
    Territory.objects.filter(level="municipality", code="532819").update(name="Slaný (před importem)")
    with pytest.raises(TerritoryImportError) as exc:
        load_territories(data)
    assert any("VAZ0043_0065_CS.csv, line 5" in e and "5000X9" in e for e in exc.value.errors)
    assert Territory.objects.get(level="municipality", code="532819").name == "Slaný (před importem)"


def test_a_missing_file_is_reported_by_name(tmp_path, territories):
    data = _copy_data(tmp_path)
    (data / "CIS0100_CS.csv").unlink()
    with pytest.raises(TerritoryImportError) as exc:
        load_territories(data)
    assert "CIS0100_CS.csv: file not found" in exc.value.errors


def test_a_file_with_wrong_columns_is_reported(tmp_path, territories):
    data = _copy_data(tmp_path)
    (data / "CIS0101_CS.csv").write_bytes("KOD;NAZEV\r\n1;x\r\n".encode("cp1250"))
    with pytest.raises(TerritoryImportError) as exc:
        load_territories(data)
    assert any(e.startswith("CIS0101_CS.csv, line 1: missing column") for e in exc.value.errors)


def test_a_file_in_the_wrong_encoding_is_reported(tmp_path, territories):
    data = _copy_data(tmp_path)
    (data / "CIS0100_CS.csv").write_bytes(b"\x81\x83\x88\x90\x98")
    with pytest.raises(TerritoryImportError) as exc:
        load_territories(data)
    assert any("CIS0100_CS.csv: is not CP1250 text" in e for e in exc.value.errors)


def test_a_municipality_without_orp_is_reported(tmp_path, territories):
    data = _copy_data(tmp_path)
    path = data / "VAZ0043_0065_CS.csv"
    lines = path.read_bytes().decode("cp1250").splitlines()
    slany_line = next(i for i, line in enumerate(lines) if '"532819"' in line)
    del lines[slany_line]
    path.write_bytes("\r\n".join(lines).encode("cp1250"))
    with pytest.raises(TerritoryImportError) as exc:
        load_territories(data)
    assert any("municipality 532819: has no ORP" in e for e in exc.value.errors)


def test_a_broken_population_table_is_reported(tmp_path, territories):
    data = _copy_data(tmp_path)
    (data / "population_2024.xlsx").write_bytes(b"not a workbook")
    with pytest.raises(TerritoryImportError) as exc:
        load_territories(data)
    assert any("population_2024.xlsx: is not a readable xlsx" in e for e in exc.value.errors)


def test_the_command_reports_problems_without_a_traceback(tmp_path, territories):
    from django.core.management import CommandError, call_command

    data = _copy_data(tmp_path)
    (data / "CIS0100_CS.csv").unlink()
    with pytest.raises(CommandError, match="database is unchanged"):
        call_command("load_territories", dir=data)
