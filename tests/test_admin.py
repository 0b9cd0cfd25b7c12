"""The Django admin works for superusers and is closed to everyone else."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/territory/territory/?level=orp",
        "/admin/territory/planningprocess/",
        "/admin/accounts/user/",
        "/admin/accounts/membership/",
        "/admin/accounts/invitation/",
        "/admin/portal/page/",
        "/admin/directory/service/",
        "/admin/directory/organization/",
        "/admin/directory/codelistitem/?codelist=DruhSocialniSluzby",
        "/admin/directory/changerequest/",
    ],
)
def test_superusers_open_the_admin(client, superuser, process, path):
    client.force_login(superuser)
    assert client.get(path).status_code == 200


def test_the_admin_opens_a_process_with_its_phases(client, superuser, process):
    client.force_login(superuser)
    assert client.get(f"/admin/territory/planningprocess/{process.pk}/change/").status_code == 200


def test_members_do_not_get_into_the_admin(as_user, coordinator):
    response = as_user(coordinator).get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_the_admin_edits_a_service_with_its_forms_and_funding(client, superuser):
    from tests.directory.factories import make_service

    service = make_service("Pečovatelská služba (test)", "4", located_in="532819", forms={"ter": [("klient", 60)]})
    client.force_login(superuser)
    assert client.get(f"/admin/directory/service/{service.pk}/change/").status_code == 200
