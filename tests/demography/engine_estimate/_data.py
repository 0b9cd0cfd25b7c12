"""Tiny readers of the real data sets for the engine tests (independent of the importers and engine/wpp.py)."""

from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from komplan.lib.csu_population import read_rows

DATA = Path("/work/shared/data")
WPP2019 = DATA / "un-wpp2019"
MUNICIPAL = DATA / "obyvatele-obci-csu"
VDB = DATA / "demografie-kraje-csu-vdb"
CZECHIA = "203"
FIVE_YEAR = (*((start, start + 4) for start in range(0, 100, 5)), (100, None))


def _table(path: Path, code: str) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        rows = [line.rstrip("\n").split("\t") for line in handle if line.split("\t", 1)[0] == code]
    return header, rows


@functools.cache
def wpp2019_population(sex: str, year: int = 2020, code: str = CZECHIA) -> np.ndarray:
    """Population (persons) on 1 July of ``year`` by 5-year group 0–4 … 100+, sex "M" or "F"."""
    header, rows = _table(WPP2019 / f"pop{sex}.txt", code)
    column = header.index(str(year))
    return np.array([float(row[column]) * 1000 for row in rows])


def _periods(header: list[str], first: int) -> list[list[int]]:
    return [[int(part) for part in label.split("-")] for label in header[first:]]


@functools.cache
def wpp2019_payload() -> dict:
    """The Czech WPP 2019 rates in the layout of the rate-set payload (the keys engine/migration reads)."""
    header, mx_m = _table(WPP2019 / "mxM.txt", CZECHIA)
    _, mx_f = _table(WPP2019 / "mxF.txt", CZECHIA)
    periods = _periods(header, 3)
    tfr_header, tfr_rows = _table(WPP2019 / "tfr.txt", CZECHIA)
    proj_header, proj_rows = _table(WPP2019 / "tfrprojMed.txt", CZECHIA)
    tfr = dict(zip(tfr_header[2:-1], tfr_rows[0][2:-1], strict=True))
    tfr |= dict(zip(proj_header[2:], proj_rows[0][2:], strict=True))
    _, asfr_rows = _table(WPP2019 / "percentASFR.txt", CZECHIA)
    srb_header, srb_rows = _table(WPP2019 / "sexRatio.txt", CZECHIA)
    labels = [f"{start}-{end}" for start, end in periods]
    return {
        "edition": "wpp2019",
        "country_code": CZECHIA,
        "ages": [list(group) for group in FIVE_YEAR],
        "periods": periods,
        "mx_ages": [int(row[2]) for row in mx_m],
        "mx": {
            "m": [[float(row[3 + p]) for row in mx_m] for p in range(len(periods))],
            "f": [[float(row[3 + p]) for row in mx_f] for p in range(len(periods))],
        },
        "tfr": [float(tfr[label]) for label in labels],
        "asfr_ages": [[int(part) for part in row[2].split("-")] for row in asfr_rows],
        "asfr_pct": [[float(row[3 + p]) for row in asfr_rows] for p in range(len(periods))],
        "srb": [float(dict(zip(srb_header[2:], srb_rows[0][2:], strict=True))[label]) for label in labels],
    }


@dataclass(frozen=True)
class MunicipalTable:
    codes: list[str]
    district: list[str]
    total: np.ndarray
    men: np.ndarray
    women: np.ndarray
    mean_age: np.ndarray
    mean_age_men: np.ndarray
    mean_age_women: np.ndarray


@functools.cache
def municipal(year: int) -> MunicipalTable:
    """The ČSÚ table "Počet obyvatel v obcích k 1. 1. year" as arrays (one row per municipality)."""
    _, rows = read_rows(MUNICIPAL / f"population_{year}.xlsx")

    def column(name: str) -> np.ndarray:
        return np.array([float(getattr(row, name)) for row in rows])

    return MunicipalTable(
        codes=[row.code for row in rows],
        district=[row.district for row in rows],
        total=column("total"),
        men=column("men"),
        women=column("women"),
        mean_age=column("mean_age"),
        mean_age_men=column("mean_age_men"),
        mean_age_women=column("mean_age_women"),
    )


@functools.cache
def vdb_age_indicators() -> dict[int, dict[str, float]]:
    """DEMDCR1V: the ČR age indicators on 31 December of each year, keyed by that year."""
    import openpyxl

    with warnings.catch_warnings():  # VDB exports carry no default style; openpyxl says so
        warnings.simplefilter("ignore", UserWarning)
        workbook = openpyxl.load_workbook(VDB / "vekove_slozeni (DEMDCR1V).xlsx", read_only=True, data_only=True)
    keys = [
        "total",
        "age_0_14",
        "age_15_64",
        "age_20_64",
        "age_65_plus",
        "age_80_plus",
        "share_0_14",
        "share_15_64",
        "share_65_plus",
        "mean_age",
        "ageing_index",
        "economic_dependency",
    ]
    try:
        result = {}
        for row in workbook["DATA"].iter_rows(values_only=True):
            if isinstance(row[1], str) and row[1].isdigit():
                result[int(row[1])] = dict(zip(keys, (float(value) for value in row[2:14]), strict=True))
        return result
    finally:
        workbook.close()


def national_reference(sex: str, year: int) -> np.ndarray:
    """The WPP 2019 national structure for 1 January ``year``: linear between the 1 July estimates 2000–2020."""
    moment = min(max(year - 0.5, 2000.0), 2020.0)
    lower = int(moment // 5 * 5)
    upper = min(lower + 5, 2020)
    weight = (moment - lower) / 5 if upper > lower else 0.0
    return (1 - weight) * wpp2019_population(sex, lower) + weight * wpp2019_population(sex, upper)


@functools.cache
def wpp2024_migration_age() -> dict:
    """WPP 2024 Czech net migrants by sex and 5-year group per period, in the payload's ``migration_age`` layout."""
    result = {}
    for sex, name in (("m", "migrationM5.txt"), ("f", "migrationF5.txt")):
        header, rows = _table(DATA / "un-wpp2024" / name, CZECHIA)
        result[sex] = [[float(row[3 + p]) * 1000 for row in rows] for p in range(len(header) - 3)]
    return {"periods": _periods(header, 3), "migration_age": result}


# Kraje in the order of the VDB tables (and of their CZ-NUTS codes).
KRAJE = [
    "CZ010",
    "CZ020",
    "CZ031",
    "CZ032",
    "CZ041",
    "CZ042",
    "CZ051",
    "CZ052",
    "CZ053",
    "CZ063",
    "CZ064",
    "CZ071",
    "CZ072",
    "CZ080",
]


@functools.cache
def vdb_vital_statistics(year: int) -> np.ndarray:
    """DEMZU02-a for ``year``: rows ČR then the 14 kraje; columns live births, deaths, net migration."""
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        path = VDB / f"stav_cr_{year % 100:02d} (DEMZU02-a).xlsx"
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        rows = [row for row in workbook["DATA"].iter_rows(values_only=True) if isinstance(row[2], float)]
        return np.array([[row[6], row[8], row[15]] for row in rows])
    finally:
        workbook.close()
