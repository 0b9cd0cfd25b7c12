import pytest


@pytest.fixture
def norm_set(process):
    from komplan.needs.services import ensure_default_set

    return ensure_default_set(process)


def codelist(codelist, code):
    from komplan.directory.models import CodelistItem

    return CodelistItem.objects.get(codelist=codelist, code=code)
