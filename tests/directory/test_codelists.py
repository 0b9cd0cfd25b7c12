import json
import shutil

import pytest

from komplan.directory.codelists import DATA_DIR, CodelistImportError, load_codelists
from komplan.directory.models import Codelist, CodelistItem

pytestmark = pytest.mark.django_db


def test_the_codelists_are_loaded_from_the_mpsv_files():
    items = CodelistItem.objects
    assert items.of(Codelist.SERVICE_TYPE).count() == 34
    assert items.of(Codelist.SERVICE_FORM).count() == 3
    assert items.of(Codelist.CAPACITY_TYPE).count() == 5
    assert items.of(Codelist.TARGET_GROUP).count() == 28  # 27 of the 2024 snapshot + dementia (30)
    assert items.of(Codelist.AGE_GROUP).count() == 10
    assert items.of(Codelist.LEGAL_FORM).count() == 149
    assert items.of(Codelist.FUNDING_SOURCE).count() == 10


def test_service_types_keep_code_section_group_and_forms():
    home = CodelistItem.objects.get(codelist=Codelist.SERVICE_TYPE, code="13")
    assert home.name == "domovy pro seniory" and home.mpsv_id == 3847 and home.slug == "home_elderly"
    assert home.attributes == {"paragraph": "49", "group": "care", "forms": ["pob"]}
    assert home.reference == "DruhSocialniSluzby/13"
    assert home.valid_from.year == 2024 and home.valid_to is None


def test_capacity_types_carry_their_unit():
    from django.utils import translation

    beds = CodelistItem.objects.get(codelist=Codelist.CAPACITY_TYPE, code="luzka")
    assert beds.unit == "lůžek"
    with translation.override("en"):
        assert beds.unit == "beds" and beds.label == "number of beds"


def test_loading_again_changes_nothing():
    report = load_codelists()
    assert (report.created, report.updated) == (0, 0)


def test_a_broken_codelist_file_changes_nothing(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "mpsv" / "typ_kapacity_data.json"
    content = json.loads(path.read_text(encoding="utf-8"))
    content["seznam"][1]["kod"] = ""
    path.write_text(json.dumps(content), encoding="utf-8")
    (data / "mpsv" / "forma_pravni_data.json").write_text("{ truncated", encoding="utf-8")
    CodelistItem.objects.filter(code="luzka").update(name="před importem")
    with pytest.raises(CodelistImportError) as exc:
        load_codelists(data)
    assert "typ_kapacity_data.json, item 2: missing kod or nazev" in exc.value.errors
    assert any(e.startswith("forma_pravni_data.json: not an MPSV codelist") for e in exc.value.errors)
    assert CodelistItem.objects.get(code="luzka").name == "před importem"


def test_a_newer_item_is_added_with_its_evidence():
    dementia = CodelistItem.objects.get(codelist=Codelist.TARGET_GROUP, code="30")
    assert dementia.name == "osoby žijící s demencí" and "domain.md" in dementia.attributes["added_from"]


def test_capacity_units_take_the_czech_form_for_the_number():
    from django.utils import translation

    beds = CodelistItem.objects.get(codelist=Codelist.CAPACITY_TYPE, code="luzka")
    assert [beds.unit_for(n) for n in (1, 2, 4, 5, 0)] == ["lůžko", "lůžka", "lůžka", "lůžek", "lůžek"]
    with translation.override("en"):
        assert [beds.unit_for(n) for n in (1, 2)] == ["bed", "beds"]
