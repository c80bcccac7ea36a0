"""Co-authorship is an invitation: nothing changes for the invited person until they
accept, and the author's form never tells whether an address has an account."""

from __future__ import annotations

import importlib
import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.budgets.test_views import form_data
from wiec.budgets import services
from wiec.budgets.models import CoauthorInvitation, InvitationStatus, Proposal
from wiec.core.models import Notification

pytestmark = pytest.mark.django_db


def invite(make_proposal, author, *emails, status="submitted"):
    return make_proposal(author, status=status, coauthors=list(emails))


def test_an_invited_person_is_not_an_author(client, people, make_proposal):
    official = people["official_podgorze"]
    proposal = invite(make_proposal, people["author"], official.email.upper())
    invitation = CoauthorInvitation.objects.get(proposal=proposal)
    assert invitation.status == InvitationStatus.PENDING
    assert invitation.email == official.email.lower()

    proposal = Proposal.objects.get(pk=proposal.pk)
    assert official.pk not in proposal.people_ids()
    assert not official.has_perm("budgets.change_proposal", proposal)
    assert not official.has_perm("budgets.upload_support_list", proposal)
    # Not excluded from judging the proposal: the applicant cannot choose who may not.
    assert official.has_perm("budgets.verify_proposal", proposal)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert str(official) not in page


def test_after_accepting_they_are_an_author(client, people, make_proposal):
    official = people["official_podgorze"]
    proposal = invite(make_proposal, people["author"], official.email)
    invitation = CoauthorInvitation.objects.get(proposal=proposal)

    client.force_login(official)
    page = client.get(reverse("budgets:coauthor_invitations")).content.decode()
    assert proposal.title in page
    response = client.post(
        reverse("budgets:coauthor_invitation_answer", args=[invitation.pk]), {"answer": "accept"}
    )
    assert response.status_code == 302

    proposal = Proposal.objects.get(pk=proposal.pk)
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED
    assert invitation.answered_by == official
    assert official.pk in proposal.people_ids()
    assert official.has_perm("budgets.change_proposal", proposal)
    assert not official.has_perm("budgets.verify_proposal", proposal)
    client.logout()
    assert str(official) in client.get(proposal.get_absolute_url()).content.decode()
    assert Notification.objects.filter(recipient=people["author"]).exists()


def test_only_the_invited_address_answers(client, people, make_proposal):
    proposal = invite(make_proposal, people["author"], people["official_podgorze"].email)
    invitation = CoauthorInvitation.objects.get(proposal=proposal)
    for someone in (people["resident"], people["author"], people["coordinator"]):
        assert not someone.has_perm("budgets.answer_coauthor_invitation", invitation)
        client.force_login(someone)
        url = reverse("budgets:coauthor_invitation_answer", args=[invitation.pk])
        assert client.post(url, {"answer": "accept"}).status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING
    assert Proposal.objects.get(pk=proposal.pk).people_ids() == {people["author"].pk}


