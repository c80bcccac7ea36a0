"""Settings for Wiec, read from the environment with safe defaults.

Every setting that differs between a laptop and a city's servers comes from an
environment variable (see README, "Configuration").  Without any, Wiec runs on a
local SQLite file with the console e-mail backend, which is what ``make run`` needs.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("WIEC_DEBUG", False)

# Development keys are usable only with WIEC_DEBUG on; production must set its own.
_DEV_SECRET = "wiec-development-only-secret-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("WIEC_SECRET_KEY") or (_DEV_SECRET if DEBUG else "")
IDENTITY_HMAC_KEY = os.environ.get("WIEC_IDENTITY_HMAC_KEY") or (
    "wiec-development-only-identity-key" if DEBUG else ""
)
# The ballots' keys (one ballot per person and edition) have a key of their own, so the
# database, which holds neither, cannot tie a ballot to the person's record.
BALLOT_HMAC_KEY = os.environ.get("WIEC_BALLOT_HMAC_KEY") or (
    "wiec-development-only-ballot-key" if DEBUG else ""
)
if not DEBUG and (not SECRET_KEY or not IDENTITY_HMAC_KEY or not BALLOT_HMAC_KEY):
    if not env_bool("WIEC_TESTING"):
        raise ImproperlyConfigured(
            "Set WIEC_SECRET_KEY, WIEC_IDENTITY_HMAC_KEY and WIEC_BALLOT_HMAC_KEY "
            "(or WIEC_DEBUG=1 for development)."
        )
    SECRET_KEY = SECRET_KEY or "wiec-test-secret-key"
    IDENTITY_HMAC_KEY = IDENTITY_HMAC_KEY or "wiec-test-identity-key"
    BALLOT_HMAC_KEY = BALLOT_HMAC_KEY or "wiec-test-ballot-key"
if not DEBUG and BALLOT_HMAC_KEY == IDENTITY_HMAC_KEY:
    raise ImproperlyConfigured("WIEC_BALLOT_HMAC_KEY must differ from WIEC_IDENTITY_HMAC_KEY.")

# Each municipality is served at its own domain or at ``<slug>.<WIEC_NETWORK_DOMAIN>``:
# ``.localhost`` lets http://wieliczka.localhost:8000 reach a development server.
WIEC_NETWORK_DOMAIN = os.environ.get("WIEC_NETWORK_DOMAIN", "localhost")
ALLOWED_HOSTS = env_list("WIEC_ALLOWED_HOSTS", "127.0.0.1,localhost,.localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("WIEC_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "wiec.core",
    "wiec.places",
    "wiec.accounts",
    "wiec.commons",
    "wiec.accessibility",
    "wiec.budgets",
    "wiec.panels",
    "wiec.consultations",
    "wiec.citybudget",
    "wiec.initiatives",
    "wiec.commitments",
    "wiec.network",
    # SimpleAdminConfig: django-leaflet's own admin module needs GeoDjango (GDAL),
    # which Wiec does not use, so wiec.urls discovers admin modules itself.
    "django.contrib.admin.apps.SimpleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "localflavor",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "leaflet",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "wiec.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "wiec.places.middleware.MunicipalityMiddleware",
    "wiec.places.middleware.RowSecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "wiec.core.middleware.PreferredLanguageMiddleware",
    "wiec.core.api.http.ApiMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wiec.core.access.AccessMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wiec.accounts.second_factor.StaffSecondFactorMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "wiec.urls"
WSGI_APPLICATION = "wiec.wsgi.application"
ASGI_APPLICATION = "wiec.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "wiec" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wiec.core.context_processors.platform",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("WIEC_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web process and the task worker share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# Row-level security (wiec.places.tenancy): on PostgreSQL a municipality's request sees
# only its rows, whatever the query; these paths are network-wide and see all.
WIEC_ROW_LEVEL_SECURITY = env_bool(
    "WIEC_ROW_LEVEL_SECURITY", DATABASES["default"]["ENGINE"].endswith("postgresql")
)
WIEC_NETWORK_WIDE_PATHS = ("/siec/", "/admin/")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "wiec.accounts.backends.AccountBackend",
    "rules.permissions.ObjectPermissionBackend",
    "wiec.accounts.backends.AdministratorBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"

# django-allauth: e-mail is the login; verification is optional so that a resident
# without working mail still can take part (the city may set it to "mandatory").
# Addresses are normalised (wiec.core.normalise.email) before uniqueness checks.
ACCOUNT_ADAPTER = "wiec.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "signup": "wiec.accounts.adapter.SignupForm",
    "login": "wiec.accounts.adapter.LoginForm",
}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("WIEC_EMAIL_VERIFICATION", "optional")
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SIGNUP_REDIRECT_URL = "accounts:profile"
# A second factor (allauth.mfa): an authenticator app (TOTP) with recovery codes, or a
# security key / passkey (WebAuthn). A city may require it for every staff role
# (places.City.require_staff_mfa, wiec.accounts.second_factor); staff sessions are
# shorter than residents' and a sign-in from a new device is e-mailed.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = os.environ.get("WIEC_SITE_NAME", "Wiec")
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
SESSION_COOKIE_AGE = int(os.environ.get("WIEC_SESSION_SECONDS", str(14 * 24 * 3600)))
WIEC_STAFF_SESSION_SECONDS = int(os.environ.get("WIEC_STAFF_SESSION_SECONDS", str(8 * 3600)))

# Limits behind the city's proxies: the client's address is the rightmost one in
# X-Forwarded-For that no trusted proxy wrote (wiec.core.clientip), for allauth's
# limits (through AccountAdapter.get_client_ip) and Wiec's own (wiec.core.limits).
WIEC_TRUSTED_PROXIES = int(os.environ.get("WIEC_TRUSTED_PROXIES", "0"))
WIEC_CLIENT_IP_HEADER = os.environ.get("WIEC_CLIENT_IP_HEADER", "X-Forwarded-For")
# A failed login slows that account down only from the address it was tried from
# (AccountAdapter keys the count by both), so nobody can lock a person out by knowing
# their e-mail; a whole address is slowed down only after many more.
ACCOUNT_RATE_LIMITS = {
    "login": "60/m/ip",
    "login_failed": "30/m/ip,5/300s/key",
    "signup": "30/m/ip",
}
ACCOUNT_DEFAULT_HTTP_PROTOCOL = os.environ.get(
    "WIEC_HTTP_PROTOCOL", "https" if not DEBUG else "http"
)

LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
LOCALE_PATHS = [Path(os.environ.get("WIEC_LOCALE_DIR", BASE_DIR / "wiec" / "locale"))]
TIME_ZONE = os.environ.get("WIEC_TIME_ZONE", "Europe/Warsaw")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("WIEC_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "wiec" / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("WIEC_MEDIA_ROOT", BASE_DIR / "media"))
# nginx's internal location for uploads, when /media/ goes through wiec.core.media.
MEDIA_ACCEL_REDIRECT = os.environ.get("WIEC_MEDIA_ACCEL_REDIRECT", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or env_bool("WIEC_TESTING")
WHITENOISE_AUTOREFRESH = WHITENOISE_USE_FINDERS

EMAIL_BACKEND = os.environ.get(
    "WIEC_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("WIEC_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("WIEC_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("WIEC_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("WIEC_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("WIEC_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("WIEC_DEFAULT_FROM_EMAIL", "Wiec <noreply@localhost>")

# Background work (counting, sortition, e-mail) goes through django-tasks and its
# database backend; `manage.py db_worker` runs it.  Tests run tasks immediately.
# Tasks cron queues once a day (README, "Schedule the daily jobs"); /health/ reports
# "degraded" when one has not finished well for WIEC_HEALTH_DAILY_AGE seconds.
WIEC_DAILY_TASKS = ("wiec.network.index.refresh_all_task",)
TASKS = {
    "default": {
        "BACKEND": os.environ.get("WIEC_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# One cache for every worker and host: the database (no new server to run). Rate
# limits live here; migration core 0007 creates the table, as `migrate` runs anywhere.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "wiec_cache",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
}

SESSION_ENGINE = "wiec.core.sessions"
SESSION_COOKIE_SECURE = not DEBUG and env_bool("WIEC_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_FAILURE_VIEW = "wiec.core.views.csrf_failure"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# HTTPS only, remembered by browsers for a year (README, "Security headers"); the
# load balancer's health check may come over plain HTTP.
SECURE_SSL_REDIRECT = not DEBUG and env_bool("WIEC_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = 0 if DEBUG else int(os.environ.get("WIEC_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("WIEC_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("WIEC_HSTS_PRELOAD", True)


def _origin(url: str) -> str:
    """``https://{s}.tile.example/{z}/{x}/{y}.png`` → ``https://*.tile.example``."""
    scheme, _sep, rest = url.partition("://")
    host = rest.split("/", 1)[0].replace("{s}", "*")
    return f"{scheme}://{host}" if host else ""


