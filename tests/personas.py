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
