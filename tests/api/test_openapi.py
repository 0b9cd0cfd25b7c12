"""The OpenAPI schema and the offline Swagger UI."""

import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def test_openapi_schema_is_valid_and_lists_the_endpoints(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    assert {
        "/api/v1/territories",
        "/api/v1/territories/{code}",
        "/api/v1/processes",
        "/api/v1/processes/{slug}",
        "/api/v1/services",
        "/api/v1/services/{id}",
        "/api/v1/organizations",
        "/api/v1/organizations/{id}",
        "/api/v1/processes/{slug}/plan/versions",
        "/api/v1/processes/{slug}/plan/versions/{number}",
    } <= set(schema["paths"])
    services = schema["paths"]["/api/v1/services"]["get"]
    parameters = {p["name"] for p in services["parameters"]}
    assert {
        "process",
        "municipality",
        "type",
        "target_group",
        "form",
        "situation",
        "q",
        "limit",
        "offset",
    } <= parameters
    assert "400" in services["responses"]


def test_swagger_ui_is_served_without_external_assets(client):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(asset.endswith(".js") for asset in assets)
    assert not [asset for asset in assets if re.match(r"(https?:)?//", asset)]
    # The assets ship inside django-ninja, so the page works without internet access.
    assert all(finders.find(asset.removeprefix(settings.STATIC_URL)) for asset in assets)
