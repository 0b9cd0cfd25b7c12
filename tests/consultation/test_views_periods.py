"""Staff pages of the comment periods: the persona sweep, creating and editing with errors at the field."""

import pytest
from django.utils import translation

from komplan.consultation.models import Comment, Consultation
from tests.personas import assert_every_view_swept, garbage_is_never_a_500, sweep

pytestmark = pytest.mark.django_db

S = "/en/slany/sprava/pripominky/obdobi/"
VALID = {
    "opens_on": "2007-10-01",
    "closes_on": "2007-10-31",
    "introduction": "Připomínky k verzi 1.",
    "contact_rule": "name",
    "max_length": "3000",
    "retention_days": "365",
    "reference_prefix": "KP",
}


def test_every_staff_view_for_the_three_personas(outsider, member, coordinator, consultation):
    S = "/slany/sprava/pripominky/obdobi/"
    rows = [
        ("get", S, 200),
        ("get", f"{S}nove/", 403),
        ("post", f"{S}nove/", 403),
        ("get", f"{S}{consultation.pk}/upravit/", 403),
        ("post", f"{S}{consultation.pk}/upravit/", 403),
    ]
    with translation.override("cs"):  # an earlier /en/ request may have left English active in this thread
        assert_every_view_swept(rows, "komplan.consultation.period_admin_urls")
        sweep(rows, outsider, member)
        garbage_is_never_a_500(rows, coordinator)
    consultation.refresh_from_db()
    assert consultation.closes_on.day == 31


def test_create_a_period(as_user, coordinator, comment_version):
    client = as_user(coordinator)
    page = client.get(S).content.decode()
    assert "Announce a comment period" in page
    assert client.get(f"{S}nove/").status_code == 200
    response = client.post(f"{S}nove/", {**VALID, "version": comment_version.pk})
    assert response.status_code == 302
    period = Consultation.objects.get()
    assert period.version == comment_version and period.contact_rule == "name" and period.max_length == 3000
    assert period.created_by == coordinator
    assert "1. 10. 2007 – 31. 10. 2007" in client.get(S).content.decode()


def test_errors_at_the_field(as_user, coordinator, comment_version):
    client = as_user(coordinator)
    response = client.post(f"{S}nove/", {**VALID, "version": comment_version.pk, "closes_on": "2007-09-30"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_closes_on_errors"' in html and "cannot end before it starts" in html
    assert not Consultation.objects.exists()


def test_only_a_comment_version_without_a_period(as_user, coordinator, consultation, process):
    from komplan.plan.services import freeze_version

    working = freeze_version(consultation.version.plan, coordinator)  # a working version: not offered
    client = as_user(coordinator)
    for version in (consultation.version, working):
        response = client.post(f"{S}nove/", {**VALID, "version": version.pk})
        assert response.status_code == 400 and 'id="id_version_errors"' in response.content.decode()
    assert Consultation.objects.count() == 1
    assert "already has its comment period" in client.get(S).content.decode()


def test_service_refuses_a_second_period_under_the_lock(coordinator, consultation):
    from komplan.consultation import services

    with pytest.raises(services.PeriodRefused) as exc:
        services.create_period(
            consultation.version, coordinator, opens_on=consultation.opens_on, closes_on=consultation.closes_on
        )
    assert exc.value.field == "version"


def test_edit_a_period(as_user, coordinator, consultation):
    client = as_user(coordinator)
    url = f"{S}{consultation.pk}/upravit/"
    assert client.get(url).status_code == 200
    response = client.post(url, {**VALID, "closes_on": "2007-11-15", "reference_prefix": "PR"})
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.closes_on.month == 11 and consultation.reference_prefix == "PR"
    assert client.post(url, {**VALID, "opens_on": "2007-12-01"}).status_code == 400
    assert client.get(f"{S}999/upravit/").status_code == 404


def test_prefix_is_kept_once_comments_have_numbers(as_user, coordinator, consultation):
    Comment.objects.create(consultation=consultation, reference="KP-2007-001", text="x")
    client = as_user(coordinator)
    response = client.post(f"{S}{consultation.pk}/upravit/", {**VALID, "reference_prefix": "XX"})
    assert response.status_code == 302  # the disabled field keeps its value
    consultation.refresh_from_db()
    assert consultation.reference_prefix == "KP"


def test_the_workspace_links_the_periods(as_user, coordinator, process):
    workspace = as_user(coordinator).get("/en/slany/sprava/").content.decode()
    assert 'href="/en/slany/sprava/pripominky/obdobi/"' in workspace