def test_declining_changes_nothing_and_is_not_sent_again(
    client, people, make_proposal, django_capture_on_commit_callbacks
):
    resident = people["resident"]
    proposal = invite(make_proposal, people["author"], resident.email, status="draft")
    invitation = CoauthorInvitation.objects.get(proposal=proposal)
    assert not resident.has_perm("budgets.view_proposal", proposal)
    services.decline_coauthorship(actor=resident, invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.DECLINED
    assert not resident.has_perm("budgets.view_proposal", proposal)

    mail.outbox.clear()
    data = services.ProposalData(
        pool=proposal.pool,
        title=proposal.title,
        description=proposal.description,
        cost_items=[("Budowa", proposal.cost)],
        coauthors=[resident.email],
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.save_proposal(
            actor=people["author"], edition=proposal.edition, data=data, proposal=proposal
        )
    assert mail.outbox == []
    assert CoauthorInvitation.objects.get(pk=invitation.pk).status == InvitationStatus.DECLINED


def _answer_to_the_author(client, pools, email):
    """What the author sees after listing ``email``: the redirect, the page, the form."""
    response = client.post(
        reverse("budgets:proposal_create", args=["bo-2027"]),
        form_data(pools["podgorze"], coauthors=email),
        follow=True,
    )
    proposal = Proposal.objects.latest("pk")
    edit = client.get(reverse("budgets:proposal_edit", args=[proposal.pk]))
    pages = []
    for page in (response, edit):
        text = page.content.decode()
        text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
        text = text.replace(email, "EMAIL")
        text = re.sub(r"(/projekt/|BO-)\d+", r"\1PK", text)
        text = re.sub(r"<time [^>]*>[^<]*</time>", "<time>", text)
        pages.append(text)
    chain = [(re.sub(r"\d+", "N", url), code) for url, code in response.redirect_chain]
    return response.status_code, chain, pages


def test_the_author_learns_nothing_about_accounts(
    client, people, pools, django_capture_on_commit_callbacks
):
    existing = people["resident"].email
    unknown = "nikt-taki@example.org"
    client.force_login(people["author"])
    with django_capture_on_commit_callbacks(execute=True):
        for_existing = _answer_to_the_author(client, pools, existing)
    with django_capture_on_commit_callbacks(execute=True):
        for_unknown = _answer_to_the_author(client, pools, unknown)
    assert for_existing[0] == for_unknown[0] == 200
    assert for_existing[1] == for_unknown[1] and for_existing[1]
    assert for_existing[2] == for_unknown[2]
    assert "otrzyma zaproszenie" in for_existing[2][0]
    # Both addresses were e-mailed; only the account also has a notification.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([existing, unknown])
    assert Notification.objects.filter(recipient=people["resident"], kind="invitation").exists()
    assert CoauthorInvitation.objects.filter(status=InvitationStatus.PENDING).count() == 2


def test_a_bad_address_gets_a_polish_message_and_nothing_is_saved(client, people, pools):
    client.force_login(people["author"])
    response = client.post(
        reverse("budgets:proposal_create", args=["bo-2027"]),
        form_data(pools["podgorze"], coauthors="dobra@example.org, zły-adres"),
    )
    assert response.status_code == 200
    assert "To nie jest poprawny adres e-mail: zły-adres." in response.content.decode()
    assert not Proposal.objects.exists()
    assert not CoauthorInvitation.objects.exists()


def test_removing_an_address_withdraws_the_invitation_or_the_co_author(people, make_proposal):
    official, resident = people["official_podgorze"], people["resident"]
    proposal = invite(make_proposal, people["author"], official.email, resident.email)
    accepted = CoauthorInvitation.objects.get(proposal=proposal, email=resident.email)
    services.accept_coauthorship(actor=resident, invitation=accepted)
    data = services.ProposalData(
        pool=proposal.pool,
        title=proposal.title,
        description=proposal.description,
        cost_items=[("Budowa", proposal.cost)],
        coauthors=[],
    )
    services.save_proposal(
        actor=people["author"], edition=proposal.edition, data=data, proposal=proposal
    )
    assert not CoauthorInvitation.objects.filter(proposal=proposal).exists()
    assert Proposal.objects.get(pk=proposal.pk).people_ids() == {people["author"].pk}


def test_existing_co_authors_are_migrated_as_accepted(people, make_proposal):
    from django.apps import apps

    migration = importlib.import_module("wiec.budgets.migrations.0010_coauthor_invitation")
    proposal = make_proposal(people["author"])
    proposal.coauthors.add(people["resident"])
    migration.accepted_invitations_for_existing_coauthors(apps, None)
    invitation = CoauthorInvitation.objects.get(proposal=proposal)
    assert invitation.status == InvitationStatus.ACCEPTED
    assert invitation.answered_by == people["resident"]
    assert invitation.email == people["resident"].email.lower()


def test_an_unknown_answer_changes_nothing(client, people, make_proposal):
    resident = people["resident"]
    proposal = invite(make_proposal, people["author"], resident.email)
    invitation = CoauthorInvitation.objects.get(proposal=proposal)
    client.force_login(resident)
    url = reverse("budgets:coauthor_invitation_answer", args=[invitation.pk])
    response = client.post(url, {"answer": "tak"}, follow=True)
    assert response.status_code == 200
    assert "Wybierz, czy przyjmujesz, czy odrzucasz zaproszenie." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING


def test_deleting_an_account_erases_its_invitations(people, make_proposal):
    from wiec.budgets import privacy

    resident = people["resident"]
    invite(make_proposal, people["author"], resident.email)
    assert privacy.export(resident)["coauthor_invitations"][0]["status"] == "pending"
    privacy.erase(resident)
    assert not CoauthorInvitation.objects.exists()
