from komplan.lib.text import fold


def test_fold_drops_case_and_diacritics():
    assert fold("Přerov") == "prerov"
    assert fold("KOJETÍN") == "kojetin"
    assert fold("Žďár nad Sázavou") == "zdar nad sazavou"
