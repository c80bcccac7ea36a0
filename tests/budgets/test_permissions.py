"""The permission matrix of the participatory budget: one row per permission, role, state."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from wiec.budgets import services
from wiec.budgets.models import Outcome
from wiec.core.roles import Role

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "resident",
    "verified",
    "author",
    "official_podgorze",
    "official_nowa_huta",
    "official_city",
    "coordinator",
    "moderator",
    "administrator",
]


@pytest.fixture
def actors(people, make_user, make_role_user):
    return {
        "anonymous": AnonymousUser(),
        "resident": make_user(),
        "verified": people["resident"],
        "author": people["author"],
        "official_podgorze": people["official_podgorze"],
        "official_nowa_huta": people["official_nowa_huta"],
        "official_city": people["official_city"],
        "coordinator": people["coordinator"],
        "moderator": people["moderator"],
        "administrator": make_role_user(Role.ADMINISTRATOR),
    }


def who(actors, perm, obj=None) -> set[str]:
    return {name for name, user in actors.items() if user.has_perm(perm, obj)}


STAFF = {
    "official_podgorze",
    "official_nowa_huta",
    "official_city",
    "coordinator",
    "moderator",
    "administrator",
}


def test_configure_and_qualify(actors, edition):
    assert who(actors, "budgets.configure_edition") == {"coordinator", "administrator"}
    assert who(actors, "budgets.qualify_proposals", edition) == {"coordinator", "administrator"}


def test_submit_needs_a_verified_resident(actors, edition):
    # Every role holder in the fixtures who declared residency may submit.
    allowed = who(actors, "budgets.submit_proposal", edition)
    assert {"verified", "author"} <= allowed
    assert not {"anonymous", "resident"} & allowed
    edition.who_may_submit = "anyone"
    edition.save()
    assert "resident" in who(actors, "budgets.submit_proposal", edition)
    assert "anonymous" not in who(actors, "budgets.submit_proposal", edition)


def test_draft_is_seen_only_by_its_author_and_staff(actors, make_proposal):
    draft = make_proposal(actors["author"], status="draft")
    assert who(actors, "budgets.view_proposal", draft) == {"author"} | STAFF
    assert who(actors, "budgets.change_proposal", draft) == {"author"}
    submitted = make_proposal(actors["author"], title="Inny")
    assert who(actors, "budgets.view_proposal", submitted) == set(ROLES)


def test_verify_in_scope_never_own(actors, make_proposal, make_role_user, people):
    district = make_proposal(actors["author"])
    assert who(actors, "budgets.verify_proposal", district) == {
        "official_podgorze",
        "official_city",
    }
    city_wide = make_proposal(actors["author"], pool="city", title="Miejski")
    assert who(actors, "budgets.verify_proposal", city_wide) == {"official_city"}
    # An official who wrote a proposal cannot verify it.
    district.edition.who_may_submit = "anyone"
    district.edition.save()
    own = make_proposal(actors["official_podgorze"], title="Własny")
    assert "official_podgorze" not in who(actors, "budgets.verify_proposal", own)
    assert "official_city" in who(actors, "budgets.verify_proposal", own)


def test_verify_only_while_awaiting_verification(actors, make_proposal):
    proposal = make_proposal(actors["author"])
    services.record_formal_review(actor=actors["official_podgorze"], proposal=proposal, passed=True)
    assert "official_podgorze" in who(actors, "budgets.verify_proposal", proposal)
    services.record_merit_review(
        actor=actors["official_podgorze"],
        proposal=proposal,
        outcome=Outcome.POSITIVE,
        justification="OK",
    )
    assert who(actors, "budgets.verify_proposal", proposal) == set()


def test_endorse(actors, make_proposal):
    proposal = make_proposal(actors["author"])
    allowed = who(actors, "budgets.endorse_proposal", proposal)
    assert "verified" in allowed
    assert not {"anonymous", "resident", "author"} & allowed


def test_respond_appeal_and_decide(actors, make_proposal):
    proposal = make_proposal(actors["author"])
    official = actors["official_podgorze"]
    services.record_formal_review(actor=official, proposal=proposal, passed=True)
    services.record_merit_review(
        actor=official,
        proposal=proposal,
        outcome=Outcome.CHANGES,
        justification="",
        changes="Mniej.",
    )
    assert who(actors, "budgets.respond_to_changes", proposal) == {"author"}
    services.respond_to_changes(actor=actors["author"], proposal=proposal, accept=False)
    assert who(actors, "budgets.file_appeal", proposal) == {"author"}
    appeal = services.file_appeal(actor=actors["author"], proposal=proposal, reasons="Nie.")
    # The committee (coordinators), administrators, or officials of the district; never
    # the appellant nor the official who made the check appealed against.
    assert who(actors, "budgets.decide_appeal", appeal) == {
        "coordinator",
        "administrator",
        "official_city",
    }
    services.decide_appeal(
        actor=actors["coordinator"], appeal=appeal, upheld=False, justification="Bez zmian."
    )
    assert who(actors, "budgets.decide_appeal", appeal) == set()


def test_comments_and_moderation(actors, make_proposal):
    proposal = make_proposal(actors["author"])
    assert who(actors, "budgets.comment_proposal", proposal) == set(ROLES) - {"anonymous"}
    assert who(actors, "budgets.follow_proposal", proposal) == set(ROLES) - {"anonymous"}
    assert who(actors, "budgets.moderate_comment") == {"moderator", "administrator"}


def test_verification_queue(actors):
    # Coordinators decide appeals, which are on the queue page with the proposals.
    assert who(actors, "budgets.view_verification_queue") == {
        "official_podgorze",
        "official_nowa_huta",
        "official_city",
        "coordinator",
        "administrator",
    }
