"""Gathering the inputs from the database and the comparison of a process (bundled statistics of the kraj)."""

from __future__ import annotations

import pytest

from komplan.demography.models import Scenario
from komplan.demography.services import projections_for
from komplan.directory.models import Codelist, DemandFigure, Funding
from komplan.needs import analysis, chapter
from komplan.needs.models import CodeMapping, NeedNote
from komplan.territory.models import Territory
from tests.directory.factories import code, make_service

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demography_data")]


@pytest.fixture
def catalogue(process):
    slany = Territory.objects.get(level="municipality", code="532819")
    neighbour = Territory.objects.filter(level="municipality", orp=slany.orp).exclude(pk=slany.pk).first()
    care = make_service(
        "Pečovatelská služba Slaný",
        "4",
        located_in="532819",
        serves=("532819", neighbour.code),
        forms={"ter": [("klient", 120)]},
    )
    home = make_service("Domov Slaný", "13", located_in="532819", serves=("532819",), forms={"pob": [("luzka", 90)]})
    source = code(Codelist.FUNDING_SOURCE, "state_subsidy")
    Funding.objects.create(service=care, year=2024, source=source, amount=4_800_000)
    Funding.objects.create(
        service=care, year=2024, source=code(Codelist.FUNDING_SOURCE, "municipality"), amount=1_200_000
    )
    DemandFigure.objects.create(service=home, year=2023, waiting_list=10)
    DemandFigure.objects.create(service=home, year=2024, waiting_list=35, refused_capacity=4)
    NeedNote.objects.create(process=process, service_type=code(Codelist.SERVICE_TYPE, "13"), text="Málo míst")
    return {"care": care, "home": home, "neighbour": neighbour}


def test_comparison_of_a_town_without_a_stored_projection(process, catalogue):
    choice = analysis.choose(process)
    result = analysis.compare_process(process, choice)
    gathered = result.gathered
    assert gathered.base_year == 2024 and gathered.year == 2034
    assert "2034" in gathered.missing and not result.table.has_horizon  # explained, never zeros
    rows = {row.norm.service_type: row for row in result.table.rows}
    care, home = rows["4"], rows["13"]
    # The field service is shared with the neighbour in proportion to the 65+ of both.
    slany = next(m for m in gathered.municipalities if m.key == "532819")
    other = next(m for m in gathered.municipalities if m.key == catalogue["neighbour"].code)
    assert not other.in_area and result.table.municipalities == ["532819"]
    share = slany.now["65_plus"] / (slany.now["65_plus"] + other.now["65_plus"])
    assert care.area.capacity == pytest.approx(120 * share)
    assert care.area.need_now == pytest.approx(slany.now["65_plus"] * 40 / 1000)
    assert care.cost_per_unit == pytest.approx(50_000) and care.funding_shares["state_subsidy"] == 0.8
    assert home.area.capacity == 90 and home.area.need_horizon is None
    assert home.evidence == {"waiting_list": 35, "refused": 4, "working_group": 1}
    assert 2000 < slany.now["65_plus"] < 5000  # Slaný has about 16,700 people


def test_stored_projection_fills_the_horizon_and_the_chapter(process, catalogue):
    scenario = Scenario.objects.get(code="medium", process=None)
    projections_for([Territory.objects.get(level="municipality", code="532819").pk], scenario)
    choice = analysis.choose(process, year="2039", scenario="medium")
    result = analysis.compare_process(process, choice)
    assert result.table.has_horizon and result.gathered.missing == ""
    home = next(row for row in result.table.rows if row.norm.service_type == "13")
    assert home.area.need_horizon > home.area.need_now  # more people aged 80+ in 2039
    text = chapter.generate(result, analysis.source_names())
    assert "Ekonomické vyhodnocení" in text or "Economic evaluation" in text
    assert "2039" in text


def test_year_outside_the_projection_is_explained(process, catalogue):
    result = analysis.compare_process(process, analysis.choose(process, year="2031"))
    assert "2029" in result.gathered.missing and not result.table.has_horizon


def test_survey_codes_count_as_evidence_when_mapped(process, catalogue):
    from komplan.surveys.models import Code, CodedAnswer
    from tests.surveys.results_fixtures import filled_survey

    survey = filled_survey(process)
    label = Code.objects.create(survey=survey, question_key="chybi", label="víkendová péče")
    other = Code.objects.create(survey=survey, question_key="chybi", label="doprava")
    for response in survey.responses.filter(status="submitted")[:2]:
        CodedAnswer.objects.create(code=label, response=response)
        CodedAnswer.objects.create(code=other, response=response)
    CodeMapping.objects.create(code=label, service_type=code(Codelist.SERVICE_TYPE, "4"))
    result = analysis.compare_process(process, analysis.choose(process))
    care = next(row for row in result.table.rows if row.norm.service_type == "4")
    assert care.evidence["survey"] == 2
    assert result.gathered.unmapped == [(survey.title, "doprava", 2)]


@pytest.mark.parametrize(
    ("parameters", "name"),
    [
        ({"norms": "nic"}, "norms"),
        ({"scenario": "nic"}, "scenario"),
        ({"year": "dva"}, "year"),
        ({"municipality": "999999"}, "municipality"),
    ],
)
def test_bad_parameters(process, parameters, name):
    with pytest.raises(analysis.BadParameter) as error:
        analysis.choose(process, **parameters)
    assert error.value.parameter == name
