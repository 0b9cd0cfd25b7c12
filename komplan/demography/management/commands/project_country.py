"""`komplan project-country`: project a country from UN WPP inputs and print it by year, sex and age.

    komplan project-country --source wpp2019 --to 2050 --format csv
    komplan project-country --source wpp2019 --to 2050 --step 1 --format table
    komplan project-country --source wpp2019 --to 2050 --compare      (Markdown table against the UN variants)

The WPP base population is the state on **1 July** (2020), so every year printed here is a mid-year. The Czech
rows of the WPP files ship with komplan (``komplan/demography/data/wpp/``); ``--data DIR`` reads other files.
Method and conventions: docs/demography-projection.md.
"""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import numpy as np
from django.core.management.base import BaseCommand, CommandError

from komplan.demography.engine import ages
from komplan.demography.engine.ccmp import ProjectionResult, implied_migration_shares, project_national
from komplan.demography.engine.rates import (
    Assumptions,
    InvalidAssumptions,
    InvalidRateTable,
    RateTable,
    migration_pattern,
    rogers_castro_pattern,
)
from komplan.demography.engine.wpp import (
    WppFormatError,
    packaged_directory,
    read_wpp2019,
    read_wpp2019_projection,
    read_wpp2024,
    read_wpp2024_totals,
)

PATTERNS = ("un-implied", "rogers-castro", "wpp2024")


