"""Staff pages of the comments: the persona sweep, the flags (evaluate_comments; personal data need
view_personal_data; publishing needs edit_plan), the evaluation form with its history and conflicts, moderation,
erasure and staff entry through the form."""

import pytest
from django.core import mail

from komplan.consultation.models import Comment, Evaluation
from tests.conftest import person
from tests.personas import assert_every_view_swept, garbage_is_never_a_500, sweep

from .staff_helpers import SECRET_ADDRESS, SECRET_EMAIL, decide, enter

pytestmark = pytest.mark.django_db


@pytest.fixture
def steering(process):
    """evaluate_comments without view_personal_data"""
    return person("ridici@example.org", "Členka Řídicí", process, "steering_member", "provider")


@pytest.fixture
def comment(consultation, coordinator):
    return enter(consultation, coordinator)


def base(consultation):
    return f"/slany/sprava/pripominky/{consultation.pk}/"


def test_every_staff_view_for_the_three_personas(outsider, member, coordinator, consultation, comment):
    b = base(consultation)
    c = f"{b}pripominka/{comment.pk}/"
    rows = [
        ("get", "/slany/sprava/pripominky/", 403),
        ("get", b, 403),
        ("get", f"{b}fronta/", 403),
        ("get", f"{b}zadat/", 403),
        ("post", f"{b}zadat/", 403),
        ("get", f"{b}vyporadani/", 403),
        ("post", f"{b}vyporadani/", 403),
        ("get", c, 403),
        ("post", c, 403),
        ("post", f"{c}skryt/", 403),
        ("post", f"{c}zobrazit/", 403),
        ("post", f"{c}vymazat-udaje/", 403),
        ("get", f"{c}sken/", 403),
    ]
    assert_every_view_swept(rows, "komplan.consultation.admin_urls")
    sweep(rows, outsider, member)
    assert not Evaluation.objects.exists() and Comment.objects.get().email == SECRET_EMAIL
    garbage_is_never_a_500(rows, coordinator)


def test_personal_data_only_with_the_flag(client, steering, coordinator, consultation, comment):
    url = f"{base(consultation)}pripominka/{comment.pk}/"
    client.force_login(steering)
    html = client.get(url).content.decode()
    assert comment.text in html and SECRET_EMAIL not in html and SECRET_ADDRESS not in html
    assert client.post(f"{url}vymazat-udaje/", {"confirm": "on"}).status_code == 403
    assert client.get(f"{url}sken/").status_code == 403
    client.force_login(coordinator)
    html = client.get(url).content.decode()
    assert SECRET_EMAIL in html and SECRET_ADDRESS in html


def test_the_paragraph_is_quoted(as_user, coordinator, consultation, first_paragraph, comment_version):
    chapter, paragraph = first_paragraph
    anchored = enter(consultation, coordinator, chapter_key=chapter, paragraph_id=paragraph)
    html = as_user(coordinator).get(f"{base(consultation)}pripominka/{anchored.pk}/").content.decode()
    text = next(
        p["text"]
        for c in comment_version.snapshot["chapters"]
        for b in c["blocks"]
        if b["kind"] == "narrative"
        for p in b["paragraphs"]
        if p["id"] == paragraph
    )
    assert "<blockquote>" in html and f"#p-{paragraph}" in html
    assert text.split()[0] in html


