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
    ],
)
def test_superusers_open_the_admin(client, django_user_model, process, path):
    client.force_login(django_user_model.objects.create_superuser(email="root@example.org", password="x" * 12))
    assert client.get(path).status_code == 200


def test_the_admin_opens_a_process_with_its_phases(client, django_user_model, process):
    client.force_login(django_user_model.objects.create_superuser(email="root@example.org", password="x" * 12))
    assert client.get(f"/admin/territory/planningprocess/{process.pk}/change/").status_code == 200


def test_members_do_not_get_into_the_admin(as_user, coordinator):
    response = as_user(coordinator).get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response.url
