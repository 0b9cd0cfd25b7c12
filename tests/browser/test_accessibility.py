"""Every public page passes axe-core's WCAG 2.1 A/AA rules, in Czech and in English.

The crawl starts from the home pages (``/`` and ``/en/``) and the sign-in page, follows every
same-origin link to a public HTML page (at most ``MAX_PAGES``), and checks on each page: HTTP 200,
``<html lang>`` (``cs`` unprefixed, ``en`` under ``/en/``) and zero axe violations. The styled
404 page is audited too. All problems are collected and reported once, page by page.

Contracts with the page shell (``templates/base.html`` and ``komplan.portal.context_processors``):
the language switch is a link with ``hreflang`` (or ``lang``) naming the target language, and
the text-size switch is a set of plain links to ``portal:font_size``.
"""

from __future__ import annotations

import contextlib
import gettext
import re
from collections import Counter, defaultdict, deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation

from tests.browser.a11y import audit, format_report

MAX_PAGES = 80  # the planning pages have their own axe tests (tests/browser/test_{meetings,strategy,vision,needs}.py)
# Pages of one URL name render one template; other data in it adds little to an audit, so at most this many
# of each (per language) are audited and the page budget goes to page types not seen yet. The home page of each
# demo process and a catalogue service and provider are audited on top (see the test).
PER_URL_NAME = 1
DEMO_SLUGS = ("slany-2008-2010", "orp-prerov", "pribor")  # public processes created by `manage.py demo`
SKIP_PREFIXES = ("/admin/", "/api/", "/static/", "/media/")
SKIP_SUFFIXES = (".ics", ".csv", ".json", ".pdf", ".xlsx", ".docx", ".odt", ".zip", ".xml", ".txt")
SKIP_SUFFIXES += (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")  # files, not pages
SKIP_WORDS = ("logout", "odhlas")  # signing out is a POST; never follow it


def _reverse_all(name: str) -> list[str]:
    """The path of a URL name in every language (``/x/`` and ``/en/x/``); empty if it does not exist."""
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code), contextlib.suppress(NoReverseMatch):
            paths.append(reverse(name))
    return paths


def _language_of(path: str) -> str:
    return "en" if path == "/en" or path.startswith("/en/") else "cs"


def _page_type(path: str) -> tuple[str, str]:
    """(URL name, language) of a path: the template it renders, whatever the data; the path itself if unknown."""
    language = _language_of(path)
    with translation.override(language):
        try:
            return resolve(path).view_name, language
        except Resolver404:
            return path, language


def _html_lang(page) -> str:
    return page.evaluate("() => document.documentElement.lang")


def _root_font_size(page) -> float:
    return float(page.evaluate("() => getComputedStyle(document.documentElement).fontSize").removesuffix("px"))


class Crawler:
    """Breadth-first crawl of the live server's public HTML pages, collecting problems per page."""

    def __init__(self, page, base_url: str, within: tuple[str, ...] = ()):
        self.page = page
        self.within = within  # when given, only paths containing one of these are crawled
        self.shapes: set[str] = set()  # /x/12/ and /x/13/ render the same template: audit one of them
        self.page_types: Counter[tuple[str, str]] = Counter()  # see PER_URL_NAME
        self.base = base_url.rstrip("/")
        self.origin = urlsplit(self.base).netloc
        self.actions = tuple(_reverse_all("portal:font_size"))  # GET links with side effects (a cookie)
        self.queue: deque[str] = deque()
        self.seen: set[str] = set()
        self.visited: list[str] = []  # final URLs of the pages audited, in order
        self.problems: dict[str, list[str]] = defaultdict(list)

    def enqueue(self, url: str) -> None:
        url = urldefrag(url if "://" in url else self.base + url).url
        parts = urlsplit(url)
        path = parts.path or "/"
        bare = path[3:] if path.startswith("/en/") else path
        if (
            parts.scheme not in ("http", "https")
            or parts.netloc != self.origin
            or bare.startswith(SKIP_PREFIXES)
            or path.startswith(self.actions)
            or path.lower().endswith(SKIP_SUFFIXES)
            or any(word in path.lower() for word in SKIP_WORDS)
            or url in self.seen
            or (self.within and not any(part in path for part in self.within))
            or re.sub(r"/\d+/", "/N/", path) in self.shapes
            or self.page_types[_page_type(path)] >= PER_URL_NAME
        ):
            return
        self.shapes.add(re.sub(r"/\d+/", "/N/", path))
        self.page_types[_page_type(path)] += 1
        self.seen.add(url)
        self.queue.append(url)

    def crawl(self, max_pages: int = MAX_PAGES) -> None:
        while self.queue and len(self.visited) < max_pages:
            self.check(self.queue.popleft(), expected_status=200, follow=True)

    def check(self, url: str, *, expected_status: int, follow: bool = False) -> None:
        """Audit one page; with ``follow``, queue its links."""
        # Ask first, so a download without a telling suffix is not opened as a page.
        head = self.page.request.get(url, fail_on_status_code=False)
        content_type = head.headers.get("content-type", "")
        if head.status == expected_status and not content_type.startswith("text/html"):
            return  # a file, not a page
        response = self.page.goto(url)
        final = urldefrag(self.page.url).url
        if final != url and final in self.visited:
            return  # a redirect to a page already audited
        self.visited.append(final)
        key = url if final == url else f"{url} → {final}"
        status = response.status if response else None
        if status != expected_status:
            self.problems[key].append(f"HTTP {status}, expected {expected_status}")
        expected_lang = _language_of(urlsplit(final).path)
        lang = _html_lang(self.page)
        if lang.split("-")[0].lower() != expected_lang:
            self.problems[key].append(f'<html lang="{lang}">, expected "{expected_lang}"')
        self.problems[key].extend(audit(self.page))
        if follow:
            for href in self.page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
                self.enqueue(href)


