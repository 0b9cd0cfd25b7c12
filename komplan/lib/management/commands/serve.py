"""`komplan serve [ADDR:PORT]`: collect static files and run gunicorn, as in production, with a background worker.

The worker (`manage.py db_worker` of django-tasks-db) runs the queued background tasks, e.g. the PDF and DOCX of
the plan document; it is started beside the web server and stopped with it. `--no-worker` leaves it out (run
`komplan db-worker` separately, e.g. as its own service). `--dev` runs Django's auto-reloading development server
instead of gunicorn.
"""

import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


def start_worker() -> subprocess.Popen:
    """`komplan db-worker` in a child process (same settings, same environment)."""
    return subprocess.Popen([sys.executable, "-m", "komplan.cli", "db_worker", "--no-startup-delay"])


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


class Command(BaseCommand):
    help = "Serve komplan with gunicorn (after collectstatic) and a background worker, or with --dev."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--dev", action="store_true", help="Django's development server with auto-reload")
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--no-worker", action="store_true", help="do not start the background task worker")

    def handle(self, *args, addrport, dev, workers, no_worker, **options):
        if ":" not in addrport:
            raise CommandError("give the address as HOST:PORT, e.g. 127.0.0.1:8000")
        # The auto-reloader runs this command again in a child process (RUN_MAIN): one worker is enough.
        worker = None if no_worker or os.environ.get("RUN_MAIN") == "true" else start_worker()
        try:
            if dev:
                call_command("runserver", addrport)
                return
            call_command("collectstatic", interactive=False, verbosity=0)
            extra = "" if worker is None else ", background worker"
            self.stdout.write(f"komplan serves http://{addrport}/ (gunicorn, {workers} workers{extra}; Ctrl+C stops)")
            sys.stdout.flush()
            gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
            command = [gunicorn, "config.wsgi:application", "--bind", addrport, "--workers", str(workers)]
            command += ["--access-logfile", "-", "--chdir", str(settings.BASE_DIR)]
            server = subprocess.Popen(command)
            try:
                raise SystemExit(server.wait())
            except KeyboardInterrupt:
                stop(server)
        finally:
            stop(worker)
