"""Staff catalogue screens: overview and imports with preview, with the three personas."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from komplan.directory.models import Service
from tests.directory.test_spreadsheet import ROW_1, _csv

pytestmark = pytest.mark.django_db


def url(process, tail=""):
    return f"/{process.slug}/sprava/katalog/{tail}"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_overview_with_personas(client, as_user, process, member, outsider):
    assert client.get(url(process)).status_code == 302
    assert as_user(outsider).get(url(process)).status_code == 404
    response = as_user(member).get(url(process))
    assert response.status_code == 200 and "/import/" not in response.content.decode()


@pytest.mark.parametrize("tail", ["import/tabulka/", "sablona.xlsx"])
def test_imports_need_the_catalogue_right(as_user, process, member, outsider, tail):
    assert as_user(outsider).get(url(process, tail)).status_code == 404
    assert as_user(member).get(url(process, tail)).status_code == 403


def test_preview_then_confirm_writes_the_services(as_user, process, coordinator):
    client = as_user(coordinator)
    upload = SimpleUploadedFile("sluzby.csv", _csv(ROW_1), content_type="text/csv")
    response = client.post(url(process, "import/tabulka/"), {"file": upload})
    assert response.status_code == 200 and response.context["report"].created == 1
    assert not Service.objects.filter(name="Pečovatelská služba Test").exists()  # a preview writes nothing
    token = response.context["token"]
    response = client.post(url(process, "import/tabulka/potvrdit/"), {"token": token})
    assert response.status_code == 302
    assert Service.objects.filter(name="Pečovatelská služba Test").exists()
    response = client.post(url(process, "import/tabulka/potvrdit/"), {"token": token})  # used up
    assert Service.objects.filter(name="Pečovatelská služba Test").count() == 1


def test_a_file_with_errors_shows_them_and_cannot_be_confirmed(as_user, process, coordinator):
    upload = SimpleUploadedFile("sluzby.csv", _csv(ROW_1.replace("12345678", "12")), content_type="text/csv")
    response = as_user(coordinator).post(url(process, "import/tabulka/"), {"file": upload})
    assert response.context["report"].rejected and "token" not in response.context
    assert "line 2, column ico" in response.content.decode()


def test_a_wrong_file_is_an_error_at_the_field(as_user, process, coordinator):
    client = as_user(coordinator)
    response = client.post(url(process, "import/tabulka/"), {"file": SimpleUploadedFile("x.png", b"\x89PNG")})
    assert response.status_code == 200 and "file" in response.context["form"].errors
    response = client.post(url(process, "import/tabulka/"), {"file": SimpleUploadedFile("x.xlsx", b"broken")})
    assert response.status_code == 400 and "not a readable xlsx" in str(response.context["form"].errors["file"])


def test_unknown_import_kinds_are_404(as_user, process, coordinator):
    assert as_user(coordinator).get(url(process, "import/nic/")).status_code == 404


def test_the_template_downloads(as_user, process, coordinator):
    response = as_user(coordinator).get(url(process, "sablona.xlsx"))
    assert response["Content-Disposition"].startswith("attachment") and response.content[:2] == b"PK"
