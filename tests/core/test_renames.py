"""Models renamed in the migration state only: no SQL, the same tables and rows, and
the content types and permissions follow the new name both ways."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# (app, the renaming migration, the one before it, [(old, new, table)])
RENAMES = [
    (
        "budgets",
        "0019_rename_models",
        "0018_api_orderings",
        [("Phase", "EditionPhase", "budgets_phase"), ("Vote", "BallotChoice", "budgets_vote")],
    ),
    (
        "panels",
        "0007_rename_models",
        "0006_slug_per_city",
        [
            ("Vote", "RecommendationVote", "panels_vote"),
            ("ImplementationUpdate", "RecommendationUpdate", "panels_implementationupdate"),
        ],
    ),
    (
        "consultations",
        "0010_rename_models",
        "0009_request_support_to_commons",
        [("Choice", "SurveyOption", "consultations_choice")],
    ),
    (
        "commitments",
        "0006_rename_models",
        "0005_yearly_report",
        [
            ("Follow", "CommitmentFollow", "commitments_follow"),
            ("Question", "MonitoringQuestion", "commitments_question"),
            (
                "EvaluationInvitation",
                "ProcessEvaluationInvitation",
                "commitments_evaluationinvitation",
            ),
        ],
    ),
    (
        "initiatives",
        "0005_rename_models",
        "0004_incubator",
        [("Pool", "InitiativePool", "initiatives_pool")],
    ),
]


def _sql(app: str, migration: str, *, backwards: bool = False) -> list[str]:
    out = io.StringIO()
    call_command("sqlmigrate", app, migration, backwards=backwards, stdout=out)
    lines = [line.strip() for line in out.getvalue().splitlines()]
    return [line for line in lines if line and not line.startswith("--")]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("app", "migration", "before", "models"), RENAMES)
def test_the_renaming_migration_emits_no_sql(app, migration, before, models):
    assert _sql(app, migration) in ([], ["BEGIN;", "COMMIT;"])
    assert _sql(app, migration, backwards=True) in ([], ["BEGIN;", "COMMIT;"])


@pytest.fixture
def back_to_the_latest():
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _state(app: str, name: str) -> tuple[bool, set[str]]:
    kind = ContentType.objects.filter(app_label=app, model=name.lower()).first()
    perms = set(Permission.objects.filter(content_type=kind).values_list("codename", flat=True))
    return kind is not None, perms


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("app", "migration", "before", "models"), RENAMES)
def test_content_types_and_permissions_follow_the_name_both_ways(
    app, migration, before, models, back_to_the_latest
):
    ContentType.objects.clear_cache()
    for _old, new, _table in models:
        assert _state(app, new)[0], new  # post_migrate made it under the new name
    tables = set(connection.introspection.table_names())
    assert {table for *_names, table in models} <= tables

    MigrationExecutor(connection).migrate([(app, before)])
    ContentType.objects.clear_cache()
    for old, new, _table in models:
        assert _state(app, old) == (
            True,
            {f"{a}_{old.lower()}" for a in ("add", "change", "delete", "view")},
        )
        assert _state(app, new) == (False, set())
    # nothing renamed or dropped (undoing later migrations may bring old tables back)
    assert tables <= set(connection.introspection.table_names())

    MigrationExecutor(connection).migrate([(app, migration)])
    ContentType.objects.clear_cache()
    for old, new, _table in models:
        exists, perms = _state(app, new)
        assert exists and perms == {
            f"{a}_{new.lower()}" for a in ("add", "change", "delete", "view")
        }
        assert not _state(app, old)[0]
        view = Permission.objects.get(content_type__app_label=app, codename=f"view_{new.lower()}")
        assert view.name.startswith("Can view ")
    assert tables <= set(connection.introspection.table_names())
