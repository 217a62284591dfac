"""gunicorn settings: the access log leaves out the client address (we keep no raw IPs)."""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
accesslog = "-"
access_log_format = '"%(r)s" %(s)s %(b)s %(M)sms'
