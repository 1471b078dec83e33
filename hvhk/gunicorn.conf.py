"""gunicorn's settings for the web container (docker-compose.yml: `gunicorn -c hvhk/gunicorn.conf.py`).

The access log goes to stdout and the error log to stderr, both through `kern.logboek.GunicornLogger`,
which masks the private links of families (/opvang/aanvraag/<token>/) in every line. The usual
gunicorn environment still applies (GUNICORN_CMD_ARGS, WEB_CONCURRENCY).
"""

import os

# In the container the port is published by docker; outside it, set GUNICORN_BIND.
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = 60
accesslog = "-"
errorlog = "-"
logger_class = "kern.logboek.GunicornLogger"
