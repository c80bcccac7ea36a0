"""Migration 0002_identity_normalisation rewrites stored addresses it safely can."""

from __future__ import annotations

import importlib

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps

from wiec.accounts.models import User

migration = importlib.import_module("wiec.accounts.migrations.0002_identity_normalisation")


@pytest.mark.django_db
def test_stored_spellings_become_the_normal_form_unless_another_row_has_it(make_user):
    lone = make_user(email="ola@example.org", email_verified=None)
    taken = make_user(email="kasia@example.org", email_verified=None)
    clash = make_user(email="other@example.org", email_verified=None)
    User.objects.filter(pk=lone.pk).update(email="OLA@ｅｘａｍｐｌｅ.org")
    User.objects.filter(pk=clash.pk).update(email="kasia@ｅｘａｍｐｌｅ.org")
    EmailAddress.objects.create(user=lone, email="ola@ｅｘａｍｐｌｅ.org", primary=True)
    migration.normalise_emails(apps, None)
    emails = dict(User.objects.values_list("pk", "email"))
    assert emails[lone.pk] == "ola@example.org"
    assert emails[taken.pk] == "kasia@example.org"
    assert emails[clash.pk] == "kasia@ｅｘａｍｐｌｅ.org"  # left for the office
    assert EmailAddress.objects.get(user=lone).email == "ola@example.org"
