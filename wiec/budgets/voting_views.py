"""Pages of the vote: the ballot, the confirmation with a receipt, the receipt check,
and the officials' entry of paper ballots."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from wiec.accounts.selectors import residency_of
from wiec.accounts.verification import verify_first
from wiec.budgets import ballot_cache, selectors, voting
from wiec.budgets.forms import VotingSettingsForm
from wiec.budgets.models import (
    PAPER_CHANNELS,
    Ballot,
    BallotChannel,
    BallotType,
    Edition,
    PoolKind,
    Proposal,
    Status,
)
from wiec.budgets.phases import PhaseType
from wiec.core import limits
from wiec.core.access import ensure_here, require, require_login
from wiec.core.collation import polish_key
from wiec.core.numbers import INT_MAX, ids_or_400, whole_or_400, whole_or_none
from wiec.core.tables import decode_upload
from wiec.places.selectors import current_city


def _edition(slug: str) -> Edition:
    return get_object_or_404(
        Edition.objects.select_related("city", "voting").prefetch_related(
            "phases",
            "accepted_policies",
            "pools",  # in the pools' own order; the ballot needs no district rows
        ),
        slug=slug,
        city=current_city(),
    )


def ballot_pools(edition: Edition, settings, district_pool_id: int | None):
    """The pools on this voter's ballot: every pool, or one chosen district pool."""
    pools = list(edition.pools.all())
    district_pools = [p for p in pools if p.kind == PoolKind.DISTRICT]
    if settings.one_district and district_pools:
        chosen = next((p for p in district_pools if p.pk == district_pool_id), None)
        pools = [p for p in pools if p.kind != PoolKind.DISTRICT] + ([chosen] if chosen else [])
    return pools, district_pools


def pool_proposals(edition: Edition, pools) -> dict[int, list[Proposal]]:
    """The projects on the ballot of each of ``pools``, by title."""
    proposals: dict[int, list[Proposal]] = {p.pk: [] for p in pools}
    for proposal in sorted(
        Proposal.objects.filter(edition=edition, status=Status.READY, pool__in=pools),
        key=lambda p: polish_key(p.title),
    ):
        proposals[proposal.pool_id].append(proposal)
    return proposals


def ballot_summary(pools, proposals: dict[int, list[Proposal]], selections: dict) -> list[dict]:
    """What the voter chose in each pool, with places, points and the running totals."""
    by_id = {p.pk: p for listed in proposals.values() for p in listed}
    summary = []
    for pool in pools:
        rows = []
        for place, (pid, given) in enumerate(selections.get(pool.pk, []), start=1):
            proposal = by_id.get(pid)
            if proposal is None or proposal.pool_id != pool.pk:
                continue
            points = None
            if pool.ballot_type == BallotType.ORDINAL:
                points = voting.rank_points(pool, place)
            elif pool.ballot_type == BallotType.CUMULATIVE:
                points = given
            rows.append(
                {
                    "proposal": proposal,
                    "place": place if pool.ballot_type == BallotType.ORDINAL else None,
                    "points": points,
                }
            )
        cost = sum(row["proposal"].cost for row in rows)
        summary.append(
            {
                "pool": pool,
                "rows": rows,
                "cost": cost,
                "over": cost > pool.amount,
                "points_given": sum(row["points"] or 0 for row in rows)
                if pool.ballot_type == BallotType.CUMULATIVE
                else None,
            }
        )
    return summary


#: Buttons of the two steps; everything else posted is the ballot itself.
STEP_BUTTONS = ("csrfmiddlewaretoken", "review", "change", "confirm")


