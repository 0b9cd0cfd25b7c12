"""Provider survey → catalogue: mapped answers become proposals the coordinator accepts (all or per field) or
rejects; corrections update the pending proposal; responses not linked to a service propose nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.urls import URLResolver, include, path
from django.utils import timezone

from config import urls as base
from komplan.directory.models import Capacity, DemandFigure, Funding, Source
from komplan.directory.review import ChangeRequest
from komplan.directory.review_services import ReviewError, accept, decide, reject
from komplan.surveys import admin_urls, catalogue_link, catalogue_urls, services
from komplan.surveys.models import Channel, Invitation, SurveyKind
from tests.conftest import person
from tests.directory.factories import make_organization, make_service

pytestmark = pytest.mark.django_db


def _localised(pattern) -> bool:
    return isinstance(pattern, URLResolver) and hasattr(pattern.pattern, "prefix_default_language")


# config.urls with the survey staff screens and this screen in the surveys_admin namespace, as the lead wires them.
urlpatterns = [
    *(p for p in base.urlpatterns if not _localised(p)),
    *i18n_patterns(
        path(
            "<slug:process>/sprava/pruzkumy/",
            include((admin_urls.urlpatterns + catalogue_urls.urlpatterns, "surveys_admin")),
        ),
        *(p for resolver in base.urlpatterns if _localised(resolver) for p in resolver.url_patterns),
        prefix_default_language=False,
    ),
]

QUESTIONNAIRE = {
    "language": "cs",
    "sections": [
        {
            "key": "a",
            "title": "Služba",
            "questions": [
                {"key": "rok", "type": "number", "label": "Za který rok", "maps_to": "reference_year"},
                {"key": "teren", "type": "number", "label": "Kapacita terénní formy", "maps_to": "capacity:ter"},
                {"key": "pobyt", "type": "number", "label": "Kapacita pobytové formy", "maps_to": "capacity:pob"},
                {"key": "poradnik", "type": "number", "label": "Pořadník", "maps_to": "waiting_list"},
                {"key": "odmitnuti", "type": "number", "label": "Odmítnutí", "maps_to": "refused_capacity"},
                {"key": "obec", "type": "number", "label": "Dotace obce", "maps_to": "funding:municipality"},
                {"key": "kraj", "type": "number", "label": "Rozpočet kraje", "maps_to": "funding:region"},
                {"key": "mail", "type": "text", "label": "E-mail", "maps_to": "contact:email"},
                {"key": "telefon", "type": "text", "label": "Telefon", "maps_to": "contact:phone"},
                {"key": "web", "type": "text", "label": "Web", "maps_to": "contact:web"},
                {"key": "spoluprace", "type": "textarea", "label": "Spolupráce s městem"},
                {"key": "divny", "type": "number", "label": "Neznámé pole", "maps_to": "capacity:xyz"},
            ],
        }
    ],
}
ANSWERS = {
    "rok": 2006,
    "teren": 65,
    "poradnik": 12,
    "odmitnuti": 4,
    "obec": 350000,
    "telefon": "+420 312 555 444",
    "web": "www.novy.example",
    "spoluprace": "Dobrá",
}


@pytest.fixture
def survey(process, coordinator):
    now = timezone.now()
    return services.create_survey(
        process,
        title="Výzkum poskytovatelů",
        kind=SurveyKind.PROVIDERS,
        definition=QUESTIONNAIRE,
        user=coordinator,
        is_published=True,
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=10),
        public_link=True,
    )


@pytest.fixture
def service(process):
    return make_service(
        "Pečovatelská služba Slaný (test)",
        "4",
        located_in="532819",
        forms={"ter": [("klient", 60)]},
        web="https://stary.example",
        phone="+420 312 555 444",
    )


def answer(survey, answers, invitation=None, channel=Channel.INVITATION):
    submission = services.Submission(answers=answers, channel=channel, invitation=invitation)
    response = services.submit(survey, submission, services.answer_context(survey.process))
    return response, catalogue_link.sync_response(response)


def invite(survey, service=None, organization=None):
    return Invitation.objects.create(
        survey=survey, service=service, organization=organization or (service.organization if service else None)
    )


def test_mapped_answers_become_a_proposal_with_old_and_new_values(survey, service):
    response, result = answer(survey, ANSWERS, invite(survey, service))
    change = result.proposal
    assert change.status == "pending" and change.service == service and change.process == survey.process
    assert change.changes == {
        "capacity:ter:klient": [60, 65],
        "waiting_list:2006": [None, 12],
        "refused_capacity:2006": [None, 4],
        "funding:2006:municipality": [None, 350000],
        "web": ["https://stary.example", "https://www.novy.example"],
    }  # the unchanged phone and the unmapped question are not proposed
    assert change.origin == f"survey-response:{response.pk}"
    assert f"#{response.pk}" in change.note and "Výzkum poskytovatelů" in change.note
    assert result.mapped.skipped == []
    service.refresh_from_db()
    assert service.web == "https://stary.example"  # nothing applied
    assert not DemandFigure.objects.exists() and not Funding.objects.exists()


def test_an_unknown_mapping_is_listed_not_guessed(survey, service):
    _response, result = answer(survey, {**ANSWERS, "divny": 3}, invite(survey, service))
    assert [label for label, _reason in result.mapped.skipped] == ["Neznámé pole"]
    assert not any("xyz" in key for key in result.proposal.changes)


def test_accepting_applies_every_value_with_provenance(survey, service, coordinator):
    response, result = answer(survey, ANSWERS, invite(survey, service))
    accept(result.proposal, coordinator, "ověřeno")
    service.refresh_from_db()
    assert service.web == "https://www.novy.example"
    assert Capacity.objects.get(service_form__service=service, capacity_type__code="klient").count == 65
    figure = DemandFigure.objects.get(service=service, year=2006)
    assert (figure.waiting_list, figure.refused_capacity, figure.source) == (12, 4, Source.SURVEY)
    assert f"#{response.pk}" in figure.source_detail
    assert figure.source_date == response.updated_at.date()  # when the provider answered
    funding = Funding.objects.get(service=service, year=2006, source__code="municipality")
    assert funding.amount == Decimal("350000") and f"#{response.pk}" in funding.note
    change = ChangeRequest.objects.get(pk=result.proposal.pk)
    assert (change.status, change.reviewed_by, change.review_note) == ("accepted", coordinator, "ověřeno")


def test_rejecting_leaves_the_catalogue_unchanged(survey, service, coordinator):
    _response, result = answer(survey, ANSWERS, invite(survey, service))
    reject(result.proposal, coordinator, "nesouhlasí s registrem")
    service.refresh_from_db()
    assert service.web == "https://stary.example"
    assert Capacity.objects.get(service_form__service=service).count == 60
    assert not DemandFigure.objects.exists() and not Funding.objects.exists()
    assert ChangeRequest.objects.get(pk=result.proposal.pk).status == "rejected"


def test_accepting_some_fields_splits_the_proposal(survey, service, coordinator):
    _response, result = answer(survey, ANSWERS, invite(survey, service))
    rejected = decide(result.proposal, coordinator, ["capacity:ter:klient", "waiting_list:2006"], "jen kapacita")
    accepted = ChangeRequest.objects.get(pk=result.proposal.pk)
    assert accepted.status == "accepted" and set(accepted.changes) == {"capacity:ter:klient", "waiting_list:2006"}
    assert rejected.status == "rejected" and set(rejected.changes) == {
        "refused_capacity:2006",
        "funding:2006:municipality",
        "web",
    }
    assert rejected.origin == accepted.origin
    service.refresh_from_db()
    assert service.web == "https://stary.example"
    figure = DemandFigure.objects.get(service=service, year=2006)
    assert (figure.waiting_list, figure.refused_capacity) == (12, None)
    assert not Funding.objects.exists()


def test_a_correction_updates_the_pending_proposal(survey, service):
    invitation = invite(survey, service)
    _response, first = answer(survey, ANSWERS, invitation)
    _response, second = answer(survey, {**ANSWERS, "teren": 70, "web": ""}, invitation)
    assert second.proposal.pk == first.proposal.pk
    assert ChangeRequest.objects.count() == 1
    assert second.proposal.changes["capacity:ter:klient"] == [60, 70] and "web" not in second.proposal.changes
    # Answers that now match the catalogue withdraw the proposal.
    _response, third = answer(survey, {"rok": 2006, "teren": 60}, invitation)
    assert third.proposal is None and not ChangeRequest.objects.exists()


def test_a_correction_after_a_decision_proposes_only_the_new_difference(survey, service, coordinator):
    invitation = invite(survey, service)
    _response, first = answer(survey, ANSWERS, invitation)
    accept(first.proposal, coordinator)
    _response, second = answer(survey, {**ANSWERS, "poradnik": 15}, invitation)
    assert second.proposal.pk != first.proposal.pk
    assert second.proposal.changes == {"waiting_list:2006": [12, 15]}


@pytest.mark.urls(__name__)
def test_a_response_without_an_invitation_proposes_nothing_until_linked(as_user, survey, service, coordinator):
    response, result = answer(survey, ANSWERS, channel=Channel.WEB)
    assert result.service is None and result.proposal is None and not ChangeRequest.objects.exists()
    rows = catalogue_link.overview(survey)
    assert [(row.response, row.service) for row in rows] == [(response, None)]
    client = as_user(coordinator)
    url = f"/en/{survey.process.slug}/sprava/pruzkumy/{survey.slug}/katalog/odpoved/{response.pk}/"
    assert client.post(url, {"service": ""}).status_code == 400
    reply = client.post(url, {"service": service.pk})
    change = ChangeRequest.objects.get()
    assert reply.status_code == 302 and reply.url.endswith(f"/katalog/navrh/{change.pk}/")
    assert catalogue_link.target_service(response) == service  # the link is remembered on the proposal
    assert catalogue_link.sync_survey(survey).proposed == 1 and ChangeRequest.objects.count() == 1


def test_an_invitation_to_a_provider_with_one_service_links_to_that_service(survey, service):
    _response, result = answer(survey, ANSWERS, invite(survey, organization=service.organization))
    assert result.service == service and result.proposal is not None


def test_an_invitation_to_a_provider_with_several_services_is_not_linked(survey, service):
    make_service("Domov Slaný (test)", "13", organization=service.organization, located_in="532819")
    _response, result = answer(survey, ANSWERS, invite(survey, organization=service.organization))
    assert result.service is None and not ChangeRequest.objects.exists()


def test_a_service_outside_the_process_area_is_not_linked(survey):
    elsewhere = make_service("Služba v Přerově (test)", "4", located_in="511382")
    _response, result = answer(survey, ANSWERS, invite(survey, elsewhere))
    assert result.service is None and not ChangeRequest.objects.exists()


def test_capacity_takes_the_unit_of_the_service(survey, process):
    organization = make_organization("Domovy (test)")
    home = make_service("Domov (test)", "13", organization=organization, located_in="532819")
    _response, result = answer(survey, {"pobyt": 40}, invite(survey, home))
    assert result.proposal.changes == {"capacity:pob:luzka": [None, 40]}  # residential without a record: beds
    mixed = make_service(
        "Poradna (test)", "1", organization=organization, located_in="532819", forms={"ter": [("klient", 5)]}
    )
    _response, result = answer(survey, {"pobyt": 3}, invite(survey, mixed))
    assert result.proposal.changes == {"capacity:pob:klient": [None, 3]}  # the unit the service's other forms use


def test_a_form_in_several_units_is_not_guessed(survey, process):
    service = make_service(
        "Kontaktní centrum (test)", "24", located_in="532819", forms={"ter": [("klient", 5), ("kontakt", 900)]}
    )
    _response, result = answer(survey, {"teren": 10}, invite(survey, service))
    assert result.proposal is None and [label for label, _r in result.mapped.skipped] == ["Kapacita terénní formy"]


def test_invalid_contacts_are_listed_not_proposed(survey, service):
    _response, result = answer(survey, {"mail": "není adresa", "web": "http://"}, invite(survey, service))
    assert result.proposal is None
    assert {label for label, _r in result.mapped.skipped} == {"E-mail", "Web"}


def test_without_a_reference_year_the_figures_are_for_the_year_before_the_survey(survey, service):
    _response, result = answer(survey, {"poradnik": 3}, invite(survey, service))
    year = survey.opens_at.year - 1
    assert result.proposal.changes == {f"waiting_list:{year}": [None, 3]}


def test_a_stale_proposal_is_refused_until_the_answers_are_read_again(survey, service, coordinator):
    _response, result = answer(survey, {"rok": 2006, "teren": 65}, invite(survey, service))
    capacity = Capacity.objects.get(service_form__service=service)
    capacity.count = 62
    capacity.save()
    with pytest.raises(ReviewError):
        accept(result.proposal, coordinator)
    assert catalogue_link.sync_survey(survey).proposed == 1
    change = ChangeRequest.objects.get()
    assert change.changes == {"capacity:ter:klient": [62, 65]}
    accept(change, coordinator)
    assert Capacity.objects.get(service_form__service=service).count == 65


def test_an_editor_proposal_still_works_alongside(survey, service, coordinator):
    from komplan.directory.review_services import propose

    change = propose(survey.process, coordinator, service, {"phone": "+420 777 000 111"})
    accept(change, coordinator)
    service.refresh_from_db()
    assert service.phone == "+420 777 000 111"
    assert change.rows()[0][1] in ("Phone", "Telefon")


# --- the screen ------------------------------------------------------------------------------------------


def screen(process, survey, tail=""):
    return f"/en/{process.slug}/sprava/pruzkumy/{survey.slug}/katalog/{tail}"


@pytest.mark.urls(__name__)
def test_the_screen_with_personas(client, as_user, process, survey, service, member, outsider, coordinator):
    _response, result = answer(survey, ANSWERS, invite(survey, service))
    proposal = screen(process, survey, f"navrh/{result.proposal.pk}/")
    assert client.get(screen(process, survey)).status_code == 302  # anonymous → sign in
    assert as_user(outsider).get(screen(process, survey)).status_code == 404
    assert as_user(member).get(screen(process, survey)).status_code == 403
    assert as_user(member).get(proposal).status_code == 403
    coordinator_client = as_user(coordinator)
    page = coordinator_client.get(screen(process, survey))
    assert page.status_code == 200
    body = page.content.decode()
    assert service.name in body and "5 changes waiting for a decision" in body
    detail = coordinator_client.get(proposal).content.decode()
    assert "Registered capacity, field (outreach) (clients)" in detail and "350,000" in detail


@pytest.mark.urls(__name__)
def test_someone_without_catalogue_rights_sees_but_cannot_decide(monkeypatch, as_user, process, survey, service):
    from komplan.accounts import roles

    # No role runs surveys without editing the catalogue today; the screen must not rely on that.
    limited = roles.ROLE_PERMISSIONS[roles.Role.PLAN_PROCESSOR] - {roles.Perm.MANAGE_CATALOGUE}
    monkeypatch.setitem(roles.ROLE_PERMISSIONS, roles.Role.PLAN_PROCESSOR, limited)
    _response, result = answer(survey, ANSWERS, invite(survey, service))
    user = person("zpracovatel@example.org", "Zpracovatel", process, "plan_processor", "commissioner")
    client = as_user(user)
    url = screen(process, survey, f"navrh/{result.proposal.pk}/")
    page = client.get(url)
    assert page.status_code == 200 and 'name="decision"' not in page.content.decode()
    assert client.post(url, {"decision": "accept", "accepted": ["web"]}).status_code == 403
    assert ChangeRequest.objects.get().status == "pending"


@pytest.mark.urls(__name__)
def test_the_coordinator_accepts_ticked_fields_on_the_screen(as_user, process, survey, service, coordinator):
    _response, result = answer(survey, ANSWERS, invite(survey, service))
    client = as_user(coordinator)
    url = screen(process, survey, f"navrh/{result.proposal.pk}/")
    refused = client.post(url, {"decision": "accept"})
    assert refused.status_code == 400 and "accepted" in refused.context["form"].errors
    assert 'aria-invalid="true"' in refused.content.decode()
    reply = client.post(url, {"decision": "accept", "accepted": ["web", "capacity:ter:klient"], "note": "OK"})
    assert reply.status_code == 302
    service.refresh_from_db()
    assert service.web == "https://www.novy.example"
    assert Capacity.objects.get(service_form__service=service).count == 65
    assert not DemandFigure.objects.exists()
    statuses = sorted(ChangeRequest.objects.values_list("status", flat=True))
    assert statuses == ["accepted", "rejected"]
    assert client.post(url, {"decision": "reject"}).status_code == 400  # decided already: nothing happens
    page = client.get(screen(process, survey)).content.decode()
    assert "accepted" in page and "rejected" in page


@pytest.mark.urls(__name__)
def test_the_coordinator_rejects_on_the_screen_and_reads_again(as_user, process, survey, service, coordinator):
    _response, result = answer(survey, ANSWERS, invite(survey, service))
    client = as_user(coordinator)
    assert (
        client.post(screen(process, survey, f"navrh/{result.proposal.pk}/"), {"decision": "reject"}).status_code == 302
    )
    service.refresh_from_db()
    assert service.web == "https://stary.example"
    assert client.get(screen(process, survey, "znovu-nacist/")).status_code == 405
    assert client.post(screen(process, survey, "znovu-nacist/")).status_code == 302
    assert ChangeRequest.objects.filter(status="pending").count() == 1  # the answers still differ: proposed again


@pytest.mark.urls(__name__)
def test_a_proposal_of_another_survey_or_an_editor_is_not_shown_here(as_user, process, survey, service, coordinator):
    from komplan.directory.review_services import propose

    editor_change = propose(process, coordinator, service, {"phone": "+420 777 000 111"})
    client = as_user(coordinator)
    assert client.get(screen(process, survey, f"navrh/{editor_change.pk}/")).status_code == 404
    invited = invite(survey, service)
    _response, result = answer(survey, ANSWERS, invited)
    assert client.get(screen(process, survey, f"odpoved/{result.response.pk}/")).status_code == 404  # invited


def test_deleting_the_survey_withdraws_its_pending_proposals(survey, service, coordinator):
    from komplan.directory.review import ChangeRequest
    from komplan.surveys.survey_views import delete_survey

    _response, result = answer(survey, ANSWERS, invite(survey, service))
    assert ChangeRequest.objects.filter(pk=result.proposal.pk, status="pending").exists()

    delete_survey(survey)

    assert not ChangeRequest.objects.filter(pk=result.proposal.pk).exists()
