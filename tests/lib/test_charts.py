"""Accessible SVG charts: valid, named and described images; geometry that matches the numbers; edge cases;
the data table; the figure template; and the same SVG embedded in a Typst PDF."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy

from komplan.lib.charts import (
    ChartOptions,
    ReferenceLine,
    Series,
    Structure,
    bar_chart,
    default_number_format,
    line_chart,
    palette,
    pyramid,
    scale,
    svg,
)
from komplan.lib.charts.line import spread

NS = "{http://www.w3.org/2000/svg}"
AGES = ["0–4", "5–9", "10–14", "15–19", "20+"]
MEN = [500, 400, 300, 200, 100]
WOMEN = [480, 410, 320, 250, 150]
YEARS = [str(y) for y in range(2018, 2031)]
OLD = [3000 + 50 * i for i in range(13)]
OLDEST = [800 + 30 * i for i in range(13)]
TOWNS = ["Slaný", "Kvílice", "Velvary", "Zlonice"]
INDEX = [120.0, 60.0, 30.0, -15.0]


@pytest.fixture(autouse=True)
def english():
    """The charts' own words ("No data", "Age", "projection"…) are asserted in English; the tests that check
    Czech, the default, nest ``translation.override(settings.LANGUAGE_CODE)`` or ``"cs"`` inside this."""
    with translation.override("en"):
        yield


def _options(prefix: str | None = None) -> ChartOptions:
    return ChartOptions(id_prefix=prefix)


def make_pyramid(prefix: str | None = "pyr", **extra):
    args = {
        "title": "Věková struktura",
        "description": "Muži vlevo, ženy vpravo.",
        "men_label": "Muži",
        "women_label": "Ženy",
        "options": _options(prefix),
    }
    return pyramid(AGES, Structure(MEN, WOMEN, "2024"), **{**args, **extra})


def make_line(prefix: str | None = "line", **extra):
    args = {
        "title": "Senioři",
        "description": "Počet osob 65+ a 80+.",
        "y_label": "Osoby",
        "projected_from_index": 7,
        "options": _options(prefix),
    }
    return line_chart(YEARS, [Series("65+", OLD), Series("80+", OLDEST)], **{**args, **extra})


def make_bar(prefix: str | None = "bar", **extra):
    args = {"title": "Index stáří", "description": "Obce podle indexu stáří.", "value_label": "Index stáří"}
    return bar_chart(TOWNS, INDEX, **{**args, "options": _options(prefix), **extra})


BUILDERS = {"pyramid": make_pyramid, "line": make_line, "bar": make_bar}
EMPTY = {
    "pyramid": lambda: pyramid([], Structure([], []), title="T", description="D", men_label="M", women_label="Ž"),
    "line": lambda: line_chart(YEARS, [Series("65+", [None] * len(YEARS))], title="T", description="D", y_label="Y"),
    "bar": lambda: bar_chart([], [], title="T", description="D", value_label="V"),
}


def parse(chart) -> ET.Element:
    return ET.fromstring(str(chart))


def texts(root: ET.Element) -> list[str]:
    """The text a reader sees in each <text> (a cut label's <title> is only its tooltip)."""
    out = []
    for t in root.iter(f"{NS}text"):
        title = t.find(f"{NS}title")
        out.append(title.tail if title is not None else (t.text or ""))
    return out


def top_rects(root: ET.Element, *fills: str) -> list[ET.Element]:
    """Rectangles drawn directly in the chart (not legend swatches) with one of ``fills``."""
    return [r for r in root.findall(f"{NS}rect") if r.get("fill") in fills]


def ids(root: ET.Element) -> list[str]:
    return [e.get("id") for e in root.iter() if e.get("id")]


# --- the image is valid, named and described ------------------------------------------------


@pytest.mark.parametrize("kind", [*BUILDERS, *(f"empty-{k}" for k in EMPTY)])
def test_svg_is_an_accessible_image(kind):
    chart = EMPTY[kind[6:]]() if kind.startswith("empty-") else BUILDERS[kind]()
    root = parse(chart)
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    assert root.get("viewBox").startswith("0 0 ")
    assert root.get("width") == "100%" and root.get("height") is None
    title, desc = root.find(f"{NS}title"), root.find(f"{NS}desc")
    assert list(root)[:2] == [title, desc]
    assert title.text == chart.title and desc.text
    assert root.get("aria-labelledby") == title.get("id") == f"{chart.id}-title"
    assert root.get("aria-describedby") == desc.get("id") == f"{chart.id}-desc"
    assert len(ids(root)) == len(set(ids(root)))
    assert "<script" not in str(chart) and "class=" not in str(chart) and "style=" not in str(chart)


def test_two_charts_never_share_an_id():
    first, second = make_bar(prefix=None), make_bar(prefix=None)
    assert first.id != second.id
    assert not set(ids(parse(first))) & set(ids(parse(second)))
    estimated = [make_pyramid(prefix=None, estimated=True) for _ in range(2)]
    assert not set(ids(parse(estimated[0]))) & set(ids(parse(estimated[1])))


def test_an_id_prefix_gives_stable_output():
    assert str(make_line(prefix="a")) == str(make_line(prefix="a"))
    assert 'id="a-title"' in str(make_line(prefix="a"))


@pytest.mark.parametrize("prefix", ["1abc", "a b", 'x"y', "", "á"])
def test_invalid_id_prefixes_are_refused(prefix):
    with pytest.raises(ValueError, match="id_prefix"):
        make_bar(prefix=prefix)


def test_text_is_escaped():
    tricky = 'Obec <b>"Horní" & Dolní</b>'
    chart = bar_chart(
        [tricky, "B"],
        [1, 2],
        title=f"Title {tricky}",
        description=f"Desc {tricky}",
        value_label=tricky,
        reference_line=ReferenceLine(1.5, tricky),
        options=_options("esc"),
    )
    markup = str(chart)
    assert "<b>" not in markup
    root = parse(chart)
    assert root.find(f"{NS}title").text == f"Title {tricky}"
    assert root.find(f"{NS}desc").text == f"Desc {tricky}"
    assert tricky in texts(root)
    assert f"{tricky}: 1,5" in texts(root) or f"{tricky}: 1.5" in texts(root)


def test_markers_and_labels_are_not_interpreted_as_markup_in_line_charts():
    root = parse(line_chart(["<x>"], [Series("a & b", [1])], title="t", description="d", y_label="<y>"))
    assert {"<x>", "a & b", "<y>"} <= set(texts(root))


# --- geometry follows the numbers ------------------------------------------------------------


def test_bar_lengths_are_proportional_to_values():
    chart = make_bar()
    root = parse(chart)
    bars = top_rects(root, palette.BAR, palette.HIGHLIGHT)
    assert len(bars) == len(INDEX)
    widths = [float(b.get("width")) for b in bars]
    for width, value in zip(widths, INDEX, strict=True):
        assert width / widths[0] == pytest.approx(abs(value) / INDEX[0], rel=0.01)
    zero = float(bars[0].get("x"))
    negative = bars[-1]
    assert float(negative.get("x")) + float(negative.get("width")) == pytest.approx(zero, abs=0.02)
    assert float(bars[1].get("x")) == pytest.approx(zero)


def test_values_are_printed_at_bar_ends_with_the_number_format():
    chart = make_bar(options=ChartOptions(id_prefix="bar", number_format=lambda v: f"[{v:.1f}]"))
    root = parse(chart)
    labels = [t for t in root.iter(f"{NS}text") if t.text in {f"[{v:.1f}]" for v in INDEX}]
    bars = top_rects(root, palette.BAR, palette.HIGHLIGHT)
    ends = {f"[{v:.1f}]": b for v, b in zip(INDEX, bars, strict=True)}
    for label in labels:
        bar = ends[label.text]
        x = float(label.get("x"))
        if label.get("text-anchor") == "end":  # a negative value: left of the bar's left end
            assert x < float(bar.get("x"))
        else:
            assert x > float(bar.get("x")) + float(bar.get("width"))


def test_vertical_bars_are_proportional_too():
    root = parse(make_bar(horizontal=False))
    heights = [float(b.get("height")) for b in top_rects(root, palette.BAR)]
    assert heights[1] / heights[0] == pytest.approx(INDEX[2] / INDEX[1], rel=0.01)


def test_highlight_and_reference_line():
    chart = make_bar(highlight="Velvary", reference_line=ReferenceLine(50, "Průměr ORP"))
    root = parse(chart)
    colours = [b.get("fill") for b in top_rects(root, palette.BAR, palette.HIGHLIGHT)]
    assert colours == [palette.BAR, palette.BAR, palette.HIGHLIGHT, palette.BAR]
    lazy = parse(make_bar(highlight=gettext_lazy("Zlonice")))
    assert [b.get("fill") for b in top_rects(lazy, palette.HIGHLIGHT)] == [palette.HIGHLIGHT]
    bold = [t.text for t in root.iter(f"{NS}text") if t.get("font-weight") == "bold"]
    assert "Velvary" in bold  # not by colour alone
    assert "Průměr ORP: 50" in texts(root)
    dashed = [e for e in root.iter(f"{NS}line") if e.get("stroke-dasharray")]
    assert len(dashed) == 1
    assert chart.table.emphasis == {2}
    assert chart.table.notes == ("Průměr ORP: 50",)


def test_pyramid_bars_are_proportional_men_left_women_right():
    root = parse(make_pyramid())
    men = top_rects(root, palette.MEN)
    women = top_rects(root, palette.WOMEN)
    assert len(men) == len(women) == len(AGES)
    centre = svg.WIDTH / 2
    for rect, value in zip(men, MEN, strict=True):
        assert float(rect.get("x")) + float(rect.get("width")) < centre
        assert float(rect.get("width")) / float(men[0].get("width")) == pytest.approx(value / MEN[0], rel=0.01)
    for rect, value in zip(women, WOMEN, strict=True):
        assert float(rect.get("x")) > centre
        assert float(rect.get("width")) / float(men[0].get("width")) == pytest.approx(value / MEN[0], rel=0.01)
    youngest, oldest = men[0], men[-1]
    assert float(youngest.get("y")) > float(oldest.get("y"))  # ages go bottom to top
    assert {"Muži", "Ženy"} <= set(texts(root))  # sexes are named, not only coloured


def test_estimated_pyramid_is_hatched_and_says_so():
    chart = make_pyramid(estimated=True)
    root = parse(chart)
    patterns = root.findall(f"{NS}defs/{NS}pattern")
    assert {p.get("id") for p in patterns} >= {"pyr-hatch-men", "pyr-hatch-women", "pyr-hatch"}
    assert len(top_rects(root, "url(#pyr-hatch-men)")) == len(AGES)
    assert "Estimate" in texts(root)
    assert chart.table.notes == ("Estimate",)
    own = parse(make_pyramid(estimated=gettext_lazy("Estimated from the mean age")))
    assert "Estimated from the mean age" in texts(own)
    plain = parse(make_pyramid())
    assert plain.find(f"{NS}defs") is None and "Estimate" not in texts(plain)


def test_compared_structure_is_an_outline_over_the_bars():
    chart = make_pyramid(compare=Structure(WOMEN, MEN, "Projekce 2040"))
    root = parse(chart)
    outlines = [p for p in root.findall(f"{NS}path") if p.get("stroke") == palette.INK]
    assert len(outlines) == 2 and all(p.get("fill") == "none" for p in outlines)
    assert "Projekce 2040" in texts(root)
    assert chart.table.header == ("Age", "Muži – 2024", "Ženy – 2024", "Muži – Projekce 2040", "Ženy – Projekce 2040")
    assert chart.table.rows[0] == ("0–4", 500, 480, 480, 500)


def test_projection_is_dashed_and_labelled():
    chart = make_line()
    root = parse(chart)
    paths = [p for p in root.findall(f"{NS}path") if p.get("fill") == "none"]
    dashed = [p for p in paths if p.get("stroke-dasharray")]
    solid = [p for p in paths if not p.get("stroke-dasharray")]
    assert len(dashed) == len(solid) == 2
    assert "projection" in texts(root)
    first_dashed = re.match(r"M([\d.]+) ", dashed[0].get("d")).group(1)
    last_solid = solid[0].get("d").split(" L")[-1].split()[0]
    assert first_dashed == last_solid  # the dashed part starts at the last observed point
    hollow = [m for m in root.iter(f"{NS}circle") if m.get("fill") == palette.BACKGROUND]
    assert len(hollow) == len(YEARS) - 7
    kinds = [row[-1] for row in chart.table.rows]
    assert kinds == ["observed"] * 7 + ["projection"] * 6
    assert [c.numeric for c in chart.table.head] == [False, True, True, False]


def test_line_chart_has_direct_labels_and_starts_at_zero():
    root = parse(make_line(projected_from_index=None))
    assert {"65+", "80+"} <= set(texts(root))
    assert not [p for p in root.findall(f"{NS}path") if p.get("stroke-dasharray")]
    assert "0" in texts(root)


def test_dashed_series_and_own_markers():
    series = [Series("a", [1, 2, 3], dashed=True, marker="diamond"), Series("b", [3, 2, 1], marker="square")]
    root = parse(line_chart(["1", "2", "3"], series, title="t", description="d", y_label="y"))
    assert [p.get("stroke-dasharray") for p in root.findall(f"{NS}path") if p.get("fill") == "none"] == ["2 4", None]
    assert len([p for p in root.findall(f"{NS}path") if p.get("d", "").endswith("Z")]) == 3  # diamonds
    assert len(top_rects(root, palette.SERIES[1])) == 3  # squares


def test_x_positions_space_points_in_proportion():
    years = [2020, 2021, 2025, 2030]
    root = parse(
        line_chart(
            [str(y) for y in years],
            [Series("a", [1, 2, 3, 4])],
            title="t",
            description="d",
            y_label="y",
            x_positions=years,
        )
    )
    xs = [float(c.get("cx")) for c in root.iter(f"{NS}circle")]
    assert (xs[1] - xs[0]) * 5 == pytest.approx(xs[3] - xs[2], rel=0.01)


# --- edge cases ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", EMPTY)
def test_no_data_is_a_short_message(kind):
    chart = EMPTY[kind]()
    root = parse(chart)
    assert chart.empty
    assert texts(root) == ["No data"]
    assert "No data" in root.find(f"{NS}desc").text
    assert float(root.get("viewBox").split()[3]) < 100


@pytest.mark.parametrize("kind", EMPTY)
def test_no_data_is_said_in_czech_by_default(kind, settings):
    with translation.override(settings.LANGUAGE_CODE):  # the configured default, under the module's English
        root = parse(EMPTY[kind]())
    assert texts(root) == ["Žádná data"]
    assert "Žádná data" in root.find(f"{NS}desc").text


def test_zeros_draw_axes_without_bars():
    root = parse(pyramid(AGES, Structure([0] * 5, [0] * 5), title="t", description="d", men_label="M", women_label="Ž"))
    assert not top_rects(root, palette.MEN, palette.WOMEN)
    assert "0" in texts(root)
    bars = parse(bar_chart(["a", "b"], [0, 0], title="t", description="d", value_label="v"))
    assert [float(b.get("width")) for b in top_rects(bars, palette.BAR)] == [0, 0]
    line = parse(line_chart(["1", "2"], [Series("s", [0, 0])], title="t", description="d", y_label="y"))
    assert line.find(f"{NS}path") is not None


def test_one_point_is_a_marker_without_a_line():
    root = parse(line_chart(["2024"], [Series("65+", [1200])], title="t", description="d", y_label="y"))
    assert [p for p in root.findall(f"{NS}path") if p.get("fill") == "none"] == []
    assert len(list(root.iter(f"{NS}circle"))) == 1
    assert {"2024", "65+"} <= set(texts(root))


def test_missing_values_break_the_line_and_show_in_the_table():
    chart = line_chart(["1", "2", "3", "4"], [Series("s", [1, None, 3, 4])], title="t", description="d", y_label="y")
    root = parse(chart)
    assert len([p for p in root.findall(f"{NS}path") if p.get("fill") == "none"]) == 1
    assert chart.table.body[1].cells[0].text == "n/a"
    bars = bar_chart(["a", "b"], [None, 2], title="t", description="d", value_label="v")
    assert "n/a" in texts(parse(bars))


def test_long_labels_are_cut_with_the_full_text_as_tooltip():
    long = "Nejdelší název obce na světě, Horní Dolní u Velkého Města nad Řekou, místní část Kopec"
    root = parse(bar_chart([long, "Slaný"], [10, 20], title="t", description="d", value_label="v"))
    cut = [t for t in root.iter(f"{NS}text") if t.find(f"{NS}title") is not None]
    assert len(cut) == 1
    assert cut[0].find(f"{NS}title").text == long
    shown = cut[0].find(f"{NS}title").tail
    assert shown.endswith("…") and long.startswith(shown[:-1])
    assert svg.text_width(shown) <= svg.WIDTH * 0.38 + 0.01


def test_many_bars_make_the_chart_taller():
    def height(n: int) -> float:
        chart = bar_chart([f"Obec {i}" for i in range(n)], list(range(n)), title="t", description="d", value_label="v")
        return float(parse(chart).get("viewBox").split()[3])

    assert height(40) - height(20) == pytest.approx(2 * (height(20) - height(10)))


def test_many_age_groups_label_every_fifth():
    ages = [str(a) for a in range(100)] + ["100+"]
    values = [100] * 101
    root = parse(pyramid(ages, Structure(values, values), title="t", description="d", men_label="M", women_label="Ž"))
    shown = [t.text for t in root.iter(f"{NS}text") if t.get("font-size") == "12" and t.text in ages]
    assert shown[:3] == ["0", "5", "10"] and "3" not in shown


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="men has 2 values for 5 labels"):
        pyramid(AGES, Structure([1, 2], WOMEN), title="t", description="d", men_label="M", women_label="Ž")
    with pytest.raises(ValueError, match="negative"):
        pyramid(AGES, Structure(MEN, [-1, 0, 0, 0, 0]), title="t", description="d", men_label="M", women_label="Ž")
    with pytest.raises(ValueError, match="outside"):
        make_line(projected_from_index=len(YEARS))
    with pytest.raises(ValueError, match="marker"):
        line_chart(["1"], [Series("s", [1], marker="star")], title="t", description="d", y_label="y")
    with pytest.raises(ValueError, match="increase"):
        line_chart(["1", "2"], [Series("s", [1, 2])], title="t", description="d", y_label="y", x_positions=[2, 1])
    with pytest.raises(ValueError, match="values has 1 values for 2 labels"):
        bar_chart(["a", "b"], [1], title="t", description="d", value_label="v")


