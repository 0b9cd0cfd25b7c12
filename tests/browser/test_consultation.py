"""Public comments in a real browser (the Slaný demo's version 2 for comments, with a period open today): axe on
the list of periods, the version with its comment links, the form (also with errors at the fields) and the
confirmation; the form filled in and sent with the keyboard only (Tab, typing, Space, Enter)."""

from __future__ import annotations

import datetime as dt

from tests.browser.a11y import audit, format_report

SLANY = "/slany-2008-2010"


def open_period():
    from django.utils import timezone

    from komplan.consultation.models import Consultation
    from komplan.plan.models import Version

    version = Version.objects.get(plan__process__slug="slany-2008-2010", number=2)
    assert version.state == "comment"
    today = timezone.localdate()
    # the demo may already hold the historical period of 2007 on this version: move it around today
    period, _ = Consultation.objects.update_or_create(
        version=version,
        defaults={
            "opens_on": today - dt.timedelta(days=3),
            "closes_on": today + dt.timedelta(days=10),
            "introduction": "Ukázkový obsah: připomínky k **pracovní verzi** plánu.",
            "contact_rule": "name_contact",
        },
    )
    return period


def test_commenting_is_accessible_and_works_with_the_keyboard(demo_site, restore_demo_plan, page):
    period = open_period()
    base = demo_site.url + SLANY
    problems = {}

    page.goto(f"{base}/pripominky/")
    assert page.get_by_text("otevřeno do").count() >= 1
    problems["periods"] = audit(page)

    page.goto(f"{base}/pripominky/{period.pk}/")
    links = page.locator(".kp-comment-link a")
    assert links.count() > 10
    problems["document"] = audit(page)

    page.locator(".kp-plan-paragraph + .kp-comment-link a").first.click()
    page.wait_for_selector("blockquote.kp-comment-quote")
    problems["form"] = audit(page)

    page.click("form.kp-form button[type=submit]")
    page.wait_for_selector("#id_text_errors")
    assert page.locator("#id_name_errors").count() == 1
    problems["form with errors"] = audit(page)

    # keyboard only: type into the fields in tab order, tick the consent with Space, send with Enter
    email = "tajna.adresa@example.cz"
    page.focus("#id_text")
    page.keyboard.type("Ukázková připomínka: chybí denní stacionář pro seniory.")
    for text in ("Jana Nováková", email):
        page.keyboard.press("Tab")
        page.keyboard.type(text)
    for _ in range(3):  # postal address, organisation, the consent checkbox
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_publish_name"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # the honeypot is out of the tab order: next is the button
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_selector(".kp-reference")
    reference = page.locator(".kp-reference").inner_text()
    assert reference.startswith(f"KP-{period.opens_on.year}-")
    assert email not in page.content()
    problems["confirmation"] = audit(page)

    from komplan.consultation.models import Comment

    stored = Comment.objects.get(reference=reference)
    assert stored.publish_name and stored.email == email and stored.chapter_key and stored.paragraph_id

    report = format_report(problems)
    assert not report, report
