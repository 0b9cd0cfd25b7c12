"""Read rendered PDFs in tests with poppler-utils (``pdftotext``, ``pdffonts``).

Locally a missing poppler-utils skips the assertion that needs it, with the reason; in CI (the
``CI`` environment variable is set) it fails instead, so CI never passes without reading the PDF.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        reason = f"{name} (Debian package poppler-utils) is not installed"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must read the PDF")
        pytest.skip(reason)
    return path


def _run(tool: str, pdf: bytes, *args: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "document.pdf"
        source.write_bytes(pdf)
        result = subprocess.run(
            [_tool(tool), *args, str(source), *(["-"] if tool == "pdftotext" else [])],
            capture_output=True,
            check=True,
            timeout=60,
        )
    return result.stdout.decode("utf-8")


def pdf_text(pdf: bytes, *, first: int | None = None, last: int | None = None) -> str:
    """The text of the PDF (or of pages ``first``..``last``), in reading order."""
    args = ["-enc", "UTF-8"]
    if first is not None:
        args += ["-f", str(first), "-l", str(last if last is not None else first)]
    return _run("pdftotext", pdf, *args)


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page (pdftotext ends every page with a form feed)."""
    return pdf_text(pdf).split("\f")[:-1]


def pdf_fonts(pdf: bytes) -> list[str]:
    """The names of the fonts embedded in the PDF, without the subset prefix (``ABCDEF+Roboto``)."""
    lines = _run("pdffonts", pdf).splitlines()[2:]
    return sorted({line.split()[0].split("+")[-1] for line in lines if line.strip()})
