"""Render PDF documents with Typst.

A template is a ``.typ`` file in ``komplan/documents/typst/``. The caller passes one JSON-able
dict; the template reads it as ``json(bytes(sys.inputs.data))``. Every string in the data is
already translated by the caller (gettext, ``CodelistItem.label``): templates hold layout only,
no wording. Fonts come from ``komplan/documents/fonts/`` and nowhere else, so a document looks the
same on every machine; a font the template names but we do not ship is a warning, logged here and
asserted against in the tests.
"""

from __future__ import annotations

import functools
import json
import logging
from pathlib import Path

import typst
from django.core.serializers.json import DjangoJSONEncoder

TEMPLATE_DIR = Path(__file__).resolve().parent / "typst"
FONT_DIR = Path(__file__).resolve().parent / "fonts"

logger = logging.getLogger(__name__)


class DocumentError(Exception):
    """A template failed to compile (a bug in the template or in the data passed to it)."""


@functools.cache
def fonts() -> typst.Fonts:
    """The shipped fonts only (loaded once per process)."""
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(FONT_DIR)])


def template_path(template_name: str) -> Path:
    path = (TEMPLATE_DIR / template_name).resolve()
    if not path.is_relative_to(TEMPLATE_DIR) or path.suffix != ".typ" or not path.is_file():
        raise DocumentError(f"No Typst template {template_name!r} in {TEMPLATE_DIR}")
    return path


def compile_pdf(template_name: str, data: dict) -> tuple[bytes, list[typst.TypstWarning]]:
    """The PDF and Typst's warnings (tests assert there are none, e.g. no unknown font)."""
    compiler = typst.Compiler(
        str(template_path(template_name)), root=str(TEMPLATE_DIR), font_paths=fonts(), ignore_system_fonts=True
    )
    inputs = {"data": json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)}
    try:
        pdf, warnings = compiler.compile_with_warnings(format="pdf", sys_inputs=inputs)
    except typst.TypstError as error:
        raise DocumentError(f"{template_name}: {error.message}\n{error.diagnostic}") from error
    return pdf, list(warnings)


def render_pdf(template_name: str, data: dict) -> bytes:
    """Compile ``template_name`` with ``data``; warnings are logged, errors raise DocumentError."""
    pdf, warnings = compile_pdf(template_name, data)
    for warning in warnings:
        logger.warning("Typst %s: %s", template_name, warning.message)
    return pdf
