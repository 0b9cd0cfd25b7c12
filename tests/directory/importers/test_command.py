"""`komplan import-registry`: the report on success; the problems, "nothing was changed" and exit status 1 otherwise."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from komplan.directory.importers import SAMPLE_FILE
from komplan.directory.models import Service

from .conftest import RPSS, RPSS_ERRORS, database_state, rpss_items

ROOT = Path(__file__).resolve().parents[3]


def _run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_registry", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_it_imports_and_prints_the_report():
    out, err = _run(RPSS, "--source-date", "2026-09-04")

    assert "rpss-handmade.json (rpss, data of 2026-09-04): 4 records read; services: 4 created, 0 updated" in out
    assert "read 4 records (100 %)" in err
    assert Service.objects.count() == 4
    out, _err = _run(RPSS)
    assert "services: 0 created, 0 updated, 4 unchanged" in out


@pytest.mark.django_db
def test_the_format_is_detected_and_skipped_entries_are_listed():
    out, _err = _run(SAMPLE_FILE)

    assert "ukazka.json (ukazka, data of" in out and "services: 41 created" in out
    assert "Skipped 10 entries:" in out
    assert "(misto-79121519 / uzis-181227), field sluzby[1]: health-care service" in out


@pytest.mark.django_db
def test_a_dry_run_writes_nothing():
    out, _err = _run(RPSS, "--dry-run")

    assert out.startswith("Dry run, nothing written: ") and "4 would be created" in out
    assert not Service.objects.exists()


@pytest.mark.django_db
def test_invalid_records_are_listed_and_nothing_is_changed():
    _run(RPSS)
    before = database_state()
    err = StringIO()

    with pytest.raises(CommandError, match=r"rpss-handmade-errors.json: 4 problems; nothing was changed$"):
        call_command("import_registry", str(RPSS_ERRORS), stdout=StringIO(), stderr=err)

    assert "  record 2 (identifikátor 9100002), field poskytovatel.ico: an IČO has exactly 8 digits" in err.getvalue()
    assert database_state() == before


@pytest.mark.django_db
def test_only_the_first_fifty_problems_are_shown(tmp_path):
    items = [dict(rpss_items()[0], identifikator=str(9200000 + n), portalId=None) for n in range(60)]
    for item in items:
        item["druhSocialniSluzby"] = {"id": "DruhSocialniSluzby/0"}
    path = tmp_path / "rpss.json"
    path.write_text(json.dumps({"polozky": items}), encoding="utf-8")
    err = StringIO()

    with pytest.raises(CommandError, match="60 problems; nothing was changed"):
        call_command("import_registry", str(path), stdout=StringIO(), stderr=err)

    lines = [line for line in err.getvalue().splitlines() if line.startswith("  record")]
    assert len(lines) == 50 and "  … and 10 more" in err.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n", "this is a PNG image, not a JSON file; nothing was changed"),
        (b'{"polozky": [{"identifikator": "91', "the JSON ends prematurely after"),
        (b'{"seznam": []}', "unknown format: no top-level `polozky`"),
    ],
)
def test_a_wrong_file_gives_one_line(tmp_path, content, reason):
    path = tmp_path / "vstup.json"
    path.write_bytes(content)

    with pytest.raises(CommandError) as exc:
        call_command("import_registry", str(path), stdout=StringIO(), stderr=StringIO())

    assert reason in str(exc.value) and "\n" not in str(exc.value)


@pytest.mark.django_db
def test_a_forced_format_that_does_not_fit_is_refused():
    with pytest.raises(CommandError, match="no top-level `polozky` list in the file .*nothing was changed"):
        call_command("import_registry", str(SAMPLE_FILE), "--format", "rpss", stdout=StringIO(), stderr=StringIO())


@pytest.mark.django_db
def test_a_missing_file_is_named():
    with pytest.raises(CommandError, match="nenalezeno.json: no such file; nothing was changed"):
        call_command("import_registry", "nenalezeno.json", stdout=StringIO(), stderr=StringIO())


# --- the real console command in a separate process, with its exit status ----------------------------------


@pytest.fixture(scope="module")
def komplan(tmp_path_factory):
    """Run `komplan …` (DEBUG=1) against a fresh SQLite database with the territories and codelists loaded."""
    var = tmp_path_factory.mktemp("komplan-var")
    env = {key: value for key, value in os.environ.items() if key not in {"DJANGO_SETTINGS_MODULE", "SECRET_KEY"}}
    env.update(DEBUG="1", VAR_DIR=str(var), DATABASE_URL=f"sqlite:///{var / 'komplan.sqlite3'}")
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    setup = (
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('migrate', verbosity=0); "
        "from komplan.territory.importers import load_territories; load_territories(); "
        "from komplan.directory.codelists import load_codelists; load_codelists()"
    )
    subprocess.run([sys.executable, "-c", setup], cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)

    def run(*args):
        command = [sys.executable, "-m", "komplan.cli", "import-registry", *map(str, args)]
        return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)

    return run


def test_the_console_command_exits_0_with_the_report(komplan):
    first = komplan(RPSS)
    second = komplan(RPSS)

    assert first.returncode == 0, first.stderr
    assert "services: 4 created" in first.stdout
    assert second.returncode == 0 and "4 unchanged" in second.stdout


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "this is a PNG image, not a JSON file; nothing was changed"),
        (b"identifikator;nazev\n9100001;Domov\n", "not a JSON file: it starts with 'identifikator;nazev'"),
        (b'{"polozky": [{"identifikator": "9100001", "formy": [', "the JSON ends prematurely after"),
        (b'{"verze": 1, "sluzby": []}', "unknown format: no top-level `polozky`"),
    ],
)
def test_the_console_command_exits_1_with_one_line_for_a_wrong_file(komplan, tmp_path, content, reason):
    path = tmp_path / "vstup.json"
    path.write_bytes(content)

    result = komplan(path)

    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 1, result.stderr
    assert lines[0].startswith(f"CommandError: {path}: ") and reason in lines[0]


def test_the_console_command_exits_1_listing_invalid_records(komplan, tmp_path):
    result = komplan(RPSS_ERRORS, "--format", "rpss")

    assert result.returncode == 1
    assert (
        "record 3 (identifikátor 9100003), field formy[1].kapacity[0].typ: a capacity without a unit" in result.stderr
    )
    assert result.stderr.rstrip().endswith("4 problems; nothing was changed")
    assert "Traceback" not in result.stderr
