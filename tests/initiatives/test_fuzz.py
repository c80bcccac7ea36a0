"""Fuzzing a local initiative's application through the page, as a draft for the
incubator and as a filed application: stored whole (each field stripped) or the form
again with each problem named, never an error page and never half an application."""

from __future__ import annotations

import html

import pytest
from django.core.cache import cache
from hypothesis import event, given
from hypothesis import strategies as st

from tests.fuzzing import FUZZ, NUMBERS, TEXT, assert_escaped, assert_refused_by_name, some_of
from tests.initiatives.test_resolutions import office, rules  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

TEXT_FIELDS = ("group", "title", "description", "place", "justification", "schedule")
APPLICATION = {
    "group": "Sąsiedzi z Zabłocia",
    "title": "Ogród społeczny",
    "area": "nature",
    "description": "Sadzimy warzywa.",
    "place": "ul. Zabłocie 1",
    "latitude": "",
    "longitude": "",
    "justification": "Sąsiedzi się poznają.",
    "schedule": "Maj–czerwiec",
    "total": "15 500,00",
    "website": "",
    "residents-TOTAL_FORMS": "3",
    "residents-INITIAL_FORMS": "0",
    "residents-0-kind": "work",
    "residents-0-description": "Sadzenie",
    "residents-0-hours": "100",
    "residents-1-kind": "goods",
    "residents-1-description": "Sadzonki",
    "residents-1-value": "1 500,00",
    "residents-2-kind": "money",
    "residents-2-description": "Zbiórka",
    "residents-2-value": "500",
    "city-TOTAL_FORMS": "1",
    "city-INITIAL_FORMS": "0",
    "city-0-description": "Ławki",
    "city-0-value": "10 000,00",
}
FIELDS = {
    **dict.fromkeys(TEXT_FIELDS, TEXT),
    "area": st.sampled_from(["", "culture", "sport", "\x00", "x" * 300]),
    "latitude": st.just("50.05") | NUMBERS,
    "longitude": st.just("19.95") | NUMBERS,
    "total": st.sampled_from(["15500", "0", "-1"]) | NUMBERS,
    "residents-TOTAL_FORMS": st.sampled_from(["", "0", "2", "30", "1001", "99999999999", "٣"]),
    "residents-0-kind": st.sampled_from(["", "money", "x", "\x00"]),
    "residents-0-description": TEXT,
    "residents-0-hours": NUMBERS,
    "residents-1-value": NUMBERS,
    "city-TOTAL_FORMS": st.sampled_from(["", "-1", "x"]),
    "city-0-description": TEXT,
    "city-0-value": NUMBERS,
}


@FUZZ
@given(fuzzed=some_of(FIELDS), action=st.sampled_from(["save_draft", "file", "preview"]))
def test_an_application_is_stored_whole_or_refused_by_name(
    client, pool, make_resident, fuzzed, action
):
    from wiec.commons.models import Contribution, ContributionLedger
    from wiec.initiatives.models import Application, DraftVersion

    def counts():
        return [
            m.objects.count() for m in (Application, ContributionLedger, Contribution, DraftVersion)
        ]

    client.force_login(make_resident())
    data = {**APPLICATION, **fuzzed}
    if action != "file":
        data[action] = "1"
    before = counts()
    cache.clear()
    response = client.post("/inicjatywy/wniosek/", data)
    cache.clear()
    event(f"{action}: answered {response.status_code}")
    if response.status_code == 302:
        assert action != "preview"
        stored = Application.objects.latest("pk")
        assert counts()[0] == before[0] + 1
        for name in TEXT_FIELDS:
            assert getattr(stored, name) == data[name].strip()
        assert stored.status == ("draft" if action == "save_draft" else "submitted")
        assert_escaped(client.get(response.url, follow=True).content.decode())
    else:
        assert response.status_code == 200
        assert counts() == before
        if action != "preview" or response.context["shares"] is None:
            assert_refused_with_lines(response)
        assert_escaped(response.content.decode())


def assert_refused_with_lines(response) -> None:
    """The form or a line of contributions refused, each problem on the page."""
    form, residents, city = (response.context[k] for k in ("form", "residents", "city_lines"))
    if form.errors:
        assert_refused_by_name(response)
    problems = [e for lines in (residents, city) for e in lines.non_form_errors()]
    problems += [
        e
        for lines in (residents, city)
        for line in lines
        for es in line.errors.values()
        for e in es
    ]
    assert form.errors or problems, "the form came back without saying what is wrong"
    page = response.content.decode()
    assert 'role="alert"' in page
    for problem in problems:
        assert html.escape(problem) in page, problem


def test_a_refused_line_or_line_count_is_named_at_the_top(client, pool, make_resident):
    """The lines' own refusals (a count of lines tampered with, more lines than the
    thirty allowed) were shown nowhere: the form came back as if nothing were wrong."""
    client.force_login(make_resident())
    missing = {k: v for k, v in APPLICATION.items() if k != "city-TOTAL_FORMS"}
    page = client.post("/inicjatywy/wniosek/", missing).content.decode()
    assert 'role="alert"' in page and "Koszty miasta: " in page
    page = client.post(
        "/inicjatywy/wniosek/", {**APPLICATION, "residents-TOTAL_FORMS": "1001"}
    ).content.decode()
    assert "Wkład własny mieszkańców: " in page and "30" in page
    hours = {**APPLICATION, "residents-0-hours": "٣"}
    page = client.post("/inicjatywy/wniosek/", hours).content.decode()
    assert "Wkład własny mieszkańców, wiersz 1, Godziny</a>: " in page


COMMITTEE = {
    "committee": "Komitet Zieleń",
    "members": "Anna Nowak\nJan Kowalski\nEwa Lis",
    "representatives": "Anna Nowak",
    "title": "Projekt uchwały o zieleni",
    "draft": "§ 1. Sadzimy drzewa.",
    "justification": "Brakuje cienia.",
}


@FUZZ
@given(fuzzed=some_of(dict.fromkeys(COMMITTEE, TEXT)))
def test_a_resolution_committee_is_registered_whole_or_refused_by_name(
    client,
    rules,  # noqa: F811
    make_resident,
    fuzzed,
):
    from wiec.commons.models import SupportCollection
    from wiec.initiatives.models import ResolutionInitiative

    client.force_login(make_resident())
    data = {**COMMITTEE, **fuzzed}
    before = (ResolutionInitiative.objects.count(), SupportCollection.objects.count())
    response = client.post("/inicjatywy/uchwalodawcze/komitet/", data)
    event(f"answered {response.status_code}")
    if response.status_code == 302:
        stored = ResolutionInitiative.objects.latest("pk")
        assert ResolutionInitiative.objects.count() == before[0] + 1
        for name in COMMITTEE:
            assert getattr(stored, name) == data[name].strip()
        if any("<" in v for v in fuzzed.values()):
            assert_escaped(client.get(response.url).content.decode())
    else:
        assert_refused_by_name(response)
        assert (ResolutionInitiative.objects.count(), SupportCollection.objects.count()) == before
        assert_escaped(response.content.decode())
