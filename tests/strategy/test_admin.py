import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["priority", "measure", "activity", "activitysheet", "sheetcall"])
def test_admin_lists_open_for_superusers(client, superuser, tree, path):
    client.force_login(superuser)
    assert client.get(f"/admin/strategy/{path}/").status_code == 200


def test_admin_change_page(client, superuser, tree):
    client.force_login(superuser)
    assert client.get(f"/admin/strategy/activity/{tree['a211'].pk}/change/").status_code == 200
