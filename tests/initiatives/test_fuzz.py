"""Fuzzing a local initiative's application through the page, as a draft for the
incubator and as a filed application: stored whole (each field stripped) or the form
again with each problem named, never an error page and never half an application."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from tests.fuzzing import (
    FUZZ,
    NUMBERS,
    TEXT,
    assert_escaped,
    assert_refused_by_name,
    post_outside_limits,
    some_of,
)
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
    response = post_outside_limits(client, "/inicjatywy/wniosek/", data)
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


def _fund_request():
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    return {
        "assembly_on": (today - datetime.timedelta(days=3)).isoformat(),
        "convened_by": "soltys",
        "justification": "Dzieci nie mają gdzie się bawić.",
        "tasks-TOTAL_FORMS": "4",
        "tasks-INITIAL_FORMS": "0",
        "tasks-0-task": "Plac zabaw",
        "tasks-0-cost": "15 000,00",
        "tasks-1-task": "Ławki",
        "tasks-1-cost": "2 000",
    }


@pytest.fixture
def allocation(city, official):
    """A sołectwo's fund of 20 000 zł whose request is still due (30 September)."""
    import datetime

    from django.utils import timezone

    from wiec.initiatives.models import FundYear, Solectwo
    from wiec.initiatives.services import villagefund

    year = timezone.localdate().year + 2
    fund = FundYear.objects.create(
        city=city,
        budget_year=year,
        council_resolution="Uchwała",
        kb_grosze=400_000,
        kb_as_of=datetime.date(year - 2, 7, 1),
    )
    return villagefund.allocate(
        actor=official,
        fund_year=fund,
        solectwo=Solectwo.objects.create(city=city, name="Kostrze"),
        residents=300,
        residents_as_of=datetime.date(year - 1, 6, 30),
    )


TASK_COSTS = st.sampled_from(["0", "0,01", "-5", "20 000,01", "5000", ""]) | NUMBERS
FUND_FIELDS = {
    "assembly_on": st.sampled_from(
        ["", "2026-13-01", "0001-01-01", "9999-12-31", "1.12.2026", "2026-02-30"]
    )
    | TEXT,
    "convened_by": st.sampled_from(["", "council", "residents", "wojt", "\x00"]) | TEXT,
    "justification": TEXT,
    "tasks-TOTAL_FORMS": st.sampled_from(["", "0", "1", "3", "20", "21", "1001", "9" * 12, "٣"]),
    "tasks-0-task": TEXT,
    "tasks-0-cost": TASK_COSTS,
    "tasks-1-task": st.just("") | TEXT,
    "tasks-1-cost": TASK_COSTS,
    "tasks-2-task": TEXT,
    "tasks-2-cost": TASK_COSTS,
}


@FUZZ
@given(fuzzed=some_of(FUND_FIELDS, max_size=4))
def test_a_village_fund_request_is_stored_whole_or_refused_by_name(
    client, allocation, make_resident, fuzzed
):
    """The assembly's request with its table of tasks: stored as typed (each line that
    has anything in it, its cost read as złoty) or the form again with every problem
    named and nothing filed."""
    from wiec.commons.money import parse_pln
    from wiec.initiatives.models import AssemblyRequest

    client.force_login(make_resident())
    data = {**_fund_request(), **fuzzed}
    before = AssemblyRequest.objects.count()
    response = post_outside_limits(
        client, f"/inicjatywy/fundusz-solecki/{allocation.pk}/wniosek/", data
    )
    event(f"answered {response.status_code}")
    if response.status_code == 302:
        stored = AssemblyRequest.objects.latest("pk")
        assert AssemblyRequest.objects.count() == before + 1
        assert stored.justification == data["justification"].strip()
        assert stored.convened_by == data["convened_by"]
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["assembly_on"].strip()):
            assert stored.assembly_on.isoformat() == data["assembly_on"].strip()
        lines = range(int(data["tasks-TOTAL_FORMS"]))
        typed = [
            (data.get(f"tasks-{i}-task", "").strip(), data.get(f"tasks-{i}-cost", "").strip())
            for i in lines
        ]
        assert [(t["task"], t["cost_grosze"]) for t in stored.tasks] == [
            (task, parse_pln(cost)) for task, cost in typed if task or (cost and parse_pln(cost))
        ]
        assert_escaped(client.get(response.url).content.decode())
    else:
        assert response.status_code == 200
        assert AssemblyRequest.objects.count() == before
        form, lines = response.context["form"], response.context["lines"]
        problems = [str(e) for es in form.errors.values() for e in es]
        problems += lines.non_form_errors()
        problems += [e for line in lines for es in line.errors.values() for e in es]
        assert problems, "the form came back without saying what is wrong"
        page = response.content.decode()
        assert 'role="alert"' in page
        for problem in problems:
            assert html.escape(problem) in page, problem
        assert_escaped(page)


def test_half_a_task_line_or_a_tampered_count_is_refused_saying_so(
    client, allocation, make_resident
):
    """A cost without its task was dropped without a word and the request filed without
    it; a count of lines tampered with came back as if nothing were wrong."""
    from wiec.initiatives.models import AssemblyRequest

    client.force_login(make_resident())
    url = f"/inicjatywy/fundusz-solecki/{allocation.pk}/wniosek/"
    page = client.post(url, {**_fund_request(), "tasks-1-task": ""}).content.decode()
    assert "Zadania i ich koszty, wiersz 2, Zadanie</a>: " in page
    assert "Wpisz zadanie, którego dotyczy ten koszt." in page
    page = client.post(url, {**_fund_request(), "tasks-1-cost": "0"}).content.decode()
    assert "Podaj koszt tego zadania." in page
    missing = {k: v for k, v in _fund_request().items() if k != "tasks-TOTAL_FORMS"}
    page = client.post(url, missing).content.decode()
    assert 'role="alert"' in page and "Zadania i ich koszty: " in page
    page = client.post(url, {**_fund_request(), "tasks-TOTAL_FORMS": "1001"}).content.decode()
    assert "Zadania i ich koszty: " in page and "20" in page
    assert not AssemblyRequest.objects.exists()


