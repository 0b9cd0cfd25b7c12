"""The vision and SWOT pages in a real browser: axe on the public page and the staff pages, voting in place
(htmx) by a member of a working group."""

from __future__ import annotations

from tests.browser.a11y import audit, format_report
from tests.browser.test_accessibility import _sign_in

SLANY = "/slany-2008-2010"


def test_vision_pages_are_accessible(demo_site, page):
    from komplan.demo.services import DEMO_PASSWORD
    from komplan.vision.models import SwotItem

    base = demo_site.url
    problems = {}
    for path in (f"{SLANY}/vize-a-swot/", f"/en{SLANY}/vize-a-swot/"):
        page.goto(base + path)
        assert page.locator("h3", has_text="Silné stránky" if "/en/" not in path else "Strengths").count() >= 4
        problems[path] = audit(page)

    _sign_in(page, base, "koordinator@slany.example", DEMO_PASSWORD)
    item = SwotItem.objects.filter(swot__process__slug="slany-2008-2010", swot__body__isnull=True).first()
    for path in (
        "/sprava/swot/",
        "/sprava/swot/celkova/",
        "/sprava/swot/ps1-seniori-zdravotne-postizeni/",
        "/sprava/swot/vize/",
        "/sprava/swot/sloucit/",
        f"/sprava/swot/polozka/{item.pk}/upravit/",
        f"/sprava/swot/polozka/{item.pk}/dukazy/",
    ):
        page.goto(base + SLANY + path)
        problems[path] = audit(page)

    # The evidence picker sent back with an error at its field.
    page.goto(f"{base}{SLANY}/sprava/swot/polozka/{item.pk}/dukazy/")
    page.check("input[name=kind][value=gap]")
    page.click("form.kp-form button[type=submit]")
    page.wait_for_selector(".kp-error-summary")
    problems["evidence picker with an error"] = audit(page)

    report = format_report(problems)
    assert not report, report


def test_member_votes_in_place(demo_site, discard_new_rows, page):
    from komplan.demo.services import DEMO_PASSWORD
    from komplan.vision.models import SwotVote

    discard_new_rows(SwotVote)

    _sign_in(page, demo_site.url, "ps1.clen3@slany.example", DEMO_PASSWORD)
    page.goto(f"{demo_site.url}{SLANY}/sprava/swot/ps1-seniori-zdravotne-postizeni/")
    form = page.locator("form[id^=hlas-]").filter(has=page.locator("button[data-voted=false]")).first
    form_id = form.get_attribute("id")
    before = page.locator(f"#{form_id} [role=status]").inner_text()
    page.click(f"#{form_id} button")
    page.wait_for_selector(f"#{form_id} button[data-voted=true]")
    after = page.locator(f"#{form_id} [role=status]").inner_text()
    assert page.evaluate("document.activeElement.closest('form')?.id") == form_id  # focus stays on the button
    assert int(after.split()[0]) == int(before.split()[0]) + 1
    assert f"{SLANY}/sprava/swot/ps1" in page.url  # no reload: htmx swapped the form in place
    problems = {"board after voting": audit(page)}
    assert not format_report(problems), format_report(problems)
