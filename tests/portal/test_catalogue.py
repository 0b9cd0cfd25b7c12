"""The public catalogue of a process: search and filters, service and provider pages, with the personas.

The records are small hand-made fixtures (tests/directory/factories.py), all marked illustrative.
"""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from komplan.directory.filters import parse_filters
from komplan.directory.models import Contact
from tests.conftest import make_process
from tests.directory.factories import make_organization, make_service

pytestmark = pytest.mark.django_db

SLANY, KLADNO, PREROV = "532819", "532053", "511382"


# Czech paths, the same in both languages; English pages are under /en/.
def catalogue_url(process):
    return f"/{process.slug}/katalog/"


def service_url(process, service):
    return f"/{process.slug}/katalog/sluzba/{service.pk}/"


def provider_url(process, organization):
    return f"/{process.slug}/katalog/poskytovatel/{organization.pk}/"


def test_url_names():
    with translation.override("cs"):
        assert reverse("portal:catalogue", kwargs={"process": "slany"}) == "/slany/katalog/"
        assert reverse("portal:catalogue_service", kwargs={"process": "slany", "pk": 7}) == "/slany/katalog/sluzba/7/"
        assert (
            reverse("portal:catalogue_provider", kwargs={"process": "slany", "pk": 7})
            == "/slany/katalog/poskytovatel/7/"
        )


