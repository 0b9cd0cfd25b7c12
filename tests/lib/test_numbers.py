"""Figures are rounded half up before formatting (Django's number_format truncates)."""

from django.utils import translation

from komplan.lib.numbers import format_number


def test_rounds_half_up_in_both_languages():
    with translation.override("cs"):
        assert format_number(16.46, 1) == "16,5"
        assert format_number(45.45, 1) == "45,5"
        assert format_number(16740) == "16\xa0740"
        assert format_number(2.5) == "3"
        assert format_number(-0.96, 1) == "-1,0"
    with translation.override("en"):
        assert format_number(16740.4) == "16,740"
