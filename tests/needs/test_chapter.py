"""The generated chapter's sentences: the order of the largest gaps and the list of uncovered municipalities."""

from types import SimpleNamespace

from django.utils import translation

from komplan.needs import chapter


def _row(label, gap, need, uncovered=(), form="ter"):
    area = SimpleNamespace(gap_now=gap, need_now=need, coverage=100 * (need - gap) / need)
    norm = SimpleNamespace(form=form)
    return SimpleNamespace(label=label, area=area, norm=norm, uncovered=list(uncovered), municipalities=["x"] * 60)


def _comparison(rows):
    return SimpleNamespace(
        table=SimpleNamespace(rows=rows),
        row_label=lambda r: r.label,
        unit_label=lambda r: "klientů",
        type_label=lambda r: r.label,
        name=lambda code: f"Obec {code}",
    )


def test_uncovered_types_come_first_and_the_larger_shortfall_before_the_smaller():
    rows = [_row("poradenství", 79, 79), _row("domovy pro seniory", 318, 318), _row("pečovatelská služba", 596, 716)]
    with translation.override("en"):
        text = "\n".join(chapter._gaps(_comparison(rows)))
    first = text.index("domovy pro seniory")
    assert first < text.index("poradenství") < text.index("pečovatelská služba")


def test_more_uncovered_municipalities_are_counted_inside_the_sentence():
    rows = [_row("raná péče", 15, 15, uncovered=[str(n) for n in range(59)])]
    with translation.override("cs"):
        text = "\n".join(chapter._gaps(_comparison(rows)))
    assert "Obec 14 a 44 dalších." in text and "Obec 15" not in text
