"""Fixtures of the accounts tests."""

import pytest


@pytest.fixture
def pesel_policy(policy):
    """The city's default proof, asking for a PESEL."""
    policy.ask_pesel = True
    policy.save()
    return policy


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts sign-ups per address in the cache; each test starts from none."""
    from django.core.cache import cache

    cache.clear()
