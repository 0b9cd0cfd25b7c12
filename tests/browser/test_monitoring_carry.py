"""Carrying the plan on in a real browser: the staff pages (the years, the choices of a year, the confirmation,
the next-period form with an error) and both public homes after the next period started are axe-clean."""

from __future__ import annotations

from tests.browser.a11y import audit, format_report
from tests.browser.test_accessibility import _sign_in

SLANY = "/slany-2008-2010"
CARRY = SLANY + "/sprava/plneni/prevod/"


def test_carry_pages_are_accessible(demo_site, page):
    from komplan.demo.services import DEMO_PASSWORD

    problems = {}
    _sign_in(page, demo_site.url, "koordinator@slany.example", DEMO_PASSWORD)
    page.goto(demo_site.url + CARRY)
    problems["years"] = audit(page)
    page.goto(demo_site.url + CARRY + "2008/")
    problems["year 2008"] = audit(page)
    page.click("main form button[type=submit]")
    page.wait_for_selector("h1")
    problems["confirmation or errors"] = audit(page)
    page.goto(demo_site.url + CARRY + "2010/")
    problems["last year"] = audit(page)
    page.goto(demo_site.url + CARRY + "nove-obdobi/")
    page.fill("#id_slug", "slany-2008-2010")  # taken: the error at the field
    page.click("main form button[type=submit]")
    page.wait_for_selector(".kp-error-summary")
    assert page.get_attribute("#id_slug", "aria-invalid") == "true"
    problems["next period with an error"] = audit(page)
    page.fill("#id_slug", "slany-2011-2013")
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/slany-2011-2013/sprava/" in url)
    for path in (SLANY + "/", "/slany-2011-2013/"):
        page.goto(demo_site.url + path)
        problems[path] = audit(page)
    assert 'href="/slany-2008-2010/"' in page.content()  # the new home links back
    report = format_report(problems)
    assert not report, report