# --- numbers, scales, colours ----------------------------------------------------------------


def test_default_number_format_follows_the_language():
    with translation.override("cs"):
        assert default_number_format(1234567) == "1\xa0234\xa0567"
        assert default_number_format(12.345) == "12,3"
        assert default_number_format(0.25) == "0,25"
    with translation.override("en"):
        assert default_number_format(1234.5) == "1,234.5"


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (0, 1, [0, 0.2, 0.4, 0.6, 0.8, 1]),
        (0, 3012, [0, 1000, 2000, 3000, 4000]),
        (-15, 120, [-50, 0, 50, 100, 150]),
        (0, 0.07, [0, 0.02, 0.04, 0.06, 0.08]),
        (0, 97, [0, 20, 40, 60, 80, 100]),
    ],
)
def test_nice_ticks(low, high, expected):
    assert scale.ticks(low, high) == expected


def test_domain_holds_zero():
    assert scale.domain([5, 7, None]) == (0, 7)
    assert scale.domain([-3, -1]) == (-3, 0)
    assert scale.domain([0, 0]) == (0, 1)


def test_spread_keeps_labels_apart_and_in_bounds():
    placed = spread([100, 101, 102, 300], 17, 0, 400)
    ordered = sorted(placed)
    assert all(b - a >= 17 - 1e-9 for a, b in zip(ordered, ordered[1:], strict=False))
    assert spread([395, 396], 17, 0, 400) == [383, 400]


