"""Report stored identities that are one person under the normalised rules (issue 13)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.core.management.base import BaseCommand, CommandError

from wiec.accounts import identity
from wiec.accounts.models import IdentityBasis, ResidencyDeclaration, User
from wiec.core import normalise

HELP = """\
Report identities stored before keys were normalised (wiec/core/normalise.py) that
belong, or may belong, to one person, for the office to resolve.  It changes nothing.

What it can find:
  * declarations without a PESEL (name, date of birth, address): their key is
    recomputed from the stored fields; declarations whose recomputed keys are equal
    are the same person ("same person"), and a declaration whose stored key differs
    from the recomputed one was keyed under the old rules, so a new declaration of
    the same person would not be refused ("stale key");
  * declarations with a PESEL: the PESEL is not stored, only a keyed hash, so the
    key cannot be recomputed and a PESEL once typed in other digits cannot be told
    from the number itself.  Declarations with distinct keys but the same normalised
    name and address, year of birth and sex (read from the PESEL) are reported as
    "possibly the same person", also against declarations without a PESEL;
  * accounts whose e-mail addresses are one mailbox once normalised ("same
    mailbox"), and addresses stored in a form the sign-up no longer produces
    ("stale e-mail").

What it cannot find: one person declared under different names or addresses, or
a PESEL declaration whose name or address was also changed.

Output names only record numbers (declaration, account) and admin pages, never
personal data.  Exit status 1 when anything is found, 0 otherwise."""


def _address(declaration: ResidencyDeclaration) -> str:
    # As Declaration.address builds it when the key is first computed.
    return f"{declaration.street_address}, {declaration.postal_code} {declaration.town}"


def _admin(declaration: ResidencyDeclaration) -> str:
    return f"/admin/accounts/residencydeclaration/{declaration.pk}/change/"


class Command(BaseCommand):
    help = HELP

    def create_parser(self, prog_name, subcommand, **kwargs):
        from argparse import RawDescriptionHelpFormatter

        kwargs["formatter_class"] = RawDescriptionHelpFormatter
        return super().create_parser(prog_name, subcommand, **kwargs)

    def handle(self, *args, **options) -> None:
        declarations = list(
            ResidencyDeclaration.objects.exclude(identity_basis=IdentityBasis.DECLARATION)
            .exclude(identity_key__isnull=True)
            .only(
                "pk",
                "user_id",
                "identity_basis",
                "identity_key",
                "full_name",
                "street_address",
                "postal_code",
                "town",
                "birth_date",
                "birth_year",
                "sex",
            )
            .order_by("pk")
        )
        findings = 0
        findings += self._personal_data(
            [d for d in declarations if d.identity_basis == IdentityBasis.PERSONAL_DATA]
        )
        findings += self._look_alike(declarations)
        findings += self._emails(User.objects.order_by("pk").only("pk", "email"))
        if findings:
            raise CommandError(
                f"{findings} finding(s): resolve them in the admin (one person, one "
                "account), then run this command again.",
                returncode=1,
            )
        self.stdout.write("No stored identities collide under the normalised rules.")

    def _personal_data(self, declarations: list[ResidencyDeclaration]) -> int:
        by_key: dict[str, list[ResidencyDeclaration]] = defaultdict(list)
        stale = []
        for declaration in declarations:
            if declaration.birth_date is None:
                continue
            key = identity.personal_data_key(
                declaration.full_name, declaration.birth_date, _address(declaration)
            )
            by_key[key].append(declaration)
            if key != declaration.identity_key:
                stale.append(declaration)
        findings = 0
        for group in by_key.values():
            if len({d.user_id for d in group}) > 1:  # one person in two gminas is fine
                findings += 1
                self._group("same person (no PESEL)", group)
        for declaration in stale:
            findings += 1
            self.stdout.write(
                f"stale key (no PESEL): declaration {declaration.pk} of account "
                f"{declaration.user_id} was keyed under the old rules; have it declared "
                f"again: {_admin(declaration)}"
            )
        return findings

    def _look_alike(self, declarations: list[ResidencyDeclaration]) -> int:
        groups: dict[tuple, list[ResidencyDeclaration]] = defaultdict(list)
        for declaration in declarations:
            year = declaration.birth_year or (
                declaration.birth_date.year if declaration.birth_date else None
            )
            groups[
                (
                    normalise.person_text(declaration.full_name),
                    normalise.person_text(_address(declaration)),
                    year,
                    declaration.sex,
                )
            ].append(declaration)
        findings = 0
        for group in groups.values():
            pesel = [d for d in group if d.identity_basis == IdentityBasis.PESEL]
            if pesel and len({d.identity_key for d in group}) > 1:
                findings += 1
                self._group("possibly the same person (PESEL)", group)
        return findings

    def _emails(self, users: Iterable[User]) -> int:
        by_mailbox: dict[str, list[User]] = defaultdict(list)
        stale = []
        for user in users:
            mailbox = normalise.email(user.email)
            by_mailbox[mailbox].append(user)
            if mailbox != user.email:
                stale.append(user)
        findings = 0
        for group in by_mailbox.values():
            if len(group) > 1:
                findings += 1
                self.stdout.write(
                    "same mailbox: accounts "
                    + ", ".join(f"{u.pk} (/admin/accounts/user/{u.pk}/change/)" for u in group)
                )
        for user in stale:
            findings += 1
            self.stdout.write(
                f"stale e-mail: account {user.pk} has its address in a form sign-up no "
                f"longer stores; save it again: /admin/accounts/user/{user.pk}/change/"
            )
        return findings

    def _group(self, title: str, group: list[ResidencyDeclaration]) -> None:
        self.stdout.write(
            f"{title}: declarations "
            + ", ".join(f"{d.pk} (account {d.user_id}, {_admin(d)})" for d in group)
        )
