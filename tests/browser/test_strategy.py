"""Activity sheets in a real browser: a member submits a sheet through the form and finds it in "my sheets";
the strategy pages, the action plan, the project store and the staff pages are axe-clean."""

from __future__ import annotations

from tests.browser.a11y import audit, format_report
from tests.browser.test_accessibility import _sign_in

SLANY = "/slany-2008-2010"


def test_member_submits_an_activity_sheet(demo_site, discard_new_rows, page):
    from komplan.demo.services import DEMO_PASSWORD
    from komplan.strategy.models import ActivitySheet

    discard_new_rows(ActivitySheet)

    _sign_in(page, demo_site.url, "ps2.clen2@slany.example", DEMO_PASSWORD)
    problems = {}
    page.goto(demo_site.url + SLANY + "/listy-aktivit/novy/")
    problems["new sheet"] = audit(page)
    page.fill("#id_title", "Víkendový klub pro děti")
    page.check("input[name=stage][value=running]")
    page.fill("#id_description", "Setkávání dětí ze sídliště o víkendech.")
    page.fill("#id_start", "2008-03-01")
    page.fill("#id_end", "2008-02-01")  # before the start: refused at the field
    page.fill("#id_costs-0-year", "2008")
    page.fill("#id_costs-0-amount", "-100")
    page.click("form.kp-form button[type=submit]")
    page.wait_for_selector(".kp-error-summary")
    assert page.get_attribute("#id_end", "aria-invalid") == "true"
    assert page.get_attribute("#id_costs-0-amount", "aria-invalid") == "true"
    problems["new sheet with errors"] = audit(page)
    page.fill("#id_end", "2008-12-31")
    page.fill("#id_costs-0-amount", "80000")
    page.click("form.kp-form button[type=submit]")
    page.wait_for_url(lambda url: "/listy-aktivit/" in url and "novy" not in url)
    problems["my sheet"] = audit(page)
    page.goto(demo_site.url + SLANY + "/listy-aktivit/")
    assert "Víkendový klub pro děti" in page.inner_text("main")
    problems["my sheets"] = audit(page)
    report = format_report(problems)
    assert not report, report


def test_strategy_pages_are_accessible(demo_site, page):
    from komplan.demo.services import DEMO_PASSWORD

    problems = {}
    for path in (
        "/strategie/",
        "/strategie/?skupina=ps1-seniori-zdravotne-postizeni",
        "/schuzky/?skupina=ps1-seniori-zdravotne-postizeni",
        "/skupiny/ps1-seniori-zdravotne-postizeni/",
        "/akcni-plan/2008/",
        "/zasobnik-projektu/",
        "/akcni-plan/2030/",
    ):
        page.goto(demo_site.url + SLANY + path)
        problems[path] = audit(page)
    _sign_in(page, demo_site.url, "koordinator@slany.example", DEMO_PASSWORD)
    for path in ("/sprava/strategie/", "/sprava/strategie/listy/"):
        page.goto(demo_site.url + SLANY + path)
        problems[path] = audit(page)
    page.click("table a")  # the newest sheet
    page.wait_for_selector("h1")
    problems["sheet with decision forms"] = audit(page)
    page.goto(demo_site.url + SLANY + "/sprava/strategie/")
    page.click("main a[href*='/aktivity/']")  # the first activity
    page.wait_for_selector("#id_costs-TOTAL_FORMS", state="attached")
    problems["activity editor"] = audit(page)
    report = format_report(problems)
    assert not report, report
