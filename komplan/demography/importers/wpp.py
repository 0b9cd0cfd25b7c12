"""UN World Population Prospects (WPP 2019 or 2024, the R packages' text files) → RateSet.

The input is a directory with the edition's files (the command line), or a ZIP of them (the staff
UI, administrators only). The edition is recognised by its files: ``mxM5.txt`` (2024) or ``mxM.txt``
(2019). The rows of one country (Czechia, UN code 203) become the rate-set payload that
``komplan.demography.engine.wpp`` documents; the rate set ``wpp2019-203`` / ``wpp2024-203`` is
created or replaced. WPP 2024 ships no sex ratio at birth: when a WPP 2019 directory is imported in
the same run, the 2024 set takes its ratios from there (the reader notes which it used).
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _

from .base import ImportOptions, InputFile, Parsed, Problems

COUNTRY_CODE = "203"
EDITION_FILES = {"wpp2024": "mxM5.txt", "wpp2019": "mxM.txt"}
MAX_ZIP_BYTES = 200 * 1024 * 1024


def _edition(directory: Path) -> str | None:
    return next((edition for edition, marker in EDITION_FILES.items() if (directory / marker).is_file()), None)


def _unpack(file: InputFile, target: Path, problems: Problems) -> Path | None:
    """The directory holding the .txt files of an uploaded ZIP (names flattened, nothing else extracted)."""
    try:
        with zipfile.ZipFile(file.stream()) as archive:
            members = [m for m in archive.infolist() if m.filename.endswith(".txt") and not m.is_dir()]
            if sum(m.file_size for m in members) > MAX_ZIP_BYTES:
                problems.error(file.name, None, "", _("the text files in the ZIP are larger than 200 MB"))
                return None
            for member in members:
                (target / PurePosixPath(member.filename).name).write_bytes(archive.read(member))
    except (zipfile.BadZipFile, OSError):
        problems.error(file.name, None, "", _("is neither a directory nor a ZIP of the WPP text files"))
        return None
    return target


def _payload(reader, directory: Path, extra: dict, file: InputFile, problems: Problems) -> dict | None:
    from ..engine.wpp import WppFormatError

    try:
        return reader(directory, COUNTRY_CODE, **extra)
    except WppFormatError as exc:
        problems.error(f"{file.name}/{exc.file}", exc.line, "", exc.reason)
        return None


def parse(files: list[InputFile], options: ImportOptions, problems: Problems) -> Parsed:
    from ..engine.wpp import read_wpp2019, read_wpp2024

    parsed = Parsed()
    with tempfile.TemporaryDirectory(prefix="komplan-wpp-") as scratch:
        directories: dict[str, tuple[Path, InputFile]] = {}
        for index, file in enumerate(files):
            directory = file.path if file.path and file.path.is_dir() else None
            if directory is None:
                target = Path(scratch) / str(index)
                target.mkdir()
                directory = _unpack(file, target, problems)
            edition = _edition(directory) if directory else None
            if directory and edition is None:
                problems.error(
                    file.name, None, "", _("holds neither the WPP 2019 nor the WPP 2024 files (mxM.txt, mxM5.txt)")
                )
            elif edition in directories:
                problems.error(file.name, None, "", _("%(edition)s is given twice") % {"edition": edition})
            elif edition:
                directories[edition] = (directory, file)
        for edition, (directory, file) in sorted(directories.items()):
            reader = read_wpp2019 if edition == "wpp2019" else read_wpp2024
            extra = (
                {"wpp2019_directory": directories["wpp2019"][0]}
                if edition == "wpp2024" and "wpp2019" in directories
                else {}
            )
            payload = _payload(reader, directory, extra, file, problems)
            if payload is None:
                continue
            year = edition.removeprefix("wpp")
            parsed.rate_sets.append(
                {
                    "code": f"{edition}-{COUNTRY_CODE}",
                    "name": f"UN WPP {year} — {payload.get('country') or COUNTRY_CODE}",
                    "country_code": COUNTRY_CODE,
                    "payload": json.loads(json.dumps(payload)),  # as the JSON field will return it
                    "file": file.name,
                }
            )
            parsed.provenance[file.name] = _(
                "United Nations, World Population Prospects %(year)s, country %(country)s (CC BY 3.0 IGO)."
            ) % {"year": year, "country": payload.get("country") or COUNTRY_CODE}
    return parsed
