import hmac

from django.conf import settings
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST

from operations.metrics import render_metrics


def _may_scrape(request) -> bool:
    token = settings.METRICS_TOKEN
    if token:
        supplied = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if supplied and hmac.compare_digest(supplied.encode(), token.encode()):
            return True
    # The address is compared, never stored or logged.
    return request.META.get("REMOTE_ADDR") in settings.METRICS_ALLOWED_ADDRESSES


@never_cache
@require_GET
def metrics(request):
    """Prometheus metrics for the token holder or an allowed address; 404 for anyone else."""
    if not _may_scrape(request):
        raise Http404  # do not confirm to the world that the endpoint exists
    return HttpResponse(render_metrics(), content_type=CONTENT_TYPE_LATEST)
