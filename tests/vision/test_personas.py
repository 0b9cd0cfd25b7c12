"""Every staff view of the vision and SWOT with the three personas; the member sits in PS senioři only, so the
SWOT of PS rodiny and the overall SWOT are "without the flag" for them. The guard fails when a view is added
unswept."""

from __future__ import annotations

import pytest

from komplan.vision.models import SwotItem, SwotVote
from tests.personas import assert_every_view_swept, garbage_is_never_a_500, sweep

pytestmark = pytest.mark.django_db

S = "/slany/sprava/swot/"


def test_every_staff_view_for_the_three_personas(outsider, member, items, coordinator):
    other = items["weakness"].pk  # PS rodiny
    rows = [
        ("get", S, 200),
        ("get", f"{S}ps-rodiny/", 200),
        ("get", f"{S}vize/", 403),
        ("post", f"{S}sloucit/", 403),
        ("get", f"{S}polozka/{other}/upravit/", 403),
        ("post", f"{S}polozka/{other}/smazat/", 403),
        ("post", f"{S}polozka/{other}/posunout/", 403),
        ("post", f"{S}polozka/{other}/hlas/", 403),
        ("post", f"{S}polozka/{other}/prevzit/", 403),
        ("get", f"{S}polozka/{other}/dukazy/", 403),
        ("post", f"{S}polozka/{other}/dukazy/1/odebrat/", 403),
        ("post", f"{S}ps-rodiny/pridat/", 403),
        ("post", f"{S}ps-rodiny/poznamka/", 403),
        ("post", f"{S}celkova/poznamka/", 403),
    ]
    assert_every_view_swept(rows, "komplan.vision.admin_urls")
    sweep(rows, outsider, member)
    assert SwotItem.objects.filter(pk=other).exists() and not SwotVote.objects.exists()
    garbage_is_never_a_500(rows, coordinator)
