"""The network editors' screens: events (create, change, cancel with a reason e-mailed
to those registered, registrations and their CSV) and the questionnaire, whose changes
never alter an answer already given."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from wiec.network import selectors, services
from wiec.network.models import Event, SelfAssessment, Theme


def _local(dt: datetime.datetime) -> str:
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


def _event_post(**changes):
    start = timezone.now() + datetime.timedelta(days=20)
    data = {
        "title": "Laboratorium partycypacji",
        "kind": "lab",
        "description": "Warsztat o budżecie.",
        "place": "Wieliczka, Rynek Górny 1",
        "starts_at": _local(start),
        "ends_at": _local(start + datetime.timedelta(hours=3)),
        "capacity": "2",
        "is_published": "on",
    }
    data.update(changes)
    return data


def test_an_editor_creates_an_event_and_bad_dates_get_a_polish_message(client, editor):
    client.force_login(editor)
    start = timezone.now() + datetime.timedelta(days=5)
    response = client.post(
        reverse("network:event_create"),
        _event_post(starts_at=_local(start), ends_at=_local(start - datetime.timedelta(hours=1))),
    )
    assert response.status_code == 200
    assert "Wydarzenie musi się skończyć po rozpoczęciu." in response.content.decode()
    assert not Event.objects.exists()
    response = client.post(reverse("network:event_create"), _event_post())
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()


@pytest.mark.parametrize(
    ("field", "typed", "said"),
    [
        ("starts_at", "0001-01-01T00:30", "Podaj datę z lat 1900–2100."),
        ("capacity", "٣", "Wpisz liczbę całkowitą cyframi 0–9."),
        ("capacity", "99999999999", "mniejsza lub równa 2147483647"),
    ],
)
def test_an_event_form_refuses_what_the_columns_cannot_hold(client, editor, field, typed, said):
    """The form's column-bounded fields were never used (``formfield_callback`` outside
    ``Meta`` is ignored): year one was an error page, "٣" was taken for 3."""
    client.force_login(editor)
    response = client.post(reverse("network:event_create"), _event_post(**{field: typed}))
    assert response.status_code == 200
    assert said in response.content.decode()
    assert not Event.objects.exists()


def test_a_resident_cannot_create_or_cancel_events(make_user):
    resident = make_user()
    with pytest.raises(PermissionDenied):
        services.create_event(actor=resident, data={})
    assert not resident.has_perm("network.manage_events")


@pytest.fixture
def event(db):
    start = timezone.now() + datetime.timedelta(days=10)
    return Event.objects.create(
        title="Forum sieci", kind="forum", description="Spotkanie.", place="Kraków",
        starts_at=start, ends_at=start + datetime.timedelta(hours=4), capacity=3,
    )  # fmt: skip


def test_capacity_cannot_drop_below_the_people_registered(event, editor, make_user):
    for _n in range(2):
        services.register_for_event(actor=make_user(), event=event)
    with pytest.raises(ValidationError) as caught:
        services.change_event(actor=editor, event=event, data={"capacity": 1})
    assert "capacity" in caught.value.error_dict
    services.change_event(actor=editor, event=event, data={"capacity": 2, "title": "Forum 2"})
    event.refresh_from_db()
    assert (event.capacity, event.title) == (2, "Forum 2")


def test_cancelling_emails_the_reason_to_each_registered_person(
    event, editor, make_user, django_capture_on_commit_callbacks
):
    ala, bob = make_user("ala@example.org"), make_user("bob@example.org")
    bob.language = "en"
    bob.save(update_fields=["language"])
    for person in (ala, bob):
        services.register_for_event(actor=person, event=event)
    with pytest.raises(ValidationError):
        services.cancel_event(actor=editor, event=event, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_event(actor=editor, event=event, reason="Sala zalana.")
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"ala@example.org", "bob@example.org"}
    assert "Sala zalana." in by_address["ala@example.org"].body
    assert by_address["ala@example.org"].subject.startswith("Odwołane")
    assert by_address["bob@example.org"].subject.startswith("Cancelled")
    with pytest.raises(ValidationError):
        services.register_for_event(actor=make_user(), event=event)
    with pytest.raises(ValidationError):
        services.change_event(actor=editor, event=event, data={"title": "x"})


def test_the_registrations_csv_has_a_bom_and_semicolons(client, event, editor, make_user):
    person = make_user("czytelniczka@example.org", display_name="Ala; Nowak")
    services.register_for_event(actor=person, event=event)
    client.force_login(editor)
    response = client.get(reverse("network:event_registrations_csv", args=[event.pk]))
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    header, row = text.lstrip("\ufeff").splitlines()[:2]
    assert header.count(";") == 3
    assert row.startswith('1;"Ala; Nowak";czytelniczka@example.org;')
    page = client.get(reverse("network:event_registrations", args=[event.pk])).content.decode()
    assert "czytelniczka@example.org" in page


def _answer_all(official, city, year, level=2):
    themes = Theme.objects.current()
    return services.answer_assessment(
        actor=official, city=city, year=year, team="Zespół", levels={t.pk: level for t in themes}
    )


def _theme_data(theme, **changes):
    data = {
        "area": theme.area,
        "name_pl": theme.name_pl,
        "name_en": theme.name_en,
        "question_pl": theme.question_pl,
        "question_en": theme.question_en,
        "recommendation_pl": theme.recommendation_pl,
        "recommendation_en": theme.recommendation_en,
        "levels": {
            lvl.value: (lvl.description_pl, lvl.description_en) for lvl in theme.levels.all()
        },
    }
    data.update(changes)
    return data


def test_changing_an_answered_theme_keeps_the_answers_wording(official, editor, city):
    year = timezone.localdate().year
    last_year = _answer_all(official, city, year - 1)
    theme = Theme.objects.current().get(number=1)
    old_question = theme.question_pl
    new = services.change_theme(
        actor=editor, theme=theme, data=_theme_data(theme, question_pl="Nowe pytanie?")
    )
    assert new.pk != theme.pk and new.number == 1 and new.levels.count() == 5
    theme.refresh_from_db()
    assert theme.retired_at is not None and theme.question_pl == old_question
    # last year's result still shows what its team read
    rows = selectors.assessment_results(last_year)
    assert rows[0].theme.question_pl == old_question
    # this year's questionnaire asks the new wording, and compares with last year by number
    this_year = _answer_all(official, city, year, level=4)
    rows = {r.theme.number: r for r in selectors.assessment_results(this_year)}
    assert rows[1].theme.question_pl == "Nowe pytanie?"
    assert (rows[1].level, rows[1].previous) == (4, 2)
    assert SelfAssessment.objects.count() == 2


def test_an_unanswered_theme_changes_in_place_and_levels_are_required(editor):
    theme = Theme.objects.current().get(number=2)
    same = services.change_theme(actor=editor, theme=theme, data=_theme_data(theme, name_pl="X"))
    assert same.pk == theme.pk and same.name_pl == "X"
    data = _theme_data(theme)
    data["levels"][3] = ("", "")
    with pytest.raises(ValidationError) as caught:
        services.change_theme(actor=editor, theme=theme, data=data)
    assert "level_3_pl" in caught.value.error_dict


def test_the_theme_screen_saves_a_new_version_through_the_form(client, editor, official, city):
    _answer_all(official, city, timezone.localdate().year)
    theme = Theme.objects.current().get(number=3)
    client.force_login(editor)
    page = client.get(reverse("network:theme_edit", args=[theme.pk]))
    assert page.status_code == 200
    form = page.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["area"] = theme.area_id
    data["name_pl"] = "Planowanie i kalendarz"
    response = client.post(reverse("network:theme_edit", args=[theme.pk]), data)
    assert response.status_code == 302
    assert Theme.objects.current().get(number=3).name_pl == "Planowanie i kalendarz"
    assert Theme.objects.filter(number=3).count() == 2
    # the old version is no longer editable
    assert client.get(reverse("network:theme_edit", args=[theme.pk])).status_code == 404


def test_an_event_hosted_by_another_municipality_opens_everywhere(client, event, wieliczka):
    event.city = wieliczka
    event.save(update_fields=["city"])
    assert client.get(event.get_absolute_url()).status_code == 200
    assert client.get(f"/g/wieliczka{event.get_absolute_url()}").status_code == 200
