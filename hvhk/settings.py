"""Settings of the portal, read from the environment.

With nothing set, the portal refuses to serve (DEBUG is off and SECRET_KEY is required). The
Makefile's `run` target provides the embedded development default: DEBUG on, SQLite, a Celery
worker beside the web server over a broker that needs no server (a folder, WACHTRIJ_MAP), e-mail to
the console and files under media/. Setting DATABASE_URL, CELERY_BROKER_URL and EMAIL_URL switches
to PostgreSQL, Redis and a real mail server.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "onveilige-ontwikkelsleutel-enkel-voor-DEBUG"  # noqa: S105
# Without DEBUG an empty SECRET_KEY stays empty: Django refuses to sign anything with it and
# hvhk/wsgi.py refuses to serve, while commands that need no key (makemigrations) still run.

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The public address of the portal, for links in e-mails. Without DEBUG there is no default:
# hvhk/wsgi.py and `manage.py check` refuse to start without it (hvhk/checks.py).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000" if DEBUG else "")

INSTALLED_APPS = [
    "kern",
    "hvhk",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "csp",
    "huizen",
    "levensdomeinen",
    "loket",
    "bevraging",
    "rapporten",
    "demo",
]

MIDDLEWARE = [
    "kern.gezondheid.LevenstekenMiddleware",  # /gezondheid/leeft/: the process answers
    "kern.middleware.WeigerNulMiddleware",
    "kern.middleware.GeenCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kern.middleware.TaalMiddleware",  # after the login is known: accounts see Dutch (LANGUAGES)
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kern.beveiliging.SessieTermijnMiddleware",
    "kern.beveiliging.TweedeFactorMiddleware",
]

# Pages and downloads with personal data (families, the loket's queue, providers, a Huis's
# workspace) are never kept by a browser or proxy cache: kern.middleware.GeenCacheMiddleware.
GEEN_CACHE_PADEN = ["/opvang/", "/mijn-huis/", "/opgroeien/loket/", "/opgroeien/lokets/"]

ROOT_URLCONF = "hvhk.urls"
WSGI_APPLICATION = "hvhk.wsgi.application"

# Every form field is drawn by one template (templates/kern/veld.html).
FORM_RENDERER = "kern.forms.PortaalRenderer"

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
                "hvhk.context_processors.navigatie",
            ],
        },
    },
]

# Database: SQLite by default, PostgreSQL (psycopg 3) through DATABASE_URL.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server, the worker and beat share the file: a write transaction takes the lock when
    # it begins and waits its turn (instead of failing with "database is locked" when it upgrades
    # from reading), and readers never block the writer (WAL).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE", timeout=20, init_command="PRAGMA journal_mode=WAL;"
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Persistent connections, checked before each request reuses one: a connection PostgreSQL
    # terminated (a restart, a failover, pg_terminate_backend) is replaced instead of failing.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # The portal's queries are short aggregates; PostgreSQL's JIT spent longer compiling the
    # overview's query than running it, so the portal's connections never JIT-compile.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
    # A database that does not answer fails a request in seconds instead of hanging it.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env.int(
        "DB_CONNECT_TIMEOUT", default=5
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "kern.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "home"

# django-allauth: log in with e-mail; accounts are created or invited by an administrator.
ACCOUNT_ADAPTER = "hvhk.accounts.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_SESSION_REMEMBER = False  # no "remember me": a session ends with the browser
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Huizen van het Kind] "
# Failed logins: an account is locked for 5 minutes after 5 failures (allauth counts a wrong
# password per e-mail address and a wrong second-factor code per user under the same action), and
# one client address gets LOGIN_FAILED_PER_IP failures. The address is the client's, not the
# proxy's (TRUSTED_PROXY_COUNT below), so one visitor cannot lock out all staff behind a proxy.
ACCOUNT_RATE_LIMITS = {
    "login_failed": f"{env.str('LOGIN_FAILED_PER_IP', default='10/m')}/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
}

# Second factor (allauth.mfa) for every account: every account in the portal is staff; families
# have no account. kern.beveiliging.TweedeFactorMiddleware sends an account without one to
# enrolment and lets a session without a passed second factor see nothing else.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Huizen van het Kind"
MFA_TRUST_ENABLED = False
# Accounts are created by an administrator (sign-up is closed), so an unconfirmed address cannot
# be someone else's claim on the account; it must not keep its owner from enrolling.
MFA_ALLOW_UNVERIFIED_EMAIL = True

# Sessions: a new key at login (django.contrib.auth.login cycles it), flushed at logout, ended by
# kern.beveiliging.SessieTermijnMiddleware after SESSION_IDLE_MINUTES without a request and
# SESSION_MAX_HOURS after login, and gone when the browser closes.
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=30)
SESSION_MAX_HOURS = env.int("SESSION_MAX_HOURS", default=12)
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# The client's address: the X-Forwarded-For entry added by the outermost of TRUSTED_PROXY_COUNT
# proxies under our control (counted from the right; anything further left is whatever the client
# sent). 0: no proxy, the address of the connection. allauth's login limits, the public forms'
# limits (django-ratelimit) and the API's throttling (DRF) all use it.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
RATELIMIT_IP_META_KEY = "kern.beveiliging.client_ip"

# Languages. Dutch (nl-BE) is the source language, the default and the version that counts; the
# family's pages (find a Huis, a Huis's page, the registration and what follows it) also come in
# French and English. A visitor gets Dutch unless they chose another language with the switch in
# the header of those pages (Django's set_language, which stores it in the language cookie).
# kern.middleware.TaalMiddleware reads only that cookie, never Accept-Language: a browser set to
# French would otherwise turn the staff pages, which are Dutch only, into half-translated ones
# (French dates and library messages between Dutch text), and the page a link or a council report
# points to would change with the reader's browser. Accounts (all staff: families have none)
# always see Dutch, whatever the cookie says, and so do the staff's pages that need no account
# (login, password reset, second factor, functional admin): NEDERLANDSTALIGE_PADEN.
LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", _("Nederlands")), ("fr", _("Frans")), ("en", _("Engels"))]
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60  # the choice lasts a year, not one browser session
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
NEDERLANDSTALIGE_PADEN = ["/account/", "/beheer/"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "media" / "prive")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# E-mail: console by default, EMAIL_URL (smtp+tls://user:pass@host:587) for a real server.
if "EMAIL_URL" in env:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Huizen van het Kind <noreply@huizenvanhetkind.be>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = 10
# The outbox keeps a mail's text only until it is sent; recipient, subject and status go after this
# many days (kern.tasks.vergeet_oude_mails).
UITGAANDE_MAIL_BEWAARDAGEN = env.int("UITGAANDE_MAIL_BEWAARDAGEN", default=30)
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(BASE_DIR / "media" / "mail"))

# Cache: local memory by default, Redis when CACHE_URL is redis://. It holds only what the portal
# can do without (rate-limit counts, cached figures): on Redis it fails open after a short socket
# timeout (kern.cache), so a stopped or hanging Redis never fails or slows a request.
CACHE_URL = env.str("CACHE_URL", default="")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "kern.cache.StoringsbestendigeRedisCache",
            "LOCATION": CACHE_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
elif CACHE_URL:
    CACHES = {"default": env.cache_url_config(CACHE_URL)}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions (and so every login) live in the database, never in the cache.
SESSION_ENGINE = "django.contrib.sessions.backends.db"


def bestandsbroker(map_: Path) -> dict:
    """The options of kombu's filesystem transport for a broker in the folder `map_` (created
    here): whoever sends a task writes it as a file into `berichten/`, the worker takes it from
    there; `control/` holds which queues listen to which exchange. The worker looks for new files
    every 0.1 s (kombu's default of 1 s held it to two tasks a second)."""
    berichten, control = map_ / "berichten", map_ / "control"
    berichten.mkdir(parents=True, exist_ok=True)
    control.mkdir(exist_ok=True)
    return {
        "data_folder_in": str(berichten),
        "data_folder_out": str(berichten),
        "control_folder": str(control),
        "polling_interval": 0.1,
    }


# Celery. Production sets CELERY_BROKER_URL=redis://... Without it the broker is the folder
# WACHTRIJ_MAP (the embedded default, which needs no server), read by the worker that `make run`
# starts beside the web server. Either way no task runs inside a web request.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="") or "filesystem://"
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Redis hands an unacknowledged task to another worker only after the visibility timeout,
    # which must be longer than the longest task may run (CELERY_TASK_TIME_LIMIT).
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=2 * 60 * 60),
    "socket_timeout": 5,
    "socket_connect_timeout": 5,
    "max_retries": 2,
}
if CELERY_BROKER_URL.startswith("filesystem://"):
    WACHTRIJ_MAP = Path(env.str("WACHTRIJ_MAP", default=str(BASE_DIR / ".celery")))
    CELERY_BROKER_TRANSPORT_OPTIONS.update(bestandsbroker(WACHTRIJ_MAP))
    CELERY_BEAT_SCHEDULE_FILENAME = str(WACHTRIJ_MAP / "beat-schedule")
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=300)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=360)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", default=300_000)

