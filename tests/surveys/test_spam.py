"""Spam protection: the honeypot, the client address and the rate limit counted in the cache."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.http import QueryDict

from komplan.surveys import spam


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_honeypot():
    assert not spam.honeypot_filled(QueryDict("kp-homepage="))
    assert not spam.honeypot_filled(QueryDict("other=x"))
    assert spam.honeypot_filled(QueryDict("kp-homepage=http%3A%2F%2Fspam.example"))


@pytest.mark.parametrize(
    ("meta", "address"),
    [
        ({"REMOTE_ADDR": "192.0.2.10"}, "192.0.2.10"),
        ({"REMOTE_ADDR": "2001:db8:1:2:aaaa:bbbb:cccc:dddd"}, "2001:db8:1:2::/64"),  # one household, one /64
        ({"REMOTE_ADDR": "::ffff:192.0.2.10"}, "192.0.2.10"),
        ({"REMOTE_ADDR": ""}, "unknown"),
        ({"REMOTE_ADDR": "192.0.2.10", "HTTP_X_REAL_IP": "198.51.100.1"}, "192.0.2.10"),  # headers not trusted
    ],
)
def test_client_address(rf, meta, address):
    assert spam.client_address(rf.post("/", **meta)) == address


def test_a_configured_proxy_header_names_the_client(rf, settings):
    settings.SURVEY_CLIENT_ADDRESS_HEADER = "HTTP_X_REAL_IP"

    request = rf.post("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="198.51.100.1")
    assert spam.client_address(request) == "198.51.100.1"
    assert spam.client_address(rf.post("/", REMOTE_ADDR="127.0.0.1")) == "127.0.0.1"  # header missing


def test_the_limit_counts_per_survey_and_address(rf, settings):
    settings.SURVEY_RATE_LIMIT = (2, 3600)
    me, neighbour = rf.post("/", REMOTE_ADDR="192.0.2.10"), rf.post("/", REMOTE_ADDR="192.0.2.11")
    for _ in range(2):
        spam.check(me, 1)
        spam.record(me, 1)

    with pytest.raises(spam.RateLimited) as caught:
        spam.check(me, 1)
    assert 0 < caught.value.retry_after <= 3600 and caught.value.limit == 2
    assert 1 <= caught.value.minutes <= 60
    spam.check(me, 2)  # another survey
    spam.check(neighbour, 1)  # another address
    spam.check(me, 1, spam.MAIL)  # e-mails count apart


def test_the_window_ends(rf, settings, monkeypatch):
    settings.SURVEY_RATE_LIMIT = (1, 60)
    request = rf.post("/", REMOTE_ADDR="192.0.2.10")
    now = 60 * 16_666_667 + 20.0  # 20 s into a minute
    monkeypatch.setattr(spam.time, "time", lambda: now)
    spam.record(request, 1)
    with pytest.raises(spam.RateLimited) as caught:
        spam.check(request, 1)
    assert caught.value.retry_after == 40

    monkeypatch.setattr(spam.time, "time", lambda: now + 45)
    spam.check(request, 1)


def test_no_limit_when_switched_off(rf, settings):
    settings.SURVEY_RATE_LIMIT = None
    request = rf.post("/", REMOTE_ADDR="192.0.2.10")
    for _ in range(50):
        spam.record(request, 1)
    spam.check(request, 1)


def test_defaults():
    assert spam.limit_for(spam.SUBMIT) == spam.Limit(20, 3600)
    assert spam.limit_for(spam.MAIL) == spam.Limit(5, 3600)


def test_the_cache_keeps_no_address(rf):
    spam.record(rf.post("/", REMOTE_ADDR="192.0.2.10"), 1)

    keys = list(cache._cache.keys())  # the local-memory cache of the tests
    assert keys and not any("192.0.2.10" in key for key in keys)