def parse_ballot(data, pools, ready: Mapping[int, int]) -> tuple[dict, list[str]]:
    """The POSTed form (plain checkboxes, radios, selects, numbers) → selections.

    ``ready`` maps each project on the ballot to its pool (``voting.ready_projects``).
    Whatever is typed, the answer is selections or a message, never an exception.
    """
    selections: dict[int, list[tuple[int, int | None]]] = {}
    problems: list[str] = []
    on_ballot: dict[int, list[int]] = {pool.pk: [] for pool in pools}
    for pid, pool_id in ready.items():
        if pool_id in on_ballot:
            on_ballot[pool_id].append(pid)
    for pool in pools:
        ids = on_ballot[pool.pk]
        items: list[tuple[int, int | None]] = []
        if pool.ballot_type == BallotType.APPROVAL:
            items = [(pid, None) for pid in ids_or_400(data.getlist(f"pool-{pool.pk}"))]
        elif pool.ballot_type == BallotType.CHOOSE_ONE:
            value = data.get(f"pool-{pool.pk}", "")
            items = [(whole_or_400(value), None)] if value else []
        elif pool.ballot_type == BallotType.ORDINAL:
            ranked = []
            for pid in ids:
                rank = whole_or_none(data.get(f"rank-{pid}", ""), maximum=INT_MAX)
                if rank is not None:
                    ranked.append((rank, pid))
            ranked.sort()
            if [r for r, _pid in ranked] != list(range(1, len(ranked) + 1)):
                problems.append(
                    _("%(pool)s: number your choices 1, 2, 3… without gaps or repeats.")
                    % {"pool": pool.name}
                )
                continue
            items = [(pid, None) for _r, pid in ranked]
        else:
            budget = pool.points_budget or 0
            for pid in ids:
                value = data.get(f"points-{pid}", "").strip()
                if not value:
                    continue
                points = whole_or_none(value, maximum=INT_MAX)
                if points is None and not (value.isascii() and value.isdigit()):
                    problems.append(
                        _("%(pool)s: points must be whole numbers.") % {"pool": pool.name}
                    )
                    break
                if points is None or points > budget:  # None here: digits beyond any budget
                    problems.append(
                        _("%(pool)s: you may give at most %(limit)s points in all.")
                        % {"pool": pool.name, "limit": budget}
                    )
                    break
                if points > 0:
                    items.append((pid, points))
        if items:
            selections[pool.pk] = items
    return selections, problems


def ballot_blocks(pools, proposals: dict[int, list[Proposal]]) -> list[dict]:
    """What the ballot template shows for each pool."""
    blocks = []
    for pool in pools:
        limit = voting.vote_limit(pool, len(proposals[pool.pk]))
        blocks.append(
            {
                "pool": pool,
                "proposals": proposals[pool.pk],
                "limit": limit,
                "ranks": list(range(1, limit + 1)),
                "points": pool.points_list() if pool.ballot_type == BallotType.ORDINAL else [],
            }
        )
    return blocks


