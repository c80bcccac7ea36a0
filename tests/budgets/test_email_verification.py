"""A vote or a signature of support needs a confirmed e-mail address (issue 16)."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import ValidationError

from tests.budgets.test_voting import ids, make_voting_edition
from wiec.budgets import services, voting
from wiec.budgets.models import Ballot
from wiec.commons.models import Signature

pytestmark = pytest.mark.django_db


def test_an_unconfirmed_resident_is_sent_to_confirm_and_comes_back_to_the_ballot(
    client, city, districts, make_resident
):
    edition, _pools, _projects = make_voting_edition(city, districts, make_resident("podgorze"))
    voter = make_resident("podgorze", email_verified=False)
    client.force_login(voter)
    ballot_path = f"/bo/{edition.slug}/glosuj/"

    response = client.get(ballot_path)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/potwierdz-adres/?next=")
    page = client.get(response["Location"])
    text = page.content.decode()
    assert "Potwierdź adres e-mail" in text and voter.email in text

    client.post(response["Location"], {"next": ballot_path})
    assert len(mail.outbox) == 1
    link = next(w for w in mail.outbox[0].body.split() if "/konto/confirm-email/" in w)
    confirmed = client.post(link[link.index("/konto/") :])
    assert confirmed.status_code == 302 and confirmed["Location"] == ballot_path
    assert EmailAddress.objects.get(user=voter).verified
    assert client.get(ballot_path).status_code == 200


def test_the_services_refuse_an_unconfirmed_address(city, districts, make_resident, make_proposal):
    edition, pools, projects = make_voting_edition(city, districts, make_resident("podgorze"))
    voter = make_resident("podgorze", email_verified=False)
    with pytest.raises(ValidationError) as error:
        voting.cast_ballot(
            actor=voter, edition=edition, selections={pools["city"].pk: ids(projects["city"], 1)}
        )
    assert error.value.code == "email_unverified"
    assert not Ballot.objects.exists()


def test_support_waits_for_a_confirmed_address(client, people, make_resident, make_proposal):
    proposal = make_proposal(people["author"])
    supporter = make_resident("podgorze", email_verified=False)
    with pytest.raises(ValidationError) as error:
        services.endorse_proposal(actor=supporter, proposal=proposal)
    assert error.value.code == "email_unverified"
    client.force_login(supporter)
    response = client.post(f"/bo/projekt/{proposal.pk}/poprzyj/")
    assert (
        response["Location"] == f"/konto/potwierdz-adres/?next=%2Fbo%2Fprojekt%2F{proposal.pk}%2F"
    )
    assert not Signature.objects.exists()
