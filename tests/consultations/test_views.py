"""The pages: public reading, bad input with a clear Polish message, exports."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.consultations.conftest import finish
from wiec.consultations import services
from wiec.consultations.models import (
    MAX_ATTACHMENT_BYTES,
    Consultation,
    Remark,
    SurveyResponse,
)

pytestmark = pytest.mark.django_db


def url(consultation, suffix=""):
    return f"/konsultacje/{consultation.slug}/{suffix}"


def test_anonymous_reads_everything_public(client, consultation, make_consultation, districts):
    make_consultation("planned", district=districts["podgorze"], title="Plan Podgórza")
    make_consultation("finished", title="Stare")
    for path in [
        "",
        "dokument/",
        "dokument/1/",
        "mapa/",
        f"ankieta/{consultation.surveys.get().pk}/",
    ]:
        response = client.get(url(consultation, path))
        assert response.status_code == 200, path
    page = client.get(url(consultation)).content.decode()
    assert page.index("W skrócie") < page.index("Na co możesz jeszcze wpłynąć")
    assert "art. 5a u.s.g." in page and "Zaloguj się" in page
    # The organisers' pages send an anonymous visitor to log in (a 403 once signed in).
    response = client.get(url(consultation, "uwagi/"))
    assert response.status_code == 302
    assert response["Location"] == f"/konto/login/?next={url(consultation, 'uwagi/')}"
    assert client.get(url(consultation, "raport/")).status_code == 404
    response = client.post(url(consultation, "dokument/1/"), {"text": "x"})
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_register_filters(client, consultation, make_consultation, districts):
    make_consultation("planned", district=districts["podgorze"], title="Plan Podgórza")
    make_consultation("finished", title="Stare konsultacje")
    body = client.get("/konsultacje/?status=planned").content.decode()
    assert "Plan Podgórza" in body and consultation.title not in body
    body = client.get("/konsultacje/?district=podgorze").content.decode()
    assert "Plan Podgórza" in body and "Stare konsultacje" not in body
    body = client.get("/konsultacje/?district=miasto&status=finished").content.decode()
    assert "Stare konsultacje" in body and "Plan Podgórza" not in body


def test_closed_consultation_answer_gets_a_polish_message(client, consultation, make_resident):
    survey = consultation.surveys.get()
    finish(consultation)
    client.force_login(make_resident())
    response = client.post(url(consultation, f"ankieta/{survey.pk}/"), {})
    assert "Te konsultacje nie są otwarte" in response.content.decode()
    response = client.post(url(consultation, "dokument/1/"), {"text": "Za późno"})
    assert "Te konsultacje nie są otwarte" in response.content.decode()
    assert not SurveyResponse.objects.exists() and not Remark.objects.exists()


def test_empty_comment_and_outside_point_get_polish_messages(client, consultation, make_resident):
    client.force_login(make_resident())
    response = client.post(url(consultation, "dokument/1/"), {"text": "  "})
    assert "Wpisz swoją uwagę: nie może być pusta." in response.content.decode()
    response = client.post(
        url(consultation, "mapa/"), {"latitude": "52.23", "longitude": "21.01", "text": "Tu"}
    )
    assert "Ten punkt leży poza gminą" in response.content.decode()
    assert not Remark.objects.exists()
    response = client.post(
        url(consultation, "mapa/"), {"latitude": "50.06", "longitude": "19.94", "text": "Tu"}
    )
    assert response.status_code == 302 and Remark.objects.count() == 1


def test_oversized_upload_gets_a_polish_message(client, consultation, official):
    client.force_login(official)
    big = SimpleUploadedFile("skan.pdf", b"x" * (MAX_ATTACHMENT_BYTES + 1), "application/pdf")
    response = client.post(
        url(consultation, "uwagi/nowa/"),
        {
            "channel": "paper",
            "author_name": "Jan",
            "text": "Pismo",
            "received_on": timezone.localdate().isoformat(),
            "attachment": big,
        },
    )
    assert "Plik jest za duży: dozwolone jest najwyżej 5 MB." in response.content.decode()
    assert not Remark.objects.exists()
    small = SimpleUploadedFile("skan.pdf", b"%PDF-1.4 small", "application/pdf")
    response = client.post(
        url(consultation, "uwagi/nowa/"),
        {
            "channel": "paper",
            "author_name": "Jan",
            "text": "Pismo",
            "received_on": timezone.localdate().isoformat(),
            "attachment": small,
        },
    )
    assert response.status_code == 302 and Remark.objects.get().attachment


def test_district_official_handles_only_their_districts(
    client, make_consultation, districts, podgorze_official
):
    mine = make_consultation(district=districts["podgorze"])
    other = make_consultation(district=districts["stare-miasto"])
    client.force_login(podgorze_official)
    assert client.get(url(mine, "uwagi/")).status_code == 200
    assert client.get(url(other, "uwagi/")).status_code == 403


def test_meeting_ics_and_feed(client, consultation, make_resident):
    response = client.get(url(consultation, f"spotkania/{consultation.meetings.get().pk}.ics"))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in body and "Spotkanie" in body
    feed = client.get("/konsultacje/kalendarz.ics").content.decode()
    assert feed.count("BEGIN:VEVENT") == 1
    client.force_login(make_resident())
    meeting = consultation.meetings.get()
    client.post(url(consultation, f"spotkania/{meeting.pk}/zapis/"))
    assert meeting.registrations.count() == 1


def test_report_pdf_and_csv_have_every_remark(client, consultation, make_resident, official):
    anna = make_resident()
    remark = services.comment_on_paragraph(
        actor=anna, paragraph=consultation.paragraphs.first(), text="Więcej zieleni"
    )
    services.answer_remark(
        actor=official, remark=remark, response="partly", justification="Część drzew posadzimy"
    )
    finish(consultation)
    services.publish_report(actor=official, consultation=consultation, conclusions="Wnioski")
    html = client.get(url(consultation, "raport/")).content.decode()
    assert "Więcej zieleni" in html and "Część drzew posadzimy" in html and "<svg" in html
    csv = client.get(f"/konsultacje/{consultation.slug}/raport.csv").content.decode("utf-8-sig")
    assert "Więcej zieleni" in csv and "uwzględniona częściowo" in csv
    pdf = client.get(f"/konsultacje/{consultation.slug}/raport.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-") and pdf.content.rstrip().endswith(b"%%EOF")


def test_requests_pages(client, city, make_resident, official):
    resident = make_resident()
    client.force_login(resident)
    response = client.post(
        "/konsultacje/wnioski/nowy/",
        {"title": "Ścieżka", "justification": "Bo tak", "district": ""},
    )
    assert response.status_code == 302
    client.logout()
    body = client.get("/konsultacje/wnioski/").content.decode()
    assert "Ścieżka" in body and "1 / 1000" in body


def _form_data(consultation, **changes):
    from django.forms.models import model_to_dict

    from wiec.consultations.forms import ConsultationForm

    data = model_to_dict(consultation, fields=ConsultationForm._meta.fields)
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["starts_on"] = consultation.starts_on.isoformat()
    data["ends_on"] = consultation.ends_on.isoformat()
    for flag in ("requires_verified_residency", "map_enabled"):
        if not data[flag]:
            del data[flag]
    return {**data, **changes}


def test_a_slug_already_in_use_is_a_form_error_not_a_500(client, make_consultation, official):
    first = make_consultation()
    second = make_consultation()
    client.force_login(official)
    created = client.post(
        reverse("consultations:create"), _form_data(first, title="Nowa", slug=first.slug)
    )
    assert created.status_code == 200
    assert "Inne konsultacje mają już ten adres" in created.content.decode()
    renamed = client.post(
        reverse("consultations:edit", args=[second.slug]), _form_data(second, slug=first.slug)
    )
    assert renamed.status_code == 200
    assert "Inne konsultacje mają już ten adres" in renamed.content.decode()
    second.refresh_from_db()
    assert second.slug != first.slug
    assert Consultation.objects.filter(slug=first.slug).count() == 1


def test_the_race_for_a_slug_is_a_validation_error(make_consultation, official, monkeypatch):
    from django.core.exceptions import ValidationError
    from django.db.models import QuerySet

    from wiec.consultations import services

    first = make_consultation()
    second = make_consultation()
    real_exists = QuerySet.exists
    calls = {"n": 0}

    def stale_exists(self):  # the look-up misses the row another request saved meanwhile
        if self.model is Consultation and calls["n"] == 0:
            calls["n"] += 1
            return False
        return real_exists(self)

    monkeypatch.setattr(QuerySet, "exists", stale_exists)
    with pytest.raises(ValidationError) as info:
        services.update_consultation(actor=official, consultation=second, slug=first.slug)
    assert "slug" in info.value.error_dict
