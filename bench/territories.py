"""Measure the territory loader and the territory API on a scratch SQLite database.

    .venv/bin/python bench/territories.py        (or: make bench)

Prints seconds for: the first load of all ČSÚ territories, a repeated (no-change) load, and
GET /api/v1/territories for all municipalities and for one ORP with its municipalities.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
scratch = tempfile.mkdtemp(prefix="komplan-bench-")
os.environ.update(
    DATABASE_URL=f"sqlite:///{scratch}/bench.sqlite3",
    SECRET_KEY="bench-" + "x" * 40,
    VAR_DIR=scratch,
    ALLOWED_HOSTS="testserver",
    DJANGO_SETTINGS_MODULE="config.settings",
    LOG_LEVEL="WARNING",
)

import django  # noqa: E402

django.setup()
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from komplan.territory.importers import load_territories  # noqa: E402


def timed(label, func, repeat=1):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    print(f"{label:<55} median {statistics.median(samples):7.3f} s  (n={repeat})")


call_command("migrate", verbosity=0)
timed("load-territories, empty database", load_territories)
timed("load-territories, again (no changes)", load_territories, repeat=3)
client = Client()
timed(
    "GET /api/v1/territories?level=municipality&limit=1000",
    lambda: client.get("/api/v1/territories", {"level": "municipality", "limit": 1000}),
    repeat=5,
)
timed(
    "GET /api/v1/territories/7109 (ORP with municipalities)", lambda: client.get("/api/v1/territories/7109"), repeat=5
)
