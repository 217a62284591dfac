"""Hearth settings: one module, driven by the environment (see README, "Settings")."""

import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url
import xstatic.pkg.bootstrap
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str
from core.crypto import ENV_NAME as MESSAGE_KEYS_ENV
from core.crypto import development_key, parse_keys

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off.")
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105

# Private message bodies are encrypted at rest (core/crypto.py): comma-separated
# urlsafe-base64 32-byte keys, newest first. Never store plaintext for want of a key: without
# the variable the site refuses to start, except for the local quick start (DEBUG on), which
# derives a key from SECRET_KEY. The test suite's key lives in config/test_settings.py only.
_message_keys = env_str(MESSAGE_KEYS_ENV).strip()
if not _message_keys:
    if DEBUG:
        _message_keys = development_key(SECRET_KEY)
        logging.getLogger("config").warning(
            "%s is not set: private messages use a development key derived from SECRET_KEY. "
            "Set it before storing real messages.",
            MESSAGE_KEYS_ENV,
        )
    else:
        raise ImproperlyConfigured(
            f"{MESSAGE_KEYS_ENV} is required when DEBUG is off: private messages are stored "
            "encrypted and Hearth will not store them in plaintext. Set it to one or more "
            "comma-separated urlsafe-base64 32-byte keys, newest first."
        )
parse_keys(_message_keys)  # a malformed key stops start-up here, whatever DEBUG says
MESSAGES_ENCRYPTION_KEYS = [key.strip() for key in _message_keys.split(",") if key.strip()]

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS", ["http://localhost:8000", "http://127.0.0.1:8000"]
)

SITE_NAME = env_str("SITE_NAME", "Hearth")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_ID = 1

# /metrics (Prometheus): answered to a bearer token or to listed client addresses, 404 otherwise.
METRICS_TOKEN = env_str("METRICS_TOKEN")
METRICS_ALLOWED_ADDRESSES = env_list("METRICS_ALLOWED_ADDRESSES", [])
# /healthz calls beat stale when it has sent no scheduled task for this long.
BEAT_STALE_AFTER = env_int("BEAT_STALE_AFTER", 300)

INSTALLED_APPS = [
    "moderation.apps.ConsoleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_countries",
    "accounts",
    "notifications",
    "forums",
    "moderation",
    "conversations",
    "drafts",
    "operations",
]

