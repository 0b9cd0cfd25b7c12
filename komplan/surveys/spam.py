"""Spam protection of the public survey forms without a captcha (a captcha shuts out blind respondents).

* **Honeypot**: a text field people never see (moved off screen, ``aria-hidden``, out of the tab order,
  no autofill). Robots fill every field; a filled honeypot gets the thank-you page and nothing is stored,
  so the robot learns nothing.
* **Rate limit** per client address and survey, counted in Django's cache: by default 20 stored
  submissions an hour (``SURVEY_RATE_LIMIT = (count, seconds)`` in the settings; ``None`` switches it
  off), and 5 e-mails with a resume link an hour (``SURVEY_MAIL_LIMIT``). Only stored submissions
  count, so a respondent correcting mistakes is not punished. Over the limit: HTTP 429 with a reason.

The address is ``REMOTE_ADDR``. Behind a reverse proxy that is the proxy's address, unless the proxy
(or the WSGI server) sets it to the client's; alternatively ``SURVEY_CLIENT_ADDRESS_HEADER`` names a
request header the proxy *overwrites* with the client's address (e.g. ``HTTP_X_REAL_IP``) — never set it
without such a proxy, since clients could then choose their own address. IPv6 addresses count per /64
network (one household gets a whole /64). The cache stores only a keyed hash of the address. With the
default per-process memory cache every server worker counts on its own; configure a shared cache
(e.g. the database cache) to count across workers.
"""

from __future__ import annotations

import ipaddress
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

HONEYPOT = "kp-homepage"
DEFAULT_RATE_LIMIT = (20, 3600)  # stored submissions per survey and client address, per period in seconds
DEFAULT_MAIL_LIMIT = (5, 3600)  # e-mails with a resume link
SUBMIT = "submit"
MAIL = "mail"


class RateLimited(Exception):
    """Too many submissions from one address; ``retry_after`` seconds until the window ends."""

    def __init__(self, retry_after: int, limit: int):
        self.retry_after = retry_after
        self.limit = limit
        super().__init__(f"rate limited for {retry_after} s")

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.retry_after / 60))


def honeypot_filled(data) -> bool:
    return bool((data.get(HONEYPOT) or "").strip())


def client_address(request) -> str:
    header = getattr(settings, "SURVEY_CLIENT_ADDRESS_HEADER", None)
    raw = (request.META.get(header) if header else None) or request.META.get("REMOTE_ADDR") or ""
    raw = raw.split(",")[0].strip()
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw or "unknown"
    if address.version == 6:
        if address.ipv4_mapped is not None:  # ::ffff:1.2.3.4 from a dual-stack socket is that IPv4 client
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


@dataclass(frozen=True)
class Limit:
    count: int
    period: int


def limit_for(scope: str) -> Limit | None:
    name, default = (
        ("SURVEY_MAIL_LIMIT", DEFAULT_MAIL_LIMIT) if scope == MAIL else ("SURVEY_RATE_LIMIT", DEFAULT_RATE_LIMIT)
    )
    value = getattr(settings, name, default)
    if not value:
        return None
    count, period = value
    return Limit(int(count), int(period))


def _key(request, survey_id: int, scope: str, limit: Limit, now: float) -> tuple[str, int]:
    window = int(now // limit.period)
    address = salted_hmac("komplan.surveys.spam", client_address(request)).hexdigest()[:32]
    remaining = limit.period - int(now % limit.period)
    return f"komplan:surveys:{scope}:{survey_id}:{address}:{window}", remaining


def check(request, survey_id: int, scope: str = SUBMIT) -> None:
    """Raise RateLimited when the address has used up its submissions to this survey in this period."""
    limit = limit_for(scope)
    if limit is None:
        return
    key, remaining = _key(request, survey_id, scope, limit, time.time())
    if (cache.get(key) or 0) >= limit.count:
        raise RateLimited(remaining, limit.count)


def record(request, survey_id: int, scope: str = SUBMIT) -> None:
    """Count one stored submission (or one sent e-mail) of the address."""
    limit = limit_for(scope)
    if limit is None:
        return
    key, remaining = _key(request, survey_id, scope, limit, time.time())
    if not cache.add(key, 1, timeout=remaining + 1):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr: this is the first of a new window
            cache.set(key, 1, timeout=remaining + 1)
