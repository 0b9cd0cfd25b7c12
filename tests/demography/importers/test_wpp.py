"""UN WPP text files → RateSet, on the real files (directories for the command line, a ZIP for the UI)."""

from __future__ import annotations

import io
import zipfile

from komplan.demography.importers.base import InputFile
from komplan.demography.models import DataSource, RateSet

from .conftest import SHARED, messages

WPP2019, WPP2024 = SHARED / "un-wpp2019", SHARED / "un-wpp2024"


def test_both_editions_in_one_run(run):
    report = run("wpp", WPP2019, WPP2024)
    assert report.ok, messages(report)
    assert report.created == 2 and sorted(RateSet.objects.values_list("code", flat=True)) == [
        "wpp2019-203",
        "wpp2024-203",
    ]
    wpp2019 = RateSet.objects.get(code="wpp2019-203")
    assert wpp2019.name == "UN WPP 2019 — Czechia" and wpp2019.country_code == "203"
    assert wpp2019.payload["edition"] == "wpp2019" and wpp2019.payload["base"]["year"] == 2020
    assert 10.5e6 < sum(wpp2019.payload["base"]["m"]) + sum(wpp2019.payload["base"]["f"]) < 10.8e6
    assert RateSet.objects.get(code="wpp2024-203").payload["srb"] == wpp2019.payload["srb"]  # taken from 2019
    assert DataSource.objects.filter(kind="un_wpp").count() == 2
    again = run("wpp", WPP2019, WPP2024)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def zipped(directory, skip=()) -> InputFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(directory.glob("*.txt")):
            if path.name not in skip:
                archive.write(path, f"{directory.name}/{path.name}")
    return InputFile(f"{directory.name}.zip", buffer.getvalue())


def test_a_zip_of_the_files(run):
    report = run("wpp", zipped(WPP2019))
    assert report.ok and RateSet.objects.get().code == "wpp2019-203"


def test_a_missing_file_is_named_and_nothing_is_written(run):
    report = run("wpp", zipped(WPP2019, skip={"tfr.txt"}))
    assert not report.ok and messages(report)[0].startswith("un-wpp2019.zip/tfr.txt: file not found")
    assert not RateSet.objects.exists()


def test_something_else_is_refused(run):
    assert messages(run("wpp", InputFile("x.zip", b"not a zip"))) == [
        "x.zip: is neither a directory nor a ZIP of the WPP text files"
    ]
    empty = io.BytesIO()
    zipfile.ZipFile(empty, "w").close()
    assert messages(run("wpp", InputFile("y.zip", empty.getvalue()))) == [
        "y.zip: holds neither the WPP 2019 nor the WPP 2024 files (mxM.txt, mxM5.txt)"
    ]
