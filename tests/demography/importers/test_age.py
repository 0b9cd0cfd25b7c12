"""ČSÚ open data by age and sex (long CSV) → AgeCount, on the hand-made fixtures in the real layout."""

from __future__ import annotations

import pytest
from django.utils import translation

from komplan.demography.importers.age import parse_age
from komplan.demography.importers.base import InputFile
from komplan.demography.models import AgeCount, DataSource
from komplan.territory.models import Territory

from .conftest import FIXTURES, messages

FIVE_YEAR = FIXTURES / "vek-5lete-slany.csv"
SINGLE_YEAR = FIXTURES / "vek-jednolete-kojetin.csv"


def variant(edit, name="vek.csv", source=FIVE_YEAR) -> InputFile:
    """The fixture's lines (header = line 1) changed by ``edit(lines)``."""
    lines = source.read_text(encoding="utf-8").splitlines()
    edit(lines)
    return InputFile(name, ("\n".join(lines) + "\n").encode())


def set_cell(lines, line, column, value):
    header = lines[0].split(",")
    cells = lines[line - 1].split(",")
    cells[header.index(column)] = value
    lines[line - 1] = ",".join(cells)


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("0 až 4 (včetně)", (0, 4)),
        ("95 a více", (95, None)),
        ("15 až 65 (více nebo rovno 15 a méně než 65)", (15, 64)),
        ("Od 100 (více nebo rovno 100)", (100, None)),
        ("7", (7, 7)),
        ("celkem", None),
    ],
)
def test_ages_come_from_the_text(text, ages):
    assert parse_age(text) == ages


def test_five_year_groups_of_a_municipality_and_its_orp(run):
    report = run("age", FIVE_YEAR)
    assert report.ok, messages(report)
    assert (report.created, report.years) == (2 * 2 * 20, [2024])  # Slaný and ORP Slaný, 31 Dec 2023
    slany = Territory.objects.get(level="municipality", code="532819")
    rows = AgeCount.objects.filter(territory=slany, sex="m").order_by("age_from")
    assert [(r.age_from, r.age_to) for r in rows][:2] == [(0, 4), (5, 9)] and rows.last().age_to is None
    assert rows.get(age_from=0).count == 311
    assert AgeCount.objects.filter(territory__level="orp", territory__code="2124").count() == 40
    assert DataSource.objects.get().record_count == 80


def test_single_years(run):
    report = run("age", SINGLE_YEAR)
    assert report.ok and report.created == 2 * 101 and report.years == [2023]
    assert AgeCount.objects.filter(sex="f", age_from=100, age_to=None).count() == 1


def test_importing_again_changes_nothing(run):
    assert run("age", FIVE_YEAR, SINGLE_YEAR).ok
    again = run("age", FIVE_YEAR, SINGLE_YEAR)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 80 + 202)


def assert_rejected(report, expected: str):
    assert not report.ok
    assert any(message.startswith(expected) for message in messages(report)), messages(report)
    assert not AgeCount.objects.exists() and not DataSource.objects.exists()


def test_an_unknown_territory(run):
    report = run("age", variant(lambda lines: set_cell(lines, 5, "vuzemi_kod", "999999")))
    assert_rejected(report, "vek.csv:5: vuzemi_kod: territory 999999 (Slaný) is not in the codelist 43")


def test_a_duplicate_row(run):
    report = run("age", variant(lambda lines: lines.insert(5, lines[4])))
    assert_rejected(report, "vek.csv:6: duplicate row: the same figure is on line 5")


def test_a_negative_count(run):
    report = run("age", variant(lambda lines: set_cell(lines, 5, "hodnota", "-318")))
    assert_rejected(report, "vek.csv:5: hodnota: '-318' is not a non-negative whole number of persons")


def test_problems_are_in_czech_by_default(run, settings):
    with translation.override(settings.LANGUAGE_CODE):  # the configured default, under the folder's English
        report = run("age", variant(lambda lines: set_cell(lines, 5, "hodnota", "-318")))
        assert_rejected(report, "vek.csv:5: hodnota: '-318' není nezáporný celý počet osob")


@pytest.mark.parametrize("text", ["121 až 125 (včetně)", "130 a více", "9 až 4 (včetně)"])
def test_ages_out_of_range(run, text):
    report = run("age", variant(lambda lines: set_cell(lines, 5, "vek_txt", text)))
    assert_rejected(report, f"vek.csv:5: vek_txt: ages '{text}' are out of the range 0–120")


