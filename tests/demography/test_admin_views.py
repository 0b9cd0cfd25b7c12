"""Staff screens of the statistics imports: personas, preview then confirm, superuser-only kinds.

The pages are Czech by default; English text is asserted on the same pages under ``/en/``."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from komplan.demography.models import AgeCount, DataSource, Observation, PopulationCount, RateSet

from .importers.conftest import FIXTURES, MUNICIPAL, SHARED, UNEMPLOYMENT, VDB

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language, and a request's language does not outlive the test."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


def url(process, name="overview", lang=None, **kwargs):
    """The page's path in ``lang`` (``/en/…`` for English); the default language's unprefixed path otherwise.

    A request leaves its language active, so the path is reversed in the asked-for language every time."""
    with translation.override(lang or settings.LANGUAGE_CODE):
        return reverse(f"demography_admin:{name}", kwargs={"process": process.slug, **kwargs})


def upload(path, name=None):
    return SimpleUploadedFile(name or path.name, path.read_bytes())


@pytest.mark.parametrize(("name", "kwargs"), [("overview", {}), ("import", {"kind": "vekove-slozeni"})])
def test_personas(client, as_user, process, member, outsider, name, kwargs):
    target = url(process, name, **kwargs)
    response = client.get(target)
    assert response.status_code == 302 and "/ucet/" in response.url
    assert as_user(outsider).get(target).status_code == 404
    assert as_user(member).get(target).status_code == 403


def test_confirm_needs_the_flag_too(as_user, process, member):
    assert (
        as_user(member).post(url(process, "import_confirm", kind="obyvatele-obci"), {"token": "x"}).status_code == 403
    )


def test_the_overview_lists_sources_and_the_area(as_user, process, coordinator):
    client = as_user(coordinator)
    token = client.post(
        url(process, "import", kind="obyvatele-obci"), {"files": upload(MUNICIPAL / "population_2024.xlsx")}
    ).context["token"]
    client.post(url(process, "import_confirm", kind="obyvatele-obci"), {"token": token})
    response = client.get(url(process))
    page = response.content.decode()
    assert response.status_code == 200
    assert "population_2024.xlsx" in page and "Koordinátorka Testovací" in page
    assert response.context["municipalities"] == [
        {"id": process.municipalities.get().pk, "code": "532819", "name": "Slaný", "year": 2024, "total": 16_740}
    ]
    allowed = {entry["kind"].name: entry["allowed"] for entry in response.context["kinds"]}
    assert allowed == {"municipal": True, "age": True, "unemployment": True, "vdb": False, "wpp": False}


def test_coordinator_previews_then_confirms_several_tables(as_user, process, coordinator):
    client = as_user(coordinator)
    files = [upload(MUNICIPAL / "population_2023.xlsx"), upload(MUNICIPAL / "population_2024.xlsx")]
    response = client.post(url(process, "import", kind="obyvatele-obci"), {"files": files})
    assert response.status_code == 200 and response.context["report"].created == 2 * 6_258
    assert not PopulationCount.objects.exists()  # a preview writes nothing
    token = response.context["token"]
    response = client.post(url(process, "import_confirm", kind="obyvatele-obci"), {"token": token})
    assert response.status_code == 302 and response.url == url(process)
    assert PopulationCount.objects.count() == 2 * 6_258
    assert set(DataSource.objects.values_list("imported_by", flat=True)) == {coordinator.pk}
    client.post(url(process, "import_confirm", kind="obyvatele-obci"), {"token": token})  # used up
    assert DataSource.objects.count() == 2


def test_problems_are_shown_with_file_line_and_field_and_cannot_be_confirmed(as_user, process, coordinator):
    client = as_user(coordinator)
    response = client.post(
        url(process, "import", kind="vekove-slozeni"), {"files": upload(FIXTURES / "vek-chybny.csv")}
    )
    assert not response.context["report"].ok and "token" not in response.context
    page = response.content.decode()
    assert "vek-chybny.csv:72: hodnota: &#x27;-3&#x27; není nezáporný celý počet osob" in page
    assert "Soubory obsahují 4 chyby; nic nebude importováno." in page
    response = client.post(
        url(process, "import", "en", kind="vekove-slozeni"), {"files": upload(FIXTURES / "vek-chybny.csv")}
    )
    assert not response.context["report"].ok and "token" not in response.context
    page = response.content.decode()
    assert "vek-chybny.csv:72: hodnota: &#x27;-3&#x27; is not a non-negative whole number of persons" in page
    assert "nothing will be imported" in page


def test_a_coordinator_imports_ages_of_the_area_only(as_user, process, coordinator):
    client = as_user(coordinator)
    response = client.post(
        url(process, "import", kind="vekove-slozeni"), {"files": upload(FIXTURES / "vek-5lete-slany.csv")}
    )
    assert response.context["report"].ok  # Slaný and its ORP
    response = client.post(
        url(process, "import", "en", kind="vekove-slozeni"), {"files": upload(FIXTURES / "vek-jednolete-kojetin.csv")}
    )
    assert "is outside the planning area" in str(response.context["report"].rejected[0])
    assert not AgeCount.objects.exists()


def test_unemployment_needs_the_year_at_the_field(as_user, process, coordinator):
    client = as_user(coordinator)
    response = client.post(url(process, "import", kind="nezamestnanost"), {"files": upload(UNEMPLOYMENT)})
    assert "year" in response.context["form"].errors and 'aria-invalid="true"' in response.content.decode()
    response = client.post(url(process, "import", kind="nezamestnanost"), {"files": upload(UNEMPLOYMENT), "year": 2017})
    token = response.context["token"]
    client.post(url(process, "import_confirm", kind="nezamestnanost"), {"token": token})
    assert Observation.objects.filter(indicator="unemployment_share", year=2017).count() == 6_258


def test_a_wrong_file_type_is_an_error_at_the_field(as_user, process, coordinator):
    response = as_user(coordinator).post(
        url(process, "import", kind="obyvatele-obci"), {"files": SimpleUploadedFile("x.png", b"\x89PNG")}
    )
    assert response.status_code == 200 and "files" in response.context["form"].errors


@pytest.mark.parametrize("kind", ["vdb", "wpp"])
def test_national_rates_are_for_superusers_only(as_user, process, coordinator, kind):
    response = as_user(coordinator).get(url(process, "import", kind=kind))
    assert response.status_code == 403 and "Tyto údaje mohou importovat jen správci aplikace komplan" in (
        response.content.decode()
    )
    response = as_user(coordinator).get(url(process, "import", "en", kind=kind))
    assert response.status_code == 403 and "Only komplan administrators" in response.content.decode()
    response = as_user(coordinator).post(url(process, "import_confirm", kind=kind), {"token": "x"})
    assert response.status_code == 403


def test_a_superuser_imports_vdb(as_user, process, superuser):
    client = as_user(superuser)
    response = client.post(url(process, "import", kind="vdb"), {"files": upload(VDB / "stav_cr_23 (DEMZU02-a).xlsx")})
    assert response.context["report"].ok
    client.post(url(process, "import_confirm", kind="vdb"), {"token": response.context["token"]})
    assert Observation.objects.filter(territory__code="CZ", indicator="population_end", year=2023).exists()


def test_a_superuser_imports_wpp_as_a_zip(as_user, process, superuser):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in (SHARED / "un-wpp2019").glob("*.txt"):
            archive.write(path, path.name)
    client = as_user(superuser)
    response = client.post(
        url(process, "import", kind="wpp"), {"files": SimpleUploadedFile("wpp2019.zip", buffer.getvalue())}
    )
    assert response.context["report"].ok, response.context["report"].rejected
    client.post(url(process, "import_confirm", kind="wpp"), {"token": response.context["token"]})
    assert RateSet.objects.get().code == "wpp2019-203"


def test_an_expired_token(as_user, process, coordinator):
    response = as_user(coordinator).post(url(process, "import_confirm", kind="obyvatele-obci"), {"token": "nope"})
    assert response.status_code == 302 and response.url == url(process, "import", kind="obyvatele-obci")


def test_unknown_kinds_are_404(as_user, process, coordinator):
    assert as_user(coordinator).get(url(process, "import", kind="scitani")).status_code == 404


def test_the_admin_lists_the_demographic_tables(as_user, superuser):
    client = as_user(superuser)
    for model in ("datasource", "populationcount", "agecount", "observation", "rateset", "scenario", "projection"):
        assert client.get(f"/admin/demography/{model}/").status_code == 200
