"""``SupportCollection.valid_count`` is kept with the rows: after signing online and on
paper, checking, invalidating and withdrawing, it equals the valid signatures counted
again from the table."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from wiec.commons import signatures
from wiec.commons.models import SignatureStatus

pytestmark = pytest.mark.django_db


def stored(collection) -> int:
    collection.refresh_from_db()
    counted = collection.signatures.filter(status=SignatureStatus.VALID).count()
    assert collection.valid_count == counted
    return counted


def test_the_stored_count_follows_sign_check_invalidate_and_withdraw(city, make_resident, policy):
    collection = signatures.open_collection(city=city, title="Skwer", threshold=3)
    anna, jan = make_resident(), make_resident()
    online = signatures.record_online(collection=collection, user=anna, identity_key=None)
    assert stored(collection) == 1
    with pytest.raises(ValidationError):  # the same account twice: nothing counted
        signatures.record_online(collection=collection, user=anna, identity_key="x" * 64)
    assert stored(collection) == 1
    signatures.record_online(collection=collection, user=jan, identity_key=None)
    paper = signatures.enter_paper(
        actor=None,
        collection=collection,
        full_name="Ewa Kos",
        street_address="ul. Polna 1",
        town=city.name,
        sheet=1,
    )
    assert stored(collection) == 2  # still to be checked
    signatures.check(actor=None, signature=paper, valid=True)
    assert stored(collection) == 3
    signatures.check(actor=None, signature=paper, valid=True)  # checked again: once
    assert stored(collection) == 3
    signatures.check(actor=None, signature=paper, valid=False, reason="Brak podpisu.")
    assert stored(collection) == 2
    signatures.withdraw(signature=online)
    assert stored(collection) == 1
    signatures.withdraw(signature=paper)  # an invalid one was not counted
    assert stored(collection) == 1
    assert signatures.recount(collection) == 1
    counts = signatures.tally(collection)
    assert (counts.online, counts.paper) == (1, 0)
