"""Setting a panel up without the admin: the panel's settings and its questions."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.panels.conftest import panel_dates
from wiec.core.models import AuditEvent
from wiec.panels import services
from wiec.panels.models import CitizensPanel, Feature, FeatureValue, Lottery, LotteryStatus


def form_data(**extra) -> dict:
    dates = {k: v.isoformat() for k, v in panel_dates("announced").items()}
    return {
        "topic": "Zieleń w Łodzi",
        "slug": "",
        "question": "Jak zazielenić miasto?",
        "organisers": "Urząd Miasta",
        "experts": "dr Anna Las\nprof. Jan Drzewo",
        "panel_size": "24",
        "reserves_count": "4",
        "binding_threshold": "80",
        "advisory_threshold": "50",
        "denominator": "all",
        "is_published": "on",
        **dates,
        **extra,
    }


def test_an_organiser_creates_a_panel_with_clear_messages(client, organiser, city):
    client.force_login(organiser)
    url = reverse("panels:create")
    assert client.get(url).status_code == 200
    bad = form_data(
        deliberation_starts=panel_dates("announced")["recruitment_ends"].isoformat(),
        advisory_threshold="90",
        voting_opens_at="2030-05-01T10:00",
    )
    page = client.post(url, bad).content.decode()
    assert "Obrady zaczynają się po zakończeniu rekrutacji" in page
    assert "Próg doradczy (90%) nie może być wyższy niż próg wiążący (80%)" in page
    assert "Podaj zarówno początek, jak i koniec głosowania" in page
    assert not CitizensPanel.objects.exists()
    response = client.post(url, form_data())
    panel = CitizensPanel.objects.get()
    assert response["Location"] == reverse("panels:questions", args=["zielen-w-lodzi"])
    assert panel.slug == "zielen-w-lodzi" and panel.city == city
    assert panel.expert_list() == ["dr Anna Las", "prof. Jan Drzewo"]
    assert AuditEvent.objects.filter(action="panels.panel_created").count() == 1
    response = client.post(url, form_data(slug="nowy"))
    assert "Ten adres jest zarezerwowany" in response.content.decode()


def test_residents_cannot_set_panels_up(client, make_resident, make_panel):
    panel = make_panel("announced")
    client.force_login(make_resident())
    assert client.get(reverse("panels:create")).status_code == 403
    for name in ("edit", "questions", "applicants"):
        assert client.get(reverse(f"panels:{name}", args=[panel.slug])).status_code == 403
    client.logout()
    assert "/konto/login/" in client.get(reverse("panels:create"))["Location"]


def test_editing_refuses_what_others_rely_on(client, make_panel, organiser):
    panel = make_panel("selection")
    client.force_login(organiser)
    url = reverse("panels:edit", args=[panel.slug])
    data = form_data(**{k: v.isoformat() for k, v in panel_dates("selection").items()})
    response = client.post(url, {**data, "topic": "Nowy temat", "panel_size": "8"})
    assert response.status_code == 302
    panel.refresh_from_db()
    assert panel.topic == "Nowy temat" and panel.slug == "panel-1"  # the address stays
    Lottery.objects.create(
        panel=panel, seed="1", seed_announced_at=timezone.now(), status=LotteryStatus.DONE
    )
    page = client.post(url, {**data, "panel_size": "30"}).content.decode()
    assert "Panel został wylosowany; tego nie można już zmienić." in page
    panel.refresh_from_db()
    assert panel.panel_size == 8
    CitizensPanel.objects.filter(pk=panel.pk).update(results_published_at=timezone.now())
    panel.refresh_from_db()
    panel.binding_threshold = 60
    with pytest.raises(ValidationError) as info:
        services.save_panel(actor=organiser, panel=panel)
    assert info.value.error_dict["binding_threshold"][0].code == "fixed"


def test_standard_and_custom_questions(client, make_panel, organiser, districts):
    panel = make_panel("announced")
    panel.features.all().delete()
    client.force_login(organiser)
    url = reverse("panels:questions", args=[panel.slug])
    assert "Dodaj pytania standardowe" in client.get(url).content.decode()
    client.post(reverse("panels:standard_questions", args=[panel.slug]))
    assert list(panel.features.values_list("key", flat=True)) == [
        "sex",
        "age",
        "district",
        "education",
    ]
    assert panel.features.get(key="district").values.count() == len(districts)

    page = client.post(url, {"label": "Czy masz ogród?", "answers": "Tak\n"}).content.decode()
    assert "Podaj co najmniej dwie odpowiedzi" in page
    page = client.post(url, {"label": "Płeć?", "key": "sex", "answers": "a\nb"}).content.decode()
    assert "Panel ma już pytanie z kluczem „sex”" in page
    assert panel.features.count() == 4
    client.post(url, {"label": "Czy masz ogród?", "answers": "Tak, własny\nDziałkę\nNie"})
    garden = panel.features.get(kind="custom")
    assert garden.key == "czy-masz-ogrod"
    assert [v.key for v in garden.values.all()] == ["tak-wlasny", "dzialke", "nie"]

    kept = garden.values.get(key="nie")
    FeatureValue.objects.filter(pk=kept.pk).update(quota_min=1, quota_max=3)
    edit = reverse("panels:question", args=[panel.slug, garden.pk])
    assert "Działkę" in client.get(edit).content.decode()
    client.post(edit, {"label": "Czy masz ogród lub działkę?", "answers": "Tak\nNie"})
    garden.refresh_from_db()
    assert garden.label == "Czy masz ogród lub działkę?"
    assert [v.label for v in garden.values.all()] == ["Tak", "Nie"]
    kept.refresh_from_db()
    assert (kept.order, kept.quota_min) == (1, 1)  # the same answer, quota kept

    client.post(reverse("panels:question_remove", args=[panel.slug, garden.pk]))
    assert not Feature.objects.filter(pk=garden.pk).exists()


def test_questions_are_fixed_once_applications_come_in(client, make_panel, organiser, make_user):
    panel = make_panel("recruitment")
    age = panel.features.get(key="age")
    services.apply_to_panel(
        actor=make_user(),
        panel=panel,
        full_name="Ala",
        email="",
        answers={"sex": "female", "age": "30-44", "education": "higher"},
        consent=True,
    )
    client.force_login(organiser)
    before = list(FeatureValue.objects.filter(feature=age).values_list("key", "label"))
    response = client.post(
        reverse("panels:question", args=[panel.slug, age.pk]),
        {"label": "Wiek", "answers": "młodzi\nstarsi"},
    )
    assert "nie można go już zmienić" in response.content.decode()
    response = client.post(
        reverse("panels:question_remove", args=[panel.slug, age.pk]), follow=True
    )
    assert "nie można go już zmienić" in response.content.decode()
    page = client.get(reverse("panels:questions", args=[panel.slug])).content.decode()
    assert 'data-testid="questions-fixed"' in page and "Dodaj własne pytanie" not in page
    with pytest.raises(ValidationError):
        services.add_question(actor=organiser, panel=panel, label="Nowe", answers=["a", "b"])
    assert list(FeatureValue.objects.filter(feature=age).values_list("key", "label")) == before
    assert panel.features.count() == 3


def test_unpublished_panels_are_for_organisers_only(client, make_panel, organiser):
    panel = make_panel("announced", is_published=False)
    assert client.get(panel.get_absolute_url()).status_code == 404
    client.force_login(organiser)
    assert client.get(panel.get_absolute_url()).status_code == 200
    assert panel.topic in client.get(reverse("panels:list")).content.decode()
    assert client.get(reverse("panels:manage", args=[panel.slug])).status_code == 200


def test_voting_window_is_saved_from_the_form(client, make_panel, organiser):
    panel = make_panel("recommendations")
    client.force_login(organiser)
    data = form_data(**{k: v.isoformat() for k, v in panel_dates("recommendations").items()})
    data.update(panel_size="8", reserves_count="3")
    client.post(
        reverse("panels:edit", args=[panel.slug]),
        {**data, "voting_opens_at": "2030-05-01T10:00", "voting_closes_at": "2030-05-03T18:00"},
    )
    panel.refresh_from_db()
    assert panel.voting_closes_at - panel.voting_opens_at == datetime.timedelta(hours=56)
