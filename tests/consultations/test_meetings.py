"""Meeting materials: the office attaches a document; type and size are checked, a
refused file saves nothing, and the material shows on the meeting."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.files import odt_bytes
from wiec.consultations import services
from wiec.consultations.models import MAX_ATTACHMENT_BYTES, MeetingMaterial
from wiec.core.models import AuditEvent

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% agenda\n"


def url(consultation, meeting):
    return f"/konsultacje/{consultation.slug}/spotkania/{meeting.pk}/materialy/nowy/"


def stored_files(meeting) -> list[str]:
    try:
        return default_storage.listdir(f"consultations/meetings/{meeting.pk}")[1]
    except FileNotFoundError:
        return []


def test_official_attaches_a_material_shown_on_the_meeting(client, consultation, official):
    meeting = consultation.meetings.get()
    client.force_login(official)
    assert client.get(url(consultation, meeting)).status_code == 200
    response = client.post(
        url(consultation, meeting),
        {"title": "Porządek spotkania", "file": SimpleUploadedFile("porzadek.pdf", PDF)},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#spotkanie-{meeting.pk}")
    material = MeetingMaterial.objects.get()
    assert material.size == len(PDF) and material.uploaded_by == official
    assert AuditEvent.objects.filter(action="consultations.meeting_material_attached").exists()
    client.logout()
    page = client.get(f"/konsultacje/{consultation.slug}/").content.decode()
    assert "Materiały" in page and "Porządek spotkania" in page
    assert material.file.url in page and "(PDF, 18\xa0bajtów)" in page


@pytest.mark.parametrize(
    "name,content,message",
    [
        (
            "duzy.pdf",
            b"%PDF-" + b"x" * MAX_ATTACHMENT_BYTES,
            "Plik jest za duży: dozwolone jest najwyżej 5 MB.",
        ),
        ("program.exe", b"MZ\x90\x00", "Ten rodzaj pliku nie jest przyjmowany."),
        ("udaje.pdf", b"MZ\x90\x00 not a pdf", "Ten rodzaj pliku nie jest przyjmowany."),
    ],
)
def test_refused_file_gets_a_clear_message_and_saves_nothing(
    client, consultation, official, name, content, message
):
    meeting = consultation.meetings.get()
    client.force_login(official)
    response = client.post(
        url(consultation, meeting), {"title": "Plik", "file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    stem = name.rsplit(".", 1)[0]
    assert not MeetingMaterial.objects.exists()
    assert not [f for f in stored_files(meeting) if f.startswith(stem)]


def test_only_the_office_in_scope_attaches(client, consultation, make_resident, make_role_user):
    from wiec.core.roles import Role

    meeting = consultation.meetings.get()
    client.force_login(make_resident())
    assert client.get(url(consultation, meeting)).status_code == 403
    with pytest.raises(PermissionDenied):
        services.attach_meeting_material(
            actor=make_role_user(Role.OFFICIAL, scope=("podgorze",)),
            meeting=meeting,
            title="Plik",
            file=SimpleUploadedFile("a.pdf", PDF),
        )
    assert not MeetingMaterial.objects.exists()


def test_service_checks_type_and_title(consultation, official):
    meeting = consultation.meetings.get()
    with pytest.raises(ValidationError) as error:
        services.attach_meeting_material(
            actor=official, meeting=meeting, title="Plik", file=SimpleUploadedFile("a.txt", b"x")
        )
    assert error.value.code == "file_type"
    with pytest.raises(ValidationError) as error:
        services.attach_meeting_material(
            actor=official, meeting=meeting, title=" ", file=SimpleUploadedFile("a.pdf", PDF)
        )
    assert error.value.code == "title"
    odt = services.attach_meeting_material(
        actor=official,
        meeting=meeting,
        title="Mapa",
        file=SimpleUploadedFile("mapa.odt", odt_bytes()),
    )
    assert odt.extension == "ODT"
