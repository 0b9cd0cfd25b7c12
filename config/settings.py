"""The one settings module of komplan, configured only from environment variables.

See docs/configuration.md for every variable. Invalid values stop the start-up with
a message naming the variable (komplan.lib.env.ConfigError).
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from komplan.lib.env import ConfigError, Env, parse_database_url, parse_email_url

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = BASE_DIR / "komplan"
env = Env()

DEBUG = env.bool("DEBUG", False)
SECRET_KEY = env.str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ConfigError("SECRET_KEY", "is required when DEBUG is off (set SECRET_KEY or SECRET_KEY_FILE)")
    SECRET_KEY = "insecure-development-key-only-for-debug"
elif len(SECRET_KEY) < 32:
    raise ConfigError("SECRET_KEY", "must be at least 32 characters long")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = (env.str("SITE_URL", "http://127.0.0.1:8000") or "").rstrip("/")
if not SITE_URL.startswith(("http://", "https://")):
    raise ConfigError("SITE_URL", f"expected an http:// or https:// address, got {SITE_URL!r}")

VAR_DIR = env.path("VAR_DIR", BASE_DIR / "var")
_database_url = env.str("DATABASE_URL")
if not _database_url:
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded SQLite default lives in var/
DATABASES = {"default": parse_database_url("DATABASE_URL", _database_url or f"sqlite:///{VAR_DIR / 'komplan.sqlite3'}")}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_htmx",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "komplan.lib",
    "komplan.territory",
    "komplan.accounts",
    "komplan.documents",
    "komplan.directory",
    "komplan.demography",
    "komplan.surveys",
    "komplan.planning",
    "komplan.strategy",
    "komplan.plan",
    "komplan.consultation",
    "komplan.meetings",
    "komplan.vision",
    "komplan.needs",
    "komplan.monitoring",
    "komplan.portal",
    "komplan.api",
    "komplan.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "komplan.accounts.middleware.ProcessMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "komplan.portal.context_processors.shell",
            ],
        },
    }
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "portal:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", 14, minimum=1)

# Czech first: unprefixed URLs are Czech, /en/… is English.
LANGUAGE_CODE = "cs"
LANGUAGES = [("cs", _("Czech")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Prague"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "komplan_language"

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", VAR_DIR / "static")
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.choice(
            "STATICFILES_STORAGE",
            "whitenoise.storage.CompressedManifestStaticFilesStorage",
            (
                "whitenoise.storage.CompressedManifestStaticFilesStorage",
                "django.contrib.staticfiles.storage.StaticFilesStorage",
            ),
        )
    },
}

DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", "komplan <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
vars().update(parse_email_url("EMAIL_URL", env.str("EMAIL_URL", "console://") or "console://"))

SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_PROXY", False) else None
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

KOMPLAN_SITE_NAME = env.str("SITE_NAME", "komplan")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env.choice("LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR")),
    },
}

# Background work (the PDF and DOCX of the plan): queued in the database, run by `manage.py db_worker`, which
# `komplan serve` starts beside gunicorn. Tests use the immediate backend (config/settings_test.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

FORM_RENDERER = "komplan.lib.forms.KomplanFormRenderer"

# Public comments on the plan (komplan.consultation): stored comments per sender address and comment period,
# as (count, seconds) pairs — 5 in 10 minutes and 30 a day; an empty value switches the limit off.
CONSULTATION_RATE_LIMITS = ((5, 10 * 60), (30, 24 * 60 * 60))
