"""The life cycle on the staff pages, the publication page, the archive and the diff page."""

import datetime as dt

import pytest

from komplan.plan.models import Chapter, Transition, Version, VersionState
from komplan.plan.services import approve, freeze_version, publish, put_to_comment
from tests.documents.pdftools import pdf_text

pytestmark = pytest.mark.django_db

S = "/slany/sprava/plan/"
P = "/slany/plan/"


def _published(plan, user, number_of_resolution="123/2007"):
    working = freeze_version(plan, user, "pracovní verze", issued_on=dt.date(2007, 6, 27))
    put_to_comment(working, user)
    final = freeze_version(plan, user, "konečná verze", state=VersionState.FINAL, issued_on=dt.date(2007, 11, 20))
    approve(final, user, "Zastupitelstvo města Slaný", number_of_resolution, dt.date(2007, 12, 19))
    return publish(final, user)


def test_freeze_with_a_state_and_a_date(as_user, coordinator, plan):
    client = as_user(coordinator)
    data = {"label": "k připomínkám", "state": "comment", "issued_on": "2007-10-01", "note": "od 1. 10."}
    assert client.post(f"{S}zmrazit/", data).status_code == 302
    version = Version.objects.get()
    assert version.state == "comment" and version.issued_on == dt.date(2007, 10, 1)
    page = client.get(S).content.decode()
    assert "verze k připomínkám" in page and "1. 10. 2007" in page and "od 1. 10." in page


def test_freezing_a_final_version_first_is_refused_at_the_field(as_user, coordinator, plan):
    response = as_user(coordinator).post(f"{S}zmrazit/", {"label": "", "state": "final"})
    assert response.status_code == 409 and not Version.objects.exists()
    html = response.content.decode()
    assert 'id="id_state_errors"' in html and "připomínk" in html
    bad = as_user(coordinator).post(f"{S}zmrazit/", {"state": "approved", "issued_on": "2007-02-30"})
    assert bad.status_code == 400 and 'aria-invalid="true"' in bad.content.decode()


def test_the_whole_life_cycle_through_the_staff_pages(as_user, coordinator, plan):
    client = as_user(coordinator)
    client.post(f"{S}zmrazit/", {"label": "pracovní", "issued_on": "2007-06-27"})
    page = client.get(f"{S}verze/1/").content.decode()
    assert "k-pripominkam/" in page and "schvalit/" not in page
    assert client.post(f"{S}verze/1/k-pripominkam/", {"note": "1.–31. 10."}).status_code == 302
    client.post(f"{S}zmrazit/", {"label": "konečná", "state": "final", "issued_on": "2007-11-20"})
    page = client.get(f"{S}verze/2/").content.decode()
    assert 'value="Zastupitelstvo města Slaný"' in page  # prefilled from the responsible municipality

    missing = client.post(f"{S}verze/2/schvalit/", {"body": "Zastupitelstvo města Slaný", "resolution_date": "x"})
    html = missing.content.decode()
    assert missing.status_code == 400 and 'id="id_resolution_number_errors"' in html
    assert 'id="id_resolution_date_errors"' in html
    too_early = {"body": "Zastupitelstvo města Slaný", "resolution_number": "1/2007", "resolution_date": "2007-01-05"}
    assert client.post(f"{S}verze/2/schvalit/", too_early).status_code == 400

    data = {"body": "Zastupitelstvo města Slaný", "resolution_number": "123/2007", "resolution_date": "2007-12-19"}
    assert client.post(f"{S}verze/2/schvalit/", data).status_code == 302
    again = client.post(f"{S}verze/2/schvalit/", {**data, "resolution_number": "5/2008"})
    assert again.status_code == 409 and "123/2007" in again.content.decode()
    assert Version.objects.get(number=2).resolution_number == "123/2007"

    assert client.post(f"{S}verze/1/zverejnit/", {}).status_code == 409
    assert client.post(f"{S}verze/2/zverejnit/", {"note": ""}).status_code == 302
    assert Version.objects.get(number=2).state == "published"
    log = client.get(f"{S}verze/2/").content.decode()
    assert "Schváleno usnesením Zastupitelstva města Slaný č. 123/2007 ze dne 19. 12. 2007" in log
    assert Transition.objects.filter(version__number=2).count() == 3
    # approving and publishing regenerated the files (immediate task backend): the cover states the approval
    rendering = Version.objects.get(number=2).renderings.get(format="pdf")
    assert rendering.status == "done" and rendering.progress == 100
    with rendering.file.open("rb") as handle:
        cover = " ".join(pdf_text(handle.read()).split())
    assert "Schváleno usnesením Zastupitelstva města Slaný č. 123/2007 ze dne 19. 12. 2007" in cover