class Command(BaseCommand):
    requires_system_checks = []  # pure computation on files: no database, no URLs to check
    help = (
        "Project a country's population by sex and age group with the cohort-component method from UN World "
        "Population Prospects inputs (base 1 July 2020, medium-variant rates) and print it as CSV or a table."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", choices=("wpp2019", "wpp2024"), default="wpp2019", help="rates to use")
        parser.add_argument("--country", default="203", help="UN country code (default 203, Czechia)")
        parser.add_argument("--to", type=int, default=2050, dest="final_year", help="last year (default 2050)")
        parser.add_argument("--step", type=int, choices=(1, 5), default=5, help="5-year groups or single years")
        parser.add_argument("--format", choices=("csv", "table"), default="csv", dest="output_format")
        parser.add_argument("--compare", action="store_true", help="print totals against the UN variants instead")
        parser.add_argument("--data", type=Path, help="directory of the source's WPP files (default: shipped)")
        parser.add_argument(
            "--base-data", type=Path, help="WPP 2019 directory for the base and sex ratio of --source wpp2024"
        )
        parser.add_argument(
            "--migration-pattern",
            choices=PATTERNS,
            default="un-implied",
            help="age-sex pattern for WPP 2019's total net migration (default: the one implied by the UN's "
            "medium variant for 2020-2025)",
        )
        parser.add_argument("--fertility-shift", type=float, default=0.0, help="added to the TFR")
        parser.add_argument("--mortality-factor", type=float, default=1.0, help="death rates multiplied by this")
        parser.add_argument("--migration-factor", type=float, default=1.0, help="net migration multiplied by this")

    def handle(self, *args, **options):
        try:
            result, table, pattern = self._project(options)
            if options["compare"]:
                self._compare(result, options)
            elif options["output_format"] == "table":
                self._table(result)
            else:
                self._csv(result)
        except (WppFormatError, InvalidAssumptions, InvalidRateTable) as exc:
            raise CommandError(str(exc)) from None
        notes = [note.rstrip(".") for note in table.notes] + [f"net migration by age: {pattern}"]
        if options["verbosity"] > 0:
            self.stderr.write(f"{table.country}, {table.edition}, base 1 July {result.years[0]}; " + "; ".join(notes))

    def _project(self, options) -> tuple[ProjectionResult, RateTable, str]:
        country = options["country"]
        assumptions = Assumptions(options["fertility_shift"], options["mortality_factor"], options["migration_factor"])
        if options["source"] == "wpp2024":
            base_directory = options["base_data"] or packaged_directory("wpp2019")
            base = RateTable.from_payload(read_wpp2019(base_directory, country)).base
            directory = options["data"] or packaged_directory("wpp2024")
            table = RateTable.from_payload(read_wpp2024(directory, country, wpp2019_directory=base_directory))
            result = project_national(table, options["final_year"], options["step"], assumptions, base=base)
            return result, table, "WPP 2024 by age and sex"
        table = RateTable.from_payload(read_wpp2019(options["data"] or packaged_directory("wpp2019"), country))
        shares, pattern = self._shares(table, options)
        return project_national(table, options["final_year"], options["step"], assumptions, shares), table, pattern

    def _shares(self, table: RateTable, options) -> tuple[np.ndarray, str]:
        choice = options["migration_pattern"]
        if choice == "rogers-castro":
            return rogers_castro_pattern(), "Rogers-Castro model schedule (fundamental parameters), sexes equal"
        if choice == "wpp2024":
            directory = packaged_directory("wpp2024")
            wpp2024 = RateTable.from_payload(read_wpp2024(directory, options["country"]))
            return migration_pattern(wpp2024, (2020, 2025)), "WPP 2024 pattern of 2020-2025"
        projected = _wpp2019_projection(options["data"], options["country"])
        if table.base is None or table.base.year + 5 not in projected:
            raise CommandError("the WPP 2019 medium variant has no population 5 years after the base")
        later = projected[table.base.year + 5]
        shares = implied_migration_shares(table, later["m"], later["f"])
        return shares, "implied by the WPP 2019 medium variant 2020-2025 (residual method)"

    def _csv(self, result: ProjectionResult) -> None:
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(["year", "sex", "age_from", "age_to", "population"])
        for index, year in enumerate(result.years):
            for sex, values in (("m", result.m[0, index]), ("f", result.f[0, index])):
                for (start, stop), value in zip(result.ages, values, strict=True):
                    writer.writerow([year, sex, start, "" if stop is None else stop, round(float(value))])

    def _table(self, result: ProjectionResult) -> None:
        header = f"{'age':>7}" + "".join(f"{year:>11}" for year in result.years)
        for title, values in (("men", result.m[0]), ("women", result.f[0])):
            self.stdout.write(f"{title} (1 July)")
            self.stdout.write(header)
            for index, group in enumerate(result.ages):
                self.stdout.write(f"{ages.label(group):>7}" + "".join(f"{row:>11,.0f}" for row in values[:, index]))
            self.stdout.write(f"{'total':>7}" + "".join(f"{row:>11,.0f}" for row in values.sum(axis=1)))
            self.stdout.write("")
        totals = result.total[0]
        self.stdout.write(f"{'all':>7}" + "".join(f"{value:>11,.0f}" for value in totals))

    def _compare(self, result: ProjectionResult, options) -> None:
        """Markdown: totals and the largest age-group difference against the UN medium variants."""
        wpp2019 = _wpp2019_projection(options["data"], options["country"])
        if options["step"] == 1:
            five = [ages.regroup(values, ages.SINGLE_YEAR, ages.FIVE_YEAR) for values in (result.m, result.f)]
            result = dataclasses.replace(result, ages=ages.FIVE_YEAR, m=five[0], f=five[1])
        try:
            wpp2024 = read_wpp2024_totals(packaged_directory("wpp2024"), options["country"])
        except WppFormatError:
            wpp2024 = {}
        self.stdout.write(
            "| year (1 July) | komplan | WPP 2019 medium | difference | largest age-group difference "
            "| WPP 2024 medium | difference |"
        )
        self.stdout.write("|---|---:|---:|---:|---:|---:|---:|")
        for index, year in enumerate(result.years):
            ours = float(result.total[0, index])
            row = [str(year), f"{ours:,.0f}", *_against_2019(result, index, wpp2019.get(year))]
            row += _against_total(ours, wpp2024.get(year))
            self.stdout.write("| " + " | ".join(row) + " |")


def _wpp2019_projection(directory: Path | None, country: str) -> dict:
    """The WPP 2019 medium variant: from ``directory`` when it has the files, else the shipped Czech rows."""
    for candidate in (directory, packaged_directory("wpp2019")):
        if candidate is not None and (Path(candidate) / "popMprojMed.txt").exists():
            try:
                return read_wpp2019_projection(candidate, country)
            except WppFormatError:
                if candidate == directory:
                    raise
    raise CommandError(
        f"no WPP 2019 medium variant (popMprojMed.txt) for country {country}; use --migration-pattern rogers-castro"
    )


def _against_total(ours: float, theirs: float | None) -> list[str]:
    if theirs is None:
        return ["", ""]
    return [f"{theirs:,.0f}", f"{(ours / theirs - 1) * 100:+.2f} %"]


def _against_2019(result: ProjectionResult, index: int, published: dict | None) -> list[str]:
    if published is None:
        return ["", "", ""]
    theirs_m, theirs_f = np.array(published["m"]), np.array(published["f"])
    theirs = theirs_m.sum() + theirs_f.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        groups = np.concatenate([result.m[0, index] / theirs_m - 1, result.f[0, index] / theirs_f - 1])
    worst = float(np.nanmax(np.abs(groups))) * 100
    return [*_against_total(float(result.total[0, index]), theirs), f"{worst:.2f} %"]