def test_palette_meets_wcag_contrast():
    for colour in palette.TEXT_COLOURS:
        assert palette.contrast(colour) >= 4.5, colour
    for colour in palette.GRAPHIC_COLOURS:
        assert palette.contrast(colour) >= 3, colour
    assert palette.contrast("#000000", "#ffffff") == pytest.approx(21)


def test_text_width_uses_roboto_metrics():
    assert svg.text_width("0000", 10) == pytest.approx(4 * 5.62)
    assert svg.text_width("Čč", 10) == pytest.approx(svg.text_width("Cc", 10))
    assert svg.truncate("krátký", 200) == "krátký"


# --- the table and the figure template -------------------------------------------------------


def test_table_has_the_numbers_of_the_chart():
    chart = make_pyramid()
    table = chart.table
    assert table.caption == chart.title
    assert table.rows == tuple((age, m, w) for age, m, w in zip(AGES, MEN, WOMEN, strict=True))
    with translation.override("cs"):
        body = table.body
    assert body[0].header == "0–4" and [c.text for c in body[0].cells] == ["500", "480"]
    title, header, rows = table.sheet()
    assert (title, header, rows[0]) == (chart.title, ["Age", "Muži – 2024", "Ženy – 2024"], ["0–4", 500, 480])


def test_figure_template_renders_chart_caption_and_table():
    chart = make_bar(highlight="Slaný", reference_line=ReferenceLine(50, "Průměr ORP"))
    html = render_to_string("komplan_charts/figure.html", {"chart": chart})
    assert html.count("<figure") == 1 and "<figcaption" in html
    assert str(chart.svg) in html
    assert '<caption id="bar-table-caption">Index stáří <span class="kp-chart__note">(Průměr ORP: 50)</span>' in html
    assert '<th scope="col" class="kp-num">Index stáří</th>' in html
    assert '<th scope="row"><strong>Slaný</strong></th>' in html
    assert html.count('<th scope="row">') == len(TOWNS)
    assert 'aria-labelledby="bar-name"' in html and 'id="bar-name"' in html
    assert "<details" not in html


