"""GET /api/v1/services and /api/v1/organizations: the catalogue with the same filters as the web pages."""

import pytest

from komplan.directory.models import Contact
from tests.directory.factories import make_organization, make_service

pytestmark = pytest.mark.django_db

SERVICES, ORGANIZATIONS = "/api/v1/services", "/api/v1/organizations"
SLANY, KLADNO, PREROV = "532819", "532053", "511382"


def names(response) -> list[str]:
    return [item["name"] for item in response.json()["items"]]


@pytest.fixture
def services(db):
    return {
        "home_care": make_service(
            "Pečovatelská služba Slaný", "4", located_in=SLANY, serves=(SLANY,), forms={"ter": [("klient", 120)]}
        ),
        "field_home_care": make_service(
            "Pečovatelská služba Kladno", "4", located_in=KLADNO, serves=(KLADNO, SLANY), target_groups=("24",)
        ),
        "prerov_home_care": make_service("Pečovatelská služba Přerov", "4", located_in=PREROV, serves=(PREROV,)),
        "respite": make_service(
            "Odlehčovací služba Slaný",
            "8",
            located_in=SLANY,
            forms={"pob": [("luzka", 4)], "amb": [("klient", 6)]},
            target_groups=("26",),
        ),
    }


def test_search_within_a_process_catalogue(client, process, services):
    response = client.get(SERVICES, {"process": process.slug, "q": "pecovatelska sluzba"})

    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    assert names(response) == ["Pečovatelská služba Kladno", "Pečovatelská služba Slaný"]
    items = {item["name"]: item for item in data["items"]}
    assert items["Pečovatelská služba Kladno"]["presence"] == "covers"
    assert items["Pečovatelská služba Slaný"]["presence"] == "located"
    assert items["Pečovatelská služba Slaný"]["url"] == f"/{process.slug}/katalog/sluzba/{services['home_care'].pk}/"


def test_without_a_process_every_service_is_listed(client, services):
    data = client.get(SERVICES, {"q": "pecovatelska"}).json()
    assert data["count"] == 3
    assert {item["url"] for item in data["items"]} == {None}
    assert {item["presence"] for item in data["items"]} == {None}


def test_repeatable_and_combined_filters(client, process, services):
    both = client.get(SERVICES, {"process": process.slug, "type": ["4", "8"]})
    assert both.json()["count"] == 3
    field = client.get(SERVICES, {"process": process.slug, "type": ["4", "8"], "form": "ter"})
    assert names(field) == ["Pečovatelská služba Slaný"]
    carers = client.get(SERVICES, {"process": process.slug, "situation": "pecuji-o-blizkeho"})
    assert carers.json()["count"] == 3
    seniors = client.get(SERVICES, {"target_group": "24"})
    assert names(seniors) == ["Pečovatelská služba Kladno"]
    in_prerov = client.get(SERVICES, {"municipality": PREROV})
    assert names(in_prerov) == ["Pečovatelská služba Přerov"]


def test_forms_keep_capacities_apart_with_their_units(client, process, services):
    item = client.get(SERVICES, {"process": process.slug, "type": "8", "lang": "en"}).json()["items"][0]
    forms = {form["code"]: form for form in item["forms"]}
    assert forms["pob"]["capacities"] == [
        {"type": "luzka", "unit": "beds", "count": 4, "label": "4 beds", "description": ""}
    ]
    assert forms["amb"]["capacities"] == [
        {"type": "klient", "unit": "clients", "count": 6, "label": "6 clients", "description": ""}
    ]
    assert item["service_type"] == {"code": "8", "label": "respite care"}
    assert item["illustrative"] is True
    assert item["locations"][0]["municipality"] == {"code": SLANY, "name": "Slaný"}


@pytest.mark.parametrize(
    ("params", "parameter", "allowed"),
    [
        ({"type": "99"}, "type", "34"),
        ({"type": ["4", "x"]}, "type", "4"),
        ({"target_group": "0"}, "target_group", "26"),
        ({"form": "online"}, "form", "ter"),
        ({"situation": "nevim"}, "situation", "dluhy"),
        ({"municipality": PREROV, "process": "slany"}, "municipality", SLANY),
    ],
)
def test_unknown_filter_values_are_400_with_the_allowed_values(client, process, params, parameter, allowed):
    response = client.get(SERVICES, params)

    assert response.status_code == 400
    data = response.json()
    assert data["parameter"] == parameter
    assert allowed in data["allowed"]
    assert data["detail"]


def test_an_unknown_municipality_without_process_is_400(client):
    data = client.get(SERVICES, {"municipality": "999999", "lang": "en"}).json()
    assert data["parameter"] == "municipality" and data["allowed"] == [] and "999999" in data["detail"]


