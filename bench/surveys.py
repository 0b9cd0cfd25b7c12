"""Survey results at scale: the analysis and the results page for 10,000 responses × 40 questions, and the CSV
export of 100,000 responses (time and peak memory).

    .venv/bin/python bench/surveys.py [--responses 10000] [--export-responses 100000] [--repeat 3]

A scratch SQLite database (in a temporary directory, deleted afterwards) gets the real territories, a process
for ORP Slaný, and two surveys of 40 questions of every type (12 single choice, 6 multiple choice with "other",
8 scales, 4 matrices, 4 numbers, 2 dates, 2 municipalities, 2 long texts). Their responses are benchmark data
from a seeded random model, never shown anywhere: each answer is skipped with probability 0.1, choices and
scale points are drawn with fixed uneven weights, numbers from a normal distribution, texts put together from
a list of phrases about social services.

Printed: the median time of ``analyse`` (public, staff, and with a cross-tab by a question), of rendering the
results page through the Django test client, and of streaming the CSV export; the export's peak memory is
measured in a fresh process (tracemalloc's peak of Python allocations and the process's maximum resident set
size), once for a tenth of the responses and once for all, to show it does not grow with their number.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PHRASES = [
    "chybí denní stacionář pro seniory",
    "pečovatelská služba i o víkendu",
    "lepší dopravu do Slaného",
    "odlehčovací služba pro rodiny",
    "více informací o sociálních službách",
    "dostupné bydlení pro mladé rodiny",
    "osobní asistence pro lidi s postižením",
    "poradna pro dluhy",
    "terénní služby v menších obcích",
    "domov pro seniory má dlouhou čekací dobu",
]


def environment(scratch: Path) -> dict:
    return {
        "DATABASE_URL": f"sqlite:///{scratch}/bench.sqlite3",
        "SECRET_KEY": "bench-" + "x" * 40,
        "VAR_DIR": str(scratch),
        "ALLOWED_HOSTS": "testserver",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "LOG_LEVEL": "WARNING",
        "STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
    }


def setup_django(env: dict) -> None:
    os.environ.update(env)
    import django

    django.setup()


def questionnaire() -> dict:
    """40 questions of every type, in four sections."""
    questions: list[dict] = []

    def choices(n: int) -> list[dict]:
        return [{"value": f"c{i}", "label": f"Možnost {i}"} for i in range(1, n + 1)]

    for i in range(12):
        questions.append(
            {
                "key": f"single_{i}",
                "type": "single",
                "label": f"Otázka s jednou odpovědí {i}",
                "choices": choices(3 + i % 4),
            }
        )
    for i in range(6):
        questions.append(
            {
                "key": f"multi_{i}",
                "type": "multiple",
                "label": f"Otázka s více odpověďmi {i}",
                "choices": choices(4 + i % 5),
                "other": True,
            }
        )
    for i in range(8):
        questions.append({"key": f"scale_{i}", "type": "scale", "label": f"Hodnocení {i}", "min": 1, "max": 5})
    for i in range(4):
        rows = [{"value": f"r{j}", "label": f"Položka {j}"} for j in range(1, 5)]
        questions.append(
            {"key": f"matrix_{i}", "type": "matrix", "label": f"Matice {i}", "rows": rows, "min": 1, "max": 5}
        )
    for i in range(4):
        questions.append({"key": f"number_{i}", "type": "number", "label": f"Počet {i}", "min": 0, "max": 100})
    for i in range(2):
        questions.append({"key": f"date_{i}", "type": "date", "label": f"Datum {i}"})
    for i in range(2):
        questions.append({"key": f"obec_{i}", "type": "municipality", "label": f"Obec {i}"})
    for i in range(2):
        questions.append({"key": f"text_{i}", "type": "textarea", "label": f"Co chybí {i}"})
    sections = [
        {"key": f"s{n}", "title": f"Oddíl {n + 1}", "questions": questions[n * 10 : (n + 1) * 10]} for n in range(4)
    ]
    return {"language": "cs", "sections": sections}


def _answer(question: dict, rng: random.Random, codes: list[str]):
    kind = question["type"]
    if kind == "single":
        values = [c["value"] for c in question["choices"]]
        return rng.choices(values, weights=range(len(values), 0, -1))[0]
    if kind == "multiple":
        values = [c["value"] for c in question["choices"]] + ["other"]
        return rng.sample(values, rng.randint(1, 3))
    if kind == "scale":
        return rng.choices(range(1, 6), weights=(1, 2, 4, 5, 3))[0]
    if kind == "matrix":
        return {row["value"]: rng.randint(1, 5) for row in question["rows"]}
    if kind == "number":
        return max(0, min(100, round(rng.gauss(35, 15))))
    if kind == "date":
        return f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if kind == "municipality":
        return rng.choice(codes)
    return ", ".join(rng.sample(PHRASES, rng.randint(1, 3)))


def make_survey(process, title: str, responses: int, seed: int):
    from django.utils import timezone

    from komplan.surveys.models import Channel, Response, ResponseStatus
    from komplan.surveys.services import create_survey

    definition = questionnaire()
    survey = create_survey(process, title=title, kind="users", definition=definition, results_public=True)
    version = survey.current_version()
    rng = random.Random(seed)
    codes = list(process.municipalities.values_list("code", flat=True))
    questions = [q for s in definition["sections"] for q in s["questions"]]
    channels = [Channel.WEB] * 8 + [Channel.PAPER] * 2
    now = timezone.now()
    batch = []
    for _ in range(responses):
        answers = {}
        for question in questions:
            if rng.random() < 0.1:
                continue
            answers[question["key"]] = _answer(question, rng, codes)
            if question["type"] == "multiple" and "other" in answers[question["key"]]:
                answers[question["key"] + "__other"] = rng.choice(PHRASES)
        batch.append(
            Response(
                survey=survey,
                version=version,
                channel=rng.choice(channels),
                status=ResponseStatus.SUBMITTED,
                answers=answers,
                submitted_at=now,
                is_illustrative=True,
            )
        )
        if len(batch) == 2000:
            Response.objects.bulk_create(batch)
            batch = []
    Response.objects.bulk_create(batch)
    return survey


def timed(label: str, func, repeat: int) -> None:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    print(f"  {label:<52} median {statistics.median(samples):7.3f} s  (n={repeat})", flush=True)


def results_urlconf():
    """The real URLs, plus the survey results if the project does not include them yet."""
    import types

    from django.conf.urls.i18n import i18n_patterns
    from django.urls import NoReverseMatch, include, path, reverse

    try:
        reverse("survey_results:index", kwargs={"process": "bench"})
        return None
    except NoReverseMatch:
        from config import urls as real

        module = types.ModuleType("bench_survey_urls")
        module.urlpatterns = [
            *i18n_patterns(
                path("<slug:process>/analyzy/pruzkumy/", include("komplan.surveys.results_urls")),
                prefix_default_language=False,
            ),
            *real.urlpatterns,
        ]
        return module


def setup(args) -> None:
    from django.core.management import call_command

    from komplan.territory.importers import load_territories
    from komplan.territory.models import Territory
    from komplan.territory.services import create_process

    call_command("migrate", verbosity=0)
    load_territories()
    slany = Territory.objects.get(level="municipality", code="532819")
    process = create_process(
        name="Benchmark",
        slug="bench",
        area_kind="orp",
        orp=slany.orp,
        responsible_municipality=slany,
        period_start=2025,
        period_end=2027,
    )
    start = time.perf_counter()
    make_survey(process, "Analýza", args.responses, seed=2026)
    make_survey(process, "Export", args.export_responses, seed=2027)
    print(f"Generated {args.responses:,} + {args.export_responses:,} responses in {time.perf_counter() - start:.1f} s")


def measure_analysis(args) -> None:
    from django.core.cache import cache
    from django.test import Client, override_settings

    from komplan.surveys.analysis import Audience, Filters, analyse, cached_analyse
    from komplan.surveys.models import Survey
    from komplan.surveys.results_presentation import blocks

    survey = Survey.objects.get(title="Analýza")
    by = Filters(by="single_0")
    print(f"\nAnalysis of {args.responses:,} responses × 40 questions (computed, no cache)")
    timed("analyse(), public", lambda: analyse(survey), args.repeat)
    timed("analyse(), staff (texts listed)", lambda: analyse(survey, audience=Audience.STAFF), args.repeat)
    timed("analyse() with a cross-tab by a question", lambda: analyse(survey, by), args.repeat)
    timed(
        "analyse() for a group (single_1 = c1)", lambda: analyse(survey, Filters(group=("single_1", "c1"))), args.repeat
    )
    result = analyse(survey)
    timed("charts and tables of every question", lambda: blocks(result), args.repeat)
    cached_analyse(survey)
    timed("cached_analyse(), from the cache", lambda: cached_analyse(survey), args.repeat)
    urlconf = results_urlconf()
    client = Client()
    page = f"/bench/analyzy/pruzkumy/{survey.slug}/"

    def cold(params=None):
        cache.clear()
        return client.get(page, params or {})

    print("\nThe results page through the Django test client (cold: cache cleared first; warm: results cached)")
    with override_settings(ROOT_URLCONF=urlconf) if urlconf else _nothing():
        for label, params in (("", None), (" with a cross-tab", {"podle": "single_0"})):
            size = len(cold(params).content)
            timed(f"GET results page{label}, cold ({size:,} bytes)", lambda p=params: cold(p), args.repeat)
            timed(f"GET results page{label}, warm", lambda p=params: client.get(page, p or {}), args.repeat)


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def export_once(limit: int | None, trace: bool) -> dict:
    """Stream the CSV export of the "Export" survey (the first ``limit`` responses) and discard it."""
    import resource
    import tracemalloc

    from komplan.surveys.analysis import Filters
    from komplan.surveys.exports import csv_response
    from komplan.surveys.models import Response, Survey

    survey = Survey.objects.get(title="Export")
    if limit:
        last = Response.objects.filter(survey=survey).order_by("id").values_list("id", flat=True)[limit - 1]
        Response.objects.filter(survey=survey, id__gt=last).update(status="in_progress")
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    size = lines = 0
    for chunk in csv_response(survey, Filters()).streaming_content:
        size += len(chunk)
        lines += 1
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    if limit:
        Response.objects.filter(survey=survey, status="in_progress").update(status="submitted")
    return {
        "seconds": seconds,
        "bytes": size,
        "rows": lines - 3,  # BOM and two header rows
        "peak": peak,
        "maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }


def measure_export(args, env: dict) -> None:
    print("\nCSV export (streamed), each in a fresh process")
    for limit in (args.export_responses // 10, args.export_responses):
        for trace in (False, True):
            command = [sys.executable, __file__, "--export-child", str(limit), "--trace" if trace else "--no-trace"]
            output = subprocess.run(command, env={**os.environ, **env}, capture_output=True, text=True, check=True)
            result = json.loads(output.stdout.strip().splitlines()[-1])
            if trace:
                print(f"    peak Python allocations (tracemalloc) {result['peak'] / 2**20:7.1f} MiB")
            else:
                megabytes = result["bytes"] / 2**20
                print(
                    f"  {result['rows']:>7,} responses: {result['seconds']:6.2f} s, {megabytes:6.1f} MiB of CSV, "
                    f"max resident set {result['maxrss'] / 2**20:6.1f} MiB"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=10_000)
    parser.add_argument("--export-responses", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--export-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--trace", action=argparse.BooleanOptionalAction, default=False, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.export_child is not None:  # the child process measuring one export against the parent's database
        import django

        django.setup()
        print(json.dumps(export_once(args.export_child, args.trace)))
        return
    scratch = Path(tempfile.mkdtemp(prefix="komplan-bench-"))
    env = environment(scratch)
    try:
        setup_django(env)
        setup(args)
        measure_analysis(args)
        measure_export(args, env)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
