"""Project every Czech municipality at once with the cohort-component engine: wall time and peak memory.

    .venv/bin/python bench/demography.py [--xlsx population_2024.xlsx] [--repeat 3]

Input: the 6,258 municipalities of the ČSÚ table "Počet obyvatel v obcích k 1. 1. 2024" (men and women of each),
each given the national age structure of the UN WPP 2019 base (1 July 2020) scaled to its own men and women,
and a share of the national net migration (WPP 2019 medium variant total, Rogers–Castro ages) proportional to
its population. Rates: WPP 2019 medium variant for Czechia. Two runs, as the issue asks:

* 5-year groups (21 per sex), 6 steps of 5 years: 2024 → 2054;
* single years (101 per sex), 30 steps of 1 year: 2024 → 2054.

Wall time is the median of ``--repeat`` runs; peak memory is tracemalloc's peak of one more run (numpy reports
its buffers to tracemalloc), next to the process's maximum resident set size. No Django is needed.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from komplan.demography.engine import ages  # noqa: E402
from komplan.demography.engine.ccmp import project  # noqa: E402
from komplan.demography.engine.rates import RateTable, step_rates  # noqa: E402
from komplan.demography.engine.wpp import packaged_directory, read_wpp2019  # noqa: E402

XLSX = ROOT / "komplan" / "territory" / "data" / "population_2024.xlsx"  # the shipped ČSÚ table
SHIPPED = ROOT / "komplan" / "demography" / "data" / "csu-obyvatele-obci-2004-2024.csv.gz"


def municipalities(xlsx: Path) -> tuple[np.ndarray, np.ndarray, str]:
    """Men and women of every municipality on 1 January 2024."""
    if xlsx.exists():
        from komplan.lib.csu_population import read_rows

        _, rows = read_rows(xlsx)
        men = np.array([float(row.men) for row in rows])
        women = np.array([float(row.women) for row in rows])
        return men, women, str(xlsx)
    with gzip.open(SHIPPED, "rt", encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["year"] == "2024"]
    return np.array([float(r["men"]) for r in rows]), np.array([float(r["women"]) for r in rows]), str(SHIPPED)


def inputs(step: int, men: np.ndarray, women: np.ndarray, table: RateTable):
    """Bases (territories × ages) and migration (territories × steps × ages) on the grid of ``step``."""
    rates = step_rates(table, 2024, step, 30 // step)
    grid = rates.ages
    structure_m = ages.regroup(table.base.m / table.base.m.sum(), ages.FIVE_YEAR, grid)
    structure_f = ages.regroup(table.base.f / table.base.f.sum(), ages.FIVE_YEAR, grid)
    share = (men + women) / (men + women).sum()
    base_m, base_f = men[:, None] * structure_m, women[:, None] * structure_f
    migration_m = share[:, None, None] * rates.migration_m[None]
    migration_f = share[:, None, None] * rates.migration_f[None]
    return rates, base_m, base_f, migration_m, migration_f


def measure(label: str, step: int, men, women, table, repeat: int) -> None:
    times = {"rates and inputs": [], "projection": []}
    for _ in range(repeat):
        start = time.perf_counter()
        rates, base_m, base_f, migration_m, migration_f = inputs(step, men, women, table)
        middle = time.perf_counter()
        result = project(base_m, base_f, rates, migration_m, migration_f)
        end = time.perf_counter()
        times["rates and inputs"].append(middle - start)
        times["projection"].append(end - middle)
    del rates, base_m, base_f, migration_m, migration_f, result
    tracemalloc.start()
    rates, base_m, base_f, migration_m, migration_f = inputs(step, men, women, table)
    result = project(base_m, base_f, rates, migration_m, migration_f)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    shape = "×".join(str(size) for size in result.m.shape)
    print(f"{label}: {result.m.shape[0]:,} municipalities, result {shape} per sex")
    for part, samples in times.items():
        print(f"  {part:<18} median {statistics.median(samples):7.3f} s  (n={repeat})")
    print(f"  {'peak memory':<18} {peak / 2**20:7.1f} MiB (tracemalloc, inputs + result)")
    print(f"  {'population':<18} {result.total[:, 0].sum():,.0f} → {result.total[:, -1].sum():,.0f}")
    del rates, base_m, base_f, migration_m, migration_f, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--xlsx", type=Path, default=XLSX, help="the ČSÚ table of 1 January 2024")
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    men, women, source = municipalities(options.xlsx)
    print(f"input: {source} ({len(men):,} municipalities, {men.sum() + women.sum():,.0f} people)")
    table = RateTable.from_payload(read_wpp2019(packaged_directory("wpp2019")))
    measure("5-year groups, 6 steps of 5 years (2024 → 2054)", 5, men, women, table, options.repeat)
    measure("single years, 30 steps of 1 year (2024 → 2054)", 1, men, women, table, options.repeat)
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process maximum resident set size: {maxrss:.0f} MiB (Python, numpy, openpyxl and all runs)")


if __name__ == "__main__":
    main()
