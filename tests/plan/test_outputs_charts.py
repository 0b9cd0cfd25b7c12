"""Chart items: their data drawn as SVG (web, PDF) and PNG (DOCX); the generated sources add them with data."""

from __future__ import annotations

import pytest

from komplan.plan import charts, sources


def _items():
    return [
        charts.bar("Sloupce", "Popis", ["a", "b"], [1, 2.5], value_label="Hodnota", category_label="Kategorie"),
        charts.line("Čára", "Popis", ["2008", "2009"], [("Zdroj", [10, 20])], y_label="Kč", category_label="Rok"),
        charts.pyramid_item(
            "Pyramida",
            "Popis",
            ["0–4", "5–9"],
            ([10, 12], [11, 13], "2024"),
            compare=([9, 10], [10, 11], "2039"),
            men_label="Muži",
            women_label="Ženy",
            value_label="Osoby",
        ),
    ]


@pytest.mark.parametrize("item", _items(), ids=["bar", "line", "pyramid"])
def test_chart_item_is_json_and_renders_to_svg_and_png(item):
    import json

    assert json.loads(json.dumps(item)) == item
    svg = charts.svg(item, "t")
    assert svg.startswith("<svg") and 'role="img"' in svg and item["caption"] in svg
    png = charts.png(item)
    assert png.startswith(b"\x89PNG")


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        charts.to_chart({"type": "chart", "kind": "pie", "caption": "", "alt": "", "data": {}})


@pytest.mark.django_db
def test_strategy_source_adds_a_chart_only_with_activities(process, strategy):
    items = sources.generate("strategy", process)
    chart = [i for i in items if i["type"] == "chart"]
    assert len(chart) == 1 and chart[0]["data"]["values"] == [1]


@pytest.mark.django_db
def test_sources_without_data_have_no_chart(process):
    for key in ("strategy", "surveys", "action_plan", "demography"):
        assert not [i for i in sources.generate(key, process) if i["type"] == "chart"]


@pytest.mark.django_db
def test_web_version_shows_the_chart_with_its_table(client, plan, strategy):
    page = client.get("/slany/plan/").content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'role="img"' in page
    assert "kp-chart__table" in page  # the numbers as a table beside the image
