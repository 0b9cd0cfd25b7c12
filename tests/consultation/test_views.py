"""The public pages: the list of periods, the document with comment links, the form without JavaScript
(errors at the field, honeypot, rate limit, period closed), the confirmation page behind a signed token, the
confirmation e-mail, and the links from the process page and the plan's pages."""

import datetime as dt
import re

import pytest
from django.core import mail, signing

from komplan.consultation.models import Comment, ContactRule
from komplan.consultation.views import TOKEN_SALT

pytestmark = pytest.mark.django_db

EN = "/en/slany/pripominky/"
CS = "/slany/pripominky/"
EMAIL = "jana.tajna@example.cz"


def form_url(consultation, lang=EN):
    return f"{lang}{consultation.pk}/nova/"


def post(client, consultation, **data):
    values = {"text": "Chybí stacionář.", "name": "Jana Nováková", "email": EMAIL, **data}
    return client.post(form_url(consultation), values)


def test_periods_page_with_status_and_links(client, consultation, open_today):
    consultation.introduction = "Připomínky posílejte **písemně**."
    consultation.save()
    html = client.get(EN).content.decode()
    assert "open until 31. 10. 2007" in html
    assert "<strong>písemně</strong>" in html
    assert f'href="/en/slany/pripominky/{consultation.pk}/"' in html
    assert 'href="/en/slany/plan/verze/1/"' in html
    cs = client.get(CS).content.decode()
    assert "otevřeno do 31. 10. 2007" in cs


@pytest.mark.parametrize(
    ("day", "text"), [(dt.date(2007, 11, 1), "closed"), (dt.date(2007, 9, 1), "opens on 1. 10. 2007")]
)
def test_status_outside_the_period(client, consultation, on_day, day, text):
    on_day(day)
    assert text in client.get(EN).content.decode()


def test_settlement_link_only_when_published_and_never_a_500(client, consultation, on_day):
    from django.utils import timezone

    on_day(dt.date(2007, 12, 1))
    assert "has not been published yet" in client.get(EN).content.decode()
    consultation.settlement_published_at = timezone.now()
    consultation.save()
    assert client.get(EN).status_code == 200  # the settlement page may not be installed: no link, no error


def test_no_periods(client, process):
    assert "No comment period has been announced yet." in client.get(EN).content.decode()


def test_document_has_comment_links_while_open(client, consultation, first_paragraph, open_today, on_day):
    chapter, paragraph = first_paragraph
    html = client.get(f"{EN}{consultation.pk}/").content.decode()
    assert f'href="/en/slany/pripominky/{consultation.pk}/nova/?kapitola={chapter}&amp;odstavec={paragraph}"' in html
    assert f'href="/en/slany/pripominky/{consultation.pk}/nova/?kapitola={chapter}"' in html
    assert f'id="p-{paragraph}"' in html
    on_day(dt.date(2007, 11, 1))
    closed = client.get(f"{EN}{consultation.pk}/").content.decode()
    assert "/nova/" not in closed and f'id="p-{paragraph}"' in closed


def test_unknown_period_is_404(client, consultation, other_process):
    assert client.get(f"{EN}{consultation.pk + 1}/").status_code == 404
    assert client.get(f"/en/prerov/pripominky/{consultation.pk}/").status_code == 404


def test_form_quotes_the_paragraph_and_explains_privacy(client, consultation, first_paragraph, open_today):
    chapter, paragraph = first_paragraph
    html = client.get(form_url(consultation), {"kapitola": chapter, "odstavec": paragraph}).content.decode()
    assert "Paragraph 1 of chapter 1." in html and "<blockquote" in html
    assert f'name="kapitola" value="{chapter}"' in html and f'name="odstavec" value="{paragraph}"' in html
    assert "At most 5000 characters." in html
    assert "365 days after the settlement is published" in html and "never published" in html
    honeypot = re.search(r'<div class="kp-hp" aria-hidden="true">.*?</div>', html, re.S).group(0)
    assert 'tabindex="-1"' in honeypot and 'autocomplete="off"' in honeypot
    assert "(required)" in html  # the name, under the default rule


def test_form_for_a_paragraph_that_does_not_exist_is_404(client, consultation, open_today):
    assert client.get(form_url(consultation), {"odstavec": "00000000"}).status_code == 404


def test_form_when_closed_says_why(client, consultation, on_day):
    on_day(dt.date(2007, 11, 1))
    html = client.get(form_url(consultation)).content.decode()
    assert "The comment period ended on 31. 10. 2007." in html and "<textarea" not in html
    cs = client.get(form_url(consultation, CS)).content.decode()
    assert "Připomínkové řízení skončilo 31. 10. 2007." in cs


