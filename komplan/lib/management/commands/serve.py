"""`komplan serve [ADDR:PORT]`: collect static files and run gunicorn, as in production.

`--dev` runs Django's auto-reloading development server instead.
"""

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Serve komplan with gunicorn (after collectstatic), or with the development server (--dev)."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--dev", action="store_true", help="Django's development server with auto-reload")
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args, addrport, dev, workers, **options):
        if ":" not in addrport:
            raise CommandError("give the address as HOST:PORT, e.g. 127.0.0.1:8000")
        if dev:
            call_command("runserver", addrport)
            return
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"komplan serves http://{addrport}/ (gunicorn, {workers} workers; Ctrl+C stops)")
        sys.stdout.flush()
        gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
        os.execv(
            gunicorn,
            [
                gunicorn,
                "config.wsgi:application",
                "--bind",
                addrport,
                "--workers",
                str(workers),
                "--access-logfile",
                "-",
                "--chdir",
                str(settings.BASE_DIR),
            ],
        )