def test_public_pages_are_accessible(demo_site, page):
    crawler = Crawler(page, demo_site.url)
    # A demo catalogue, one of its services and that service's provider are audited first: with every planning
    # page linked from the process page, a plain breadth-first crawl spends its page budget before reaching them.
    url = demo_site.url + f"/{DEMO_SLUGS[2]}/katalog/"
    for part in ("/katalog/sluzba/", "/katalog/poskytovatel/"):
        crawler.seen.add(url)
        crawler.check(url, expected_status=200, follow=True)
        url = page.eval_on_selector(f'main a[href*="{part}"]', "a => a.href")
    crawler.seen.add(url)
    crawler.check(url, expected_status=200, follow=True)
    for slug in DEMO_SLUGS:  # each demo process (a town, an ORP, a catalogue-only town): one page type, other data
        crawler.seen.add(url := f"{demo_site.url}/{slug}/")
        crawler.check(url, expected_status=200, follow=True)
    for start in ["/", "/en/", *_reverse_all("accounts:login")]:
        crawler.enqueue(start)
    crawler.crawl()
    for missing in ("/neexistuje/", "/en/neexistuje/"):
        crawler.check(demo_site.url + missing, expected_status=404)

    report = format_report(crawler.problems)
    assert not report, f"{len(crawler.visited)} pages audited; problems:\n{report}"
    print(f"{len(crawler.visited)} pages of {len(crawler.page_types)} types audited, {len(crawler.queue)} left")
    assert any("/katalog/sluzba/" in url for url in crawler.visited), "no catalogue service page was audited"
    assert any("/katalog/poskytovatel/" in url for url in crawler.visited), "no provider page was audited"
    for slug in DEMO_SLUGS:
        assert any(f"/{slug}/" in url for url in crawler.visited), (
            f"the crawl never reached the demo process {slug!r}; pages audited:\n" + "\n".join(crawler.visited)
        )


