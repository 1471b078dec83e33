"""Test settings: the normal settings with a fixed key, fast hashing, in-memory e-mail and Celery
tasks run in the test's own process.

DATABASE_URL and CELERY_BROKER_URL are honoured, so CI runs the same suite on PostgreSQL and Redis.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-sleutel-niet-voor-productie")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SITE_URL", "http://testserver")

from hvhk.settings import *  # noqa: E402,F403

ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}  # noqa: F405
ACCOUNT_RATE_LIMITS = False
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Tasks run inside the test process (the unit tests need no worker), also when CI sets a broker;
# the integration tests switch to a real worker themselves (tests/integration/). Outside the tests
# a task never runs inside the process that sends it.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
# A code computed just before the 30-second step turns is still accepted when the request lands
# just after it (production keeps allauth's default of the current step only).
MFA_TOTP_TOLERANCE = 1
