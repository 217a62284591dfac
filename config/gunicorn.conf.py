"""gunicorn settings: the access log leaves out the client address (we keep no raw IPs)."""

import os
import tempfile

# Request-latency metrics from every worker add up in one scrape (operations/metrics.py). Set
# before any worker imports prometheus_client; a fresh folder per master, so no stale figures.
os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", tempfile.mkdtemp(prefix="hearth-metrics-"))

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
accesslog = "-"
access_log_format = '"%(r)s" %(s)s %(b)s %(M)sms'


def post_worker_init(worker):
    """Move everything loaded so far (Django, the URLconf, templates, compiled queries) out of
    the garbage collector's reach: a full collection of those ~150,000 long-lived objects
    takes ~55 ms and otherwise lands on a request every hundred or so."""
    import gc

    gc.freeze()


def child_exit(server, worker):
    """Drop an exited worker's live gauges from the shared metrics folder."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