@never_cache
def vote(request: HttpRequest, slug: str) -> HttpResponse:
    """The ballot; a stored ballot answers with its receipt at once.

    The receipt is rendered in the answer to the POST and kept nowhere else (only its
    hash is stored), so it is shown exactly once.  Sending the form again is refused by
    the one-ballot-per-person index, or, where ballots may be changed, replaces the
    ballot and says so.
    """
    edition, ready = ballot_cache.voting_edition(slug)
    ensure_here(edition)
    settings = voting.voting_settings(edition)
    require_login(request)
    allowed = request.user.has_perm("budgets.cast_ballot", edition)
    problem = None
    if not allowed:
        problem = selectors.eligibility_problem(request.user, edition, edition.who_may_vote)
        if problem is None and not edition.is_open(PhaseType.VOTING):
            problem = _("Voting is not open now.")
    elif voting.voter_key_of(request.user, settings) is None:
        allowed, problem = (
            False,
            _(
                "This edition needs a proof of identity that tells residents apart (PESEL, "
                "or name, date of birth and address)."
            ),
        )
    if allowed and (verify := verify_first(request, request.path)) is not None:
        return verify
    posted = request.method == "POST" and allowed
    # A POST needs no look-up first: where a ballot cannot be changed, the unique index
    # refuses a second one and the form says so.
    already = allowed and not posted and voting.has_voted(request.user, edition)
    if already and not settings.ballot_changeable:
        allowed, problem = False, _("You have already voted in this edition. Thank you!")
    source = request.POST if request.method == "POST" else request.GET
    try:
        district_pool_id = int(source.get("dzielnica", ""))
    except ValueError:
        residency = residency_of(request.user, edition.city_id)
        district_id = getattr(residency, "district_id", None)
        home = next((p for p in edition.pools.all() if p.district_id == district_id), None)
        district_pool_id = home.pk if home else None
    pools, district_pools = ballot_pools(edition, settings, district_pool_id)
    errors: list[str] = []
    reviewing = posted and "review" in request.POST
    changing = posted and "change" in request.POST
    if posted:
        selections, errors = parse_ballot(request.POST, pools, ready)
        if reviewing and not errors:
            # The pools' rules are checked before the summary too (reading only), so
            # "Cast my ballot" on the summary is refused only if the vote has changed.
            try:
                voting.check_selections(edition, settings, selections, ready)
            except ValidationError as error:
                errors = error.messages
        if not errors and not reviewing and not changing:
            try:
                cast = voting.cast_ballot(
                    actor=request.user, edition=edition, selections=selections, ready=ready
                )
            except ValidationError as error:
                if getattr(error, "code", None) == "already_voted":
                    # Most often the same form sent again after its answer was lost
                    # (the connection dropped once the ballot was stored): say the
                    # ballot is stored and offer a new receipt, as the reloaded page does.
                    allowed = False
                    problem = _("You have already voted in this edition. Thank you!")
                else:
                    errors = error.messages
            except PermissionDenied:
                errors = [_("You may not vote in this edition.")]
            else:
                return render(
                    request,
                    "budgets/ballot_done.html",
                    {
                        "edition": edition,
                        "city": edition.city,
                        "receipt": cast.receipt,
                        "changed": cast.changed,
                    },
                )
    proposals = pool_proposals(edition, pools)
    if reviewing and not errors:
        # Step two: nothing is stored; the same choices go back as hidden fields with
        # "Change my choice" and "Cast my ballot" (the one POST that stores it).
        return render(
            request,
            "budgets/ballot_summary.html",
            {
                "edition": edition,
                "city": edition.city,
                "summary": ballot_summary(pools, proposals, selections),
                "hidden": [
                    (key, value)
                    for key, values in request.POST.lists()
                    if key not in STEP_BUTTONS
                    for value in values
                ],
            },
        )
    values = {k: v for k, v in request.POST.items()} if request.method == "POST" else {}
    checked: set[str] = set()
    for pool in pools:
        if request.method == "POST" and pool.ballot_type == BallotType.APPROVAL:
            checked |= set(request.POST.getlist(f"pool-{pool.pk}"))
    return render(
        request,
        "budgets/ballot_form.html",
        {
            "edition": edition,
            "city": edition.city,
            "settings": settings,
            "allowed": allowed,
            "problem": problem,
            "already": already,
            "stored": already or (not allowed and voting.has_voted(request.user, edition)),
            "blocks": ballot_blocks(pools, proposals),
            "district_pools": district_pools,
            "district_pool_id": district_pool_id,
            "errors": errors,
            "values": values,
            "checked": checked,
        },
        status=400 if errors else 200,
    )


@never_cache
@require_POST
@limits.limited("receipt_reissue")
def receipt_reissue(request: HttpRequest, slug: str) -> HttpResponse:
    """A voter whose receipt was lost (the answer never arrived) gets a new one."""
    edition = _edition(slug)
    require_login(request)
    try:
        code = voting.reissue_receipt(actor=request.user, edition=edition)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("budgets:vote", slug=edition.slug)
    return render(
        request,
        "budgets/ballot_done.html",
        {"edition": edition, "city": edition.city, "receipt": code, "reissued": True},
    )


