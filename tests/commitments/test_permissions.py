"""Every commitments permission, per role and scope (the rows of docs/permissions.md)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from wiec.commitments.models import Commitment, MonitoringQuestion, Oversight

pytestmark = pytest.mark.django_db


@pytest.fixture
def c(project):
    return Commitment.objects.get()


def test_everyone_sees_and_only_accounts_follow(c, people):
    assert AnonymousUser().has_perm("commitments.view_commitment", c)
    assert not AnonymousUser().has_perm("commitments.follow", c)
    assert people["resident"].has_perm("commitments.follow", c)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("official_podgorze", True),
        ("official_city", True),
        ("coordinator", True),
        ("official_nowa_huta", False),
        ("moderator", False),
        ("resident", False),
        ("author", False),
    ],
)
def test_the_office_in_scope_manages_and_answers(c, people, who, allowed):
    question = MonitoringQuestion(commitment=c, text="?", due_on=c.planned_on)
    assert people[who].has_perm("commitments.manage_commitment", c) is allowed
    assert people[who].has_perm("commitments.answer_question", question) is allowed
    question.answer = "Już."
    assert not people[who].has_perm("commitments.answer_question", question)


def test_only_seated_members_of_an_overseeing_panel_ask_and_assess(
    c, recommendation, people, make_role_user
):
    panel = recommendation.panel
    member = panel.panelists.get().user
    assert not member.has_perm("commitments.ask_question", c)
    Oversight.objects.create(panel=panel, commitment=c)
    assert member.has_perm("commitments.ask_question", c)
    assert member.has_perm("commitments.assess", c)
    assert not people["resident"].has_perm("commitments.ask_question", c)
    assert not people["coordinator"].has_perm("commitments.assess", c)
    panel.panelists.update(status="dropped_out")
    assert not member.has_perm("commitments.ask_question", c)


def test_who_gives_a_panel_commitments_to_oversee(recommendation, people):
    panel = recommendation.panel
    assert people["coordinator"].has_perm("commitments.assign_oversight", panel)
    assert people["official_city"].has_perm("commitments.assign_oversight", panel)
    assert not people["official_podgorze"].has_perm("commitments.assign_oversight", panel)
    assert not people["resident"].has_perm("commitments.assign_oversight", panel)
