"""Needs vs. supply in a real browser: axe on the public page (several states), the chapter and the staff pages."""

from __future__ import annotations

from tests.browser.a11y import audit, format_report
from tests.browser.test_accessibility import _sign_in


def test_needs_pages_are_accessible(demo_site, page):
    from komplan.demo.services import DEMO_PASSWORD

    base = demo_site.url
    problems = {}
    for path in (
        "/orp-prerov/analyzy/potreby/",
        "/orp-prerov/analyzy/potreby/?rok=2044&scenar=low",  # the horizon without a stored projection
        "/orp-prerov/analyzy/potreby/?obec=514055&druh=4-ter-klient",
        "/orp-prerov/analyzy/potreby/?srovnat=vlastni-cil-orp-prerov-ilustrativni",  # two norm sets side by side
        "/orp-prerov/analyzy/potreby/?normy=nic",  # the form with an error at its field
        "/orp-prerov/analyzy/potreby/kapitola/",
        "/slany-2008-2010/analyzy/potreby/",
    ):
        page.goto(base + path)
        problems[path] = audit(page)
    _sign_in(page, base, "koordinator@prerov.example", DEMO_PASSWORD)
    for path in ("/orp-prerov/sprava/potreby/", "/orp-prerov/sprava/potreby/normy/komplan-vychozi/"):
        page.goto(base + path)
        problems[path] = audit(page)
    report = format_report(problems)
    assert not report, report
