"""Corredor's one settings module, configured by environment variables.

Each variable, its type and its default are documented in docs/configuration.md and
.env.example. CORREDOR_PROFILE=production turns on the settings a public deployment needs
(HTTPS only, secure cookies, HSTS, SMTP) and refuses to start without a SECRET_KEY.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from corredor.env import Env, local_fernet_keys, local_secret_key

env = Env()

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = env.path("CORREDOR_DATA_DIR", BASE_DIR / "var")
DATA_DIR.mkdir(parents=True, exist_ok=True)

PROFILE = env.choice("CORREDOR_PROFILE", ("local", "production"), "local")
PRODUCTION = PROFILE == "production"
DEBUG = env.bool("DEBUG", False)

SECRET_KEY = env.str("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY is required when CORREDOR_PROFILE=production.")
    SECRET_KEY = local_secret_key(DATA_DIR)

# Fernet keys that encrypt testimonies at rest, newest first: new data is encrypted with the
# first, every listed key can still decrypt (see `corredor rotate-keys` and docs/deploy.md).
TESTIMONY_KEYS = env.list("TESTIMONY_KEYS", [])
if not TESTIMONY_KEYS:
    if PRODUCTION:
        raise ImproperlyConfigured("TESTIMONY_KEYS is required when CORREDOR_PROFILE=production.")
    TESTIMONY_KEYS = local_fernet_keys(DATA_DIR)

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env.str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The AGPL asks a public deployment to offer its source: set this to where yours lives.
SOURCE_CODE_URL = env.str("SOURCE_CODE_URL")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "ninja",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "corredor.lib",
    "corredor.accounts",
    "corredor.treaties",
    "corredor.petitions",
    "corredor.testimonies",
    "corredor.signons",
    "corredor.campaigns",
    "corredor.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "corredor.urls"
WSGI_APPLICATION = "corredor.wsgi.application"

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
                "corredor.lib.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env.str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'corredor.sqlite3'}"),
        conn_max_age=env.int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the local server and a command share the file.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 3

# Login throttling: this many failures for one account within the window lock it for the window.
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_WINDOW_MINUTES = env.int("LOGIN_FAILURE_WINDOW_MINUTES", 30)
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", 7)
OTP_TOTP_ISSUER = "Corredor"

# Sign-on letters. Each network (an HMAC of its address) may sign this many times per window:
# generous, because workers share phones and networks.
SIGNON_RATE_LIMIT = env.int("SIGNON_RATE_LIMIT", 100)
SIGNON_RATE_WINDOW_MINUTES = env.int("SIGNON_RATE_WINDOW_MINUTES", 10)
# How many times a confirmation email is tried: 30 s, 1 min, 2 min… then hourly (about 11 h).
SIGNON_EMAIL_ATTEMPTS = env.int("SIGNON_EMAIL_ATTEMPTS", 18)
# Testimonies: accounts (and receipt-code tries) per network per window; generous.
TESTIMONY_RATE_LIMIT = env.int("TESTIMONY_RATE_LIMIT", 30)
TESTIMONY_RATE_WINDOW_MINUTES = env.int("TESTIMONY_RATE_WINDOW_MINUTES", 60)
# Behind a reverse proxy, how many proxies append to X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", 0)

# Background work goes through a durable queue in the database; `corredor worker` runs it
# (`corredor serve --with-worker` starts one beside the web server).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", BASE_DIR / "staticfiles")
MEDIA_ROOT = env.path("MEDIA_ROOT", DATA_DIR / "media")
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Email. Locally every message is written as an .eml file under var/mail/ so that a person
# can open invitation and reset links without a mail server.
EMAIL_BACKEND = {
    "file": "corredor.lib.mail_backend.EmlFileBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
}[env.choice("EMAIL_BACKEND", ("file", "smtp", "console"), "smtp" if PRODUCTION else "file")]
EMAIL_FILE_PATH = env.path("EMAIL_FILE_PATH", DATA_DIR / "mail")
EMAIL_HOST = env.str("EMAIL_HOST", "localhost")
EMAIL_PORT = env.int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", "Corredor <no-reply@corredor.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security headers. Locally the site is plain HTTP on 127.0.0.1; production is HTTPS only.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", 60 * 60 * 12)
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", PRODUCTION)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = PRODUCTION
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", PRODUCTION)
if env.bool("BEHIND_PROXY", False):
    # Only behind a proxy that sets this header itself; otherwise clients could spoof HTTPS.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": env.str("LOG_LEVEL", "INFO").upper()},
    "loggers": {
        # Request errors are logged without request bodies; see docs/deploy.md on privacy.
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
        # WeasyPrint logs every step of every layout at INFO; its warnings still show.
        "weasyprint": {"level": "WARNING"},
    },
}
