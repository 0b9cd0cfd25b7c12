"""Writes for the catalogue."""

from __future__ import annotations

from django.db import models

from komplan.lib.text import fold

from .models import Capacity, Location, Service, ServiceForm


def search_text_of(service: Service) -> str:
    """What catalogue search matches: names, description, type, target groups, places — folded."""
    parts = [service.name, service.organization.name, service.description, service.registry_id]
    if service.service_type_id:
        parts += [service.service_type.name, service.service_type.name_en]
    parts += [group.name for group in service.target_groups.all()]
    locations = service.locations.all()  # prefetch "locations__municipality" to avoid a query per service
    parts += [loc.municipality.name for loc in locations if loc.municipality_id]
    parts += [loc.name for loc in locations]
    return fold(" ".join(p for p in parts if p))


def refresh_search_text(services) -> None:
    """Recompute the folded search text after a service, its groups or locations changed."""
    changed = []
    if isinstance(services, models.QuerySet):
        services = services.select_related("organization", "service_type").prefetch_related(
            "target_groups", "locations__municipality"
        )
    for service in services:
        text = search_text_of(service)
        if text != service.search_text:
            service.search_text = text
            changed.append(service)
    Service.objects.bulk_update(changed, ["search_text"])


def replace_forms(service: Service, forms: dict) -> None:
    """Set the forms of a service: {form item: [(capacity unit item, count), …]}; each unit stays separate."""
    service.forms.all().delete()
    for form, capacities in forms.items():
        service_form = ServiceForm.objects.create(service=service, form=form)
        Capacity.objects.bulk_create(
            Capacity(service_form=service_form, capacity_type=unit, count=count) for unit, count in capacities
        )


def replace_location(service: Service, address: dict | None) -> None:
    """Make ``address`` (Location fields) the only place of provision of a service; None removes them."""
    service.locations.all().delete()
    if address:
        Location.objects.create(service=service, **address)
