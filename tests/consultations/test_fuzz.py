"""Fuzzing what a signed-in resident sends to a consultation, through the real pages:
a remark on a paragraph, a remark on the map, a request for a consultation. Whatever is
typed is stored whole or refused with the problem named; never an error page, never
half a remark, never a payload as markup."""

from __future__ import annotations

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
from wiec.consultations.models import ConsultationRequest, Remark

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident_client(client, make_resident):
    client.force_login(make_resident())
    return client


@FUZZ
@given(text=TEXT, website=st.sampled_from(["", "", "", "http://spam.example"]))
def test_a_paragraph_remark_is_stored_whole_or_refused_by_name(
    resident_client, consultation, text, website
):
    url = f"/konsultacje/{consultation.slug}/dokument/1/"
    before = Remark.objects.count()
    response = post_outside_limits(resident_client, url, {"text": text, "website": website})
    event(f"answered {response.status_code}")
    if response.status_code == 302:
        assert not website
        assert Remark.objects.count() == before + 1
        assert Remark.objects.latest("pk").text == text.strip()
        if "<" in text:  # the page, with every remark so far, only where markup was typed
            assert_escaped(resident_client.get(url).content.decode())
    else:
        assert_refused_by_name(response)
        assert Remark.objects.count() == before
        assert_escaped(response.content.decode())


MAP_REMARK = {"latitude": "50.0614", "longitude": "19.9372", "text": "Tu przejście.", "area": ""}
MAP_FUZZED = {
    "latitude": NUMBERS,
    "longitude": NUMBERS,
    "text": TEXT,
    "area": st.sampled_from(
        ["50.06, 19.93\n50.07, 19.94\n50.06, 19.95", '{"type": "Polygon"}', "٥٠, ١٩\n1,2\n3,4"]
    )
    | TEXT,
    "category": st.sampled_from(["", "1", "x", "99999999999999999999", "\x00"]),
}


@FUZZ
@given(fuzzed=some_of(MAP_FUZZED))
def test_a_map_remark_is_stored_whole_or_refused_by_name(resident_client, consultation, fuzzed):
    url = f"/konsultacje/{consultation.slug}/mapa/"
    data = {**MAP_REMARK, **fuzzed}
    before = Remark.objects.count()
    response = post_outside_limits(resident_client, url, data)
    event(f"answered {response.status_code}")
    if response.status_code == 302:
        assert Remark.objects.count() == before + 1
        assert Remark.objects.latest("pk").text == data["text"].strip()
        if "<" in data["text"]:
            assert_escaped(resident_client.get(url).content.decode())
    else:
        assert_refused_by_name(response)
        assert Remark.objects.count() == before
        assert_escaped(response.content.decode())


@FUZZ
@given(address=TEXT)
def test_finding_an_address_on_the_map_takes_anything(resident_client, consultation, address):
    """ "Find on the map" without JavaScript: the form again, a sentence, nothing saved."""
    before = Remark.objects.count()
    url = f"/konsultacje/{consultation.slug}/mapa/"
    response = post_outside_limits(
        resident_client, url, {"locate": "1", "address": address, "text": address}
    )
    assert response.status_code == 200
    assert Remark.objects.count() == before
    assert_escaped(response.content.decode())


@FUZZ
@given(title=TEXT, justification=TEXT, district=st.sampled_from(["", "1", "x", "\x00"]))
def test_a_request_for_a_consultation_is_stored_whole_or_refused_by_name(
    resident_client, city, title, justification, district
):
    before = ConsultationRequest.objects.count()
    response = post_outside_limits(
        resident_client,
        "/konsultacje/wnioski/nowy/",
        {"title": title, "justification": justification, "district": district},
    )
    event(f"answered {response.status_code}")
    if response.status_code == 302:
        assert ConsultationRequest.objects.count() == before + 1
        stored = ConsultationRequest.objects.latest("pk")
        assert (stored.title, stored.justification) == (title.strip(), justification.strip())
        assert_escaped(resident_client.get(response.url).content.decode())
    else:
        assert_refused_by_name(response)
        assert ConsultationRequest.objects.count() == before
        assert_escaped(response.content.decode())


ANSWERS = st.sampled_from(["", "1", "2", "3", "0", "-1", "٣", "３", "99999999999999999999", "\x00"])


