"""Recruitment: invitation codes, the public form, the CSV import, census quotas."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.panels.conftest import census_quotas, generate_pool
from wiec.panels import services
from wiec.panels.models import FeatureValue, InvitationCode, Respondent
from wiec.panels.quotas import bounds_from_share

ANSWERS = {"sex": "female", "age": "30-44", "education": "higher"}


def test_invitation_codes_are_stored_as_hashes_and_work_once(make_panel, organiser, make_user):
    panel = make_panel("recruitment", uses_invitations=True)
    codes = services.generate_invitation_codes(actor=organiser, panel=panel, count=5)
    assert len(set(codes)) == 5
    stored = set(InvitationCode.objects.filter(panel=panel).values_list("code_hash", flat=True))
    assert not stored & set(codes)
    assert services.code_hash(panel, codes[0]) in stored
    apply = dict(panel=panel, full_name="Ala", email="", answers=ANSWERS, consent=True)
    services.apply_to_panel(actor=make_user(), code=codes[0].lower(), **apply)
    with pytest.raises(ValidationError) as used:
        services.apply_to_panel(actor=make_user(), code=codes[0], **apply)
    assert used.value.code == "used"
    with pytest.raises(ValidationError) as bad:
        services.apply_to_panel(actor=make_user(), code="XXXXX-XXXXX", **apply)
    assert bad.value.code == "bad_code"
    assert Respondent.objects.filter(panel=panel).count() == 1


def test_consent_is_required_and_nothing_is_saved_without_it(make_panel, make_user):
    panel = make_panel("recruitment")
    with pytest.raises(ValidationError):
        services.apply_to_panel(
            actor=make_user(), panel=panel, full_name="A", email="", answers=ANSWERS, consent=False
        )
    assert not Respondent.objects.exists()


def test_application_is_refused_outside_recruitment(make_panel, make_user):
    panel = make_panel("selection")
    with pytest.raises(ValidationError):
        services.apply_to_panel(
            actor=make_user(), panel=panel, full_name="A", email="", answers=ANSWERS, consent=True
        )


def test_public_form_stores_answers_household_and_consent(client, make_panel, make_resident):
    panel = make_panel("recruitment")
    user = make_resident()
    client.force_login(user)
    url = reverse("panels:apply", args=[panel.slug])
    page = client.get(url).content.decode()
    assert "Grupa wiekowa" in page and "Zgadzam się" in page
    data = {
        "full_name": "Ala Nowak",
        "email": "ala@example.org",
        "household": "ul. Długa 1/2",
        "feature_sex": "female",
        "feature_age": "65+",
        "feature_education": "basic",
    }
    response = client.post(url, data)  # no consent
    assert response.status_code == 200 and "Bez zgody" in response.content.decode()
    assert not Respondent.objects.exists()
    response = client.post(url, {**data, "consent": "on"})
    assert response.status_code == 302
    r = Respondent.objects.get()
    assert r.user == user and r.answers == {"sex": "female", "age": "65+", "education": "basic"}
    assert r.household_hash == services.household_hash(panel, "UL. DŁUGA  1/2")
    assert r.consent_at is not None
    assert client.post(url, {**data, "consent": "on"}).status_code == 200  # one application


def test_anonymous_visitor_is_sent_to_log_in(client, make_panel):
    panel = make_panel("recruitment")
    response = client.get(reverse("panels:apply", args=[panel.slug]))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


CSV_OK = (
    "full_name,email,phone,household,sex,age,education\n"
    "Jan Kowalski,jan@example.org,,dom1,male,30-44,higher\n"
    "Anna Nowak,,600100200,dom1,kobieta,65+,średnie\n"
)


def test_csv_import_accepts_keys_and_labels(make_panel, organiser):
    panel = make_panel("recruitment")
    assert services.import_respondents(actor=organiser, panel=panel, text=CSV_OK) == 2
    a, b = Respondent.objects.order_by("pk")
    assert b.answers == {"sex": "female", "age": "65+", "education": "secondary"}
    assert a.household_hash == b.household_hash != ""


def test_csv_with_unknown_values_names_the_row_and_imports_nothing(client, make_panel, organiser):
    panel = make_panel("recruitment")
    bad = CSV_OK + "Ewa Zła,,,,female,12-15,higher\nOla,,,,female,30-44,doktorat\n"
    client.force_login(organiser)
    response = client.post(
        reverse("panels:import", args=[panel.slug]),
        {"file": SimpleUploadedFile("pool.csv", bad.encode(), content_type="text/csv")},
        follow=True,
    )
    page = response.content.decode()
    assert "Niczego nie zaimportowano" in page
    assert "Wiersz 4, kolumna „age”: nieznana wartość „12-15”" in page
    assert "Wiersz 5, kolumna „education”: nieznana wartość „doktorat”" in page
    assert not Respondent.objects.exists()


def test_csv_without_a_question_column_is_refused(make_panel, organiser):
    panel = make_panel("recruitment")
    with pytest.raises(ValidationError) as info:
        services.import_respondents(actor=organiser, panel=panel, text="full_name,sex\nJan,male\n")
    assert "age" in str(info.value)
    assert not Respondent.objects.exists()


@pytest.mark.parametrize(
    ("share", "tolerance", "size", "expected"),
    [(51, 5, 24, (11, 14)), (25, 0, 24, (6, 6)), (3, 5, 24, (0, 2)), (98, 5, 10, (9, 10))],
)
def test_bounds_from_census_share(share, tolerance, size, expected):
    assert bounds_from_share(share, tolerance_points=tolerance, panel_size=size) == expected


def test_quotas_page_computes_from_census_and_checks_feasibility(client, make_panel, organiser):
    panel = make_panel("selection")
    generate_pool(panel, 30)
    client.force_login(organiser)
    url = reverse("panels:quotas", args=[panel.slug])
    values = FeatureValue.objects.filter(feature__panel=panel).select_related("feature")
    data = {f"v{v.pk}_share": "25" if v.feature.key == "age" else "50" for v in values}
    for key, share in (("higher", "34"), ("basic", "33"), ("secondary", "33")):
        data[f"v{values.get(feature__key='education', key=key).pk}_share"] = share
    response = client.post(url, {**data, "tolerance": "10", "census": "1"})
    assert response.status_code == 302
    female = values.get(feature__key="sex", key="female")
    female.refresh_from_db()
    assert (female.quota_min, female.quota_max, female.population_share) == (3, 5, Decimal(50))
    assert "kwoty da się spełnić" in client.get(url).content.decode()


def test_a_question_needs_quotas_on_all_answers_or_none(make_panel, organiser):
    panel = make_panel("selection")
    female = FeatureValue.objects.get(feature__panel=panel, key="female")
    with pytest.raises(ValidationError):
        services.set_quotas(actor=organiser, panel=panel, bounds={female.pk: (1, 4)})
    female.refresh_from_db()
    assert female.quota_min is None


def test_quotas_are_final_after_the_draw(drawn_panel, organiser):
    with pytest.raises(ValidationError):
        census_quotas(drawn_panel)


@pytest.mark.parametrize(
    "row, expected",
    [
        ("Ala," + "x" * 140_000 + ",,,female,30-44,higher\n", "Wiersz 4 ma pole dłuższe niż"),
        ("Ala,ala@example.org\n", "Wiersz 4 ma pól: 2; nagłówek ma ich 7."),
        ("A" * 151 + ",,,,female,30-44,higher\n", "Wiersz 4, kolumna „full_name”: najwyżej 150"),
        ("Ala,,\x00,,female,30-44,higher\n", "Wiersz 4 zawiera znak NUL"),
        ('"Ala,,,,female,30-44,higher\n', "Wiersz 4 ma pól: 1; nagłówek ma ich 7."),
    ],
)
def test_a_broken_pool_csv_names_the_row_and_imports_nothing(
    client, make_panel, organiser, row, expected
):
    panel = make_panel("recruitment")
    client.force_login(organiser)
    response = client.post(
        reverse("panels:import", args=[panel.slug]),
        {"file": SimpleUploadedFile("pool.csv", (CSV_OK + row).encode(), content_type="text/csv")},
        follow=True,
    )
    page = response.content.decode()
    assert "Niczego nie zaimportowano" in page
    assert expected in page
    assert not Respondent.objects.exists()


def test_a_pool_csv_neither_utf8_nor_windows_1250_names_the_row(client, make_panel, organiser):
    panel = make_panel("recruitment")
    client.force_login(organiser)
    data = CSV_OK.encode() + b"Zo\x98,,,,female,30-44,higher\n"  # 0x98: not in Windows-1250
    response = client.post(
        reverse("panels:import", args=[panel.slug]),
        {"file": SimpleUploadedFile("pool.csv", data, content_type="text/csv")},
        follow=True,
    )
    assert "Wiersz 4 nie jest tekstem w UTF-8 ani w Windows-1250" in response.content.decode()
    assert not Respondent.objects.exists()


def post_pool(client, panel, data: bytes, name: str = "pool.csv"):
    return client.post(
        reverse("panels:import", args=[panel.slug]),
        {"file": SimpleUploadedFile(name, data)},
        follow=True,
    )


def test_a_windows_1250_semicolon_csv_from_polish_excel_imports(client, make_panel, organiser):
    panel = make_panel("recruitment")
    client.force_login(organiser)
    text = (
        "full_name;email;phone;household;sex;age;education\r\n"
        "Łucja Źdźbło;lucja@example.org;;dom1;kobieta;65+;średnie\r\n"
        "Żaneta Wróż;;600100200;dom2;female;30-44;higher\r\n"
    )
    response = post_pool(client, panel, text.encode("cp1250"))
    assert response.status_code == 200
    names = set(Respondent.objects.values_list("full_name", flat=True))
    assert names == {"Łucja Źdźbło", "Żaneta Wróż"}


def test_an_xlsx_workbook_imports(client, make_panel, organiser):
    import io

    from openpyxl import Workbook

    panel = make_panel("recruitment")
    client.force_login(organiser)
    book = Workbook()
    sheet = book.active
    sheet.append(["full_name", "email", "phone", "household", "sex", "age", "education"])
    sheet.append(["Grzegorz Brzęk", None, 600100200, "dom1", "male", "30-44", "higher"])
    buffer = io.BytesIO()
    book.save(buffer)
    post_pool(client, panel, buffer.getvalue(), "pula.xlsx")
    respondent = Respondent.objects.get()
    assert respondent.full_name == "Grzegorz Brzęk"
    assert respondent.phone == "600100200"


def test_a_short_row_names_its_row_and_the_missing_column(client, make_panel, organiser):
    panel = make_panel("recruitment")
    client.force_login(organiser)
    text = "full_name;email;phone;household;sex;age;education\nJan;;;dom1;male\n"
    page = post_pool(client, panel, text.encode()).content.decode()
    assert "Wiersz 2" in page and "„age”" in page
    assert not Respondent.objects.exists()
