"""The content of the yearly report: nine chapters from the year tree, every activity exactly once, Czech numbers."""

import json
from decimal import Decimal

import pytest

from komplan.monitoring import report_content
from komplan.monitoring.models import CarryOver, YearlyReport
from komplan.monitoring.report_content import Texts, amount, build, narrative, number, percent
from tests.monitoring.report_fixtures import fill_2008

pytestmark = pytest.mark.django_db

KEYS = ["uvod", "souhrn", "priority", "aktivity", "indikatory", "finance", "prevod", "hodnoceni", "zavery"]


@pytest.fixture
def report(process, plan2008):
    return YearlyReport.objects.create(
        process=process,
        year=2008,
        title="Zpráva o plnění za rok 2008",
        introduction="Úvodní odstavec.\n\nDruhý **odstavec**.",
        evaluation="Rok se vydařil.",
    )


def _chapter(document, key):
    return next(c for c in document["chapters"] if c["key"] == key)


def _items(document, key):
    return [item for block in _chapter(document, key)["blocks"] for item in block.get("items", [])]


def _tables(document, key):
    return [item for item in _items(document, key) if item["type"] == "table"]


def test_the_document_has_the_shape_the_plan_outputs_read(report, plan2008, period, coordinator):
    fill_2008(plan2008, period, coordinator)
    document = build(report)
    json.dumps(document)  # a snapshot is JSON
    assert document["title"] == "Zpráva o plnění za rok 2008"
    assert (document["period_from"], document["period_to"], document["year"]) == (2008, 2008, 2008)
    assert document["subtitle"] == "Zpráva o plnění komunitního plánu za rok 2008"
    assert [c["key"] for c in document["chapters"]] == KEYS
    assert [c["title"] for c in document["chapters"]][:2] == ["Úvod", "Souhrn plnění"]
    intro = _chapter(document, "uvod")["blocks"]
    assert intro == [
        {
            "kind": "narrative",
            "paragraphs": [
                {"id": "uvod-1", "text": "Úvodní odstavec."},
                {"id": "uvod-2", "text": "Druhý **odstavec**."},
            ],
        }
    ]
    # an empty narrative part says so instead of leaving the chapter blank
    assert _items(document, "zavery") == [{"type": "paragraph", "text": "Tato část nebyla zpracována."}]
    for block in (b for c in document["chapters"] for b in c["blocks"] if b["kind"] == "generated"):
        for item in block["items"]:
            assert item["type"] in {"paragraph", "table", "chart", "heading", "markdown"}


def test_summary_counts_statuses_progress_money_and_draws_a_chart(report, plan2008, period, coordinator):
    fill_2008(plan2008, period, coordinator)
    items = _items(build(report), "souhrn")
    texts = " ".join(i["text"] for i in items if i["type"] == "paragraph")
    assert "Aktivit v akčním plánu na rok 2008: 3, z toho vykázaných v monitoringu roku: 2." in texts
    assert "53,3 %" in texts  # (60 + 0 + 100) / 3: the activity not reported counts as 0 %
    [statuses] = [i for i in items if i["type"] == "table"]
    assert statuses["rows"] == [["splněno", "1"], ["probíhá", "1"], ["nevykázáno", "1"], ["Celkem", "3"]]
    assert "100\xa0000" in texts and "80\xa0000" in texts
    [chart] = [i for i in items if i["type"] == "chart"]
    assert chart["kind"] == "bar" and chart["data"]["labels"] == ["1 Senioři"]


def test_every_activity_of_the_year_is_one_row(report, plan2008, period, coordinator):
    fill_2008(plan2008, period, coordinator)
    [activities] = _tables(build(report), "aktivity")
    assert activities["header"][:2] == ["Číslo", "Aktivita"]
    assert [row[0] for row in activities["rows"]] == ["1.1.1", "1.1.2", "1.2.1"]
    first, second, third = activities["rows"]
    assert first[1:5] == ["Víkendová pečovatelská služba", "Oblastní charita Slaný (ilustrativní)", "probíhá", "60,0"]
    assert first[5] == "Služba běží od září."
    assert second[3:5] == ["nevykázáno", "–"]
    assert third[3:5] == ["splněno", "100,0"]


def test_an_activity_outside_the_year_is_not_listed(report, plan2008, period):
    from komplan.strategy.models import ActionPlanYear, Activity

    later = Activity.objects.create(measure=plan2008["m12"], title="Až v roce 2009", order=2)
    ActionPlanYear.objects.create(activity=later, year=2009)
    [activities] = _tables(build(report), "aktivity")
    assert "Až v roce 2009" not in json.dumps(activities, ensure_ascii=False)
    assert len(activities["rows"]) == 3


def test_fulfilment_per_priority_and_measure(report, plan2008, period, coordinator):
    fill_2008(plan2008, period, coordinator)
    [priority] = _tables(build(report), "priority")
    assert priority["caption"] == "Priorita 1 Senioři"
    assert priority["rows"] == [
        ["1.1 Terénní služby", "2", "30,0", "probíhá 1, nevykázáno 1"],
        ["1.2 Informovanost", "1", "100,0", "splněno 1"],
        ["Celkem za prioritu", "3", "53,3", "splněno 1, probíhá 1, nevykázáno 1"],
    ]


