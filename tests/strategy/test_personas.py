"""Every staff and member view of the strategy with the three personas; the guard fails when a view is added
without being swept."""

from __future__ import annotations

import pytest

from tests.personas import assert_every_view_swept, garbage_is_never_a_500, sweep

from .test_views import sheet  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

S = "/slany/sprava/strategie/"


def _rows(tree, sheet):  # noqa: F811
    p, m, a, s = tree["p1"].pk, tree["m21"].pk, tree["a211"].pk, sheet.pk
    return [
        ("get", S, 200),
        ("get", f"{S}listy/", 200),
        ("get", f"{S}listy/{s}/", 200),
        ("get", f"{S}aktivity/{a}/", 200),
        ("get", f"{S}priority/nova/", 403),
        ("get", f"{S}priority/{p}/", 403),
        ("get", f"{S}priority/{p}/nove-opatreni/", 403),
        ("get", f"{S}opatreni/{m}/", 403),
        ("get", f"{S}opatreni/{m}/nova-aktivita/", 403),
        ("post", f"{S}aktivity/{a}/", 403),
        ("post", f"{S}aktivity/{a}/presunout/", 403),
        ("post", f"{S}priority/{p}/posunout/down/", 403),
        ("get", f"{S}measure/{m}/smazat/", 403),
        ("post", f"{S}activity/{a}/smazat/", 403),
        ("post", f"{S}listy/obdobi/", 403),
        ("post", f"{S}listy/{s}/akcni-plan/", 403),
        ("post", f"{S}listy/{s}/zamitnout/", 403),
        ("get", f"{S}mezery/", 200),
        ("post", f"{S}mezery/propojit/", 403),
        ("post", f"{S}mezery/nove-opatreni/", 403),
        ("post", f"{S}mezery/1/odpojit/", 403),
    ]


def _member_rows(sheet):  # noqa: F811
    return [
        ("get", "/slany/listy-aktivit/", 200),
        ("get", "/slany/listy-aktivit/novy/", 200),
        ("get", f"/slany/listy-aktivit/{sheet.pk}/", 200),
    ]


def test_every_staff_view_for_the_three_personas(outsider, member, tree, sheet, coordinator):  # noqa: F811
    rows = _rows(tree, sheet)
    assert_every_view_swept(rows, "komplan.strategy.admin_urls")
    sweep(rows, outsider, member)
    garbage_is_never_a_500(rows + _member_rows(sheet), coordinator)


def test_members_pages_for_the_three_personas(outsider, member, coordinator, sheet):  # noqa: F811
    sweep(_member_rows(sheet), outsider, member)
    # editing one's sheet: only a returned sheet can be edited (409 otherwise is not a persona question)
    from django.test import Client

    c = Client()
    c.force_login(coordinator)
    assert c.get(f"/slany/listy-aktivit/{sheet.pk}/").status_code == 404  # not the coordinator's own sheet
    sweep([("get", f"/slany/listy-aktivit/{sheet.pk}/upravit/", 404)], outsider, coordinator)
