"""gunicorn settings for quizapp in production.

Run: gunicorn -c gunicorn.conf.py "quizapp:create_app()"  (or: quizapp serve --prod)
Every value can be overridden from the environment (QUIZAPP_BIND, QUIZAPP_WORKERS, ...).
"""

import multiprocessing
import os

bind = os.environ.get("QUIZAPP_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("QUIZAPP_WORKERS", multiprocessing.cpu_count() * 2))
threads = int(os.environ.get("QUIZAPP_THREADS", 2))
timeout = int(os.environ.get("QUIZAPP_TIMEOUT", 30))
graceful_timeout = 20
keepalive = 5
# Workers are recycled now and then so a slow leak cannot grow without bound.
max_requests = 5000
max_requests_jitter = 500
# The app logs its own JSON lines with request ids; gunicorn's access log would repeat them.
accesslog = None
errorlog = "-"
forwarded_allow_ips = os.environ.get("QUIZAPP_FORWARDED_ALLOW_IPS", "127.0.0.1")