MIDDLEWARE = [
    "operations.middleware.RequestLatencyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "moderation.middleware.SanctionMiddleware",
    "moderation.middleware.NoIndexMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "accounts.middleware.MemberTimezoneMiddleware",
    "accounts.middleware.WellbeingMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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
                "django.template.context_processors.i18n",
                "config.context_processors.site",
                "notifications.context_processors.notifications",
                "moderation.context_processors.rules_banner",
                "moderation.context_processors.crisis_support",
                "accounts.context_processors.email_status",
                "accounts.context_processors.wellbeing",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# Server-side binding lets psycopg prepare the statements a connection runs repeatedly (after
# `prepare_threshold` runs), so PostgreSQL stops re-planning the pages' queries. Not for a
# transaction-pooling proxy (PgBouncer < 1.21) in front of the database: set
# DATABASE_PREPARED_STATEMENTS=0 there.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DATABASE_PREPARED_STATEMENTS", True
):
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=2
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that does not answer (rather than refusing) costs a request a few seconds
    # and Hearth's 503 page, never a wait past the web server's timeout and its bare page.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 5)
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis backend, reusing one client object and answering from process
            # memory while Redis is away (config/cache.py says what fails open, what safe).
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "hearth",
            "RETRY_AFTER": env_int("CACHE_RETRY_AFTER", 5),
            # A Redis that does not answer costs a request at most this long, not a hang.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Accounts ---------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
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
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = "handle"
ACCOUNT_USER_MODEL_EMAIL_FIELD = "email"
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_PRESERVE_USERNAME_CASING = True
ACCOUNT_USERNAME_MIN_LENGTH = 3
ACCOUNT_USERNAME_VALIDATORS = "accounts.validators.SIGNUP_HANDLE_VALIDATORS"
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_BY_CODE_ENABLED = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if not DEBUG else "http"
# Behind N proxies, the client's address is the Nth entry from the right of X-Forwarded-For
# (allauth's rate limits and ours key on it); 0 reads the socket's address.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("ALLAUTH_TRUSTED_PROXY_COUNT", 0)
ACCOUNT_RATE_LIMITS = {
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reset_password": "20/m/ip,5/m/key",
    "reauthenticate": "10/m/user",
    "reset_password_from_key": "20/m/ip",
    "signup": "20/m/ip",
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "confirm_email": "1/3m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME
MFA_RECOVERY_CODE_COUNT = 10

# --- Rate limits (django-ratelimit, beyond allauth's own) --------------------------------------
RATELIMIT_VIEW = "config.views.rate_limited"
RATELIMIT_HASH_ALGORITHM = "hashlib.sha256"
# Off only for load benchmarks (bench/web_bench.py); `check --deploy` warns when it is off.
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", default=True)

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Static files: served by us (whitenoise), never a CDN --------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", xstatic.pkg.bootstrap.BASE_DIR),
]
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
MEDIA_ROOT = BASE_DIR / "media"
PRIVATE_FILES_ROOT = Path(env_str("PRIVATE_FILES_ROOT", str(BASE_DIR / "private")))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Email ------------------------------------------------------------------------------------
EMAIL_URL = env_str("EMAIL_URL", "console://" if DEBUG else "")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", f"{SITE_NAME} <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Asynchronous bounces: the shared secret of the signed webhook (`/email/bounces/`, off when
# empty) and how many hard bounces pause a member's emails (refused addresses count too).
EMAIL_BOUNCE_WEBHOOK_SECRET = env_str("EMAIL_BOUNCE_WEBHOOK_SECRET", "")
EMAIL_HARD_BOUNCES_BEFORE_PAUSE = env_int("EMAIL_HARD_BOUNCES_BEFORE_PAUSE", 3)


def _email_settings(url: str) -> dict:
    """Translate EMAIL_URL into Django's email settings."""
    if not url:
        raise ImproperlyConfigured("EMAIL_URL is required when DEBUG is off (e.g. smtp://host:25).")
    parts = urlsplit(url)
    backends = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "file": "django.core.mail.backends.filebased.EmailBackend",
        "memory": "django.core.mail.backends.locmem.EmailBackend",
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "smtp+tls": "django.core.mail.backends.smtp.EmailBackend",
        "smtp+ssl": "django.core.mail.backends.smtp.EmailBackend",
    }
    if parts.scheme not in backends:
        raise ImproperlyConfigured(f"EMAIL_URL scheme must be one of {sorted(backends)}")
    values = {"EMAIL_BACKEND": backends[parts.scheme]}
    if parts.scheme == "file":
        values["EMAIL_FILE_PATH"] = parts.path
    if parts.scheme.startswith("smtp"):
        values.update(
            EMAIL_HOST=parts.hostname or "localhost",
            EMAIL_PORT=parts.port or (465 if parts.scheme == "smtp+ssl" else 25),
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_TLS=parts.scheme == "smtp+tls",
            EMAIL_USE_SSL=parts.scheme == "smtp+ssl",
            EMAIL_TIMEOUT=20,
        )
    return values


globals().update(_email_settings(EMAIL_URL))

