"""The strategy endpoints are in the OpenAPI schema."""

import pytest

pytestmark = pytest.mark.django_db


def test_openapi(client):
    r = client.get("/api/v1/openapi.json")
    assert r.status_code == 200
    paths = r.json()["paths"]
    assert "/api/v1/processes/{slug}/activity-sheets" in paths and "/api/v1/processes/{slug}/action-plan" in paths
