"""Casting ballots: online, on paper entered by officials, and receipts.

Art. 5a ust. 7 pkt 4 u.s.g.: the city's resolution sets the voting rules.  Every
invariant is held by the database as well as checked here: one (non-duplicate) ballot
per ballot key and edition (``budgets_one_ballot_per_person``, :func:`ballot_key`), at
most the pool's number of projects per ballot (``budgets_vote_within_limit`` with a
unique position), points within the pool's budget (``budgets_vote_points`` and the
trigger of migration 0006), and a ballot stored whole or not at all (one statement, or
one transaction).
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import hashlib
import hmac
import secrets
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wiec.accounts import identity
from wiec.accounts.pesel import clean_pesel, read_pesel
from wiec.accounts.selectors import identity_key_of, residency_of
from wiec.accounts.services import PESEL_DIGITS
from wiec.accounts.verification import check_email_verified
from wiec.budgets.models import (
    PAPER_CHANNELS,
    Ballot,
    BallotChannel,
    BallotChoice,
    BallotState,
    BallotType,
    DuplicateRule,
    Edition,
    Pool,
    PoolKind,
    Proposal,
    Status,
    VotingSettings,
)
from wiec.budgets.phases import PhaseType
from wiec.core import normalise
from wiec.core.access import ensure
from wiec.core.numbers import INT_MAX, whole_or_none
from wiec.core.services import record_event
from wiec.core.tables import read_rows

RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I

#: ``selections``: pool id -> the ballot's choices in that pool, in order (rank order for
#: ranking ballots), each a proposal id and its points (``None``: the pool decides).
Selections = Mapping[int, list[tuple[int, int | None]]]


def voting_settings(edition: Edition) -> VotingSettings:
    """The edition's voting settings (created with the defaults when missing).

    Kept on the edition object, so one request reads them once.
    """
    try:
        return edition.voting
    except VotingSettings.DoesNotExist:
        settings, _created = VotingSettings.objects.get_or_create(edition=edition)
        edition.voting = settings
        return settings


@transaction.atomic
def save_voting_settings(*, actor: Any, settings: VotingSettings) -> VotingSettings:
    """A coordinator sets how the edition votes (art. 5a ust. 7 pkt 4 u.s.g.)."""
    ensure(actor, "budgets.configure_edition", settings.edition)
    settings.full_clean()
    settings.save()
    record_event(
        actor=actor,
        action="budgets.voting_settings_saved",
        target=settings.edition,
        data={
            "ballot_changeable": settings.ballot_changeable,
            "identity_required": settings.identity_required,
            "one_district": settings.one_district,
            "duplicate_rule": settings.duplicate_rule,
        },
    )
    return settings


# Keys and receipts -----------------------------------------------------------------


def ballot_key(edition_id: int, voter: str) -> str:
    """The key of a person's ballots in one edition (``Ballot.voter_key``).

    An HMAC-SHA256 with ``WIEC_BALLOT_HMAC_KEY``, a key the database does not hold, of
    the edition and ``voter`` (the person's identity key, or their account's key).  So
    a database reader cannot join a ballot to the person's residency record (whose
    ``identity_key`` is another value), nor link one person's ballots across editions;
    but every ballot of one person in one edition has the same key, which is all that
    one-ballot-per-person and the duplicate rule need.  The only function that makes
    ballot keys: online ballots, paper ballots, imports and ``has_voted`` all come here.
    """
    secret = django_settings.BALLOT_HMAC_KEY
    if not secret:
        raise ImproperlyConfigured("WIEC_BALLOT_HMAC_KEY is not set")
    message = f"wiec-ballot:{edition_id}:{voter}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def voter_key_of(user: Any, settings: VotingSettings) -> str | None:
    """The ballot key that makes one person one ballot in the settings' edition.

    Made from the resident's identity key (HMAC of the PESEL, or of name, birth date and
    address) when their proof gave one.  A city whose proof is a plain declaration gives
    none; then, unless the edition requires identification, from a keyed hash of the
    account: one ballot per account, which is weaker (a person with two accounts could
    vote twice) and the edition page says so.
    """
    key = identity_key_of(user)
    if not key:
        if settings.identity_required or user is None or not user.is_authenticated:
            return None
        key = "account:" + identity.keyed_hash(f"account:{user.pk}")
    return ballot_key(settings.edition_id, key)


def new_receipt_code() -> str:
    """16 random characters (80 bits) in four groups: ``K7QM-2XPA-...``."""
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _n in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def receipt_hash(code: str) -> str:
    cleaned = "".join(ch for ch in normalise.code(code) if ch in RECEIPT_ALPHABET)
    return hashlib.sha256(f"wiec-receipt:{cleaned}".encode()).hexdigest()


def find_receipt(code: str) -> Ballot | None:
    """The ballot a receipt code belongs to; the code says nothing of its content."""
    if not code or len(code) > 40:
        return None
    return Ballot.objects.filter(receipt_hash=receipt_hash(code)).first()


# Checking a ballot -------------------------------------------------------------------


def vote_limit(pool: Pool, n_projects: int) -> int:
    """How many projects one ballot may mark in the pool."""
    if pool.ballot_type == BallotType.CHOOSE_ONE:
        return 1
    if pool.ballot_type == BallotType.ORDINAL and pool.points:
        limit = len(pool.points_list())
        return min(limit, pool.max_choices) if pool.max_choices else limit
    return pool.max_choices or max(n_projects, 1)


def rank_points(pool: Pool, position: int) -> int:
    """Points of the project ranked ``position`` (1-based): 3-2-1 by default (Borda)."""
    points = pool.points_list()
    if points:
        return points[position - 1]
    return (pool.max_choices or position) - position + 1


def _error(message, code: str, **params) -> ValidationError:
    return ValidationError(message, code=code, params=params or None)


def ready_projects(edition: Edition) -> dict[int, int]:
    """The pool of every project on the edition's ballot, in one light query."""
    return dict(
        Proposal.objects.filter(edition=edition, status=Status.READY).values_list("pk", "pool_id")
    )


