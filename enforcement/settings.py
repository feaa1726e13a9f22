"""Settings for 应急管理行政执法办案平台, driven by the environment (see .env.example)."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from celery.schedules import crontab

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DJANGO_DEBUG", False)


def _local_secret_key(var_dir: Path) -> str:
    """A random key kept in ``var/secret-key`` (mode 0600) for runs that set no DJANGO_SECRET_KEY.

    Lets ``manage.py`` commands and the demo run from a bare shell without a shared, guessable key;
    production sets DJANGO_SECRET_KEY (see .env.example) so every container signs with the same key.
    """
    import os
    import secrets

    path = var_dir / "secret-key"
    if path.exists():
        return path.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process (worker, beat) wrote it first
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


SECRET_KEY = env_str("DJANGO_SECRET_KEY", "") or _local_secret_key(VAR_DIR)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "enforcement.admin_site.PlatformAdminConfig",  # django.contrib.admin, superuser only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "django_htmx",
    "axes",
    "csp",
    "enforcement.core",
    "training",
    "discretion",
    "inspections",
    "cases",
    "supervision",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "enforcement.core.middleware.request_context.RequestContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # an account with an administrator's temporary password sets its own before anything else
    "enforcement.core.middleware.passwords.PasswordChangeRequiredMiddleware",
    # after auth (the pages show the shell) and CommonMiddleware (missing slashes still redirect)
    "enforcement.core.middleware.errors.ErrorPagesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # axes must be last so it sees the result of authentication
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "enforcement.urls"
CSRF_FAILURE_VIEW = "enforcement.core.views.errors.csrf_failure"
WSGI_APPLICATION = "enforcement.wsgi.application"

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
                "enforcement.core.context_processors.navigation",
                "enforcement.core.context_processors.unread_count",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
_default_sqlite = f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL", _default_sqlite), conn_max_age=0)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # Web, worker and beat write at once in the demo: WAL and immediate transactions avoid
    # "database is locked" (OPS-NOTES).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    # axes first: it refuses a locked-out username/address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend that loads the user's agency with the user (navbar, scope checks): one query less.
    "enforcement.core.auth_backends.AgencyModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# The platform's password policy (rules/passwords.py): ≥ 10 characters, ≥ 3 of 4 character classes, not
# the username or name, none of the last 5; plus Django's list of common passwords. The services check
# passwords through these validators, so Django's forms and the product's pages agree.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "enforcement.core.password_validation.PolicyValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "enforcement.core.password_validation.HistoryValidator"},
]
if env_bool("FAST_PASSWORD_HASHER", False):
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

# guardian creates an anonymous user row after migrate; our User has only optional extras.
ANONYMOUS_USER_NAME = "AnonymousUser"
GUARDIAN_RAISE_403 = False

# --- Locale and time ------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Imports with more data rows than this run as a Celery task with a progress page (core.services.imports).
IMPORT_INLINE_MAX_ROWS = int(env_str("IMPORT_INLINE_MAX_ROWS", "1000"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("SIMPLE_STATIC", False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- REST API -------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first so that an anonymous call gets 401 with a WWW-Authenticate header.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "enforcement.core.api.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "enforcement.core.api.pagination.IdCursorPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "enforcement.core.api.errors.exception_handler",
    "DEFAULT_PARSER_CLASSES": [
        "enforcement.core.api.parsers.LimitedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "应急管理行政执法办案平台 API",
    "DESCRIPTION": "REST API v1 of the enforcement case-management platform.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    # Swagger UI's default validatorUrl makes every browser fetch a badge from validator.swagger.io.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several models have a field named "status"; give each choice set its own schema name.
    "ENUM_NAME_OVERRIDES": {
        "DeadlineStatusEnum": "enforcement.core.models.deadlines.DeadlineStatus",
        "ItemStatusEnum": "enforcement.core.models.catalog.ItemStatus",
        "CreditStatusEnum": "enforcement.core.models.enterprise.CreditStatus",
        "CertificateStatusEnum": "training.choices.CertificateStatus",
        "HazardStatusEnum": "inspections.choices.HazardStatus",
        "HazardLevelEnum": "inspections.choices.HazardLevel",
        "InspectionStatusEnum": "inspections.choices.InspectionStatus",
        "DrawStatusEnum": "inspections.choices.DrawStatus",
        "JointStatusEnum": "inspections.choices.JointStatus",
        "DrawStratifyFieldEnum": "inspections.choices.DrawStratifyField",
        "ReviewGradeEnum": "supervision.choices.Grade",
        "FileReviewStatusEnum": "supervision.choices.ReviewStatus",
        "AnnualReportStatusEnum": "supervision.models_report.ReportStatus",
        "EfficacyEvaluationStatusEnum": "supervision.models.efficacy.EvaluationStatus",
    },
}

# --- Celery ---------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {}
else:
    _broker_dir = VAR_DIR / "celery"
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "control_folder": str(_broker_dir / "control"),
        "processed_folder": str(_broker_dir / "processed"),
        "store_processed": False,
    }
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "scan-deadlines-daily": {
        "task": "enforcement.core.tasks.scan_deadlines_task",
        "schedule": crontab(hour=7, minute=0),
        "options": {"expires": 60 * 60 * 12},
    },
    "check-calendar-coverage-daily": {
        "task": "enforcement.core.tasks.check_calendar_coverage_task",
        "schedule": crontab(hour=6, minute=30),
        "options": {"expires": 60 * 60 * 12},
    },
    "app-daily-jobs": {
        "task": "enforcement.core.tasks.run_app_daily_jobs_task",
        "schedule": crontab(hour=6, minute=50),
        "options": {"expires": 60 * 60 * 12},
    },
    "training-hours-deadlines-daily": {
        "task": "training.tasks.open_training_hours_deadlines_task",
        "schedule": crontab(hour=6, minute=40),
        "options": {"expires": 60 * 60 * 12},
    },
    "supervision-rectifications-daily": {
        "task": "supervision.tasks.escalate_rectifications_task",
        "schedule": crontab(hour=6, minute=50),
        "options": {"expires": 60 * 60 * 12},
    },
    # 行政执法统计年报 of the previous year, due by 31 January (spec §10): built on 25 January.
    "annual-statistics-report-january": {
        "task": "supervision.tasks.schedule_annual_reports_task",
        "schedule": crontab(hour=2, minute=30, day_of_month=25, month_of_year=1),
        "options": {"expires": 60 * 60 * 12},
    },
    # 执法效能评估 of the half-year just ended (spec §8 every half year; §10 half-year summaries by 7月5日 /
    # 1月5日): built on 5 July and 5 January.
    "efficacy-evaluation-half-yearly": {
        "task": "supervision.tasks.build_due_efficacy_evaluations_task",
        "schedule": crontab(hour=3, minute=0, day_of_month=5, month_of_year="1,7"),
        "options": {"expires": 60 * 60 * 12},
    },
}

# --- Mail -----------------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@yjzf.example.gov.cn")

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)  # one working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preloading is a one-way commitment the bureau's domain owner must make; we do not opt in.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

# django-axes: lock a username from an address after repeated failures.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_ENABLED = env_bool("AXES_ENABLED", True)
# Behind a reverse proxy every request comes from the proxy: take the client from X-Forwarded-For.
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "enforcement.core.client_ip.client_ip"

# --- Platform -------------------------------------------------------------------------------
PLATFORM_NAME = "应急管理行政执法办案平台"
DOCUMENT_FONT_FAMILY = env_str("DOCUMENT_FONT_FAMILY", '"Noto Serif CJK SC", "Noto Sans CJK SC", serif')

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # weasyprint logs every rendering step at INFO (progress) — too chatty for a log per PDF.
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
