"""The public questionnaire in a real browser: filled and sent with the keyboard only, conditional questions
shown and hidden by the script, axe on every state (empty, with errors, thank-you, saved, closed, paper
entry), 200 % text and a phone without sideways scrolling, and N sends through the form are N responses.

The survey has every question type (tests/surveys/every_type.py) and is created on a fresh Slaný process;
the territories are reloaded when an earlier transactional test has flushed them.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.browser.a11y import audit, format_report
from tests.browser.test_accessibility import _sign_in

PASSWORD = "correct horse battery"


@pytest.fixture
def site(transactional_db, live_server, settings):
    from komplan.territory.importers import load_territories
    from komplan.territory.models import Territory
    from tests.conftest import make_process
    from tests.surveys.every_type import make_catalogue, make_survey

    settings.SURVEY_RATE_LIMIT = None  # every page of these tests comes from 127.0.0.1
    if not Territory.objects.filter(level="municipality", code="532819").exists():
        load_territories()
    from komplan.directory.codelists import load_codelists
    from komplan.directory.models import CodelistItem

    if not CodelistItem.objects.exists():
        load_codelists()
    process = make_process()
    make_catalogue()
    survey = make_survey(process, introduction="Děkujeme, že **pomůžete** plánovat sociální služby.")
    return {"url": live_server.url, "process": process, "survey": survey}


def form_url(site) -> str:
    return f"{site['url']}/slany/pruzkumy/{site['survey'].slug}/"


def tab_to(page, selector: str, limit: int = 250) -> None:
    """Press Tab until the focus is on ``selector`` (as a keyboard user would), failing if it never gets there."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_the_questionnaire_is_filled_and_sent_with_the_keyboard(site, page):
    from komplan.surveys.models import Response

    page.goto(form_url(site))
    tab_to(page, "#q-obec-input")
    page.keyboard.press("ArrowDown")  # the first municipality of the planning area
    tab_to(page, "#q-vek-input")
    page.keyboard.type("71")
    tab_to(page, "input[name=vyuziva]")
    page.keyboard.press("Space")  # "Ano, já"
    tab_to(page, "#q-informace-0")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # two sources of information
    tab_to(page, "input[name=spokojenost]")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # 3
    for row in ("dostupnost", "cena", "personal"):  # shown by the script because of "Ano, já"
        tab_to(page, f"input[name='hodnoceni.{row}']")
        page.keyboard.press("Space")
        page.keyboard.press("ArrowRight")  # 2
    tab_to(page, "input[name='katalog.known']")
    page.keyboard.press("Space")
    tab_to(page, "#q-chybi-input")
    page.keyboard.type("denní stacionář")
    page.keyboard.press("Enter")  # the first button: send

    page.wait_for_url(lambda url: "/dekujeme/" in url)
    stored = Response.objects.get()
    assert f"{stored.pk}" in page.inner_text("main")
    assert stored.answers["obec"] == "532819" and stored.answers["vek"] == 71
    assert stored.answers["vyuziva"] == "ja" and stored.answers["informace"] == ["urad", "web"]
    assert stored.answers["spokojenost"] == 3
    assert stored.answers["hodnoceni"] == {"dostupnost": 2, "cena": 2, "personal": 2}
    assert len(stored.answers["katalog"]["known"]) == 1 and stored.answers["chybi"] == "denní stacionář"


def test_conditional_questions_follow_the_answers(site, page):
    page.goto(form_url(site))

    assert page.is_visible("#q-spokojenost") and page.is_hidden("#q-hodnoceni")
    page.check("#q-vyuziva-0")  # "Ano, já"
    assert page.is_visible("#q-hodnoceni")
    page.check("#q-hodnoceni-0-4")
    page.check("#q-vyuziva-2")  # "Ne": neither the rating nor the satisfaction apply
    assert page.is_hidden("#q-hodnoceni") and page.is_hidden("#q-spokojenost")
    assert page.is_disabled("#q-hodnoceni-0-4")  # a hidden answer is not sent
    page.select_option("#q-obec-input", "532819")
    page.click("button[value=send]")

    page.wait_for_url(lambda url: "/dekujeme/" in url)
    from komplan.surveys.models import Response

    assert Response.objects.get().answers == {"obec": "532819", "vyuziva": "ne"}


def test_every_state_passes_axe(site, page):
    problems = {}
    page.goto(form_url(site))
    problems["empty form"] = audit(page)

    page.fill("#q-vek-input", "300")
    page.click("button[value=send]")
    page.wait_for_selector("#kp-error-summary")
    assert page.evaluate("document.activeElement.id") == "kp-error-summary"  # the summary takes the focus
    problems["form with errors"] = audit(page)

    page.select_option("#q-obec-input", "532819")
    page.fill("#q-vek-input", "")
    page.click("button[value=save]")
    page.wait_for_url(lambda url: "/ulozeno/" in url)
    problems["saved, with the resume link"] = audit(page)

    page.goto(page.inner_text(".kp-resume-link"))
    page.check("#q-vyuziva-2")
    page.click("button[value=send]")
    page.wait_for_url(lambda url: "/dekujeme/" in url)
    problems["thank-you page"] = audit(page)

    page.goto(f"{site['url']}/slany/pruzkumy/")
    problems["list of surveys"] = audit(page)

    survey = site["survey"]
    survey.closes_at = timezone.now() - dt.timedelta(hours=1)
    survey.save()
    page.goto(form_url(site))
    assert "This survey closed on" in page.inner_text("main") or "uzavřen" in page.inner_text("main").lower()
    problems["closed survey"] = audit(page)
    report = format_report(problems)
    assert not report, report


def test_paper_entry_passes_axe(site, page):
    from tests.conftest import person

    person("koordinator@example.org", "Koordinátorka", site["process"], "coordinator", "commissioner")
    _sign_in(page, site["url"], "koordinator@example.org", PASSWORD)
    entry = f"{site['url']}/slany/sprava/pruzkumy/{site['survey'].slug}/papirove/"
    problems = {}

    page.goto(entry)
    problems["paper entry"] = audit(page)
    page.click("button[value=next]")
    page.wait_for_selector("#kp-error-summary")
    problems["paper entry with errors"] = audit(page)
    page.select_option("#q-obec-input", "532819")
    page.check("#q-vyuziva-2")
    page.click("button[value=send]")
    page.wait_for_url(lambda url: url.rstrip("/").split("/")[-1].isdigit())
    problems["paper questionnaire to correct"] = audit(page)
    page.goto(entry)
    problems["paper entry with the list"] = audit(page)
    report = format_report(problems)
    assert not report, report


@pytest.mark.parametrize(
    ("width", "font"),
    [(1280, "200%"), (375, "100%"), (320, "100%")],
    ids=["200 % text", "phone", "small phone"],
)
def test_no_sideways_scrolling(site, page, width, font):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(form_url(site))
    page.evaluate("(size) => { document.documentElement.style.fontSize = size; }", font)
    page.check("#q-vyuziva-0")  # show the matrix too

    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"the questionnaire scrolls sideways by {overflow}px at {width}px and {font} text"


def test_n_sends_through_the_form_are_n_responses(site, page):
    from komplan.surveys.models import Response

    sends = 3
    for _ in range(sends):
        page.goto(form_url(site))
        page.select_option("#q-obec-input", "532819")
        page.check("#q-vyuziva-2")
        page.click("button[value=send]")
        page.wait_for_url(lambda url: "/dekujeme/" in url)

    assert Response.objects.filter(survey=site["survey"], status="submitted").count() == sends
