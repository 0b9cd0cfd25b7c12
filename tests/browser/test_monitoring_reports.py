"""The yearly evaluation reports in a real browser: axe on the public list and a published report (Czech and
English), and on the staff list, a report's page in each state with its forms (also with errors) and the editor
with a preview. The data are built here (a small illustrative action plan 2008–2010 of Slaný), not from the demo."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.browser.a11y import audit, format_report
from tests.browser.test_accessibility import _sign_in

pytestmark = pytest.mark.django_db(transaction=True)

SLANY = "/slany"
PASSWORD = "correct horse battery"


@pytest.fixture
def report_site(transactional_db, live_server, settings, tmp_path):
    """Reports of 2008 (published), 2009 (approved by the steering group) and 2010 (draft); illustrative data."""
    from komplan.directory.codelists import load_codelists
    from komplan.directory.models import Codelist, CodelistItem
    from komplan.monitoring import report_services as reports
    from komplan.monitoring import services
    from komplan.monitoring.models import MonitoringPeriod
    from komplan.monitoring.permissions import ReporterScope
    from komplan.monitoring.validation import IndicatorInput, ProgressInput, SpendingInput
    from komplan.strategy import services as strategy
    from komplan.strategy.models import ActionPlanYear, Activity, Cost, Indicator
    from komplan.territory.importers import load_territories
    from komplan.territory.models import Territory
    from tests.conftest import make_process, person

    settings.MEDIA_ROOT = tmp_path / "media"
    if not Territory.objects.exists():  # flushed by an earlier transactional test
        load_territories()
    if not CodelistItem.objects.exists():
        load_codelists()
    process = make_process(slug="slany")
    coordinator = person("koordinator@example.org", "Koordinátorka Testovací", process, "coordinator", "commissioner")
    sources = {i.code: i for i in CodelistItem.objects.filter(codelist=Codelist.FUNDING_SOURCE)}
    seniors = strategy.add_priority(process, "Senioři")
    field = strategy.add_measure(seniors, "Terénní služby")
    info = strategy.add_measure(strategy.add_priority(process, "Rodiny s dětmi"), "Informovanost")
    care = Activity.objects.create(
        measure=field, title="Víkendová pečovatelská služba", responsible_organisation="Pečovatelská služba Slaný"
    )
    assistance = Activity.objects.create(measure=field, title="Osobní asistence", order=2)
    catalogue = Activity.objects.create(measure=info, title="Katalog sociálních služeb")
    for activity in (care, assistance, catalogue):
        for year in (2008, 2009, 2010):
            ActionPlanYear.objects.create(activity=activity, year=year)
    Cost.objects.create(activity=care, year=2008, amount=Decimal(100000), source=sources.get("municipality"))
    indicator = Indicator.objects.create(activity=care, name="Počet klientů", unit="osob", target_value=40)
    period = MonitoringPeriod.objects.create(
        process=process, year=2008, opens_on=dt.date(2008, 12, 1), deadline=dt.date(2009, 1, 31)
    )
    everything = ReporterScope(everything=True)
    services.save_progress(
        period,
        care,
        coordinator,
        everything,
        ProgressInput(
            "running",
            60,
            note="Služba běží od září.",
            spendings=[SpendingInput("municipality", 70000)],
            indicators=[IndicatorInput(indicator.pk, 30, dt.date(2008, 12, 31))],
        ),
    )
    services.save_progress(period, assistance, coordinator, everything, ProgressInput("postponed", 0, reason="Chybí"))
    services.save_progress(period, catalogue, coordinator, everything, ProgressInput("done", 100))

    texts = {"introduction": "Zpráva hodnotí **rok 2008**.", "evaluation": "Rok se vydařil.", "conclusions": "- dál"}
    first = reports.create_report(process, 2008, coordinator)
    first = reports.save_texts(first, texts, coordinator, first.version)
    first = reports.approve_by_steering(first, dt.date(2009, 2, 10), "zápis ŘS 1/2009")
    first = reports.approve_by_council(first, "Zastupitelstvo města Slaný", "12/2009", dt.date(2009, 3, 2))
    reports.publish(first)
    second = reports.create_report(process, 2009, coordinator)
    reports.approve_by_steering(second, dt.date(2010, 2, 1))
    reports.create_report(process, 2010, coordinator)
    return live_server


def test_report_pages_are_accessible(report_site, page):
    base = report_site.url
    problems = {}
    for path in (f"{SLANY}/plneni/zpravy/", f"{SLANY}/plneni/zpravy/2008/", f"/en{SLANY}/plneni/zpravy/2008/"):
        page.goto(base + path)
        problems[path] = audit(page)
    assert page.locator("#kapitola-aktivity table caption").count() == 1
    assert page.locator("#kapitola-souhrn figure").count() >= 1  # the chart, with its numbers in a table

    _sign_in(page, base, "koordinator@example.org", PASSWORD)
    staff = f"{SLANY}/sprava/plneni/zpravy/"
    for path in (staff, f"{staff}2008/", f"{staff}2009/", f"{staff}2010/", f"{staff}2010/upravit/"):
        page.goto(base + path)
        problems[path] = audit(page)

    page.goto(f"{base}{staff}2010/upravit/")
    page.fill("#id_introduction", "**Úvod** zprávy.\n\nDruhý odstavec.")
    page.click("button[name=preview]")
    page.wait_for_selector(".kp-plan-preview strong")
    problems["editor preview"] = audit(page)

    page.goto(f"{base}{staff}2010/")
    page.fill("#id_approved_on", "2001-01-01")
    page.click("form[action$='schvalit-ridici-skupinou/'] button[type=submit]")
    page.wait_for_selector("#id_approved_on_errors")
    problems["steering form with errors"] = audit(page)

    page.goto(f"{base}{staff}2009/")
    page.fill("#id_resolution_number", "")
    page.fill("#id_resolution_date", "2000-01-01")
    page.click("form[action$='schvalit-zastupitelstvem/'] button[type=submit]")
    page.wait_for_selector("#id_resolution_number_errors")
    problems["council form with errors"] = audit(page)

    report = format_report(problems)
    assert not report, report
