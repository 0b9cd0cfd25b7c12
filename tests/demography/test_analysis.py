"""The analysis of real municipalities from the shipped statistics: structures, projections, indicators, chapter."""

from __future__ import annotations

import numpy as np
import pytest

from komplan.demography import querysets
from komplan.demography.analysis import analyse
from komplan.demography.chapter import generate
from komplan.demography.models import Projection, Scenario
from komplan.demography.projections import ProjectionUnavailable, fingerprints, project_municipalities
from komplan.demography.services import projections_for
from komplan.demography.structures import structures_for

pytestmark = pytest.mark.usefixtures("demography_data")


def municipality(territories, code):
    return territories.get(level="municipality", code=code)


def medium():
    return Scenario.objects.get(process=None, code="medium")


def test_estimated_structure_matches_the_counted_figures(territories):
    slany = municipality(territories, "532819")
    counts = querysets.population_history([slany.pk])[slany.pk]

    structures = structures_for([slany.pk], 2024, {slany.pk: counts[2024]})

    assert structures.estimated.tolist() == [True]
    assert structures.m.sum() == pytest.approx(8141) and structures.f.sum() == pytest.approx(8599)
    midpoints = np.arange(21) * 5 + 2.5
    assert (structures.m[0] @ midpoints) / structures.m.sum() == pytest.approx(counts[2024].mean_age_men)
    assert (structures.f[0] @ midpoints) / structures.f.sum() == pytest.approx(counts[2024].mean_age_women)


def test_slany_analysis_now_and_in_fifteen_years(territories):
    slany = municipality(territories, "532819")

    result = analyse([slany], medium(), 15)

    assert (result.base_year, result.horizon_year) == (2024, 2039)
    assert result.area.population == 16740  # ČSÚ, 1 January 2024
    assert (result.area.men, result.area.women) == (8141, 8599)
    assert sorted(result.area.projected) == [2029, 2034, 2039]
    assert result.area.observed["total"] == pytest.approx(16740)
    assert result.any_estimated
    # The history runs from the first ČSÚ table; the series continues with the projection.
    assert result.history_years[0] == 2004 and result.history_years[-1] == 2024
    assert result.series.years[result.series.projected_from] == 2029
    assert result.area.unemployment == pytest.approx(4.843)  # ČSÚ/MPSV 31 December 2017
    first = result.area.projected[2029]
    assert first["births"] > 0 and first["deaths"] > 0
    assert first["total"] == pytest.approx(16740 + first["births"] - first["deaths"] + first["net_migration"])
    assert (result.region.name, result.region.year) == ("Středočeský kraj", 2023)
    assert result.region.births == 12249  # VDB DEMZU02-a 2023


def test_projection_is_stored_and_reused_until_its_inputs_change(territories):
    slany = municipality(territories, "532819")
    scenario = medium()

    first = projections_for([slany.pk], scenario)
    stored = Projection.objects.get(scenario=scenario, territory=slany, step=5)
    again = projections_for([slany.pk], scenario)

    assert Projection.objects.get(pk=stored.pk).computed_at == stored.computed_at
    assert np.array_equal(first.m, again.m)
    scenario.fertility_shift = 0.3
    scenario.save()
    assert fingerprints([slany.pk], scenario, 5)[slany.pk] != stored.inputs_hash
    higher = projections_for([slany.pk], scenario)
    assert higher.births.sum() > first.births.sum()
    assert Projection.objects.filter(scenario=scenario, territory=slany).count() == 1


def test_a_municipality_gives_the_same_result_alone_and_within_its_orp(territories):
    prerov = municipality(territories, "511382")
    orp = list(territories.filter(level="municipality", orp=prerov.orp).order_by("pk").values_list("pk", flat=True))
    scenario = medium()

    alone = project_municipalities([prerov.pk], scenario)
    together = project_municipalities(orp, scenario)

    index = orp.index(prerov.pk)
    assert np.allclose(alone.result.m[0], together.result.m[index])
    assert alone.calibrated  # the VDB births and deaths of the kraj are loaded


def test_scenarios_order_low_medium_high(territories):
    prerov_orp = list(territories.filter(level="municipality", orp__code="7109", orp__level="orp"))
    totals = {}
    for code in ("low", "medium", "high", "no-migration"):
        result = analyse(prerov_orp, Scenario.objects.get(process=None, code=code), 30)
        totals[code] = result.area.projected[2054]["total"]

    assert totals["low"] < totals["medium"] < totals["high"]


def test_missing_counts_make_no_projection(territories, db):
    from komplan.demography.models import PopulationCount

    prague = territories.get(level="municipality", code="554782")  # not in the loaded krajs
    assert not PopulationCount.objects.filter(territory=prague).exists()
    with pytest.raises(ProjectionUnavailable):
        analyse([prague], medium())


def test_generated_chapter_states_the_figures(territories):
    slany = municipality(territories, "532819")
    result = analyse([slany], medium(), 15)

    czech = generate(result, "Slaný", language="cs")
    english = generate(result, "Slaný", language="en")

    assert "16\xa0740" in czech and "2039" in czech
    assert "## " in czech and "| 2024 |" in czech
    assert "On 1 January 2024, 16,740 people lived in Slaný" in english


def test_an_imported_age_table_replaces_the_estimate(territories):
    from pathlib import Path

    from komplan.demography.import_kinds import KINDS, run_import
    from komplan.demography.importers.base import ImportOptions, InputFile

    slany = municipality(territories, "532819")
    fixture = Path(__file__).parent / "data" / "vek-5lete-slany.csv"  # hand-made numbers in the ČSÚ layout
    report = run_import(KINDS["age"], [InputFile.from_path(fixture)], ImportOptions())
    assert report.ok, report.rejected

    counts = querysets.population_history([slany.pk])[slany.pk]
    structures = structures_for([slany.pk], 2024, {slany.pk: counts[2024]})

    assert structures.estimated.tolist() == [False]
    assert structures.m.sum() + structures.f.sum() == 18860  # the imported table, not the ČSÚ municipal count
    result = analyse([slany], medium(), 15)
    assert result.any_estimated is False and result.municipalities[0].estimated is False
