"""Migration 0003_notify keeps the three old e-mail switches as per-kind choices."""

from __future__ import annotations

from django.db.migrations.executor import MigrationExecutor

BEFORE = [("accounts", "0002_identity_normalisation")]
AFTER = [("accounts", "0003_notify")]


def test_old_switches_become_per_kind_preferences(migration_db):
    executor = MigrationExecutor(migration_db)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("accounts", "User")
    quiet = old.objects.create(
        email="cicha@example.org",
        email_on_status=False,
        email_on_followed=True,
        email_on_news=True,
    )
    executor = MigrationExecutor(migration_db)
    executor.migrate(AFTER)

    from wiec.accounts.models import User

    user = User.objects.get(pk=quiet.pk)
    assert user.email_kinds == {"status": False, "followed": True, "news": True}
    assert not user.wants_email("status")
    assert user.wants_email("news") and user.wants_email("followed")
    assert user.email_delivery == "immediately"
