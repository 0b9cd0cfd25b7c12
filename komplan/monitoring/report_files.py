"""The yearly report as PDF and DOCX, through the plan's document pipeline (komplan.plan.outputs).

The cover names the report ("Zpráva o plnění komunitního plánu za rok 2008"), the territory of the process, the
state, the date of the steering group's approval and the council's resolution, with the logo of the process's plan
(``Plan.logo``) when it has one. A frozen report's file is generated on its first download and kept as a
``ReportFile`` with a fingerprint of what it was made from (snapshot, cover and logo): the next download serves the
stored file, and a changed cover (the council's approval) or logo makes it anew. A draft's files are generated on
every download from the live data and never stored (the views serve them to staff only).
"""

from __future__ import annotations

import hashlib
import json
import re

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import formats, translation
from django.utils.translation import gettext as _

from komplan.plan.outputs import FORMATS, territory

from . import report_content, report_services
from .models import ReportFile, ReportState, YearlyReport


def logo_of(process) -> bytes | None:
    """The PNG logo of the process's plan document, or None."""
    from komplan.plan.models import Plan

    plan = Plan.objects.filter(process=process).first()
    if plan is None or not plan.logo:
        return None
    try:
        with plan.logo.open("rb") as handle:
            return handle.read()
    except (FileNotFoundError, ValueError):
        return None


def document_meta(report: YearlyReport, snapshot: dict) -> dict:
    """The cover besides the snapshot (komplan.plan.outputs.document_meta for a plan version)."""
    place = territory(report.process)
    meta = {
        "territory": place,
        "version_label": "",
        "state_label": str(report.get_state_display()),
        "issued_on": formats.date_format(report.steering_approved_on, "j. n. Y") if report.steering_approved_on else "",
        "date_label": _("Approved by the steering group"),
        "approval": report_services.report_approval_note(report) or report_services.steering_note(report),
        "period_text": snapshot.get("subtitle") or report_content.subtitle(report.year),
        "subject": snapshot.get("subtitle") or "",
        "keywords": [_("report on the fulfilment of the community plan of social services"), place],
    }
    if report.state == ReportState.DRAFT:
        meta["notice"] = _(
            "Draft: the report has not been approved yet, and its tables change with the progress reports."
        )
    return meta


def fingerprint(snapshot: dict, meta: dict, logo: bytes | None) -> str:
    """What a stored file was made from: it is made anew when any of it changes."""
    data = {"snapshot": snapshot, "meta": meta, "logo": hashlib.sha256(logo or b"").hexdigest()}
    text = json.dumps(data, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def render(snapshot: dict, meta: dict, logo: bytes | None, fmt: str) -> bytes:
    from komplan.plan.outputs.docx import render_docx
    from komplan.plan.outputs.pdf import render_pdf

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    return (render_pdf if fmt == "pdf" else render_docx)(snapshot, meta, logo)


def draft_file(report: YearlyReport, fmt: str) -> bytes:
    """The file of the report as it is now (from the live data; not stored)."""
    with translation.override(settings.LANGUAGE_CODE):  # the document's language, not the requester's
        snapshot = report.snapshot if report.is_frozen else report_content.build(report)
        return render(snapshot, document_meta(report, snapshot), logo_of(report.process), fmt)


def _usable(found: ReportFile | None, print_: str) -> bool:
    return (
        found is not None
        and found.fingerprint == print_
        and bool(found.file)
        and found.file.storage.exists(found.file.name)
    )


def frozen_file(report: YearlyReport, fmt: str) -> ReportFile:
    """The stored file of a frozen report, generated now when it is missing or made from something else.

    The report row is locked while the file is made, so two first downloads make it once.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    with transaction.atomic():
        locked = YearlyReport.objects.select_for_update().select_related("process").get(pk=report.pk)
        if not locked.is_frozen:
            raise report_services.ReportRefused(_("The report is a draft; it has no stored files."))
        with translation.override(settings.LANGUAGE_CODE):
            meta = document_meta(locked, locked.snapshot)
            logo = logo_of(locked.process)
            print_ = fingerprint(locked.snapshot, meta, logo)
            found = ReportFile.objects.filter(report=locked, format=fmt).first()
            if _usable(found, print_):
                return found
            data = render(locked.snapshot, meta, logo, fmt)
        if found is not None:
            old = found.file.name
            found.delete()
            if old:
                transaction.on_commit(lambda: default_storage.delete(old))
        made = ReportFile(report=locked, format=fmt, fingerprint=print_)
        made.file.save(f"{locked.process.slug}-{locked.year}.{fmt}", ContentFile(data), save=False)
        made.save()
        return made


def filename(report: YearlyReport, fmt: str) -> str:
    """A readable file name from the title ("Zpráva o plnění … za rok 2008.pdf"; characters Windows refuses removed)."""
    clean = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", report.title).strip()
    clean = re.sub(r"\s+", " ", clean)[:150].strip() or _("report %(year)s") % {"year": report.year}
    return f"{clean}.{fmt}"
