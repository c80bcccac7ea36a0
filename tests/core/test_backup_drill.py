"""The backup and restore drill (scripts/backup_drill.sh, README "Backup and restore").

It runs the real scripts as the city would, against the test database: on SQLite a
file copy of it (the test database lives in memory), on PostgreSQL the test database
itself, restored into a fresh database on the same server by the application's role.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from tests.budgets.test_results import counted  # noqa: F401 (a fixture)
from wiec.budgets import results
from wiec.budgets.models import BallotChoice, ProjectResult

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
TOOLS = {
    "postgresql": ["pg_dump", "pg_restore", "createdb", "dropdb", "psql"],
    "sqlite": ["sqlite3"],
}


def database_url(tmp_path: Path) -> str:
    """A URL to the test database's committed rows, for another process."""
    missing = [t for t in TOOLS[connection.vendor] if shutil.which(t) is None]
    if missing:
        pytest.skip(f"the drill needs {', '.join(missing)} on PATH")
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        path = tmp_path / "live.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(path) as copy:
            connection.connection.backup(copy)
        return f"sqlite:///{path}"
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    host = quote(db["HOST"] or "localhost", safe="")  # a socket's folder, percent-encoded
    port = f":{db['PORT']}" if db["PORT"] else ""
    ssl = db.get("OPTIONS", {}).get("sslmode")
    query = f"?sslmode={ssl}" if ssl else ""
    return f"postgres://{user}{password}@{host}{port}/{quote(db['NAME'], safe='')}{query}"


def run_drill(tmp_path: Path, media: Path, **extra: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "wiec.settings",
        "WIEC_TESTING": "1",
        "DATABASE_URL": database_url(tmp_path),
        "WIEC_MEDIA_ROOT": str(media),
        "PY": sys.executable,
        **extra,
    }
    return subprocess.run(
        ["bash", "scripts/backup_drill.sh"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def published(counted, tmp_path):  # noqa: F811 (the imported fixture)
    edition, pools, projects, run, coordinator = counted
    results.publish_count(actor=coordinator, run=run)
    media = tmp_path / "media"
    (media / "budgets").mkdir(parents=True)
    (media / "budgets" / "mapa.pdf").write_bytes(b"%PDF-1.4 plan\n" + bytes(range(256)))
    return edition, pools, projects, run, media


def test_the_drill_restores_and_recounts_every_published_result(published, tmp_path):
    edition, pools, _projects, run, media = published
    done = run_drill(tmp_path, media)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Drill passed" in done.stdout
    selected = ProjectResult.objects.filter(
        pool_result__run=run, pool_result__pool=pools["city"], selected=True
    ).select_related("proposal")
    assert selected
    assert f"[{edition.city.slug}] budgets: {edition.slug} (count #{run.pk}): OK" in done.stdout
    for row in selected:
        figures = f"SELECTED {row.proposal.title} (#{row.proposal_id}): votes {row.votes}"
        assert figures in done.stdout
    pool = run.pools.get(pool=pools["city"])
    assert f"Ogólnomiejska: rule {pool.rule}, budget {pool.budget}, spent {pool.spent}" in (
        done.stdout
    )
    assert "1 published result(s) agree." in done.stdout


def test_the_drill_fails_when_the_restored_copy_differs(published, tmp_path):
    """A changed ballot, a lost upload and (PostgreSQL) a lost policy are each named."""
    _edition, pools, projects, _run, media = published
    vote = BallotChoice.objects.filter(pool=pools["city"], position=1).order_by("pk").first()
    other = projects["city"][4]
    assert vote.proposal_id != other.pk
    damage = [
        f'"$PY" manage.py shell -c "from wiec.budgets.models import BallotChoice; '
        f'BallotChoice.objects.filter(pk={vote.pk}).update(proposal_id={other.pk})"',
        'rm "$WIEC_MEDIA_ROOT/budgets/mapa.pdf"',
    ]
    if connection.vendor == "postgresql":
        policy = "wiec_same_municipality ON consultations_consultation"
        damage.append(f'psql -q "$DATABASE_URL" -c "DROP POLICY {policy}"')
    done = run_drill(tmp_path, media, WIEC_DRILL_AFTER_RESTORE=" && ".join(damage))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Drill passed" not in done.stdout
    assert "Drill FAILED" in done.stderr
    assert "does not recount to its stored results" in done.stderr
    assert f"project {vote.proposal_id}: stored votes/score/selected" in done.stderr
    assert re.search(r"^-[0-9a-f]{64}  \./budgets/mapa\.pdf$", done.stderr, re.MULTILINE)
    if connection.vendor == "postgresql":
        assert "-policy consultations_consultation wiec_same_municipality" in done.stderr
