"""The socio-demographic analysis in a real browser: axe on every state of the page, the chapter editor,
text zoomed to 200 % without sideways scrolling, and the choice form used with the keyboard only."""

from __future__ import annotations

from tests.browser.a11y import audit, format_report
from tests.browser.test_accessibility import _sign_in


def test_demography_pages_are_accessible(demo_site, page):
    base = demo_site.url
    problems = {}
    for path in (
        "/slany-2008-2010/analyzy/demografie/",
        "/orp-prerov/analyzy/demografie/?obec=514055&razeni=-ageing_index&horizont=30&scenar=low",
        "/orp-prerov/analyzy/demografie/?horizont=7",  # the form with an error at its field
        "/en/orp-prerov/analyzy/demografie/",
        "/slany-2008-2010/analyzy/demografie/kapitola/",
    ):
        page.goto(base + path)
        problems[path] = audit(page)
    report = format_report(problems)
    assert not report, report


def test_demography_page_at_200_percent_text_does_not_scroll_sideways(demo_site, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(demo_site.url + "/orp-prerov/analyzy/demografie/")
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"the page scrolls sideways by {overflow}px at 200 % text size"


def test_choice_form_works_with_the_keyboard(demo_site, page):
    page.goto(demo_site.url + "/orp-prerov/analyzy/demografie/")
    page.focus("#volba-horizont")
    page.keyboard.press("End")  # the longest horizon
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the submit button
    page.wait_for_url(lambda url: "horizont=30" in url)
    assert "2054" in page.inner_text("#vyhled-caption") or "2054" in page.inner_text("main")


def test_chapter_editor_is_accessible(demo_site, discard_new_rows, page):
    from komplan.demo.services import DEMO_PASSWORD
    from komplan.demography.models import Chapter

    discard_new_rows(Chapter)  # the demo has no chapter: the one generated here

    _sign_in(page, demo_site.url, "koordinator@slany.example", DEMO_PASSWORD)
    problems = {}
    page.goto(demo_site.url + "/slany-2008-2010/sprava/demografie/kapitola/")
    problems["chapter editor, empty"] = audit(page)
    page.click("form[action$='generovat/'] button[type=submit]")
    page.wait_for_selector("textarea[name=text]")
    problems["chapter editor, generated"] = audit(page)
    page.goto(demo_site.url + "/slany-2008-2010/sprava/demografie/")
    problems["statistics overview"] = audit(page)
    report = format_report(problems)
    assert not report, report
