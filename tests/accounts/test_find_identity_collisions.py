"""``manage.py find_identity_collisions`` finds identities stored before normalisation."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from wiec.accounts import services
from wiec.accounts.models import IdentityBasis, ResidencyDeclaration, ResidencyStatus, User
from wiec.accounts.pesel import make_pesel

BORN = datetime.date(1990, 4, 2)


def run() -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("find_identity_collisions", stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue()
    return 0, out.getvalue()


def declare(user, policy, districts, **fields):
    return services.declare_residency(
        actor=user,
        policy=policy,
        declaration=services.Declaration(
            full_name=fields.pop("full_name", "Anna Nowak"),
            street_address="ul. Floriańska 5",
            postal_code="31-019",
            town="Kraków",
            district=districts["stare-miasto"],
            **fields,
        ),
    )


def stored_before_the_fix(user, districts, policy, *, key, basis, **fields):
    """A declaration as the old code stored it: a key the new rules would not give."""
    return ResidencyDeclaration.objects.create(
        user=user,
        city=policy.city,
        policy=policy,
        street_address="ul. Floriańska 5",
        postal_code="31-019",
        town="Kraków",
        district=districts["stare-miasto"],
        identity_basis=basis,
        identity_key=key,
        status=ResidencyStatus.VERIFIED,
        **fields,
    )


@pytest.mark.django_db
def test_nothing_to_report_exits_zero(make_user, policy, districts):
    declare(make_user(), policy, districts, birth_date=BORN, sex="F")
    declare(make_user(), policy, districts, birth_date=BORN, sex="F", full_name="Ewa Nowak")
    declare(make_user(), policy, districts, pesel=make_pesel(BORN, 1, "F"), full_name="Ola Kot")
    code, out = run()
    assert code == 0 and "No stored identities collide" in out


@pytest.mark.django_db
def test_reports_a_person_without_pesel_registered_twice_before_the_fix(
    make_user, policy, districts
):
    first = declare(make_user(), policy, districts, birth_date=BORN, sex="F")
    # "Аnna" with a Cyrillic А: the old rules dropped it and gave another key.
    second = stored_before_the_fix(
        make_user(),
        districts,
        policy,
        key="old-key-of-cyrillic-spelling",
        basis=IdentityBasis.PERSONAL_DATA,
        full_name="Аnna Nowak",
        birth_date=BORN,
        birth_year=BORN.year,
        sex="F",
    )
    code, out = run()
    assert code == 1
    same = next(line for line in out.splitlines() if line.startswith("same person"))
    assert f"declarations {first.pk} " in same and f"{second.pk} (account" in same
    assert f"stale key (no PESEL): declaration {second.pk} " in out
    assert "Anna" not in out and "Floriańska" not in out  # record numbers, no personal data


@pytest.mark.django_db
def test_reports_pesel_declarations_that_look_like_one_person(make_user, policy, districts):
    pesel = make_pesel(BORN, 7, "F")
    first = declare(make_user(), policy, districts, pesel=pesel)
    # The same PESEL once typed in full-width digits: another keyed hash, same person.
    second = stored_before_the_fix(
        make_user(),
        districts,
        policy,
        key="hash-of-full-width-spelling",
        basis=IdentityBasis.PESEL,
        full_name="ANNA  NOWAK",
        birth_year=BORN.year,
        sex="F",
    )
    other = declare(make_user(), policy, districts, pesel=make_pesel(BORN, 8, "M"))
    code, out = run()
    assert code == 1
    [line] = [line for line in out.splitlines() if line.startswith("possibly the same")]
    assert str(first.pk) in line and str(second.pk) in line
    assert f"declarations {other.pk} " not in out and f"{other.pk} (account" not in out


@pytest.mark.django_db
def test_reports_accounts_of_one_mailbox(make_user):
    first = make_user(email="kasia@example.org")
    second = make_user(email="other@example.org")
    # Stored by the old code, which kept the full-width domain as typed.
    User.objects.filter(pk=second.pk).update(email="kasia@ｅｘａｍｐｌｅ.org")
    code, out = run()
    assert code == 1
    assert f"same mailbox: accounts {first.pk} " in out
    assert f"stale e-mail: account {second.pk} " in out
