"""The plan document as PDF and DOCX: wall time and peak memory for a plan of 60+ pages with 10+ charts.

    .venv/bin/python bench/plan.py [--chapters 16] [--charts 12] [--rows 60]

Input: a synthetic snapshot (no database) shaped like a real one — 16 chapters following the usual table of
contents, each with narrative paragraphs in Czech Markdown (bold, italics, lists, links), generated tables of
``--rows`` rows (the action plan and the project store) and, spread over the chapters, ``--charts`` charts of the
three kinds (population pyramid, line chart of a projection, bar chart). The text and numbers are illustrative
filler, not a real plan. Prints the page count (``pdfinfo`` from poppler-utils, else the number of /Type /Page
objects), the wall time and the peak Python memory (tracemalloc) of each output, and the process's peak resident
memory (getrusage maxrss, which includes what tracemalloc cannot see: Typst's and lxml's allocations in C/Rust).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")

import django  # noqa: E402

django.setup()

from django.utils import translation  # noqa: E402

from komplan.plan import charts  # noqa: E402
from komplan.plan.outputs.docx import render_docx  # noqa: E402
from komplan.plan.outputs.pdf import render_pdf  # noqa: E402
from komplan.plan.toc import TOC  # noqa: E402

PARAGRAPH = (
    "Komunitní plánování sociálních služeb je proces, v němž *zadavatelé*, **poskytovatelé** a uživatelé společně "
    "zjišťují potřeby obyvatel a hledají způsob, jak je naplnit s ohledem na místní zdroje. Řídicí skupina "
    "projednala výsledky průzkumu potřeb, analýzu poskytovaných služeb a návrhy pracovních skupin; podrobnosti "
    "jsou na [webu města](https://www.example.org/kpss)."
)
LIST = "- senioři a osoby se zdravotním postižením\n- rodiny s dětmi\n- osoby ohrožené sociálním vyloučením"
AGES = [f"{a}–{a + 4}" for a in range(0, 100, 5)] + ["100+"]


def chart(n: int) -> dict:
    kind = ("pyramid", "line", "bar")[n % 3]
    if kind == "pyramid":
        men = [400 - 15 * i + (i % 3) * 20 for i in range(len(AGES))]
        women = [390 - 13 * i + (i % 4) * 15 for i in range(len(AGES))]
        return charts.pyramid_item(
            f"Věková struktura obyvatel (graf {n + 1})",
            "Muži vlevo, ženy vpravo; sloupce rok 2024, obrys projekce 2039.",
            AGES,
            ([max(0, v) for v in men], [max(0, v) for v in women], "2024"),
            compare=([max(0, v - 20) for v in men], [max(0, v + 10) for v in women], "projekce 2039"),
            men_label="Muži",
            women_label="Ženy",
            value_label="Osoby",
        )
    if kind == "line":
        years = list(range(2010, 2025)) + [2030, 2035, 2040]
        return charts.line(
            f"Lidé ve věku 65+ a 80+ (graf {n + 1})",
            "Roční počty do roku 2024, poté projekce po pěti letech.",
            [str(y) for y in years],
            [
                ("Ve věku 65+", [3000 + 90 * i for i in range(len(years))]),
                ("Ve věku 80+", [700 + 30 * i for i in range(len(years))]),
            ],
            y_label="Osoby",
            category_label="Rok",
            x_positions=years,
            projected_from=15,
        )
    types = ["Pečovatelská služba", "Osobní asistence", "Domov pro seniory", "Denní stacionář", "Azylový dům"]
    return charts.bar(
        f"Kapacita vůči potřebě podle druhu služby (graf {n + 1})",
        "Kapacita jako podíl dnešní potřeby podle normy; čára značí 100 %.",
        types,
        [45.5 + 17 * i for i in range(len(types))],
        value_label="Kapacita v % potřeby",
        category_label="Druh sociální služby",
        reference=(100, "Potřeba pokryta"),
        decimals=1,
    )


def snapshot(chapters: int, chart_count: int, rows: int) -> dict:
    toc = (TOC * (chapters // len(TOC) + 1))[:chapters]
    result = []
    for i, (key, title, _blocks) in enumerate(toc):
        paragraphs = [{"id": f"{i}-{j}", "text": PARAGRAPH} for j in range(8)]
        paragraphs.insert(3, {"id": f"{i}-l", "text": LIST})
        items = [
            {"type": "heading", "text": "Přehled"},
            {
                "type": "table",
                "caption": f"Aktivity kapitoly {i + 1}",
                "header": ["Číslo", "Aktivita", "Odpovědnost", "Termín", "Náklady (Kč)"],
                "rows": [
                    [
                        f"{i + 1}.{r + 1}",
                        f"Rozšíření kapacity služby č. {r + 1}",
                        "Město Slaný",
                        "2008–2010",
                        f"{(r + 1) * 12_500:,}".replace(",", " "),
                    ]
                    for r in range(rows)
                ],
            },
        ]
        items += [chart(n) for n in range(chart_count) if n % chapters == i]
        blocks = [{"kind": "narrative", "paragraphs": paragraphs}, {"kind": "generated", "source": key, "items": items}]
        result.append({"key": f"{key}-{i}", "title": str(title), "blocks": blocks})
    return {
        "title": "Komunitní plán sociálních služeb města Slaný",
        "period_from": 2008,
        "period_to": 2011,
        "chapters": result,
    }


META = {
    "territory": "Slaný",
    "version_label": "Verze 3 – ilustrativní",
    "state_label": "schválená verze",
    "issued_on": "19. 12. 2007",
    "approval": "Schváleno usnesením zastupitelstva č. 12/2007 ze dne 19. 12. 2007",
}


def pages(pdf: bytes) -> int:
    if shutil.which("pdfinfo"):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(pdf)
            handle.flush()
            info = subprocess.run(["pdfinfo", handle.name], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"Pages:\s+(\d+)", info).group(1))
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def measure(render, document: dict) -> tuple[bytes, float, float]:
    """Wall time of one run, then the peak of Python allocations in a second run (tracemalloc slows code down)."""
    start = time.perf_counter()
    data = render(document, META, None)
    elapsed = time.perf_counter() - start
    tracemalloc.start()
    render(document, META, None)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return data, elapsed, peak / 1024 / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapters", type=int, default=16)
    parser.add_argument("--charts", type=int, default=12)
    parser.add_argument("--rows", type=int, default=120)
    options = parser.parse_args()
    translation.activate("cs")
    document = snapshot(options.chapters, options.charts, options.rows)
    # Warm up with a different, tiny document: fonts load once per process (as in the worker), but Typst's
    # memoisation must not see this document before it is measured.
    render_pdf(snapshot(1, 1, 1), META, None)
    pdf, pdf_time, pdf_peak = measure(render_pdf, document)
    docx, docx_time, docx_peak = measure(render_docx, document)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"plan: {options.chapters} chapters, {options.charts} charts, tables of {options.rows} rows "
        f"(synthetic, illustrative content)"
    )
    size = len(pdf) / 1024
    print(f"  PDF   {pages(pdf):4d} pages  {size:8.0f} KiB  {pdf_time:6.2f} s  peak Python memory {pdf_peak:6.1f} MiB")
    print(
        f"  DOCX              {len(docx) / 1024:8.0f} KiB  {docx_time:6.2f} s  peak Python memory {docx_peak:6.1f} MiB"
    )
    print(f"  peak resident memory of the process (maxrss, incl. Typst) {rss:6.0f} MiB")


if __name__ == "__main__":
    main()