# Content-Security-Policy (django-csp): scripts and styles only from this site's own
# files, no inline script or style attribute anywhere (htmx's injected indicator
# style is switched off in base.html), map tiles from the configured server.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": [
            "'self'",
            "data:",
            *filter(None, [_origin(os.environ.get("WIEC_MAP_TILES", ""))]),
            "https://tile.openstreetmap.org",
        ],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Features no page of Wiec uses are switched off (wiec.core.middleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()"
)

LEAFLET_CONFIG = {
    "DEFAULT_CENTER": (50.0614, 19.9366),
    "DEFAULT_ZOOM": 11,
    "TILES": os.environ.get("WIEC_MAP_TILES", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
    "ATTRIBUTION_PREFIX": "© OpenStreetMap",
}

# How residents prove who they are is configured per city in the database
# (places.City.identity_policy); this only names the default for a new city.
WIEC_DEFAULT_CHILD_AGE = int(os.environ.get("WIEC_DEFAULT_CHILD_AGE", "13"))
ACCESSIBILITY_REQUEST_DAYS = 7

# Error reports to a self-hosted Sentry or GlitchTip, only when a DSN is set. Nothing
# personal leaves: no request bodies (PESEL numbers, ballots), cookies or addresses.
WIEC_SENTRY_DSN = os.environ.get("WIEC_SENTRY_DSN", "")
if WIEC_SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=WIEC_SENTRY_DSN,
        environment=os.environ.get("WIEC_SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
        max_request_body_size="never",
        traces_sample_rate=float(os.environ.get("WIEC_SENTRY_TRACES", "0")),
    )
WIEC_HEALTH_TASK_AGE = int(os.environ.get("WIEC_HEALTH_TASK_AGE", "900"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("WIEC_LOG_LEVEL", "WARNING")},
}

# The API's rate limits (wiec.core.api.http): requests per window, per client address
# without a key, per key with a registered data user's API key (wiec.core.apikeys).
WIEC_API_RATE_LIMIT = int(os.environ.get("WIEC_API_RATE_LIMIT", "120"))
WIEC_API_KEY_RATE_LIMIT = int(os.environ.get("WIEC_API_KEY_RATE_LIMIT", "1200"))
WIEC_API_RATE_WINDOW = int(os.environ.get("WIEC_API_RATE_WINDOW", "60"))

WIEC_SITE_NAME = os.environ.get("WIEC_SITE_NAME", "Wiec")
WIEC_SITE_URL = os.environ.get("WIEC_SITE_URL", "http://127.0.0.1:8000")
WIEC_CITY_SLUG = os.environ.get("WIEC_CITY_SLUG") or None