@FUZZ
@given(data=st.data())
def test_a_survey_is_answered_whole_or_refused_by_name(client, consultation, make_resident, data):
    """Every question answered anyhow (ids of other options, digits of other scripts)."""
    from wiec.consultations.models import Answer, QuestionKind, SurveyResponse

    survey = consultation.surveys.get()
    posted: dict = {}
    for question in survey.questions.prefetch_related("choices"):
        ids = [str(c.pk) for c in question.choices.all()]
        name = f"q{question.pk}"
        if question.kind == QuestionKind.TEXT:
            posted[name] = data.draw(TEXT)
        elif question.kind == QuestionKind.MULTIPLE:
            posted[name] = data.draw(st.lists(st.sampled_from(ids) | ANSWERS, max_size=4))
        elif question.kind == QuestionKind.RANKING:
            places = [str(n) for n in range(1, len(ids) + 1)]
            ranks = data.draw(st.permutations(places) | st.lists(ANSWERS, min_size=len(ids)))
            for choice_id, rank in zip(ids, ranks, strict=False):
                posted[f"{name}_{choice_id}"] = rank
        else:
            posted[name] = data.draw(st.sampled_from(ids) | ANSWERS if ids else ANSWERS)
    posted = {k: v for k, v in posted.items() if v != "" or data.draw(st.booleans())}
    client.force_login(make_resident())
    before = (SurveyResponse.objects.count(), Answer.objects.count())
    response = client.post(f"/konsultacje/{consultation.slug}/ankieta/{survey.pk}/", posted)
    event(f"answered {response.status_code}")
    if response.status_code == 302:
        assert SurveyResponse.objects.count() == before[0] + 1
        stored = SurveyResponse.objects.latest("pk")
        typed = [posted[f"q{q.pk}"].strip() for q in survey.questions.filter(kind="text")]
        written = list(stored.answers.exclude(text="").values_list("text", flat=True))
        assert written == [t for t in typed if t]
    else:
        assert_refused_by_name(response)
        assert (SurveyResponse.objects.count(), Answer.objects.count()) == before
        assert_escaped(response.content.decode())


@FUZZ
@given(
    information_clear=ANSWERS | st.sampled_from(["5"]),
    felt_heard=ANSWERS | st.sampled_from(["4"]),
    comment=TEXT,
)
def test_an_evaluation_is_stored_whole_or_refused_by_name(
    client, consultation, make_resident, information_clear, felt_heard, comment
):
    from tests.consultations.conftest import finish
    from wiec.consultations.models import Evaluation, RemarkChannel

    participant = make_resident()
    Remark.objects.create(
        consultation=consultation,
        channel=RemarkChannel.DOCUMENT,
        author=participant,
        paragraph=consultation.paragraphs.first(),
        text="Więcej ławek.",
    )
    if not consultation.is_finished:
        finish(consultation)
    client.force_login(participant)
    before = Evaluation.objects.count()
    data = {"information_clear": information_clear, "felt_heard": felt_heard, "comment": comment}
    response = client.post(f"/konsultacje/{consultation.slug}/ocena/", data)
    event(f"answered {response.status_code}")
    if response.status_code == 302:
        assert Evaluation.objects.count() == before + 1
        assert Evaluation.objects.latest("pk").comment == comment.strip()
    else:
        assert_refused_by_name(response)
        assert Evaluation.objects.count() == before
        assert_escaped(response.content.decode())


MEETING = {
    "title": "Spotkanie w sprawie parku",
    "kind": "in_person",
    "starts_at": "2030-05-04T17:00",
    "ends_at": "2030-05-04T19:00",
    "place": "Sala obrad, ul. Wielicka 28",
    "online_url": "",
    "capacity": "",
    "description": "Przyjdź, porozmawiajmy.",
}
WHEN = (
    st.sampled_from(
        [
            "",
            "2030-05-04T16:00",
            "2030-05-04 19:30",
            "0001-01-01T00:30",
            "0001-01-01T23:59",
            "9999-12-31T23:59",
            "2030-03-31T02:30",
            "2030-13-01T10:00",
            "4.05.2030 17:00",
            "2000-01-01T10:00",
        ]
    )
    | TEXT
)
MEETING_FIELDS = {
    "title": TEXT,
    "kind": st.sampled_from(["", "online", "hybrid", "x", "\x00"]),
    "starts_at": WHEN,
    "ends_at": WHEN,
    "place": TEXT,
    "online_url": st.sampled_from(
        ["https://meet.example.org/park", "meet.example.org", "javascript:alert(1)"]
    )
    | TEXT,
    "capacity": st.sampled_from(["0", "1", "2147483648", "-1", "٣", "1e3"]) | NUMBERS,
    "description": TEXT,
}


