"""The charts in a real browser: axe-core finds no WCAG 2.1 A/AA violation, no two labels overlap with the
real Roboto font, and the charts follow the text size up to 200 % without making the page scroll sideways.

No live server: Playwright serves one static page (the figure template with every chart) and the
files of ``komplan/static`` from a made-up origin, so these tests need no database rows.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from komplan.lib.charts import ChartOptions, ReferenceLine, Series, Structure, bar_chart, line_chart, pyramid
from tests.browser.a11y import audit

# No test here reads the database, but the folder's autouse fixture reloads territories after the module,
# and pytest-django creates the test database only when some collected test asks for it.
pytestmark = pytest.mark.django_db

STATIC = Path(__file__).resolve().parents[2] / "komplan" / "static"
ORIGIN = "http://komplan.test"
STYLES = [
    "vendor/gov-design-system/fonts/roboto.css",
    "vendor/gov-design-system/styles/tokens.css",
    "vendor/gov-design-system/styles/styles.css",
    "vendor/gov-design-system/styles/layout.css",
    "komplan/komplan.css",
    "komplan/charts.css",
]
AGES = [f"{a}–{a + 4}" for a in range(0, 100, 5)] + ["100+"]
MEN = [
    2410,
    2620,
    2580,
    2210,
    2330,
    2650,
    3010,
    3320,
    3540,
    2960,
    2570,
    2480,
    2690,
    2330,
    1860,
    1190,
    690,
    330,
    110,
    20,
    2,
]
WOMEN = [
    2290,
    2480,
    2450,
    2100,
    2200,
    2510,
    2850,
    3150,
    3400,
    2880,
    2560,
    2590,
    2930,
    2720,
    2360,
    1690,
    1170,
    720,
    330,
    80,
    8,
]
YEARS = [*range(2004, 2025), 2030, 2035, 2040, 2045, 2050]
TOWNS = ["Slaný", "Kvílice", "Velvary", "Zlonice", "Smečno", "Libovice", "Pozdeň", "Tuřany", "Žižice", "Zvoleněves"]
TOWNS[3] = "Horní Dolní u Velkého Města nad Řekou, místní část Kopec a Údolí"


def _charts() -> list[dict]:
    structure = Structure(MEN, WOMEN, "2024")
    projected = Structure([round(v * 0.9) for v in reversed(MEN)], [round(v * 0.95) for v in WOMEN], "Projekce 2040")
    old = [3000 + 61 * i for i in range(len(YEARS))]
    oldest = [700 + 37 * i for i in range(len(YEARS))]
    index = [182.4, 160.3, 143.0, 130.0, 120.5, 101.0, 95.2, 88.1, 77.7, -12.5]
    return [
        {
            "chart": pyramid(
                AGES,
                structure,
                title="Věková struktura města Slaný v letech 2024 a 2040",
                description="Muži vlevo, ženy vpravo; sloupce 2024, obrys projekce 2040.",
                men_label="Muži",
                women_label="Ženy",
                compare=projected,
                estimated="Odhad věkové struktury",
                value_label="Osoby",
                options=ChartOptions(id_prefix="pyramida", category_label="Věk"),
            ),
            "beside": True,
        },
        {
            "chart": line_chart(
                [str(y) for y in YEARS],
                [Series("65 a více let", old), Series("80 a více let", oldest)],
                title="Počet osob ve věku 65+ a 80+",
                description="Do roku 2024 skutečnost, poté projekce.",
                y_label="Počet osob",
                projected_from_index=YEARS.index(2030),
                projection_label="projekce",
                x_positions=[float(y) for y in YEARS],
                options=ChartOptions(id_prefix="rada", category_label="Rok"),
            ),
            "collapsed": True,
        },
        {
            "chart": bar_chart(
                TOWNS,
                index,
                title="Obce podle indexu stáří",
                description="Osoby 65+ na 100 dětí 0–14 let.",
                value_label="Index stáří",
                highlight="Slaný",
                reference_line=ReferenceLine(118.4, "Průměr ORP"),
                options=ChartOptions(id_prefix="poradi", category_label="Obec"),
            )
        },
        {
            "chart": bar_chart(
                [str(y) for y in range(2015, 2025)],
                [16380, 16420, 16510, 16620, 16700, 16810, 16900, 17004, 17120, 17230],
                title="Počet obyvatel",
                description="Obyvatelé k 1. lednu.",
                value_label="Obyvatelé",
                horizontal=False,
                options=ChartOptions(id_prefix="obyvatele", category_label="Rok"),
            )
        },
        {"chart": bar_chart([], [], title="Bez údajů", description="", value_label="x")},
    ]


def _page_html() -> str:
    with translation.override("cs"):
        figures = "\n".join(render_to_string("komplan_charts/figure.html", item) for item in _charts())
    links = "".join(f'<link rel="stylesheet" href="/static/{path}">' for path in STYLES)
    return (
        '<!DOCTYPE html><html lang="cs" class="font-normal" data-theme="light"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>Grafy</title>{links}</head>'
        '<body><main class="kp-main"><div class="gov-container kp-main__inner"><h1>Grafy</h1>'
        f"{figures}</div></main></body></html>"
    )


@pytest.fixture
def chart_page(page):
    html = _page_html()

    def serve(route):
        path = urlsplit(route.request.url).path
        if path == "/grafy/":
            return route.fulfill(body=html, content_type="text/html; charset=utf-8")
        file = (STATIC / path.removeprefix("/static/")).resolve()
        if path.startswith("/static/") and file.is_relative_to(STATIC) and file.is_file():
            return route.fulfill(path=str(file), content_type=mimetypes.guess_type(file.name)[0] or "text/plain")
        return route.fulfill(status=404, body="")

    page.route(f"{ORIGIN}/**", serve)
    page.goto(f"{ORIGIN}/grafy/")
    page.evaluate("() => document.fonts.ready")
    return page


def test_the_charts_pass_axe(chart_page):
    assert chart_page.locator("figure.kp-chart svg[role=img]").count() == 5
    problems = audit(chart_page)
    assert not problems, "\n".join(problems)
    chart_page.locator("summary").first.click()  # the folded table too
    problems = audit(chart_page)
    assert not problems, "\n".join(problems)


OVERLAPS = """() => {
    const problems = [];
    for (const svg of document.querySelectorAll('svg[role=img]')) {
        const box = svg.getBoundingClientRect();
        const boxes = [...svg.querySelectorAll('text')].map((t) => [t, t.getBoundingClientRect()]);
        for (const [t, r] of boxes) {
            if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
                problems.push(`${svg.getAttribute('aria-labelledby')}: "${t.textContent}" outside the chart`);
            }
        }
        const flat = boxes.filter(([t]) => !t.getAttribute('transform'));
        for (let i = 0; i < flat.length; i++) {
            for (let j = i + 1; j < flat.length; j++) {
                const [a, ra] = flat[i], [b, rb] = flat[j];
                const x = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
                const y = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
                if (x > 1 && y > 2) {
                    const name = svg.getAttribute('aria-labelledby');
                    problems.push(`${name}: "${a.textContent}" overlaps "${b.textContent}"`);
                }
            }
        }
    }
    return problems;
}"""


def test_no_label_overlaps_another_or_leaves_the_chart(chart_page):
    assert chart_page.evaluate("() => document.fonts.check('14px Roboto')")
    assert chart_page.evaluate(OVERLAPS) == []


FONT_SIZE = (
    "() => document.querySelector('#poradi-title').parentElement.querySelector('text').getBoundingClientRect().height"
)
PAGE_FITS = "() => document.documentElement.scrollWidth <= window.innerWidth"


@pytest.mark.parametrize("width", [1280, 375])
def test_text_grows_with_the_text_size_and_the_page_does_not_scroll_sideways(chart_page, width):
    chart_page.set_viewport_size({"width": width, "height": 900})
    normal = chart_page.evaluate(FONT_SIZE)
    assert chart_page.evaluate(PAGE_FITS)
    chart_page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    larger = chart_page.evaluate(FONT_SIZE)
    assert larger >= 1.6 * normal
    assert chart_page.evaluate(PAGE_FITS)  # wide charts scroll inside their own region
    problems = audit(chart_page)
    assert not problems, "\n".join(problems)
