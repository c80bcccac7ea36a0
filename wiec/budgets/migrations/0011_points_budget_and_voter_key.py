"""Points bounded in the database; ballot keys that cannot be joined to a person.

1. A cumulative pool has a budget of 1 to 1000 points (a CHECK on the pool), a vote
   carries 1 to 1000 points (a CHECK on the vote), and the votes of one ballot in one
   cumulative pool add up to at most its budget (triggers: see ``Vote``'s docstring).
   Data that breaks these rules stops the migration with a list of what to fix first:
   which budget a pool had, and what to do with a ballot that gave too many points, is
   the city's decision, not a migration's.
2. Every ballot's ``voter_key`` (until now the voter's identity key, the same value as
   ``ResidencyDeclaration.identity_key``) becomes the ballot key, an HMAC with
   ``WIEC_BALLOT_HMAC_KEY`` of the edition and that identity key
   (``wiec.budgets.voting.ballot_key``; the formula is copied here so that this
   migration keeps its meaning if the code changes, and a test holds the two equal).
   The old keys cannot be recovered from the new ones, so this step has no way back.

On SQLite the triggers live on the tables as they are now: a later migration that
rebuilds ``budgets_vote`` or ``budgets_pool`` on SQLite must create them again
(``tests/budgets/test_points_budget.py`` notices).
"""

import hashlib
import hmac

from django.conf import settings
from django.db import migrations, models
from django.db.models import Q, Sum

MAX_POINTS = 1000

POSTGRESQL = [
    """
    CREATE OR REPLACE FUNCTION budgets_vote_within_points_budget() RETURNS trigger AS $$
    BEGIN
        IF EXISTS (
            SELECT 1
            FROM (SELECT DISTINCT ballot_id, pool_id FROM new_votes) AS touched
            JOIN budgets_pool AS pool ON pool.id = touched.pool_id
            WHERE pool.ballot_type = 'cumulative'
              AND (SELECT SUM(vote.points) FROM budgets_vote AS vote
                   WHERE vote.pool_id = touched.pool_id
                     AND vote.ballot_id = touched.ballot_id)
                  > COALESCE(pool.points_budget, 0)
        ) THEN
            RAISE EXCEPTION 'budgets_vote_within_points_budget: too many points'
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
    END;
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER budgets_vote_points_budget_insert AFTER INSERT ON budgets_vote
        REFERENCING NEW TABLE AS new_votes FOR EACH STATEMENT
        EXECUTE FUNCTION budgets_vote_within_points_budget()
    """,
    """
    CREATE TRIGGER budgets_vote_points_budget_update AFTER UPDATE ON budgets_vote
        REFERENCING NEW TABLE AS new_votes FOR EACH STATEMENT
        EXECUTE FUNCTION budgets_vote_within_points_budget()
    """,
    """
    CREATE OR REPLACE FUNCTION budgets_pool_budget_covers_votes() RETURNS trigger AS $$
    BEGIN
        IF EXISTS (
            SELECT 1 FROM budgets_vote WHERE pool_id = NEW.id
            GROUP BY ballot_id HAVING SUM(points) > COALESCE(NEW.points_budget, 0)
        ) THEN
            RAISE EXCEPTION 'budgets_pool_budget_covers_votes: budget below a ballot'
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
    END;
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER budgets_pool_points_budget
        AFTER UPDATE OF ballot_type, points_budget ON budgets_pool FOR EACH ROW
        WHEN (NEW.ballot_type = 'cumulative'
              AND (OLD.ballot_type IS DISTINCT FROM NEW.ballot_type
                   OR OLD.points_budget IS DISTINCT FROM NEW.points_budget))
        EXECUTE FUNCTION budgets_pool_budget_covers_votes()
    """,
]

POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS budgets_pool_points_budget ON budgets_pool",
    "DROP TRIGGER IF EXISTS budgets_vote_points_budget_update ON budgets_vote",
    "DROP TRIGGER IF EXISTS budgets_vote_points_budget_insert ON budgets_vote",
    "DROP FUNCTION IF EXISTS budgets_pool_budget_covers_votes()",
    "DROP FUNCTION IF EXISTS budgets_vote_within_points_budget()",
]

_SQLITE_VOTE_CHECK = """
    WHEN (SELECT ballot_type FROM budgets_pool WHERE id = NEW.pool_id) = 'cumulative'
    BEGIN
        SELECT RAISE(ABORT, 'budgets_vote_within_points_budget: too many points')
        WHERE (SELECT SUM(points) FROM budgets_vote
               WHERE pool_id = NEW.pool_id AND ballot_id = NEW.ballot_id)
              > (SELECT COALESCE(points_budget, 0) FROM budgets_pool WHERE id = NEW.pool_id);
    END
"""

