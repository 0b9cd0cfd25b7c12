"""`komplan import-population`: exit codes, the one-line summary, problems on stderr, never a traceback.

The texts are asserted in English (the folder's conftest); `komplan` itself speaks the configured language,
Czech, which the last test checks."""

from __future__ import annotations

import pytest
from django.utils import translation

from komplan.demography.models import AgeCount, DataSource, PopulationCount

from .conftest import FIXTURES, MUNICIPAL, UNEMPLOYMENT


@pytest.fixture
def cli(komplan_cli):
    """cli(*args) → (exit code, stdout, stderr) of `komplan import-population …`."""
    return lambda *args: komplan_cli("import-population", *args)


def test_success_prints_one_summary_line(cli):
    code, out, err = cli("municipal", MUNICIPAL / "population_2023.xlsx", MUNICIPAL / "population_2024.xlsx")
    assert code == 0 and not err
    assert out == "municipal: 12516 created, 0 updated, 0 unchanged; years 2023–2024.\n"
    assert PopulationCount.objects.count() == 12_516 and DataSource.objects.count() == 2


def test_a_dry_run_says_so_and_writes_nothing(cli):
    code, out, _err = cli("age", FIXTURES / "vek-5lete-slany.csv", "--dry-run")
    assert code == 0 and out.startswith("Dry run (nothing written): age: 80 created")
    assert not AgeCount.objects.exists() and not DataSource.objects.exists()


def test_problems_go_to_stderr_with_a_non_zero_exit(cli):
    code, out, err = cli("age", FIXTURES / "vek-5lete-slany.csv", FIXTURES / "vek-chybny.csv")
    assert code == 1 and not out and "Traceback" not in err
    lines = err.splitlines()
    assert "vek-chybny.csv:72: hodnota: '-3' is not a non-negative whole number of persons" in lines
    assert lines[-1] == "CommandError: 4 problems; nothing was written"
    assert not AgeCount.objects.exists()


def test_warnings_are_shown_on_success(cli):
    code, out, err = cli("municipal", MUNICIPAL / "population_2015.xlsx")
    assert code == 0 and "years 2015; 1 warning" in out
    assert err.startswith("warning: population_2015.xlsx:") and "Brdy (539996)" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("unemployment", UNEMPLOYMENT), "the year of the figures is required"),
        (("unemployment", UNEMPLOYMENT, "--year", "1800"), "the year must be from 1950 to 2100"),
        (("municipal", "/nonexistent/population_2024.xlsx"), "No such file or directory"),
        (("municipal", MUNICIPAL / "population_2024.xlsx", MUNICIPAL / "population_2024.xlsx"), "given twice"),
    ],
)
def test_runs_that_cannot_start_exit_with_one_line(cli, args, message):
    code, _out, err = cli(*args)
    assert code == 1 and "Traceback" not in err and message in err and len(err.strip().splitlines()) == 1


def test_an_unknown_kind_is_a_usage_error(cli):
    code, _out, err = cli("census", "x.csv")
    assert code == 2 and "invalid choice: 'census'" in err


def test_the_command_speaks_czech_by_default(cli, settings):
    with translation.override(settings.LANGUAGE_CODE):  # what `komplan` runs in, under the folder's English
        code, out, err = cli("age", FIXTURES / "vek-5lete-slany.csv", "--dry-run")
        assert code == 0 and not err
        assert out.startswith(
            "Zkušební běh (nic nebylo zapsáno): age: nově vytvořeno 80, aktualizováno 0, beze změny 0"
        )
        code, out, err = cli("age", FIXTURES / "vek-5lete-slany.csv", FIXTURES / "vek-chybny.csv")
        assert code == 1 and not out and "Traceback" not in err
        assert "vek-chybny.csv:72: hodnota: '-3' není nezáporný celý počet osob" in err.splitlines()
        assert err.splitlines()[-1] == "CommandError: 4 chyby; nic nebylo zapsáno"
        code, _out, err = cli("unemployment", UNEMPLOYMENT, "--year", "1800")
        assert code == 1 and "Traceback" not in err
        assert err == "CommandError: rok musí být v rozmezí 1950 až 2100\n"
    assert not AgeCount.objects.exists()
