"""The real URLs plus /bench/bytes/, a minimal Django view returning fixed bytes (the floor to compare with)."""

from pathlib import Path

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as real_patterns

_BYTES_FILE = Path(__file__).resolve().parent / ".bench-bytes"


def same_bytes(request):
    body = _BYTES_FILE.read_bytes() if _BYTES_FILE.exists() else b"ok"
    return HttpResponse(body, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/bytes/", same_bytes), *real_patterns]
