"""The invisible field on the proposal and comment forms: a bot that fills it saves nothing."""

from __future__ import annotations

from django.urls import reverse

from tests.budgets.test_views import form_data
from wiec.budgets.models import Comment, Proposal

REFUSED = "To pole musi pozostać puste"


def test_a_proposal_with_the_field_filled_is_refused(client, people, pools):
    client.force_login(people["author"])
    url = reverse("budgets:proposal_create", args=["bo-2027"])
    page = client.get(url).content.decode()
    assert 'name="website"' in page and "field hp" in page  # off screen for people
    response = client.post(url, form_data(pools["podgorze"], website="http://spam"))
    assert response.status_code == 200 and REFUSED in response.content.decode()
    assert not Proposal.objects.exists()
    assert client.post(url, form_data(pools["podgorze"], website="")).status_code == 302


def test_a_comment_with_the_field_filled_is_refused(client, people, make_proposal):
    proposal = make_proposal(people["author"])
    client.force_login(people["resident"])
    url = reverse("budgets:comment_add", args=[proposal.pk])
    response = client.post(url, {"text": "Świetny pomysł!", "website": "spam"}, follow=True)
    assert REFUSED in response.content.decode()
    assert not Comment.objects.exists()
    client.post(url, {"text": "Świetny pomysł!", "website": ""})
    assert Comment.objects.count() == 1
