"""The suite hashes passwords with MD5 for speed (tests/settings.py); production must not."""

from __future__ import annotations

from django.conf import global_settings

import wiec.settings as production

STRONG = {
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
}


def test_production_hashes_new_passwords_with_a_slow_hasher():
    hashers = getattr(production, "PASSWORD_HASHERS", global_settings.PASSWORD_HASHERS)
    assert hashers[0] in STRONG
    assert not any("MD5" in h or "UnsaltedSHA1" in h for h in hashers)


def test_the_suite_alone_uses_the_fast_one(settings):
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]
