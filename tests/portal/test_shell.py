"""The page shell: base.html with its includes, the error pages and the ``shell`` context processor.

The views behind the URL names are stand-ins from ``tests/portal/shell_urls.py``; the middleware
(``LocaleMiddleware``, ``ProcessMiddleware``…) and the context processors are the real ones.
Text is asserted in English (``/en/…`` or ``translation.override("en")``) so the tests do not
depend on the Czech catalogue.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import loader
from django.template.loader import render_to_string
from django.utils import translation

from komplan.portal.context_processors import FONT_COOKIE, FONT_SIZES, shell
from tests.conftest import make_process

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.portal.shell_urls")]

FOCUSABLE = {"a", "button", "input", "select", "textarea", "summary"}


class _Collector(HTMLParser):
    """Start tags in document order, with their attributes as a dict."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))


def _tags(html: str) -> list[tuple[str, dict]]:
    parser = _Collector()
    parser.feed(html)
    return parser.tags


def _focusable(tag: str, attrs: dict) -> bool:
    if tag == "a":
        return "href" in attrs
    if tag == "input" and attrs.get("type") == "hidden":
        return False
    return tag in FOCUSABLE or ("tabindex" in attrs and attrs["tabindex"] != "-1")


def _get(client, url: str, **extra) -> str:
    response = client.get(url, **extra)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _request(rf, path="/kontakt/", language="cs", **cookies):
    request = rf.get(path)
    request.LANGUAGE_CODE = language
    request.COOKIES.update(cookies)
    return request


# --- the context processor -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cookie", "expected"),
    [
        (None, "normal"),
        ("normal", "normal"),
        ("large", "large"),
        ("larger", "larger"),
        ("huge", "normal"),
        ("", "normal"),
        ("LARGE", "normal"),
        ("large; x=1", "normal"),
    ],
)
def test_font_size_comes_from_the_cookie_and_falls_back_to_normal(rf, cookie, expected):
    request = _request(rf, **({FONT_COOKIE: cookie} if cookie is not None else {}))

    context = shell(request)

    assert context["font_size"] == expected
    assert [link["current"] for link in context["font_size_links"]] == [s == expected for s in FONT_SIZES]


def test_font_size_links_go_to_the_switch_with_size_and_way_back(rf):
    context = shell(_request(rf, "/kontakt/?a=1&b=2"))

    links = context["font_size_links"]
    assert [link["size"] for link in links] == ["normal", "large", "larger"]
    assert [link["label"] for link in links] == ["A", "A+", "A++"]
    assert links[1]["url"] == "/pismo/?size=large&next=%2Fkontakt%2F%3Fa%3D1%26b%3D2"
    with translation.override("en"):
        names = [link["name"] for link in shell(_request(rf))["font_size_links"]]
    assert names == ["Normal text size", "Large text size", "Largest text size"]


def test_language_links_translate_the_current_address(rf):
    links = shell(_request(rf, "/kontakt/?q=1"))["language_links"]

    assert links == [
        {"code": "cs", "name": "Čeština", "url": "/kontakt/?q=1", "current": True},
        {"code": "en", "name": "English", "url": "/en/kontakt/?q=1", "current": False},
    ]
    with translation.override("en"):
        links = shell(_request(rf, "/en/kontakt/", language="en"))["language_links"]
    assert [(link["url"], link["current"]) for link in links] == [("/kontakt/", False), ("/en/kontakt/", True)]


def test_site_name_and_current_process(rf, settings, process):
    settings.KOMPLAN_SITE_NAME = "Plánování Slaný"
    request = _request(rf)
    assert shell(request)["current_process"] is None

    request.process = process
    context = shell(request)

    assert context["site_name"] == "Plánování Slaný"
    assert context["current_process"] == process


def test_a_bare_request_without_user_or_process_does_not_fail(rf):
    request = rf.get("/neco/")  # no user, no process, no LANGUAGE_CODE: an error page rendered early

    context = shell(request)

    assert context["current_process"] is None
    assert list(context["switcher_processes"]) == []
    assert context["font_size"] == "normal"


