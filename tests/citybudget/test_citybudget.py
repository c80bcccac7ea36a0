"""The open city budget: an upload in the classification, where the money goes, bad
files refused with the row named and nothing half-imported, the same through the API."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from wiec.accounts.models import Role
from wiec.citybudget import selectors, services
from wiec.citybudget.models import Line, Report

pytestmark = pytest.mark.django_db

PLAN = (
    "dzial;rozdzial;paragraf;nazwa;dzielnica;plan;wykonanie;bo\n"
    "600;60016;6050;Przebudowa ulicy Długiej;stare-miasto;1 250 000,00;;nie\n"
    "801;80101;4010;Wynagrodzenia w szkołach;;10 000 000,00;;nie\n"
    "900;90004;4300;Zielone podwórka;Podgórze;200 000,00;;tak\n"
)
Q2 = PLAN.replace(";;nie\n", ";500 000,00;nie\n").replace(";;tak\n", ";50 000,50;tak\n")


@pytest.fixture
def treasurer(make_role_user):
    return make_role_user(Role.COORDINATOR)


def upload(actor, city, text, quarter=0, year=2026):
    return services.import_report(
        actor=actor, city=city, year=year, quarter=quarter, raw=("\ufeff" + text).encode()
    )


def test_the_plan_and_a_quarter_show_where_the_money_goes(treasurer, city):
    upload(treasurer, city, PLAN)
    upload(treasurer, city, Q2, quarter=2)
    summary = selectors.summary(city, 2026)
    assert summary.report.quarter == 2
    assert summary.plan == 1_145_000_000
    assert summary.executed == 100_000_000 + 5_000_050
    assert [r.key for r in summary.by_dzial] == ["801", "600", "900"]
    assert summary.by_dzial[0].label == "801 Oświata i wychowanie"
    assert summary.participatory_plan == 20_000_000
    assert round(summary.participatory_percent, 2) == 1.75
    districts = {r.label: r.plan for r in summary.by_district}
    assert districts["Stare Miasto"] == 125_000_000 and districts["Podgórze"] == 20_000_000
    assert [r.label for r in summary.by_quarter] == ["Q2"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (PLAN + "60;60016;6050;x;;1,00;;nie\n", "Wiersz 5: dzial musi mieć 3 cyfry"),
        (
            PLAN + "600;80101;6050;x;;1,00;;nie\n",
            "Wiersz 5: rozdział 80101 nie należy do działu 600",
        ),
        (PLAN + "600;60016;6050;x;Atlantyda;1,00;;nie\n", "Wiersz 5: Kraków nie ma"),
        (PLAN + "600;60016;6050;x;;milion;;nie\n", "Wiersz 5: „milion” w kolumnie plan"),
        (PLAN + "600;60016;6050;x;;1,001;;nie\n", "Wiersz 5: kwota w kolumnie plan"),
        (PLAN + "600;60016;6050;x;;1,00\n", "Wiersz 5 ma pól: 6"),
        ("dzial;rozdzial;plan\n600;60016;1\n", "brakuje kolumn: paragraf"),
    ],
)
def test_a_bad_file_names_the_row_and_keeps_what_was_there(treasurer, city, text, message):
    from django.utils import translation

    upload(treasurer, city, PLAN)
    with pytest.raises(ValidationError) as caught:
        upload(treasurer, city, text)
    with translation.override("pl"):
        assert message in " ".join(caught.value.messages)
    assert Report.objects.count() == 1 and Line.objects.count() == 3


def test_only_the_office_uploads(make_resident, city):
    with pytest.raises(PermissionDenied):
        upload(make_resident("podgorze"), city, PLAN)
    assert not Report.objects.exists()


def test_the_upload_page_says_what_is_wrong_in_polish(client, treasurer, city):
    client.force_login(treasurer)
    bad = SimpleUploadedFile("b.csv", (PLAN + "999;99999;9999;x;;-5;;nie\n").encode())
    response = client.post("/budzet-miasta/wgraj/", {"year": 2026, "quarter": 0, "file": bad})
    assert response.status_code == 200
    assert "Wiersz 5:" in response.content.decode()
    good = SimpleUploadedFile("g.csv", PLAN.encode())
    response = client.post("/budzet-miasta/wgraj/", {"year": 2026, "quarter": 0, "file": good})
    assert response.status_code == 302


def test_residents_see_charts_with_tables(client, treasurer, city):
    upload(treasurer, city, PLAN)
    page = client.get("/budzet-miasta/", follow=True).content.decode()
    assert '<svg class="chart"' in page
    assert "Oświata i wychowanie" in page and "10\u00a0000\u00a0000,00\u00a0zł" in page
    assert "Budżet obywatelski" in page


def test_the_api_and_the_csv_have_the_lines(client, treasurer, city, districts):
    upload(treasurer, city, PLAN)
    assert client.get("/api/v1/citybudget").json() == [2026]
    summary = client.get("/api/v1/citybudget/2026").json()
    assert summary["plan"] == 1_145_000_000 and summary["quarter"] == 0
    only = client.get(f"/api/v1/citybudget/2026/lines?district={districts['podgorze'].pk}").json()
    assert [line["name"] for line in only["items"]] == ["Zielone podwórka"]
    raw = client.get("/api/v1/citybudget/2026/lines.csv?participatory=true").content
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][4] == "Zielone podwórka" and rows[1][-1] == "tak"
    assert client.get("/api/v1/citybudget/2025").status_code == 404
