"""Read a large JSON file as a stream of records (ijson), with a one-line reason when the file is wrong.

Memory stays flat whatever the size of the file: only one record is built at a time. The reader
counts the bytes it has read, so a caller can show progress as a percentage of the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import ijson

from .base import RegistryFileError

Progress = Callable[[int, int, int], None]  # (records read, bytes read, file size)

FORMAT_KEYS = {"polozky": "rpss", "mista": "ukazka"}
_BOM = b"\xef\xbb\xbf"
_SIGNATURES = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an .xlsx/.docx/.odt file)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document (.xls/.doc)"),
    (b"\x1f\x8b", "gzip-compressed data (unpack it first)"),
)
_SCALARS = frozenset({"string", "number", "boolean", "null"})


def sniff(path: Path) -> None:
    """Fail with a one-line reason unless the file starts like a JSON object."""
    try:
        with path.open("rb") as handle:
            head = handle.read(512)
    except FileNotFoundError:
        raise RegistryFileError("no such file") from None
    except IsADirectoryError:
        raise RegistryFileError("is a directory, not a file") from None
    except OSError as exc:
        raise RegistryFileError(f"cannot be read ({exc.strerror})") from None
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            raise RegistryFileError(f"this is {what}, not a JSON file")
    text = head.removeprefix(_BOM).lstrip()
    if not text:
        raise RegistryFileError("the file is empty")
    if text.startswith(b"["):
        raise RegistryFileError(
            "the JSON is a list at the top level; expected an object with the key `polozky` (MPSV rpss.json) "
            "or `mista` (AutomatizaceKatalogu catalogue)"
        )
    if not text.startswith(b"{"):
        first_line = text.split(b"\n", 1)[0][:50].decode("utf-8", "replace").strip()
        hint = " — a CSV or text file?" if any(sep in first_line for sep in ";,\t") else ""
        raise RegistryFileError(f"not a JSON file: it starts with {first_line!r}{hint}")


class _CountingReader:
    """A binary file wrapper that drops a UTF-8 byte-order mark and counts the bytes read."""

    def __init__(self, raw):
        self.raw = raw
        self.bytes_read = 0
        self._first = True

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.bytes_read += len(data)
        if self._first and data:  # ijson first calls read(0) to tell bytes from text
            self._first = False
            data = data.removeprefix(_BOM)
        return data


def _json_error(exc: Exception, bytes_read: int) -> RegistryFileError:
    detail = str(exc).strip().removeprefix("b'").removeprefix('b"').splitlines()[0].strip().rstrip(".")
    detail = detail.split("\\n")[0].rstrip(".")
    if "premature EOF" in detail:
        return RegistryFileError(f"the JSON ends prematurely after {bytes_read:,} bytes — the file is truncated")
    if "invalid bytes in UTF8" in detail:
        return RegistryFileError(f"the file is not valid UTF-8 (within the first {bytes_read:,} bytes)")
    return RegistryFileError(f"invalid JSON within the first {bytes_read:,} bytes: {detail}")


def detect_format(path: Path) -> str:
    """``rpss`` (root key ``polozky``) or ``ukazka`` (root key ``mista``), from the first decisive key."""
    sniff(path)
    keys: list[str] = []
    with path.open("rb") as raw:
        reader = _CountingReader(raw)
        try:
            for prefix, event, value in ijson.parse(reader):
                if prefix == "" and event == "map_key":
                    if value in FORMAT_KEYS:
                        return FORMAT_KEYS[value]
                    keys.append(value)
        except ijson.JSONError as exc:
            raise _json_error(exc, reader.bytes_read) from None
    found = ", ".join(f"`{key}`" for key in keys[:10]) or "none"
    raise RegistryFileError(
        "unknown format: no top-level `polozky` (MPSV rpss.json) or `mista` (AutomatizaceKatalogu catalogue); "
        f"top-level keys: {found}"
    )


class JsonStream:
    """Iterate ``(number, record)`` over the list under a top-level key.

    A short scan of the file's head checks that the key exists and holds a list, and keeps the
    top-level scalars that precede it in ``meta`` (e.g. a date or a schema version); the records
    are then built by ijson's C backend. Raises :class:`RegistryFileError` when the file is not
    JSON, has no such list, or is truncated (detected when the stream reaches the end).
    """

    def __init__(self, path: Path, list_key: str, *, progress: Progress | None = None, every: int = 1000):
        self.path, self.list_key, self.progress, self.every = path, list_key, progress, every
        self.meta: dict[str, object] = {}
        self.keys: list[str] = []
        self.records = 0

    def __iter__(self) -> Iterator[tuple[int, object]]:
        sniff(self.path)
        self._scan_head()
        total = self.path.stat().st_size
        with self.path.open("rb") as raw:
            reader = _CountingReader(raw)
            try:
                for number, item in enumerate(ijson.items(reader, f"{self.list_key}.item"), start=1):
                    self.records = number
                    yield number, item
                    if self.progress and number % self.every == 0:
                        self.progress(number, reader.bytes_read, total)
            except ijson.JSONError as exc:
                raise _json_error(exc, reader.bytes_read) from None
        if self.progress:
            self.progress(self.records, total, total)

    def _scan_head(self) -> None:
        """Read top-level keys up to the list: it must exist and be a list; scalars before it go to ``meta``."""
        with self.path.open("rb") as raw:
            reader = _CountingReader(raw)
            events = ijson.parse(reader)
            try:
                for prefix, event, value in events:
                    if prefix == "" and event == "map_key":
                        self.keys.append(value)
                        if value == self.list_key:
                            _prefix, event, _value = next(events)
                            if event != "start_array":
                                raise RegistryFileError(f"`{self.list_key}` is not a list")
                            return
                    elif prefix in self.keys and event in _SCALARS:
                        self.meta[prefix] = value
            except ijson.JSONError as exc:
                raise _json_error(exc, reader.bytes_read) from None
        found = ", ".join(f"`{key}`" for key in self.keys[:10]) or "none"
        raise RegistryFileError(f"no top-level `{self.list_key}` list in the file (top-level keys: {found})")
