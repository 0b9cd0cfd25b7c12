"""Lists of services as CSV and XLSX: any filtered catalogue list can be downloaded as a table.

One row per service; capacities are listed per form with their unit ("pob: 32 lůžek") and never
added up. The provenance of each row is a column, and illustrative records say so.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from komplan.lib.tables import to_csv, to_xlsx

from .models import Service

__all__ = ["service_rows", "to_csv", "to_xlsx"]  # the table writers live in komplan.lib.tables


def _forms(service: Service) -> str:
    parts = []
    for service_form in service.forms.all():
        capacities = ", ".join(c.label for c in service_form.capacities.all())
        parts.append(f"{service_form.form.label}: {capacities}" if capacities else service_form.form.label)
    return "; ".join(parts)


def service_rows(services: list[Service]) -> tuple[list[str], list[list]]:
    header = [
        _("Service"),
        _("Provider"),
        _("IČO"),
        _("Type of social service"),
        _("Registry identifier"),
        _("Forms and capacity"),
        _("Target groups"),
        _("Addresses"),
        _("Phone"),
        _("E-mail"),
        _("Web"),
        _("Source"),
        _("Source date"),
        _("Illustrative record"),
    ]
    rows = []
    for s in services:
        rows.append(
            [
                s.name,
                s.organization.name,
                s.organization.ico,
                s.service_type.label if s.service_type else "",
                s.registry_id,
                _forms(s),
                "; ".join(g.label for g in s.target_groups.all()),
                "; ".join(loc.address_line for loc in s.locations.all()),
                s.phone or s.organization.phone,
                s.email or s.organization.email,
                s.web or s.organization.web,
                s.get_source_display(),
                s.source_date.isoformat() if s.source_date else "",
                _("yes") if s.is_illustrative else "",
            ]
        )
    return header, rows
