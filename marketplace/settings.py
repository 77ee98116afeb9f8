"""Settings for Pasar UPPKS, read from the environment (see README, "Settings").

The embedded default (no environment at all, DEBUG=true) runs on SQLite with tasks in-process.
Production sets DATABASE_URL, REDIS_URL, SECRET_KEY, ALLOWED_HOSTS and the rest.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (or DEBUG=true for local use)."
        )
    SECRET_KEY = "insecure-local-development-key-only-used-when-DEBUG-is-true"

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "unfold",
    "unfold.contrib.filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "phonenumber_field",
    "django_filters",
    "graphene_django",
    # our domains
    "marketplace.core",
    "marketplace.accounts",
    "marketplace.regions",
    "marketplace.groups",
    "marketplace.catalog",
    "marketplace.checkout",
    "marketplace.orders",
    "marketplace.payments",
    "marketplace.notifications",
    "marketplace.settlement",
    "marketplace.curation",
    "marketplace.reports",
    "marketplace.portal",
    "marketplace.graphql",
    "catalog_import",
    "storefront_theme",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "marketplace" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Prepare at once what runs through core.sql.fetch_prepared (server-side binding); the
    # ORM's client-side binding cursors are never prepared. Off for poolers in transaction mode.
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = (
        0 if env.bool("DATABASE_PREPARED_STATEMENTS", default=True) else None
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="pasar"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "marketplace.accounts.backends.EmailOrPhoneBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "storefront:login"
LOGIN_REDIRECT_URL = "/"

# Language, time, money
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
CURRENCY = "IDR"
DEFAULT_CHANNEL_SLUG = env.str("DEFAULT_CHANNEL_SLUG", default="default-channel")
PHONENUMBER_DEFAULT_REGION = "ID"
PHONENUMBER_DB_FORMAT = "E164"

# Static and media
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
MAX_IMAGE_UPLOAD_BYTES = env.int("MAX_IMAGE_UPLOAD_BYTES", default=8 * 1024 * 1024)
MAX_IMAGE_PIXELS = env.int("MAX_IMAGE_PIXELS", default=40_000_000)

# Email
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Pasar UPPKS <noreply@pasar-uppks.id>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: Redis in production; in-process when no broker is configured (make run)
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict = {}  # each domain adds its periodic jobs in its section below

# Security (production-safe defaults; DEBUG relaxes them for local use)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", default=False) else None
)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    "loggers": {
        "marketplace": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "catalog_import": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

UNFOLD = {
    "SITE_TITLE": "Pasar UPPKS",
    "SITE_HEADER": "Pasar UPPKS — BKKBN",
    "SHOW_LANGUAGES": True,
    "SIDEBAR": {
        "show_search": True,
        "show_all_applications": True,
        "navigation": "marketplace.core.admin_navigation.sidebar",
    },
}

GRAPHENE = {"SCHEMA": "marketplace.graphql.api.schema", "ATOMIC_MUTATIONS": False}

# ---- domain settings: each domain keeps its own section below ----

# [catalog]
# Search corrects typos against the words of product names; new names join it within 10 minutes
# (until then a word still matches by full text or by trigrams, only slower).
CELERY_BEAT_SCHEDULE["catalog-refresh-search-words"] = {
    "task": "marketplace.catalog.tasks.refresh_search_words_task",
    "schedule": 600.0,
    "options": {"expires": 540},
}

# [catalog_import]
IMPORT_MAX_FILE_BYTES = env.int("IMPORT_MAX_FILE_BYTES", default=50 * 1024 * 1024)
IMPORT_MAX_UNZIPPED_BYTES = env.int("IMPORT_MAX_UNZIPPED_BYTES", default=400 * 1024 * 1024)
IMPORT_MAX_IMAGES_ZIP_BYTES = env.int("IMPORT_MAX_IMAGES_ZIP_BYTES", default=200 * 1024 * 1024)
IMPORT_BATCH_SIZE = env.int("IMPORT_BATCH_SIZE", default=1000)
IMPORT_SYNC_MAX_BYTES = env.int("IMPORT_SYNC_MAX_BYTES", default=512 * 1024)  # larger: Celery task
IMPORT_FETCH_TIMEOUT_SECONDS = env.int("IMPORT_FETCH_TIMEOUT_SECONDS", default=20)

# [orders]
UNPAID_ORDER_EXPIRY_HOURS = env.int("UNPAID_ORDER_EXPIRY_HOURS", default=24)  # bank transfer
UNPAID_CARD_ORDER_EXPIRY_MINUTES = env.int("UNPAID_CARD_ORDER_EXPIRY_MINUTES", default=60)
FULFILLMENT_ACCEPT_HOURS = env.int("FULFILLMENT_ACCEPT_HOURS", default=48)
CHECKOUT_MAX_LINE_QUANTITY = env.int("CHECKOUT_MAX_LINE_QUANTITY", default=1000)
CHECKOUT_TTL_DAYS = env.int("CHECKOUT_TTL_DAYS", default=30)
CELERY_BEAT_SCHEDULE["expire-unpaid-orders"] = {
    "task": "marketplace.orders.tasks.expire_unpaid_orders_task",
    "schedule": 300.0,
}
CELERY_BEAT_SCHEDULE["delete-stale-checkouts"] = {
    "task": "marketplace.checkout.tasks.delete_stale_checkouts_task",
    "schedule": 24 * 3600.0,
}

# [payments]
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="")  # tests point this at localstripe
BANK_TRANSFER_BANK_NAME = env.str("BANK_TRANSFER_BANK_NAME", default="Bank Rakyat Indonesia")
BANK_TRANSFER_ACCOUNT_NUMBER = env.str(
    "BANK_TRANSFER_ACCOUNT_NUMBER", default="0000-01-000000-00-0"
)
BANK_TRANSFER_ACCOUNT_HOLDER = env.str("BANK_TRANSFER_ACCOUNT_HOLDER", default="Pasar UPPKS")
STRIPE_JS_URL = env.str("STRIPE_JS_URL", default="https://js.stripe.com/v3/")
STRIPE_TIMEOUT_SECONDS = env.int("STRIPE_TIMEOUT_SECONDS", default=20)
STRIPE_WEBHOOK_TOLERANCE_SECONDS = env.int("STRIPE_WEBHOOK_TOLERANCE_SECONDS", default=300)
PAYMENT_PROOF_ROOT = Path(
    env.str("PAYMENT_PROOF_ROOT", default=str(VAR_DIR / "private" / "payment-proofs"))
)
PAYMENT_PROOF_MAX_BYTES = env.int("PAYMENT_PROOF_MAX_BYTES", default=5 * 1024 * 1024)
CELERY_BEAT_SCHEDULE["payments-retry-stuck-refunds"] = {
    "task": "marketplace.payments.tasks.requeue_stuck_refunds",
    "schedule": 300.0,
}
CELERY_BEAT_SCHEDULE["payments-close-stale-transactions"] = {
    "task": "marketplace.payments.tasks.close_stale_transactions",
    "schedule": 900.0,
}

# [notifications]
# WhatsApp / SMS: "console" (log only, the default without a gateway), "webhook" (signed JSON
# POST to NOTIFICATION_GATEWAY_URL) or "fonnte" (WhatsApp through Fonnte's HTTP API).
NOTIFICATION_GATEWAY_URL = env.str("NOTIFICATION_GATEWAY_URL", default="")
NOTIFICATION_GATEWAY_SECRET = env.str("NOTIFICATION_GATEWAY_SECRET", default="")
NOTIFICATION_WHATSAPP_BACKEND = env.str(
    "NOTIFICATION_WHATSAPP_BACKEND", default="webhook" if NOTIFICATION_GATEWAY_URL else "console"
)
NOTIFICATION_SMS_BACKEND = env.str(
    "NOTIFICATION_SMS_BACKEND", default="webhook" if NOTIFICATION_GATEWAY_URL else "console"
)
NOTIFICATION_FONNTE_URL = env.str("NOTIFICATION_FONNTE_URL", default="https://api.fonnte.com/send")
NOTIFICATION_FONNTE_TOKEN = env.str("NOTIFICATION_FONNTE_TOKEN", default="")
NOTIFICATION_GATEWAY_CONNECT_TIMEOUT = env.float("NOTIFICATION_GATEWAY_CONNECT_TIMEOUT", default=5)
NOTIFICATION_GATEWAY_TIMEOUT = env.float("NOTIFICATION_GATEWAY_TIMEOUT", default=15)
# An SMTP server that hangs must not hang a notice task.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
# Attempts per notice, backoff 30 s, 60 s, 2 min … capped at 1 h, each with jitter.
NOTIFICATION_MAX_ATTEMPTS = env.int("NOTIFICATION_MAX_ATTEMPTS", default=8)
NOTIFICATION_RETRY_BASE_SECONDS = env.float("NOTIFICATION_RETRY_BASE_SECONDS", default=30)
NOTIFICATION_RETRY_MAX_SECONDS = env.float("NOTIFICATION_RETRY_MAX_SECONDS", default=3600)
NOTIFICATION_TASK_SOFT_TIME_LIMIT = env.int("NOTIFICATION_TASK_SOFT_TIME_LIMIT", default=60)
NOTIFICATION_TASK_TIME_LIMIT = env.int("NOTIFICATION_TASK_TIME_LIMIT", default=90)
# Longer than the task's time limit: a row "sending" this long belongs to a dead worker.
NOTIFICATION_STUCK_AFTER_MINUTES = env.int("NOTIFICATION_STUCK_AFTER_MINUTES", default=5)
NOTIFICATION_QUEUE = env.str("NOTIFICATION_QUEUE", default="notifications")
FULFILLMENT_ACCEPT_REMINDER_HOURS = env.int("FULFILLMENT_ACCEPT_REMINDER_HOURS", default=12)
FULFILLMENT_ACCEPT_OVERDUE_HOURS = env.int("FULFILLMENT_ACCEPT_OVERDUE_HOURS", default=48)
CELERY_TASK_ROUTES = {"notifications.*": {"queue": NOTIFICATION_QUEUE}}
# Publishing after commit must not hang a request for the OS's TCP timeout when the broker's
# host is unreachable: give up connecting after a few seconds (the beat job re-dispatches).
CELERY_BROKER_TRANSPORT_OPTIONS.setdefault("socket_connect_timeout", 3)
CELERY_BEAT_SCHEDULE["notifications-requeue-stuck"] = {
    "task": "notifications.requeue_stuck_messages",
    "schedule": 60.0,
    "options": {"expires": 55},
}
CELERY_BEAT_SCHEDULE["notifications-fulfillment-reminders"] = {
    "task": "notifications.send_fulfillment_reminders",
    "schedule": 600.0,
    "options": {"expires": 540},
}

# [settlement]
from celery.schedules import crontab  # noqa: E402

MARKETPLACE_DEFAULT_COMMISSION_PERCENT = env.int(
    "MARKETPLACE_DEFAULT_COMMISSION_PERCENT", default=5
)
# A shipped fulfilment's share becomes payable this many days after shipping if nobody marks it
# delivered (couriers' tracking is not always updated in the villages).
SETTLEMENT_RELEASE_AFTER_SHIPPED_DAYS = env.int("SETTLEMENT_RELEASE_AFTER_SHIPPED_DAYS", default=7)
SETTLEMENT_PAYOUT_MINIMUM = env.int("SETTLEMENT_PAYOUT_MINIMUM", default=50_000)
SETTLEMENT_PAYOUT_GATEWAY = env.str("SETTLEMENT_PAYOUT_GATEWAY", default="bank_csv")
CELERY_BEAT_SCHEDULE["settlement-weekly-payout-run"] = {
    "task": "marketplace.settlement.tasks.run_scheduled_payouts",
    "schedule": crontab(
        minute=0,
        hour=env.int("SETTLEMENT_PAYOUT_HOUR", default=6),
        day_of_week=env.str("SETTLEMENT_PAYOUT_DAY_OF_WEEK", default="mon"),
    ),
}
CELERY_BEAT_SCHEDULE["settlement-release-shipped"] = {
    "task": "marketplace.settlement.tasks.release_shipped_fulfillments",
    "schedule": crontab(minute=15),
}
CELERY_BEAT_SCHEDULE["settlement-reconcile-ledger"] = {
    "task": "marketplace.settlement.tasks.reconcile_ledger",
    "schedule": crontab(minute=30, hour=1),
}

# [graphql]
GRAPHQL_MAX_DEPTH = env.int("GRAPHQL_MAX_DEPTH", default=12)
GRAPHQL_MAX_COST = env.int("GRAPHQL_MAX_COST", default=50_000)
JWT_TTL_ACCESS_MINUTES = env.int("JWT_TTL_ACCESS_MINUTES", default=5)
JWT_TTL_REFRESH_DAYS = env.int("JWT_TTL_REFRESH_DAYS", default=30)
GRAPHQL_MAX_ALIASES = env.int("GRAPHQL_MAX_ALIASES", default=100)
GRAPHQL_MAX_BODY_BYTES = env.int("GRAPHQL_MAX_BODY_BYTES", default=256 * 1024)
GRAPHQL_MAX_TOKENS = env.int("GRAPHQL_MAX_TOKENS", default=10_000)

# [curation]
MEMBER_INVITATION_DAYS = env.int("MEMBER_INVITATION_DAYS", default=7)
REPORT_TOP_LIMIT = env.int("REPORT_TOP_LIMIT", default=10)

# [storefront]
# Catalog fragments (product grids, product details) are cached this long; 0 turns caching off.
STOREFRONT_CACHE_SECONDS = env.int("STOREFRONT_CACHE_SECONDS", default=60)

# [media storage]
INSTALLED_APPS += ["marketplace.backups"]  # manage.py backup / restore
# "local" (the default, `make run`): photos under MEDIA_ROOT, proofs under PAYMENT_PROOF_ROOT.
# "s3": photos and thumbnails in MEDIA_S3_BUCKET (publicly readable), payment proofs in the private
# PROOF_S3_BUCKET behind presigned URLs valid PROOF_URL_EXPIRE_SECONDS; any S3-compatible service
# (AWS S3, MinIO, Cloudflare R2, Indonesian providers) through AWS_S3_ENDPOINT_URL.
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="local")
PROOF_URL_EXPIRE_SECONDS = env.int("PROOF_URL_EXPIRE_SECONDS", default=300)
if MEDIA_STORAGE == "s3":
    from marketplace.core.storage import s3_storages  # noqa: E402

    STORAGES.update(
        s3_storages(
            endpoint_url=env.str("AWS_S3_ENDPOINT_URL", default=""),
            access_key=env.str("AWS_ACCESS_KEY_ID", default=""),
            secret_key=env.str("AWS_SECRET_ACCESS_KEY", default=""),
            region=env.str("AWS_S3_REGION_NAME", default="ap-southeast-3"),
            media_bucket=env.str("MEDIA_S3_BUCKET", default="pasar-media"),
            proof_bucket=env.str("PROOF_S3_BUCKET", default="pasar-proofs"),
            media_custom_domain=env.str("MEDIA_S3_CUSTOM_DOMAIN", default=""),
            media_acl=env.str("MEDIA_S3_ACL", default="public-read"),
            proof_url_expire=PROOF_URL_EXPIRE_SECONDS,
            addressing_style=env.str("AWS_S3_ADDRESSING_STYLE", default="path"),
        )
    )
elif MEDIA_STORAGE != "local":
    raise ImproperlyConfigured('MEDIA_STORAGE must be "local" or "s3"')

# [saleor transaction API]
# Saleor's dummy payment gateway (``saleor.io.dummy-payment-app``), which marks an order paid
# without money moving, for driving Saleor's storefront in tests. Off by default, and refused
# whenever DEBUG is off, whatever this says.
PAYMENT_TEST_GATEWAY_ENABLED = env.bool("PAYMENT_TEST_GATEWAY_ENABLED", default=False)

# [whatsapp-inbound] members answer notices by WhatsApp (docs/WHATSAPP.md)
# The generic gateway signs what it posts to /whatsapp/inbound/ as we sign what we send it.
NOTIFICATION_INBOUND_SECRET = env.str(
    "NOTIFICATION_INBOUND_SECRET", default=NOTIFICATION_GATEWAY_SECRET
)
NOTIFICATION_INBOUND_TOLERANCE_SECONDS = env.int(
    "NOTIFICATION_INBOUND_TOLERANCE_SECONDS", default=300
)
# Fonnte's webhook is unsigned: its URL is /whatsapp/fonnte/<this token>/ (empty: turned off).
NOTIFICATION_FONNTE_WEBHOOK_TOKEN = env.str("NOTIFICATION_FONNTE_WEBHOOK_TOKEN", default="")
NOTIFICATION_FONNTE_DEVICE = env.str("NOTIFICATION_FONNTE_DEVICE", default="")  # e.g. 6281...
NOTIFICATION_FONNTE_DEDUPE_WINDOW_SECONDS = env.int(
    "NOTIFICATION_FONNTE_DEDUPE_WINDOW_SECONDS", default=600
)
CELERY_BEAT_SCHEDULE["notifications-morning-digest"] = {
    "task": "notifications.send_morning_digests",
    "schedule": crontab(minute=0, hour=env.int("NOTIFICATION_DIGEST_HOUR", default=7)),
    "options": {"expires": 3 * 3600},
}

# [operations: sign-in throttling, security headers, metrics, logs, pooling]
# Sign-ins (storefront, portal, admin, API tokenCreate) share one rule through django-axes: an
# account is delayed after LOGIN_FAILURE_LIMIT failures in LOGIN_LOCKOUT_MINUTES, an address
# after LOGIN_ADDRESS_FAILURE_LIMIT (higher: carriers put many phones behind one address); the
# right password is refused too until the lock ends. Staff unlock from the user list.
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=10)
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=50)
LOGIN_LOCKOUT_MINUTES = env.int("LOGIN_LOCKOUT_MINUTES", default=15)
PASSWORD_RESET_ACCOUNT_LIMIT = env.int("PASSWORD_RESET_ACCOUNT_LIMIT", default=3)
PASSWORD_RESET_ADDRESS_LIMIT = env.int("PASSWORD_RESET_ADDRESS_LIMIT", default=10)
BEHIND_TLS_PROXY = env.bool("BEHIND_TLS_PROXY", default=False)
# Behind BEHIND_TLS_PROXY: how many proxies of ours append to X-Forwarded-For (the client's
# address is that many entries from the right; anything further left the client wrote).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
INSTALLED_APPS += ["axes", "django_prometheus"]
AUTHENTICATION_BACKENDS.insert(0, "marketplace.accounts.backends.LoginThrottleBackend")
from datetime import timedelta as _timedelta  # noqa: E402

AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_HANDLER = "marketplace.accounts.throttle.LoginThrottleHandler"
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = _timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # order matters: the handler's limits
AXES_USERNAME_CALLABLE = "marketplace.accounts.throttle.account_username"
AXES_CLIENT_IP_CALLABLE = "marketplace.accounts.throttle.client_ip"
AXES_LOCKOUT_CALLABLE = "marketplace.accounts.throttle.lockout_response"
AXES_RESET_ON_SUCCESS = False  # the handler clears the account's count (not the address's)
# A try during the lock neither counts nor extends it: the page can say when it ends.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_HTTP_RESPONSE_CODE = 429
AXES_SENSITIVE_PARAMETERS = ["password"]
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False  # staff unlock from the user list (audit-logged), not axes' own admin

# Content-Security-Policy (django-csp) and Permissions-Policy: see marketplace/core/security.py.
from csp.constants import NONCE as _CSP_NONCE  # noqa: E402
from csp.constants import NONE as _CSP_NONE  # noqa: E402
from csp.constants import SELF as _CSP_SELF  # noqa: E402

CSP_EXTRA_IMG_SRC = env.list("CSP_EXTRA_IMG_SRC", default=[])  # e.g. the S3 media origin
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_CSP_SELF],
        "script-src": [_CSP_SELF, _CSP_NONCE],
        # Inline style attributes stay allowed (no script runs from them); scripts never.
        "style-src": [_CSP_SELF, "'unsafe-inline'"],
        "img-src": [_CSP_SELF, "data:", "blob:", *CSP_EXTRA_IMG_SRC],
        "font-src": [_CSP_SELF, "data:"],
        "connect-src": [_CSP_SELF],
        "frame-src": [_CSP_NONE],
        "object-src": [_CSP_NONE],
        "base-uri": [_CSP_SELF],
        "form-action": [_CSP_SELF],
        "frame-ancestors": [_CSP_NONE],
    },
}
CSP_ADMIN_PREFIX = "/admin/"
CSP_ADMIN_EXTRA = {"script-src": ["'unsafe-eval'"]}  # Alpine.js in django-unfold
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "usb": [],
    "serial": [],
    "bluetooth": [],
    "midi": [],
    "magnetometer": [],
    "gyroscope": [],
    "accelerometer": [],
    "interest-cohort": [],
    "payment": ["self", '"https://js.stripe.com"'],
}

# Metrics at /metrics for Prometheus (Authorization: Bearer METRICS_TOKEN; unset: no page).
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
METRICS_CACHE_SECONDS = env.int("METRICS_CACHE_SECONDS", default=10)
MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    *MIDDLEWARE[:1],
    "marketplace.core.security.PermissionsPolicyMiddleware",
    "marketplace.core.security.SiteCSPMiddleware",
    *MIDDLEWARE[1:],
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

# LOG_FORMAT=json: one JSON object per line (python-json-logger), for log collectors.
LOG_FORMAT = env.str("LOG_FORMAT", default="plain")
if LOG_FORMAT == "json":
    LOGGING["formatters"]["json"] = {
        "()": "pythonjsonlogger.json.JsonFormatter",
        "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
        "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
    }
    LOGGING["handlers"]["console"]["formatter"] = "json"

# Behind PgBouncer in transaction mode (README "Behind PgBouncer"): DATABASE_POOLER=transaction
# turns off what needs one server connection per client connection: prepared statements and
# server-side cursors (.iterator()).
if env.str("DATABASE_POOLER", default="") == "transaction":
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"]["OPTIONS"]["prepare_threshold"] = None

# [payments: issue 17] QRIS, virtual accounts, e-wallets (Midtrans Core API) and cash on delivery.
# Midtrans methods are offered only when MIDTRANS_SERVER_KEY is set. MIDTRANS_API_BASE_URL is
# Midtrans' own Core API address (sandbox unless MIDTRANS_IS_PRODUCTION); tests point it at a
# loopback server.
MIDTRANS_SERVER_KEY = env.str("MIDTRANS_SERVER_KEY", default="")
MIDTRANS_IS_PRODUCTION = env.bool("MIDTRANS_IS_PRODUCTION", default=False)
MIDTRANS_API_BASE_URL = env.str(
    "MIDTRANS_API_BASE_URL",
    default="https://api.midtrans.com"
    if MIDTRANS_IS_PRODUCTION
    else "https://api.sandbox.midtrans.com",
)
MIDTRANS_TIMEOUT_SECONDS = env.int("MIDTRANS_TIMEOUT_SECONDS", default=15)
# Channels offered (Midtrans names): qris, bca, bni, bri, permata, mandiri, gopay, shopeepay,
# and the convenience-store payment codes indomaret, alfamart.
MIDTRANS_CHANNELS = env.list(
    "MIDTRANS_CHANNELS",
    default=[
        "qris",
        "bca",
        "bni",
        "bri",
        "permata",
        "mandiri",
        "gopay",
        "shopeepay",
        "indomaret",
        "alfamart",
    ],
)
# Midtrans' expiry of a QR / virtual account; never later than the order's own expiry.
MIDTRANS_EXPIRY_MINUTES = env.int("MIDTRANS_EXPIRY_MINUTES", default=60)
# Xendit (Payments API v2, payment requests) through the official ``xendit-python`` client; its
# methods are offered only when XENDIT_SECRET_KEY is set. XENDIT_CALLBACK_TOKEN is the dashboard's
# verification token that every callback carries in its ``x-callback-token`` header.
XENDIT_SECRET_KEY = env.str("XENDIT_SECRET_KEY", default="")
XENDIT_CALLBACK_TOKEN = env.str("XENDIT_CALLBACK_TOKEN", default="")
XENDIT_API_BASE_URL = env.str("XENDIT_API_BASE_URL", default="https://api.xendit.co")
XENDIT_TIMEOUT_SECONDS = env.int("XENDIT_TIMEOUT_SECONDS", default=15)
# Channels offered (our names): qris, bca, bni, bri, mandiri, permata, ovo, dana, shopeepay,
# linkaja.
XENDIT_CHANNELS = env.list(
    "XENDIT_CHANNELS",
    default=[
        "qris",
        "bca",
        "bni",
        "bri",
        "mandiri",
        "permata",
        "ovo",
        "dana",
        "shopeepay",
        "linkaja",
    ],
)
XENDIT_EXPIRY_MINUTES = env.int("XENDIT_EXPIRY_MINUTES", default=60)
# Which provider serves QRIS / virtual accounts / e-wallets on the storefront when both are
# configured: "midtrans" or "xendit"; empty = Midtrans when configured, else Xendit.
ONLINE_PAYMENT_GATEWAY = env.str("ONLINE_PAYMENT_GATEWAY", default="")
# Cash on delivery: offered for orders up to this total (Rp), to groups that opted in; 0 = off.
COD_MAX_ORDER_TOTAL = env.int("COD_MAX_ORDER_TOTAL", default=500_000)
# --- Issue 18: partners (kemitraan), wholesale offers ---------------------------------------
INSTALLED_APPS += ["marketplace.partners"]
CELERY_BEAT_SCHEDULE["partners-invoice-reminders"] = {
    "task": "marketplace.partners.tasks.send_invoice_reminders_task",
    "schedule": 6 * 3600.0,  # the outbox sends each reminder once per invoice and recipient
}
CELERY_BEAT_SCHEDULE["partners-refresh-partnerships"] = {
    "task": "marketplace.partners.tasks.refresh_partnerships_task",
    "schedule": 24 * 3600.0,
}
# Pay groups their share of a credit PO when they deliver, before the partner pays (the platform
# carries the credit risk; see docs/ARCHITECTURE.md "Partners and wholesale").
PARTNER_ADVANCE_ON_DELIVERY = env.bool("PARTNER_ADVANCE_ON_DELIVERY", default=False)
# [issue 19: notices within two seconds] A delivery task sends up to this many due rows at once
# (its own first, then the most urgent others), over one reused SMTP connection.
NOTIFICATION_BATCH_SIZE = env.int("NOTIFICATION_BATCH_SIZE", default=50)
# Issue 21 - shipping through an aggregator (marketplace/shipping, docs/SHIPPING.md).
# Without BITESHIP_API_KEY the province rate table prices every parcel, as before.
INSTALLED_APPS += ["marketplace.shipping"]
# "auto": Biteship when its key is set, else the rate table; "rate_table" forces the table.
SHIPPING_PROVIDER = env.str("SHIPPING_PROVIDER", default="auto")
BITESHIP_API_KEY = env.str("BITESHIP_API_KEY", default="")
BITESHIP_API_BASE_URL = env.str("BITESHIP_API_BASE_URL", default="https://api.biteship.com")
BITESHIP_COURIERS = env.str("BITESHIP_COURIERS", default="jne,jnt,sicepat,anteraja,pos")
# Biteship sends this header with the value set in its dashboard on every webhook call.
BITESHIP_WEBHOOK_HEADER = env.str("BITESHIP_WEBHOOK_HEADER", default="X-Biteship-Signature")
BITESHIP_WEBHOOK_SECRET = env.str("BITESHIP_WEBHOOK_SECRET", default="")
SHIPPING_QUOTE_TIMEOUT_SECONDS = env.float("SHIPPING_QUOTE_TIMEOUT_SECONDS", default=3.0)
SHIPPING_QUOTE_CACHE_SECONDS = env.int("SHIPPING_QUOTE_CACHE_SECONDS", default=600)
SHIPPING_BOOKING_TIMEOUT_SECONDS = env.float("SHIPPING_BOOKING_TIMEOUT_SECONDS", default=15.0)
