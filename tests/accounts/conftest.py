"""Fixtures of the accounts tests."""

import pytest


@pytest.fixture
def pesel_policy(policy):
    """The city's default proof, asking for a PESEL."""
    policy.ask_pesel = True
    policy.save()
    return policy
