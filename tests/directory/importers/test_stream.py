"""Files that are not register files, and large files read as a stream."""

from __future__ import annotations

import json
import tracemalloc

import pytest

from komplan.directory.importers import (
    RegistryFileError,
    RegistrySetupError,
    detect_format,
    import_rpss,
    import_ukazka,
)
from komplan.directory.importers.stream import JsonStream
from komplan.directory.models import Capacity, CodelistItem, Location, Organization, Service
from komplan.territory.models import Territory

from .conftest import RPSS, database_state, rpss_items

pytestmark = pytest.mark.django_db


def generate_rpss(path, count: int, municipalities: list[str], padding: int = 0) -> None:
    """Write ``count`` register records in the documented layout (the hand-made ones, varied), streaming."""
    template = rpss_items()
    with path.open("w", encoding="utf-8") as handle:
        handle.write('{"polozky": [')
        for number in range(count):
            item = json.loads(json.dumps(template[number % len(template)]))
            item["identifikator"], item["portalId"] = f"{8000000 + number}", 100000 + number
            provider = item["poskytovatel"] = dict(template[number // 10 % len(template)]["poskytovatel"])
            provider["ico"], provider["nazev"] = f"{10000000 + number // 10}", f"Poskytovatel {number // 10} (test)"
            for facility in item["zarizeni"]:
                facility["adresa"]["obec"] = {"id": f"Obec/{municipalities[number % len(municipalities)]}"}
                facility["nazev"] = f"Zařízení {number}"
            item["formy"][0]["kapacity"][0]["pocet"] = number % 97 + 1
            item["doplnkoveUdaje"] = {"poznamka": "x" * padding}
            handle.write(("," if number else "") + json.dumps(item, ensure_ascii=False))
        handle.write("]}")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "this is a PNG image, not a JSON file"),
        (b"identifikator;nazev;kapacita\n9100001;Domov;32\n", "not a JSON file: it starts with 'identifikator;nazev;"),
        (b"PK\x03\x04\x14\x00", "this is a ZIP archive"),
        (b"", "the file is empty"),
        (b'[{"identifikator": "9100001"}]', "the JSON is a list at the top level"),
        (b'{"polozky": [{"identifikator": "9100001"}, {"identifikator": "91', "the JSON ends prematurely"),
        (b'{"polozky": [{"identifikator": "9100001"}]} {', "invalid JSON within the first"),
        (b'{"sluzby": [{"identifikator": "9100001"}]}', "no top-level `polozky` list in the file"),
        (b'{"polozky": {"identifikator": "9100001"}}', "`polozky` is not a list"),
        (b'{"polozky": [{"nazev": "\xff"}]}', "the file is not valid UTF-8"),
    ],
)
def test_a_file_that_is_not_a_register_file_gives_one_clear_reason(tmp_path, content, reason):
    import_rpss(RPSS)
    before = database_state()
    path = tmp_path / "rpss.json"
    path.write_bytes(content)

    with pytest.raises(RegistryFileError) as exc:
        import_rpss(path)

    assert reason in str(exc.value)
    assert "\n" not in str(exc.value)
    assert database_state() == before


def test_a_truncated_register_file_changes_nothing(tmp_path):
    import_rpss(RPSS)
    before = database_state()
    content = RPSS.read_bytes()
    items = rpss_items()
    items[0]["formy"][0]["kapacity"][0]["pocet"] = 1
    path = tmp_path / "rpss.json"
    path.write_text(json.dumps({"polozky": items})[: len(content) // 2], encoding="utf-8")

    with pytest.raises(RegistryFileError, match="ends prematurely .* the file is truncated"):
        import_rpss(path)

    assert database_state() == before


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "rpss.json"
    path.write_bytes(b"\xef\xbb\xbf" + RPSS.read_bytes())

    assert detect_format(path) == "rpss"
    assert import_rpss(path).created == 4


def test_the_format_is_detected_from_the_top_level_key(tmp_path):
    from komplan.directory.importers import SAMPLE_FILE

    assert detect_format(RPSS) == "rpss"
    assert detect_format(SAMPLE_FILE) == "ukazka"
    other = tmp_path / "other.json"
    other.write_text('{"seznam": [], "pocet": 0}', encoding="utf-8")
    with pytest.raises(RegistryFileError, match="unknown format: .* top-level keys: `seznam`, `pocet`"):
        detect_format(other)


def test_a_register_file_given_as_catalogue_is_refused(tmp_path):
    with pytest.raises(RegistryFileError, match="no top-level `mista` list"):
        import_ukazka(RPSS)


def test_without_codelists_the_import_says_what_to_load_first():
    CodelistItem.objects.all().delete()

    with pytest.raises(RegistrySetupError, match="run `komplan load-codelists` first"):
        import_rpss(RPSS)


def test_a_large_file_is_read_with_flat_memory(tmp_path):
    path = tmp_path / "big.json"
    generate_rpss(path, 1000, ["532819"], padding=12_000)  # ≈ 14 MB
    size = path.stat().st_size
    tracemalloc.start()
    try:
        stream = JsonStream(path, "polozky")
        count = sum(1 for _record in stream)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert count == 1000 and size > 12_000_000
    assert peak < 2_000_000, f"peak {peak:,} bytes while reading {size:,} bytes"


def test_three_thousand_services_are_imported_quickly(tmp_path):
    codes = list(Territory.objects.filter(level="municipality").order_by("code").values_list("code", flat=True)[:300])
    path = tmp_path / "rpss-3000.json"
    generate_rpss(path, 3000, codes)
    seen = []

    report = import_rpss(path, progress=lambda records, read, total: seen.append((records, read, total)))

    assert report.ok, report.rejected[:3]
    assert (report.records, report.created, report.organizations_created) == (3000, 3000, 300)
    assert Service.objects.count() == 3000 and Organization.objects.count() == 300
    assert Capacity.objects.count() == 3000 + 2 * 750  # the field+outpatient and respite records have two forms
    assert Location.objects.count() == 3000
    assert [records for records, _read, _total in seen] == [1000, 2000, 3000, 3000]
    assert seen[-1][1] == seen[-1][2] == path.stat().st_size

    again = import_rpss(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3000)
