"""Catalogue search page and API list under load, next to a minimal Django view returning the same bytes.

Prints latency percentiles (median, 95th, 99th; from wrk via bench/percentiles.lua) and requests per second.

    .venv/bin/python bench/catalogue.py [--services 3000] [--duration 10] [--connections 8]

A scratch SQLite database gets the real territories and codelists and N synthetic services (benchmark
data only, never shown anywhere: they live in a temporary directory that is deleted afterwards), spread
over ORP Slaný with home-care services among them. gunicorn serves it with 2 sync workers on
127.0.0.1; wrk (apt-get install wrk) measures latency percentiles and requests per second.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PORT = 8765


def setup_database(env: dict, services: int) -> None:
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    from komplan.directory.codelists import load_codelists
    from komplan.directory.models import Capacity, Codelist, CodelistItem, Location, Organization, Service, ServiceForm
    from komplan.directory.services import search_text_of
    from komplan.territory.importers import load_territories
    from komplan.territory.models import Territory
    from komplan.territory.services import create_process

    call_command("migrate", verbosity=0)
    load_territories()
    load_codelists()
    slany = Territory.objects.get(level="municipality", code="532819")
    create_process(
        name="Benchmark",
        slug="bench",
        area_kind="orp",
        orp=slany.orp,
        responsible_municipality=slany,
        period_start=2025,
        period_end=2027,
    )
    area = list(Territory.objects.filter(level="municipality", orp=slany.orp))
    elsewhere = list(Territory.objects.filter(level="municipality", kraj=slany.kraj).exclude(orp=slany.orp)[:300])
    types = list(CodelistItem.objects.of(Codelist.SERVICE_TYPE))
    forms = CodelistItem.objects.code_map(Codelist.SERVICE_FORM)
    units = CodelistItem.objects.code_map(Codelist.CAPACITY_TYPE)
    rng = random.Random(2026)
    orgs = Organization.objects.bulk_create(
        Organization(name=f"Benchmark provider {i}", ico=f"{10000000 + i}", source="illustrative")
        for i in range(services // 3)
    )
    rows = []
    for i in range(services):
        kind = types[i % len(types)]
        rows.append(
            Service(
                organization=orgs[i % len(orgs)],
                name=f"{kind.name.capitalize()} benchmark {i}",
                service_type=kind,
                source="illustrative",
                registry_id=str(9000000 + i),
            )
        )
    Service.objects.bulk_create(rows, batch_size=500)
    created = list(Service.objects.select_related("organization", "service_type"))
    locations, service_forms = [], []
    for service in created:
        place = rng.choice(area if rng.random() < 0.3 else elsewhere)
        locations.append(Location(service=service, municipality=place, street="Benchmarková", house_number="1"))
        service_forms.append(ServiceForm(service=service, form=forms[rng.choice(("amb", "ter", "pob"))]))
    Location.objects.bulk_create(locations, batch_size=500)
    ServiceForm.objects.bulk_create(service_forms, batch_size=500)
    Capacity.objects.bulk_create(
        (
            Capacity(service_form=sf, capacity_type=units["klient"], count=rng.randint(5, 80))
            for sf in ServiceForm.objects.all()
        ),
        batch_size=500,
    )
    for service in created:
        service.search_text = search_text_of(service)
    Service.objects.bulk_update(created, ["search_text"], batch_size=500)


def wrk(url: str, duration: int, connections: int) -> dict:
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "-s", str(ROOT / "bench" / "percentiles.lua"), url],
        capture_output=True,
        text=True,
        check=True,
        timeout=duration + 60,
    ).stdout

    def ms(percentile: int) -> float:
        return int(re.search(rf"^komplan-p{percentile} (\d+)$", output, re.M).group(1)) / 1000  # µs → ms

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "p50": ms(50),
        "p95": ms(95),
        "p99": ms(99),
        "rps": rps,
        "non2xx": int(errors.group(1)) if errors else 0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=3000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    scratch = Path(tempfile.mkdtemp(prefix="komplan-bench-"))
    env = {
        "DATABASE_URL": f"sqlite:///{scratch}/bench.sqlite3",
        "SECRET_KEY": "bench-" + "x" * 40,
        "VAR_DIR": str(scratch),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "LOG_LEVEL": "WARNING",
        "STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
    }
    print(f"Loading {args.services} synthetic services into {scratch} …", flush=True)
    setup_database(env, args.services)
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "bench.wsgi:application",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        start_new_session=True,
    )
    targets = {
        "catalogue search page": "/bench/katalog/?q=pecovatelska+sluzba",
        "catalogue page, no filter": "/bench/katalog/",
        "API /api/v1/services?process=bench&q=…": "/api/v1/services?process=bench&q=pecovatelska",
    }
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        bytes_file = ROOT / "bench" / ".bench-bytes"
        header = f"{'endpoint':<44}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'req/s':>9}"
        print(f"\n{header}   | minimal view, same bytes: p50, p95, p99, req/s")
        for label, path in targets.items():
            body = urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=30).read()
            bytes_file.write_bytes(body)
            real = wrk(f"http://127.0.0.1:{PORT}{path}", args.duration, args.connections)
            floor = wrk(f"http://127.0.0.1:{PORT}/bench/bytes/", args.duration, args.connections)
            print(
                f"{label:<44}{real['p50']:9.1f}{real['p95']:9.1f}{real['p99']:9.1f}{real['rps']:9.1f}   | "
                f"{floor['p50']:.1f}, {floor['p95']:.1f}, {floor['p99']:.1f}, {floor['rps']:.1f}  ({len(body):,} bytes"
                f"{', NON-2xx: ' + str(real['non2xx']) if real['non2xx'] else ''})"
            )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        (ROOT / "bench" / ".bench-bytes").unlink(missing_ok=True)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
