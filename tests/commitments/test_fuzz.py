"""Fuzzing a resident's comment on a goal of a monitored strategy, through the page:
stored whole (stripped) or refused with the problem named, never an error page."""

from __future__ import annotations

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from tests.commitments.test_strategies import coordinator, strategy  # noqa: F401 (fixtures)
from tests.fuzzing import FUZZ, TEXT, assert_escaped, assert_refused_by_name

pytestmark = pytest.mark.django_db


@FUZZ
@given(text=TEXT, website=st.sampled_from(["", "", "", "http://spam.example"]))
def test_a_goal_comment_is_stored_whole_or_refused_by_name(
    client,
    strategy,  # noqa: F811
    make_resident,
    text,
    website,
):
    from wiec.commitments.models import GoalComment

    goal = strategy.goals.first()
    client.force_login(make_resident())
    url = f"/zobowiazania/strategie/{strategy.slug}/cele/{goal.pk}/"
    before = GoalComment.objects.count()
    response = client.post(url, {"text": text, "website": website})
    event(f"answered {response.status_code}")
    if response.status_code == 302:
        assert not website
        assert GoalComment.objects.count() == before + 1
        assert GoalComment.objects.latest("pk").text == text.strip()
        assert_escaped(client.get(strategy.get_absolute_url()).content.decode())
    else:
        assert_refused_by_name(response, "comment_form")
        assert GoalComment.objects.count() == before
        assert_escaped(response.content.decode())
