import pytest

from komplan.plan.models import Block, BlockChange, BlockKind, Chapter, Plan
from komplan.plan.services import freeze_version
from tests.conftest import person

pytestmark = pytest.mark.django_db

S = "/slany/sprava/plan/"


def _editor(plan, key="uvod"):
    chapter = Chapter.objects.get(plan=plan, key=key)
    return chapter, chapter.blocks.get(kind=BlockKind.NARRATIVE)


def test_the_coordinator_starts_the_plan(as_user, coordinator, process):
    client = as_user(coordinator)
    assert "Založit dokument plánu" in client.get(S).content.decode()
    response = client.post(f"{S}zalozit/")
    assert response.status_code == 302 and Plan.objects.filter(process=process).exists()
    page = client.get(S).content.decode()
    assert "Úvod a základní informace" in page and f"{S}kapitola/uvod/" in page


def test_edit_a_chapter_with_preview_and_change_log(as_user, coordinator, plan):
    chapter, block = _editor(plan)
    client = as_user(coordinator)
    page = client.get(f"{S}kapitola/uvod/")
    assert page.status_code == 200 and "[K doplnění]" in page.content.decode()
    data = {
        "title": "Úvod",
        "opened_version": chapter.version,
        f"block_{block.pk}": "**Nový** úvod.\n\nDruhý odstavec.",
    }
    preview = client.post(f"{S}kapitola/uvod/", {**data, "preview": "1"})
    assert preview.status_code == 200 and "<strong>Nový</strong>" in preview.content.decode()
    block.refresh_from_db()
    assert "[K doplnění]" in block.text  # a preview saves nothing
    assert client.post(f"{S}kapitola/uvod/", data).status_code == 302
    block.refresh_from_db()
    assert block.text == "**Nový** úvod.\n\nDruhý odstavec." and len(block.paragraphs) == 2
    log = client.get(f"{S}kapitola/uvod/").content.decode()
    assert "Koordinátorka Testovací" in log and "Druhý odstavec." in log
    assert BlockChange.objects.filter(block=block).count() == 1


def test_two_editors_the_second_gets_409_with_the_other_text(as_user, coordinator, process, plan):
    other = person("zpracovatel@example.org", "Zpracovatel Plánu", process, "coordinator", "commissioner")
    chapter, block = _editor(plan)
    opened = chapter.version
    first = as_user(coordinator).post(
        f"{S}kapitola/uvod/", {"title": "Úvod", "opened_version": opened, f"block_{block.pk}": "Text koordinátorky."}
    )
    assert first.status_code == 302
    from django.test import Client

    second_client = Client()
    second_client.force_login(other)
    second = second_client.post(
        f"{S}kapitola/uvod/", {"title": "Úvod", "opened_version": opened, f"block_{block.pk}": "Můj text."}
    )
    assert second.status_code == 409
    page = second.content.decode()
    assert "Text koordinátorky." in page and "Můj text." in page and "Kapitolu mezitím uložil někdo jiný" in page
    block.refresh_from_db()
    assert block.text == "Text koordinátorky."


def test_markdown_with_scripts_is_sanitised(as_user, client, coordinator, plan):
    chapter, block = _editor(plan)
    evil = '<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n[klik](javascript:alert(3))'
    data = {"title": "Úvod", "opened_version": chapter.version, f"block_{block.pk}": evil}
    assert as_user(coordinator).post(f"{S}kapitola/uvod/", data).status_code == 302
    client.logout()
    for page in (client.get("/slany/plan/"), as_user(coordinator).get(f"{S}kapitola/uvod/")):
        html = page.content.decode()
        assert "<script>alert" not in html and 'onerror="' not in html and 'href="javascript:' not in html


def test_bad_input_is_refused_at_the_field(as_user, coordinator, plan):
    chapter, block = _editor(plan)
    response = as_user(coordinator).post(
        f"{S}kapitola/uvod/", {"title": "", "opened_version": "nan", f"block_{block.pk}": "x"}
    )
    assert response.status_code == 400
    block.refresh_from_db()
    assert block.text != "x"


def test_a_member_reads_but_cannot_edit(as_user, member, plan):
    chapter, block = _editor(plan)
    client = as_user(member)
    page = client.get(f"{S}kapitola/uvod/")
    assert page.status_code == 200 and "Uložit kapitolu" not in page.content.decode()
    data = {"title": "X", "opened_version": chapter.version, f"block_{block.pk}": "x"}
    assert client.post(f"{S}kapitola/uvod/", data).status_code == 403
    assert client.get(f"{S}kapitola/neni/").status_code == 404


def test_public_draft_has_anchors_and_is_labelled(client, plan, strategy):
    _chapter, block = _editor(plan)
    page = client.get("/slany/plan/").content.decode()
    assert "Pracovní návrh" in page
    assert 'id="kapitola-uvod"' in page and 'href="#kapitola-strategie"' in page
    assert f'id="p-{block.paragraphs[0]["id"]}"' in page
    assert "Rozšířit pečovatelskou službu" in page


def test_public_page_without_a_plan(client, process):
    response = client.get("/slany/plan/")
    assert response.status_code == 200 and "zatím nebyl založen" in response.content.decode()
    assert client.get("/slany/plan/verze/1/").status_code == 404


def test_freeze_then_the_frozen_version_never_changes_but_the_draft_does(as_user, client, coordinator, plan, strategy):
    assert as_user(coordinator).post(f"{S}zmrazit/", {"label": "pracovní verze"}).status_code == 302
    strategy.title = "Zrušit pečovatelskou službu"
    strategy.save()
    _chapter, block = _editor(plan)
    block.paragraphs = [{"id": "abcd1234", "text": "Nový text po zmrazení."}]
    block.save()
    client.logout()
    frozen = client.get("/slany/plan/verze/1/").content.decode()
    assert "Rozšířit pečovatelskou službu" in frozen and "Zrušit pečovatelskou službu" not in frozen
    assert "Nový text po zmrazení." not in frozen and "pracovní verze" in frozen
    draft = client.get("/slany/plan/").content.decode()
    assert "Zrušit pečovatelskou službu" in draft and "Rozšířit pečovatelskou službu" not in draft
    assert "Nový text po zmrazení." in draft and "/slany/plan/verze/1/" in draft
    assert client.get("/slany/plan/verze/2/").status_code == 404


def test_versions_are_numbered(coordinator, plan):
    assert [freeze_version(plan, coordinator).number for _ in range(2)] == [1, 2]
    assert Block.objects.filter(chapter__plan=plan).exists()


def test_paragraph_ids_survive_an_edit_through_the_editor(as_user, coordinator, plan):
    chapter, block = _editor(plan)
    client = as_user(coordinator)
    url = f"{S}kapitola/uvod/"
    client.post(url, {"title": "Úvod", "opened_version": chapter.version, f"block_{block.pk}": "A.\n\nB."})
    block.refresh_from_db()
    ids = [p["id"] for p in block.paragraphs]
    client.post(
        url, {"title": "Úvod", "opened_version": chapter.version + 1, f"block_{block.pk}": "A.\n\nB, opraveno."}
    )
    block.refresh_from_db()
    assert [p["id"] for p in block.paragraphs] == ids and block.paragraphs[1]["text"] == "B, opraveno."


def test_the_plan_of_a_private_process_is_hidden_from_the_public(client, process, plan):
    process.is_public = False
    process.save()
    assert client.get("/slany/plan/").status_code == 404
