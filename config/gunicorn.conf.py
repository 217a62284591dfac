"""gunicorn settings: the access log leaves out the client address (we keep no raw IPs)."""

import os

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
