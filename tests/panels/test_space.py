"""The panel's online space between sessions: panelists and organisers only."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests.panels.test_deliberation import seat_users
from wiec.core.models import Notification
from wiec.panels import services
from wiec.panels.models import PostKind, SpacePost

pytestmark = pytest.mark.django_db


def test_only_panelists_and_organisers_enter_the_space(
    client, drawn_panel, make_user, make_resident, organiser
):
    members = seat_users(drawn_panel, make_user)
    url = reverse("panels:space", args=[drawn_panel.slug])
    assert client.get(url)["Location"].startswith("/konto/login/")
    client.force_login(make_resident())
    assert client.get(url).status_code == 403
    assert 'data-testid="space-link"' not in client.get(drawn_panel.get_absolute_url()).text
    client.force_login(members[0].user)
    assert 'data-testid="space-link"' in client.get(drawn_panel.get_absolute_url()).text
    assert client.get(url).status_code == 200
    client.force_login(organiser)
    assert client.get(url).status_code == 200


def test_a_question_is_answered_and_everyone_on_the_panel_is_told(
    client, drawn_panel, make_user, organiser
):
    members = seat_users(drawn_panel, make_user)
    asker, other = members[0].user, members[1].user
    client.force_login(asker)
    response = client.post(
        reverse("panels:space", args=[drawn_panel.slug]),
        {"kind": PostKind.QUESTION, "topic": "Koszt wymiany pieca", "text": "Ile to kosztuje?"},
    )
    question = SpacePost.objects.get()
    assert response["Location"].endswith(f"#post-{question.pk}")
    told = Notification.objects.filter(recipient=other, kind=services.SPACE_KIND)
    assert told.count() == 1 and "Koszt wymiany pieca" in told.get().subject
    assert not Notification.objects.filter(recipient=asker).exists()

    client.force_login(organiser)
    client.post(
        reverse("panels:space_answer", args=[drawn_panel.slug, question.pk]),
        {"answer": "Średnio 25 000 zł; miasto dopłaca do 100%."},
    )
    question.refresh_from_db()
    assert question.answered_by == organiser and "25 000 zł" in question.answer
    assert Notification.objects.filter(recipient=asker, subject__contains="odpowied").exists()
    client.force_login(other)
    page = client.get(reverse("panels:space", args=[drawn_panel.slug])).text
    assert "Ile to kosztuje?" in page and "Średnio 25 000 zł" in page


def test_a_panelist_may_not_answer_and_empty_posts_are_refused(drawn_panel, make_user):
    members = seat_users(drawn_panel, make_user)
    panelist = members[0].user
    with pytest.raises(ValidationError) as error:
        services.post_to_space(actor=panelist, panel=drawn_panel, kind="x", topic=" ", text="")
    assert set(error.value.error_dict) == {"kind", "topic", "text"}
    post = services.post_to_space(
        actor=panelist, panel=drawn_panel, kind=PostKind.QUESTION, topic="Smog", text="Skąd?"
    )
    with pytest.raises(PermissionDenied):
        services.answer_question(actor=panelist, post=post, answer="Sam sobie odpowiem")
    assert not SpacePost.objects.get().answer


def test_the_discussion_is_grouped_by_topic_and_a_bad_post_gets_a_polish_message(
    client, drawn_panel, make_user
):
    members = seat_users(drawn_panel, make_user)
    for member, topic in zip(members[:3], ["Ławki", "Ławki", "Drzewa"], strict=True):
        services.post_to_space(
            actor=member.user, panel=drawn_panel, kind=PostKind.DISCUSSION, topic=topic, text="Tak"
        )
    client.force_login(members[0].user)
    url = reverse("panels:space", args=[drawn_panel.slug])
    page = client.get(url).text
    assert "Ławki (2 wpisy)" in page and "Drzewa (1 wpis)" in page
    response = client.post(url, {"kind": PostKind.DISCUSSION, "topic": "", "text": ""})
    assert response.status_code == 400 and "Popraw" in response.text
    assert SpacePost.objects.count() == 3