def check_selections(
    edition: Edition,
    settings: VotingSettings,
    selections: Selections,
    ready: Mapping[int, int] | None = None,
) -> list[tuple[Pool, int, list[tuple[int, int]]]]:
    """Check a ballot against every pool's rules; return (pool, limit, [(proposal, points)]).

    ``ready`` is :func:`ready_projects`, when the caller has already read it.
    """
    pools = {p.pk: p for p in edition.pools.all()}  # the ballot page prefetches them
    chosen = {pool_id: items for pool_id, items in selections.items() if items}
    if not chosen:
        raise _error(_("Choose at least one project."), "empty")
    if ready is None:
        ready = ready_projects(edition)
    ready_counts = Counter(ready.values())
    errors: list[ValidationError] = []
    checked = []
    districts = [
        pools[pid] for pid in chosen if pid in pools and pools[pid].kind == PoolKind.DISTRICT
    ]
    if settings.one_district and len(districts) > 1:
        errors.append(_error(_("Vote in one district only."), "one_district"))
    for pool_id, items in chosen.items():
        pool = pools.get(pool_id)
        if pool is None:
            errors.append(_error(_("This pool is not part of the edition."), "pool"))
            continue
        ids = [pid for pid, _pts in items]
        if len(set(ids)) != len(ids):
            errors.append(
                _error(_("%(pool)s: a project is marked twice."), "twice", pool=pool.name)
            )
            continue
        if any(ready.get(pid) != pool.pk for pid in ids):
            errors.append(
                _error(
                    _("%(pool)s: choose only projects on this pool's ballot."),
                    "foreign",
                    pool=pool.name,
                )
            )
            continue
        limit = vote_limit(pool, ready_counts.get(pool.pk, 0))
        if len(ids) > limit:
            errors.append(
                _error(
                    _("%(pool)s: choose at most %(limit)s projects."),
                    "too_many",
                    pool=pool.name,
                    limit=limit,
                )
            )
            continue
        if pool.min_choices and len(ids) < pool.min_choices:
            errors.append(
                _error(
                    _("%(pool)s: choose at least %(limit)s projects."),
                    "too_few",
                    pool=pool.name,
                    limit=pool.min_choices,
                )
            )
            continue
        if pool.ballot_type == BallotType.CUMULATIVE:
            points = [pts or 0 for _pid, pts in items]
            if any(p < 1 for p in points):
                errors.append(
                    _error(
                        _("%(pool)s: give each chosen project at least one point."),
                        "points",
                        pool=pool.name,
                    )
                )
                continue
            # A pool without a budget is refused by the database; it takes no points.
            budget = pool.points_budget or 0
            if sum(points) > budget:
                errors.append(
                    _error(
                        _("%(pool)s: you may give at most %(limit)s points in all."),
                        "points_budget",
                        pool=pool.name,
                        limit=budget,
                    )
                )
                continue
            scored = list(zip(ids, points, strict=True))
        elif pool.ballot_type == BallotType.ORDINAL:
            scored = [(pid, rank_points(pool, k)) for k, pid in enumerate(ids, start=1)]
        else:
            scored = [(pid, 1) for pid in ids]
        checked.append((pool, limit, scored))
    if errors:
        raise ValidationError(errors)
    return checked


