import json
import shutil
from pathlib import Path

import pytest

from komplan.demography.engine.wpp import (
    PERIODS,
    WppFormatError,
    packaged_directory,
    read_wpp2019,
    read_wpp2019_projection,
    read_wpp2024,
    read_wpp2024_totals,
)

SHARED = Path("/work/shared/data")
WPP2019 = SHARED / "un-wpp2019" if (SHARED / "un-wpp2019").exists() else packaged_directory("wpp2019")
WPP2024 = SHARED / "un-wpp2024" if (SHARED / "un-wpp2024").exists() else packaged_directory("wpp2024")


def period(start):
    return PERIODS.index((start, start + 5))


@pytest.fixture(scope="module")
def wpp2019():
    return read_wpp2019(WPP2019)


@pytest.fixture(scope="module")
def wpp2024():
    return read_wpp2024(WPP2024, wpp2019_directory=WPP2019)


def test_wpp2019_czechia(wpp2019):
    assert (wpp2019["edition"], wpp2019["country_code"], wpp2019["country"]) == ("wpp2019", "203", "Czechia")
    base = wpp2019["base"]
    assert (base["year"], base["month"]) == (2020, 7)
    assert round(sum(base["m"]) + sum(base["f"])) == 10_708_982  # the UN's 10,708.982 thousand on 1 July 2020
    assert (base["m"][0], base["f"][-1]) == (287_156, 309)  # men 0–4, women 100+
    assert len(wpp2019["ages"]) == 21 and wpp2019["ages"][-1] == [100, None]
    assert wpp2019["tfr"][period(2015)] == 1.6413 and wpp2019["tfr"][period(2020)] == 1.6818
    assert wpp2019["tfr"][-1] == 1.7994
    assert wpp2019["srb"][period(2020)] == 1.058
    assert wpp2019["migration"][period(2020)] == 110_057
    assert wpp2019["migration_age"] is None
    assert wpp2019["asfr_ages"][0] == [15, 19] and len(wpp2019["asfr_pct"][0]) == 7
    assert sum(wpp2019["asfr_pct"][period(2020)]) == pytest.approx(100, abs=0.01)
    assert wpp2019["mx"]["m"][period(2015)][0] == pytest.approx(0.002523556)
    assert len(wpp2019["mx"]["f"]) == 30 and len(wpp2019["mx"]["f"][0]) == 22


def test_wpp2024_czechia(wpp2024):
    assert wpp2024["base"] is None and wpp2024["asfr_ages"][0] == [10, 14] and len(wpp2024["asfr_ages"]) == 9
    # mean of the annual TFRs 2020 … 2024 (2020–2023 estimates, 2024 medium variant)
    annual = [1.763464, 1.823091, 1.618, 1.448, 1.456471]
    assert wpp2024["tfr"][period(2020)] == pytest.approx(sum(annual) / 5)
    assert wpp2024["migration"][period(2015)] is None and wpp2024["migration_age"]["m"][period(2015)] is None
    assert wpp2024["migration"][period(2020)] == pytest.approx(179_112)
    assert wpp2024["migration_age"]["m"][period(2020)][4] == pytest.approx(28_026)  # men 20–24
    assert wpp2024["srb"][period(2020)] == 1.058
    assert any("WPP 2019" in note for note in wpp2024["notes"])
    assert all(sum(row) == pytest.approx(100, abs=0.01) for row in wpp2024["asfr_pct"])


def test_wpp2024_without_the_2019_files_assumes_1_05():
    payload = read_wpp2024(WPP2024)
    assert set(payload["srb"]) == {1.05}
    assert any("assumed 1.05" in note for note in payload["notes"])


def test_payloads_are_json_and_the_shipped_rows_give_the_same_payloads(wpp2019, wpp2024):
    assert json.loads(json.dumps(wpp2019)) == wpp2019
    assert json.loads(json.dumps(wpp2024)) == wpp2024
    shipped = read_wpp2019(packaged_directory("wpp2019"))
    # The shipped directory also holds the UN medium variant, whose 2025 point extends the reference history.
    assert shipped["history"]["years"] == [*wpp2019["history"]["years"], 2025]
    shipped["history"] = wpp2019["history"]
    assert shipped == wpp2019
    assert read_wpp2024(packaged_directory("wpp2024"), wpp2019_directory=packaged_directory("wpp2019")) == wpp2024


