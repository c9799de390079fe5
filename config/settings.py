"""Samverkan settings: one module, read from the environment.

SAMVERKAN_ENV=production switches on the production mode (secure cookies, HSTS, SSL redirect,
DEBUG off, SECRET_KEY required); `manage.py check --deploy` is clean in that mode. SAMVERKAN_ENV is
`development` (the default) or `production`; any other value stops the start with ImproperlyConfigured.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {value!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_secret(name: str) -> str | None:
    """Read a secret from NAME or from the file named by NAME_FILE."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return os.environ.get(name)


SAMVERKAN_ENVIRONMENTS = ("development", "production")


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    """An environment variable that must be one of `choices` (unset or empty gives the default). A typo
    such as SAMVERKAN_ENV=prod must not start the site in development mode with DEBUG and the dev key."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    if value.strip() not in choices:
        allowed = ", ".join(choices)
        raise ImproperlyConfigured(f"{name} must be one of: {allowed}; got {value!r}")
    return value.strip()


SAMVERKAN_ENV = env_choice("SAMVERKAN_ENV", SAMVERKAN_ENVIRONMENTS, "development")
PRODUCTION = SAMVERKAN_ENV == "production"
DEBUG = env_bool("DEBUG", not PRODUCTION)

#: The key used when none is given; core.checks refuses it with DEBUG off (samverkan.E001).
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"
SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) must be set in production")
    SECRET_KEY = DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "core.views.csrf_failure"  # the site's own Swedish page (templates/403_csrf.html)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "axes",
    "ninja",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    # Samverkan's own apps, one per bounded context
    "core",
    "organisations",
    "search",  # full-text search and the decision register; the apps register what they index
    "programme",
    "meetings",
    "budget",
    "kpi",
    "news",  # news, publications and feeds
    "arrangements",  # joint procurements, agreements, projects, owner steering; participation
    "accounts",  # sign-in with the municipalities' identity providers (django-allauth)
    "plans",
    "onboarding",  # the start page and the onboarding of a new cooperation (a sibling of plans)
    "config",  # the top layer: composes the apps (demo loader; see config/apps.py)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.pagecache.PageCacheMiddleware",  # anonymous pages from the cache (core/pagecache.py)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.SwedishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.hygiene.InputHygieneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.ProviderSessionAgeMiddleware",
    "accounts.middleware.RequireMFAMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
            "builtins": ["core.templatetags.samverkan", "core.templatetags.provenance"],
        },
    }
]

DEFAULT_SQLITE = f"sqlite:///{BASE_DIR / 'var' / 'samverkan.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL") or DEFAULT_SQLITE, conn_max_age=60)}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 3600  # a password-reset link works for an hour, once
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "landing"  # staff land on their own cooperation's "Mina uppgifter" (onboarding.views.landing)
#: With exactly one cooperation, "/" goes straight to it instead of listing it (onboarding.views.start).
SAMVERKAN_SINGLE_COOPERATION_REDIRECT = env_bool("SAMVERKAN_SINGLE_COOPERATION_REDIRECT", True)
LOGOUT_REDIRECT_URL = "/"

# Sign-in with a municipality's own accounts (django-allauth, OpenID Connect). Local accounts keep
# Django's login view (with django-axes); providers are SocialApp rows tied to a municipality by
# accounts.IdentityProvider (README, "Sign-in with municipality accounts"). None is needed for `make run`.
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "accounts.adapters.SocialAccountAdapter"
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*"]
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # never join a provider's account to a local one by e-mail
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_STORE_TOKENS = False
# Two-factor sign-in for local accounts (allauth.mfa: an authenticator app (TOTP) or a security key
# (WebAuthn)): required for the secretariat and system administrators (accounts.middleware.RequireMFAMiddleware)
# in production, optional in development so the demo accounts of `make run` sign in with their password only.
# Provider sign-ins leave it to the provider.
MFA_SUPPORTED_TYPES = ["totp", "webauthn"]
MFA_TOTP_ISSUER = "Samverkan"
MFA_TOTP_TOLERANCE = 1  # one 30-second period either side, for clock drift
MFA_PASSKEY_LOGIN_ENABLED = False  # a security key is a second factor after the password, not instead of it
# WebAuthn wants an https origin; plain http (http://localhost, the tests' live server) only in development.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not PRODUCTION
REQUIRE_MFA = env_bool("REQUIRE_MFA", PRODUCTION)
# Roles from a provider are checked again at each sign-in: a session lasts at most this long (idle or not).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 8 * 3600))
# A sign-in through a municipality's provider ends this many seconds after it began, however active the
# session (accounts.middleware.ProviderSessionAgeMiddleware): the provider is asked again, roles re-checked.
PROVIDER_SESSION_MAX_AGE = int(os.environ.get("PROVIDER_SESSION_MAX_AGE", 8 * 3600))
# The site's address for links in e-mail sent outside a request (invitations, reminders), e.g. https://example.org
SITE_URL = os.environ.get("SITE_URL", "" if PRODUCTION else "http://127.0.0.1:8000").rstrip("/")
# An invitation to a role (accounts.services.invite) can be accepted for this many days.
INVITATION_MAX_AGE_DAYS = int(os.environ.get("INVITATION_MAX_AGE_DAYS", 14))

# Login throttling (django-axes): 5 failures lock the username+IP pair for an hour (never the username
# alone: one address cannot lock a known user out from elsewhere). Behind a reverse proxy, set
# TRUSTED_PROXIES (comma-separated addresses or networks) to read the client address from
# X-Forwarded-For; without it the header is ignored (accounts/throttling.py).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.throttling.locked_out"
AXES_ENABLED = env_bool("AXES_ENABLED", True)

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "var" / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Uploaded files are served only through checking views (core/uploads.py, README "Uploaded files"):
# "django" streams them, "x-accel-redirect" (nginx) or "x-sendfile" (Apache, lighttpd) leave the bytes
# to the proxy.
SAMVERKAN_FILE_SERVING = os.environ.get("SAMVERKAN_FILE_SERVING", "django")
if SAMVERKAN_FILE_SERVING not in ("django", "x-accel-redirect", "x-sendfile"):
    raise ImproperlyConfigured("SAMVERKAN_FILE_SERVING must be django, x-accel-redirect or x-sendfile.")
SAMVERKAN_FILE_ACCEL_PREFIX = os.environ.get("SAMVERKAN_FILE_ACCEL_PREFIX", "/protected-media/")
SAMVERKAN_UPLOAD_MAX_BYTES = int(os.environ.get("SAMVERKAN_UPLOAD_MAX_BYTES", 20 * 1024 * 1024))

# E-mail (notices, extracts): console by default (`make run`); EMAIL_BACKEND=django.core.mail.backends.filebased.
# EmailBackend with EMAIL_FILE_PATH writes files; production uses SMTP (see README, "E-mail").
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "samverkan@localhost")

SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# A monitoring probe asks /healthz on plain HTTP behind the proxy: it gets its answer, not a 301 to HTTPS.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Content-Security-Policy (django-csp): everything from this origin only; no inline scripts, no inline
# styles, no plugins, no framing. Pages and the admin work under it (config/tests/test_csp.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}


# The cache (README, "Caching"): the page cache for anonymous visitors, the content versions every write bumps
# (core/freshness.py) and the rendered documents (core/docstore.py). CACHE_URL=redis://127.0.0.1:6379/0 in
# production (every gunicorn worker and the task worker share it); by default a file cache in var/cache, which
# the processes of one machine share (`make run`: runserver and the worker); `locmem://` only for a single
# process (the tests).
def cache_config(url: str) -> dict:
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": "samverkan"}
    if url.startswith("locmem://"):
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": url[len("locmem://") :] or "samverkan",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    if url.startswith("file://"):
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": url[len("file://") :],
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    raise ImproperlyConfigured(
        f"CACHE_URL must start with redis://, rediss://, unix://, file:// or locmem://; got {url!r}"
    )


CACHES = {"default": cache_config(os.environ.get("CACHE_URL") or f"file://{BASE_DIR / 'var' / 'cache'}")}
#: Anonymous pages from the cache (core/pagecache.py); off only to measure the cost of rendering.
SAMVERKAN_PAGE_CACHE = env_bool("SAMVERKAN_PAGE_CACHE", True)

# Kolada's open API (key figures); tests point this at a local replay server.
KOLADA_BASE_URL = os.environ.get("KOLADA_BASE_URL", "https://api.kolada.se/v3")
KOLADA_REQUESTS_PER_SECOND = 5.0

# Background jobs (README, "Background jobs"): Django's task interface through the django-tasks backport.
# The database backend needs nothing but the database; `manage.py worker` (started by `make run`) runs the
# tasks and the periodic ones (core.schedule). TASKS_BACKEND may name another backend, e.g.
# "django_tasks_rq.RQBackend" (package django-tasks-rq) when Redis and RQ workers carry the tasks.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