def _votes(checked) -> list[BallotChoice]:
    """The votes of a checked ballot, not yet tied to a stored ballot."""
    return [
        BallotChoice(pool=pool, proposal_id=pid, position=k, pool_limit=limit, points=points)
        for pool, limit, scored in checked
        for k, (pid, points) in enumerate(scored, start=1)
    ]


def _store_votes(ballot: Ballot, checked) -> None:
    votes = _votes(checked)
    for vote in votes:
        vote.ballot = ballot
    BallotChoice.objects.bulk_create(votes)


@functools.cache
def _whole_ballot_insert() -> tuple[str, list, list]:
    """The PostgreSQL statement of :func:`store_new_ballot` and the fields it fills."""
    qn = connection.ops.quote_name
    ballot_fields = [f for f in Ballot._meta.concrete_fields if not f.primary_key]
    vote_fields = [
        f for f in BallotChoice._meta.concrete_fields if not f.primary_key and f.name != "ballot"
    ]
    ballot_id = qn(Ballot._meta.pk.column)
    vote_ballot = qn(BallotChoice._meta.get_field("ballot").column)
    vote_columns = ", ".join(qn(f.column) for f in vote_fields)
    arrays = ", ".join(f"%s::{f.db_type(connection)}[]" for f in vote_fields)
    sql = (
        f"WITH ballot AS (INSERT INTO {qn(Ballot._meta.db_table)} "
        f"({', '.join(qn(f.column) for f in ballot_fields)}) "
        f"VALUES ({', '.join(['%s'] * len(ballot_fields))}) RETURNING {ballot_id}) "
        f"INSERT INTO {qn(BallotChoice._meta.db_table)} ({vote_ballot}, {vote_columns}) "
        f"SELECT ballot.{ballot_id}, {vote_columns} FROM ballot, UNNEST({arrays}) "
        f"AS v({vote_columns}) RETURNING {vote_ballot}"
    )
    return sql, ballot_fields, vote_fields


def store_new_ballot(ballot: Ballot, votes: list[BallotChoice]) -> None:
    """Store a new ballot and its votes whole.

    On PostgreSQL it is one ``WITH ... INSERT`` statement, atomic by itself: a ballot
    under load costs one round trip and no transaction of its own (inside a caller's
    transaction, a savepoint keeps a refused insert from spoiling it).  The columns
    come from the models, prepared by their fields as Django's own insert would.
    Elsewhere: the same two inserts in a transaction.
    """
    if not votes:  # the statement would store the ballot and then find no vote row
        raise ValueError("a ballot is stored with at least one vote")
    if connection.vendor != "postgresql":
        with transaction.atomic():
            ballot.save(force_insert=True)
            for vote in votes:
                vote.ballot = ballot
            BallotChoice.objects.bulk_create(votes)
        return
    sql, ballot_fields, vote_fields = _whole_ballot_insert()
    params: list[Any] = [
        f.get_db_prep_save(f.pre_save(ballot, add=True), connection) for f in ballot_fields
    ]
    params += [
        [f.get_db_prep_save(f.pre_save(vote, add=True), connection) for vote in votes]
        for f in vote_fields
    ]
    guard = transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()
    with guard, connection.cursor() as cursor:
        cursor.execute(sql, params)
        ballot.pk = cursor.fetchone()[0]
    ballot._state.adding = False
    ballot._state.db = connection.alias