@FUZZ
@given(fuzzed=some_of(MEETING_FIELDS, max_size=4))
def test_a_meeting_is_scheduled_whole_or_refused_by_name(client, consultation, official, fuzzed):
    """The office's meeting form: stored as typed (each text stripped) or the form again
    with each problem named; the consultation's page and the meeting's calendar file
    carry the texts as text."""
    from icalendar import Calendar

    from wiec.consultations.models import Meeting

    client.force_login(official)
    data = {**MEETING, **fuzzed}
    before = Meeting.objects.count()
    response = post_outside_limits(
        client, f"/konsultacje/{consultation.slug}/spotkania/nowe/", data
    )
    event(f"answered {response.status_code}")
    if response.status_code == 302:
        assert Meeting.objects.count() == before + 1
        meeting = Meeting.objects.latest("pk")
        for name in ("title", "place", "description"):
            assert getattr(meeting, name) == data[name].strip()
        assert meeting.ends_at > meeting.starts_at
        assert_escaped(client.get(response.url).content.decode())
        ics = client.get(f"/konsultacje/{consultation.slug}/spotkania/{meeting.pk}.ics")
        assert ics.status_code == 200
        (stored,) = Calendar.from_ical(ics.content).walk("VEVENT")
        # iCalendar keeps line breaks, not which ones (CRLF or LF)
        summary = f"{consultation.title}: {meeting.title}"
        assert str(stored["summary"]).splitlines() == summary.splitlines()
    else:
        assert_refused_by_name(response)
        assert Meeting.objects.count() == before
        assert_escaped(response.content.decode())


@FUZZ
@given(
    capacity=st.sampled_from([None, 0, 1, 2]),
    steps=st.lists(
        st.tuples(st.sampled_from(["a", "b", "c", "unverified"]), st.booleans()), max_size=8
    ),
)
def test_registrations_for_a_meeting_keep_to_its_places(
    client, consultation, make_resident, make_user, capacity, steps
):
    """Residents registering and cancelling in any order: never more registered than
    the places, never twice, each answer said in a message on the consultation's page."""
    import datetime

    from django.contrib.messages import ERROR, SUCCESS
    from django.utils import timezone

    from wiec.consultations.models import Meeting, Registration

    consultation.requires_verified_residency = True
    consultation.save(update_fields=["requires_verified_residency"])
    start = timezone.now() + datetime.timedelta(days=2)
    meeting = Meeting.objects.create(
        consultation=consultation,
        title="Spotkanie",
        kind="in_person",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        capacity=capacity,
    )
    people = {"a": make_resident(), "b": make_resident(), "c": make_resident()}
    people["unverified"] = make_user()
    registered: set[str] = set()
    for who, register in steps:
        client.force_login(people[who])
        action = "zapis" if register else "rezygnacja"
        response = post_outside_limits(
            client,
            f"/konsultacje/{consultation.slug}/spotkania/{meeting.pk}/{action}/",
            follow=True,
        )
        assert response.status_code == 200
        assert_escaped(response.content.decode())
        said = [(m.level, str(m)) for m in response.context["messages"]]
        assert len(said) == 1 and said[0][1].strip()
        level = said[0][0]
        full = capacity is not None and len(registered) >= capacity
        if not register:
            assert level == SUCCESS
            registered.discard(who)
        elif who == "unverified" or who in registered or full:
            assert level == ERROR
        else:
            assert level == SUCCESS
            registered.add(who)
        assert set(Registration.objects.filter(meeting=meeting).values_list("user", flat=True)) == {
            people[w].pk for w in registered
        }


def test_a_meeting_in_year_one_is_refused_saying_so(client, consultation, official):
    """0001-01-01 00:30 in Warsaw is before year 1 in UTC: it was an error page."""
    from wiec.consultations.models import Meeting

    client.force_login(official)
    before = Meeting.objects.count()
    url = f"/konsultacje/{consultation.slug}/spotkania/nowe/"
    response = client.post(url, {**MEETING, "starts_at": "0001-01-01T00:30"})
    assert_refused_by_name(response)
    assert "Podaj datę z lat 1900–2100." in response.content.decode()
    assert Meeting.objects.count() == before
