"""Read an HSDS tabular data package (a directory or a ZIP) into rows that know their file and line.

HSDS 3.0 packages are read by their file names (``services.csv``, ``attributes.csv``, …); an HSDS
1.1 package (``services_at_location.csv``, ``physical_addresses.csv``) is mapped onto the 3.0
tables (``hsds_tables.HSDS_11_FILES``). A package that cannot be read at all — not a directory or a
ZIP, a damaged or truncated ZIP, no ``services.csv``, text that is not UTF-8 — raises
``HsdsPackageError`` with a one-line reason; everything else is left to the importer to judge row
by row.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
import zlib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path, PurePosixPath

from .hsds_tables import HSDS_11_FILES, HSDS_11_MARKERS, resource_for_path

MAX_PACKAGE_BYTES = 200 * 1024 * 1024  # uncompressed; the national register is about 10 MB as HSDS
_SIGNATURES = {b"%PDF": "a PDF document", b"\xd0\xcf\x11\xe0": "an old Office document", b"\x1f\x8b": "a gzip file"}


class HsdsPackageError(Exception):
    """The package cannot be read at all; the message is one line naming the file and the reason."""


@dataclass
class Problem:
    file: str
    line: int | None
    field: str
    reason: str

    def __str__(self) -> str:
        where = [self.file, f"line {self.line}" if self.line else "", f"field {self.field}" if self.field else ""]
        return f"{', '.join(p for p in where if p)}: {self.reason}"

    @property
    def column(self) -> str:  # the spreadsheet importer's name, for views that show either report
        return self.field


@dataclass
class Row:
    file: str
    line: int
    values: dict[str, str]

    def get(self, key: str) -> str:
        return (self.values.get(key) or "").strip()


@dataclass
class Package:
    name: str
    version: str  # "3.0" or "1.1"
    tables: dict[str, list[Row]] = field(default_factory=dict)
    descriptor: dict = field(default_factory=dict)
    other_files: dict[str, int] = field(default_factory=dict)  # file komplan does not read → its data rows
    structure_problems: list[tuple[str, int, str, str]] = field(default_factory=list)  # file, line, field, reason

    def rows(self, resource: str) -> list[Row]:
        return self.tables.get(resource, [])


def read_package(source: Path | str | bytes, *, name: str = "") -> Package:
    """The package at ``source``: a directory, a ZIP file, or the bytes of a ZIP (``name`` for messages)."""
    if isinstance(source, bytes):
        label = name or "upload"
        files = _zip_files(source, label)
    else:
        path = Path(source)
        label = name or path.name
        try:
            if path.is_dir():
                files = _dir_files(path)
            elif path.is_file():
                files = _zip_files(path.read_bytes(), label)
            else:
                raise HsdsPackageError(f"{path}: no such file or directory")
        except OSError as exc:
            raise HsdsPackageError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    return _parse(label, files)


def _dir_files(path: Path) -> dict[str, bytes]:
    files = {}
    total = 0
    for item in sorted(path.iterdir()):
        if item.is_file() and item.suffix.lower() in (".csv", ".json"):
            total += item.stat().st_size
            if total > MAX_PACKAGE_BYTES:
                raise HsdsPackageError(f"{path}: more than {MAX_PACKAGE_BYTES // 2**20} MB of data")
            files[item.name] = item.read_bytes()
    if "services.csv" not in files:
        raise HsdsPackageError(f"{path}: no services.csv — not an HSDS data package directory")
    return files


def _zip_files(data: bytes, label: str) -> dict[str, bytes]:
    if not data.startswith(b"PK"):
        kind = next(
            (f"{what}, not a ZIP archive" for magic, what in _SIGNATURES.items() if data.startswith(magic)), None
        )
        kind = kind or ("empty" if not data else "not a ZIP archive")
        raise HsdsPackageError(f"{label}: {kind} — expected a ZIP of an HSDS data package or its directory")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
        raise HsdsPackageError(f"{label}: damaged or truncated ZIP archive ({exc})") from None
    candidates = sorted(
        (PurePosixPath(info.filename) for info in members if PurePosixPath(info.filename).name == "services.csv"),
        key=lambda p: len(p.parts),
    )
    if not candidates:
        raise HsdsPackageError(f"{label}: no services.csv in the ZIP — not an HSDS data package")
    folder = candidates[0].parent
    chosen = [
        info
        for info in members
        if PurePosixPath(info.filename).parent == folder and PurePosixPath(info.filename).suffix in (".csv", ".json")
    ]
    if sum(info.file_size for info in chosen) > MAX_PACKAGE_BYTES:
        raise HsdsPackageError(f"{label}: more than {MAX_PACKAGE_BYTES // 2**20} MB of data")
    files = {}
    for info in chosen:
        try:
            with archive.open(info) as handle:
                content = handle.read(MAX_PACKAGE_BYTES + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError, ValueError) as exc:
            raise HsdsPackageError(f"{label}: damaged or truncated ZIP archive ({info.filename}: {exc})") from None
        if len(content) > MAX_PACKAGE_BYTES:
            raise HsdsPackageError(f"{label}: {info.filename} is larger than {MAX_PACKAGE_BYTES // 2**20} MB")
        files[PurePosixPath(info.filename).name] = content
    return files


def _parse(label: str, files: dict[str, bytes]) -> Package:
    version = "1.1" if any(marker in files for marker in HSDS_11_MARKERS) else "3.0"
    package = Package(name=label, version=version)
    if "datapackage.json" in files:
        try:
            package.descriptor = json.loads(files["datapackage.json"].decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise HsdsPackageError(f"{label}: datapackage.json is not valid JSON ({exc})") from None
        if not isinstance(package.descriptor, dict):
            raise HsdsPackageError(f"{label}: datapackage.json is not a JSON object")
    for file_name, content in sorted(files.items()):
        if not file_name.endswith(".csv"):
            continue
        if version == "1.1":
            resource, renames, fixed = HSDS_11_FILES.get(file_name, (None, {}, {}))
        else:
            resource, renames, fixed = resource_for_path(file_name), {}, {}
        rows = _read_csv(file_name, content, package)
        if resource is None:
            if rows:
                package.other_files[file_name] = len(rows)
            continue
        package.tables.setdefault(resource, []).extend(_renamed(row, renames, fixed) for row in rows)
    return package


def _renamed(row: Row, renames: dict[str, str], fixed: dict[str, str]) -> Row:
    """An HSDS 1.1 row under its HSDS 3.0 field names (e.g. organizations' ``url`` → ``website``)."""
    row.values = {renames.get(key, key): value for key, value in row.values.items()}
    for key, value in fixed.items():
        if not row.get(key):
            row.values[key] = value
    return row


def _read_csv(file_name: str, content: bytes, package: Package) -> list[Row]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = content[: exc.start].count(b"\n") + 1
        raise HsdsPackageError(f"{file_name}, line {line}: not UTF-8 text") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[Row] = []
    try:
        header = [name.strip() for name in next(reader, [])]
        if not any(header):
            raise HsdsPackageError(f"{file_name}: the file is empty, expected a header row")
        duplicates = sorted({name for name in header if name and header.count(name) > 1})
        if duplicates:
            raise HsdsPackageError(f"{file_name}, line 1: column {', '.join(duplicates)} appears more than once")
        if "id" not in header:
            raise HsdsPackageError(f"{file_name}, line 1: no id column")
        end = reader.line_num
        for record in reader:
            start, end = end + 1, reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if len(record) > len(header):
                package.structure_problems.append(
                    (file_name, start, "", f"{len(record)} values but the header has {len(header)} columns")
                )
            rows.append(Row(file_name, start, dict(zip(header, record, strict=False))))
    except csv.Error as exc:
        raise HsdsPackageError(f"{file_name}, line {reader.line_num}: not valid CSV ({exc})") from None
    return rows


# -- values -------------------------------------------------------------------------------------


def parse_date(text: str) -> dt.date:
    return dt.date.fromisoformat(text.strip()[:10])


def parse_bool(text: str) -> bool:
    value = {"true": True, "false": False, "1": True, "0": False}.get(text.strip().lower())
    if value is None:
        raise ValueError(text)
    return value


def parse_decimal(text: str) -> Decimal:
    value = Decimal(text.replace(",", "."))
    if not value.is_finite():
        raise ValueError(text)
    return value


def parse_latitude(text: str) -> Decimal:
    value = parse_decimal(text).quantize(Decimal("0.000001"))
    if abs(value) > 90:
        raise ValueError(text)
    return value


def parse_longitude(text: str) -> Decimal:
    value = parse_decimal(text).quantize(Decimal("0.000001"))
    if abs(value) > 180:
        raise ValueError(text)
    return value


PARSE_NAMES = {
    parse_date: "a date (YYYY-MM-DD)",
    parse_bool: "true or false",
    int: "a whole number",
    parse_decimal: "a number",
    parse_latitude: "a latitude (-90 to 90)",
    parse_longitude: "a longitude (-180 to 180)",
}


def parse_int(text: str) -> int | None:
    try:
        return int(text.strip())
    except (ValueError, AttributeError):
        return None
