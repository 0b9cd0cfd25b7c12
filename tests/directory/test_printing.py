"""The printed catalogue: every service of the area once per target group, an index of providers
with page numbers, provenance, Czech and English.

Records are small hand-made fixtures (tests/directory/factories.py), all marked illustrative.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from django.http import HttpResponseNotFound
from django.test import RequestFactory
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext as _

from komplan.directory.models import Location, Organization, Service
from komplan.directory.printing import catalogue_data, catalogue_pdf, catalogue_services
from komplan.documents.pdf import compile_pdf
from komplan.portal.catalogue_print import catalogue_pdf_view
from tests.conftest import make_process, person
from tests.directory.factories import make_organization, make_service
from tests.documents.pdftools import pdf_fonts, pdf_pages, pdf_text

pytestmark = pytest.mark.django_db

SLANY, KLADNO, PREROV = "532819", "532053", "511382"
SENIORS, CHRONIC_ILLNESS, HOMELESS, FAMILIES = "24", "11", "6", "23"

# The URL the portal wires (komplan/portal/urls.py); here on its own so the view runs through
# the real ProcessMiddleware. Used with @pytest.mark.urls(__name__); a plain 404 page because the
# site's one needs the whole URLconf.
urlpatterns = [path("<slug:process>/katalog/tisk.pdf", catalogue_pdf_view, name="catalogue_pdf")]


def handler404(request, exception):
    return HttpResponseNotFound("not found")


@pytest.fixture
def catalogue(process):
    """Services of Slaný: two providers with two services each, one without target groups; one outside."""
    hvezda = make_organization("Hvězda, o. p. s.", phone="+420 312 000 111", web="https://hvezda.example.org/")
    chrpa = make_organization("Chrpa, z. s.", email="chrpa@example.org")
    return {
        "home_care": make_service(
            "Pečovatelská služba Slaný",
            "4",
            organization=hvezda,
            located_in=SLANY,
            forms={"ter": [("klient", 40)], "amb": [("klient", 12), ("kontakt", 1500)]},
            target_groups=(SENIORS, CHRONIC_ILLNESS),
            phone="+420 312 555 444",
            email="pecovatelska@example.org",
        ),
        "home": make_service(
            "Domov U Lípy",
            "13",
            organization=hvezda,
            located_in=SLANY,
            forms={"pob": [("luzka", 60)]},
            target_groups=(SENIORS,),
        ),
        "shelter": make_service(
            "Azylový dům Kladno",
            "27",
            organization=chrpa,
            located_in=KLADNO,
            serves=(SLANY, KLADNO),
            target_groups=(HOMELESS,),
        ),
        "counselling": make_service("Poradna Na Náměstí", "1", organization=chrpa, located_in=SLANY),
        "elsewhere": make_service("Domov Přerov", "13", located_in=PREROV, target_groups=(SENIORS,)),
    }


def _text(document: bytes) -> str:
    """The text with page breaks as line breaks, so every heading is a line of its own."""
    return pdf_text(document).replace("\f", "\n").replace("\xa0", " ")


def _groups_of(text: str, names: list[str]) -> dict[str, str]:
    """The body text under each group heading (a heading is a line of its own; the contents line has leaders)."""
    lines = text.splitlines()
    starts = [lines.index(name) for name in names]
    ends = [*starts[1:], len(lines)]
    return {name: "\n".join(lines[start:end]) for name, start, end in zip(names, starts, ends, strict=True)}


def test_it_prints_a_pdf_with_contents_and_every_service_once_per_target_group(catalogue, process):
    document = catalogue_pdf(process)
    assert document.startswith(b"%PDF")
    text = _text(document)
    contents = _("Contents")
    assert re.search(rf"^{contents}$", text, re.MULTILINE)
    groups = catalogue_data(process)["groups"]
    names = [group["name"] for group in groups]
    assert names == ["Osoby bez přístřeší", "Osoby s chronickým onemocněním", "Senioři", _("Other")]
    for name in names:  # each group is in the table of contents with a page number
        assert re.search(rf"^{re.escape(name)}[ .]*\W*\d+$", text, re.MULTILINE), name
    sections = _groups_of(text.split(_("About the data"), 2)[2], names)
    expected = {
        "Osoby bez přístřeší": {"Azylový dům Kladno"},
        "Osoby s chronickým onemocněním": {"Pečovatelská služba Slaný"},
        "Senioři": {"Pečovatelská služba Slaný", "Domov U Lípy"},
        _("Other"): {"Poradna Na Náměstí"},
    }
    services = {s.name for key, s in catalogue.items() if key != "elsewhere"}
    for group, section in sections.items():
        for service in services:
            assert section.count(service) == (1 if service in expected[group] else 0), (group, service)
    assert text.count("Pečovatelská služba Slaný") == 2  # nowhere else: the contents list groups only
    assert "Domov Přerov" not in text


def test_it_lists_forms_with_their_own_capacity_and_the_contacts(catalogue, process):
    text = _text(catalogue_pdf(process))
    assert "Pečovatelská služba" in text  # diacritics survive the fonts and the text layer
    assert "Ambulantní: 12 klientů; 1 500 kontaktů (10 min)" in text
    assert "Terénní: 40 klientů" in text
    assert "52 klientů" not in text  # capacities are never added up
    assert "Pobytová: 60 lůžek" in text
    assert "Masarykova 1, 27401 Slaný" in text
    assert "+420 312 555 444" in text  # the service's own phone …
    assert "+420 312 000 111" in text  # … and the provider's where the service has none
    assert "pecovatelska@example.org" in text
    assert "hvezda.example.org" in text
    assert "Hvězda, o. p. s." in text


def test_illustrative_records_are_marked(catalogue, process):
    data = catalogue_data(process)
    text = _text(catalogue_pdf(process))
    assert data["illustrative_notice"] in " ".join(text.split())
    assert text.count(_("illustrative record")) >= 5  # 5 entries (one service twice), plus the notes


def test_real_records_carry_no_illustrative_mark(catalogue, process):
    Service.objects.update(source="registry", source_detail="Export 1. 3. 2026")
    Organization.objects.update(source="registry")
    Service.objects.filter(name="Domov U Lípy").update(source_date="2026-03-01")
    Service.objects.filter(name="Poradna Na Náměstí").update(source_date="2026-05-04")
    data = catalogue_data(process)
    assert data["illustrative_notice"] == ""
    text = _text(compile_pdf("catalogue.typ", data)[0])
    assert _("illustrative record") not in text
    assert "1. března 2026" in text and "4. května 2026" in text  # the data's dates
    assert "Export 1. 3. 2026" in text


def test_the_provider_index_is_in_czech_order_with_the_right_pages(catalogue, process):
    make_service("Centrum Cesta", "1", organization=make_organization("Cesta domů"), located_in=SLANY)
    make_service("Terén Člověk", "32", organization=make_organization("Člověk v tísni"), located_in=SLANY)
    document = catalogue_pdf(process)
    names = [entry["name"] for entry in catalogue_data(process)["index"]]
    assert names == ["Cesta domů", "Člověk v tísni", "Hvězda, o. p. s.", "Chrpa, z. s."]  # ch after h
    pages = pdf_pages(document)
    index_page = next(i for i, page in enumerate(pages) if re.search(rf"^{_('Index of providers')}$", page, re.M))
    lines = [line for page in pages[index_page:] for line in page.splitlines()]
    found = {}
    for name in names:
        line = next(line for line in lines if line.startswith(name) and line.rstrip()[-1].isdigit())
        found[name] = [int(n) for n in re.search(r"([\d, ]+)$", line).group(1).replace(" ", "").split(",")]
    assert list(found) == names
    for name, numbers in found.items():
        for number in numbers:  # the provider's services are on every page the index names
            assert name in pages[number - 1], (name, number)
        others = [i + 1 for i, page in enumerate(pages[:index_page]) if re.search(rf"^{re.escape(name)}", page, re.M)]
        assert set(numbers) >= {n for n in others if n > 1}, name


def test_it_compiles_without_font_warnings_and_embeds_only_roboto(catalogue, process):
    document, warnings = compile_pdf("catalogue.typ", catalogue_data(process))
    assert [w.message for w in warnings] == []
    assert set(pdf_fonts(document)) <= {"Roboto-Regular", "Roboto-Bold", "Roboto-Italic", "Roboto-BoldItalic"}


def test_it_prints_in_english(catalogue, process):
    with translation.override("en"):
        data = catalogue_data(process)
        document, warnings = compile_pdf("catalogue.typ", data)
    assert warnings == []
    text = _text(document)
    for heading in ("Catalogue of social services", "Contents", "About the data", "Index of providers", "Other"):
        assert re.search(rf"^{heading}$", text, re.MULTILINE), heading
    assert "Seniors" in text and "Homeless people" in text
    assert "Outpatient: 12 clients; 1,500 contacts (10 min)" in text
    assert "illustrative record" in text
    assert data["lang"] == "en"


def test_the_data_takes_a_fixed_number_of_queries(catalogue, process, django_assert_max_num_queries):
    for n in range(10):
        make_service(f"Další {n}", "4", located_in=SLANY, target_groups=(SENIORS,), forms={"ter": [("klient", n)]})
    Organization.objects.update(municipality=catalogue["home"].locations.first().municipality)
    with django_assert_max_num_queries(10):
        catalogue_data(process)


def test_the_territory_of_an_orp_process(other_process):
    assert catalogue_data(other_process)["facts"][0]["lines"][0]["text"] == "ORP Přerov"


def test_an_empty_catalogue_still_prints(process):
    data = catalogue_data(process)
    text = " ".join(_text(catalogue_pdf(process)).split())
    assert data["labels"]["empty"] in text
    assert _("Index of providers") in text
    assert _("not stated") in text


def test_an_entry_longer_than_a_page_may_break(process):
    service = make_service("Síť výdejen", "23", located_in=SLANY, target_groups=(SENIORS,))
    for n in range(80):
        Location.objects.create(
            service=service, municipality=service.locations.first().municipality, street=f"Ulice {n}"
        )
    data = catalogue_data(process)
    assert data["groups"][0]["services"][0]["breakable"] is True
    document, warnings = compile_pdf("catalogue.typ", data)
    assert warnings == []
    pages = pdf_pages(document)
    first = next(i for i, page in enumerate(pages) if "Ulice 0, " in page)
    last = next(i for i, page in enumerate(pages) if "Ulice 79, " in page)
    assert last > first  # continued on the next page, not run off the bottom of one


def test_the_print_stylesheet_hides_the_shell_and_keeps_cards_whole():
    from django.contrib.staticfiles import finders

    css = Path(finders.find("komplan/print.css")).read_text(encoding="utf-8")
    assert "@media print" in css
    hidden = css.split("display: none !important")[0]
    for selector in (".kp-header", ".kp-footer", ".kp-breadcrumbs-bar", ".kp-skip-link", "form", ".gov-button"):
        assert selector in hidden, selector
    assert '[data-print="hide"]' in hidden
    assert re.search(r"\.kp-card \{[^}]*break-inside: avoid", css)
    assert 'content: " (" attr(href) ")"' in css


def test_timing_of_a_300_service_catalogue(process, capsys):
    providers = [make_organization(f"Poskytovatel č. {n:02d}") for n in range(40)]
    groups = ["24", "11", "6", "23", "15", "10", "19", "9"]
    started = time.perf_counter()
    for n in range(300):
        make_service(
            f"Služba číslo {n:03d}",
            ["4", "13", "1", "20", "8"][n % 5],
            organization=providers[n % 40],
            located_in=SLANY if n % 3 else KLADNO,
            serves=(SLANY,) if n % 3 == 0 else (),
            forms={"ter": [("klient", 10 + n)], "amb": [("klient", 5), ("kontakt", 100 + n)]},
            target_groups=tuple(groups[(n + k) % len(groups)] for k in range(n % 3)),
            phone="+420 312 000 000",
            web=f"https://sluzba-{n}.example.org/",
            description="Pomáháme lidem v jejich domácím prostředí. " * 3,
        )
    built = time.perf_counter()
    services = catalogue_services(process)
    data = catalogue_data(process, services)
    gathered = time.perf_counter()
    document, warnings = compile_pdf("catalogue.typ", data)
    rendered = time.perf_counter()
    pages = len(pdf_pages(document))
    with capsys.disabled():
        print(
            f"\n300-service catalogue: {len(data['groups'])} groups, "
            f"{sum(len(g['services']) for g in data['groups'])} entries, {pages} pages, {len(document) // 1024} KiB; "
            f"records {built - started:.2f} s, query+data {gathered - built:.2f} s, Typst {rendered - gathered:.2f} s"
        )
    assert warnings == []
    assert len(services) == 300
    assert len(data["index"]) == 40


# ---- the view (URL wired in komplan/portal/urls.py; here through this module's urlpatterns) ----

URL = "/slany/katalog/tisk.pdf"


@pytest.mark.urls(__name__)
def test_the_view_shows_the_pdf_inline(client, catalogue, process):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="slany-katalog-socialnich-sluzeb.pdf"'
    assert response.content.startswith(b"%PDF")


@pytest.mark.urls(__name__)
def test_the_view_speaks_the_request_language(client, catalogue, process):
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    assert "Index of providers" in pdf_text(response.content)


@pytest.mark.urls(__name__)
def test_the_view_only_answers_get(client, process):
    assert client.post(URL).status_code == 405


@pytest.mark.urls(__name__)
def test_a_non_public_catalogue_is_for_members_only(client, as_user, process, member, outsider):
    process.is_public = False
    process.save(update_fields=["is_public"])
    assert client.get(URL).status_code == 404
    assert as_user(outsider).get(URL).status_code == 404
    assert as_user(member).get(URL).status_code == 200


def test_the_view_uses_the_process_of_the_request(process):
    request = RequestFactory().get(URL)
    request.process = process
    response = catalogue_pdf_view(request, process="ignored")
    assert response.status_code == 200
    assert "slany-katalog" in response["Content-Disposition"]


def test_another_process_has_its_own_catalogue(catalogue):
    brno = make_process(slug="jiny", name="Plán jinde", municipality_code=PREROV)
    person("x@example.org", "X", brno)
    text = _text(catalogue_pdf(brno))
    assert "Domov Přerov" in text
    assert "Pečovatelská služba Slaný" not in text