def check_voting_open(edition: Edition, day: datetime.date | None = None) -> None:
    phase = edition.phase(PhaseType.VOTING)
    day = day or timezone.localdate()
    if phase is None or day < phase.starts_on:
        raise _error(_("Voting has not started yet."), "not_open")
    if day > phase.ends_on:
        raise _error(_("Voting has ended."), "ended")


ALREADY_VOTED = _("A ballot has already been cast for this person in this edition.")


@dataclass
class Cast:
    ballot: Ballot
    receipt: str
    changed: bool = False


def cast_ballot(
    *,
    actor: Any,
    edition: Edition,
    selections: Selections,
    ready: Mapping[int, int] | None = None,
) -> Cast:
    """Store a resident's online ballot whole, once per person, and issue a receipt.

    Where a ballot cannot be changed the unique index alone refuses a second one, so
    the usual first ballot costs no look-up before it is stored; a refused insert is
    told apart from other failures afterwards.
    """
    ensure(actor, "budgets.cast_ballot", edition)
    check_voting_open(edition)
    check_email_verified(actor)
    settings = voting_settings(edition)
    key = voter_key_of(actor, settings)
    if key is None:
        raise _error(
            _(
                "This edition needs a proof of identity that tells residents apart (PESEL, "
                "or name, date of birth and address)."
            ),
            "identity_required",
        )
    checked = check_selections(edition, settings, selections, ready)
    code = new_receipt_code()
    try:
        if settings.ballot_changeable:
            return _cast_or_replace(actor, edition, key, checked, code)
        return _cast_new(actor, edition, key, checked, code)
    except IntegrityError:
        if Ballot.objects.filter(edition=edition, voter_key=key, duplicate=False).exists():
            raise _error(ALREADY_VOTED, "already_voted") from None
        raise


def _cast_new(actor: Any, edition: Edition, key: str, checked, code: str) -> Cast:
    """A first online ballot, with the voter's district, age and sex for the statistics."""
    residency = residency_of(actor, edition.city_id)
    today = timezone.localdate()
    ballot = Ballot(
        edition=edition,
        voter_key=key,
        channel=BallotChannel.ONLINE,
        received_on=today,
        receipt_hash=receipt_hash(code),
        district_id=residency.district_id if residency else None,
        age=residency.age_on(today) if residency else None,
        sex=(residency.sex if residency else "") or "",
    )
    store_new_ballot(ballot, _votes(checked))
    return Cast(ballot=ballot, receipt=code)


@transaction.atomic
def _cast_or_replace(actor: Any, edition: Edition, key: str, checked, code: str) -> Cast:
    """Where the edition lets voters change their ballot: replace it, or store the first."""
    today = timezone.localdate()
    existing = (
        Ballot.objects.select_for_update()
        .filter(edition=edition, voter_key=key, duplicate=False)
        .first()
    )
    if existing is None:
        return _cast_new(actor, edition, key, checked, code)
    if existing.channel != BallotChannel.ONLINE:
        raise _error(ALREADY_VOTED, "already_voted")
    existing.votes.all().delete()
    existing.receipt_hash = receipt_hash(code)
    existing.created_at = timezone.now()
    existing.received_on = today
    existing.save(update_fields=["receipt_hash", "created_at", "received_on"])
    _store_votes(existing, checked)
    # A stored ballot is its own record of being cast; the audit log gets no line per
    # voter (who voted when is personal data it need not hold).  Replacing a ballot
    # deletes votes, and that is logged: that it happened, never what.
    record_event(actor=actor, action="budgets.ballot_changed", target=edition)
    return Cast(ballot=existing, receipt=code, changed=True)


