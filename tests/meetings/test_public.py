"""Public pages of the meetings, the iCalendar feed and the files: public meetings only, no personal data."""

from __future__ import annotations

import icalendar
import pytest

from komplan.meetings import services
from tests.meetings.conftest import image_bytes
from tests.meetings.test_ics import assert_rfc5545

pytestmark = pytest.mark.django_db

PUBLIC = "/slany/schuzky/"


def test_public_list_shows_public_meetings_only(clients, meetings):
    for persona in ("anonymous", "outsider", "member", "coordinator"):
        page = clients[persona].get(PUBLIC)
        assert page.status_code == 200
        html = page.content.decode()
        assert "Schůzka PS senioři" in html and "Veřejné fórum" in html
        assert "Neveřejná porada" not in html
    assert [m.title for m in page.context["upcoming"]] == ["Veřejné fórum"]
    assert [m.title for m in page.context["past"]] == ["Schůzka PS senioři"]


def test_meeting_page_has_minutes_without_personal_data(clients, meetings):
    page = clients["anonymous"].get(f"{PUBLIC}{meetings['public'].pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<strong>pečovatelské službě</strong>" in html and "denní stacionář" in html
    assert "Zjistit kapacity stacionářů" in html  # tasks are public, their owners are not
    for name in ("Člen Pracovní", "Koordinátorka", "Host Hostovský", "Charita", "Pavla"):
        assert name not in html
    counts = page.context["counts"]
    assert (counts.present, counts.excused, counts.absent, counts.guests) == (2, 1, 0, 1)


def test_unpublished_minutes_and_internal_meetings_stay_hidden(clients, meetings):
    meeting = meetings["public"]
    services.publish_minutes(meeting, publish=False)
    html = clients["anonymous"].get(f"{PUBLIC}{meeting.pk}/").content.decode()
    assert "pečovatelské" not in html and "Zjistit kapacity" not in html
    for persona in ("anonymous", "outsider", "member", "coordinator"):
        assert clients[persona].get(f"{PUBLIC}{meetings['internal'].pk}/").status_code == 404
    assert clients["anonymous"].get(f"{PUBLIC}999999/").status_code == 404


def test_pages_of_a_hidden_process(client, process, meetings):
    process.is_public = False
    process.save()
    assert client.get(PUBLIC).status_code == 404
    assert client.get("/slany/schuzky.ics").status_code == 404


def test_the_feed_validates_and_has_public_meetings_only(client, meetings):
    response = client.get("/slany/schuzky.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = assert_rfc5545(response.content)
    events = calendar.walk("VEVENT")
    assert sorted(str(e["SUMMARY"]) for e in events) == ["Schůzka PS senioři", "Veřejné fórum"]
    assert {str(e["UID"]) for e in events} == {meetings["public"].uid, meetings["forum"].uid}
    assert b"Neve\xc5\x99ejn\xc3\xa1" not in response.content  # "Neveřejná"
    seniors = next(e for e in events if str(e["SUMMARY"]) == "Schůzka PS senioři")
    assert seniors.decoded("DTSTART").isoformat() == "2007-06-05T13:00:00+00:00"  # 15:00 in Prague
    assert str(seniors["URL"]).endswith(f"/slany/schuzky/{meetings['public'].pk}/")
    assert isinstance(calendar, icalendar.Calendar) and str(calendar["PRODID"]).startswith("-//komplan")
    # the same UID in every download (a subscribed calendar updates instead of duplicating)
    assert client.get("/slany/schuzky.ics").content.count(meetings["public"].uid.encode()) == 1


def test_public_photos_and_attachments(clients, meetings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    public, internal = meetings["public"], meetings["internal"]
    photo = services.add_photo(public, image_bytes(), "Účastníci u stolu", "Jednání")
    hidden = services.add_photo(internal, image_bytes(), "Porada")
    page = clients["anonymous"].get(f"{PUBLIC}{public.pk}/").content.decode()
    assert 'alt="Účastníci u stolu"' in page and "<figcaption>Jednání" in page
    thumb = clients["anonymous"].get(f"{PUBLIC}{public.pk}/foto/{photo.pk}/nahled.jpg")
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/jpeg"
    assert b"".join(thumb.streaming_content)[:2] == b"\xff\xd8"
    assert clients["anonymous"].get(f"{PUBLIC}{internal.pk}/foto/{hidden.pk}/foto.jpg").status_code == 404
    assert clients["outsider"].get(f"{PUBLIC}{internal.pk}/foto/{hidden.pk}/foto.jpg").status_code == 404
    assert clients["member"].get(f"{PUBLIC}{internal.pk}/foto/{hidden.pk}/foto.jpg").status_code == 200
    assert clients["anonymous"].get(f"{PUBLIC}{public.pk}/foto/{hidden.pk}/foto.jpg").status_code == 404

    shown = services.add_attachment(public, SimpleUploadedFile("prezentace.pdf", b"%PDF-1.4 x"), is_public=True)
    sheet = services.add_attachment(public, SimpleUploadedFile("prezencni-listina.pdf", b"%PDF-1.4 y"))
    page = clients["anonymous"].get(f"{PUBLIC}{public.pk}/").content.decode()
    assert "prezentace.pdf" in page and "prezencni-listina" not in page
    download = clients["anonymous"].get(f"{PUBLIC}{public.pk}/prilohy/{shown.pk}/")
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    assert clients["anonymous"].get(f"{PUBLIC}{public.pk}/prilohy/{sheet.pk}/").status_code == 404
    assert clients["member"].get(f"{PUBLIC}{public.pk}/prilohy/{sheet.pk}/").status_code == 200


def test_unknown_photo_size_is_not_found(clients, meetings):
    photo = services.add_photo(meetings["public"], image_bytes(), "Popis")
    assert clients["anonymous"].get(f"{PUBLIC}{meetings['public'].pk}/foto/{photo.pk}/original.jpg").status_code == 404


def test_english_pages(clients, meetings):
    page = clients["anonymous"].get(f"/en/slany/schuzky/{meetings['public'].pk}/").content.decode()
    assert 'lang="en"' in page and "Minutes" in page and "Photo gallery" in page
    assert clients["anonymous"].get("/en/slany/schuzky.ics").status_code == 200
    staff = clients["coordinator"].get(f"/en/slany/sprava/schuzky/{meetings['public'].pk}/").content.decode()
    assert "Send invitations by e-mail" in staff


def test_meetings_of_one_group_and_the_next_meeting_on_the_process_page(client, meetings, bodies):
    page = client.get("/slany/schuzky/?skupina=ps-seniori").content.decode()
    assert "Schůzka PS senioři" in page and "Veřejné fórum" not in page and "Neveřejná" not in page
    assert client.get("/slany/schuzky/?skupina=ridici").context["past"] == []  # its meeting is internal
    assert client.get("/slany/schuzky/?skupina=nic").status_code == 404
    assert client.get("/slany/schuzky/?skupina=a%00b").status_code == 404  # PostgreSQL refuses NUL: no 500
    home = client.get("/slany/").content.decode()
    assert "Veřejné fórum" in home and f"/slany/schuzky/{meetings['forum'].pk}/" in home
    meetings["forum"].is_public = False
    meetings["forum"].save()
    assert "Veřejné fórum" not in client.get("/slany/").content.decode()