def receipt_check(request: HttpRequest) -> HttpResponse:
    """Public: was the ballot with this receipt code received and counted?"""
    code = request.GET.get("kod", "").strip()
    if code and (refused := limits.refuse(request, "receipt_check")):
        return refused
    ballot = voting.find_receipt(code) if code else None
    return render(
        request,
        "budgets/receipt_check.html",
        {"code": code, "ballot": ballot, "searched": bool(code)},
    )


@require_http_methods(["GET", "POST"])
def paper_ballot(request: HttpRequest, slug: str) -> HttpResponse:
    """An official types in one paper ballot, or uploads a CSV of them."""
    edition = _edition(slug)
    require(request, "budgets.enter_paper_ballots", edition)
    settings = voting.voting_settings(edition)
    source = request.POST if request.method == "POST" else request.GET
    district_pool_id = whole_or_none(source.get("dzielnica", ""))
    pools, district_pools = ballot_pools(edition, settings, district_pool_id)
    errors: list[str] = []
    if request.method == "POST":
        try:
            if request.FILES.get("csv"):
                text = decode_upload(request.FILES["csv"].read())
                n = voting.import_paper_ballots(actor=request.user, edition=edition, rows=text)
                messages.success(request, _("Imported %(n)s paper ballots.") % {"n": n})
                return redirect("budgets:paper_ballot", slug=edition.slug)
            selections, errors = parse_ballot(request.POST, pools, voting.ready_projects(edition))
            if not errors:
                birth = request.POST.get("birth_date", "").strip()
                ballot = voting.enter_paper_ballot(
                    actor=request.user,
                    edition=edition,
                    channel=request.POST.get("channel", ""),
                    received_on=datetime.date.fromisoformat(
                        request.POST.get("received_on", "") or timezone.localdate().isoformat()
                    ),
                    voter=voting.PaperVoter(
                        pesel=request.POST.get("pesel", "").strip(),
                        full_name=request.POST.get("full_name", ""),
                        birth_date=datetime.date.fromisoformat(birth) if birth else None,
                        address=request.POST.get("address", ""),
                        district_id=next(
                            (p.district_id for p in district_pools if p.pk == district_pool_id),
                            None,
                        ),
                    ),
                    selections=selections,
                )
                if ballot.duplicate:
                    messages.warning(
                        request,
                        _("This person had already voted: the edition's rule was applied."),
                    )
                else:
                    messages.success(request, _("The paper ballot has been stored."))
                return redirect("budgets:paper_ballot", slug=edition.slug)
        except ValidationError as error:
            errors = error.messages
        except ValueError:
            errors = [_("Enter dates as YYYY-MM-DD.")]
    blocks = ballot_blocks(pools, pool_proposals(edition, pools))
    flagged = Ballot.objects.filter(edition=edition, duplicate=True).count()
    return render(
        request,
        "budgets/paper_ballot.html",
        {
            "edition": edition,
            "settings": settings,
            "blocks": blocks,
            "district_pools": district_pools,
            "district_pool_id": district_pool_id,
            "errors": errors,
            "values": {},
            "checked": set(),
            "channels": [(c.value, c.label) for c in BallotChannel if c in PAPER_CHANNELS],
            "flagged": flagged,
            "columns": ";".join(voting.CSV_COLUMNS),
        },
        status=400 if errors else 200,
    )


@require_http_methods(["GET", "POST"])
def voting_settings(request: HttpRequest, slug: str) -> HttpResponse:
    """Coordinators set the edition's voting rules; the pools' limits are on each pool."""
    edition = _edition(slug)
    require(request, "budgets.configure_edition", edition)
    form = VotingSettingsForm(request.POST or None, instance=voting.voting_settings(edition))
    if request.method == "POST" and form.is_valid():
        try:
            voting.save_voting_settings(actor=request.user, settings=form.instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The voting rules have been saved."))
            return redirect(edition)
    return render(
        request,
        "budgets/form_page.html",
        {
            "form": form,
            "edition": edition,
            "title": _("Voting rules: %(edition)s") % {"edition": edition.name},
            "button": _("Save"),
        },
    )
