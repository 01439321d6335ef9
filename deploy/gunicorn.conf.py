"""gunicorn settings for SC389 (`gunicorn -c /opt/sc389/deploy/gunicorn.conf.py sc389.wsgi:application`)."""

import multiprocessing
import os

bind = os.environ.get("SC389_BIND", "127.0.0.1:8000")
# Sync workers: pages are short database reads; 2 × cores + 1 is gunicorn's rule of thumb.
workers = int(os.environ.get("SC389_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = 1
timeout = 60  # report exports are the longest requests
graceful_timeout = 30
max_requests = 2000  # recycle workers now and then (memory of large exports)
max_requests_jitter = 200
forwarded_allow_ips = "127.0.0.1"
accesslog = None  # SC389 logs one JSON line per request itself (sc389.request), with the request id
errorlog = "-"
