"""Staff pages (three personas, edits all-or-nothing) and the public analysis page with its downloads."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from komplan.directory.models import Codelist
from komplan.needs.models import CodeMapping, NeedNote, NormRow, NormSet
from tests.directory.factories import code, make_service

pytestmark = pytest.mark.django_db

STAFF = "/slany/sprava/potreby/"
PUBLIC = "/slany/analyzy/potreby/"


@pytest.mark.parametrize("path", [""])
def test_staff_overview_for_members(client, as_user, member, outsider, coordinator, norm_set, path):
    assert client.get(STAFF + path).status_code == 302
    assert as_user(outsider).get(STAFF + path).status_code == 404
    page = as_user(member).get(STAFF + path)
    assert page.status_code == 200 and page.context["can_manage"] is False
    assert as_user(coordinator).get(STAFF + path).context["can_manage"] is True


@pytest.mark.parametrize("path", ["normy/nova/", "normy/komplan-vychozi/"])
def test_staff_edit_pages(client, as_user, member, outsider, coordinator, norm_set, path):
    assert client.get(STAFF + path).status_code == 302
    assert as_user(outsider).get(STAFF + path).status_code == 404
    assert as_user(member).get(STAFF + path).status_code == 403
    assert as_user(coordinator).get(STAFF + path).status_code == 200


@pytest.mark.parametrize(
    "path", ["normy/komplan-vychozi/kopie/", "normy/komplan-vychozi/smazat/", "potreby-skupin/nova/", "kategorie/1/"]
)
def test_staff_posts_refused_to_non_managers(client, as_user, member, outsider, norm_set, path):
    assert client.post(STAFF + path).status_code == 302
    assert as_user(outsider).post(STAFF + path).status_code == 404
    assert as_user(member).post(STAFF + path).status_code == 403
    assert NormSet.objects.count() == 1 and NormRow.objects.filter(norm_set=norm_set).exists()


def _data(norm_set, **first):
    rows = list(norm_set.rows.all())
    data = {
        "name": norm_set.name,
        "source": norm_set.source,
        "description": "",
        "rows-TOTAL_FORMS": str(len(rows)),
        "rows-INITIAL_FORMS": str(len(rows)),
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "1000",
    }
    for i, r in enumerate(rows):
        data.update(
            {
                f"rows-{i}-id": r.pk,
                f"rows-{i}-service_type": r.service_type_id,
                f"rows-{i}-form": r.form_id or "",
                f"rows-{i}-unit": r.unit_id,
                f"rows-{i}-reference": r.reference,
                f"rows-{i}-per_1000": str(r.per_1000),
                f"rows-{i}-note": r.note,
            }
        )
    data.update({f"rows-0-{k}": v for k, v in first.items()})
    return data


def test_coordinator_copies_edits_and_refuses_bad_norms(as_user, coordinator, norm_set):
    staff = as_user(coordinator)
    response = staff.post(STAFF + "normy/komplan-vychozi/kopie/", {"name": "Vlastní cíl"})
    assert response.status_code == 302 and response["Location"].endswith("/normy/vlastni-cil/")
    copy = NormSet.objects.get(slug="vlastni-cil")
    first = copy.rows.all()[0]
    bad = staff.post(STAFF + "normy/vlastni-cil/", _data(copy, per_1000="-5", note="changed"))
    assert bad.status_code == 400 and 'aria-invalid="true"' in bad.content.decode()
    assert NormRow.objects.get(pk=first.pk).note != "changed"  # nothing partial
    unknown = staff.post(STAFF + "normy/vlastni-cil/", _data(copy, reference="100_plus"))
    assert unknown.status_code == 400
    good = staff.post(STAFF + "normy/vlastni-cil/", _data(copy, per_1000="99", note="changed"))
    assert good.status_code == 302
    assert NormRow.objects.get(pk=first.pk).per_1000 == 99 and norm_set.rows.get(pk=norm_set.rows.all()[0].pk)
    page = staff.get(STAFF)
    assert "Vlastní cíl" in page.content.decode()
    assert staff.post(STAFF + "normy/vlastni-cil/smazat/").status_code == 302
    assert not NormSet.objects.filter(slug="vlastni-cil").exists()


def test_coordinator_records_a_need_and_links_a_survey_category(as_user, coordinator, process, norm_set):
    from komplan.surveys.models import Code
    from tests.surveys.results_fixtures import make_survey

    staff = as_user(coordinator)
    assert staff.post(STAFF + "potreby-skupin/nova/", {"text": ""}).status_code == 400
    home = code(Codelist.SERVICE_TYPE, "13")
    assert (
        staff.post(STAFF + "potreby-skupin/nova/", {"text": "Chybí lůžka", "service_type": home.pk}).status_code == 302
    )
    note = NeedNote.objects.get(process=process)
    assert note.created_by == coordinator and note.service_type == home
    survey = make_survey(process)
    category = Code.objects.create(survey=survey, question_key="chybi", label="domov")
    assert staff.post(STAFF + f"kategorie/{category.pk}/", {"service_type": home.pk}).status_code == 302
    assert CodeMapping.objects.get(code=category).service_type == home
    staff.post(STAFF + f"kategorie/{category.pk}/", {"service_type": ""})
    assert not CodeMapping.objects.exists()
    assert staff.post(STAFF + f"potreby-skupin/{note.pk}/smazat/").status_code == 302


def test_page_without_population_says_what_is_missing(client, process):
    response = client.get(PUBLIC)
    assert response.status_code == 200 and "result" not in response.context
    assert response.context["no_population"]


@pytest.mark.usefixtures("demography_data")
class TestPublicPage:
    @pytest.fixture(autouse=True)
    def catalogue(self, db):
        make_service("Domov Slaný", "13", located_in="532819", serves=("532819",), forms={"pob": [("luzka", 90)]})
        make_service(
            "Pečovatelská služba", "4", located_in="532819", serves=("532819",), forms={"ter": [("klient", 80)]}
        )

    def test_page_for_everyone_explains_the_missing_projection(self, client, as_user, outsider, member, process):
        for visitor in (client, as_user(outsider), as_user(member)):
            response = visitor.get(PUBLIC)
            assert response.status_code == 200
        html = response.content.decode()
        assert "2034" in html and "/slany/analyzy/demografie/?scenar=medium" in html  # run it here
        assert html.count('role="img"') >= 1 and "ilustrativní" in html

    def test_bad_parameters_answer_400_at_the_field(self, client, process):
        for query in ({"normy": "nic"}, {"rok": "x"}, {"scenar": "nic"}):
            response = client.get(PUBLIC, query)
            assert response.status_code == 400 and "kp-error-summary" in response.content.decode()

    def test_downloads_and_chapter(self, client, process):
        response = client.get(PUBLIC + "tabulka.csv")
        assert response.status_code == 200
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        assert rows[0][0] == "Území" and len(rows) > 10
        book = openpyxl.load_workbook(io.BytesIO(client.get(PUBLIC + "tabulka.xlsx").content))
        assert book.active.max_row == len(rows)
        assert client.get(PUBLIC + "tabulka.csv", {"rok": "x"}).status_code == 400
        chapter = client.get(PUBLIC + "kapitola/")
        assert chapter.status_code == 200 and "Ekonomické vyhodnocení" in chapter.content.decode()
