"""Every staff view of the bodies with the three personas; the guard fails when a view is added unswept."""

from __future__ import annotations

import pytest

from komplan.planning.models import Body, BodyMember
from tests.personas import assert_every_view_swept, garbage_is_never_a_500, sweep

pytestmark = pytest.mark.django_db

S = "/slany/sprava/skupiny/"


def test_every_staff_view_for_the_three_personas(outsider, member, bodies, coordinator):
    seat = BodyMember.objects.filter(body=bodies["working"]).first().pk
    rows = [
        ("get", S, 200),
        ("get", f"{S}ps-seniori/", 200),
        ("get", f"{S}nova/", 403),
        ("get", f"{S}cilove-skupiny/nova/", 403),
        ("get", f"{S}cilove-skupiny/seniori/", 403),
        ("post", f"{S}cilove-skupiny/seniori/smazat/", 403),
        ("get", f"{S}ps-seniori/upravit/", 403),
        ("post", f"{S}ps-seniori/smazat/", 403),
        ("post", f"{S}ps-seniori/clenove/pridat/", 403),
        ("post", f"{S}ps-seniori/clenove/{seat}/odebrat/", 403),
        ("post", f"{S}ps-seniori/vedouci/", 403),
    ]
    assert_every_view_swept(rows, "komplan.planning.admin_urls")
    sweep(rows, outsider, member)
    assert Body.objects.filter(slug="ps-seniori").exists() and BodyMember.objects.filter(pk=seat).exists()
    garbage_is_never_a_500(rows, coordinator)
