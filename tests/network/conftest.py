"""Fixtures of the network's tests: a second municipality, a network editor, a team."""

from __future__ import annotations

import pytest

from wiec.core.roles import Role
from wiec.network.models import NetworkRole, NetworkRoleKind


@pytest.fixture
def editor(make_user):
    user = make_user("redakcja@example.org")
    NetworkRole.objects.create(user=user, role=NetworkRoleKind.EDITOR)
    return user


@pytest.fixture
def official(make_role_user):
    return make_role_user(Role.OFFICIAL)


@pytest.fixture
def member(make_user, city):
    from wiec.network import services

    user = make_user("czlonkini@example.org")
    services.join_network(
        actor=user,
        data={"city": city, "name": "Ala Aktywna", "kind": "leader"},
        listed=False,
    )
    return user


PRACTICE = {
    "title": "Spacer badawczy po rynku",
    "problem": "Mało uwag do planu.",
    "method": "Trzy spacery z urbanistką.",
    "participants": "Mieszkańcy i rada dzielnicy.",
    "outcome": "112 uwag, 41 uwzględnionych.",
    "lessons": "Osobna trasa dla wózków.",
    "contact": "planowanie@example.org",
}


@pytest.fixture(autouse=True)
def _default_questionnaire(request):
    """The data migration's questionnaire, again after a test that emptied the tables
    (a transactional test's flush removes what data migrations wrote)."""
    uses_db = {"db", "transactional_db"} & set(request.fixturenames)
    if not uses_db and request.node.get_closest_marker("django_db") is None:
        return
    request.getfixturevalue("transactional_db" if "transactional_db" in uses_db else "db")
    from wiec.network.models import Area, Level, Theme
    from wiec.network.questionnaire import load_default

    load_default(Area, Theme, Level)
