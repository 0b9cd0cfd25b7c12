"""Compare parsed rows with the database and write the differences, all in one transaction.

Rows are matched on the table's unique key. A row whose values equal the stored ones is left
alone (it keeps the data source that brought it); a changed row takes the new values and the new
data source. Rows of other keys (other years, other territories) are never touched, so an import
never deletes anything.
"""

from __future__ import annotations

import math
from collections import Counter

from django.db import transaction

from ..models import DataSource, RateSet
from .base import ImportOptions, ImportReport, Parsed, Table

BATCH = 1000


def _same(stored: tuple, new: tuple) -> bool:
    """Equal values; floats that differ only in the last digits (a spreadsheet's 15-digit rewrite) count as equal."""
    return all(
        math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12) if isinstance(a, float) and isinstance(b, float) else a == b
        for a, b in zip(stored, new, strict=True)
    )


def _plan(table: Table) -> tuple[list[tuple], list[tuple[int, tuple]], int]:
    """(new keys, [(pk, key) of changed rows], unchanged count), with one query for the stored rows."""
    columns = (*table.key_fields, *table.value_fields, "pk")
    width = len(table.key_fields)
    stored = {
        row[:width]: (row[-1], row[width:-1])
        for row in table.model.objects.filter(table.scope).values_list(*columns).iterator(chunk_size=5000)
    }
    new, changed, unchanged = [], [], 0
    for key, (values, _file) in table.rows.items():
        old = stored.get(key)
        if old is None:
            new.append(key)
        elif not _same(old[1], values):
            changed.append((old[0], key))
        else:
            unchanged += 1
    return new, changed, unchanged


def _instance(table: Table, key: tuple, source: DataSource, pk: int | None = None):
    values, _file = table.rows[key]
    fields = dict(zip(table.key_fields, key, strict=True)) | dict(zip(table.value_fields, values, strict=True))
    return table.model(pk=pk, source=source, **fields)


def _write_table(table: Table, sources: dict[str, DataSource] | None, report: ImportReport) -> None:
    new, changed, unchanged = _plan(table)
    report.created += len(new)
    report.updated += len(changed)
    report.unchanged += unchanged
    if sources is None:
        return
    table.model.objects.bulk_create(
        [_instance(table, key, sources[table.rows[key][1]]) for key in new], batch_size=BATCH
    )
    table.model.objects.bulk_update(
        [_instance(table, key, sources[table.rows[key][1]], pk) for pk, key in changed],
        [*table.value_fields, "source"],
        batch_size=BATCH // 2,
    )


def _write_rate_sets(parsed: Parsed, sources: dict[str, DataSource] | None, report: ImportReport) -> None:
    for item in parsed.rate_sets:
        stored = RateSet.objects.filter(code=item["code"]).first()
        fields = {"name": item["name"], "country_code": item["country_code"], "payload": item["payload"]}
        if stored is None:
            report.created += 1
        elif all(getattr(stored, name) == value for name, value in fields.items()):
            report.unchanged += 1
            continue
        else:
            report.updated += 1
        if sources is not None:
            RateSet.objects.update_or_create(code=item["code"], defaults={**fields, "source": sources[item["file"]]})


def record_counts(parsed: Parsed) -> Counter:
    counts: Counter = Counter()
    for table in parsed.tables:
        counts.update(file for _values, file in table.rows.values())
    counts.update(item["file"] for item in parsed.rate_sets)
    return counts


def write(kind: str, parsed: Parsed, options: ImportOptions, report: ImportReport) -> None:
    """Write (or, in a dry run, only count) everything parsed; one data source per file."""
    if report.dry_run:
        for table in parsed.tables:
            _write_table(table, None, report)
        _write_rate_sets(parsed, None, report)
        return
    counts = record_counts(parsed)
    with transaction.atomic():
        sources = {
            name: DataSource.objects.create(
                kind=kind,
                name=name[:250],
                description=parsed.provenance.get(name, ""),
                imported_by=options.user,
                record_count=counts[name],
            )
            for name in report.files
        }
        for table in parsed.tables:
            _write_table(table, sources, report)
        _write_rate_sets(parsed, sources, report)
    report.sources = list(sources.values())
