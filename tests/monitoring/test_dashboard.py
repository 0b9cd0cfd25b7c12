"""The public dashboard /<process>/plneni/: content, the year chooser, no people's names, a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from komplan.monitoring import services
from komplan.monitoring.models import YearlyReport
from komplan.monitoring.permissions import ReporterScope
from komplan.monitoring.validation import IndicatorInput, ProgressInput, SpendingInput
from komplan.strategy.models import ActionPlanYear, Activity, Cost, Indicator

pytestmark = pytest.mark.django_db
URL = "/slany/plneni/"
EVERYTHING = ReporterScope(everything=True)


@pytest.fixture
def reported(plan2008, period, coordinator, provider_editor):
    """1.1.1 running at 60 % with spending and an indicator value; 1.1.2 cancelled; 1.2.1 not reported."""
    services.save_progress(
        period,
        plan2008["a111"],
        provider_editor,
        ReporterScope(everything=True),
        ProgressInput(
            "running",
            60,
            note="Služba běží o sobotách (ilustrativní).",
            spendings=[SpendingInput("municipality", 70000), SpendingInput("region", 10000)],
            indicators=[IndicatorInput(plan2008["indicator"].pk, 30, dt.date(2008, 12, 31))],
        ),
    )
    services.save_progress(
        period,
        plan2008["a112"],
        coordinator,
        EVERYTHING,
        ProgressInput("cancelled", 0, reason="Poskytovatel ukončil činnost (ilustrativní)."),
    )
    return plan2008


def _text(response) -> str:
    return response.content.decode()


def test_the_dashboard_shows_progress_money_indicators_and_activities(client, reported):
    response = client.get(URL)
    assert response.status_code == 200
    html = _text(response)
    # measure 1.1: 60 % (1.1.2 cancelled is left out); 1.2: 0 % (not reported); priority 1 and the plan: 30 %
    assert "60,0 %" in html and "0,0 %" in html and "30,0 %" in html
    assert "Senioři" in html and "Terénní služby" in html and "Víkendová pečovatelská služba" in html
    # every bar carries its number as text, and the bar itself is hidden from assistive technology
    assert html.count('class="kp-progress__bar"') == html.count('class="kp-progress__value"') == 4
    assert 'aria-hidden="true" focusable="false"><rect' in html
    # money: planned 100 000 from the municipality, spent 70 000 + 10 000 from the region
    assert "100\xa0000" in html and "70\xa0000" in html and "80\xa0000" in html and "10\xa0000" in html
    assert "80,0 %" in html  # spent of planned in total
    # the indicator: 30 of a target 40 = 75 %, as a chart with the data in a table
    assert 'role="img"' in html and "75 %" not in html and "Počet klientů" in html and ">75<" in html
    # the activities with their states, notes and public reasons
    assert "Služba běží o sobotách" in html and "Poskytovatel ukončil činnost" in html
    assert "nevykázáno" in html  # 1.2.1 has no report: "–", never 0 %


def test_a_closed_period_says_so(client, reported, period, coordinator):
    assert "otevřené" in _text(client.get(URL))
    services.close_period(period, coordinator)
    html = _text(client.get(URL))
    assert "uzavřené" in html and "otevřené" not in html


def test_no_names_of_people(client, reported, coordinator, provider_editor, member):
    html = _text(client.get(URL))
    for user in (coordinator, provider_editor, member):
        assert user.full_name not in html and user.email not in html
    assert "Oblastní charita Slaný (ilustrativní)" in html  # the responsible provider: organisations are public


def test_the_year_chooser(client, reported):
    a111 = reported["a111"]
    ActionPlanYear.objects.create(activity=a111, year=2009)
    # without ?rok= the latest monitored year, even when a later action plan exists
    response = client.get(URL)
    assert response.context["year"] == 2008 and response.context["years"] == [2008, 2009]
    assert 'value="2009"' in _text(response)
    # a year of the action plan that was not monitored explains itself and shows no figures
    response = client.get(URL + "?rok=2009")
    assert response.status_code == 200 and response.context["period"] is None
    html = _text(response)
    assert "%" not in html.split('id="zpravy"')[0].split("</form>")[1]
    assert "/slany/akcni-plan/2009/" in html
    # a malformed year: 400 with the error at the chooser; a year with nothing: 404 explained
    for bad in ("dvatisíce", "208", "3000", "-1"):
        response = client.get(URL + "?rok=" + bad)
        assert response.status_code == 400 and 'aria-invalid="true"' in _text(response), bad
    response = client.get(URL + "?rok=1999")
    assert response.status_code == 404 and "1999" in _text(response)


def test_a_period_without_reports_shows_no_zeros(client, plan2008, period):
    response = client.get(URL)
    assert response.status_code == 200 and not response.context["has_data"]
    html = _text(response)
    assert "0,0 %" not in html and "kp-progress__bar" not in html


def test_without_any_action_plan(client, process):
    response = client.get(URL)
    assert response.status_code == 200 and response.context["year"] is None
    assert response.context["years"] == []


def test_published_reports_are_listed_with_links(client, reported, process):
    YearlyReport.objects.create(
        process=process,
        year=2008,
        title="Zpráva o plnění KPSS za rok 2008 (ilustrativní)",
        state="published",
        published_at=timezone.now(),
        council_body="Zastupitelstvo města Slaný",
        resolution_number="12/2009",
        resolution_date=dt.date(2009, 3, 20),
    )
    YearlyReport.objects.create(process=process, year=2009, title="Rozpracovaná zpráva 2009")
    html = _text(client.get(URL))
    assert 'href="/slany/plneni/zpravy/2008/"' in html and "12/2009" in html
    assert "Rozpracovaná zpráva 2009" not in html and 'href="/slany/plneni/zpravy/"' in html
    english = _text(client.get("/en" + URL))
    assert 'href="/en/slany/plneni/zpravy/2008/"' in english


def test_hidden_process_is_404_to_the_public(client, reported, process, outsider, member, as_user):
    process.is_public = False
    process.save()
    assert client.get(URL).status_code == 404
    assert as_user(outsider).get(URL).status_code == 404
    assert as_user(member).get(URL).status_code == 200


def test_linked_from_the_process_page_and_the_action_plan(client, reported):
    assert 'href="/slany/plneni/"' in _text(client.get("/slany/"))
    assert 'href="/slany/plneni/?rok=2008"' in _text(client.get("/slany/akcni-plan/2008/"))


def _more_activities(plan, sources, count: int) -> None:
    for i in range(count):
        activity = Activity.objects.create(measure=plan["m12"], title=f"Další aktivita {i}", order=10 + i)
        ActionPlanYear.objects.create(activity=activity, year=2008)
        Cost.objects.create(activity=activity, year=2008, amount=Decimal(1000), source=sources["region"])
        Indicator.objects.create(activity=activity, name=f"Ukazatel {i}", unit="osob", target_value=Decimal(10))


def test_query_count_does_not_grow_with_activities(client, reported, sources):
    client.get(URL)  # warm caches (site settings, sessions)
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    _more_activities(reported, sources, 6)
    with CaptureQueriesContext(connection) as many:
        assert client.get(URL).status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
    assert len(few) <= 30
