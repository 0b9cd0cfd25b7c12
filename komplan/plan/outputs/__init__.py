"""The plan document as files: PDF (Typst, ``pdf.render_pdf``) and DOCX (python-docx, ``docx.render_docx``).

Both take the same three things: the version's ``snapshot`` (komplan.plan.services.build), the ``meta`` of the
cover built here by :func:`document_meta`, and the logo (PNG bytes of ``Plan.logo``, or None). They read nothing
else, so a file made today from version 3 says what version 3 said.
"""

from __future__ import annotations

import re

from django.utils import formats, timezone
from django.utils.translation import gettext as _

FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def territory(process) -> str:
    if process.area_orp_id:
        return _("Administrative district of ORP %(name)s") % {"name": process.area_orp.name}
    if process.responsible_municipality_id:
        return process.responsible_municipality.name
    return process.name


def document_meta(version) -> dict:
    """What the cover says besides the snapshot: territory, version label, state, date and the approval note.

    ``approval_note`` is the sentence of the council's approval ("Schváleno usnesením zastupitelstva č. …");
    the version life cycle adds it to Version, and until it exists the cover simply has none.
    """
    label = _("Version %(number)d") % {"number": version.number}
    if version.label:
        label = f"{label} – {version.label}"
    return {
        "territory": territory(version.plan.process),
        "version_label": label,
        "state_label": str(version.get_state_display()),
        "issued_on": formats.date_format(timezone.localtime(version.created_at), "j. n. Y"),
        "approval": str(version.approval_note or ""),
    }


def filename(title: str, number: int, fmt: str) -> str:
    """A readable Czech file name, e.g. "Komunitní plán Slaný – verze 3.pdf" (characters Windows refuses removed)."""
    clean = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", title).strip()
    clean = re.sub(r"\s+", " ", clean)[:120].strip() or _("plan")
    return f"{clean} – {_('version')} {number}.{fmt}"
