"""ČSÚ VDB exports → Observation, on the real files (DEMZU02-a, DEMDCR1V, DEMD007M-ABS)."""

from __future__ import annotations

import functools
import io
import warnings

import pytest

from komplan.demography.importers.base import InputFile
from komplan.demography.models import Observation

from .conftest import MUNICIPAL, VDB, messages

ALL = sorted(VDB.glob("*.xlsx"))
STATE_2023 = VDB / "stav_cr_23 (DEMZU02-a).xlsx"


def value(territory: str, indicator: str, year: int, month: int = 0) -> float:
    level = "country" if territory == "CZ" else "kraj"
    return Observation.objects.get(
        territory__level=level, territory__code=territory, indicator=indicator, year=year, month=month
    ).value


def test_every_real_export_in_one_run(run):
    report = run("vdb", *ALL)
    assert report.ok, messages(report)[:5]
    assert len(ALL) == 28 and report.years[0] == 1947 and report.years[-1] == 2025
    assert value("CZ", "population_end", 2023) == 10_900_555
    assert value("3018", "immigrants", 2023) == 67_699  # Hlavní město Praha
    assert value("3018", "net_migration", 2023) == 67_699 - 40_656
    assert value("CZ", "aged_80_plus", 2023) == 491_972 and round(value("CZ", "mean_age", 2023), 2) == 42.80
    assert value("CZ", "economic_dependency", 1991) > 0
    assert value("3123", "deaths", 2011, month=1) == 578  # Olomoucký kraj, January
    assert not Observation.objects.filter(indicator="immigrants_abroad", year=2000).exists()  # "." in 2000
    assert (
        Observation.objects.filter(indicator="deaths", month__gt=0, territory__level="kraj")
        .values("territory")
        .distinct()
        .count()
        == 14
    )


def test_importing_again_changes_nothing(run):
    first = run("vdb", STATE_2023)
    assert first.ok and first.created == 15 * 14 and first.years == [2023]
    again = run("vdb", STATE_2023)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 15 * 14)


@functools.cache
def _bytes(path):
    return path.read_bytes()


def edited(path, edits: dict[str, object], name="stav.xlsx") -> InputFile:
    import openpyxl

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Workbook contains no default style", UserWarning)
        workbook = openpyxl.load_workbook(io.BytesIO(_bytes(path)))
    sheet = workbook["DATA"]
    for cell, new in edits.items():
        sheet[cell] = new
    buffer = io.BytesIO()
    workbook.save(buffer)
    return InputFile(name, buffer.getvalue())


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        (
            {"B10": "Jihočeský krajíček"},
            "stav.xlsx:10: B: 'Jihočeský krajíček' is neither the Czech Republic nor a kraj",
        ),
        ({"C10": -5}, "stav.xlsx:10: C: -5 is not a non-negative whole number"),
        ({"E10": "hodně"}, "stav.xlsx:10: E: 'hodně' is not a non-negative whole number"),
        ({"K10": 1}, "stav.xlsx:10: K: 1 is not 5349 − 6939"),
        ({"P10": 1}, "stav.xlsx:10: P: 1 is not 11412 − 7620"),
        ({"B22": "Kód: DEMXX99/1"}, "stav.xlsx: unknown VDB table DEMXX99 (Základní údaje o stavu a pohybu obyvatel)"),
        ({"I6": "Úmrtí"}, "stav.xlsx:6: I: the column heading 'Úmrtí' is not the expected 'zemřelí'"),
    ],
)
def test_bad_cells_are_reported_and_nothing_is_written(run, edits, expected):
    report = run("vdb", VDB / "stav_cr_22 (DEMZU02-a).xlsx", edited(STATE_2023, edits))
    assert any(message.startswith(expected) for message in messages(report)), messages(report)
    assert not Observation.objects.exists()


def test_the_same_figures_twice_are_rejected(run):
    report = run("vdb", STATE_2023, edited(STATE_2023, {}, name="kopie.xlsx"))
    assert not report.ok and "is already given in stav_cr_23 (DEMZU02-a).xlsx, line 7" in messages(report)[0]


def test_age_groups_that_do_not_add_up(run):
    report = run("vdb", edited(VDB / "vekove_slozeni (DEMDCR1V).xlsx", {"D8": 1}, name="vek.xlsx"))
    assert messages(report)[0].startswith("vek.xlsx:8: C: the age groups 0–14, 15–64 and 65+ add up to")


def test_deaths_by_age_group_are_refused(run):
    report = run("vdb", edited(VDB / "umrtnost_cr (DEMD007M-ABS).xlsx", {"B5": "Věk: 65+"}, name="umrti.xlsx"))
    assert messages(report) == ["umrti.xlsx:5: B: only deaths of all ages (“Věk: celkem”) can be imported"]


def test_a_table_of_another_kind_is_an_unknown_table(run):
    report = run("vdb", MUNICIPAL / "population_2024.xlsx")
    assert messages(report)[0].startswith("population_2024.xlsx: unknown VDB table ? (")
    assert "known tables: DEMZU02-a, DEMDCR1V, DEMD007M-ABS" in messages(report)[0]