def test_pagination(client, process):
    for number in range(7):
        make_service(f"Služba {number}", "1", located_in=SLANY)
    first = client.get(SERVICES, {"process": process.slug, "limit": 3}).json()
    rest = client.get(SERVICES, {"process": process.slug, "limit": 5, "offset": 3}).json()
    assert (first["count"], first["limit"], first["offset"]) == (7, 3, 0)
    assert [i["name"] for i in first["items"] + rest["items"]] == [f"Služba {n}" for n in range(7)]
    assert client.get(SERVICES, {"limit": 0}).status_code == 422


def test_the_list_takes_a_bounded_number_of_queries(client, process, django_assert_max_num_queries):
    for number in range(30):
        make_service(f"Služba {number}", "4", located_in=SLANY, forms={"ter": [("klient", 5)]}, target_groups=("24",))
    with django_assert_max_num_queries(15):
        assert client.get(SERVICES, {"process": process.slug, "type": "4"}).json()["count"] == 30


def test_a_hidden_process_is_404_for_others_and_visible_to_members(
    client, as_user, process, services, member, outsider
):
    process.is_public = False
    process.save()
    params = {"process": process.slug}
    assert client.get(SERVICES, params).status_code == 404
    assert "detail" in client.get(SERVICES, params).json()
    assert as_user(outsider).get(SERVICES, params).status_code == 404
    assert as_user(member).get(SERVICES, params).json()["count"] == 3


def test_service_detail(client, process, services):
    service = services["respite"]
    service.fees = "Podle ceníku."
    service.registry_id = "7654321"
    service.source_date = "2025-03-01"
    service.save()
    Contact.objects.create(service=service, name="Jana Veřejná", title="vedoucí služby")
    Contact.objects.create(service=service, name="Petr Soukromý")

    response = client.get(f"{SERVICES}/{service.pk}", {"lang": "en"})

    assert response.status_code == 200
    data = response.json()
    assert data["registry_id"] == "7654321" and data["fees"] == "Podle ceníku."
    assert data["provenance"]["source"] == "illustrative"
    assert data["provenance"]["source_date"] == "2025-03-01"
    assert data["illustrative"] is True
    assert data["contacts"] == [{"name": "Jana Veřejná", "title": "vedoucí služby", "email": "", "phone": ""}]
    assert {form["code"] for form in data["forms"]} == {"pob", "amb"}
    assert data["target_groups"] == [{"code": "26", "label": "(informal) caregivers"}]


def test_service_detail_within_a_process(client, process, services):
    inside = client.get(f"{SERVICES}/{services['field_home_care'].pk}", {"process": process.slug}).json()
    assert inside["presence"] == "covers"
    assert {"code": SLANY, "name": "Slaný"} in inside["area_served"]
    outside = client.get(f"{SERVICES}/{services['prerov_home_care'].pk}", {"process": process.slug})
    assert outside.status_code == 404 and outside.json()["detail"]
    assert client.get(f"{SERVICES}/{services['prerov_home_care'].pk}").status_code == 200
    assert client.get(f"{SERVICES}/999999").status_code == 404


def test_organizations(client, services):
    charita = make_organization(
        "Charita Slaný", ico="12345678", municipality=services["home_care"].locations.first().municipality
    )
    make_service("Osobní asistence Slaný", "3", organization=charita, located_in=SLANY)

    listed = client.get(ORGANIZATIONS, {"q": "CHARITA slany"}).json()
    assert listed["count"] == 1
    assert listed["items"][0] == {
        "id": charita.pk,
        "name": "Charita Slaný",
        "ico": "12345678",
        "municipality": {"code": SLANY, "name": "Slaný"},
        "illustrative": True,
    }
    assert client.get(ORGANIZATIONS, {"ico": "12345678"}).json()["count"] == 1
    assert client.get(ORGANIZATIONS, {"ico": "123"}).status_code == 422
    assert client.get(ORGANIZATIONS).json()["count"] == 5

    detail = client.get(f"{ORGANIZATIONS}/{charita.pk}").json()
    assert detail["services"][0]["name"] == "Osobní asistence Slaný"
    assert detail["services"][0]["service_type"]["code"] == "3"
    assert detail["provenance"]["source"] == "illustrative"
    assert client.get(f"{ORGANIZATIONS}/999999").status_code == 404


def test_the_catalogue_of_a_process_downloads_as_an_hsds_package(client, process, other_process):
    import io
    import zipfile

    from tests.directory.factories import make_service

    make_service("Pečovatelská služba Slaný (test)", "4", located_in="532819", forms={"ter": [("klient", 60)]})
    response = client.get(f"/api/v1/processes/{process.slug}/catalogue.hsds.zip")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert "datapackage.json" in names and any(name.endswith("services.csv") for name in names)
    other_process.is_public = False
    other_process.save()
    assert client.get(f"/api/v1/processes/{other_process.slug}/catalogue.hsds.zip").status_code == 404