# Lokaal Loket Kinderopvang: terms of the request lifecycle (days unless stated otherwise).
LOKET_HERBEVESTIGING_MAANDEN = env.int("LOKET_HERBEVESTIGING_MAANDEN", default=3)
LOKET_HERBEVESTIGING_TERMIJN_DAGEN = env.int("LOKET_HERBEVESTIGING_TERMIJN_DAGEN", default=30)
LOKET_VERVALWAARSCHUWING_DAGEN = env.int("LOKET_VERVALWAARSCHUWING_DAGEN", default=7)
LOKET_AANBOD_TERMIJN_DAGEN = env.int("LOKET_AANBOD_TERMIJN_DAGEN", default=10)
LOKET_REDELIJKE_TERMIJN_DAGEN = env.int("LOKET_REDELIJKE_TERMIJN_DAGEN", default=21)
LOKET_DRINGEND_TERMIJN_DAGEN = env.int("LOKET_DRINGEND_TERMIJN_DAGEN", default=5)
LOKET_BEWAARTERMIJN_MAANDEN = env.int("LOKET_BEWAARTERMIJN_MAANDEN", default=12)
LOKET_BEVESTIGINGSTERMIJN_DAGEN = env.int("LOKET_BEVESTIGINGSTERMIJN_DAGEN", default=14)
# Public forms: submissions per client address (django-ratelimit syntax, e.g. "10/h"). The counts
# live in the cache, which must be shared (CACHE_URL=redis://...) when more than one process serves.
LOKET_AANVRAAG_LIMIET = env.str("LOKET_AANVRAAG_LIMIET", default="10/h")
# When the cache is away the form is not limited (kern.cache logs it) rather than refused to
# families.
RATELIMIT_FAIL_OPEN = True

# Security: safe by default outside DEBUG; a TLS-terminating proxy sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# The health check answers a load balancer inside the network over plain HTTP as well.
SECURE_REDIRECT_EXEMPT = [r"^gezondheid/$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: no inline scripts or styles, ever.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "kern.api.PortaalAutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="120/min"),
        "user": env.str("API_THROTTLE_USER", default="600/min"),
    },
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "DEFAULT_THROTTLE_CLASSES": [
        # DRF's AnonRateThrottle and UserRateThrottle together, in one round trip to Redis.
        "kern.limieten.ApiLimieten",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Huizen van het Kind: open API",
    "DESCRIPTION": "Open gegevens over de Huizen van het Kind en hun gemeenten.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# One handler for everything that masks the private links of families (kern.logboek): Django's
# request and server logs lose their own handlers and go to it through the root logger.
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"geheime_links": {"()": "kern.logboek.VerbergGeheimeLinks"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["geheime_links"]}
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        "django.server": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
    },
}
