import time

from operations.metrics import REQUEST_LATENCY


class RequestLatencyMiddleware:
    """Observe each request's duration by view name (a bounded set) and status class."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        view = match.view_name if match is not None else "unmatched"
        REQUEST_LATENCY.labels(view=view, status=f"{response.status_code // 100}xx").observe(
            time.perf_counter() - started
        )
        return response
