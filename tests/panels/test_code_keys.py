"""Printed codes and household keys: spellings a person reads as the same are the same.

Regression tests for issue 13: an invitation or seat-claim code typed with a phone's
full-width keyboard did not match its letter, and a household key typed in
full-width characters or with a zero-width space counted as another household.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from wiec.panels import services
from wiec.panels.models import Respondent

ANSWERS = {"sex": "female", "age": "30-44", "education": "higher"}


def full_width(text: str) -> str:
    """ASCII letters, digits and the hyphen as full-width forms (U+FF01 onwards)."""
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


def test_an_invitation_code_in_full_width_is_the_same_code_and_works_once(
    make_panel, organiser, make_user
):
    panel = make_panel("recruitment", uses_invitations=True)
    [code] = services.generate_invitation_codes(actor=organiser, panel=panel, count=1)
    apply = dict(panel=panel, full_name="Ala", email="", answers=ANSWERS, consent=True)
    services.apply_to_panel(actor=make_user(), code=full_width(code.lower()), **apply)
    with pytest.raises(ValidationError) as used:
        services.apply_to_panel(actor=make_user(), code=f" {code}\u200b", **apply)
    assert used.value.code == "used"
    assert Respondent.objects.filter(panel=panel).count() == 1


def test_a_seat_claim_code_in_full_width_claims_the_seat(drawn_panel, organiser, make_user):
    [(panelist, code), *_rest] = services.issue_claim_codes(actor=organiser, panel=drawn_panel)
    resident = make_user()
    services.claim_seat(actor=resident, panel=drawn_panel, code=full_width(code))
    panelist.refresh_from_db()
    assert panelist.user == resident


@pytest.mark.parametrize(
    "spelling",
    ["ul. długa 1/2", "UL. DŁUGA  1/2", full_width("UL.") + " DŁUGA 1/2", "ul.\u200b długa 1/2"],
)
def test_one_household_however_its_address_is_typed(make_panel, spelling):
    panel = make_panel("recruitment")
    assert services.household_hash(panel, spelling) == services.household_hash(
        panel, "ul. Długa 1/2"
    )
