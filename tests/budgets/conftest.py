"""Fixtures of the participatory budget: an edition open for proposals, pools, people."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from wiec.core.roles import Role

ZL = 100


@pytest.fixture
def edition(city):
    from wiec.budgets.models import Edition, EditionPhase
    from wiec.budgets.phases import PhaseType

    edition = Edition.objects.create(
        city=city, name="BO Kraków 2027", slug="bo-2027", support_signatures=True
    )
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    EditionPhase.objects.create(
        edition=edition, type=PhaseType.SUBMISSION, starts_on=today - 10 * day, ends_on=today
    )
    EditionPhase.objects.create(
        edition=edition,
        type=PhaseType.VERIFICATION,
        starts_on=today + day,
        ends_on=today + 30 * day,
    )
    return edition


@pytest.fixture
def pools(edition, districts):
    from wiec.budgets.models import Pool

    return {
        "city": Pool.objects.create(
            edition=edition, kind="city", name="Ogólnomiejska", amount=12_000_000 * ZL
        ),
        "podgorze": Pool.objects.create(
            edition=edition,
            kind="district",
            name="Podgórze",
            district=districts["podgorze"],
            amount=1_000_000 * ZL,
            support_required=10,
        ),
        "nowa-huta": Pool.objects.create(
            edition=edition,
            kind="district",
            name="Nowa Huta",
            district=districts["nowa-huta"],
            amount=1_200_000 * ZL,
        ),
    }


@pytest.fixture
def category(db):
    from wiec.budgets.models import Category

    return Category.objects.get_or_create(name="Zieleń")[0]


@pytest.fixture
def people(make_resident, make_role_user):
    return {
        "author": make_resident("podgorze"),
        "resident": make_resident("podgorze"),
        "official_podgorze": make_role_user(Role.OFFICIAL, scope=("podgorze",)),
        "official_nowa_huta": make_role_user(Role.OFFICIAL, scope=("nowa-huta",)),
        "official_city": make_role_user(Role.OFFICIAL),
        "coordinator": make_role_user(Role.COORDINATOR),
        "moderator": make_role_user(Role.MODERATOR),
    }


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, format="PNG")
    return buffer.getvalue()


def png_upload(name: str = "park.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


@pytest.fixture
def make_proposal(edition, pools, category):
    """A proposal through the services: ``status`` "draft" or "submitted"."""
    from wiec.budgets import services

    def make(author, pool="podgorze", status="submitted", cost=250_000 * ZL, **extra):
        data = services.ProposalData(
            pool=pools[pool],
            title=extra.pop("title", "Ogród deszczowy"),
            description="Ogród deszczowy przy szkole.",
            cost_items=[("Projekt", cost // 5), ("Budowa", cost - cost // 5)],
            category=category,
            **extra,
        )
        proposal = services.save_proposal(actor=author, edition=edition, data=data)
        if status == "submitted":
            services.submit_proposal(actor=author, proposal=proposal)
        return proposal

    return make
