"""The local initiative's services: contributions that add up, the statute's weights,
the decision with reasons, the agreement's versions, hours signed off, the report."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.initiatives.conftest import ITEMS, TOTAL, draft
from wiec.commons import contributions
from wiec.commons.models import Contribution, ContributionLedger
from wiec.initiatives.models import Application, ApplicationStatus, InitiativePool
from wiec.initiatives.services import local as services

pytestmark = pytest.mark.django_db


def test_the_form_computes_the_shares(pool):
    shares = services.check_draft(pool, draft(), ITEMS)
    assert shares.residents_grosze == 550_000
    assert shares.city_grosze == 1_000_000
    assert shares.work_hours == 100
    assert shares.residents_permille == 355  # 5 500 / 15 500 = 35,48% → 35,5%
    assert shares.work_permille == 636  # 3 500 / 5 500 = 63,63% → 63,6%
    assert shares.value_per_zloty == "1,55"


def test_contributions_that_do_not_add_up_save_nothing(pool, make_resident):
    resident = make_resident()
    with pytest.raises(ValidationError) as error:
        services.submit_application(
            actor=resident, pool=pool, draft=draft(total=TOTAL + 100), items=ITEMS
        )
    assert "Wkłady się nie sumują" in str(error.value.messages[0]) or "do not add up" in str(
        error.value.messages[0]
    )
    assert not Application.objects.exists()
    assert not ContributionLedger.objects.exists()
    assert not Contribution.objects.exists()


def test_without_residents_contribution_or_outside_the_areas_it_is_refused(pool, make_resident):
    resident = make_resident()
    city_only = [i for i in ITEMS if i.party == "city"]
    with pytest.raises(ValidationError, match=r"own contribution|wkład własny"):
        services.submit_application(
            actor=resident, pool=pool, draft=draft(total=1_000_000), items=city_only
        )
    with pytest.raises(ValidationError):
        services.submit_application(
            actor=resident, pool=pool, draft=draft(area="sport"), items=ITEMS
        )
    assert not Application.objects.exists()


def test_a_city_share_above_what_is_left_is_refused(pool, make_resident):
    pool.amount_grosze = 999_999
    pool.save()
    with pytest.raises(ValidationError) as error:
        services.submit_application(actor=make_resident(), pool=pool, draft=draft(), items=ITEMS)
    assert error.value.code == "pool_exceeded"


def test_an_unverified_person_cannot_apply(pool, make_user):
    with pytest.raises(ValidationError):
        services.submit_application(actor=make_user(), pool=pool, draft=draft(), items=ITEMS)


def test_social_work_must_weigh_most(pool):
    pool.weight_usefulness = pool.weight_work
    with pytest.raises(ValidationError) as error:
        pool.full_clean()
    assert "weight_work" in error.value.error_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        InitiativePool.objects.filter(pk=pool.pk).update(weight_other=90)


def test_work_value_is_held_to_hours_times_rate(city):
    ledger = ContributionLedger.objects.create(city=city, work_rate_grosze=3_500)
    with pytest.raises(IntegrityError), transaction.atomic():
        Contribution.objects.create(
            ledger=ledger,
            party="residents",
            kind="work",
            description="x",
            hours=10,
            rate_grosze=3_500,
            value_grosze=1,
        )


def _submitted(pool, resident):
    return services.submit_application(actor=resident, pool=pool, draft=draft(), items=ITEMS)


def _assess(official, application, points=8):
    scores = {c: (points, "Uzasadnienie.") for c in ("work", "other", "usefulness", "feasibility")}
    services.assess(actor=official, application=application, scores=scores)


def test_assessment_needs_every_justification_and_the_result_is_weighted(
    pool, make_resident, official
):
    application = _submitted(pool, make_resident())
    with pytest.raises(ValidationError):
        services.assess(actor=official, application=application, scores={"work": (10, "Dobrze")})
    services.assess(
        actor=official,
        application=application,
        scores={
            "work": (10, "Dużo pracy."),
            "other": (0, "Mało."),
            "usefulness": (5, "Średnio."),
            "feasibility": (5, "Średnio."),
        },
    )
    result, _means = services.weighted_result(application)
    # (40×10 + 20×0 + 25×5 + 15×5) / (100 × 10) = 600 / 1000 → 60 of 100
    assert result == 60


def test_a_resident_cannot_assess(pool, make_resident):
    resident = make_resident()
    application = _submitted(pool, resident)
    with pytest.raises(PermissionDenied):
        _assess(resident, application)


def test_rejection_needs_reasons_and_the_group_is_told(pool, make_resident, official):
    resident = make_resident()
    application = _submitted(pool, resident)
    _assess(official, application)
    with pytest.raises(ValidationError):
        services.decide(actor=official, application=application, decision="rejected", reasons="")
    services.decide(
        actor=official, application=application, decision="rejected", reasons="Brak zgody."
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert resident.notifications.filter(kind="initiative_decision").exists()
    assert not application.agreement_versions.exists()


def test_acceptance_drafts_the_agreement_and_versions_keep_history(pool, make_resident, official):
    application = _submitted(pool, make_resident())
    _assess(official, application)
    services.decide(actor=official, application=application, decision="accepted", reasons="")
    first = application.agreement_versions.get()
    texts = {c["key"]: c["text"] for c in first.clauses}
    assert "Ogród przy szkole" in texts["task"]
    assert "100 godzin" in texts["contributions"]
    services.revise_agreement(
        actor=official,
        application=application,
        texts={"liability": "Ubezpieczenie OC zapewnia wnioskodawca."},
        note="Zmiana ubezpieczenia",
    )
    versions = list(application.agreement_versions.all())
    assert [v.number for v in versions] == [2, 1]
    assert versions[0].clauses[5]["text"] == "Ubezpieczenie OC zapewnia wnioskodawca."
    assert versions[1].clauses[5]["text"] != versions[0].clauses[5]["text"]
    assert services.committed_grosze(pool) == 1_000_000


def test_realisation_report_needs_signed_off_hours(pool, make_resident, official):
    resident = make_resident()
    application = _submitted(pool, resident)
    _assess(official, application)
    services.decide(actor=official, application=application, decision="accepted", reasons="")
    application.refresh_from_db()
    entry = services.log_hours(
        actor=resident,
        application=application,
        volunteer="Anna",
        day=timezone.localdate(),
        hours=6,
        task="Sadzenie",
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REALISATION
    with pytest.raises(ValidationError):
        services.file_report(actor=resident, application=application, report="Gotowe.")
    services.sign_off_hours(actor=official, entry=entry)
    services.file_report(actor=resident, application=application, report="Gotowe.")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REALISED
    assert services.hours_done(application) == (6, 6)


def test_shares_round_half_up():
    rows = [
        Contribution(party="residents", kind="money", value_grosze=1),
        Contribution(party="city", kind="money", value_grosze=1),
    ]
    shares = contributions.shares(rows)
    assert shares.residents_permille == 500
    assert shares.value_per_zloty == "2,00"
