import datetime as dt

import pytest

from tests.conftest import person


@pytest.fixture
def provider_editor(process):
    return person("editor@example.org", "Eva Editorová", process, "provider_editor", "provider")


@pytest.fixture
def tree(process):
    """Two priorities; priority 2 has two measures, measure 2.1 one activity (2.1.1)."""
    from komplan.strategy import services
    from komplan.strategy.models import Activity

    p1 = services.add_priority(process, "Zachování sítě služeb")
    p2 = services.add_priority(process, "Rozvoj služeb pro seniory")
    m11 = services.add_measure(p1, "Podpora stávajících služeb")
    m21 = services.add_measure(p2, "Rozšíření terénních služeb")
    m22 = services.add_measure(p2, "Denní stacionář")
    a211 = Activity.objects.create(measure=m21, title="Pečovatelská služba o víkendech", order=1)
    return {"p1": p1, "p2": p2, "m11": m11, "m21": m21, "m22": m22, "a211": a211}


@pytest.fixture
def call(process):
    from komplan.strategy.models import SheetCall

    today = dt.date.today()
    return SheetCall.objects.create(
        process=process, opens=today - dt.timedelta(days=10), closes=today + dt.timedelta(days=10)
    )


def sheet_post(**extra):
    """POST data of the sheet form with one cost row and one indicator."""
    data = {
        "stage": "intended",
        "proposer_organisation": "Charita Slaný",
        "title": "Odlehčovací služba pro pečující",
        "description": "Pobytová odlehčovací služba.",
        "responsible_organisation": "Charita Slaný",
        "partners": "Město Slaný\nNemocnice Slaný",
        "start": "2008-01-01",
        "end": "2008-12-31",
        "expected_outputs": "6 lůžek",
        "costs-TOTAL_FORMS": "1",
        "costs-INITIAL_FORMS": "0",
        "costs-0-year": "2008",
        "costs-0-amount": "450000",
        "indicators-TOTAL_FORMS": "1",
        "indicators-INITIAL_FORMS": "0",
        "indicators-0-name": "Počet klientů",
        "indicators-0-unit": "osob",
        "indicators-0-target_value": "30",
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
    }
    data.update(extra)
    return data
