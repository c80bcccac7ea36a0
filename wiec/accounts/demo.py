"""One demo account per role, with their logins printed by ``make run``."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TextIO

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

from wiec.accounts import services
from wiec.accounts.models import IdentityPolicy, ResidencyDeclaration, User
from wiec.accounts.selectors import default_policy
from wiec.core.roles import Role
from wiec.places.models import City, District

DEMO_PASSWORD = "wiec-demo-2026"


@functools.cache
def demo_password_hash() -> str:
    """The demo password hashed once per process: each PBKDF2 hash takes a good part of
    a second, and every demo account has this same, published, password."""
    return make_password(DEMO_PASSWORD)


def create_demo_user(email: str, **extra) -> User:
    """A demo account with the demo password (hashed once for all of them)."""
    user = User.objects.create_user(email, None, **extra)
    user.password = demo_password_hash()
    user.save(update_fields=["password"])
    return user


@dataclass(frozen=True)
class DemoAccount:
    email: str
    name: str
    role: Role | None
    description: str
    district_slug: str = "stare-miasto"
    scope_slugs: tuple[str, ...] = ()


DEMO_ACCOUNTS = [
    DemoAccount("mieszkanka@demo.wiec.pl", "Anna Nowak", None, "resident (verified)"),
    DemoAccount(
        "mieszkaniec@demo.wiec.pl", "Jan Kowalski", None, "resident (verified)", "podgorze"
    ),
    DemoAccount("urzednik@demo.wiec.pl", "Piotr Urzędnik", Role.OFFICIAL, "official, whole city"),
    DemoAccount(
        "urzedniczka.podgorze@demo.wiec.pl",
        "Maria Wiśniewska",
        Role.OFFICIAL,
        "official, Podgórze district only",
        "podgorze",
        ("podgorze",),
    ),
    DemoAccount("koordynator@demo.wiec.pl", "Ewa Koordynator", Role.COORDINATOR, "coordinator"),
    DemoAccount("moderator@demo.wiec.pl", "Tomasz Moderator", Role.MODERATOR, "moderator"),
    DemoAccount("admin@demo.wiec.pl", "Alicja Administrator", Role.ADMINISTRATOR, "administrator"),
]


def load(city: City) -> list[DemoAccount]:
    default_policy(city)
    IdentityPolicy.objects.get_or_create(
        city=city,
        name="PESEL (przykład konfiguracji)",
        defaults={"ask_pesel": True, "guardian_below_age": 13},
    )
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(email=account.email).first()
        district = District.objects.get(city=city, slug=account.district_slug)
        if user is None:
            user = create_demo_user(
                account.email,
                display_name=account.name,
                district=district,
                is_superuser=account.role == Role.ADMINISTRATOR,
                is_staff=account.role == Role.ADMINISTRATOR,
            )
        EmailAddress.objects.update_or_create(
            user=user, email=account.email, defaults={"verified": True, "primary": True}
        )
        if account.role is not None:
            scope = list(District.objects.filter(city=city, slug__in=account.scope_slugs))
            services.assign_role(
                actor=None, user=user, role=account.role, districts=scope, city=city
            )
        if not ResidencyDeclaration.objects.filter(user=user, city=city).exists():
            services.declare_residency(
                actor=user,
                policy=default_policy(city),
                declaration=services.Declaration(
                    full_name=account.name,
                    street_address="ul. Przykładowa 1",
                    postal_code="31-004",
                    town=city.name,
                    district=district,
                ),
            )
    return DEMO_ACCOUNTS


#: An official of each other municipality of the demo region (and of nowhere else).
REGION_OFFICIALS = {
    "wieliczka": DemoAccount(
        "urzednik.wieliczka@demo.wiec.pl",
        "Barbara Wielicka",
        Role.OFFICIAL,
        "official of Wieliczka (no rights in Kraków)",
        "wieliczka",
    ),
    "golcza": DemoAccount(
        "urzednik.golcza@demo.wiec.pl",
        "Stanisław Gołecki",
        Role.OFFICIAL,
        "official of Gmina Gołcza",
        "golcza",
    ),
}


def load_region(region: dict[str, City]) -> None:
    """Each other municipality's identity policy and official."""
    for slug, account in REGION_OFFICIALS.items():
        city = region[slug]
        policy = default_policy(city)
        district = District.objects.get(city=city, slug=account.district_slug)
        user = User.objects.filter(email=account.email).first()
        if user is None:
            user = create_demo_user(account.email, display_name=account.name, district=district)
        EmailAddress.objects.update_or_create(
            user=user, email=account.email, defaults={"verified": True, "primary": True}
        )
        services.assign_role(actor=None, user=user, role=Role.OFFICIAL, city=city)
        if not ResidencyDeclaration.objects.filter(user=user, city=city).exists():
            services.declare_residency(
                actor=user,
                policy=policy,
                declaration=services.Declaration(
                    full_name=account.name,
                    street_address="ul. Przykładowa 1",
                    postal_code="32-020",
                    town=city.name,
                    district=district,
                ),
            )


def write_logins(out: TextIO) -> None:
    """The demo accounts and their one password, as a person starting the demo needs them."""
    out.write(f"Demo logins (password for all: {DEMO_PASSWORD})\n")
    for account in [*DEMO_ACCOUNTS, *REGION_OFFICIALS.values()]:
        out.write(login_line(account.email, account.description))


LOGIN_COLUMN = 34


def login_line(email: str, description: str) -> str:
    """One login as `make run` prints it; every app's demo uses it so the column lines up."""
    return f"  {email:<{LOGIN_COLUMN}} {description}\n"
