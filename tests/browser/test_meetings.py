"""Meetings in a real browser: a coordinator uploads a gallery photo through the real form (a wrong file first,
refused at the field), and the public meeting page with the gallery passes axe-core and is usable by keyboard.

The process, a public meeting and the coordinator are created on a fresh Slaný process (the territories are
reloaded when an earlier transactional test has flushed them); uploads go to a temporary MEDIA_ROOT.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.browser.a11y import audit, format_report
from tests.browser.test_accessibility import _sign_in
from tests.meetings.conftest import image_bytes

PASSWORD = "correct horse battery"


@pytest.fixture
def site(transactional_db, live_server, settings, tmp_path):
    from komplan.meetings.models import Meeting
    from komplan.territory.importers import load_territories
    from komplan.territory.models import Territory
    from tests.conftest import make_process, person

    settings.MEDIA_ROOT = tmp_path / "media"
    if not Territory.objects.filter(level="municipality", code="532819").exists():
        load_territories()
    process = make_process()
    person("koordinator@example.org", "Koordinátorka Testovací", process, "coordinator", "commissioner")
    prague = dt.timezone(dt.timedelta(hours=2))
    meeting = Meeting.objects.create(
        process=process,
        title="První schůzka strategického týmu",
        starts_at=dt.datetime(2007, 5, 14, 15, tzinfo=prague),
        ends_at=dt.datetime(2007, 5, 14, 17, 30, tzinfo=prague),
        place="Městský úřad Slaný",
        agenda="1. Vize\n2. SWOT analýza",
        is_public=True,
    )
    return {"url": live_server.url, "meeting": meeting}


def test_a_coordinator_uploads_a_gallery_photo_and_the_public_page_is_accessible(site, page, tmp_path):
    from komplan.meetings.models import Photo

    meeting = site["meeting"]
    problems = {}
    _sign_in(page, site["url"], "koordinator@example.org", PASSWORD)
    page.goto(f"{site['url']}/slany/sprava/schuzky/{meeting.pk}/")
    problems["staff meeting page"] = audit(page)
    page.click("a[href$='/fotografie/pridat/']")
    page.wait_for_selector("input[name=image]")
    problems["photo form"] = audit(page)

    not_an_image = tmp_path / "fotka.jpg"
    not_an_image.write_bytes(b"%PDF-1.4 a document renamed to .jpg")
    page.set_input_files("input[name=image]", str(not_an_image))
    page.fill("input[name=alt_text]", "Účastníci schůzky u stolu")
    page.click("form.kp-form button[type=submit]")
    page.wait_for_selector("input[name=image][aria-invalid=true]")
    problems["photo form with an error"] = audit(page)
    assert not Photo.objects.exists()

    photo = tmp_path / "IMG_0001.jpg"
    photo.write_bytes(image_bytes(size=(2000, 1500)))
    page.set_input_files("input[name=image]", str(photo))
    page.fill("input[name=alt_text]", "Účastníci schůzky u stolu nad SWOT analýzou")
    page.fill("input[name=caption]", "Jednání 14. 5. 2007")
    page.click("form.kp-form button[type=submit]")
    page.wait_for_url(lambda url: url.endswith("#fotogalerie"))
    assert Photo.objects.filter(meeting=meeting, alt_text="Účastníci schůzky u stolu nad SWOT analýzou").exists()

    public = f"{site['url']}/slany/schuzky/{meeting.pk}/"
    page.goto(public)
    image = page.locator(".kp-gallery figure img")
    assert image.get_attribute("alt") == "Účastníci schůzky u stolu nad SWOT analýzou"
    assert page.locator(".kp-gallery figcaption").inner_text().startswith("Jednání 14. 5. 2007")
    assert page.evaluate("() => document.querySelector('.kp-gallery img').naturalWidth") == 400
    problems["public meeting page with the gallery"] = audit(page)

    # keyboard: Tab reaches the photo's link, Enter opens the larger photo
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('.kp-gallery')"):
            break
    else:
        raise AssertionError("Tab never reached the gallery")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.endswith("/foto.jpg"))
    assert page.evaluate("() => document.querySelector('img').naturalWidth") == 1600
    report = format_report(problems)
    assert not report, report


def test_every_meeting_page_is_accessible(site, page):
    """Staff pages with data (attendance, guests, tasks, attachments, minutes), forms with errors, the conflict
    page, "my tasks" and the public list pass axe."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from komplan.accounts.models import Membership
    from komplan.meetings import services
    from komplan.meetings.models import Meeting

    meeting = site["meeting"]
    coordinator = Membership.objects.get(user__email="koordinator@example.org")
    services.record_attendance(meeting, {coordinator: "present"})
    services.add_guest(meeting, "Zpracovatel KPSS", "agentura ViP", "present")
    services.add_task(meeting, "Svolat pracovní skupiny", coordinator, dt.date(2007, 5, 31))
    services.add_attachment(meeting, SimpleUploadedFile("prezentace.pdf", b"%PDF-1.4"), is_public=True)
    meeting.discussion, meeting.decisions = "Vize a **SWOT**", "1. Tři pracovní skupiny"
    services.save_meeting(meeting, ["discussion", "decisions"], meeting.version)
    services.publish_minutes(meeting)

    base = f"{site['url']}/slany"
    _sign_in(page, site["url"], "koordinator@example.org", PASSWORD)
    problems = {}
    for path in (
        "/sprava/schuzky/",
        f"/sprava/schuzky/{meeting.pk}/",
        "/sprava/schuzky/nova/",
        f"/sprava/schuzky/{meeting.pk}/upravit/",
        f"/sprava/schuzky/{meeting.pk}/zapis/",
        f"/sprava/schuzky/{meeting.pk}/dochazka/",
        "/sprava/schuzky/ukoly/",
        "/schuzky/",
        f"/schuzky/{meeting.pk}/",
        "/sprava/",
        "/",
    ):
        page.goto(base + path)
        problems[path] = audit(page)

    page.goto(base + "/sprava/schuzky/nova/")
    page.fill("input[name=title]", "Chybná schůzka")
    page.fill("input[name=starts_at]", "2007-06-27T15:00")
    page.fill("input[name=ends_at]", "2007-06-27T14:00")
    page.click("form.kp-form button[type=submit]")
    page.wait_for_selector("input[name=ends_at][aria-invalid=true]")
    problems["new meeting, end before start"] = audit(page)

    page.goto(base + f"/sprava/schuzky/{meeting.pk}/zapis/")
    Meeting.objects.filter(pk=meeting.pk).update(decisions="Změna od kolegy", version=meeting.version + 5)
    page.fill("textarea[name=decisions]", "Moje změna")
    page.click("form.kp-form button[type=submit]")
    page.wait_for_selector(".kp-conflict")
    assert "Změna od kolegy" in page.inner_text(".kp-conflict")
    assert page.input_value("textarea[name=decisions]") == "Moje změna"
    problems["minutes, conflict"] = audit(page)
    report = format_report(problems)
    assert not report, report
