"""Site-wide views: health, error pages, static pages."""

import logging
import sys

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.cache_keys import HEALTHZ_PROBE
from config.celery import app
from operations.selectors import beat_last_dispatch_at

logger = logging.getLogger(__name__)


def _check_database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("healthz: database check failed")
        return False


def _check_cache() -> bool:
    # The cache answers from process memory while Redis is away: ask Redis itself.
    ping = getattr(cache, "ping", None)
    try:
        if ping is not None:
            return ping()
        cache.set(HEALTHZ_PROBE.key(), "ok", HEALTHZ_PROBE.timeout)
        return cache.get(HEALTHZ_PROBE.key()) == "ok"
    except Exception:
        logger.exception("healthz: cache check failed")
        return False


def _check_broker() -> bool:
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        logger.exception("healthz: broker check failed")
        return False


def _beat_freshness() -> dict:
    """Seconds since beat last sent a scheduled task, and whether that is too long."""
    try:
        last = beat_last_dispatch_at()
    except Exception:
        logger.exception("healthz: beat freshness could not be read")
        return {"state": "unknown"}
    if last is None:
        return {"state": "stale", "last_dispatch_seconds_ago": None}
    age = (timezone.now() - last).total_seconds()
    state = "ok" if age <= settings.BEAT_STALE_AFTER else "stale"
    return {"state": state, "last_dispatch_seconds_ago": round(age)}


@never_cache
@require_GET
def healthz(request):
    """Report database and, when configured, broker and cache health as JSON, with beat's
    freshness. Only the services this process needs decide the status code: a load balancer
    must not take web processes out for a silent scheduler (alert on it instead)."""
    checks = {"database": _check_database()}
    if settings.REDIS_URL:
        checks["cache"] = _check_cache()
        checks["broker"] = _check_broker()
    healthy = all(checks.values())
    body = {
        "status": "ok" if healthy else "error",
        "checks": {name: "ok" if ok else "error" for name, ok in checks.items()},
    }
    if settings.REDIS_URL:  # beat runs only beside a broker; without one tasks run in-process
        body["beat"] = _beat_freshness()
    return JsonResponse(body, status=200 if healthy else 503)


def rate_limited(request, exception=None):
    """The friendly page for any rate limit (django-ratelimit and allauth alike)."""
    return render(request, "429.html", status=429)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


# The database is away (restarting, unreachable): the page says so and asks for a moment.
DATABASE_AWAY = (OperationalError, InterfaceError)


def server_error(request):
    """Hearth's own error page, rendered from the template alone: no request context, so no
    session, database or cache is read (any of them may be what failed). 503 with Retry-After
    while the database is away, 500 otherwise."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_AWAY):
        status = 503
        title = _("Hearth is taking a short break")
        message = _("We cannot reach our database for a moment. Please try again shortly.")
    else:
        status = 500
        title = _("Something went wrong on our side")
        message = _("Sorry. That did not work, and it is not your fault.")
    context = {
        "status": status,
        "title": title,
        "message": message,
        "site_name": settings.SITE_NAME,
        "language_code": get_language() or settings.LANGUAGE_CODE,
    }
    try:
        body = loader.get_template("500.html").render(context)
    except Exception:
        logger.exception("the error page itself failed to render")
        body = f"<!DOCTYPE html><title>{escape(title)}</title><h1>{escape(title)}</h1>"
        body += f"<p>{escape(message)}</p>"
    response = HttpResponse(body, status=status)
    if status == 503:
        response["Retry-After"] = "30"
    return response


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def privacy(request):
    return render(request, "pages/privacy.html")