def test_switcher_is_lazy_visible_and_in_czech_order(rf, django_assert_num_queries):
    for slug, name in [("hranice", "Hranice"), ("cheb", "Cheb"), ("caslav", "Čáslav"), ("brno", "Brno")]:
        make_process(slug=slug, name=name)
    make_process(slug="tajny", name="Amsterdam (neveřejný)", is_public=False)
    request = _request(rf)
    request.user = AnonymousUser()

    with django_assert_num_queries(0):
        context = shell(request)
    with django_assert_num_queries(1):
        names = [p.name for p in context["switcher_processes"]]
        assert len(context["switcher_processes"]) == 4  # evaluated once, then cached

    assert names == ["Brno", "Čáslav", "Hranice", "Cheb"]  # Czech: č after c, ch after h


def test_pages_that_skip_the_header_do_not_query_processes(rf, django_assert_num_queries, process):
    request = _request(rf)
    request.user = AnonymousUser()
    template = loader.get_template("404.html")  # loaded outside the query count
    with django_assert_num_queries(0):
        shell(request)
    with django_assert_num_queries(1):  # the header's switcher is the only query of a page
        template.render({}, request)


# --- the rendered shell --------------------------------------------------------------------------


def test_skip_link_is_the_first_focusable_element_and_targets_main(client):
    tags = _tags(_get(client, "/"))

    first = next((tag, attrs) for tag, attrs in tags if _focusable(tag, attrs))
    assert first == ("a", {"class": "kp-skip-link", "href": "#obsah"})
    main = [attrs for tag, attrs in tags if tag == "main"]
    assert main == [{"id": "obsah", "class": "kp-main", "tabindex": "-1"}]


@pytest.mark.parametrize(("url", "lang"), [("/", "cs"), ("/en/", "en"), ("/kontakt/", "cs"), ("/en/kontakt/", "en")])
def test_html_lang_follows_the_language_of_the_address(client, url, lang):
    html_tag = _tags(_get(client, url))[0]

    assert html_tag[0] == "html"
    assert html_tag[1]["lang"] == lang


def test_english_page_shell(client):
    html = _get(client, "/en/kontakt/")

    assert "<title>Contact – komplan</title>" in html
    for text in (
        "Skip to content",
        "Text size",
        "Choose a planning process",
        "Sign in",
        "Accessibility statement",
        "What is community planning",
        "API documentation",
        "komplan — open-source software (EUPL-1.2)",
    ):
        assert text in html, text
    assert '<a href="/kontakt/" lang="cs" hreflang="cs">Čeština</a>' in html
    assert '<a href="/en/kontakt/" lang="en" hreflang="en" aria-current="true">English</a>' in html
    for path in ("/en/", "/en/co-je-komunitni-planovani/", "/en/prohlaseni-o-pristupnosti/", "/en/kontakt/"):
        assert f'href="{path}"' in html, path
    assert 'href="/api/v1/docs"' in html


def test_english_rendering_with_translation_override(rf):
    request = _request(rf, "/en/", language="en")
    request.user = AnonymousUser()
    with translation.override("en"):
        html = render_to_string("404.html", request=request)

    assert 'lang="en"' in html
    assert "Page not found" in html
    assert "Skip to content" in html


def test_no_external_addresses_and_local_htmx(client):
    html = _get(client, "/")

    assert "://" not in html  # no CDN, no web fonts, no analytics
    assert "/static/django_htmx/htmx-2.min.js" in html
    assert "/static/komplan/komplan.css" in html
    assert "/static/vendor/gov-design-system/styles/tokens.css" in html


def test_font_size_switch_and_root_class(client):
    client.cookies[FONT_COOKIE] = "larger"
    tags = _tags(_get(client, "/"))

    assert tags[0][1]["class"] == "font-larger"
    switch = [attrs for tag, attrs in tags if tag == "a" and attrs.get("href", "").startswith("/pismo/?")]
    assert [attrs.get("aria-current") for attrs in switch] == [None, None, "true"]
    assert switch[0]["href"] == "/pismo/?size=normal&next=%2F"  # the parser unescapes &amp;


def test_bad_font_cookie_gives_the_normal_size(client):
    client.cookies[FONT_COOKIE] = "<script>"

    assert _tags(_get(client, "/"))[0][1]["class"] == "font-normal"


def test_process_switcher_lists_visible_processes(client, process, other_process):
    make_process(slug="skryty", name="Skrytý proces", is_public=False)
    html = _get(client, "/en/")

    assert '<details class="kp-switcher">' in html
    assert f'href="/en/{process.slug}/"' in html
    assert f'href="/en/{other_process.slug}/"' in html
    assert "/skryty/" not in html


