"""People drawn without an account take their seat with the code from a letter;
where a panel recruits by letter, the public form works without an account."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.panels.test_deliberation import open_voting
from wiec.core.models import AuditEvent
from wiec.panels import services
from wiec.panels.models import Panelist, PanelistKind, PanelistStatus, Respondent

ANSWERS = {"sex": "female", "age": "30-44", "education": "higher"}


def download_letters(client, panel) -> list[dict]:
    response = client.post(reverse("panels:claim_codes", args=[panel.slug]))
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_a_drawn_person_claims_the_seat_and_takes_part(client, drawn_panel, organiser, make_user):
    panel = drawn_panel
    client.force_login(organiser)
    assert (
        "Pobierz listy z kodami"
        in client.get(reverse("panels:manage", args=[panel.slug])).content.decode()
    )
    letters = download_letters(client, panel)
    assert len(letters) == panel.panel_size + panel.reserves_count
    stored = set(Panelist.objects.filter(panel=panel).values_list("claim_code_hash", flat=True))
    assert not stored & {row["code"] for row in letters}
    assert letters[0]["full_name"].startswith("Osoba") and letters[0]["address"].endswith(
        f"/panele/{panel.slug}/miejsce/"
    )
    again = client.post(reverse("panels:claim_codes", args=[panel.slug]), follow=True)
    assert "Każda wylosowana osoba ma konto lub już otrzymała kod." in again.content.decode()

    member = next(row for row in letters if row["drawn_as"] == "member")
    seat = Panelist.objects.get(panel=panel, anonymous_id=member["anonymous_id"])
    resident = make_user()
    client.force_login(resident)
    assert 'data-testid="claim-link"' in client.get(panel.get_absolute_url()).content.decode()
    url = reverse("panels:claim", args=[panel.slug])
    page = client.post(url, {"code": "AAAAA-AAAAA"}).content.decode()
    assert "Ten kod nie pasuje do tego panelu" in page
    seat.refresh_from_db()
    assert seat.user is None
    code = member["code"].replace("-", "").lower()
    assert client.post(url, {"code": code}).status_code == 302
    seat.refresh_from_db()
    assert seat.user == resident and seat.claimed_at is not None
    assert seat.respondent.user == resident
    assert AuditEvent.objects.filter(action="panels.seat_claimed").count() == 1

    # From now on the seat works like any other: confirm, draft, vote.
    client.post(reverse("panels:confirm_seat", args=[panel.slug, seat.pk]))
    seat.refresh_from_db()
    assert seat.status == PanelistStatus.CONFIRMED
    rec = services.draft_recommendation(actor=resident, panel=panel, title="T", text="X")
    open_voting(panel)
    client.post(reverse("panels:vote", args=[panel.slug, rec.pk]), {f"r{rec.pk}-choice": "yes"})
    assert rec.votes.get().panelist == seat

    # The code works once, and an account holds one seat.
    other = make_user()
    client.force_login(other)
    page = client.post(url, {"code": member["code"]}).content.decode()
    assert "Ten kod został już wykorzystany." in page
    client.force_login(resident)
    second = next(r for r in letters if r["anonymous_id"] != member["anonymous_id"])
    page = client.post(url, {"code": second["code"]}).content.decode()
    assert "Twoje konto ma już miejsce w tym panelu." in page
    assert Panelist.objects.filter(panel=panel, user__isnull=False).count() == 1


def test_claiming_needs_an_account_and_a_drawn_panel(client, make_panel, make_user):
    panel = make_panel("recruitment")
    url = reverse("panels:claim", args=[panel.slug])
    assert "/konto/login/" in client.get(url)["Location"]
    client.force_login(make_user())
    assert client.get(url).status_code == 403
    with pytest.raises(ValidationError) as info:
        services.issue_claim_codes(actor=None, panel=panel)
    assert info.value.code == "not_drawn"


def test_letters_skip_people_with_accounts_and_those_who_left(drawn_panel, make_user):
    members = list(Panelist.objects.filter(panel=drawn_panel, kind=PanelistKind.MEMBER))
    Panelist.objects.filter(pk=members[0].pk).update(user=make_user())
    Panelist.objects.filter(pk=members[1].pk).update(status=PanelistStatus.DROPPED_OUT)
    issued = services.issue_claim_codes(actor=None, panel=drawn_panel)
    ids = {p.anonymous_id for p, _code in issued}
    assert members[0].anonymous_id not in ids and members[1].anonymous_id not in ids
    assert len(ids) == drawn_panel.panel_size + drawn_panel.reserves_count - 2


def test_applying_by_letter_needs_no_account(client, make_panel, organiser):
    panel = make_panel("recruitment", uses_invitations=True)
    code = services.generate_invitation_codes(actor=organiser, panel=panel, count=1)[0]
    url = reverse("panels:apply", args=[panel.slug])
    page = client.get(url).content.decode()
    assert "bez zakładania konta" in page and "Kod z zaproszenia" in page
    data = {
        "code": code,
        "full_name": "Jan Listowny",
        "feature_sex": "male",
        "feature_age": "65+",
        "feature_education": "basic",
        "consent": "on",
    }
    page = client.post(url, data).content.decode()
    assert "Podaj adres e-mail lub numer telefonu." in page
    assert not Respondent.objects.exists()
    response = client.post(url, {**data, "phone": "600 100 200"}, follow=True)
    assert "po zalogowaniu wpisz go tutaj" in response.content.decode()
    r = Respondent.objects.get()
    assert (r.user, r.phone, r.full_name) == (None, "600 100 200", "Jan Listowny")
    assert r.consent_at is not None and r.household_hash == services.household_hash(panel, code)
    page = client.post(url, {**data, "phone": "1"}).content.decode()
    assert "Ten kod został już wykorzystany." in page
    assert Respondent.objects.count() == 1


def test_without_letters_an_account_is_required(make_panel):
    from django.contrib.auth.models import AnonymousUser

    panel = make_panel("recruitment")
    with pytest.raises(ValidationError) as info:
        services.apply_to_panel(
            actor=AnonymousUser(),
            panel=panel,
            full_name="A",
            email="a@example.org",
            answers=ANSWERS,
            consent=True,
        )
    assert info.value.code == "account_needed"
    assert not Respondent.objects.exists()


def test_a_name_that_looks_like_a_formula_is_not_one_in_the_letters(client, drawn_panel, organiser):
    drawn = Panelist.objects.filter(panel=drawn_panel).select_related("respondent").first()
    drawn.respondent.full_name = "=cmd|' /C calc'!A0"
    drawn.respondent.save(update_fields=["full_name"])
    client.force_login(organiser)
    letters = download_letters(client, drawn_panel)
    names = {row["anonymous_id"]: row["full_name"] for row in letters}
    assert names[drawn.anonymous_id] == "'=cmd|' /C calc'!A0"