def test_sexes_that_do_not_add_up_to_both_sexes(run):
    def move_one_person(lines):  # women 0–4 one more, women 5–9 one fewer: the women's total still holds
        set_cell(lines, 7, "hodnota", "480")
        set_cell(lines, 10, "hodnota", str(int(lines[9].split(",")[1]) - 1))

    report = run("age", variant(move_one_person))
    assert_rejected(report, "vek.csv:5: hodnota: territory 532819, 2024: men and women add up to 791, not 790")


def test_ages_that_do_not_add_up_to_the_sex_total(run):
    report = run("age", variant(lambda lines: set_cell(lines, 3, "hodnota", "8751")))
    assert_rejected(report, "vek.csv:3: hodnota: territory 532819, 2024: the age groups add up to 8750, not 8751")


def test_sex_totals_that_do_not_add_up_to_the_total(run):
    report = run("age", variant(lambda lines: set_cell(lines, 2, "hodnota", "18861")))
    assert_rejected(report, "vek.csv:2: hodnota: territory 532819, 2024: men and women add up to 18860, not 18861")


def test_a_gap_between_age_groups(run):
    def drop(lines):
        del lines[7:10]  # the three rows of 5–9

    assert_rejected(run("age", variant(drop)), "vek.csv:9: vek_txt: territory 532819, 2024: age group from 10")


def test_overlapping_age_groups(run):
    report = run("age", variant(lambda lines: [set_cell(lines, n, "vek_txt", "3 až 9 (včetně)") for n in (8, 9, 10)]))
    assert_rejected(report, "vek.csv:9: vek_txt: territory 532819, 2024: age group from 3 overlaps")


def test_one_sex_missing(run):
    report = run("age", variant(lambda lines: lines.__setitem__(slice(1, None), [
        line for line in lines[1:] if ",102,2," not in line and ",43,532819," in line])))  # fmt: skip
    assert_rejected(report, "vek.csv:2: pohlavi_kod: territory 532819, 2024: rows by age are needed for both")


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("pohlavi_kod", "3", "unknown sex code '3' (1 men, 2 women)"),
        ("casref_do", "2023-06-30", "'2023-06-30' is not a date on 31 December or 1 January"),
        ("vuzemi_cis", "44", "unknown territorial codelist '44'"),
        ("vek_txt", "nevím", "'nevím' is not an age or an age group"),
        ("stapro_kod", "9999", "the file mixes indicators: 9999 here, 2406 on line 2"),
    ],
)
def test_other_bad_fields(run, column, value, reason):
    report = run("age", variant(lambda lines: set_cell(lines, 5, column, value)))
    assert_rejected(report, f"vek.csv:5: {column}: {reason}")


def test_a_wrong_header(run):
    report = run("age", variant(lambda lines: lines.__setitem__(0, lines[0].replace("vuzemi_kod", "uzemi_kod"))))
    assert_rejected(report, "vek.csv:1: the header is not the ČSÚ layout idhod,hodnota")


def test_the_broken_fixture_names_every_problem(run):
    report = run("age", FIXTURES / "vek-chybny.csv")
    found = "\n".join(messages(report))
    assert "vek-chybny.csv:72: hodnota: '-3' is not a non-negative whole number" in found
    assert "vek-chybny.csv:128: vuzemi_kod: territory 999999 (Slaný) is not in the codelist 43" in found
    assert "vek-chybny.csv:5: hodnota: territory 532819, 2024: men and women add up to 797, not 790" in found
    assert "vek-chybny.csv:3: hodnota: territory 532819, 2024: the age groups add up to 8757, not 8750" in found
    assert len(messages(report)) == 4  # the ORP's sums are not checked: one of its rows is unusable
    assert not AgeCount.objects.exists()


def test_one_bad_file_stops_the_good_one(run):
    report = run("age", SINGLE_YEAR, FIXTURES / "vek-chybny.csv")
    assert not report.ok and not AgeCount.objects.exists()


def test_a_coordinator_imports_only_the_planning_area(run):
    slany = Territory.objects.get(level="municipality", code="532819")
    report = run("age", FIVE_YEAR, allowed_territories=frozenset({slany.pk}))
    assert not report.ok
    assert messages(report)[0].startswith("vek-5lete-slany.csv:65: vuzemi_kod: Slaný (2124) is outside the planning")