def test_breadcrumbs_mark_the_current_page(client, process):
    html = _get(client, f"/en/{process.slug}/")

    assert '<nav class="gov-breadcrumbs kp-breadcrumbs" aria-label="Breadcrumbs">' in html
    assert '<li><a href="/en/">Home</a></li>' in html
    assert f'<a href="/{process.slug}/">{process.name}</a>' in html
    assert '<span aria-current="page">Detail</span>' in html
    assert html.count('aria-current="page"') == 1


def test_no_breadcrumbs_without_the_context_variable(client):
    assert "kp-breadcrumbs" not in _get(client, "/en/")


def test_demo_notice_only_when_the_process_has_a_demo_note(client, process):
    assert 'role="note"' not in _get(client, f"/en/{process.slug}/")

    process.demo_note = "Fictional data for trying komplan out.\nNothing here is real."
    process.save()
    html = _get(client, f"/en/{process.slug}/")

    assert 'role="note"' in html
    assert '<h2 id="kp-demo-notice-title" class="kp-demo-notice__title">Demo content</h2>' in html
    assert "Fictional data for trying komplan out.<br>Nothing here is real." in html
    assert 'role="note"' not in _get(client, "/en/")  # only on the pages of that process


def test_demo_note_is_escaped(client, process):
    process.demo_note = "<b>not bold</b>"
    process.save()

    assert "&lt;b&gt;not bold&lt;/b&gt;" in _get(client, f"/en/{process.slug}/")


def test_current_process_in_header(client, process):
    html = _get(client, f"/en/{process.slug}/")

    assert f'<a class="kp-header__process" href="/en/{process.slug}/">{process.name}</a>' in html
    assert f'<a href="/en/{process.slug}/" aria-current="true">{process.name}</a>' in html


def test_anonymous_visitor_gets_a_log_in_link_and_no_workspace(client, process):
    html = _get(client, f"/en/{process.slug}/")

    assert 'href="/en/ucet/prihlaseni/"' in html
    assert "Sign out" not in html
    assert "Workspace" not in html


def test_member_gets_account_logout_and_workspace(as_user, coordinator, process):
    html = _get(as_user(coordinator), f"/en/{process.slug}/")

    assert 'href="/en/ucet/"' in html and "My account" in html
    assert '<form class="kp-account__logout" method="post" action="/en/ucet/odhlaseni/">' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert f'<a href="/en/sprava/{process.slug}/prostor/">Workspace</a>' in html


def test_outsider_gets_no_workspace_link(as_user, outsider, process):
    html = _get(as_user(outsider), f"/en/{process.slug}/")

    assert "Sign out" in html
    assert "Workspace" not in html


def test_no_workspace_link_outside_a_process(as_user, coordinator):
    assert "Workspace" not in _get(as_user(coordinator), "/en/")


def test_messages_are_a_status_region(client):
    html = _get(client, "/en/zprava/")

    assert '<div id="kp-messages" class="kp-messages" role="status">' in html
    assert '<div class="gov-message kp-message" data-type="subtle" data-color="success">' in html
    assert "Success: </span>Saved.</p>" in html
    assert '<div id="kp-messages" class="kp-messages" role="status"></div>' in _get(client, "/en/")


# --- error pages ---------------------------------------------------------------------------------


def test_404_page_uses_the_shell(client):
    response = client.get("/en/neexistuje/")

    html = response.content.decode()
    assert response.status_code == 404
    assert '<h1 slot="headline">Page not found</h1>' in html
    assert 'class="kp-skip-link"' in html and '<main id="obsah"' in html
    assert 'href="/en/"' in html


def test_404_page_in_czech_has_czech_lang(client):
    response = client.get("/neexistuje/")

    assert response.status_code == 404
    assert _tags(response.content.decode())[0][1]["lang"] == "cs"


@pytest.mark.parametrize(("template", "heading"), [("403.html", "Access denied"), ("400.html", "Bad request")])
def test_other_error_pages_render(rf, template, heading):
    request = rf.get("/en/x/")  # as early as an error can happen: no user, no process
    with translation.override("en"):
        html = render_to_string(template, request=request)

    assert f'<h1 slot="headline">{heading}</h1>' in html
    assert '<main id="obsah"' in html


def test_500_page_needs_no_request_or_database(django_assert_num_queries):
    with django_assert_num_queries(0), translation.override("en"):
        html = loader.get_template("500.html").render()

    assert '<html lang="en">' in html
    assert "Something went wrong on our side" in html
    assert "<style>" in html and "/static/" not in html