def test_indicators_money_and_reasons(report, plan2008, period, coordinator):
    from komplan.monitoring import services
    from komplan.monitoring.permissions import ReporterScope
    from komplan.monitoring.validation import ProgressInput

    fill_2008(plan2008, period, coordinator)
    services.save_progress(
        period,
        plan2008["a112"],
        coordinator,
        ReporterScope(everything=True),
        ProgressInput("postponed", 10, reason="Chybí pracovník."),
    )
    document = build(report)
    [indicators] = _tables(document, "indikatory")
    assert indicators["rows"] == [
        ["1.1.1 Víkendová pečovatelská služba", "Počet klientů", "osob", "40", "30", "31. 12. 2008", "75,0"]
    ]
    [money] = _tables(document, "finance")
    assert money["rows"] == [
        ["rozpočet kraje", "0", "10\xa0000", "–"],
        ["obec / město", "100\xa0000", "70\xa0000", "70,0"],
        ["Celkem", "100\xa0000", "80\xa0000", "80,0"],
    ]
    [chart] = [i for i in _items(document, "finance") if i["type"] == "chart"]
    assert chart["data"]["labels"] == ["obec / město"] and chart["data"]["values"] == [70.0]
    [activities] = _tables(document, "aktivity")
    assert activities["rows"][1][3:] == ["odloženo", "10,0", "Důvod: Chybí pracovník."]


def test_carried_over_and_unfinished_not_carried(report, plan2008, period, coordinator, process):
    fill_2008(plan2008, period, coordinator)
    CarryOver.objects.create(
        process=process, kind="next_year", activity=plan2008["a111"], from_year=2008, to_year=2009, status="running"
    )
    CarryOver.objects.create(process=process, kind="next_year", activity=plan2008["a121"], from_year=2007, to_year=2008)
    carried, waiting = _tables(build(report), "prevod")
    assert carried["rows"] == [["1.1.1", "Víkendová pečovatelská služba", "probíhá", "Akční plán na rok 2009"]]
    assert waiting["caption"] == "Nedokončené aktivity zatím nepřevedené"
    assert waiting["rows"] == [["1.1.2", "Osobní asistence", "nevykázáno", "–"]]  # 1.2.1 is done


def test_nothing_carried_says_so(report, plan2008, period):
    items = _items(build(report), "prevod")
    assert items[0]["type"] == "paragraph" and "nebyla" in items[0]["text"]
    assert len(items[1]["rows"]) == 3  # nothing reported: all three unfinished


def test_no_indicator_and_no_money(process, period):
    from komplan.strategy import services as strategy
    from komplan.strategy.models import ActionPlanYear, Activity

    measure = strategy.add_measure(strategy.add_priority(process, "Rodiny"), "Poradenství")
    ActionPlanYear.objects.create(activity=Activity.objects.create(measure=measure, title="Poradna"), year=2008)
    report = YearlyReport.objects.create(process=process, year=2008, title="Zpráva")
    document = build(report)
    assert [i["type"] for i in _items(document, "indikatory")] == ["paragraph"]
    assert [i["type"] for i in _items(document, "finance")] == ["paragraph"]
    summary = " ".join(i.get("text", "") for i in _items(document, "souhrn"))
    assert "0,0 %" in summary and "Plánované prostředky na rok: 0 Kč; vyčerpáno: 0 Kč." in summary


# ------------------------------------------------------------------------------------------- pure helpers


def test_number_formatting_is_czech():
    assert percent(Decimal("63.25")) == "63,3 %" and percent(None) == "–"
    assert amount(Decimal(1234567)) == "1\xa0234\xa0567"
    assert number(Decimal("40.00")) == "40" and number(Decimal("2.5")) == "2,50" and number(None) == "–"


def test_narrative_split_into_paragraphs_with_stable_ids():
    assert narrative("zavery", "A\n\n\nB") == {
        "kind": "narrative",
        "paragraphs": [{"id": "zavery-1", "text": "A"}, {"id": "zavery-2", "text": "B"}],
    }
    assert narrative("zavery", "  ")["kind"] == "generated"


def test_compose_reads_no_database(django_assert_num_queries):
    from types import SimpleNamespace

    from komplan.monitoring import rollup

    facts = rollup.ActivityFacts(key=1, status="done", progress=100)
    activity = SimpleNamespace(
        pk=1,
        number="1.1.1",
        title="A",
        responsible_organisation="",
        responsible_provider_id=7,
        report=None,
        facts=facts,
        indicator_rows=[],
    )
    roll = rollup.rollup([facts])
    measure = SimpleNamespace(number="1.1", title="M", year_activities=[activity], rollup=roll)
    priority = SimpleNamespace(number="1", title="P", year_measures=[measure], rollup=roll)
    tree = SimpleNamespace(year=2008, priorities=[priority], total=roll, activities=[activity], money_rows=lambda r: [])
    with django_assert_num_queries(0):
        document = report_content.compose(Texts(title="T", year=2008), tree, [], {7: "Poskytovatel"})
    [activities] = _tables(document, "aktivity")
    assert activities["rows"][0][2] == "Poskytovatel"
