"""The public socio-demographic analysis page, its downloads and the chapter page."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demography_data")]


def test_page_of_a_town_shows_figures_charts_and_the_estimate_notice(client, process):
    response = client.get("/slany/analyzy/demografie/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "16\xa0740" in html  # ČSÚ population of Slaný on 1 January 2024, Czech grouping
    assert html.count('role="img"') >= 3  # pyramid, 65+/80+ series, history
    assert "odhad" in html.lower()  # estimated age structure is said so
    assert "2039" in html  # the default horizon of 15 years


def test_page_of_an_orp_ranks_and_sorts_its_municipalities(client, other_process):
    response = client.get("/prerov/analyzy/demografie/", {"razeni": "-ageing_index", "obec": "511382"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-sort="descending"' in html
    assert html.count('role="img"') >= 4  # with the ranking of municipalities
    rows = response.context["table_rows"]
    assert rows[-1]["is_area"]
    values = [
        float(row["cells"][5].replace("\xa0", "").replace(",", ".")) for row in rows[:-1] if row["cells"][5] != "–"
    ]
    assert values == sorted(values, reverse=True)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"horizont": "7"}, "horizont"),
        ({"scenar": "nope"}, "scenar"),
        ({"obec": "532819"}, "obec"),
        ({"razeni": "x"}, "razeni"),
    ],
)
def test_bad_choices_are_400_with_the_error_at_the_field(client, other_process, params, field):
    response = client.get("/prerov/analyzy/demografie/", params)

    assert response.status_code == 400
    assert f'id="volba-{field}"' in response.content.decode() or field == "razeni"
    assert 'role="alert"' in response.content.decode()


def test_downloads_carry_the_same_numbers(client, other_process):
    page = client.get("/prerov/analyzy/demografie/", {"horizont": "10"})
    csv_response = client.get("/prerov/analyzy/demografie/obce.csv", {"horizont": "10"})
    xlsx_response = client.get("/prerov/analyzy/demografie/vyvoj.xlsx", {"horizont": "10"})

    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig")), delimiter=";"))
    assert csv_response["Content-Type"].startswith("text/csv")
    assert len(rows) == 1 + other_process.municipalities.count() + 1  # header, municipalities, the area
    area_population = page.context["result"].area.population
    assert rows[-1][2] == str(area_population)
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_response.content)).active
    years = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert years[0] == 2004 and years[-1] == 2034


def test_outlook_table_download(client, process):
    response = client.get("/slany/analyzy/demografie/vyhled.csv", {"horizont": "15"})

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][1:] == ["2024", "2029", "2034", "2039"]
    assert rows[1][1] == "16740"


def test_unknown_table_is_404(client, process):
    assert client.get("/slany/analyzy/demografie/nic.csv").status_code == 404


def test_chapter_preview_is_generated_until_the_coordinator_adopts_one(client, process):
    response = client.get("/slany/analyzy/demografie/kapitola/")

    assert response.status_code == 200
    assert response.context["preview"] is True
    assert "16&nbsp;740" in response.content.decode()  # the sanitiser writes the no-break space as an entity


def test_page_says_so_when_no_statistics_are_loaded(client, process):
    from komplan.demography.models import Scenario

    Scenario.objects.all().delete()  # rolled back after the test
    response = client.get("/slany/analyzy/demografie/")

    assert response.status_code == 200
    assert response.context.get("result") is None