@transaction.atomic
def reissue_receipt(*, actor: Any, edition: Edition) -> str:
    """A new receipt code for the actor's own stored ballot; the old code stops working.

    For a voter whose answer was lost after the ballot was stored (the connection
    dropped): only the person whose identity makes the ballot's key can ask, the
    ballot itself is not read or changed, and the audit log records that a receipt
    was reissued in the edition, never whose or for what ballot.
    """
    key = voter_key_of(actor, voting_settings(edition)) if actor.is_authenticated else None
    ballot = (
        Ballot.objects.select_for_update()
        .filter(edition=edition, voter_key=key, duplicate=False)
        .only("pk", "receipt_hash")
        .first()
        if key
        else None
    )
    if ballot is None:
        raise _error(_("No ballot of yours is stored in this edition."), "no_ballot")
    code = new_receipt_code()
    ballot.receipt_hash = receipt_hash(code)
    ballot.save(update_fields=["receipt_hash"])
    record_event(actor=actor, action="budgets.receipt_reissued", target=edition)
    return code


def has_voted(user: Any, edition: Edition) -> bool:
    key = voter_key_of(user, voting_settings(edition))
    return key is not None and Ballot.objects.filter(edition=edition, voter_key=key).exists()


# Paper ballots -----------------------------------------------------------------------


@dataclass
class PaperVoter:
    """Who filled in a paper ballot, as written on it (a PESEL, or name + birth + address)."""

    pesel: str = ""
    full_name: str = ""
    birth_date: datetime.date | None = None
    address: str = ""
    district_id: int | None = None

    def key(self, edition: Edition) -> str:
        """The ballot key of this person in ``edition`` (see :func:`ballot_key`), from
        normalised input (``wiec.core.normalise``).

        A PESEL must be 11 ASCII digits: the same number in other digits is refused,
        so it can never pass as another voter; names and addresses are compared as
        a person reads them, so a second ballot of the same person is flagged.
        """
        if self.pesel:
            try:
                pesel = clean_pesel(self.pesel)
                read_pesel(pesel)
            except ValueError as error:
                if getattr(error, "code", "") == "not_ascii_digits":
                    raise _error(PESEL_DIGITS, "pesel_digits") from error
                raise _error(_("The PESEL is not valid."), "pesel") from error
            return ballot_key(edition.pk, identity.pesel_key(pesel))
        if (
            identity.normalise(self.full_name)
            and self.birth_date
            and identity.normalise(self.address)
        ):
            return ballot_key(
                edition.pk,
                identity.personal_data_key(self.full_name, self.birth_date, self.address),
            )
        raise _error(
            _("Give the voter's PESEL, or their name, date of birth and address."), "voter"
        )

    def age_sex(self, day: datetime.date) -> tuple[int | None, str]:
        if self.pesel:
            info = read_pesel(clean_pesel(self.pesel))
            born, sex = info.birth_date, info.sex
        elif self.birth_date:
            born, sex = self.birth_date, ""
        else:
            return None, ""
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day)), sex


def resolve_duplicates(edition: Edition, key: str) -> int:
    """Apply the edition's rule to every ballot of one person; return how many are void.

    ``key`` is the person's ballot key in the edition (:func:`ballot_key`).

    Warsaw and Kraków void every ballot of a person who voted more than once; the
    other rule keeps the first ballot received (by date of receipt: a posted ballot
    counts from the day it reached the office).
    """
    settings = voting_settings(edition)
    ballots = list(
        Ballot.objects.select_for_update()
        .filter(edition=edition, voter_key=key)
        .order_by("received_on", "created_at", "pk")
    )
    if len(ballots) < 2:
        return 0
    keep = None if settings.duplicate_rule == DuplicateRule.VOID_ALL else ballots[0].pk
    void = [b.pk for b in ballots if b.pk != keep]
    Ballot.objects.filter(pk__in=void).update(state=BallotState.VOID)
    if keep is not None:
        Ballot.objects.filter(pk=keep).update(state=BallotState.VALID)
    return len(void)


