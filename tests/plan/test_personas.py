"""Every staff view of the plan document with the three personas; the guard fails when a view is added unswept."""

from __future__ import annotations

import pytest
from django.test import Client

from komplan.plan.models import Plan, Version
from tests.personas import assert_every_view_swept, garbage_is_never_a_500, sweep

pytestmark = pytest.mark.django_db

S = "/slany/sprava/plan/"


def test_every_staff_view_for_the_three_personas(outsider, member, plan, coordinator):
    from komplan.plan.services import freeze_version

    freeze_version(plan, coordinator)
    rows = [
        ("get", S, 200),
        ("post", f"{S}zalozit/", 403),
        ("post", f"{S}zmrazit/", 403),
        ("get", f"{S}kapitola/uvod/", 200),
        ("post", f"{S}kapitola/uvod/", 403),
        ("get", f"{S}verze/1/", 200),
        ("post", f"{S}verze/1/k-pripominkam/", 403),
        ("post", f"{S}verze/1/schvalit/", 403),
        ("post", f"{S}verze/1/zverejnit/", 403),
        ("post", f"{S}logo/", 403),
        ("post", f"{S}logo/odebrat/", 403),
        ("post", f"{S}verze/1/generovat/", 403),
        ("get", f"{S}verze/1/soubory/", 200),
    ]
    assert_every_view_swept(rows, "komplan.plan.admin_urls")
    sweep(rows, outsider, member)
    assert Version.objects.get().state == "working" and Plan.objects.count() == 1
    garbage_is_never_a_500(rows, coordinator)


def test_the_allowed_role_gets_every_page(as_user, coordinator, plan):
    client = as_user(coordinator)
    assert client.get(S).status_code == 200
    assert client.get(f"{S}kapitola/uvod/").status_code == 200
    assert client.post(f"{S}zmrazit/", {"label": ""}).status_code == 302
    assert client.post(f"{S}zalozit/").status_code == 302
    assert client.get(f"{S}verze/1/").status_code == 200
    assert client.post(f"{S}verze/1/k-pripominkam/", {"note": ""}).status_code == 302
    assert client.get(f"{S}verze/9/").status_code == 404


def test_public_pages_for_everyone(outsider, member, coordinator, plan):
    from komplan.plan.services import freeze_version

    freeze_version(plan, coordinator)
    for user in (None, outsider, member, coordinator):
        client = Client()
        if user:
            client.force_login(user)
        assert client.get("/slany/plan/").status_code == 200
        assert client.get("/slany/plan/verze/1/").status_code == 200
        assert client.get("/slany/plan/verze/9/").status_code == 404
        for path in ("/slany/plan/schvaleny/", "/slany/plan/verze/", "/slany/plan/verze/1/rozdil/1/"):
            assert client.get(path).status_code == 200, path
        assert client.get("/slany/plan/verze/1/rozdil/9/").status_code == 404
