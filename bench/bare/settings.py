"""A bare Django project: the honest reference for bench/web_bench.py.

No Hearth app, middleware or context processor: one view, one query, one template, served by
the same gunicorn settings from the same database. What Hearth's pages cost above this is
what every request pays for sessions, CSRF, security headers, banners and layout.
"""

import os

import dj_database_url

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "bench-only-secret-key-not-for-production")
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.bare.urls"
WSGI_APPLICATION = "bench.bare.wsgi.application"
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hearth_bench"),
        conn_max_age=60,
    )
}
# The database options Hearth runs with (config/settings.py): statements a connection repeats
# are prepared, so neither side pays for planning on every request.
DATABASES["default"]["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 2}
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [os.path.join(os.path.dirname(__file__), "templates")],
        "OPTIONS": {"context_processors": []},
    }
]
USE_TZ = True
TIME_ZONE = "UTC"
USE_I18N = False
