"""The services: the whole path, bad input, deadlines, support, notifications."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.utils import timezone

from tests.budgets.conftest import ZL, png_upload
from wiec.accounts.selectors import identity_key_of
from wiec.budgets import services
from wiec.budgets.models import (
    Appeal,
    AppealStatus,
    Outcome,
    Pool,
    Proposal,
    Status,
)
from wiec.commons.models import Signature
from wiec.core.models import AuditEvent, Notification

pytestmark = pytest.mark.django_db


def test_whole_path_negative_appeal_upheld_ready(people, make_proposal, edition):
    author, official, coordinator = (
        people["author"],
        people["official_podgorze"],
        people["coordinator"],
    )
    follower = people["resident"]
    proposal = make_proposal(author)
    services.set_following(actor=follower, proposal=proposal, follow=True)
    assert proposal.status == Status.SUBMITTED and proposal.cost == 250_000 * ZL

    services.record_formal_review(actor=official, proposal=proposal, passed=True)
    services.record_merit_review(
        actor=official,
        proposal=proposal,
        outcome=Outcome.NEGATIVE,
        justification="Teren prywatny.",
        unit="ZZM",
    )
    proposal.refresh_from_db()
    assert proposal.status == Status.NEGATIVE
    assert services.appeal_deadline(proposal) > timezone.localdate()

    appeal = services.file_appeal(actor=author, proposal=proposal, reasons="Teren jest miejski.")
    services.decide_appeal(
        actor=coordinator, appeal=appeal, upheld=True, justification="Wypis potwierdza."
    )
    assert services.qualify_for_vote(actor=coordinator, edition=edition) == 1
    proposal.refresh_from_db()
    assert proposal.status == Status.READY
    assert list(proposal.history.values_list("new_status", flat=True)) == [
        "draft",
        "submitted",
        "in_verification",
        "negative",
        "appealed",
        "appeal_upheld",
        "ready",
    ]
    assert AuditEvent.objects.filter(action="budgets.status_changed").count() == 6
    # The author and the follower hear of each change made by someone else.
    assert Notification.objects.filter(recipient=author).count() == 4
    assert Notification.objects.filter(recipient=follower).count() == 5


def test_positive_with_changes_accepted_adjusts_cost(people, make_proposal):
    author, official = people["author"], people["official_podgorze"]
    proposal = make_proposal(author)
    services.record_formal_review(actor=official, proposal=proposal, passed=True)
    services.record_merit_review(
        actor=official,
        proposal=proposal,
        outcome=Outcome.CHANGES,
        justification="Mniejszy zakres.",
        changes="Bez fontanny.",
        adjusted_cost=200_000 * ZL,
    )
    services.respond_to_changes(actor=author, proposal=proposal, accept=True)
    proposal.refresh_from_db()
    assert proposal.status == Status.POSITIVE and proposal.cost == 200_000 * ZL


def test_rejecting_changes_is_negative_and_appealable(people, make_proposal):
    author, official = people["author"], people["official_podgorze"]
    proposal = make_proposal(author)
    services.record_formal_review(actor=official, proposal=proposal, passed=True)
    services.record_merit_review(
        actor=official,
        proposal=proposal,
        outcome=Outcome.CHANGES,
        justification="",
        changes="Bez fontanny.",
    )
    services.respond_to_changes(actor=author, proposal=proposal, accept=False)
    proposal.refresh_from_db()
    assert proposal.status == Status.NEGATIVE
    assert author.has_perm("budgets.file_appeal", proposal)


@pytest.mark.parametrize("cost", [0, -100])
def test_cost_of_zero_or_negative_is_refused(people, edition, pools, cost):
    data = services.ProposalData(
        pool=pools["podgorze"], title="T", description="D", cost_items=[("Ławka", cost)]
    )
    with pytest.raises(ValidationError) as error:
        services.save_proposal(actor=people["author"], edition=edition, data=data)
    assert error.value.error_dict["cost_items"][0].code == "cost_not_positive"
    assert not Proposal.objects.exists()


def test_file_that_is_not_an_image_is_refused(people, edition, pools):
    fake = SimpleUploadedFile("zdjecie.png", b"MZ not an image", content_type="image/png")
    data = services.ProposalData(
        pool=pools["podgorze"],
        title="T",
        description="D",
        cost_items=[("Ławka", 100)],
        images=[fake],
    )
    with pytest.raises(ValidationError) as error:
        services.save_proposal(actor=people["author"], edition=edition, data=data)
    assert error.value.error_dict["images"][0].code == "not_an_image"
    assert not Proposal.objects.exists()


def test_real_image_and_pdf_are_accepted(people, make_proposal):
    pdf = SimpleUploadedFile("opis.pdf", b"%PDF-1.4\n%%EOF", content_type="application/pdf")
    proposal = make_proposal(people["author"], images=[png_upload()], attachments=[pdf])
    assert sorted(proposal.files.values_list("kind", flat=True)) == ["attachment", "image"]


def test_point_outside_the_city_is_refused(people, edition, pools):
    data = services.ProposalData(
        pool=pools["podgorze"],
        title="T",
        description="D",
        cost_items=[("Ławka", 100)],
        latitude=52.23,
        longitude=21.01,
    )
    with pytest.raises(ValidationError) as error:
        services.save_proposal(actor=people["author"], edition=edition, data=data)
    assert error.value.error_dict["latitude"][0].code == "point_outside"


def test_submission_deadline_passed(people, make_proposal, edition):
    proposal = make_proposal(people["author"], status="draft")
    phase = edition.phases.get(type="submission")
    phase.starts_on -= datetime.timedelta(days=5)
    phase.ends_on -= datetime.timedelta(days=1)
    phase.save()
    edition.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.submit_proposal(actor=people["author"], proposal=Proposal.objects.get())
    assert error.value.code == "deadline_passed"
    proposal.refresh_from_db()
    assert proposal.status == Status.DRAFT


def test_appeal_deadline_passed(people, make_proposal):
    author, official = people["author"], people["official_podgorze"]
    proposal = make_proposal(author)
    services.record_formal_review(actor=official, proposal=proposal, passed=False, notes="Brak.")
    sheet = proposal.verification_sheet
    sheet.negative_on = timezone.localdate() - datetime.timedelta(days=30)
    sheet.save()
    with pytest.raises(ValidationError) as error:
        services.file_appeal(actor=author, proposal=proposal, reasons="Nie zgadzam się.")
    assert error.value.code == "deadline_passed"
    assert not Appeal.objects.exists()


def test_negative_outcome_needs_justification(people, make_proposal):
    official = people["official_podgorze"]
    proposal = make_proposal(people["author"])
    with pytest.raises(ValidationError):
        services.record_formal_review(actor=official, proposal=proposal, passed=False, notes=" ")
    services.record_formal_review(actor=official, proposal=proposal, passed=True)
    with pytest.raises(ValidationError) as error:
        services.record_merit_review(
            actor=official, proposal=proposal, outcome=Outcome.NEGATIVE, justification=""
        )
    assert error.value.error_dict["justification"][0].code == "justification_required"
    proposal.refresh_from_db()
    assert proposal.status == Status.IN_VERIFICATION


def test_appeal_decision_needs_justification(people, make_proposal):
    author, official = people["author"], people["official_podgorze"]
    proposal = make_proposal(author)
    services.record_formal_review(actor=official, proposal=proposal, passed=False, notes="Brak.")
    appeal = services.file_appeal(actor=author, proposal=proposal, reasons="Uzupełniam.")
    with pytest.raises(ValidationError):
        services.decide_appeal(
            actor=people["coordinator"], appeal=appeal, upheld=False, justification=""
        )
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.PENDING


def test_official_of_another_district_cannot_verify(people, make_proposal):
    proposal = make_proposal(people["author"])
    with pytest.raises(PermissionDenied):
        services.record_formal_review(
            actor=people["official_nowa_huta"], proposal=proposal, passed=True
        )


def test_support_cap_is_one_per_mille_rounded_down(people, edition, pools, districts):
    pool = pools["podgorze"]
    assert districts["podgorze"].population == 41000
    pool.support_required = 42
    with pytest.raises(ValidationError) as error:
        services.save_pool(actor=people["coordinator"], pool=pool)
    assert error.value.error_dict["support_required"][0].code == "support_over_cap"
    pool.support_required = 41
    services.save_pool(actor=people["coordinator"], pool=pool)


def test_small_district_may_need_no_support(people, edition, districts):
    small = districts["lagiewniki-borek-falecki"]
    small.population = 900
    small.save()
    pool = Pool(
        edition=edition,
        kind="district",
        name="Mała",
        district=small,
        amount=100 * ZL,
        support_required=1,
    )
    with pytest.raises(ValidationError):
        services.save_pool(actor=people["coordinator"], pool=pool)
    pool.support_required = 0
    services.save_pool(actor=people["coordinator"], pool=pool)


def test_endorse_once(people, make_proposal):
    proposal = make_proposal(people["author"])
    services.endorse_proposal(actor=people["resident"], proposal=proposal)
    with pytest.raises(ValidationError) as error:
        services.endorse_proposal(actor=people["resident"], proposal=proposal)
    assert error.value.code == "already_endorsed"
    proposal.refresh_from_db()
    assert proposal.collection.signatures.count() == 1 == proposal.supports
    with pytest.raises(IntegrityError):
        Signature.objects.create(
            collection=proposal.collection,
            channel="online",
            user=people["resident"],
            identity_key=proposal.collection.signatures.get().identity_key,
        )


def test_an_endorsement_is_also_a_signature_in_the_shared_collection(people, make_proposal):
    proposal = make_proposal(people["author"])
    given = services.endorse_proposal(actor=people["resident"], proposal=proposal)
    proposal.refresh_from_db()
    signature = proposal.collection.signatures.get()
    assert signature == given and signature.user == people["resident"]
    key = identity_key_of(people["resident"], proposal.edition.city_id)
    assert signature.identity_key == (key or f"account:{people['resident'].pk}")
    assert proposal.collection.city == proposal.edition.city


def test_author_cannot_endorse_own(people, make_proposal):
    proposal = make_proposal(people["author"])
    with pytest.raises(PermissionDenied):
        services.endorse_proposal(actor=people["author"], proposal=proposal)


def test_age_rule_is_off_by_default_and_applies_when_named(people, edition):
    from wiec.budgets.selectors import eligibility_problem

    author = people["author"]
    assert eligibility_problem(author, edition, edition.who_may_submit) is None
    edition.age_rule, edition.minimum_age = True, 16
    edition.save()
    # A declaration without a birth date cannot show the age the resolution demands.
    assert "16" in eligibility_problem(author, edition, edition.who_may_submit)


def test_accepted_identity_policies(people, edition, city):
    from wiec.accounts.models import IdentityPolicy

    other = IdentityPolicy.objects.create(city=city, name="PESEL", ask_pesel=True)
    edition.accepted_policies.set([other])
    assert not people["author"].has_perm("budgets.submit_proposal", edition)


def test_comments_reports_and_moderation(people, make_proposal):
    proposal = make_proposal(people["author"])
    comment = services.add_comment(actor=people["resident"], proposal=proposal, text="Super!")
    services.report_comment(actor=people["author"], comment=comment, reason="Spam")
    with pytest.raises(PermissionDenied):
        services.hide_comment(actor=people["resident"], comment=comment, reason="x")
    services.hide_comment(actor=people["moderator"], comment=comment, reason="Spam")
    comment.refresh_from_db()
    assert comment.hidden and comment.reports.count() == 1
