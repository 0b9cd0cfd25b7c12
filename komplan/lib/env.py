"""Strict parsing of configuration from environment variables.

Every parser raises :class:`ConfigError` naming the variable, so a misconfigured
instance refuses to start with a message an operator can act on, instead of
running with a silently wrong value (``DEBUG=yes`` is an error, not "false").
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit


class ConfigError(Exception):
    """An environment variable has a value komplan cannot use."""

    def __init__(self, name: str, message: str):
        self.name = name
        super().__init__(f"{name}: {message}")


_TRUE = {"1", "true", "on"}
_FALSE = {"0", "false", "off"}


class Env:
    """Reads typed values from a mapping (``os.environ`` by default)."""

    def __init__(self, environ: Mapping[str, str] | None = None):
        self.environ = os.environ if environ is None else environ

    def _raw(self, name: str) -> str | None:
        value = self.environ.get(name)
        if value is None:
            file_path = self.environ.get(f"{name}_FILE")
            if file_path:
                try:
                    value = Path(file_path).read_text(encoding="utf-8").strip()
                except OSError as exc:
                    raise ConfigError(f"{name}_FILE", f"cannot read {file_path}: {exc.strerror}") from exc
        return value

    def str(self, name: str, default: str | None = None, *, required: bool = False) -> str | None:
        value = self._raw(name)
        if value is None or value == "":
            if required:
                raise ConfigError(name, "is required but not set")
            return default
        return value

    def bool(self, name: str, default: bool) -> bool:
        value = self._raw(name)
        if value is None or value == "":
            return default
        lowered = value.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ConfigError(name, f"expected one of 1/0, true/false, on/off, got {value!r}")

    def int(self, name: str, default: int, *, minimum: int | None = None) -> int:
        value = self._raw(name)
        if value is None or value == "":
            return default
        try:
            number = int(value)
        except ValueError as exc:
            raise ConfigError(name, f"expected a whole number, got {value!r}") from exc
        if minimum is not None and number < minimum:
            raise ConfigError(name, f"must be at least {minimum}, got {number}")
        return number

    def list(self, name: str, default: list[str]) -> list[str]:
        value = self._raw(name)
        if value is None:
            return list(default)
        items = [item.strip() for item in value.split(",")]
        if any(not item for item in items):
            raise ConfigError(name, f"expected a comma-separated list without empty items, got {value!r}")
        return items

    def path(self, name: str, default: Path) -> Path:
        value = self._raw(name)
        if value is None or value == "":
            return default
        path = Path(value)
        if not path.is_absolute():
            raise ConfigError(name, f"expected an absolute path, got {value!r}")
        return path

    def choice(self, name: str, default: str, choices: tuple[str, ...]) -> str:
        value = self._raw(name)
        if value is None or value == "":
            return default
        if value not in choices:
            raise ConfigError(name, f"expected one of {', '.join(choices)}, got {value!r}")
        return value


def parse_database_url(name: str, url: str) -> dict:
    """Turn ``sqlite:///path`` or ``postgres://user@host:port/db`` into Django's DATABASES entry."""
    import dj_database_url  # imported here so lib stays importable without the dependency in tools

    scheme = urlsplit(url).scheme
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ConfigError(name, f"unsupported database scheme {scheme!r}; use sqlite:/// or postgres://")
    try:
        config = dj_database_url.parse(url, conn_max_age=60 if scheme != "sqlite" else 0)
    except ValueError as exc:
        raise ConfigError(name, str(exc)) from exc
    if scheme != "sqlite" and not config.get("NAME"):
        raise ConfigError(name, "the URL names no database (…/DBNAME)")
    return config


_EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtp+tls": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
}


def parse_email_url(name: str, url: str) -> dict[str, object]:
    """Parse ``EMAIL_URL`` into Django e-mail settings.

    ``console://`` · ``locmem://`` · ``dummy://`` · ``file:///var/mail/komplan`` ·
    ``smtp://user:password@host:25`` · ``smtp+tls://…:587`` (STARTTLS) · ``smtps://…:465`` (SSL).
    Query ``?timeout=10`` sets the SMTP timeout in seconds.
    """
    parts = urlsplit(url)
    backend = _EMAIL_BACKENDS.get(parts.scheme)
    if backend is None:
        raise ConfigError(name, f"unsupported scheme {parts.scheme!r}; use one of {', '.join(_EMAIL_BACKENDS)}")
    settings: dict[str, object] = {"EMAIL_BACKEND": backend}
    if parts.scheme == "file":
        if not parts.path:
            raise ConfigError(name, "file:// needs a directory, e.g. file:///var/mail/komplan")
        settings["EMAIL_FILE_PATH"] = unquote(parts.path)
    if parts.scheme.startswith("smtp"):
        if not parts.hostname:
            raise ConfigError(name, "an SMTP URL needs a host, e.g. smtp://mail.example.org:25")
        try:
            port = parts.port
        except ValueError as exc:
            raise ConfigError(name, "the port is not a number") from exc
        settings.update(
            EMAIL_HOST=parts.hostname,
            EMAIL_PORT=port or {"smtps": 465, "smtp+tls": 587}.get(parts.scheme, 25),
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_TLS=parts.scheme == "smtp+tls",
            EMAIL_USE_SSL=parts.scheme == "smtps",
        )
        timeout = parse_qs(parts.query).get("timeout")
        if timeout:
            try:
                settings["EMAIL_TIMEOUT"] = int(timeout[0])
            except ValueError as exc:
                raise ConfigError(name, f"timeout must be a whole number, got {timeout[0]!r}") from exc
    return settings
