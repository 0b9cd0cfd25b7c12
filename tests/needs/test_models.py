"""The need model: the shipped set, copies, validation of norms (at the field, nothing partial saved)."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from komplan.demography.engine.ages import FIVE_YEAR
from komplan.needs import reference
from komplan.needs.defaults import DEFAULT_ROWS, DEFAULT_SOURCE
from komplan.needs.forms import NormRowFormSet, NormSetForm
from komplan.needs.models import NormRow, NormSet
from komplan.needs.services import copy_set, ensure_default_set, save_set

pytestmark = pytest.mark.django_db


def test_reference_populations_from_the_grid():
    counts = np.full(len(FIVE_YEAR), 5.0)  # one person per year of age 0–99, 5 aged 100+
    result = reference.populations(counts, FIVE_YEAR)
    assert result["total"] == 105
    assert result["0_17"] == 18 and result["0_6"] == 7 and result["6_26"] == 21
    assert result["65_plus"] == 40 and result["80_plus"] == 25 and result["18_64"] == 47
    many = reference.populations_many(np.vstack([counts, 2 * counts]), FIVE_YEAR)
    assert list(many["80_plus"]) == [25, 50]
    assert all(r.key in reference.BY_KEY for r in reference.REFERENCES)


def test_default_set_is_shipped_once_and_labelled(process):
    first = ensure_default_set(process)
    assert ensure_default_set(process) == first and NormSet.objects.filter(process=process).count() == 1
    assert first.source == DEFAULT_SOURCE and first.is_default
    assert first.rows.count() == len(DEFAULT_ROWS)
    assert {row.reference for row in first.rows.all()} <= set(reference.BY_KEY)


def test_copy_keeps_the_original(norm_set):
    copy = copy_set(norm_set, "Vlastní cíl")
    assert copy.slug == "vlastni-cil" and copy.rows.count() == norm_set.rows.count() and not copy.is_default
    row = copy.rows.get(service_type__code="13")
    row.per_1000 = 100
    row.save()
    assert norm_set.rows.get(service_type__code="13").per_1000 == 75


def _post(norm_set, **row):
    rows = list(norm_set.rows.all())
    data = {
        "name": norm_set.name,
        "source": norm_set.source,
        "description": "changed",
        "rows-TOTAL_FORMS": str(len(rows)),
        "rows-INITIAL_FORMS": str(len(rows)),
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "1000",
    }
    for i, r in enumerate(rows):
        data.update(
            {
                f"rows-{i}-id": str(r.pk),
                f"rows-{i}-service_type": str(r.service_type_id),
                f"rows-{i}-form": str(r.form_id or ""),
                f"rows-{i}-unit": str(r.unit_id),
                f"rows-{i}-reference": r.reference,
                f"rows-{i}-per_1000": str(r.per_1000),
                f"rows-{i}-note": r.note,
            }
        )
    data.update({f"rows-0-{key}": value for key, value in row.items()})
    return data


@pytest.mark.parametrize(
    ("field", "value"),
    [("per_1000", "-1"), ("per_1000", "hodně"), ("reference", "90_plus"), ("per_1000", "")],
)
def test_bad_norms_are_refused_at_the_field_and_nothing_is_saved(process, norm_set, field, value):
    data = _post(norm_set, **{field: value})
    form = NormSetForm(data, instance=norm_set, process=process)
    formset = NormRowFormSet(data, instance=norm_set, prefix="rows")
    assert form.is_valid()
    assert not formset.is_valid()
    assert field in formset.forms[0].errors
    assert NormSet.objects.get(pk=norm_set.pk).description != "changed"


def test_duplicate_rows_are_refused_and_a_valid_set_saves_whole(process, norm_set):
    second = norm_set.rows.all()[1]
    data = _post(norm_set, service_type=str(second.service_type_id), form=str(second.form_id or ""))
    data["rows-0-unit"] = str(second.unit_id)
    formset = NormRowFormSet(data, instance=norm_set, prefix="rows")
    assert not formset.is_valid() and "service_type" in "".join(str(f.errors) for f in formset.forms)

    data = _post(norm_set, per_1000="12.5")
    form = NormSetForm(data, instance=norm_set, process=process)
    formset = NormRowFormSet(data, instance=norm_set, prefix="rows")
    assert form.is_valid() and formset.is_valid()
    save_set(form, formset)
    assert NormRow.objects.filter(norm_set=norm_set)[0].per_1000 == Decimal("12.5")
    assert NormSet.objects.get(pk=norm_set.pk).description == "changed"