# --- Security ---------------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Database sessions that carry their member (accounts/sessions.py, accounts.MemberSession).
SESSION_ENGINE = "accounts.sessions"
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# A failed check on a form post shows the member's text again instead of a bare 403.
CSRF_FAILURE_VIEW = "drafts.views.csrf_failure"
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# A strict policy: everything from our own origin, no inline script, nothing embeds us. A
# sanitiser miss in a member's post still cannot run script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Celery: Redis in production; eager in the embedded default --------------------------------
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# A task is acknowledged only once it has run; a worker killed mid-task (kill -9, OOM) hands its
# message back to the broker instead of losing it. Tasks are idempotent, so running twice is safe.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# The queues, most urgent first (README, "Running it"). `crisis`: screening of what the precheck
# heard as crisis language (the posting and messaging services send it there), crisis alerts and
# the crisis clock. `screening`: all other screening of posts, profiles and private messages, and
# the sweepers. Both have workers of their own and never wait behind `notify` (notification
# fan-out), `email` (digests, notification emails) or `maintenance` (purges, erasure, trust
# levels). Every task is routed by name below; a task missing from the table cannot be sent
# (tests/config/test_celery_tasks.py).
CELERY_TASK_QUEUES = {
    name: {"exchange": name, "routing_key": name}
    for name in ("crisis", "screening", "notify", "email", "maintenance")
}
CELERY_TASK_CREATE_MISSING_QUEUES = False
CELERY_TASK_DEFAULT_QUEUE = "maintenance"
TASK_QUEUE_BY_NAME = {
    "moderation.screen_post": "screening",
    "moderation.screen_profile": "screening",
    "conversations.screen_message": "screening",
    "moderation.notify_crisis_email": "crisis",
    "moderation.notify_crisis_webhook": "crisis",
    "moderation.run_crisis_clock": "crisis",
    "moderation.reopen_due_follow_ups": "screening",
    "moderation.sweep_unscreened_posts": "screening",
    "moderation.sweep_unscreened_profiles": "screening",
    "moderation.sweep_unsent_crisis_notifications": "screening",
    "conversations.sweep_unscreened_messages": "screening",
    "forums.fan_out_notifications": "notify",
    "forums.send_digest": "email",
    "forums.send_digests": "email",
    "forums.send_notification_email": "email",
    "forums.enqueue_due_emails": "maintenance",
    "forums.purge_read_notifications": "maintenance",
    "forums.open_check_ins": "maintenance",
    "moderation.recompute_trust_levels": "maintenance",
    "accounts.build_export": "maintenance",
    "accounts.purge_unverified_accounts": "maintenance",
    "accounts.purge_expired_exports": "maintenance",
    "accounts.erase_due_accounts": "maintenance",
    "drafts.purge_kept_submissions": "maintenance",
}
CELERY_TASK_ROUTES = {name: {"queue": queue} for name, queue in TASK_QUEUE_BY_NAME.items()}
# Every task sets its own pair of limits; these are only the fallback, and soft ≤ hard always.
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BROKER_CONNECTION_TIMEOUT = 3
# Publishing gives up fast when the broker is down: the post is saved, and the sweeper
# enqueues it again once the broker is back.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5}
# A message taken by a worker that died comes back after this long (Redis transport). The
# sweepers already re-enqueue pending work after SCREENING_SWEEP_AFTER; this bounds the rest
# (digests, exports). Every retry countdown stays below it, so a waiting retry is not handed out
# twice (tests/config/test_celery_tasks.py).
CELERY_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", 900)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}
# The worker keeps trying to reach a broker that went away (Redis restarted) instead of exiting.
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None

# Work still pending this long after it was written (screening of posts, profiles and messages,
# crisis notifications) is enqueued again by the sweepers: a broker outage or a worker killed
# mid-task loses nothing.
SCREENING_SWEEP_AFTER = env_int("SCREENING_SWEEP_AFTER", 120)
# A crisis email or webhook whose task never ran is sent again after this many seconds.
CRISIS_NOTIFICATION_RESEND_AFTER = env_int("CRISIS_NOTIFICATION_RESEND_AFTER", 60)
# Beat intervals in seconds. `BEAT_MAX_INTERVAL` (unset in production) caps every entry, daily
# ones included, so that a test run sees each of them run within minutes.
SWEEP_INTERVAL = env_int("SWEEP_INTERVAL", 60)
CRISIS_CLOCK_INTERVAL = env_int("CRISIS_CLOCK_INTERVAL", 60)
FOLLOW_UP_INTERVAL = env_int("FOLLOW_UP_INTERVAL", 300)
BEAT_MAX_INTERVAL = env_int("BEAT_MAX_INTERVAL", 0)


