from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from komplan.directory.hsds import build_export
from komplan.directory.models import Service
from komplan.territory.models import PlanningProcess


class Command(BaseCommand):
    help = (
        "Export the catalogue of services as Open Referral HSDS 3.0 (Czech profile, docs/hsds.md): "
        "a tabular data package (a directory, or a ZIP when OUT ends in .zip) or nested JSON "
        "(OUT ending in .json, or - for standard output)."
    )

    def add_arguments(self, parser):
        parser.add_argument("out", help="output directory, .zip file, .json file or - (JSON to standard output)")
        parser.add_argument("--process", metavar="SLUG", help="only the catalogue of this planning process")
        parser.add_argument(
            "--format", choices=("json", "datapackage"), help="default: json for .json or -, else datapackage"
        )
        parser.add_argument(
            "--with-contacts",
            action="store_true",
            help="include named contact persons (personal data; never in public exports)",
        )

    def handle(self, *args, **options):
        out = options["out"]
        fmt = options["format"] or ("json" if out == "-" or out.endswith(".json") else "datapackage")
        services = Service.objects.all()
        if options["process"]:
            process = PlanningProcess.objects.filter(slug=options["process"]).first()
            if process is None:
                raise CommandError(f"no planning process with the address {options['process']!r}")
            services = Service.objects.serving(process.municipalities.all())
        export = build_export(services, include_contacts=options["with_contacts"])
        try:
            where = self._write(export, fmt, out)
        except OSError as exc:
            raise CommandError(f"cannot write {out}: {exc.strerror or exc}") from None
        rows = export.rows
        illustrative = export.illustrative["service"]
        note = f", {illustrative} of them illustrative" if illustrative else ""
        message = f"{len(rows['service'])} services of {len(rows['organization'])} providers{note} → {where}"
        (self.stderr if out == "-" else self.stdout).write(message)

    def _write(self, export, fmt: str, out: str) -> str:
        if fmt == "json":
            content = export.to_json_bytes()
            if out == "-":
                self.stdout.write(content.decode("utf-8"), ending="")
                return "standard output (HSDS 3.0 JSON)"
            Path(out).write_bytes(content)
            return f"{out} (HSDS 3.0 JSON)"
        if out == "-":
            raise CommandError("a data package cannot go to standard output; give a directory or a .zip")
        path = Path(out)
        if path.suffix.lower() == ".zip":
            path.write_bytes(export.datapackage_zip())
            return f"{out} (HSDS 3.0 tabular data package, ZIP)"
        if path.exists() and not path.is_dir():
            raise CommandError(f"{out} is a file; give a directory or a name ending in .zip")
        export.write_datapackage(path)
        return f"{out}/ (HSDS 3.0 tabular data package)"
