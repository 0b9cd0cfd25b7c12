"""A sweep over every staff view of an app with the three personas, and a guard that the sweep misses none.

Each row is ``(method, path, member_status)``: anonymous must be sent to sign in (302), an outsider (a member of
another process) gets 404, a member of the process without the flag gets ``member_status`` (403 for pages that
need a flag, 200 for pages every member may see). The allowed role is tested per view in the app's own tests,
where the effect of a POST can be checked; here POSTs carry no data, so nothing is changed by the refused ones.
"""

from __future__ import annotations

import importlib

from django.test import Client
from django.urls import resolve, reverse


def url_names(urls_module: str) -> set[str]:
    module = importlib.import_module(urls_module)
    return {f"{module.app_name}:{pattern.name}" for pattern in module.urlpatterns}


def assert_every_view_swept(rows, urls_module: str) -> None:
    swept = {resolve(path.split("?")[0]).view_name for _, path, _ in rows}
    missing = url_names(urls_module) - swept
    assert not missing, f"views without a persona sweep: {sorted(missing)}"


def sweep(rows, outsider, member) -> None:
    clients = {"anonymous": Client(), "outsider": Client(), "member": Client()}
    clients["outsider"].force_login(outsider)
    clients["member"].force_login(member)
    for method, path, member_status in rows:
        for persona, expected in (("anonymous", 302), ("outsider", 404), ("member", member_status)):
            response = getattr(clients[persona], method)(path)
            assert response.status_code == expected, (persona, method, path, response.status_code)
            if persona == "anonymous":
                assert response["Location"].startswith(reverse("accounts:login")), path


GARBAGE = {
    "title": "x" * 5000,
    "name": "",
    "order": "první",
    "year": "abc",
    "version": "-1",
    "opened_version": "nan",
    "measure": "abc",
    "plan-measure": "999999999999999999999",
    "plan-year": "dva tisíce osm",
    "amount": "1e400",
    "starts_at": "včera",
    "ends_at": "\x00",
    "start": "2008-02-30",
    "end": "0000-00-00",
    "quadrant": "nic",
    "direction": "sideways",
    "membership": "abc",
    "body": "-5",
    "items": ["x", "0"],
    "costs-TOTAL_FORMS": "abc",
    "form-TOTAL_FORMS": "abc",
}


def garbage_is_never_a_500(rows, user) -> None:
    """As the allowed role, every view answered with strings for numbers, bad dates and broken formsets: a 4xx or
    the form again, never a server error. Deleting rows go last so that the others still find their objects."""
    client = Client(raise_request_exception=True)
    client.force_login(user)
    for method, path, _ in sorted(rows, key=lambda row: "smazat" in row[1] or "odebrat" in row[1]):
        if method == "post":
            response = client.post(path, GARBAGE)
        else:
            response = client.get(path, {"year": "abc", "skupina": "\x00", "page": "-1"})
        assert response.status_code < 500, (path, response.status_code)
