"""The yearly report's staff pages (personas, the life cycle through the forms, 409 with the reason) and its public
pages (only published reports; 404 otherwise; downloads)."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from django.test import Client

from komplan.monitoring import report_services as services
from komplan.monitoring.models import ReportFile, ReportState, YearlyReport
from tests.monitoring.report_fixtures import fill_2008
from tests.personas import assert_every_view_swept, garbage_is_never_a_500, sweep

pytestmark = pytest.mark.django_db

S = "/slany/sprava/plneni/zpravy/"
P = "/slany/plneni/zpravy/"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def report(process, plan2008, coordinator):
    return services.create_report(process, 2008, coordinator)


@pytest.fixture
def processor(process):
    from tests.conftest import person

    return person("zpracovatel@example.org", "Zpracovatel Plánu", process, "plan_processor", "commissioner")


def _published(report):
    steering = services.approve_by_steering(report, dt.date(2009, 2, 10), "zápis ŘS 1/2009")
    council = services.approve_by_council(steering, "Zastupitelstvo města Slaný", "12/2009", dt.date(2009, 3, 2))
    return services.publish(council)


# ------------------------------------------------------------------------------------------------- personas


def test_every_staff_view_for_the_three_personas(outsider, member, coordinator, report, media):
    rows = [
        ("get", S, 200),
        ("post", f"{S}zalozit/", 403),
        ("get", f"{S}2008/", 200),
        ("get", f"{S}2008/upravit/", 403),
        ("post", f"{S}2008/upravit/", 403),
        ("post", f"{S}2008/schvalit-ridici-skupinou/", 403),
        ("post", f"{S}2008/vratit-do-konceptu/", 403),
        ("post", f"{S}2008/schvalit-zastupitelstvem/", 403),
        ("post", f"{S}2008/zverejnit/", 403),
        ("get", f"{S}2008.pdf", 200),
    ]
    assert_every_view_swept(rows, "komplan.monitoring.report_admin_urls")
    sweep(rows, outsider, member)
    assert YearlyReport.objects.get().state == ReportState.DRAFT
    garbage_is_never_a_500(rows, coordinator)


def test_the_plan_processor_edits_but_does_not_approve(as_user, processor, report):
    client = as_user(processor)
    assert client.get(f"{S}2008/upravit/").status_code == 200
    page = client.get(f"{S}2008/").content.decode()
    assert "upravit/" in page and "schvalit-ridici-skupinou/" not in page
    data = {"approved_on": "2009-02-10"}
    assert client.post(f"{S}2008/schvalit-ridici-skupinou/", data).status_code == 403


def test_a_provider_editor_sees_but_cannot_write(as_user, provider_editor, report):
    client = as_user(provider_editor)
    assert client.get(f"{S}2008/").status_code == 200
    assert client.post(f"{S}zalozit/", {"year": "2008"}).status_code == 403
    assert client.get(f"{S}2008/upravit/").status_code == 403


# ------------------------------------------------------------------------------------------------- staff pages


def test_create_from_the_list(as_user, coordinator, plan2008):
    client = as_user(coordinator)
    page = client.get(S).content.decode()
    assert 'name="year"' in page and '<option value="2008" selected>2008</option>' in page
    response = client.post(f"{S}zalozit/", {"year": "2008", "title": ""})
    assert response.status_code == 302 and response["Location"] == f"{S}2008/"
    assert YearlyReport.objects.get().title.startswith("Zpráva o plnění Komunitního plánu")
    again = client.post(f"{S}zalozit/", {"year": "2008"})
    assert again.status_code == 400 and 'id="id_year_errors"' in again.content.decode()
    assert "Každý rok s akčním plánem už svou zprávu má." in client.get(S).content.decode()
    assert client.post(f"{S}zalozit/", {"year": "2011"}).status_code == 400
    assert YearlyReport.objects.count() == 1


def test_the_report_page_shows_the_live_draft(as_user, coordinator, report, plan2008, period):
    fill_2008(plan2008, period, coordinator)
    page = as_user(coordinator).get(f"{S}2008/").content.decode()
    assert "Koncept" in page and 'id="kapitola-aktivity"' in page
    assert "Víkendová pečovatelská služba" in page and "Služba běží od září." in page
    assert f'href="{S}2008.pdf"' in page and f'href="{S}2008.docx"' in page
    assert "schvalit-ridici-skupinou/" in page and "schvalit-zastupitelstvem/" not in page


def test_edit_with_preview_and_a_conflict(as_user, coordinator, processor, report):
    client = as_user(coordinator)
    form = client.get(f"{S}2008/upravit/").content.decode()
    assert 'name="opened_version" value="1"' in form
    data = {"title": "Zpráva 2008", "introduction": "**Úvod**", "evaluation": "", "conclusions": ""}
    data["opened_version"] = 1
    preview = client.post(f"{S}2008/upravit/", {**data, "preview": "1"})
    assert preview.status_code == 200 and "<strong>Úvod</strong>" in preview.content.decode()
    assert YearlyReport.objects.get().introduction == ""
    assert client.post(f"{S}2008/upravit/", data).status_code == 302
    assert YearlyReport.objects.get().introduction == "**Úvod**"
    stale = as_user(processor).post(f"{S}2008/upravit/", {**data, "introduction": "Jiný úvod"})
    html = stale.content.decode()
    assert stale.status_code == 409 and "**Úvod**" in html and "Jiný úvod" in html
    assert 'name="opened_version" value="2"' in html
    assert YearlyReport.objects.get().introduction == "**Úvod**"
    bad = client.post(f"{S}2008/upravit/", {**data, "title": "", "opened_version": 2})
    assert bad.status_code == 400 and 'id="id_title_errors"' in bad.content.decode()


def test_the_life_cycle_through_the_forms(as_user, coordinator, report, media):
    client = as_user(coordinator)
    future = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    refused = client.post(f"{S}2008/schvalit-ridici-skupinou/", {"approved_on": future})
    assert refused.status_code == 400 and 'id="id_approved_on_errors"' in refused.content.decode()
    ok = {"approved_on": "2009-02-10", "record": "zápis ŘS 1/2009"}
    assert client.post(f"{S}2008/schvalit-ridici-skupinou/", ok).status_code == 302
    report = YearlyReport.objects.get()
    assert report.state == ReportState.STEERING_APPROVED and report.snapshot
    # a second steering approval (a stale page) answers 409 with the reason
    twice = client.post(f"{S}2008/schvalit-ridici-skupinou/", ok)
    assert twice.status_code == 409 and "jen koncept" in twice.content.decode()
    assert client.get(f"{S}2008/upravit/").status_code == 200
    frozen = client.post(
        f"{S}2008/upravit/",
        {"title": "X", "introduction": "", "evaluation": "", "conclusions": "", "opened_version": report.version},
    )
    assert frozen.status_code == 409 and "vraťte ji do konceptu" in frozen.content.decode()

    page = client.get(f"{S}2008/").content.decode()
    assert 'value="Zastupitelstvo města Slaný"' in page  # prefilled from the responsible municipality
    early = {"body": "Zastupitelstvo města Slaný", "resolution_number": "12/2009", "resolution_date": "2009-01-05"}
    answer = client.post(f"{S}2008/schvalit-zastupitelstvem/", early)
    assert answer.status_code == 400 and 'id="id_resolution_date_errors"' in answer.content.decode()
    missing = client.post(f"{S}2008/schvalit-zastupitelstvem/", {**early, "resolution_number": ""})
    assert 'id="id_resolution_number_errors"' in missing.content.decode()
    assert client.post(f"{S}2008/zverejnit/").status_code == 409
    good = {**early, "resolution_date": "2009-03-02"}
    assert client.post(f"{S}2008/schvalit-zastupitelstvem/", good).status_code == 302
    back = client.post(f"{S}2008/vratit-do-konceptu/")
    assert back.status_code == 409 and "12/2009" in back.content.decode()
    assert client.post(f"{S}2008/zverejnit/").status_code == 302
    report = YearlyReport.objects.get()
    assert report.state == ReportState.PUBLISHED
    page = client.get(f"{S}2008/").content.decode()
    assert "Schváleno usnesením Zastupitelstva města Slaný č. 12/2009 ze dne 2. 3. 2009" in page
    assert f'href="{P}2008/"' in page


def test_return_to_draft_through_the_form(as_user, coordinator, report):
    services.approve_by_steering(report, dt.date(2009, 2, 10))
    client = as_user(coordinator)
    assert "vratit-do-konceptu/" in client.get(f"{S}2008/").content.decode()
    assert client.post(f"{S}2008/vratit-do-konceptu/").status_code == 302
    assert YearlyReport.objects.get().state == ReportState.DRAFT
    again = client.post(f"{S}2008/vratit-do-konceptu/")
    assert again.status_code == 409 and "už je konceptem" in again.content.decode()


def test_staff_downloads_a_draft_made_on_the_fly(as_user, coordinator, report, media):
    client = as_user(coordinator)
    pdf = client.get(f"{S}2008.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF") and "no-store" in pdf["Cache-Control"]
    assert "attachment" in pdf["Content-Disposition"] and ".pdf" in pdf["Content-Disposition"]
    assert not ReportFile.objects.exists()
    assert client.get(f"{S}2008.xlsx").status_code == 404
    assert client.get(f"{S}2009.pdf").status_code == 404


def test_unknown_report_is_404_for_staff(as_user, coordinator, report):
    assert as_user(coordinator).get(f"{S}2007/").status_code == 404
    assert as_user(coordinator).get(f"{S}2007/upravit/").status_code == 404


# ------------------------------------------------------------------------------------------------- public pages


@pytest.mark.parametrize("state", ["draft", "steering", "council"])
def test_an_unpublished_report_is_404_for_everyone_public(report, member, coordinator, state, media):
    if state != "draft":
        report = services.approve_by_steering(report, dt.date(2009, 2, 10))
    if state == "council":
        services.approve_by_council(report, "Zastupitelstvo města Slaný", "12/2009", dt.date(2009, 3, 2))
    for user in (None, member, coordinator):
        client = Client()
        if user:
            client.force_login(user)
        for path in (f"{P}2008/", f"{P}2008.pdf", f"{P}2008.docx"):
            assert client.get(path).status_code == 404, (user, path)
        assert report.title not in client.get(P).content.decode()
    assert not ReportFile.objects.exists()


def test_the_published_report_with_its_approval_and_files(client, report, media, plan2008, period, coordinator):
    fill_2008(plan2008, period, coordinator)
    _published(report)
    listing = client.get(P).content.decode()
    assert f'href="{P}2008/"' in listing and "č. 12/2009" in listing
    page = client.get(f"{P}2008/").content.decode()
    assert "Schváleno usnesením Zastupitelstva města Slaný č. 12/2009 ze dne 2. 3. 2009" in page
    assert "Zpráva o plnění komunitního plánu za rok 2008" in page
    assert 'id="kapitola-aktivity"' in page and "<caption>Aktivity akčního plánu na rok 2008</caption>" in page
    assert page.count("Víkendová pečovatelská služba") >= 1
    pdf = client.get(f"{P}2008.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "filename*=utf-8''" in pdf["Content-Disposition"] and "2008.pdf" in pdf["Content-Disposition"]
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    word = client.get(f"{P}2008.docx")
    document = docx.Document(io.BytesIO(b"".join(word.streaming_content)))
    assert len(document.tables) >= 5
    assert ReportFile.objects.count() == 2
    client.get(f"{P}2008.pdf")
    assert ReportFile.objects.count() == 2  # kept, not made again
    assert client.get(f"{P}2008.xlsx").status_code == 404
    assert client.get(f"{P}2007/").status_code == 404


def test_the_english_public_page(client, report, media):
    _published(report)
    page = client.get(f"/en{P}2008/").content.decode()
    assert "Approved by Zastupitelstvo města Slaný, resolution No. 12/2009 of 2. 3. 2009" in page


def test_no_published_report_says_so(client, process):
    assert "Zatím nebyla zveřejněna" in client.get(P).content.decode()
