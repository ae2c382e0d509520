"""Production gunicorn settings: `gunicorn -c gunicorn.conf.py wsgi:app` (`make serve-prod`).

App servers keep no state of their own (data in the database, queue reports and rate limits in
Redis with REDIS_URL, sessions in signed cookies), so any number of them can run behind a proxy.
Every setting can be changed from the environment without editing this file.
"""

import multiprocessing
import os

HOST = os.environ.get("HOST", "127.0.0.1")
bind = os.environ.get("BIND") or f"{HOST}:{os.environ.get('PORT', '8000')}"

# Workers from the CPU count (gunicorn's 2 × cores + 1), threads for requests waiting on I/O.
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))

# A request that takes longer than this is stuck: the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then, so a slow leak can never grow without bound.
max_requests = 20_000
max_requests_jitter = 2_000

# Request lines of any length reach the app (gunicorn's fast parser still stops at 1 MB), which
# answers an address over 64 KB with its own 414 page in the visitor's language rather than
# gunicorn's bare 400; a search box pasted full of text gets its friendly answer.
limit_request_line = 0

# Behind a reverse proxy on another address, list it so X-Forwarded-Proto is trusted
# (and set PROXY_COUNT for the client address; see README "More than one machine").
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Logs hold no personal data: no client address, no query string (coordinates, tokens).
accesslog = os.environ.get("ACCESS_LOG", "-")
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")
