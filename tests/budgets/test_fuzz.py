"""Fuzzing the paper-ballot import: every ballot stored or none, each refusal named."""

from __future__ import annotations

import os

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.budgets.test_voting import setup  # noqa: F401 (the fixture)
from tests.fuzzing import FUZZ as FORM_FUZZ
from tests.fuzzing import (
    NUMBERS,
    TEXT,
    assert_escaped,
    assert_refused_by_name,
    post_outside_limits,
    some_of,
)
from wiec.budgets import voting
from wiec.budgets.models import Ballot
from wiec.budgets.money import parse_pln
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


# The resident's proposal form and comments, through the real pages.
pytestmark = pytest.mark.django_db

GOOD_PROPOSAL = {
    "title": "Ławki nad Wisłą",
    "description": "Dziesięć ławek.",
    "beneficiaries": "",
    "address": "",
    "latitude": "",
    "longitude": "",
    "coauthors": "",
    "cost_row_count": "",
    "cost_0_item": "Ławki",
    "cost_0_amount": "12 500,00",
    "cost_1_item": "",
    "cost_1_amount": "",
}
FUZZED = {
    "title": TEXT,
    "description": TEXT,
    "beneficiaries": TEXT,
    "address": TEXT,
    "latitude": st.just("50.04") | NUMBERS,
    "longitude": st.just("19.95") | NUMBERS,
    "coauthors": st.sampled_from(["ala@example.org", "ala@example.org, nie-adres"]) | TEXT,
    "cost_row_count": st.sampled_from(["3", "40", "999999999999", "-1", "٣"]),
    "cost_0_item": TEXT,
    "cost_0_amount": st.sampled_from(["2500", "0,01", "0", "-5"]) | NUMBERS,
    "cost_1_item": TEXT,
    "cost_1_amount": st.sampled_from(["2500", "0,01", "0", "-5"]) | NUMBERS,
    "pool": st.sampled_from(["", "0", "x", "\x00", "99999999999999999999"]),
}


def _assert_stored_as_typed(proposal, data: dict) -> None:
    """The proposal's texts as typed (stripped), and its cost items the typed lines
    (empty ones left out) with the amounts as read, adding up to its cost."""
    for name in ("title", "description", "beneficiaries", "address"):
        assert getattr(proposal, name) == data[name].strip()
    stored = [(c.description, c.amount) for c in proposal.cost_items.order_by("pk")]
    typed = [
        (data[f"cost_{i}_item"].strip(), parse_pln(data[f"cost_{i}_amount"].strip()))
        for i in (0, 1)
        if data[f"cost_{i}_item"].strip() or data[f"cost_{i}_amount"].strip()
    ]
    assert stored == typed
    assert proposal.cost == sum(a for _d, a in typed)


@FORM_FUZZ
@given(
    fuzzed=some_of(FUZZED, max_size=4),
    action=st.sampled_from(["submit", "submit", "save", "add_row", "remove_row", "locate"]),
)
def test_a_proposal_is_stored_whole_or_refused_by_name(client, people, pools, fuzzed, action):
    """A good proposal with up to four fields typed anyhow: stored as typed (each
    field stripped, the cost items as the amounts read) or the form again, the
    problems named and nothing saved."""
    from django.urls import reverse

    from wiec.budgets.models import CostItem, Proposal

    client.force_login(people["author"])
    data = {**GOOD_PROPOSAL, "pool": pools["podgorze"].pk, **fuzzed}
    data[action] = "0" if action == "remove_row" else "1"
    before = (Proposal.objects.count(), CostItem.objects.count())
    response = post_outside_limits(
        client, reverse("budgets:proposal_create", args=["bo-2027"]), data
    )
    event(f"answered {response.status_code}")
    if response.status_code == 302:
        assert action in ("submit", "save")
        proposal = Proposal.objects.latest("pk")
        assert Proposal.objects.count() == before[0] + 1
        _assert_stored_as_typed(proposal, data)
        assert proposal.status == ("submitted" if action == "submit" else "draft")
        assert_escaped(client.get(response.url).content.decode())
    else:
        assert response.status_code == 200
        assert (Proposal.objects.count(), CostItem.objects.count()) == before
        if action in ("submit", "save"):
            assert_refused_by_name(response)
        assert_escaped(response.content.decode())


