"""The plan document in a real browser: axe on the public web version (draft and a frozen version, Czech and
English) and on the staff overview and chapter editor (also with a preview and a conflict)."""

from __future__ import annotations

from tests.browser.a11y import audit, format_report
from tests.browser.test_accessibility import _sign_in

SLANY = "/slany-2008-2010"


def test_plan_pages_are_accessible(demo_site, page):
    from komplan.accounts.models import User
    from komplan.demo.services import DEMO_PASSWORD
    from komplan.plan.services import create_plan, freeze_version
    from komplan.territory.models import PlanningProcess

    process = PlanningProcess.objects.get(slug="slany-2008-2010")
    coordinator = User.objects.get(email="koordinator@slany.example")
    plan = create_plan(process, coordinator)
    freeze_version(plan, coordinator, "pracovní verze")
    base = demo_site.url
    problems = {}
    for path in (f"{SLANY}/plan/", f"/en{SLANY}/plan/", f"{SLANY}/plan/verze/1/"):
        page.goto(base + path)
        assert page.locator("#kapitola-uvod").count() == 1
        problems[path] = audit(page)

    _sign_in(page, base, "koordinator@slany.example", DEMO_PASSWORD)
    for path in ("/sprava/plan/", "/sprava/plan/kapitola/uvod/", "/sprava/plan/kapitola/strategie/"):
        page.goto(base + SLANY + path)
        problems[path] = audit(page)

    page.goto(f"{base}{SLANY}/sprava/plan/kapitola/uvod/")
    page.fill("textarea", "**Úvod** plánu.\n\nDruhý odstavec.")
    page.click("button[name=preview]")
    page.wait_for_selector(".kp-plan-preview strong")
    problems["chapter preview"] = audit(page)

    report = format_report(problems)
    assert not report, report
