"""Needs vs. supply for every ORP of Olomoucký kraj: wall time of the comparison tables (komplan.needs.engine).

    .venv/bin/python bench/needs.py [--kraj CZ071] [--repeat 5]

Input, built without Django or a database (like bench/demography.py):

* municipalities: every municipality of the kraj (okres NUTS codes starting with ``--kraj``) from the shipped ČSÚ
  population of 1 January 2024, grouped by ORP (ČSÚ link VAZ0043_0065);
* reference populations: the national age structure of the UN WPP 2019 base scaled to each municipality, now
  and at the horizon (the 2054 result of a cohort-component projection of the same bases, 6 steps of 5 years);
* norms: every service type of the MPSV codelist in every form it may have (beds for residential, clients
  otherwise), with a reference population by its group (care 65+, prevention 18–64, counselling everyone);
* supply: per ORP and row one synthetic service located in the ORP's largest municipality; field services
  cover the whole ORP and a neighbouring ORP's seat; funding from three sources in two years; evidence counts.

Prints the number of ORPs, municipalities, rows and cells, and the median wall time of computing every ORP's
table (``engine.compare``) over ``--repeat`` runs, besides the time to build the inputs once.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from komplan.demography.engine import ages  # noqa: E402
from komplan.demography.engine.ccmp import project  # noqa: E402
from komplan.demography.engine.rates import RateTable, step_rates  # noqa: E402
from komplan.demography.engine.wpp import packaged_directory, read_wpp2019  # noqa: E402
from komplan.needs import engine  # noqa: E402
from komplan.needs.reference import populations_many  # noqa: E402

POPULATION = ROOT / "komplan" / "demography" / "data" / "csu-obyvatele-obci-2004-2024.csv.gz"
ORP_LINK = ROOT / "komplan" / "territory" / "data" / "VAZ0043_0065_CS.csv"
TYPES = ROOT / "komplan" / "directory" / "data" / "service_types.csv"
REFERENCE_BY_GROUP = {"care": "65_plus", "prevention": "18_64", "counselling": "total", "": "total"}


def municipalities(kraj: str) -> tuple[list[str], list[str], np.ndarray, np.ndarray]:
    """Codes, names, men and women of the kraj's municipalities on 1 January 2024."""
    with gzip.open(POPULATION, "rt", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["year"] == "2024" and r["district"].startswith(kraj)]
    men = np.array([float(r["men"]) for r in rows])
    women = np.array([float(r["women"]) for r in rows])
    return [r["code"] for r in rows], [r["name"] for r in rows], men, women


def orp_of() -> dict[str, str]:
    with ORP_LINK.open(encoding="cp1250", newline="") as handle:
        return {row["CHODNOTA1"]: row["CHODNOTA2"] for row in csv.DictReader(handle, delimiter=";")}


def norms() -> list[engine.Norm]:
    result = []
    with TYPES.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for form in row["forms"].split():
                unit = "luzka" if form == "pob" else "klient"
                reference = REFERENCE_BY_GROUP.get(row["group"], "total")
                result.append(engine.Norm(row["code"], reference, 5.0 if form == "pob" else 3.0, unit, form))
    return result


def populations(men: np.ndarray, women: np.ndarray):
    """Reference populations of every municipality now and in 2054 (5-year cohort-component projection)."""
    table = RateTable.from_payload(read_wpp2019(packaged_directory("wpp2019")))
    rates = step_rates(table, 2024, 5, 6)
    structure_m = table.base.m / table.base.m.sum()
    structure_f = table.base.f / table.base.f.sum()
    base_m, base_f = men[:, None] * structure_m, women[:, None] * structure_f
    share = (men + women) / (men + women).sum() * 0.01  # a small share of the national migration each
    result = project(
        base_m,
        base_f,
        rates,
        share[:, None, None] * rates.migration_m[None],
        share[:, None, None] * rates.migration_f[None],
    )
    now = populations_many(base_m + base_f, ages.FIVE_YEAR)
    then = populations_many(result.m[:, -1] + result.f[:, -1], result.ages)
    return now, then


def build(kraj: str):
    codes, names, men, women = municipalities(kraj)
    now, then = populations(men, women)
    orps = orp_of()
    people = {}
    by_orp: dict[str, list[int]] = defaultdict(list)
    for i, code in enumerate(codes):
        by_orp[orps[code]].append(i)
        people[code] = (
            {key: float(values[i]) for key, values in now.items()},
            {key: float(values[i]) for key, values in then.items()},
        )
    rows = norms()
    orp_codes = sorted(by_orp)
    cases = []
    for n, orp in enumerate(orp_codes):
        members = [codes[i] for i in by_orp[orp]]
        seat = max(members, key=lambda c: people[c][0]["total"])
        neighbour = orp_codes[(n + 1) % len(orp_codes)]
        other_seat = max((codes[i] for i in by_orp[neighbour]), key=lambda c: people[c][0]["total"])
        outsiders = [other_seat] if other_seat not in members else []
        munis = [engine.Municipality(c, names[codes.index(c)], *people[c]) for c in members] + [
            engine.Municipality(c, c, people[c][0], None, in_area=False) for c in outsiders
        ]
        supply, funding, evidence = [], [], []
        for k, norm in enumerate(rows):
            service = f"{orp}-{k}"
            capacity = 5 + (k * 7 + n * 3) % 60
            if norm.form == engine.FIELD:
                item = engine.Supply(
                    service, norm.service_type, norm.form, norm.unit, capacity, (seat,), (*members, *outsiders)
                )
            else:
                item = engine.Supply(service, norm.service_type, norm.form, norm.unit, capacity, (seat,), (seat,))
            supply.append(item)
            for year in (2023, 2024):
                for source, amount in (("state_subsidy", 60_000), ("municipality", 20_000), ("user_payments", 30_000)):
                    funding.append(engine.Funding(service, year, source, amount * capacity))
            evidence.append(engine.Evidence(norm.service_type, "waiting_list", k % 7))
        cases.append((orp, munis, supply, funding, evidence))
    return cases, rows, len(codes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kraj", default="CZ071", help="NUTS code of the kraj (CZ071 = Olomoucký kraj)")
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    start = time.perf_counter()
    cases, rows, count = build(options.kraj)
    built = time.perf_counter() - start
    times = []
    for _ in range(options.repeat):
        start = time.perf_counter()
        tables = [
            engine.compare(munis, rows, supply, funding, evidence) for _orp, munis, supply, funding, evidence in cases
        ]
        times.append(time.perf_counter() - start)
    cells = sum(len(row.municipalities) + 1 for table in tables for row in table.rows)
    print(
        f"kraj {options.kraj}: {len(cases)} ORPs, {count} municipalities, {len(rows)} norm rows (every type and form)"
    )
    print(f"  inputs built once      {built:7.3f} s (population, projection to 2054, synthetic catalogue)")
    print(f"  tables of every ORP    median {statistics.median(times):7.3f} s  (n={options.repeat}, {cells:,} cells)")


if __name__ == "__main__":
    main()