def test_post_stores_redirects_to_the_confirmation_and_mails(client, consultation, first_paragraph, open_today):
    chapter, paragraph = first_paragraph
    response = post(client, consultation, kapitola=chapter, odstavec=paragraph, publish_name="on")
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.reference == "KP-2007-001" and comment.publish_name and comment.paragraph_id == paragraph
    assert response["Location"].startswith(f"/en/slany/pripominky/{consultation.pk}/prijato/")
    page = client.get(response["Location"]).content.decode()
    assert "KP-2007-001" in page and "Chybí stacionář." in page
    assert EMAIL not in page
    (message,) = mail.outbox
    assert message.to == [EMAIL] and "KP-2007-001" in message.subject
    assert "KP-2007-001" in message.body and "Chybí stacionář." in message.body and "31. 10. 2007" in message.body
    assert "http://testserver/en/slany/pripominky/" in message.body


def test_no_mail_without_an_address(client, consultation, open_today):
    response = post(client, consultation, email="", postal_address="Slaný 1")
    assert response.status_code == 302 and not mail.outbox


def test_errors_at_the_field(client, consultation, open_today):
    response = post(client, consultation, text="  ", name="", email="neni-adresa", kapitola="neni")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_text_errors"' in html
    assert html.count("Write the text of your comment.") == 2  # the summary and the field, once each
    assert 'id="id_name_errors"' in html and 'id="id_email_errors"' in html
    assert 'aria-invalid="true"' in html and "kp-error-summary" in html
    assert "has no chapter" in html  # the hidden anchor's error is above the form
    assert not Comment.objects.exists()


def test_over_long_text_is_kept_for_correction(client, consultation, open_today):
    consultation.max_length = 100
    consultation.save()
    response = post(client, consultation, text="slovo " * 30)
    assert response.status_code == 400
    assert "at most 100 are accepted" in response.content.decode()
    assert "slovo slovo" in response.content.decode()


def test_post_after_the_end_keeps_the_text(client, consultation, on_day):
    on_day(dt.date(2007, 11, 1))
    response = post(client, consultation, text="Pozdní připomínka")
    assert response.status_code == 400
    html = response.content.decode()
    assert "The comment period ended on 31. 10. 2007." in html and "Pozdní připomínka" in html
    assert not Comment.objects.exists()


def test_honeypot_answers_as_success_and_stores_nothing(client, consultation, open_today):
    response = post(client, consultation, homepage="http://spam.example")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Your comment was received." in page and "KP-" not in page
    assert not Comment.objects.exists() and not mail.outbox


def test_rate_limit(client, consultation, open_today, settings):
    settings.CONSULTATION_RATE_LIMITS = ((1, 600),)
    assert post(client, consultation).status_code == 302
    response = post(client, consultation)
    assert response.status_code == 429 and "Too many comments" in response.content.decode()
    assert Comment.objects.count() == 1


def test_anonymous_rule(client, consultation, open_today):
    consultation.contact_rule = ContactRule.ANONYMOUS
    consultation.save()
    html = client.get(form_url(consultation)).content.decode()
    assert "required" not in re.search(r'<input[^>]*name="name"[^>]*>', html).group(0)
    assert post(client, consultation, name="", email="").status_code == 302


def test_confirmation_token_cannot_be_guessed_or_moved(client, consultation, open_today, comment_version):
    post(client, consultation)
    comment = Comment.objects.get()
    good = signing.dumps({"k": consultation.pk, "c": comment.pk}, salt=TOKEN_SALT)
    assert client.get(f"{EN}{consultation.pk}/prijato/{good}/").status_code == 200
    forged = signing.dumps({"k": consultation.pk, "c": comment.pk}, salt="other")
    assert client.get(f"{EN}{consultation.pk}/prijato/{forged}/").status_code == 404
    assert client.get(f"{EN}{consultation.pk}/prijato/{comment.pk}/").status_code == 404
    other = signing.dumps({"k": consultation.pk + 1, "c": comment.pk}, salt=TOKEN_SALT)
    assert client.get(f"{EN}{consultation.pk}/prijato/{other}/").status_code == 404


def test_emails_never_on_public_pages(client, consultation, first_paragraph, open_today):
    post(client, consultation, kapitola=first_paragraph[0])
    for path in (EN, f"{EN}{consultation.pk}/", form_url(consultation), "/en/slany/", "/en/slany/plan/verze/1/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert EMAIL not in response.content.decode(), path


def test_links_from_the_process_page_and_the_plan(client, consultation, open_today):
    home = client.get("/en/slany/").content.decode()
    assert 'href="/en/slany/pripominky/"' in home and "open until 31. 10. 2007" in home
    version = client.get("/en/slany/plan/verze/1/").content.decode()
    assert f'href="/en/slany/pripominky/{consultation.pk}/"' in version
    publication = client.get("/en/slany/plan/schvaleny/").content.decode()
    assert f'href="/en/slany/pripominky/{consultation.pk}/"' in publication
    archive = client.get("/en/slany/plan/verze/").content.decode()
    assert f'href="/en/slany/pripominky/{consultation.pk}/"' in archive


def test_plan_pages_without_a_period(client, comment_version):
    for path in ("/en/slany/plan/verze/1/", "/en/slany/plan/schvaleny/", "/en/slany/plan/verze/", "/en/slany/"):
        response = client.get(path)
        assert response.status_code == 200 and "/pripominky/" not in response.content.decode(), path
