"""The demo vision and SWOTs of Slaný: labelled as illustrative, merged items with origin, votes, evidence;
loading again gives the same state."""

from __future__ import annotations

import pytest

from komplan.demo.services import _load_demo
from komplan.demo.vision import load_demo_vision
from komplan.territory.models import PlanningProcess
from komplan.vision.models import Swot, SwotEvidence, SwotItem, SwotVote, Vision

pytestmark = pytest.mark.django_db


def _state(process):
    return (
        Vision.objects.get(process=process).text,
        sorted(Swot.objects.filter(process=process).values_list("body__slug", "note"), key=str),
        sorted(
            SwotItem.objects.filter(swot__process=process).values_list(
                "swot__body__slug", "quadrant", "order", "text", "source_body_name"
            ),
            key=str,
        ),
        sorted(SwotVote.objects.filter(item__swot__process=process).values_list("item__text", "membership_id")),
        sorted(SwotEvidence.objects.filter(item__swot__process=process).values_list("item__text", "kind")),
    )


def test_slany_vision_and_swots(client):
    _load_demo()
    slany = PlanningProcess.objects.get(slug="slany-2008-2010")
    assert "Ukázkový obsah" in Vision.objects.get(process=slany).text
    swots = list(Swot.objects.filter(process=slany))
    assert len(swots) == 4 and all("Ukázkový obsah" in s.note for s in swots)
    overall = Swot.objects.get(process=slany, body=None)
    assert "14. 5. 2007" in overall.note
    merged = SwotItem.objects.filter(swot=overall, source__isnull=False)
    assert merged.count() == 4
    assert set(merged.values_list("source_body__slug", flat=True)) == {
        "ps1-seniori-zdravotne-postizeni",
        "ps2-rodiny-a-deti",
        "ps3-ohrozeni-vyloucenim",
    }
    assert SwotVote.objects.filter(item__swot__process=slany).count() > 10
    kinds = set(SwotEvidence.objects.filter(item__swot__process=slany).values_list("kind", flat=True))
    assert kinds == {"survey", "indicator", "gap"}

    before = _state(slany)
    load_demo_vision(slany)
    _load_demo()
    assert _state(slany) == before

    page = client.get("/slany-2008-2010/vize-a-swot/")
    html = page.content.decode()
    assert page.status_code == 200 and "Ukázkový obsah" in html
    assert "/slany-2008-2010/analyzy/pruzkumy/" in html  # the users survey's results are public
    assert "/slany-2008-2010/analyzy/demografie/?obec=532819#vyhled" in html
    assert "/slany-2008-2010/katalog/?type=25" in html
    data = client.get("/api/v1/processes/slany-2008-2010/swot").json()
    assert len(data["swots"]) == 4 and data["swots"][0]["overall"]