def test_figure_template_can_fold_the_table_and_skips_it_without_data():
    html = render_to_string("komplan_charts/figure.html", {"chart": make_line(), "collapsed": True, "beside": True})
    assert "<details" in html and "<summary>Data table</summary>" in html and "kp-chart--beside" in html
    empty = render_to_string("komplan_charts/figure.html", {"chart": EMPTY["bar"]()})
    assert "<table" not in empty and "No data" in empty
    assert "kp-chart__description" not in render_to_string(
        "komplan_charts/figure.html", {"chart": bar_chart([], [], title="T", description="", value_label="V")}
    )


def test_chart_prints_as_its_svg_in_templates():
    from django.template import Context, Template

    chart = make_bar()
    assert Template("{{ chart }}").render(Context({"chart": chart})) == str(chart.svg)


# --- the same SVG in a Typst PDF ---------------------------------------------------------------


TYPST = """#let data = json(bytes(sys.inputs.data))
#set text(font: "Roboto", lang: "cs")
#for chart in data.charts [
  #figure(image(bytes(chart.svg), width: 100%, alt: chart.title), caption: chart.title)
]
"""


def test_charts_embed_in_a_typst_pdf(tmp_path, monkeypatch):
    from komplan.documents import pdf
    from tests.documents.pdftools import pdf_fonts, pdf_text

    monkeypatch.setattr(pdf, "TEMPLATE_DIR", tmp_path)
    (tmp_path / "charts.typ").write_text(TYPST, encoding="utf-8")
    long = "Nejdelší název obce na světě, Horní Dolní u Velkého Města nad Řekou"
    with translation.override("cs"):  # the charts in Czech, the default language, as the documents use them
        charts = [
            make_pyramid(estimated=True, compare=Structure(WOMEN, MEN, "Projekce 2040")),
            make_line(),
            bar_chart(
                [*TOWNS, long],
                [*INDEX, 5],
                title="Index stáří",
                description="d",
                value_label="Index",
                highlight="Slaný",
                reference_line=ReferenceLine(40, "Průměr ORP"),
            ),
            make_bar(horizontal=False),
            EMPTY["line"](),
        ]
        document, warnings = pdf.compile_pdf(
            "charts.typ", {"charts": [{"svg": str(c), "title": c.title} for c in charts]}
        )
    assert [w.message for w in warnings] == []
    text = pdf_text(document)
    for word in (
        "Muži",
        "Ženy",
        "Projekce 2040",
        "Odhad",
        "projekce",
        "65+",
        "Slaný",
        "Průměr ORP: 40",
        "Žádná data",
    ):
        assert word in text
    assert "Horní Dolní…" in text and long not in " ".join(text.split())  # the tooltip is not printed
    assert "1 000" in text  # Czech grouping reaches the PDF
    assert pdf_fonts(document) == ["Roboto-Bold", "Roboto-Regular"]
