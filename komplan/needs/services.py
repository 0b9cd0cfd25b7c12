"""Writes of the needs app, each in one transaction: the shipped norm set, copies, need notes."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify

from komplan.directory.models import Codelist, CodelistItem

from .defaults import DEFAULT_DESCRIPTION, DEFAULT_NAME, DEFAULT_ROWS, DEFAULT_SLUG, DEFAULT_SOURCE
from .models import NormRow, NormSet


@transaction.atomic
def ensure_default_set(process) -> NormSet:
    """The shipped illustrative norm set of the process, created with its rows when missing (idempotent)."""
    existing = NormSet.objects.filter(process=process, slug=DEFAULT_SLUG).first()
    if existing is not None:
        return existing
    norm_set = NormSet.objects.create(
        process=process,
        slug=DEFAULT_SLUG,
        name=DEFAULT_NAME,
        source=DEFAULT_SOURCE,
        description=DEFAULT_DESCRIPTION,
        is_default=not NormSet.objects.filter(process=process, is_default=True).exists(),
    )
    items = {(i.codelist, i.code): i for i in CodelistItem.objects.filter(codelist__in=list(Codelist.values))}
    rows = []
    for type_code, form_code, unit_code, reference, per_1000, note in DEFAULT_ROWS:
        service_type = items.get((Codelist.SERVICE_TYPE, type_code))
        unit = items.get((Codelist.CAPACITY_TYPE, unit_code))
        if service_type is None or unit is None:  # codelists not loaded: the row cannot be stored
            continue
        rows.append(
            NormRow(
                norm_set=norm_set,
                service_type=service_type,
                form=items.get((Codelist.SERVICE_FORM, form_code)) if form_code else None,
                unit=unit,
                reference=reference,
                per_1000=Decimal(str(per_1000)),
                note=note,
            )
        )
    NormRow.objects.bulk_create(rows)
    return norm_set


def unique_slug(process, name: str, exclude: int | None = None) -> str:
    base = slugify(name)[:70] or "normy"
    slug, n = base, 2
    taken = NormSet.objects.filter(process=process).exclude(pk=exclude)
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def copy_set(norm_set: NormSet, name: str) -> NormSet:
    """A new set of the same process with the same rows, to edit without touching the original."""
    copy = NormSet.objects.create(
        process=norm_set.process,
        name=name,
        slug=unique_slug(norm_set.process, name),
        description=norm_set.description,
        source=norm_set.source,
    )
    NormRow.objects.bulk_create(
        [
            NormRow(
                norm_set=copy,
                service_type_id=row.service_type_id,
                form_id=row.form_id,
                unit_id=row.unit_id,
                reference=row.reference,
                per_1000=row.per_1000,
                note=row.note,
            )
            for row in norm_set.rows.all()
        ]
    )
    return copy


@transaction.atomic
def save_set(form, formset) -> NormSet:
    """Save a set and its rows together (both already valid): nothing partial is stored."""
    norm_set = form.save()
    formset.instance = norm_set
    formset.save()
    if norm_set.is_default:
        NormSet.objects.filter(process=norm_set.process).exclude(pk=norm_set.pk).update(is_default=False)
    return norm_set


@transaction.atomic
def delete_set(norm_set: NormSet) -> None:
    norm_set.delete()