@transaction.atomic
def enter_paper_ballot(
    *,
    actor: Any,
    edition: Edition,
    channel: str,
    received_on: datetime.date,
    voter: PaperVoter,
    selections: Selections,
) -> Ballot:
    """An official enters a paper ballot; a second ballot of the same person is flagged."""
    ensure(actor, "budgets.enter_paper_ballots", edition)
    if channel not in PAPER_CHANNELS:
        raise _error(_("Choose how the paper ballot came in."), "channel")
    phase = edition.phase(PhaseType.VOTING)
    if phase is not None and received_on > phase.ends_on:
        raise _error(_("Ballots received after the vote ended are not counted."), "late")
    key = voter.key(edition)
    checked = check_selections(edition, voting_settings(edition), selections)
    age, sex = voter.age_sex(received_on)
    fields = dict(
        edition=edition,
        voter_key=key,
        channel=channel,
        received_on=received_on,
        district_id=voter.district_id,
        age=age,
        sex=sex,
        entered_by=actor,
    )
    try:
        with transaction.atomic():
            ballot = Ballot.objects.create(**fields)
    except IntegrityError:
        ballot = Ballot.objects.create(duplicate=True, **fields)
    _store_votes(ballot, checked)
    voided = resolve_duplicates(edition, key) if ballot.duplicate else 0
    record_event(
        actor=actor,
        action="budgets.paper_ballot_entered",
        target=edition,
        data={"channel": channel, "duplicate": ballot.duplicate, "voided": voided},
    )
    ballot.refresh_from_db(fields=["state"])
    return ballot


CSV_COLUMNS = [
    "channel",
    "received_on",
    "pesel",
    "full_name",
    "birth_date",
    "address",
    "district",
    "projects",
]


def _parse_projects(text: str, edition: Edition) -> dict[int, list[tuple[int, int | None]]]:
    """``"12,15,18"`` or ``"12:3,15:2"`` (BO numbers or ids, with points) → selections."""
    selections: dict[int, list[tuple[int, int | None]]] = {}
    pools = dict(Proposal.objects.filter(edition=edition).values_list("pk", "pool_id"))
    for part in filter(None, (p.strip() for p in text.replace(";", ",").split(","))):
        number, _sep, points = part.partition(":")
        pk = whole_or_none(number.upper().removeprefix("BO-"), maximum=INT_MAX)
        if pk not in pools:
            raise _error(_("Unknown project %(number)s."), "unknown_project", number=number[:20])
        given = whole_or_none(points, maximum=INT_MAX) if points else None
        if points and given is None:
            raise _error(
                _("The points for project %(number)s must be a whole number of at most %(max)s."),
                "points",
                number=number,
                max=INT_MAX,
            )
        selections.setdefault(pools[pk], []).append((pk, given))
    return selections


def _csv_date(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        raise _error(_("Enter dates as YYYY-MM-DD."), "date") from None


@transaction.atomic
def import_paper_ballots(*, actor: Any, edition: Edition, rows: Iterable[str] | str) -> int:
    """A CSV of paper ballots (``CSV_COLUMNS``), all stored or none; errors name the line.

    The file is read with ``wiec.core.tables``: a short row, an over-long field or a NUL
    is a message naming the line, as is a district slug the city does not have.
    """
    ensure(actor, "budgets.enter_paper_ballots", edition)
    text = rows if isinstance(rows, str) else "".join(rows)
    header, records = read_rows(text)
    missing = [c for c in CSV_COLUMNS if c not in header]
    if missing:
        raise _error(_("Missing columns: %(columns)s."), "columns", columns=", ".join(missing))
    districts = {d.slug: d.pk for d in edition.city.districts.all()}
    count = 0
    for line, raw in records:
        row = {column: value.strip() for column, value in raw.items()}
        try:
            district = row["district"]
            if district and district not in districts:
                raise _error(
                    _(
                        "Unknown district “%(district)s”: use the address name (slug) "
                        "of one of the city's districts."
                    ),
                    "unknown_district",
                    district=district[:80],
                )
            received_on = _csv_date(row["received_on"])
            if received_on is None:
                raise _error(_("Enter dates as YYYY-MM-DD."), "date")
            voter = PaperVoter(
                pesel=row["pesel"],
                full_name=row["full_name"],
                birth_date=_csv_date(row["birth_date"]),
                address=row["address"],
                district_id=districts.get(district),
            )
            with transaction.atomic():
                enter_paper_ballot(
                    actor=actor,
                    edition=edition,
                    channel=row["channel"],
                    received_on=received_on,
                    voter=voter,
                    selections=_parse_projects(row["projects"], edition),
                )
        except ValidationError as error:
            raise _error(
                _("Line %(line)s: %(problem)s"), "line", line=line, problem=" ".join(error.messages)
            ) from error
        count += 1
    return count
