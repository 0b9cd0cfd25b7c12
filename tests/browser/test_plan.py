"""The plan document in a real browser: axe on the public web version (draft and a frozen version, Czech and
English), the publication page, the archive and the diff, and on the staff overview, a version's page with its
forms, and the chapter editor (also with a preview)."""

from __future__ import annotations

from tests.browser.a11y import audit, format_report
from tests.browser.test_accessibility import _sign_in

SLANY = "/slany-2008-2010"


def test_plan_pages_are_accessible(demo_site, restore_demo_plan, page):
    from komplan.accounts.models import User
    from komplan.demo.services import DEMO_PASSWORD
    from komplan.plan.models import Plan
    from komplan.plan.services import freeze_version

    # the demo plan: 1 working (27. 6. 2007), 2 for comments, 3 approved and published; 4 is a new working version
    plan = Plan.objects.get(process__slug="slany-2008-2010")
    assert list(plan.versions.order_by("number").values_list("state", flat=True)) == [
        "working",
        "comment",
        "published",
    ]
    freeze_version(plan, User.objects.get(email="koordinator@slany.example"), "další pracovní verze")
    # the demo's comment period on version 2 (komplan.demo.consultation): its settlement and a comment's staff page
    consultation = plan.versions.get(number=2).consultation
    settlement_page = f"{SLANY}/pripominky/{consultation.pk}/vyporadani/"
    comment_page = f"/sprava/pripominky/{consultation.pk}/pripominka/{consultation.comments.first().pk}/"
    base = demo_site.url
    problems = {}
    for path in (f"{SLANY}/plan/", f"/en{SLANY}/plan/", f"{SLANY}/plan/verze/1/"):
        page.goto(base + path)
        assert page.locator("#kapitola-uvod").count() == 1
        problems[path] = audit(page)
    for path in (
        f"{SLANY}/plan/schvaleny/",
        f"{SLANY}/plan/verze/",
        f"{SLANY}/plan/verze/1/rozdil/2/",
        f"/en{SLANY}/plan/verze/1/rozdil/2/",
        settlement_page,
    ):
        page.goto(base + path)
        problems[path] = audit(page)

    _sign_in(page, base, "koordinator@slany.example", DEMO_PASSWORD)
    for path in (
        "/sprava/plan/",
        "/sprava/plan/kapitola/uvod/",
        "/sprava/plan/kapitola/strategie/",
        "/sprava/plan/verze/3/",
        "/sprava/plan/verze/4/",
        f"/sprava/pripominky/{consultation.pk}/",
        comment_page,
        f"/sprava/pripominky/{consultation.pk}/zadat/",
    ):
        page.goto(base + SLANY + path)
        problems[path] = audit(page)

    page.goto(f"{base}{SLANY}/sprava/plan/kapitola/uvod/")
    page.fill("textarea", "**Úvod** plánu.\n\nDruhý odstavec.")
    page.click("button[name=preview]")
    page.wait_for_selector(".kp-plan-preview strong")
    problems["chapter preview"] = audit(page)

    page.goto(f"{base}{SLANY}/sprava/plan/verze/4/")
    page.click("form[action$='k-pripominkam/'] button[type=submit]")
    page.goto(f"{base}{SLANY}/sprava/plan/")
    page.select_option("#id_state", "final")
    page.fill("#id_issued_on", "2001-01-01")
    page.click("form[action$='zmrazit/'] button[type=submit]")
    page.goto(f"{base}{SLANY}/sprava/plan/verze/5/")
    page.fill("#id_resolution_number", "")
    page.fill("#id_resolution_date", "2000-01-01")
    page.click("form[action$='schvalit/'] button[type=submit]")
    page.wait_for_selector("#id_resolution_number_errors")
    problems["approve form with errors"] = audit(page)

    page.goto(base + SLANY + comment_page)
    page.fill("#id_answer", "")
    page.click("form.kp-form:not([action]) button[type=submit]")  # the evaluation form without an answer
    page.wait_for_selector("#id_answer_errors")
    problems["evaluation form with errors"] = audit(page)

    report = format_report(problems)
    assert not report, report
