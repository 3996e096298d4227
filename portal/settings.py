"""Settings for the portal, read from the environment (see README.md, "Configuration").

One module for every environment. Local use needs nothing set: state goes to `var/`, a secret key
is generated there once. A deployment (HTTPS=1) must bring its own SECRET_KEY or start-up fails.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
import django
import simple_history
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from portal.datafolder import create_private, local_secret_key, make_private, sqlite_files
from portal.security import style_hashes

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r}: expected 1/0, true/false, yes/no or on/off.")


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r}: expected a whole number.") from None


# All writable state (database, search index, uploads, collected static files) lives here, so an
# empty folder is a fresh, isolated portal.
DATA_DIR = Path(os.environ.get("PORTAL_DATA_DIR") or BASE_DIR / "var").resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_flag("DEBUG")
HTTPS = env_flag("HTTPS")

SECRET_KEY_FILE = DATA_DIR / "secret_key.txt"  # written (private) only when SECRET_KEY is not set
# Files of the data folder that hold secrets (password hashes and sessions in SQLite, the key).
PRIVATE_FILES = [SECRET_KEY_FILE]


def _secret_key() -> str:
    from_env = os.environ.get("SECRET_KEY", "").strip()
    if from_env:
        return from_env
    if HTTPS:
        # A deployment must not silently run on a key that lives only on one disk.
        raise ImproperlyConfigured("HTTPS=1 is a deployment: set SECRET_KEY in the environment.")
    return local_secret_key(SECRET_KEY_FILE)


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# Proxies in front that append to X-Forwarded-For: login throttling counts failures by the client's
# address, not the proxy's. A deployment behind TLS (HTTPS=1) sits behind one unless told otherwise.
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 1 if HTTPS else 0)

if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "simple_history",
    "haystack",
    "axes",
    "portal",
    "articles",
    "search",
]

MIDDLEWARE = [
    # First, so that every response carries the policy: redirects, error pages and locked-out logins too.
    "csp.middleware.CSPMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.scope",
            ],
        },
    },
]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    SQLITE_FILE = DATA_DIR / "portal.sqlite3"
    # Created empty and private here, before SQLite would create it readable by everyone; SQLite
    # gives its -wal and -shm files the database file's permissions.
    create_private(SQLITE_FILE)
    PRIVATE_FILES += sqlite_files(SQLITE_FILE)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_FILE,
            "OPTIONS": {
                # WAL lets pages read while an import writes; IMMEDIATE avoids "database is locked"
                # when two writers upgrade read transactions at once.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Checked at every start: they are readable by this account only (portal/datafolder.py).
make_private(PRIVATE_FILES)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses logins while an account and address are locked out
    "django.contrib.auth.backends.ModelBackend",
]
# Editors sign in through the admin and land there.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

# Login throttling (django-axes): after 5 failed passwords for one account from one address, that
# account is locked for that address for 15 minutes (the right password included); every failure is
# recorded (admin: Axes). Another address, or the account's owner elsewhere, is not locked out.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_CLIENT_IP_CALLABLE = "portal.security.client_address"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# Content-Security-Policy (django-csp; Django 5.2 has none of its own) on every response: scripts,
# styles, images and fonts from this site only, no inline script, no plugins, no framing, forms post
# here. The only inline styles allowed, by hash: the self-contained server-error page's, the one
# Django's admin list puts in when it shows no actions, and the history page's (django-simple-history).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [
            SELF,
            *style_hashes(
                BASE_DIR / "templates" / "500.html",
                Path(django.__file__).parent / "contrib/admin/templates/admin/change_list.html",
                Path(simple_history.__file__).parent / "templates/simple_history/object_history_list.html",
            ),
        ],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
# Editors' uploaded photos: the portal serves them itself unless a web server in front does (set 0 then).
SERVE_MEDIA = env_flag("PORTAL_SERVE_MEDIA", default=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Search: Whoosh in the data folder by default; any haystack engine through the environment.
HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": os.environ.get("HAYSTACK_ENGINE", "search.backend.PortalWhooshEngine"),
        "PATH": os.environ.get("HAYSTACK_PATH") or str(DATA_DIR / "whoosh_index"),
        "URL": os.environ.get("HAYSTACK_URL", ""),
        "INDEX_NAME": os.environ.get("HAYSTACK_INDEX_NAME", "portal"),
    }
}
# Index changes go through search.indexing's queue, drained by one writer, never from save().
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"
HAYSTACK_LIMIT_TO_REGISTERED_MODELS = False
HAYSTACK_SEARCH_RESULTS_PER_PAGE = 20

# Index commits never merge; past this many segments another process merges them (0: Whoosh merges
# small segments while committing).
PORTAL_SEARCH_MERGE_SEGMENTS = env_int("PORTAL_SEARCH_MERGE_SEGMENTS", 6)

# The archive's scope (articles/scope.py): its focus, one country's code (its exchanges with every partner)
# or a pair of them joined by a hyphen, checked against the countries file at start (empty: the file's first
# country); and its name, which pages, feeds, citations, downloads and the admin show (empty: made from the
# focus).
PORTAL_ARCHIVE_FOCUS = os.environ.get("PORTAL_ARCHIVE_FOCUS", "")
PORTAL_ARCHIVE_NAME = os.environ.get("PORTAL_ARCHIVE_NAME", "")

# Importer limits.
PORTAL_IMPORT_MAX_BYTES = env_int("PORTAL_IMPORT_MAX_BYTES", 2 * 1024 * 1024)
# Extraction processes (0: one per core) and the seconds one file may take before it is skipped.
PORTAL_IMPORT_JOBS = env_int("PORTAL_IMPORT_JOBS", 0)
PORTAL_IMPORT_TIME_LIMIT = env_int("PORTAL_IMPORT_TIME_LIMIT", 20)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
