"""GET /api/v1/territories and /api/v1/territories/{code} on the real ČSÚ codelists."""

from typing import get_args

import czech_sort
import pytest

from komplan.api.schemas import LevelName
from komplan.territory.models import Level

URL = "/api/v1/territories"

pytestmark = pytest.mark.django_db


def codes(response):
    return [item["code"] for item in response.json()["items"]]


def test_level_enum_follows_the_model():
    assert set(get_args(LevelName)) == set(Level.values)


def test_orps_of_olomoucky_kraj(client):
    response = client.get(URL, {"level": "orp", "parent": "3123"})

    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 13
    assert "7109" in codes(response)
    prerov = next(item for item in data["items"] if item["code"] == "7109")
    assert prerov["name"] == "Přerov"
    assert prerov["level"] == "orp"
    assert prerov["kraj"] == "3123"
    assert prerov["population"] > 0
    assert prerov["population_date"]


def test_municipalities_of_orp_prerov_have_the_right_kojetin(client):
    response = client.get(URL, {"level": "municipality", "parent": "7109", "limit": 1000})

    assert response.status_code == 200
    found = codes(response)
    assert "514055" in found
    assert "568881" not in found
    assert {item["orp"] for item in response.json()["items"]} == {"7109"}


def test_name_filter_is_case_insensitive_also_for_accented_letters(client):
    response = client.get(URL, {"level": "municipality", "q": "KOJETÍN"})

    assert {"514055", "568881"} <= set(codes(response))
    assert all("kojetín" in item["name"].lower() for item in response.json()["items"])


def test_kraje_are_in_czech_order(client):
    response = client.get(URL, {"level": "kraj"})

    names = [item["name"] for item in response.json()["items"]]
    assert response.json()["count"] == 14
    assert names == sorted(names, key=czech_sort.key)
    # Ú sorts with U, not after Z as in code-point order.
    assert names.index("Ústecký kraj") < names.index("Zlínský kraj")


def test_pagination(client):
    first = client.get(URL, {"level": "orp", "limit": 10})
    second = client.get(URL, {"level": "orp", "limit": 10, "offset": 10})
    both = client.get(URL, {"level": "orp", "limit": 20})

    assert first.json()["count"] == second.json()["count"] > 200
    assert (first.json()["limit"], first.json()["offset"]) == (10, 0)
    assert len(codes(first)) == 10
    assert codes(first) + codes(second) == codes(both)


def test_default_page_size_is_100(client):
    data = client.get(URL, {"level": "municipality"}).json()

    assert data["limit"] == 100
    assert len(data["items"]) == 100
    assert data["count"] > 6000


@pytest.mark.parametrize("params", [{"limit": 1001}, {"limit": 0}, {"offset": -1}])
def test_out_of_range_paging_is_rejected(client, params):
    response = client.get(URL, params)

    assert response.status_code == 422
    assert next(iter(params)) in str(response.json()["detail"])


def test_bad_level_is_rejected_naming_the_field(client):
    response = client.get(URL, {"level": "county"})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "level"


def test_ambiguous_parent_asks_for_parent_level(client):
    response = client.get(URL, {"level": "municipality", "parent": "3107"})

    assert response.status_code == 400
    data = response.json()
    assert "parent_level" in data["detail"]
    assert {c["level"] for c in data["candidates"]} == {"kraj", "orp"}

    settled = client.get(URL, {"level": "municipality", "parent": "3107", "parent_level": "orp"})
    assert settled.status_code == 200
    assert {item["orp"] for item in settled.json()["items"]} == {"3107"}


def test_impossible_parent_levels_are_rejected(client):
    assert client.get(URL, {"level": "kraj", "parent": "3026"}).status_code == 400
    response = client.get(URL, {"level": "orp", "parent": "3701", "parent_level": "okres"})
    assert response.status_code == 400
    assert "kraj" in response.json()["detail"]


def test_unknown_parent_is_404_json(client):
    response = client.get(URL, {"level": "orp", "parent": "9999"})

    assert response.status_code == 404
    assert "9999" in response.json()["detail"]


def test_detail_of_orp_slany(client):
    response = client.get(f"{URL}/2124")

    assert response.status_code == 200
    data = response.json()
    assert (data["code"], data["level"], data["name"]) == ("2124", "orp", "Slaný")
    assert data["level_label"]
    assert {"level": "kraj", "code": "3026", "name": "Středočeský kraj"} in data["parents"]
    assert data["parents"][-1]["level"] == "kraj"
    municipality_codes = [m["code"] for m in data["municipalities"]]
    assert "532819" in municipality_codes
    assert data["municipality_count"] == len(municipality_codes)
    names = [m["name"] for m in data["municipalities"]]
    assert names == sorted(names, key=czech_sort.key)


def test_detail_of_a_municipality_lists_its_parents_smallest_first(client):
    data = client.get(f"{URL}/514055").json()

    assert data["name"] == "Kojetín"
    levels = [p["level"] for p in data["parents"]]
    assert levels == sorted(levels, key=["pou", "orp", "okres", "kraj"].index)
    assert {"level": "orp", "code": "7109", "name": "Přerov"} in data["parents"]
    assert data["municipalities"] is None
    assert data["municipality_count"] is None


def test_ambiguous_code_lists_candidates(client):
    response = client.get(f"{URL}/3107")

    assert response.status_code == 400
    data = response.json()
    assert "level=" in data["detail"]
    assert len(data["candidates"]) == 2
    assert {c["level"] for c in data["candidates"]} == {"kraj", "orp"}


def test_level_settles_an_ambiguous_code(client):
    response = client.get(f"{URL}/3107", {"level": "kraj"})

    assert response.status_code == 200
    assert response.json()["name"] == "Kraj Vysočina"


def test_unknown_code_is_404_json(client):
    response = client.get(f"{URL}/123")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "123" in response.json()["detail"]


def test_detail_rejects_a_bad_level(client):
    response = client.get(f"{URL}/2124", {"level": "county"})

    assert response.status_code == 422


def test_language_from_parameter_or_header(client):
    english = client.get(f"{URL}/3026", {"level": "kraj", "lang": "en"})
    assert english["Content-Language"] == "en"
    assert english.json()["level_label"] == "region (kraj)"

    assert client.get(f"{URL}/3026", HTTP_ACCEPT_LANGUAGE="en")["Content-Language"] == "en"
    assert client.get(f"{URL}/3026")["Content-Language"] == "cs"
    assert "Accept-Language" in client.get(f"{URL}/3026")["Vary"]


def test_name_search_ignores_case_and_diacritics(client):
    items = client.get("/api/v1/territories", {"level": "municipality", "q": "prerov"}).json()["items"]
    assert "511382" in {item["code"] for item in items}


def test_the_state_is_a_territory(client):
    response = client.get(URL, {"level": "country"})

    assert response.status_code == 200
    [state] = response.json()["items"]
    assert (state["code"], state["name"]) == ("CZ", "Česká republika")
    assert state["population"] > 10_000_000
    assert client.get(URL, {"level": "country", "parent": "3026"}).status_code == 400