def test_evaluating_through_the_form_keeps_the_history(client, steering, consultation, comment):
    url = f"{base(consultation)}pripominka/{comment.pk}/"
    client.force_login(steering)
    first = {
        "relevance": "not_relevant",
        "relevance_reason": "Netýká se plánu.",
        "answer": "Děkujeme.",
        "opened_evaluation": "0",
    }
    assert client.post(url, first).status_code == 302
    previous = Evaluation.objects.get()
    # someone opened the form before the first decision: 409, nothing overwritten
    second = {"relevance": "relevant", "decision": "partly", "answer": "Zčásti.", "opened_evaluation": "0"}
    response = client.post(url, second)
    assert response.status_code == 409 and Evaluation.objects.count() == 1
    assert client.post(url, {**second, "opened_evaluation": str(previous.pk)}).status_code == 302
    comment.refresh_from_db()
    assert Evaluation.objects.filter(comment=comment).count() == 2 and comment.evaluation.decision == "partly"
    html = client.get(url).content.decode()
    assert "Netýká se plánu." in html and "Zčásti." in html
    # errors at the field
    response = client.post(
        url, {"relevance": "relevant", "decision": "", "answer": "x", "opened_evaluation": str(comment.evaluation_id)}
    )
    assert response.status_code == 400 and Evaluation.objects.count() == 2


def test_queue_and_filters(as_user, coordinator, consultation, comment):
    other = enter(consultation, coordinator, text="Druhá připomínka.", channel="paper")
    decide(other, coordinator)
    client = as_user(coordinator)
    queue = client.get(f"{base(consultation)}fronta/").content.decode()
    assert comment.reference in queue and other.reference not in queue
    filtered = client.get(base(consultation), {"kanal": "paper"}).content.decode()
    assert other.reference in filtered and comment.reference not in filtered
    index = client.get("/slany/sprava/pripominky/").content.decode()
    assert f"{base(consultation)}fronta/" in index


def test_hide_unhide_and_erase(as_user, coordinator, consultation, comment):
    client = as_user(coordinator)
    url = f"{base(consultation)}pripominka/{comment.pk}/"
    assert client.post(f"{url}skryt/", {"reason": ""}).status_code == 400
    assert client.post(f"{url}skryt/", {"reason": "Urážky."}).status_code == 302
    comment.refresh_from_db()
    assert comment.hidden and comment.hidden_reason == "Urážky."
    assert client.post(f"{url}zobrazit/").status_code == 302
    assert client.post(f"{url}vymazat-udaje/", {}).status_code == 400
    assert client.post(f"{url}vymazat-udaje/", {"confirm": "on"}).status_code == 302
    comment.refresh_from_db()
    assert not comment.hidden and comment.email == "" and comment.anonymised_at


def test_staff_entry_form(as_user, coordinator, consultation, first_paragraph):
    chapter, paragraph = first_paragraph
    client = as_user(coordinator)
    url = f"{base(consultation)}zadat/"
    assert client.get(url).status_code == 200
    data = {
        "channel": "post",
        "received_on": "2007-10-12",
        "anchor": f"{chapter}/{paragraph}",
        "text": "Dopis k odstavci.",
        "name": "Jan Novák",
        "postal_address": "Slaný",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = Comment.objects.get()
    assert (saved.chapter_key, saved.paragraph_id, saved.channel) == (chapter, paragraph, "post")
    response = client.post(url, {**data, "received_on": "2007-12-01"})
    assert response.status_code == 400
    assert Comment.objects.count() == 1


def test_publish_needs_edit_plan_and_sends_once(client, steering, coordinator, consultation, comment, settings):
    decide(comment, coordinator)
    url = f"{base(consultation)}vyporadani/"
    client.force_login(steering)
    assert client.get(url).status_code == 200
    assert client.post(url, {"introduction": ""}).status_code == 403
    client.force_login(coordinator)
    assert client.post(url, {"introduction": "Úvod."}).status_code == 302
    assert client.post(url, {"introduction": "Úvod."}).status_code == 302
    assert len(mail.outbox) == 1
    consultation.refresh_from_db()
    assert consultation.settlement_published_at and consultation.settlement_introduction == "Úvod."


def test_the_scan_is_served_to_those_with_personal_data(as_user, coordinator, consultation, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    scanned = enter(consultation, coordinator, scan=SimpleUploadedFile("dopis.pdf", pdf))
    response = as_user(coordinator).get(f"{base(consultation)}pripominka/{scanned.pk}/sken/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "KP-2007-001.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == pdf
