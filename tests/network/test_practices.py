"""Good practices: written by a member, reviewed by an editor before anyone else sees
them, returned with a comment, searchable once published."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from wiec.core import search
from wiec.core.models import AuditEvent
from wiec.network import services
from wiec.network.models import Practice, PracticeStatus, ProcessEntry

from .conftest import PRACTICE


@pytest.fixture
def draft(member, city):
    return services.create_practice(actor=member, data={**PRACTICE, "city": city})


def test_only_members_and_editors_describe_practices(make_user, city):
    with pytest.raises(PermissionDenied):
        services.create_practice(actor=make_user(), data={**PRACTICE, "city": city})


def test_a_draft_is_seen_only_by_its_author_and_editors(client, draft, member, editor, make_user):
    url = reverse("network:practice", args=[draft.pk])
    client.force_login(make_user())
    assert client.get(url).status_code == 403
    client.force_login(member)
    assert client.get(url).status_code == 200
    client.force_login(editor)
    assert client.get(url).status_code == 200


def test_an_editor_publishes_a_submitted_practice(client, draft, member, editor):
    with pytest.raises(PermissionDenied):  # not submitted yet
        services.publish_practice(actor=editor, practice=draft)
    services.submit_practice(actor=member, practice=draft)
    with pytest.raises(PermissionDenied):  # an author does not publish their own
        services.publish_practice(actor=member, practice=draft)
    client.force_login(editor)
    response = client.post(
        reverse("network:practice_review", args=[draft.pk]), {"decision": "publish"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == PracticeStatus.PUBLISHED and draft.published_at
    assert AuditEvent.objects.filter(action="network.publish_practice").exists()
    client.logout()
    search.rebuild("network")  # after commit, in a task (the browser test goes that way)
    page = client.get(reverse("network:practices"), {"q": "spacery rynku"})
    assert "Spacer badawczy po rynku" in page.content.decode()


def test_returning_needs_a_comment_the_author_then_reads(client, draft, member, editor):
    services.submit_practice(actor=member, practice=draft)
    with pytest.raises(ValidationError):
        services.return_practice(actor=editor, practice=draft, comment="  ")
    draft.refresh_from_db()
    assert draft.status == PracticeStatus.SUBMITTED
    services.return_practice(actor=editor, practice=draft, comment="Dodajcie liczby.")
    client.force_login(member)
    page = client.get(reverse("network:practice", args=[draft.pk])).content.decode()
    assert "Dodajcie liczby." in page
    services.change_practice(actor=member, practice=draft, data={"outcome": "Więcej uwag."})
    services.submit_practice(actor=member, practice=draft)


def test_search_finds_only_published_practices(client, draft):
    page = client.get(reverse("network:practices"), {"q": "spacer"}).content.decode()
    assert "Spacer badawczy po rynku" not in page


def test_a_practice_links_only_a_process_of_its_own_municipality(member, city, wieliczka):
    other = ProcessEntry.objects.create(
        city=wieliczka, tool="budgets", key="edition:1", title="BO", url="/bo/", status="finished",
        year=2024,
    )  # fmt: skip
    with pytest.raises(ValidationError):
        services.create_practice(actor=member, data={**PRACTICE, "city": city, "process": other})


def test_the_form_refuses_a_document_that_is_not_a_pdf(client, member, city):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(member)
    fake = SimpleUploadedFile("raport.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = client.post(
        reverse("network:practice_create"), {**PRACTICE, "city": city.pk, "document": fake}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["document"]
    assert not Practice.objects.exists()


def test_another_municipalitys_published_practice_opens_from_this_one(
    client, make_user, editor, city, wieliczka
):
    """The network sits above the municipalities: Kraków's list shows Wieliczka's
    practice, and its link opens it (it used to be a 404 there)."""
    author = make_user("wieliczka@example.org")
    services.join_network(
        actor=author, data={"city": wieliczka, "name": "Wiola", "kind": "leader"}, listed=False
    )
    practice = services.create_practice(actor=author, data={**PRACTICE, "city": wieliczka})
    url = reverse("network:practice", args=[practice.pk])
    client.force_login(make_user())
    assert client.get(url).status_code == 403  # a draft stays its author's and the editors'
    services.submit_practice(actor=author, practice=practice)
    services.publish_practice(actor=editor, practice=practice)
    client.logout()
    listed = client.get(reverse("network:practices")).content.decode()
    assert url in listed
    page = client.get(url)
    assert page.status_code == 200
    assert "Wieliczka" in page.content.decode()