@FORM_FUZZ
@given(text=TEXT, website=st.sampled_from(["", "", "", "http://spam.example"]))
def test_a_comment_is_stored_whole_or_refused_by_name(client, people, make_proposal, text, website):
    from django.contrib.messages import ERROR
    from django.urls import reverse

    from wiec.budgets.models import Comment, Proposal

    proposal = Proposal.objects.first() or make_proposal(people["author"])
    client.force_login(people["resident"])
    before = Comment.objects.count()
    response = post_outside_limits(
        client,
        reverse("budgets:comment_add", args=[proposal.pk]),
        {"text": text, "website": website},
        follow=True,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert_escaped(page)
    errors = [str(m) for m in response.context["messages"] if m.level == ERROR]
    if Comment.objects.count() == before + 1:
        assert not errors and not website
        assert Comment.objects.latest("pk").text == text.strip()
    else:
        assert Comment.objects.count() == before
        assert len(errors) == 1 and errors[0].strip()
        if not website and text.strip():
            assert errors[0].startswith("Komentarz nie został dodany: ")


def test_a_comment_too_long_is_refused_saying_so(client, people, make_proposal):
    """It was refused with "Write your comment.", as if nothing had been written."""
    from django.urls import reverse

    from wiec.budgets.models import Comment

    proposal = make_proposal(people["author"])
    client.force_login(people["resident"])
    url = reverse("budgets:comment_add", args=[proposal.pk])
    page = client.post(url, {"text": "ą" * 3001}, follow=True).content.decode()
    assert "Komentarz nie został dodany: " in page and "3000" in page
    page = client.post(url, {"text": "Ławki\x00"}, follow=True).content.decode()
    assert "Komentarz nie został dodany: Znaki null są niedozwolone." in page
    assert not Comment.objects.exists()


@FORM_FUZZ
@given(
    fuzzed=some_of(FUZZED, max_size=4),
    action=st.sampled_from(["submit", "save", "save", "add_row", "remove_row", "locate"]),
)
def test_an_edited_proposal_is_stored_whole_or_refused_by_name(
    client, people, pools, make_proposal, fuzzed, action
):
    """The author's edit form of a submitted proposal: the proposal as typed (its cost
    items replaced by the typed ones) and still submitted, or the form again with the
    problems named and the proposal as it was."""
    from django.urls import reverse

    from wiec.budgets.models import CostItem, Proposal

    proposal = Proposal.objects.filter(author=people["author"]).first() or make_proposal(
        people["author"]
    )
    client.force_login(people["author"])
    data = {**GOOD_PROPOSAL, "pool": pools["podgorze"].pk, **fuzzed}
    data[action] = "0" if action == "remove_row" else "1"

    def state():
        proposal.refresh_from_db()
        return (
            Proposal.objects.count(),
            [(f.name, getattr(proposal, f.attname)) for f in Proposal._meta.concrete_fields],
            list(CostItem.objects.order_by("pk").values_list("pk", "description", "amount")),
        )

    before = state()
    response = post_outside_limits(
        client, reverse("budgets:proposal_edit", args=[proposal.pk]), data
    )
    event(f"{action}: answered {response.status_code}")
    if response.status_code == 302:
        assert action in ("submit", "save")
        proposal.refresh_from_db()
        assert Proposal.objects.count() == before[0]
        _assert_stored_as_typed(proposal, data)
        assert proposal.status == "submitted"
        assert_escaped(client.get(response.url).content.decode())
    else:
        assert response.status_code == 200
        assert state() == before
        if action in ("submit", "save"):
            assert_refused_by_name(response)
        assert_escaped(response.content.decode())


@pytest.fixture
def negative(people, make_proposal):
    """A new proposal refused at the formal review each time: one appeal each."""
    from wiec.budgets import services

    def make():
        proposal = make_proposal(people["author"])
        services.record_formal_review(
            actor=people["official_podgorze"], proposal=proposal, passed=False, notes="Brak mapy."
        )
        return proposal

    return make


@FORM_FUZZ
@given(reasons=TEXT)
def test_an_appeal_is_stored_whole_or_refused_by_name(client, people, negative, reasons):
    from django.urls import reverse

    from wiec.budgets.models import Appeal

    proposal = negative()
    client.force_login(people["author"])
    before = Appeal.objects.count()
    response = post_outside_limits(
        client, reverse("budgets:appeal_create", args=[proposal.pk]), {"reasons": reasons}
    )
    event(f"answered {response.status_code}")
    proposal.refresh_from_db()
    if response.status_code == 302:
        assert Appeal.objects.count() == before + 1
        assert proposal.appeal.reasons == reasons.strip()
        assert proposal.status == "appealed"
        assert_escaped(client.get(response.url).content.decode())
    else:
        assert_refused_by_name(response)
        assert Appeal.objects.count() == before
        assert proposal.status == "negative"
        assert_escaped(response.content.decode())


@FORM_FUZZ
@given(reason=TEXT)
def test_a_comment_report_is_stored_whole_or_refused_by_name(client, people, make_proposal, reason):
    from django.urls import reverse

    from wiec.budgets import services
    from wiec.budgets.models import AbuseReport, Proposal

    proposal = Proposal.objects.first() or make_proposal(people["author"])
    comment = services.add_comment(actor=people["resident"], proposal=proposal, text="Super!")
    client.force_login(people["author"])
    before = AbuseReport.objects.count()
    response = post_outside_limits(
        client, reverse("budgets:comment_report", args=[comment.pk]), {"reason": reason}
    )
    event(f"answered {response.status_code}")
    if response.status_code == 302:
        assert AbuseReport.objects.count() == before + 1
        assert comment.reports.get().reason == reason.strip()
        assert_escaped(client.get(response.url).content.decode())
    else:
        assert_refused_by_name(response)
        assert AbuseReport.objects.count() == before
        assert_escaped(response.content.decode())


@FORM_FUZZ
@given(
    upheld=st.sampled_from(["1", "0", "", "2", "\x00", "١"]),
    justification=TEXT,
)
def test_an_appeal_decision_is_stored_whole_or_refused_by_name(
    client, people, negative, upheld, justification
):
    """The coordinator's decision on an appeal: recorded as typed, the proposal moved on,
    or the form again with the problem named and the appeal still pending."""
    from django.urls import reverse

    from wiec.budgets import services
    from wiec.budgets.models import Appeal, StatusChange

    proposal = negative()
    appeal = services.file_appeal(actor=people["author"], proposal=proposal, reasons="Nie.")
    client.force_login(people["coordinator"])
    before = StatusChange.objects.count()
    response = post_outside_limits(
        client,
        reverse("budgets:appeal_decide", args=[appeal.pk]),
        {"upheld": upheld, "justification": justification},
    )
    event(f"answered {response.status_code}")
    appeal.refresh_from_db()
    if response.status_code == 302:
        assert appeal.status == ("upheld" if upheld == "1" else "rejected")
        assert appeal.decision == justification.strip()
        assert StatusChange.objects.count() == before + 1
        assert_escaped(client.get(response.url).content.decode())
    else:
        assert_refused_by_name(response)
        assert appeal.status == "pending" and Appeal.objects.get(pk=appeal.pk).decision == ""
        assert StatusChange.objects.count() == before
        assert_escaped(response.content.decode())
