"""Issue 13: a proposal's attachment named evil.html was served back as a web page.

Every file of a proposal, a support list or a progress report is stored under a
random name whose extension comes from its content, and served as that type with
nosniff: a PDF as a download, an image inline.  An image of too many pixels, or a
damaged one, gets a Polish message and nothing is saved.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.budgets.conftest import png_bytes
from tests.budgets.test_views import form_data
from tests.files import EVIL_PDF, bomb_png
from wiec.budgets import services
from wiec.budgets.implementation import report_progress
from wiec.budgets.models import (
    Implementation,
    ImplementationUpdate,
    Proposal,
    ProposalFile,
    SupportList,
)

pytestmark = pytest.mark.django_db


def create_url() -> str:
    return reverse("budgets:proposal_create", args=["bo-2027"])


def test_a_html_attachment_that_is_a_pdf_is_stored_and_served_as_a_pdf(client, people, pools):
    client.force_login(people["author"])
    evil = SimpleUploadedFile("evil.html", EVIL_PDF, content_type="text/html")
    response = client.post(create_url(), form_data(pools["podgorze"], attachments=evil))
    assert response.status_code == 302
    attachment = ProposalFile.objects.get()
    assert attachment.file.name.endswith(".pdf")
    assert "evil" not in attachment.file.name
    assert attachment.name == "evil.html"  # shown on the page, as text only
    served = client.get(attachment.file.url)
    assert served.status_code == 200
    assert served["Content-Type"] == "application/pdf"
    assert served["Content-Disposition"].startswith("attachment")
    assert served["X-Content-Type-Options"] == "nosniff"
    page = client.get(attachment.proposal.get_absolute_url()).content.decode()
    assert f'href="{attachment.file.url}">evil.html</a>' in page


def test_an_image_is_stored_under_its_own_type_and_shown_inline(client, people, pools):
    client.force_login(people["author"])
    photo = SimpleUploadedFile("park.svg", png_bytes(), content_type="image/svg+xml")
    client.post(create_url(), form_data(pools["podgorze"], images=photo))
    image = ProposalFile.objects.get()
    assert image.file.name.endswith(".png")
    served = client.get(image.file.url)
    assert served["Content-Type"] == "image/png"
    assert served["Content-Disposition"].startswith("inline")
    assert served["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("field", ["images", "attachments"])
def test_a_decompression_bomb_gets_a_polish_message_and_saves_nothing(client, people, pools, field):
    client.force_login(people["author"])
    bomb = SimpleUploadedFile("bomba.png", bomb_png(), content_type="image/png")
    response = client.post(create_url(), form_data(pools["podgorze"], **{field: bomb}))
    assert response.status_code == 200
    assert "Obraz bomba.png ma zbyt wiele pikseli: najwyżej 50 megapikseli." in (
        response.content.decode()
    )
    assert not Proposal.objects.exists() and not ProposalFile.objects.exists()


def test_a_damaged_image_gets_a_polish_message(client, people, pools):
    client.force_login(people["author"])
    damaged = SimpleUploadedFile("park.png", png_bytes()[:40], content_type="image/png")
    response = client.post(create_url(), form_data(pools["podgorze"], images=damaged))
    assert response.status_code == 200
    assert "nie jest obrazem" in response.content.decode()
    assert not Proposal.objects.exists()


def test_a_support_list_scan_is_stored_under_its_content_type(client, people, make_proposal):
    proposal = make_proposal(people["author"], status="draft")
    client.force_login(people["author"])
    response = client.post(
        reverse("budgets:support_list", args=[proposal.pk]),
        {"scan": SimpleUploadedFile("lista.html", EVIL_PDF), "declared_signatures": 12},
    )
    assert response.status_code == 302
    scan = SupportList.objects.get().scan
    assert scan.name.startswith("budgets/support/") and scan.name.endswith(".pdf")
    support_list = SupportList.objects.get()
    url = reverse("budgets:support_list_scan", args=[proposal.pk, support_list.pk])
    assert client.get(url)["Content-Disposition"].startswith("attachment")


def test_a_support_list_bomb_is_refused(client, people, make_proposal):
    proposal = make_proposal(people["author"], status="draft")
    client.force_login(people["author"])
    response = client.post(
        reverse("budgets:support_list", args=[proposal.pk]),
        {"scan": SimpleUploadedFile("lista.png", bomb_png()), "declared_signatures": 12},
    )
    assert response.status_code == 200
    assert "ma zbyt wiele pikseli" in response.content.decode()
    assert not SupportList.objects.exists()


def test_a_progress_photo_bomb_is_refused_and_a_photo_stored_by_type(people, make_proposal):
    proposal = make_proposal(people["author"])
    implementation = Implementation.objects.create(proposal=proposal)
    report = {
        "actor": people["official_podgorze"],
        "implementation": implementation,
        "status": implementation.status,
        "percent_done": 10,
        "text": "Prace ruszyły.",
    }
    with pytest.raises(ValidationError) as error:
        report_progress(**report, photo=SimpleUploadedFile("plac.png", bomb_png()))
    assert error.value.error_dict["photo"][0].code == "too_many_pixels"
    assert not ImplementationUpdate.objects.exists()
    update = report_progress(**report, photo=SimpleUploadedFile("plac.html", png_bytes()))
    assert update.photo.name.startswith("budgets/implementation/")
    assert update.photo.name.endswith(".png")


def test_the_service_refuses_a_bomb_with_a_code(people, edition, pools):
    data = services.ProposalData(
        pool=pools["podgorze"],
        title="T",
        description="D",
        cost_items=[("Ławka", 100)],
        images=[SimpleUploadedFile("bomba.png", bomb_png())],
    )
    with pytest.raises(ValidationError) as error:
        services.save_proposal(actor=people["author"], edition=edition, data=data)
    assert error.value.error_dict["images"][0].code == "too_many_pixels"
