"""gunicorn settings: the access log leaves out the client address (we keep no raw IPs).

Worker model: `gthread`, one process per CPU core, each with a few threads. A request spends
much of its time waiting on PostgreSQL (and Redis); threads let a process serve another request
meanwhile, where a sync worker sits idle, so a burst of posting queues far less behind slow
requests. Processes, not more threads, bring more CPU: `WEB_CONCURRENCY` sets how many
(default: the CPU count), `GUNICORN_THREADS` the threads in each (default 4). Each thread keeps
its own database connection: workers × threads connections per host.
"""

import gc
import multiprocessing
import os
import tempfile

# Request-latency metrics from every worker add up in one scrape (operations/metrics.py). Set
# before any worker imports prometheus_client; a fresh folder per master, so no stale figures.
os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", tempfile.mkdtemp(prefix="hearth-metrics-"))

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", str(multiprocessing.cpu_count())))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A request that takes longer than this is killed (and its worker restarted): a stuck query
# must not hold a worker forever.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
accesslog = "-"
access_log_format = '"%(r)s" %(s)s %(b)s %(M)sms'


def post_worker_init(worker):
    """Move everything loaded so far (Django, the URLconf, templates, compiled queries) out of
    the garbage collector's reach: a full collection of those ~150,000 long-lived objects
    takes ~55 ms and otherwise lands on a request every hundred or so."""
    gc.freeze()


def child_exit(server, worker):
    """Drop an exited worker's live gauges from the shared metrics folder."""
    from prometheus_client import multiprocess  # noqa: PLC0415  (only once PROMETHEUS_MULTIPROC_DIR is set)

    multiprocess.mark_process_dead(worker.pid)