def test_population_history_for_reference_structures(wpp2019):
    history = wpp2019["history"]

    assert history["years"][0] == 1950 and history["years"][-1] == 2015
    assert sum(history["m"][-1]) + sum(history["f"][-1]) == pytest.approx(10_601_389, rel=0.01)


def test_published_projections():
    medium = read_wpp2019_projection(packaged_directory("wpp2019"))
    assert round(sum(medium[2050]["m"]) + sum(medium[2050]["f"])) == 10_545_590
    totals = read_wpp2024_totals(WPP2024)
    assert totals[2024] == pytest.approx(10_680_164)


def _copy(tmp_path, name, source=WPP2019):
    for file in Path(source).glob("*.txt"):
        shutil.copy(file, tmp_path / file.name)
    return tmp_path / name


def _edit(path, old, new, country_only=True):
    lines = path.read_text(encoding="utf-8").split("\n")
    for index, line in enumerate(lines):
        if old in line and (not country_only or line.startswith("203\t")):
            lines[index] = line.replace(old, new, 1)
            path.write_text("\n".join(lines), encoding="utf-8")
            return index + 1
    raise AssertionError(f"{old!r} not in {path}")


def test_a_missing_country_or_file(tmp_path):
    with pytest.raises(WppFormatError, match="popM.txt: country code 999 not found"):
        read_wpp2019(WPP2019, country_code="999")
    _copy(tmp_path, "popM.txt").unlink()
    with pytest.raises(WppFormatError, match="popM.txt: file not found"):
        read_wpp2019(tmp_path)


def test_a_wrong_header(tmp_path):
    path = _copy(tmp_path, "mxF.txt")
    _edit(path, "country_code\tname\tage", "code\tname\tage", country_only=False)
    with pytest.raises(WppFormatError) as raised:
        read_wpp2019(tmp_path)
    assert (raised.value.file, raised.value.line) == ("mxF.txt", 1)
    assert "header must start with country_code" in str(raised.value)


def test_a_non_numeric_cell_names_its_line_and_column(tmp_path):
    line = _edit(_copy(tmp_path, "popF.txt"), "\t271.654", "\tn/a")
    with pytest.raises(WppFormatError) as raised:
        read_wpp2019(tmp_path)
    assert str(raised.value) == f"popF.txt, line {line}: column 2020: 'n/a' is not a number"


def test_a_negative_death_rate(tmp_path):
    line = _edit(_copy(tmp_path, "mxM.txt"), "\t0.002523556", "\t-0.002523556")
    with pytest.raises(WppFormatError, match=rf"mxM.txt, line {line}: column 2015-2020: -0.002523556 is negative"):
        read_wpp2019(tmp_path)


def test_missing_ages_and_short_rows(tmp_path):
    path = _copy(tmp_path, "percentASFR.txt")
    _edit(path, "\t45-49\t", "\t45-50\t")
    with pytest.raises(WppFormatError, match="percentASFR.txt, line .*: expected ages 15-19, .*45-49; found"):
        read_wpp2019(tmp_path)
    path = _copy(tmp_path, "sexRatio.txt")
    line = _edit(path, "\t1.058", "")
    with pytest.raises(WppFormatError, match=f"sexRatio.txt, line {line}: 31 cells, the header has 32"):
        read_wpp2019(tmp_path)


def test_negative_migration_is_fine_but_negative_fertility_is_not(tmp_path):
    _edit(_copy(tmp_path, "migration.txt"), "\t110.057", "\t-110.057")
    assert read_wpp2019(tmp_path)["migration"][period(2015)] == -110_057
    line = _edit(_copy(tmp_path, "tfrprojMed.txt"), "\t1.6818", "\t-1.6818")
    with pytest.raises(WppFormatError, match=f"tfrprojMed.txt, line {line}: column 2020-2025: -1.6818 is negative"):
        read_wpp2019(tmp_path)
