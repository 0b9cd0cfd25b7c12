"""Public pages: home, process site, information pages (editable), text size — with the personas."""

import pytest

from komplan.portal.models import Page

pytestmark = pytest.mark.django_db


def test_home_lists_public_processes_with_territory_and_phase(client, process, other_process):
    body = client.get("/").content.decode()
    assert process.name in body and other_process.name in body
    assert "ORP Přerov" in body


def test_non_public_processes_are_hidden_from_outsiders_and_shown_to_members(
    client, as_user, process, other_process, member, outsider
):
    other_process.is_public = False
    other_process.save()
    assert other_process.name not in client.get("/").content.decode()
    assert client.get(f"/{other_process.slug}/").status_code == 404
    assert as_user(member).get(f"/{other_process.slug}/").status_code == 404
    response = as_user(outsider).get(f"/{other_process.slug}/")
    assert response.status_code == 200


def test_the_process_page_shows_the_phase_timeline(client, process):
    from komplan.territory.models import Phase

    Phase.objects.for_process(process).filter(kind="analysis").update(
        status="running", actual_start="2007-03-01", planned_end="2007-04-30"
    )
    response = client.get(f"/{process.slug}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert response.context["current"].kind == "analysis"
    assert 'aria-current="step"' in body and "1. 3. 2007" in body
    assert "Slaný" in body and "16" in body  # population of the area


def test_unknown_processes_get_the_styled_404(client):
    response = client.get("/neni-takovy-proces/")
    assert response.status_code == 404
    assert "<html" in response.content.decode() and 'id="obsah"' in response.content.decode()


def test_english_is_served_under_en(client, process):
    english = client.get(f"/en/{process.slug}/").content.decode()
    assert 'lang="en"' in english and "Course of planning" in english


def test_czech_is_the_default(client, process):
    czech = client.get(f"/{process.slug}/").content.decode()
    assert 'lang="cs"' in czech and "Průběh plánování" in czech


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/co-je-komunitni-planovani/", "triády"),
        ("/prohlaseni-o-pristupnosti/", "99/2019"),
        ("/kontakt/", "koordinátor"),
    ],
)
def test_information_pages_have_default_texts(client, path, text):
    response = client.get(path)
    assert response.status_code == 200 and text in response.content.decode()


def test_information_pages_in_english(client):
    assert "triad" in client.get("/en/co-je-komunitni-planovani/").content.decode()


def test_editing_a_page_needs_the_right(client, as_user, member):
    assert client.get("/co-je-komunitni-planovani/upravit/").status_code == 302
    assert as_user(member).get("/co-je-komunitni-planovani/upravit/").status_code == 403


def test_an_administrator_edits_a_page_and_scripts_are_removed(client, superuser):
    client.force_login(superuser)
    response = client.post(
        "/co-je-komunitni-planovani/upravit/",
        {
            "title_cs": "Co je KPSS",
            "body_cs": "## Úvod\n\nText <script>alert(1)</script>",
            "title_en": "What is it",
            "body_en": "Text",
        },
    )
    assert response.status_code == 302
    assert Page.objects.get(key="about").updated_by == superuser
    body = client.get("/co-je-komunitni-planovani/").content.decode()
    assert "Co je KPSS" in body and "<script>alert" not in body


def test_an_empty_page_title_is_an_error_at_the_field(client, superuser):
    client.force_login(superuser)
    response = client.post("/kontakt/upravit/", {"title_cs": "", "body_cs": "x", "title_en": "x", "body_en": "x"})
    assert response.status_code == 200 and "title_cs" in response.context["form"].errors


def test_the_text_size_switch_sets_a_cookie_and_returns(client):
    response = client.get("/pismo/", {"size": "larger", "next": "/kontakt/"})
    assert response.status_code == 302 and response.url == "/kontakt/"
    assert response.cookies["komplan_font"].value == "larger"
    assert 'class="font-larger"' in client.get("/kontakt/").content.decode()


def test_the_text_size_switch_refuses_foreign_redirects_and_bad_sizes(client):
    response = client.get("/pismo/", {"size": "huge", "next": "https://evil.example/"})
    assert response.url == "/" and "komplan_font" not in response.cookies
