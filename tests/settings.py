"""Test settings: the real settings, with tasks run at once and fast hashing."""

import os

os.environ.setdefault("WIEC_TESTING", "1")
# Playwright's sync API runs an event loop in the test thread; the tests' own
# database access there is safe (pytest-django gives each test its database).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from wiec.settings import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Municipalities are served at subdomains of the network's domain (localhost here).
ALLOWED_HOSTS = ["127.0.0.1", "localhost", ".localhost", "testserver"]
WIEC_NETWORK_DOMAIN = "localhost"
# The test client and the browser tests' live server speak plain HTTP.
SECURE_SSL_REDIRECT = False
# Each test process keeps its counters in memory: the autouse fixtures that clear
# them must not need a database (production shares them in the database cache).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
