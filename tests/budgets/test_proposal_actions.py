""" "What you can do" on a proposal lists only the actions of the reader's own role."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from wiec.core.roles import Role

ACTIONS = re.compile(r'<section aria-labelledby="actions-heading".*?</section>', re.S)
LABEL = re.compile(r">([^<>]{3,})</(?:a|button)>")


def _actions(client, user, proposal) -> list[str]:
    client.force_login(user)
    url = reverse("budgets:proposal", args=[proposal.pk])
    page = client.get(url, headers={"accept-language": "pl"}).content.decode()
    section = ACTIONS.search(page)
    return LABEL.findall(section.group(0)) if section else []


@pytest.mark.django_db
def test_each_role_sees_only_its_own_actions(
    client, people, make_proposal, make_role_user, make_user
):
    proposal = make_proposal(people["author"])
    people["administrator"] = make_role_user(Role.ADMINISTRATOR)
    people["superuser"] = make_user(is_superuser=True, is_staff=True)
    expected = {
        "author": [
            "Edytuj projekt",
            "Wydrukuj listę poparcia (PDF)",
            "Dodaj podpisaną listę poparcia",
        ],
        "resident": ["Popieram ten projekt"],
        "official_podgorze": ["Dokonaj oceny formalnej"],
        "official_nowa_huta": [],
        "official_city": ["Dokonaj oceny formalnej"],
        "coordinator": [],
        "moderator": [],
        "administrator": [],
        "superuser": [],
    }
    seen = {name: _actions(client, user, proposal) for name, user in people.items()}
    assert seen == expected