def test_approving_a_version_never_put_to_comment_is_refused_with_the_reason(as_user, coordinator, plan):
    freeze_version(plan, coordinator)
    data = {"body": "Zastupitelstvo města Slaný", "resolution_number": "1/2007", "resolution_date": "2030-01-01"}
    response = as_user(coordinator).post(f"{S}verze/1/schvalit/", data)
    assert response.status_code == 409 and "připomínkám" in response.content.decode()
    assert Version.objects.get().state == "working"


def test_a_member_sees_the_version_but_no_forms(as_user, member, coordinator, plan):
    freeze_version(plan, coordinator)
    page = as_user(member).get(f"{S}verze/1/").content.decode()
    assert "Historie verze" in page and "k-pripominkam/" not in page


def test_publication_page_with_the_official_plan(client, coordinator, plan, strategy):
    _published(plan, coordinator)
    page = client.get(f"{P}schvaleny/").content.decode()
    assert "Schváleno usnesením Zastupitelstva města Slaný č. 123/2007 ze dne 19. 12. 2007" in page
    assert f'href="{P}verze/2/"' in page and f'href="{P}verze/1/"' in page  # the plan and the comment version
    assert 'href="/slany/akcni-plan/2008/"' in page
    assert 'id="ke-stazeni-2"' not in page  # no PDF/DOCX until the outputs exist
    draft = client.get(P).content.decode()
    assert f'href="{P}schvaleny/"' in draft
    home = client.get("/slany/").content.decode()
    assert f'href="{P}schvaleny/"' in home


def test_a_newer_published_version_becomes_the_official_one(client, coordinator, plan):
    _published(plan, coordinator)
    final = freeze_version(plan, coordinator, "aktualizace", state=VersionState.FINAL, issued_on=dt.date(2008, 6, 1))
    publish(approve(final, coordinator, "Zastupitelstvo města Slaný", "77/2008", dt.date(2008, 6, 20)), coordinator)
    page = client.get(f"{P}schvaleny/").content.decode()
    official, previous = page.split('id="predchozi"')
    assert "77/2008" in official and "123/2007" in previous


def test_publication_page_before_anything_is_published(client, coordinator, plan, process):
    freeze_version(plan, coordinator, state=VersionState.COMMENT)
    page = client.get(f"{P}schvaleny/").content.decode()
    assert "zatím nebyla schválena" in page and f'href="{P}verze/1/"' in page
    plan.delete()
    assert client.get(f"{P}schvaleny/").status_code == 200
    assert client.get(f"{P}verze/").status_code == 404


def test_downloads_are_linked_once_the_files_are_generated(client, coordinator, plan):
    from komplan.plan.services import request_renderings

    _published(plan, coordinator)
    assert f"{P}verze/2.pdf" not in client.get(f"{P}schvaleny/").content.decode()  # nothing generated yet
    request_renderings(Version.objects.get(plan=plan, number=2), coordinator)  # immediate backend in tests
    page = client.get(f"{P}schvaleny/").content.decode()
    assert f'href="{P}verze/2.pdf"' in page and f'href="{P}verze/2.docx"' in page
    assert client.get(f"{P}verze/2.pdf")["Content-Type"] == "application/pdf"


def test_archive_lists_the_versions_and_the_compare_form_redirects(client, coordinator, plan):
    _published(plan, coordinator)
    freeze_version(plan, coordinator, "nový návrh")
    page = client.get(f"{P}verze/").content.decode()
    assert "nový návrh" in page and "konečná verze" in page and 'name="a"' in page
    response = client.get(f"{P}verze/", {"a": "3", "b": "1"})
    assert response.status_code == 302 and response["Location"] == f"{P}verze/1/rozdil/3/"
    same = client.get(f"{P}verze/", {"a": "2", "b": "2"})
    assert same.status_code == 400 and 'id="id_b_errors"' in same.content.decode()
    assert client.get(f"{P}verze/", {"a": "x", "b": "99"}).status_code == 400


def test_diff_page_marks_insertions_and_deletions_escaped(client, coordinator, plan, strategy):
    first = freeze_version(plan, coordinator)
    chapter = Chapter.objects.get(plan=plan, key="uvod")
    block = chapter.blocks.get()
    pid = block.paragraphs[0]["id"]
    block.paragraphs = [{"id": pid, "text": "Nový <script>alert(1)</script> úvod."}]
    block.save()
    chapter.title = "Úvod plánu"
    chapter.save()
    strategy.title = "Rozšířit terénní službu"
    strategy.save()
    second = freeze_version(plan, coordinator)
    response = client.get(f"{P}verze/{first.number}/rozdil/{second.number}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert '<ins><span class="kp-sr-only">přidáno: </span>' in html and "<del>" in html
    assert "Úvod plánu" in html and f"#p-{pid}" in html
    assert "Rozšířit terénní službu" in html and "Rozšířit pečovatelskou službu" in html
    same = client.get(f"{P}verze/1/rozdil/1/").content.decode()
    assert "se neliší" in same
