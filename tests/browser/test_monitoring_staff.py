"""The staff pages of reporting in a real browser: the overview, "my activities", the progress form (also with
errors and read-only in a closed period) and the confirmation pages pass axe-core.

A fresh Slaný process with a small illustrative 2008 action plan and an open monitoring period.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.browser.a11y import audit, format_report
from tests.browser.test_accessibility import _sign_in

PASSWORD = "correct horse battery"


@pytest.fixture
def site(transactional_db, live_server):
    from komplan.directory.models import Codelist, CodelistItem
    from komplan.directory.review import OrganizationEditor
    from komplan.monitoring.models import MonitoringPeriod
    from komplan.strategy import services
    from komplan.strategy.models import ActionPlanYear, Activity, Cost, Indicator
    from komplan.territory.importers import load_territories
    from komplan.territory.models import Territory
    from tests.conftest import make_process, person
    from tests.directory.factories import make_organization

    if not Territory.objects.filter(level="municipality", code="532819").exists():
        load_territories()
    if not CodelistItem.objects.filter(codelist=Codelist.FUNDING_SOURCE).exists():
        from komplan.directory.codelists import load_codelists

        load_codelists()
    process = make_process()
    person("koordinator@example.org", "Koordinátorka Testovací", process, "coordinator", "commissioner")
    editor = person("editor@example.org", "Eva Editorová", process, "provider_editor", "provider")
    charity = make_organization(name="Oblastní charita Slaný (ilustrativní)")
    OrganizationEditor.objects.create(process=process, user=editor, organization=charity)
    measure = services.add_measure(services.add_priority(process, "Senioři"), "Terénní služby")
    care = Activity.objects.create(
        measure=measure, title="Víkendová pečovatelská služba", order=1, responsible_provider=charity
    )
    nobody = Activity.objects.create(measure=measure, title="Osobní asistence", order=2)
    for activity in (care, nobody):
        ActionPlanYear.objects.create(activity=activity, year=2008)
    municipality = CodelistItem.objects.get(codelist=Codelist.FUNDING_SOURCE, code="municipality")
    Cost.objects.create(activity=care, year=2008, amount=Decimal(100000), source=municipality)
    Indicator.objects.create(activity=care, name="Počet klientů", unit="osob", target_value=Decimal(40))
    period = MonitoringPeriod.objects.create(
        process=process, year=2008, opens_on=dt.date(2008, 12, 1), deadline=dt.date(2009, 1, 31)
    )
    return {"url": live_server.url, "care": care, "period": period}


def test_the_reporting_pages_are_accessible(site, page):
    from komplan.monitoring import services

    base = f"{site['url']}/slany/sprava/plneni/"
    form = f"{base}2008/aktivita/{site['care'].pk}/"
    problems = {}
    _sign_in(page, site["url"], "koordinator@example.org", PASSWORD)
    for path in ("", "moje/", "2008/uzavrit/", "2008/upominky/"):
        page.goto(base + path)
        problems[path or "overview"] = audit(page)

    page.goto(form)
    problems["progress form"] = audit(page)
    page.check("input[name=status][value=done]")
    page.fill("input[name=progress]", "80")
    page.select_option("select[name=spendings-0-source]", "municipality")
    page.fill("input[name=spendings-0-amount]", "-5")
    page.fill("input[name=indicators-0-value]", "32")
    page.click("form.kp-form button[type=submit]")
    page.wait_for_selector("input[name=progress][aria-invalid=true]")
    problems["progress form with errors"] = audit(page)

    page.check("input[name=status][value=running]")
    page.fill("input[name=progress]", "60")
    page.fill("input[name=spendings-0-amount]", "80 000")
    page.fill("input[name=indicators-0-measured_on]", "2008-12-31")
    page.click("form.kp-form button[type=submit]")
    page.wait_for_url(lambda url: "/aktivita/" not in url)
    problems["overview after saving"] = audit(page)

    services.close_period(site["period"], None)
    page.goto(form)
    problems["read-only form"] = audit(page)
    assert not any(problems.values()), format_report(problems)