def text(response) -> str:
    """The visible text of a page, tags dropped and whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def services(process):
    return {
        "home_care": make_service(
            "Pečovatelská služba Slaný",
            "4",
            located_in=SLANY,
            serves=(SLANY,),
            forms={"ter": [("klient", 120)]},
            target_groups=("24",),
        ),
        "field_home_care": make_service(
            "Pečovatelská služba Kladno",
            "4",
            located_in=KLADNO,
            serves=(KLADNO, SLANY),
            forms={"ter": [("klient", 80)]},
            target_groups=("24",),
        ),
        "prerov_home_care": make_service(
            "Pečovatelská služba Přerov", "4", located_in=PREROV, serves=(PREROV,), forms={"ter": [("klient", 50)]}
        ),
        "home": make_service(
            "Domov Slaný", "13", located_in=SLANY, forms={"pob": [("luzka", 32)]}, target_groups=("24",)
        ),
        "respite": make_service(
            "Odlehčovací služba Slaný",
            "8",
            located_in=SLANY,
            forms={"pob": [("luzka", 4)], "amb": [("klient", 6)]},
            target_groups=("26",),
        ),
    }


def test_searching_home_care_finds_the_services_serving_slany_only(client, process, services):
    response = client.get(catalogue_url(process), {"q": "pecovatelska sluzba"})

    assert response.status_code == 200
    found = [card["service"] for card in response.context["cards"]]
    assert set(found) == {services["home_care"], services["field_home_care"]}
    body = text(response)
    assert "Pečovatelská služba Přerov" not in body
    assert response.context["page"].paginator.count == 2


def test_the_list_shows_cards_with_provider_type_forms_and_presence(client, process, services):
    response = client.get(catalogue_url(process))

    body = response.content.decode()
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 4  # not the Přerov service
    assert 'id="catalogue-status" class="kp-sr-only" role="status"' in body and 'id="catalogue-results"' in body
    assert "Poskytovatel Domov Slaný" in body  # the provider
    assert "pečovatelská služba" in body.lower()  # the type
    assert "32 lůžek" in body
    # Capacities of different forms stay apart, each with its unit: never "10" of anything.
    respite = text(client.get(catalogue_url(process), {"type": "8"}))
    assert "Pobytová: 4 lůžka" in respite and "Ambulantní: 6 klientů" in respite  # Czech plural forms
    assert "10 " not in respite.split("Odlehčovací služba Slaný", 1)[1]
    presence = {card["service"].name: card["presence"] for card in response.context["cards"]}
    assert presence["Pečovatelská služba Kladno"] == "covers"
    assert presence["Domov Slaný"] == "located"
    assert "illustrative record" in text(client.get("/en" + catalogue_url(process)))


def test_results_are_in_czech_order(client, process):
    for name in ("Čtyřlístek", "Chráněné bydlení Slaný", "Centrum", "Hospic"):
        make_service(name, "15", located_in=SLANY)
    names = [card["service"].name for card in client.get(catalogue_url(process)).context["cards"]]
    assert names == ["Centrum", "Čtyřlístek", "Hospic", "Chráněné bydlení Slaný"]


def test_filter_state_round_trips_through_the_url(client, process, services):
    params = {"q": "slaný", "type": ["4", "8"], "form": "ter", "target_group": "24", "situation": "pecuji-o-blizkeho"}
    response = client.get(catalogue_url(process), params)

    assert response.status_code == 200
    filters = response.context["filters"]
    assert parse_filters(dict_of(filters.querystring()), process=process) == filters
    again = client.get(f"{catalogue_url(process)}?{filters.querystring()}")
    assert again.context["filters"] == filters
    assert [c["service"] for c in again.context["cards"]] == [c["service"] for c in response.context["cards"]]
    body = response.content.decode()
    assert 'value="slaný"' in body
    assert re.search(r'id="filter-type-4" name="type" value="4" checked', body)
    assert re.search(r'id="filter-type-8" name="type" value="8" checked', body)
    assert re.search(r'id="filter-type-13" name="type" value="13">', body)  # offered, not chosen
    assert re.search(r'id="filter-form-ter" name="form" value="ter" checked', body)
    assert re.search(r'<option value="pecuji-o-blizkeho" selected>', body)
    assert [c["service"] for c in response.context["cards"]] == [services["home_care"]]


def dict_of(querystring: str) -> dict:
    from django.http import QueryDict

    return QueryDict(querystring)


def test_the_form_works_without_javascript_and_offers_htmx(client, process, services):
    body = client.get(catalogue_url(process)).content.decode()
    form = re.search(r"<form[^>]*role=\"search\"[^>]*>", body).group(0)
    assert 'method="get"' in form and f'action="{catalogue_url(process)}"' in form
    assert 'hx-target="#catalogue-results"' in form and 'hx-push-url="true"' in form
    for name in ("q", "situation", "form", "type", "target_group"):
        assert f'name="{name}"' in body
    assert '<label class="kp-label" for="filter-q">' in body
    assert "<legend" in body
    # Types absent from the catalogue (here: intervention centres, 34) are not offered.
    assert 'id="filter-type-34"' not in body


def test_htmx_gets_only_the_results(client, process, services):
    response = client.get(catalogue_url(process), {"type": "13"}, HTTP_HX_REQUEST="true")

    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and "<form" not in body
    assert "Domov Slaný" in body and "Pečovatelská služba Slaný" not in body
    assert 'id="catalogue-results-heading"' in body


@pytest.mark.parametrize(
    ("params", "parameter", "allowed_option"),
    [
        ({"type": "99"}, "type", 'id="filter-type-34"'),
        ({"target_group": "x"}, "target_group", 'id="filter-target_group-3"'),
        ({"form": "online"}, "form", 'id="filter-form-amb"'),
        ({"situation": "nevim"}, "situation", '<option value="dluhy"'),
        ({"municipality": PREROV}, "municipality", f'<option value="{SLANY}"'),
    ],
)
def test_an_unknown_filter_value_is_a_400_with_the_allowed_choices(
    client, process, services, params, parameter, allowed_option
):
    response = client.get(catalogue_url(process), params)

    body = response.content.decode()
    assert response.status_code == 400
    assert response.context["error"].parameter == parameter
    assert f'href="#filter-{parameter}"' in body  # the error summary links to the filter
    assert f'id="filter-{parameter}-error"' in body and 'class="kp-field-error"' in body
    assert allowed_option in body  # every allowed value is offered at the filter
    assert "<html" in body and "kp-card" not in body


def test_an_unknown_filter_value_via_htmx_reloads_the_full_page(client, process):
    response = client.get(catalogue_url(process), {"type": "99"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert response["HX-Redirect"] == f"{catalogue_url(process)}?type=99"


def test_filter_by_life_situation_and_municipality(client, other_process):
    prerov = make_service("Pečovatelská služba Přerov", "4", located_in=PREROV, serves=(PREROV,))
    kojetin = make_service("Pečovatelská služba Kojetín", "4", located_in="514055")
    make_service("Kontaktní centrum Přerov", "22", located_in=PREROV)
    url = catalogue_url(other_process)

    caring = client.get(url, {"situation": "pecuji-o-blizkeho"}).context["cards"]
    assert {c["service"] for c in caring} == {prerov, kojetin}
    in_kojetin = client.get(url, {"municipality": "514055"}).context["cards"]
    assert [c["service"] for c in in_kojetin] == [kojetin]
    body = client.get(url).content.decode()
    assert 'id="filter-municipality"' in body and '<option value="514055">Kojetín</option>' in body


def test_an_empty_catalogue_and_no_match_have_an_empty_state(client, process, services):
    assert "No service matches" in text(client.get("/en" + catalogue_url(process), {"q": "zzzz"}))
    assert "No service matches" in text(client.get("/en" + catalogue_url(process), {"type": "34"}))
    empty = make_process(slug="prazdny", name="Prázdný plán", municipality_code="514055")
    assert "has no services yet" in text(client.get("/en" + catalogue_url(empty)))


def test_pagination_keeps_the_filters(client, process):
    for number in range(30):
        make_service(f"Služba {number:02d}", "1", located_in=SLANY)
    first = client.get(catalogue_url(process), {"type": "1"})
    body = first.content.decode()
    assert len(first.context["cards"]) == 25
    assert 'aria-label="Pages of results"' in body or "kp-pagination" in body
    assert 'href="?type=1&amp;page=2"' in body
    second = client.get(catalogue_url(process), {"type": "1", "page": "2"})
    assert len(second.context["cards"]) == 5
    assert 'aria-current="page"' in second.content.decode()


def test_the_list_takes_a_bounded_number_of_queries(client, process, django_assert_max_num_queries):
    for number in range(5):
        make_service(f"Služba {number}", "4", located_in=SLANY, forms={"ter": [("klient", 5)]}, target_groups=("24",))
    with django_assert_max_num_queries(20) as few:
        client.get(catalogue_url(process))
    for number in range(5, 30):
        make_service(f"Služba {number}", "4", located_in=SLANY, forms={"ter": [("klient", 5)]}, target_groups=("24",))
    with django_assert_max_num_queries(20) as many:
        client.get(catalogue_url(process))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_service_page_shows_everything(client, process, services):
    service = services["respite"]
    service.description = "Pomáháme pečujícím."
    service.fees = "Podle ceníku."
    service.opening_hours = "Po–Pá 7–15"
    service.how_to_get = "Zavolejte sociální pracovnici."
    service.in_regional_network = True
    service.registry_id = "1234567"
    service.source_date = "2025-03-01"
    service.save()
    Contact.objects.create(service=service, name="Jana Veřejná", title="sociální pracovnice", phone="123 456 789")
    Contact.objects.create(service=service, name="Petr Soukromý")

    response = client.get(service_url(process, service))

    body = text(response)
    assert response.status_code == 200
    for expected in ("Pomáháme pečujícím.", "Podle ceníku.", "Po–Pá 7–15", "Zavolejte", "1234567", "1. 3. 2025"):
        assert expected in body
    assert "Masarykova 1, 27401 Slaný" in body and SLANY in body
    # one row per form, the count and its unit side by side, never a total
    assert re.search(r"Pobytová 4 lůžek", body) and re.search(r"Ambulantní 6 klientů", body)
    assert "Pečující osoby" in body  # the target group
    assert "Jana Veřejná" in body and "Sociální pracovnice" in body
    assert "Petr Soukromý" not in body  # no position, no public name
    english = text(client.get("/en" + service_url(process, service)))
    assert "illustrative record" in english and "4 beds" in english and "6 clients" in english
    assert "illustrative demo record" in english  # the source


def test_a_service_outside_the_area_is_404(client, process, services):
    assert client.get(service_url(process, services["prerov_home_care"])).status_code == 404
    assert client.get(service_url(process, services["field_home_care"])).status_code == 200
    assert client.get(f"/{process.slug}/katalog/sluzba/999999/").status_code == 404


def test_the_provider_page_lists_its_services_in_this_catalogue(client, process):
    charita = make_organization("Charita Slaný a okolí", ico="12345678")
    here = make_service("Osobní asistence Slaný", "3", organization=charita, located_in=SLANY)
    elsewhere = make_service("Osobní asistence Přerov", "3", organization=charita, located_in=PREROV)
    away = make_organization("Jinde, z. s.")
    make_service("Jinde", "3", organization=away, located_in=PREROV)

    response = client.get(provider_url(process, charita))

    assert response.status_code == 200
    assert [c["service"] for c in response.context["cards"]] == [here]
    body = text(response)
    assert "12345678" in body and elsewhere.name not in body
    assert client.get(provider_url(process, away)).status_code == 404


def test_the_process_page_links_to_the_catalogue(client, process):
    assert f'href="{catalogue_url(process)}"' in client.get(f"/{process.slug}/").content.decode()


def test_non_public_process_catalogue_is_for_members_only(client, as_user, process, services, member, outsider):
    process.is_public = False
    process.save()
    for url in (
        catalogue_url(process),
        service_url(process, services["home"]),
        provider_url(process, services["home"].organization),
    ):
        client.logout()
        assert client.get(url).status_code == 404
        assert as_user(outsider).get(url).status_code == 404
        assert as_user(member).get(url).status_code == 200


def test_public_process_catalogue_is_open_to_everyone(client, as_user, process, services, outsider):
    for url in (
        catalogue_url(process),
        service_url(process, services["home"]),
        provider_url(process, services["home"].organization),
    ):
        client.logout()
        assert client.get(url).status_code == 200
        assert as_user(outsider).get(url).status_code == 200


def test_an_htmx_refresh_announces_the_count_out_of_band(client, process):
    from tests.directory.factories import make_service

    make_service("Pečovatelská služba Slaný (test)", "4", located_in="532819")
    response = client.get(f"/{process.slug}/katalog/", {"q": "pecovatelska"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert 'hx-swap-oob="true"' in body and "<html" not in body


def test_the_printed_catalogue_is_linked_and_served(client, process):
    from tests.directory.factories import make_service

    make_service("Pečovatelská služba Slaný (test)", "4", located_in="532819", target_groups=("24",))
    assert f"/{process.slug}/katalog/tisk.pdf" in client.get(f"/{process.slug}/katalog/").content.decode()
    response = client.get(f"/{process.slug}/katalog/tisk.pdf")
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")


def test_the_filtered_list_downloads_as_csv_and_xlsx(client, process):
    import io

    import openpyxl

    from tests.directory.factories import make_service

    make_service("Pečovatelská služba Slaný (test)", "4", located_in="532819", forms={"ter": [("klient", 60)]})
    make_service("Domov Slaný (test)", "13", located_in="532819", forms={"pob": [("luzka", 32)]})
    response = client.get(f"/{process.slug}/katalog/export.csv", {"q": "pecovatelska"})
    body = response.content.decode("utf-8-sig")
    assert response["Content-Disposition"].startswith("attachment")
    assert "Pečovatelská služba Slaný (test)" in body and "Domov Slaný" not in body and "60 klientů" in body
    response = client.get(f"/{process.slug}/katalog/export.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 3 and "32 lůžek" in str([c.value for c in sheet[2]] + [c.value for c in sheet[3]])
    assert client.get(f"/{process.slug}/katalog/export.csv", {"type": "999"}).status_code == 400
