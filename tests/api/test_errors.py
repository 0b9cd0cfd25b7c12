"""The API-wide exception handlers: lookups that slip through views still answer JSON 4xx."""

import json

import pytest
from django.http import Http404
from django.utils import translation

from komplan.api.urls import api
from komplan.territory.models import Territory
from komplan.territory.querysets import AmbiguousTerritoryCode

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("exc", [Territory.DoesNotExist("42"), Http404("gone")])
def test_unexpected_lookup_failures_are_404_json(rf, exc):
    with translation.override("en"):  # on_exception is called directly, outside the language wrapper
        response = api.on_exception(rf.get("/api/v1/territories/42"), exc)

    assert response.status_code == 404
    assert json.loads(response.content) == {"detail": "Not found."}


def test_unexpected_ambiguity_is_400_with_candidates(rf):
    candidates = list(Territory.objects.filter(code="3115").order_by("level"))

    response = api.on_exception(rf.get("/api/v1/territories/3115"), AmbiguousTerritoryCode("3115", candidates))

    assert response.status_code == 400
    data = json.loads(response.content)
    assert "level=" in data["detail"]
    assert data["candidates"] == [{"level": t.level, "code": "3115", "name": t.name} for t in candidates]
    assert len(data["candidates"]) == 2
