"""The invisible field on remarks (on the document and on the map) and on requests for a
consultation: a bot that fills it saves nothing; a person who leaves it empty does."""

from __future__ import annotations

import pytest

from wiec.consultations import services
from wiec.consultations.models import ConsultationRequest, Remark

pytestmark = pytest.mark.django_db
REFUSED = "To pole musi pozostać puste"


def test_a_paragraph_remark_with_the_field_filled_is_refused(
    client, consultation, official, make_resident
):
    services.set_document(
        actor=official, consultation=consultation, title="Koncepcja", text="Park.\n\nDrzewa."
    )
    Remark.objects.filter(consultation=consultation).delete()
    client.force_login(make_resident())
    url = f"/konsultacje/{consultation.slug}/dokument/1/"
    response = client.post(url, {"text": "Więcej ławek.", "website": "spam"})
    assert REFUSED in response.content.decode()
    assert not Remark.objects.filter(consultation=consultation).exists()
    assert client.post(url, {"text": "Więcej ławek.", "website": ""}).status_code == 302
    assert Remark.objects.filter(consultation=consultation).count() == 1


def test_a_map_remark_with_the_field_filled_is_refused(client, consultation, make_resident):
    Remark.objects.filter(consultation=consultation).delete()
    client.force_login(make_resident())
    url = f"/konsultacje/{consultation.slug}/mapa/"
    data = {"latitude": "50.0614", "longitude": "19.9372", "text": "Tu przejście."}
    response = client.post(url, {**data, "website": "spam"})
    assert REFUSED in response.content.decode()
    assert not Remark.objects.filter(consultation=consultation).exists()
    assert client.post(url, data).status_code == 302
    assert Remark.objects.filter(consultation=consultation).count() == 1


def test_a_request_with_the_field_filled_is_refused(client, city, make_resident):
    client.force_login(make_resident())
    data = {"title": "Ścieżka", "justification": "Bo tak", "district": ""}
    response = client.post("/konsultacje/wnioski/nowy/", {**data, "website": "spam"})
    assert REFUSED in response.content.decode()
    assert not ConsultationRequest.objects.exists()
    assert client.post("/konsultacje/wnioski/nowy/", data).status_code == 302