ADVICE = {"kind": "comment", "text": "Dopiszcie harmonogram.", "met_on": "", "meeting_place": ""}
ADVICE_FIELDS = {
    "kind": st.sampled_from(["", "meeting", "x", "\x00"]),
    "text": TEXT,
    "met_on": st.sampled_from(["2026-11-30", "2999-01-01", "0001-01-01", "30.11.2026", "x"])
    | NUMBERS,
    "meeting_place": TEXT,
}


@FUZZ
@given(fuzzed=some_of(ADVICE_FIELDS))
def test_an_advisers_advice_is_stored_whole_or_refused_by_name(
    client, pool, make_resident, make_user, city, fuzzed
):
    """An ambassador's comment on a draft or record of a meeting: stored as typed (each
    text stripped) or the draft's page again with each problem named."""
    from tests.initiatives.conftest import ITEMS, draft
    from wiec.initiatives.models import Advice, Application, Contact, ContactRole
    from wiec.initiatives.services import incubator

    contact = Contact.objects.filter(city=city, role=ContactRole.AMBASSADOR).first()
    if contact is None:
        user = make_user(email="ambasadorka@example.org")
        contact = Contact.objects.create(
            city=city, role=ContactRole.AMBASSADOR, name="Anna Nowak", email=user.email, user=user
        )
    application = Application.objects.filter(status="draft").first() or incubator.save_draft(
        actor=make_resident(), pool=pool, draft=draft(), items=ITEMS[:-1]
    )
    client.force_login(contact.user)
    data = {**ADVICE, **fuzzed}
    before = Advice.objects.count()
    response = post_outside_limits(client, f"/inicjatywy/szkic/{application.pk}/porada/", data)
    event(f"{data['kind']!r}: answered {response.status_code}")
    if response.status_code == 302:
        assert Advice.objects.count() == before + 1
        advice = Advice.objects.latest("pk")
        assert (advice.kind, advice.text) == (data["kind"], data["text"].strip())
        if advice.kind == "meeting":
            assert advice.meeting_place == data["meeting_place"].strip()
        assert_escaped(client.get(response.url).content.decode())
    else:
        assert_refused_by_name(response, "advice_form")
        assert Advice.objects.count() == before
        assert_escaped(response.content.decode())


@FUZZ
@given(
    accept=st.sampled_from(["1", "0", None, "", "2", "\x00"]),
    reasons=TEXT,
    progress=TEXT,
    realised=st.sampled_from([None, "on", "x"]),
)
def test_the_wojts_decision_and_realisation_are_stored_whole_or_refused_by_name(
    client, allocation, official, make_resident, accept, reasons, progress, realised
):
    """The wójt decides the assembly's request, then records its realisation: each
    stored as typed (stripped) or the page again with the problem named."""
    import datetime

    from django.utils import timezone

    from wiec.initiatives.models import AssemblyRequest
    from wiec.initiatives.services import villagefund

    filed = villagefund.file_request(
        actor=make_resident(),
        allocation=allocation,
        assembly_on=timezone.localdate() - datetime.timedelta(days=1),
        convened_by="soltys",
        tasks=[{"task": "Plac zabaw", "cost_grosze": 1_500_000}],
        justification="Dzieci.",
    )
    client.force_login(official)
    url = f"/inicjatywy/fundusz-solecki/wnioski/{filed.pk}/"
    decision = {"d-reasons": reasons} | ({} if accept is None else {"d-accept": accept})
    response = client.post(url, decision)
    stored = AssemblyRequest.objects.get(pk=filed.pk)
    if response.status_code == 302:
        assert stored.status == ("accepted" if accept == "1" else "refused")
        assert stored.decision_reasons == reasons.strip()
        assert_escaped(client.get(url).content.decode())
    else:
        assert_refused_by_name(response, "decision")
        assert (stored.status, stored.decision_reasons) == ("filed", "")
        assert_escaped(response.content.decode())
        return
    if stored.status != "accepted":
        return
    posted = {"p-progress": progress} | ({} if realised is None else {"p-realised": realised})
    response = client.post(url, posted)
    stored.refresh_from_db()
    if response.status_code == 302:
        assert stored.progress == progress.strip()
        assert stored.status == ("realised" if realised else "accepted")
        assert_escaped(client.get(url).content.decode())
    else:
        assert_refused_by_name(response, "progress")
        assert (stored.status, stored.progress) == ("accepted", "")
        assert_escaped(response.content.decode())


def test_a_decision_without_a_choice_is_refused_saying_so(client, allocation, official):
    """It was taken for the realisation form, which a filed request does not show: the
    page came back saying nothing."""
    import datetime

    from django.utils import timezone

    from wiec.initiatives.services import villagefund

    filed = villagefund.file_request(
        actor=official,
        allocation=allocation,
        assembly_on=timezone.localdate() - datetime.timedelta(days=1),
        convened_by="soltys",
        tasks=[{"task": "Plac zabaw", "cost_grosze": 1_500_000}],
        justification="Dzieci.",
    )
    client.force_login(official)
    response = client.post(f"/inicjatywy/fundusz-solecki/wnioski/{filed.pk}/", {"d-reasons": ""})
    assert_refused_by_name(response, "decision")
    assert "To pole jest wymagane." in response.content.decode()