SQLITE = [
    "CREATE TRIGGER budgets_vote_points_budget_insert AFTER INSERT ON budgets_vote"
    + _SQLITE_VOTE_CHECK,
    "CREATE TRIGGER budgets_vote_points_budget_update AFTER UPDATE ON budgets_vote"
    + _SQLITE_VOTE_CHECK,
    """
    CREATE TRIGGER budgets_pool_points_budget
        AFTER UPDATE OF ballot_type, points_budget ON budgets_pool
        WHEN NEW.ballot_type = 'cumulative'
    BEGIN
        SELECT RAISE(ABORT, 'budgets_pool_budget_covers_votes: budget below a ballot')
        WHERE EXISTS (
            SELECT 1 FROM budgets_vote WHERE pool_id = NEW.id
            GROUP BY ballot_id HAVING SUM(points) > COALESCE(NEW.points_budget, 0)
        );
    END
    """,
]

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS budgets_pool_points_budget",
    "DROP TRIGGER IF EXISTS budgets_vote_points_budget_update",
    "DROP TRIGGER IF EXISTS budgets_vote_points_budget_insert",
]


def refuse_points_out_of_bounds(apps, schema_editor):
    """Stop, naming what to fix, if stored pools or votes break the new rules."""
    Pool = apps.get_model("budgets", "Pool")
    Vote = apps.get_model("budgets", "Vote")
    db = schema_editor.connection.alias
    problems = []
    unbudgeted = (
        Pool.objects.using(db)
        .filter(ballot_type="cumulative")
        .exclude(points_budget__gte=1, points_budget__lte=MAX_POINTS)
    )
    problems += [
        f"pool {pool.pk} ({pool.name}): cumulative, set a points_budget of 1 to {MAX_POINTS}"
        for pool in unbudgeted
    ]
    problems += [
        f"vote {pk} (ballot {ballot_id}): {points} points, at most {MAX_POINTS} allowed"
        for pk, ballot_id, points in Vote.objects.using(db)
        .filter(Q(points__gt=MAX_POINTS) | Q(points__lt=1))
        .values_list("pk", "ballot_id", "points")
    ]
    over = (
        Vote.objects.using(db)
        .filter(pool__ballot_type="cumulative", pool__points_budget__isnull=False)
        .values("ballot_id", "pool_id", "pool__points_budget")
        .annotate(points=Sum("points"))
        .filter(points__gt=models.F("pool__points_budget"))
    )
    problems += [
        f"ballot {row['ballot_id']}: {row['points']} points in pool {row['pool_id']}, "
        f"whose budget is {row['pool__points_budget']}"
        for row in over
    ]
    if problems:
        raise RuntimeError(
            "budgets 0006: stored pools or votes break the rules this migration adds; "
            "fix these (the city decides how), then migrate again:\n  " + "\n  ".join(problems)
        )


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"postgresql": POSTGRESQL, "sqlite": SQLITE}.get(vendor, []):
        schema_editor.execute(statement, params=None)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"postgresql": POSTGRESQL_DROP, "sqlite": SQLITE_DROP}.get(vendor, []):
        schema_editor.execute(statement, params=None)


def ballot_key(secret: str, edition_id: int, voter: str) -> str:
    """``wiec.budgets.voting.ballot_key`` as it was when this migration was written."""
    message = f"wiec-ballot:{edition_id}:{voter}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def rekey_ballots(apps, schema_editor):
    """Each ballot's identity key becomes its ballot key (see the module's docstring)."""
    Ballot = apps.get_model("budgets", "Ballot")
    db = schema_editor.connection.alias
    secret = settings.BALLOT_HMAC_KEY
    ballots = Ballot.objects.using(db).filter(voter_key__isnull=False)
    if secret == "" and ballots.exists():
        raise RuntimeError("budgets 0006: set WIEC_BALLOT_HMAC_KEY before migrating")
    batch = []
    for ballot in ballots.only("pk", "edition_id", "voter_key").order_by("pk").iterator(2000):
        ballot.voter_key = ballot_key(secret, ballot.edition_id, ballot.voter_key)
        batch.append(ballot)
        if len(batch) == 2000:
            Ballot.objects.using(db).bulk_update(batch, ["voter_key"])
            batch = []
    Ballot.objects.using(db).bulk_update(batch, ["voter_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("budgets", "0010_coauthor_invitation"),
        ("places", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(refuse_points_out_of_bounds, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="vote",
            name="budgets_vote_points",
        ),
        migrations.AddConstraint(
            model_name="pool",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("ballot_type", "cumulative"), _negated=True),
                    models.Q(
                        ("points_budget__gte", 1),
                        ("points_budget__isnull", False),
                        ("points_budget__lte", 1000),
                    ),
                    _connector="OR",
                ),
                name="budgets_pool_cumulative_has_budget",
                violation_error_message="A cumulative ballot needs the points to distribute, from 1 to 1000.",
            ),
        ),
        migrations.AddConstraint(
            model_name="vote",
            constraint=models.CheckConstraint(
                condition=models.Q(("points__gte", 1), ("points__lte", 1000)),
                name="budgets_vote_points",
            ),
        ),
        migrations.RunPython(create_triggers, drop_triggers),
        # No way back: the identity keys cannot be computed from the ballot keys.
        migrations.RunPython(rekey_ballots),
    ]