def _czech_catalogue() -> dict[str, set[str]]:
    """komplan's own Czech translations: Czech text -> the English msgid(s) it translates."""
    path = settings.LOCALE_PATHS[0] / "cs" / "LC_MESSAGES" / "django.mo"
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make compilemessages`", pytrace=False)
    with path.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)._catalog
    by_czech: dict[str, set[str]] = defaultdict(set)
    for msgid, msgstr in catalogue.items():
        if not isinstance(msgid, str) or not msgid or not msgstr or msgid == msgstr:
            continue  # the header, plural forms, untranslated entries
        msgid = msgid.split("\x04")[-1]  # drop a msgctxt
        if len(msgstr) >= 4 and not re.search(r"[%{<]", msgid + msgstr):
            by_czech[msgstr].add(msgid)
    return by_czech


def _text(page, selector: str = "body") -> str:
    """textContent (not innerText: CSS text-transform must not matter), whitespace collapsed."""
    texts = page.eval_on_selector_all(selector, "els => els.map(e => e.textContent)")
    return " ".join(" ".join(texts).split())


def _language_link(page, code: str):
    for selector in (f'a[hreflang="{code}"]', f'a[lang="{code}"]', f'a[href="/{code}/"]'):
        links = page.locator(selector)
        if links.count():
            return links.first
    pytest.fail(f'no language switch to "{code}": expected a link with hreflang="{code}"', pytrace=False)


def test_language_switch_leads_to_english(demo_site, page):
    page.goto(demo_site.url + "/")
    assert _html_lang(page) == "cs"
    chrome = "header, nav, footer, h1"  # the translated page shell, not the (Czech) demo content
    czech = _text(page, chrome)

    with page.expect_navigation():
        _language_link(page, "en").click()

    assert urlsplit(page.url).path.startswith("/en/"), page.url
    assert _html_lang(page) == "en"
    english = _text(page)
    catalogue = _czech_catalogue()
    shown = {
        czech_text: msgids
        for czech_text, msgids in catalogue.items()
        if re.search(rf"(?<!\w){re.escape(czech_text)}(?!\w)", czech)
    }
    assert shown, (
        f"none of the {len(catalogue)} Czech translations in the catalogue appears in the Czech home page's"
        f" header/nav/footer/h1, which read: {czech[:300]!r}"
    )
    untranslated = sorted(czech_text for czech_text, msgids in shown.items() if not any(m in english for m in msgids))
    assert not untranslated, f"the English home page lacks the English of: {untranslated}"


def test_font_size_switch_changes_root_font_size(demo_site, page):
    page.goto(demo_site.url + "/")
    initial = _root_font_size(page)
    font_size_path = _reverse_all("portal:font_size")[0]
    links = page.locator(f'a[href^="{font_size_path}?"]')
    count = links.count()
    assert count >= 2, f"expected text-size links to {font_size_path}?size=…, found {count}"

    sizes = []
    for index in range(count):
        with page.expect_navigation():
            page.locator(f'a[href^="{font_size_path}?"]').nth(index).click()
        assert urlsplit(page.url).path == "/", f"the switch should return to the home page, not {page.url}"
        sizes.append(_root_font_size(page))

    assert len(set(sizes)) == count, f"each text size should give its own root font size, got {sizes} px"
    assert initial in sizes, f"the default root font size {initial}px is not one of the choices {sizes}"
    page.goto(demo_site.url + "/en/")
    assert _root_font_size(page) == sizes[-1], "the chosen text size should apply to every page"


def _sign_in(page, base_url: str, email: str, password: str) -> None:
    page.goto(base_url + "/ucet/prihlaseni/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    page.click("form.kp-form button[type=submit]")
    page.wait_for_url(lambda url: "/prihlaseni/" not in url)


def test_workspace_pages_are_accessible(demo_site, page):
    """The signed-in pages (account, workspace, people, phases, settings, forms with errors) pass axe too."""
    from komplan.demo.services import DEMO_PASSWORD

    _sign_in(page, demo_site.url, "koordinator@slany.example", DEMO_PASSWORD)
    crawler = Crawler(page, demo_site.url, within=("/sprava/", "/ucet/"))
    # the invitation and phase forms first: the growing workspace must not push them out of the page budget
    for start in (
        "/slany-2008-2010/sprava/lide/pozvat/",
        "/slany-2008-2010/sprava/faze/",
        "/ucet/",
        "/slany-2008-2010/sprava/",
        "/en/slany-2008-2010/sprava/",
    ):
        crawler.enqueue(start)
    crawler.crawl(max_pages=40)
    assert any("/sprava/lide/pozvat/" in url for url in crawler.visited), crawler.visited
    assert any("/sprava/faze/" in url for url in crawler.visited), crawler.visited

    # A form sent back with errors: the error summary and the field messages must be accessible too.
    page.goto(demo_site.url + "/slany-2008-2010/sprava/lide/pozvat/")
    page.fill("input[name=email]", "not-an-address")
    page.click("form.kp-form button[type=submit]")
    page.wait_for_selector(".kp-error-summary")
    crawler.problems["invite form with errors"].extend(audit(page))

    report = format_report(crawler.problems)
    assert not report, f"{len(crawler.visited)} pages audited; problems:\n{report}"
