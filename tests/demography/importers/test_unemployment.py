"""Share of unemployed persons by municipality (CSV, year given) → Observation, on the real file."""

from __future__ import annotations

import pytest

from komplan.demography.importers.base import ImportFailure, InputFile
from komplan.demography.models import Observation

from .conftest import UNEMPLOYMENT, messages


def share(code: str) -> float:
    return Observation.objects.get(
        territory__level="municipality", territory__code=code, indicator="unemployment_share", year=2017
    ).value


def test_the_real_file(run):
    report = run("unemployment", UNEMPLOYMENT, year=2017)
    assert report.ok and report.created == 6_258 and report.years == [2017]
    assert (share("532819"), share("511382"), share("514055")) == (4.843, 6.842, 6.31)
    again = run("unemployment", UNEMPLOYMENT, year=2017)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 6_258)


def test_the_year_is_required(run):
    with pytest.raises(ImportFailure, match="year of the figures is required"):
        run("unemployment", UNEMPLOYMENT)


def small(*rows: str) -> InputFile:
    return InputFile("nez.csv", ('"","uzemi_kod","hodnota"\n' + "\n".join(rows) + "\n").encode())


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (['"1",532819,104.2'], "nez.csv:2: hodnota: '104.2' is not a share from 0 to 100"),
        (['"1",532819,-1'], "nez.csv:2: hodnota: '-1' is not a share from 0 to 100"),
        (['"1",999999,4.2'], "nez.csv:2: uzemi_kod: municipality '999999' is not in the codelist"),
        (['"1",532819,4.2', '"2",532819,4.3'], "nez.csv:3: uzemi_kod: municipality 532819 is listed twice"),
    ],
)
def test_bad_rows(run, rows, expected):
    report = run("unemployment", small(*rows), year=2017)
    assert messages(report)[0].startswith(expected)
    assert not Observation.objects.exists()


def test_missing_values_are_skipped_with_a_warning(run):
    report = run("unemployment", small('"1",532819,NA', '"2",511382,6.842'), year=2017)
    assert (
        report.ok
        and report.created == 1
        and str(report.warnings[0]) == "nez.csv:2: hodnota: no value; the row is skipped"
    )


def test_a_wrong_header(run):
    report = run("unemployment", InputFile("nez.csv", b"kod,podil\n532819,4.2\n"), year=2017)
    assert messages(report) == ["nez.csv:1: the header needs the columns uzemi_kod and hodnota"]
