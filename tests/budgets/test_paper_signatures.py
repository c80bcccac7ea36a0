"""The office enters a scanned paper support list person by person: each a commons
signature on the list's sheet, checked at once, an invalid one with its reason, a PESEL
kept only as its keyed hash; the support is shown by channel and stored on the proposal."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse

from wiec.accounts.pesel import make_pesel
from wiec.budgets import selectors, services
from wiec.budgets.models import SupportList
from wiec.commons.models import Signature

pytestmark = pytest.mark.django_db

PESEL = make_pesel(datetime.date(1970, 1, 2), 7, "F")


@pytest.fixture
def paper(people, make_proposal):
    proposal = make_proposal(people["author"])
    services.endorse_proposal(actor=people["resident"], proposal=proposal)
    counted = SupportList.objects.create(
        proposal=proposal, scan=ContentFile(b"%PDF-1.4", name="a.pdf"), declared_signatures=4
    )
    by_name = SupportList.objects.create(
        proposal=proposal, scan=ContentFile(b"%PDF-1.4", name="b.pdf"), declared_signatures=3
    )
    return proposal, counted, by_name


def enter(people, support_list, city, **extra):
    fields = {
        "full_name": "Ewa Kos",
        "street_address": "ul. Polna 1",
        "town": city.name,
        "valid": True,
    }
    return services.enter_list_signature(
        actor=people["official_podgorze"], support_list=support_list, **fields | extra
    )


def test_signatures_one_by_one_with_reasons_and_counts_by_channel(paper, people, city, policy):
    proposal, counted, by_name = paper
    policy.ask_pesel = True
    policy.save()
    with pytest.raises(ValidationError) as error:  # the policy asks for a PESEL
        enter(people, by_name, city)
    assert "pesel" in error.value.error_dict
    first = enter(people, by_name, city, pesel=PESEL)
    assert (first.channel, first.sheet, first.status) == ("paper", by_name.pk, "valid")
    assert PESEL not in first.identity_key and len(first.identity_key) == 64
    with pytest.raises(ValidationError) as error:  # invalid needs its reason
        enter(people, by_name, city, full_name="Jan Nowak", pesel=PESEL[:-1] + "0", valid=False)
    assert "reason" in error.value.error_dict
    with pytest.raises(ValidationError) as error:  # not a resident of the gmina
        enter(
            people,
            by_name,
            city,
            town="Wieliczka",
            pesel=make_pesel(datetime.date(1970, 1, 2), 8, "M"),
        )
    assert "town" in error.value.error_dict
    with pytest.raises(ValidationError, match=r"already signed|już się podpisała"):
        enter(people, by_name, city, full_name="E. Kos", pesel=PESEL)
    assert Signature.objects.filter(channel="paper").count() == 1  # nothing half-saved
    enter(
        people,
        by_name,
        city,
        full_name="Jan Nowak",
        pesel=make_pesel(datetime.date(1981, 3, 4), 9, "M"),
        valid=False,
        reason="Podpis nieczytelny.",
    )
    services.record_formal_review(
        actor=people["official_podgorze"],
        proposal=proposal,
        passed=True,
        accepted_signatures={counted.pk: 4, by_name.pk: 99},  # 99: ignored, entered by name
    )
    by_name.refresh_from_db()
    proposal.refresh_from_db()
    assert by_name.accepted_signatures == 1
    assert selectors.support_by_channel(proposal) == {"online": 1, "paper": 1, "counted": 4}
    assert proposal.supports == selectors.support_count(proposal) == 6
    assert proposal.collection.valid_count == 2


def test_the_office_screen_enters_a_person_and_shows_the_reason(client, paper, people, city):
    proposal, _counted, by_name = paper
    client.force_login(people["official_podgorze"])
    page = reverse("budgets:support_list_signatures", args=[proposal.pk, by_name.pk])
    response = client.post(
        page,
        {
            "full_name": "Ola Lis",
            "street_address": "ul. Krótka 2",
            "town": city.name,
            "valid": "0",
            "reason": "",
        },
    )
    assert "Podaj, dlaczego podpis jest nieważny" in response.content.decode() or (
        "reason" in response.context["form"].errors
    )
    response = client.post(
        page,
        {
            "full_name": "Ola Lis",
            "street_address": "ul. Krótka 2",
            "town": city.name,
            "valid": "0",
            "reason": "Brak adresu w gminie.",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Ola Lis" in html and "Brak adresu w gminie." in html
    assert 'data-testid="by-channel"' in html
    client.force_login(people["author"])
    assert client.get(page).status_code == 403
