"""The consultation's document: whole on one page, each paragraph with its remarks."""

from __future__ import annotations

import re

import pytest
from django.utils.formats import date_format

from tests.consultations.conftest import finish
from wiec.consultations import services
from wiec.consultations.models import Paragraph, Remark

pytestmark = pytest.mark.django_db

CHAPTERS = """# Rozdział 1. Cel

Park dla wszystkich pokoleń.

## Rozdział 2. Zieleń

Sadzimy **40 drzew**.

Zachowujemy stare lipy.
"""


def document_url(consultation) -> str:
    return f"/konsultacje/{consultation.slug}/dokument/"


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def chapters(consultation, official):
    Remark.objects.filter(consultation=consultation).delete()
    services.set_document(
        actor=official, consultation=consultation, title="Koncepcja", text=CHAPTERS
    )
    return consultation


def test_headings_are_not_paragraphs(chapters):
    assert services.split_paragraphs(CHAPTERS) == [
        "# Rozdział 1. Cel\n\nPark dla wszystkich pokoleń.",
        "## Rozdział 2. Zieleń\n\nSadzimy **40 drzew**.",
        "Zachowujemy stare lipy.",
    ]
    assert services.split_paragraphs("Tekst.\n\n## Aneks") == ["Tekst.", "## Aneks"]
    assert services.split_paragraphs("Tytuł\n=====\n\nTekst.") == ["Tytuł\n=====\n\nTekst."]
    assert [p.position for p in chapters.paragraphs.all()] == [1, 2, 3]


def test_whole_document_on_one_page_with_counts_and_forms(client, chapters, make_resident):
    _first, second, third = chapters.paragraphs.all()
    for text in ("Więcej ławek", "Mniej betonu", "Fontanna"):
        services.comment_on_paragraph(actor=make_resident(), paragraph=second, text=text)
    for n in range(5):
        services.comment_on_paragraph(actor=make_resident(), paragraph=third, text=f"Lipy {n}")
    client.force_login(make_resident())
    html = client.get(document_url(chapters)).content.decode()
    page = text_of(html)
    # Headings render as headings below the page title, with no number and no form.
    assert "<h2>Rozdział 1. Cel</h2>" in html and "<h3>Rozdział 2. Zieleń</h3>" in html
    assert "Akapit 1 Park dla wszystkich pokoleń." in page
    assert "<strong>40 drzew</strong>" in html
    # Each paragraph: its number, its count with Polish plurals, its remarks and a form.
    assert "Akapit 1 Park dla wszystkich pokoleń. 0 uwag · Skomentuj akapit 1" in page
    assert "Sadzimy 40 drzew . 3 uwagi · Skomentuj akapit 2" in page
    assert "Zachowujemy stare lipy. 5 uwag · Skomentuj akapit 3" in page
    assert page.index("Więcej ławek") < page.index("Zachowujemy stare lipy.")
    assert (
        html.count('<details class="paragraph-remarks"') == 3
        and html.count('<form method="post" action=') == 3
    )
    assert f'action="{document_url(chapters)}2/"' in html
    assert 'id="p2-text"' in html and 'id="id_text"' not in html
    assert "Rozdział" not in page.split("Skomentuj akapit")[-1]


def test_one_remark_in_singular(client, chapters, make_resident):
    services.comment_on_paragraph(
        actor=make_resident(), paragraph=chapters.paragraphs.first(), text="Jedna"
    )
    assert "1 uwaga" in text_of(client.get(document_url(chapters)).content.decode())


def test_comment_returns_to_the_paragraph_on_the_document(client, chapters, make_resident):
    client.force_login(make_resident())
    response = client.post(f"{document_url(chapters)}2/", {"text": "Więcej drzew owocowych."})
    assert response.status_code == 302
    assert response["Location"] == f"{document_url(chapters)}?akapit=2#p2"
    response = client.get(response["Location"])
    html = response.content.decode()
    assert "Twoja uwaga została zapisana" in html
    assert re.search(r'id="p2".*?<details class="paragraph-remarks" open>', html, re.S)
    assert "Więcej drzew owocowych." in html
    assert html.count(" open>") == 1
    assert Remark.objects.get().paragraph.position == 2


def test_empty_comment_gets_a_polish_message_and_nothing_is_saved(client, chapters, make_resident):
    client.force_login(make_resident())
    response = client.post(f"{document_url(chapters)}1/", {"text": "   "})
    assert "Wpisz swoją uwagę: nie może być pusta." in response.content.decode()
    assert not Remark.objects.exists()


def test_anonymous_reader_is_told_to_log_in(client, chapters):
    page = text_of(client.get(document_url(chapters)).content.decode())
    assert "Zaloguj się , aby dodać uwagę." in page
    assert "Skomentuj akapit" not in page and "0 uwag" in page
    html = client.get(document_url(chapters)).content.decode()
    assert "<textarea" not in html
    assert f'href="/konto/login/?next={document_url(chapters)}"' in html


def test_finished_consultation_says_when_it_ended(client, chapters, make_resident):
    finish(chapters)
    client.force_login(make_resident())
    html = client.get(document_url(chapters)).content.decode()
    ended = date_format(chapters.ends_on, "j E Y")
    assert f"Konsultacje zakończyły się {ended} r.; uwagi nie są już zbierane." in html
    assert "<textarea" not in html and "Skomentuj akapit" not in html


def test_planned_consultation_says_when_it_opens(client, official, make_consultation):
    planned = make_consultation("planned")
    services.set_document(actor=official, consultation=planned, title="D", text="Tekst.")
    html = client.get(document_url(planned)).content.decode()
    assert "Konsultacje rozpoczną się" in html and "<textarea" not in html


def test_unverified_person_is_asked_to_confirm_residency(
    client, official, make_consultation, make_user
):
    consultation = make_consultation(requires_verified_residency=True)
    services.set_document(actor=official, consultation=consultation, title="D", text="Tekst.")
    client.force_login(make_user())
    html = client.get(document_url(consultation)).content.decode()
    assert "Potwierdź, że tu mieszkasz" in html and "<textarea" not in html


def test_documents_stored_with_heading_rows_still_work(client, consultation, make_resident):
    """Before headings were folded, a heading was a row of its own, possibly commented."""
    Remark.objects.filter(consultation=consultation).delete()
    consultation.paragraphs.all().delete()
    heading = Paragraph.objects.create(consultation=consultation, position=1, text="## Wstęp")
    Paragraph.objects.create(consultation=consultation, position=2, text="Tekst wstępu.")
    services.comment_on_paragraph(actor=make_resident(), paragraph=heading, text="Stara uwaga")
    page = text_of(client.get(document_url(consultation)).content.decode())
    assert "Wstęp Akapit 2 Tekst wstępu. 0 uwag" in page
    assert "Akapit 1" not in page
    # The old remark stays in the register and on the paragraph's own page.
    assert client.get(f"{document_url(consultation)}1/").status_code == 200


def test_empty_document(client, make_consultation):
    consultation = make_consultation()
    html = client.get(document_url(consultation)).content.decode()
    assert "Dokument nie został jeszcze opublikowany." in html
