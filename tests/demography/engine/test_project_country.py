"""`komplan project-country` (the command lives in komplan/demography/management/commands/)."""

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

REPO = Path(__file__).resolve().parents[3]


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("project_country", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_check_run_prints_csv_by_year_sex_and_age_group():
    out, err = run("--source", "wpp2019", "--to", "2050", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["year", "sex", "age_from", "age_to", "population"]
    assert len(rows) == 7 * 2 * 21
    assert rows[0] == {"year": "2020", "sex": "m", "age_from": "0", "age_to": "4", "population": "287156"}
    last = rows[-1]
    assert (last["year"], last["sex"], last["age_from"], last["age_to"]) == ("2050", "f", "100", "")
    total_2050 = sum(int(row["population"]) for row in rows if row["year"] == "2050")
    assert total_2050 == pytest.approx(10_545_590, rel=0.0001)  # the UN's WPP 2019 medium variant
    assert "residual method" in err


def test_single_years_and_the_table_for_people():
    out, _ = run("--step", "1", "--to", "2025")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 6 * 2 * 101 and rows[1]["age_from"] == rows[1]["age_to"] == "1"
    out, _ = run("--format", "table", "--to", "2030", "--migration-pattern", "rogers-castro")
    assert "100+" in out and "10,708,982" in out and out.count("total") == 2


def test_the_comparison_and_the_other_sources():
    out, _ = run("--compare")
    assert out.startswith("| year (1 July) | komplan | WPP 2019 medium |")
    assert "| 2050 | 10,545,5" in out
    out, err = run("--source", "wpp2024", "--compare", "--verbosity", "1")
    assert "| 2024 |" not in out and "| 2050 |" in out and "Sex ratio at birth: WPP 2019" in err
    out, _ = run("--migration-pattern", "wpp2024", "--fertility-shift", "0.1", "--to", "2025")
    assert len(out.splitlines()) == 1 + 2 * 2 * 21


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (("--to", "2048"), "final year must be 2020 plus a positive multiple of 5"),
        (("--to", "2080"), "the horizon of 60 years exceeds 50 years"),
        (("--mortality-factor", "0"), "mortality_factor must be above 0"),
        (("--country", "999"), "popM.txt: country code 999 not found"),
        (("--data", "/nonexistent"), "popM.txt: file not found in /nonexistent"),
    ],
)
def test_bad_arguments_give_one_reason(args, reason):
    with pytest.raises(CommandError, match=reason):
        run(*args)


def test_the_console_command_exits_non_zero_with_one_line_and_no_traceback():
    env = {"DJANGO_SETTINGS_MODULE": "config.settings_test", "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-m", "komplan.cli", "project-country", "--to", "2090"]
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == "CommandError: the horizon of 70 years exceeds 50 years"
    ok = subprocess.run([*command[:-1], "2030"], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0 and ok.stdout.startswith("year,sex,age_from,age_to,population\n")


def test_another_country_from_the_full_un_files():
    full = Path("/work/shared/data/un-wpp2019")
    if not full.exists():
        pytest.skip("the full WPP 2019 files are not on this machine")
    out, err = run("--data", str(full), "--country", "276", "--to", "2030", "--migration-pattern", "rogers-castro")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert sum(int(row["population"]) for row in rows if row["year"] == "2020") == pytest.approx(83_783_945, abs=21)
    assert err.startswith("Germany, wpp2019")
    with pytest.raises(CommandError, match="no WPP 2019 medium variant .* for country 276"):
        run("--data", str(full), "--country", "276", "--to", "2030")
