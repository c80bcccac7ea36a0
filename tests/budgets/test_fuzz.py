"""Fuzzing the paper-ballot import: every ballot stored or none, each refusal named."""

from __future__ import annotations

import os

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.budgets.test_voting import setup  # noqa: F401 (the fixture)
from wiec.budgets import voting
from wiec.budgets.models import Ballot
from wiec.core.roles import Role

EXAMPLES = int(os.environ.get("WIEC_FUZZ_EXAMPLES", "30"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
CELLS = st.sampled_from(
    ["in_person", "post", "2026-05-01", "1970-13-45", "44051401458", "podgorze", "x", "", ";"]
) | st.text(max_size=10)


@pytest.mark.django_db
@FUZZ
@given(rows=st.lists(st.lists(CELLS, min_size=0, max_size=9), max_size=4))
def test_any_paper_ballot_file_is_stored_whole_or_refused(setup, make_role_user, rows):  # noqa: F811
    edition, _pools, _projects = setup
    official = make_role_user(Role.OFFICIAL)
    text = ";".join(voting.CSV_COLUMNS) + "\n" + "".join(";".join(r) + "\n" for r in rows)
    before = Ballot.objects.filter(edition=edition).count()
    try:
        added = voting.import_paper_ballots(actor=official, edition=edition, rows=text)
    except ValidationError as error:
        assert error.messages and all(error.messages)
        assert Ballot.objects.filter(edition=edition).count() == before
    else:
        assert Ballot.objects.filter(edition=edition).count() == before + added
