import subprocess
import sys
from pathlib import Path

import pytest

from komplan.lib.env import ConfigError, Env, parse_database_url, parse_email_url

REPO = Path(__file__).resolve().parents[2]


def test_it_parses_strict_booleans():
    env = Env({"A": "true", "B": "0", "C": "On"})
    assert env.bool("A", False) is True
    assert env.bool("B", True) is False
    assert env.bool("C", False) is True
    assert env.bool("MISSING", True) is True


@pytest.mark.parametrize("value", ["yes", "2", "enabled"])
def test_it_refuses_vague_booleans(value):
    with pytest.raises(ConfigError, match="DEBUG"):
        Env({"DEBUG": value}).bool("DEBUG", False)


def test_it_reads_lists_and_rejects_empty_items():
    assert Env({"H": "a.cz, b.cz"}).list("H", []) == ["a.cz", "b.cz"]
    with pytest.raises(ConfigError, match="ALLOWED_HOSTS"):
        Env({"ALLOWED_HOSTS": "a.cz,,b.cz"}).list("ALLOWED_HOSTS", [])


def test_it_needs_absolute_paths():
    with pytest.raises(ConfigError, match="MEDIA_ROOT"):
        Env({"MEDIA_ROOT": "relative/media"}).path("MEDIA_ROOT", Path("/x"))


def test_it_reads_secrets_from_files(tmp_path):
    secret = tmp_path / "key"
    secret.write_text("s3cret\n")
    assert Env({"SECRET_KEY_FILE": str(secret)}).str("SECRET_KEY") == "s3cret"
    with pytest.raises(ConfigError, match="SECRET_KEY_FILE"):
        Env({"SECRET_KEY_FILE": str(tmp_path / "missing")}).str("SECRET_KEY")


def test_it_parses_database_urls():
    pg = parse_database_url("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/komplan")
    assert pg["ENGINE"] == "django.db.backends.postgresql" and pg["NAME"] == "komplan"
    assert parse_database_url("DATABASE_URL", "sqlite:////tmp/k.sqlite3")["NAME"] == "/tmp/k.sqlite3"
    with pytest.raises(ConfigError, match="DATABASE_URL: unsupported"):
        parse_database_url("DATABASE_URL", "mysql://root@localhost/k")
    with pytest.raises(ConfigError, match="names no database"):
        parse_database_url("DATABASE_URL", "postgres://postgres@127.0.0.1:5432")


def test_it_parses_email_urls():
    smtp = parse_email_url("EMAIL_URL", "smtp+tls://user%40x.cz:heslo@mail.x.cz:587?timeout=10")
    assert smtp["EMAIL_HOST"] == "mail.x.cz" and smtp["EMAIL_PORT"] == 587 and smtp["EMAIL_USE_TLS"]
    assert smtp["EMAIL_HOST_USER"] == "user@x.cz" and smtp["EMAIL_TIMEOUT"] == 10
    assert parse_email_url("EMAIL_URL", "smtps://mail.x.cz")["EMAIL_PORT"] == 465
    assert parse_email_url("EMAIL_URL", "console://")["EMAIL_BACKEND"].endswith("console.EmailBackend")
    with pytest.raises(ConfigError, match="EMAIL_URL"):
        parse_email_url("EMAIL_URL", "pigeon://coop")
    with pytest.raises(ConfigError, match="needs a host"):
        parse_email_url("EMAIL_URL", "smtp://")


def _komplan(env_extra):
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", **env_extra}
    return subprocess.run(
        [sys.executable, "-m", "komplan.cli", "check"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_app_refuses_to_start_and_names_the_variable():
    result = _komplan({"DEBUG": "maybe"})
    assert result.returncode == 2
    assert "DEBUG" in result.stderr and "Traceback" not in result.stderr


def test_it_refuses_to_start_without_a_secret_key_in_production():
    result = _komplan({"DEBUG": "0"})
    assert result.returncode == 2
    assert "SECRET_KEY" in result.stderr and "Traceback" not in result.stderr


def test_it_starts_with_valid_settings(tmp_path):
    result = _komplan({"DEBUG": "0", "SECRET_KEY": "x" * 50, "VAR_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
