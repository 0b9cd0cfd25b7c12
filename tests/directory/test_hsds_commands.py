"""`komplan export-hsds` and `komplan import-hsds`: a report on success, one clear line on failure."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from komplan.directory.models import Organization, Service
from tests.conftest import make_process
from tests.directory.test_hsds import build_catalogue

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
SAMPLE_11 = Path(__file__).resolve().parent / "hsds_schema" / "sample-hsds-1.1"


def _run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_export_a_process_catalogue_as_zip_and_import_it_back(tmp_path):
    build_catalogue()
    make_process()  # Slaný: two of the three fixture services serve it
    out, _err = _run("export_hsds", "--process", "slany", str(tmp_path / "slany.zip"))
    target = tmp_path / "slany.zip"
    assert (
        out.strip()
        == f"2 services of 1 providers, 2 of them illustrative → {target} (HSDS 3.0 tabular data package, ZIP)"
    )
    assert "services.csv" in zipfile.ZipFile(tmp_path / "slany.zip").namelist()
    out, err = _run("import_hsds", str(tmp_path / "slany.zip"))
    assert out.startswith("HSDS 3.0 package slany.zip: services: 0 created, 0 updated, 2 unchanged")
    assert err == ""


def test_export_json_and_a_directory(tmp_path):
    build_catalogue()
    _run("export_hsds", str(tmp_path / "catalogue.json"))
    page = json.loads((tmp_path / "catalogue.json").read_text())
    assert page["total_items"] == 3 and page["contents"][0]["organization"]["name"]
    _run("export_hsds", "--format", "datapackage", "--with-contacts", str(tmp_path / "pkg"))
    assert (tmp_path / "pkg" / "contacts.csv").read_text().count("\n") == 2


def test_export_refuses_an_unknown_process_and_an_unwritable_target(tmp_path):
    with pytest.raises(CommandError, match="no planning process with the address 'nope'"):
        _run("export_hsds", "--process", "nope", str(tmp_path / "x.zip"))
    (tmp_path / "file").write_text("x")
    with pytest.raises(CommandError, match="is a file; give a directory or a name ending in .zip"):
        _run("export_hsds", str(tmp_path / "file"))
    with pytest.raises(CommandError, match=r"^cannot write .*missing/x.zip: No such file or directory$"):
        _run("export_hsds", str(tmp_path / "missing" / "x.zip"))


def test_a_dry_run_import_writes_nothing(tmp_path):
    build_catalogue()
    _run("export_hsds", str(tmp_path / "all.zip"))
    Service.objects.all().delete()
    Organization.objects.all().delete()
    out, _err = _run("import_hsds", "--dry-run", str(tmp_path / "all.zip"))
    assert "services: 3 created" in out and out.strip().endswith("(dry run: nothing was written)")
    assert Service.objects.count() == 0


def test_import_lists_the_problems_and_changes_nothing():
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_hsds", str(SAMPLE_11), stdout=io.StringIO(), stderr=err)
    assert str(raised.value) == "nothing imported, the database is unchanged (11 problems in sample-hsds-1.1)"
    assert err.getvalue().splitlines()[0].startswith("  locations.csv, line 2, field municipality: the address")
    assert Service.objects.count() == 0


def _komplan(*args) -> subprocess.CompletedProcess:
    env = {"DJANGO_SETTINGS_MODULE": "config.settings_test", "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "komplan.cli", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "katalog.zip: damaged or truncated ZIP archive"),
        (b"%PDF-1.4\n", "katalog.zip: a PDF document, not a ZIP archive"),
    ],
)
def test_the_console_command_gives_one_line_and_no_traceback(tmp_path, content, reason):
    (tmp_path / "katalog.zip").write_bytes(content)
    result = _komplan("import-hsds", str(tmp_path / "katalog.zip"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith(f"CommandError: {reason}")


def test_the_frictionless_command_line_accepts_the_export(tmp_path):
    command = Path(sys.executable).parent / "frictionless"
    if not command.exists() and not shutil.which("frictionless"):
        pytest.skip("the frictionless command is not installed")
    build_catalogue()
    _run("export_hsds", "--with-contacts", str(tmp_path / "pkg"))
    result = subprocess.run(
        [str(command if command.exists() else shutil.which("frictionless")), "validate", "--json", "datapackage.json"],
        cwd=tmp_path / "pkg",
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stdout)
    assert (result.returncode, report["valid"]) == (0, True), report


def test_json_to_standard_output_and_the_summary_to_stderr():
    build_catalogue()
    out, err = _run("export_hsds", "-")
    assert json.loads(out)["total_items"] == 3
    assert err.strip().endswith("→ standard output (HSDS 3.0 JSON)")


def test_import_says_what_to_load_first(tmp_path):
    from komplan.directory.models import CodelistItem

    build_catalogue()
    _run("export_hsds", str(tmp_path / "all.zip"))
    Service.objects.all().delete()
    Organization.objects.all().delete()
    CodelistItem.objects.all().delete()
    with pytest.raises(CommandError, match=r"^the MPSV codelists are not loaded; run `komplan load-codelists` first$"):
        _run("import_hsds", str(tmp_path / "all.zip"))