def _every(seconds: int) -> dict:
    """An interval entry's schedule, and an expiry just under it so runs never pile up."""
    return {"schedule": float(seconds), "options": {"expires": max(1, seconds - 5)}}


CELERY_BEAT_SCHEDULE: dict = {
    "moderation-sweep-unscreened-posts": {
        "task": "moderation.sweep_unscreened_posts",
        **_every(SWEEP_INTERVAL),
    },
    "moderation-sweep-unscreened-profiles": {
        "task": "moderation.sweep_unscreened_profiles",
        **_every(SWEEP_INTERVAL),
    },
    "conversations-sweep-unscreened-messages": {
        "task": "conversations.sweep_unscreened_messages",
        **_every(SWEEP_INTERVAL),
    },
    "moderation-sweep-unsent-crisis-notifications": {
        "task": "moderation.sweep_unsent_crisis_notifications",
        **_every(SWEEP_INTERVAL),
    },
    # The crisis response clock: escalations are idempotent, so a double run sends nothing twice.
    "moderation-run-crisis-clock": {
        "task": "moderation.run_crisis_clock",
        **_every(CRISIS_CLOCK_INTERVAL),
    },
    "moderation-reopen-due-follow-ups": {
        "task": "moderation.reopen_due_follow_ups",
        **_every(FOLLOW_UP_INTERVAL),
    },
    "moderation-recompute-trust-levels": {
        "task": "moderation.recompute_trust_levels",
        "schedule": crontab(minute=41, hour="*/6"),
    },
    "accounts-purge-unverified": {
        "task": "accounts.purge_unverified_accounts",
        "schedule": crontab(minute=17, hour=3),
    },
    # Erasure runs once the 7-day grace period is over; each erasure is idempotent.
    "accounts-erase-due-accounts": {
        "task": "accounts.erase_due_accounts",
        "schedule": crontab(minute=23),
        "options": {"expires": 50 * 60},
    },
    "accounts-purge-expired-exports": {
        "task": "accounts.purge_expired_exports",
        "schedule": crontab(minute=29, hour=3),
    },
    # Texts kept through a login live at most a day.
    "drafts-purge-kept-submissions": {
        "task": "drafts.purge_kept_submissions",
        "schedule": crontab(minute=47),
        "options": {"expires": 50 * 60},
    },
    # Check-in threads fall on forums' local times (and half-hour zones): look every 5 minutes;
    # each occurrence opens once, so a late or doubled run opens nothing twice.
    "forums-open-check-ins": {
        "task": "forums.open_check_ins",
        "schedule": crontab(minute="*/5"),
        "options": {"queue": "maintenance", "expires": 4 * 60},
    },
    "forums-purge-read-notifications": {
        "task": "forums.purge_read_notifications",
        "schedule": crontab(minute=41, hour=3),
    },
    # Digests fall on members' local hours (and half-hour zones): look every quarter hour.
    "forums-enqueue-due-emails": {
        "task": "forums.enqueue_due_emails",
        "schedule": crontab(minute="*/15"),
        "options": {"expires": 14 * 60},
    },
}
if BEAT_MAX_INTERVAL > 0:
    for _entry in CELERY_BEAT_SCHEDULE.values():
        if not isinstance(_entry["schedule"], float) or _entry["schedule"] > BEAT_MAX_INTERVAL:
            _entry.update(_every(BEAT_MAX_INTERVAL))

# --- Logging: never a member's email, IP or post body -------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's request logger prints the path and, on errors, request details.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.security.DisallowedHost": {"handlers": [], "propagate": False},
    },
}

SILENCED_SYSTEM_CHECKS = [] if REDIS_URL else ["django_ratelimit.E003", "django_ratelimit.W001"]
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The embedded default: covering indexes (INCLUDE) are a PostgreSQL feature; SQLite just
    # builds the plain index, which is fine for a local demo.
    SILENCED_SYSTEM_CHECKS.append("models.W040")
