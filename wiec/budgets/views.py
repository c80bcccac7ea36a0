"""Pages of the participatory budget: parse, check the permission, call a service."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from wiec.accounts.selectors import default_policy
from wiec.accounts.verification import verify_first
from wiec.budgets import explanations, results, selectors, services
from wiec.budgets.forms import (
    AppealDecisionForm,
    AppealForm,
    CommentForm,
    EditionForm,
    FilterForm,
    FormalReviewForm,
    MeritReviewForm,
    PoolForm,
    ProposalForm,
    ReasonForm,
    SupportListForm,
)
from wiec.budgets.models import (
    Appeal,
    CoauthorInvitation,
    Comment,
    Edition,
    FileKind,
    Pool,
    Proposal,
    Status,
)
from wiec.budgets.phases import PhaseType
from wiec.commons.forms import CheckedPaperSignatureForm
from wiec.commons.models import Signature, SignatureChannel
from wiec.core import media
from wiec.core.access import attach_errors, deny, load, require
from wiec.core.limits import limited
from wiec.core.media import media_type
from wiec.core.numbers import page_number, whole_or_none
from wiec.core.pdf import html_to_pdf
from wiec.places.selectors import current_city
from wiec.places.views import locate, map_search


def _edition(slug: str) -> Edition:
    return get_object_or_404(
        Edition.objects.prefetch_related("phases"), slug=slug, city=current_city()
    )


def _proposal(pk: int) -> Proposal:
    return get_object_or_404(
        Proposal.objects.select_related(
            "edition", "edition__city", "pool", "pool__district", "category", "author"
        ).prefetch_related("coauthors", "edition__phases"),
        pk=pk,
        edition__city=current_city(),
    )


def edition_list(request: HttpRequest) -> HttpResponse:
    editions = list(selectors.current_editions())
    return render(request, "budgets/edition_list.html", {"editions": editions})


def edition_detail(request: HttpRequest, slug: str) -> HttpResponse:
    edition = _edition(slug)
    user = request.user
    can_view_results = user.has_perm("budgets.view_results", edition)
    run = results.published_run(edition) if can_view_results else None
    return render(
        request,
        "budgets/edition_detail.html",
        {
            "edition": edition,
            "voting_open": edition.is_open(PhaseType.VOTING),
            "has_voting": edition.phase(PhaseType.VOTING) is not None,
            "can_vote": user.has_perm("budgets.cast_ballot", edition),
            "can_enter_paper": user.has_perm("budgets.enter_paper_ballots", edition),
            "can_count": user.has_perm("budgets.count_votes", edition),
            "can_view_results": can_view_results,
            "published_pools": run.pools.select_related("pool") if run else [],
            "pools": edition.pools.select_related("district"),
            "phases": edition.phases.all(),
            "current_phase": edition.current_phase(),
            "counts": selectors.status_counts(edition),
            "can_submit": request.user.has_perm("budgets.submit_proposal", edition)
            and edition.is_open(PhaseType.SUBMISSION),
            "submit_problem": selectors.eligibility_problem(
                request.user, edition, edition.who_may_submit
            ),
        },
    )


#: Proposals on one page of the list: a screenful or two to scan, in rows of 2 or 3.
PAGE_SIZE = 24


def proposal_list(request: HttpRequest, slug: str) -> HttpResponse:
    edition = _edition(slug)
    filters = FilterForm(request.GET or None, edition=edition)
    queryset = selectors.filter_proposals(
        selectors.visible_proposals(request.user, edition), filters.params()
    )
    map_view = request.GET.get("widok") == "mapa"
    page = Paginator(queryset, 200 if map_view else PAGE_SIZE).get_page(page_number(request))
    points = [
        {
            "title": p.title,
            "url": p.get_absolute_url(),
            "lat": p.latitude,
            "lon": p.longitude,
        }
        for p in page
        if p.latitude is not None
    ]
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("widok", None)
    return render(
        request,
        "budgets/proposal_list.html",
        {
            "edition": edition,
            "filters": filters,
            "page": page,
            "map_view": map_view,
            "points": points,
            "map_centre": json.dumps([edition.city.center_latitude, edition.city.center_longitude]),
            "query": query.urlencode(),
            **map_search(request),
        },
    )


def _proposal_data(form: ProposalForm) -> services.ProposalData:
    data = form.cleaned_data
    return services.ProposalData(
        pool=data["pool"],
        title=data["title"],
        description=data["description"],
        cost_items=data["cost_items"],
        category=data.get("category"),
        beneficiaries=data.get("beneficiaries", ""),
        address=data.get("address", ""),
        latitude=data.get("latitude"),
        longitude=data.get("longitude"),
        coauthors=data.get("coauthors") or [],
        images=data.get("images") or [],
        attachments=data.get("attachments") or [],
    )


def _save_proposal(request, edition, form, proposal=None):
    try:
        proposal = services.save_proposal(
            actor=request.user, edition=edition, data=_proposal_data(form), proposal=proposal
        )
        if "submit" in request.POST and proposal.status == Status.DRAFT:
            services.submit_proposal(actor=request.user, proposal=proposal)
    except ValidationError as error:
        attach_errors(form, error)
        return None
    if form.cleaned_data.get("coauthors"):
        # The same words for every address: the author never learns which have accounts.
        messages.info(
            request,
            _(
                "Each person you listed as a co-author gets an invitation by e-mail and "
                "appears as a co-author only after accepting it."
            ),
        )
    return proposal


def _form_page(request, edition, form, proposal=None, located=None):
    invitations = proposal.coauthor_invitations.all() if proposal is not None else []
    return render(
        request,
        "budgets/proposal_form.html",
        {
            "edition": edition,
            "form": form,
            "proposal": proposal,
            "invitations": invitations,
            "pools": edition.pools.all(),
            "located": located,
        },
    )


def _closed_page(request, edition, proposal=None):
    """No form outside the submission phase, where it could only be refused: the
    page says why, in the service's words.  None while the phase is open."""
    try:
        services.check_submission_open(edition)
    except ValidationError as error:
        return render(
            request,
            "budgets/proposal_form.html",
            {"edition": edition, "proposal": proposal, "closed": error.messages[0]},
        )
    return None


def _rearranged_form(request, edition):
    """The form again with one cost row more, or one fewer, or its coordinates found
    from the address ("Find on the map" without JavaScript), nothing saved.  Returns
    (form, the sentence of the address search or None), or None for other posts."""
    locating = "locate" in request.POST
    if "remove_row" not in request.POST and "add_row" not in request.POST and not locating:
        return None
    remove = whole_or_none(request.POST.get("remove_row", ""), maximum=1000)
    initial = ProposalForm.rearranged(request.POST, add="add_row" in request.POST, remove=remove)
    located = None
    if locating:
        match, sentence = locate(edition.city, request.POST.get("address", ""))
        located = {"found": match is not None, "message": sentence}
        if match is not None:
            initial["latitude"] = f"{match.latitude:.6f}"
            initial["longitude"] = f"{match.longitude:.6f}"
    return ProposalForm(edition=edition, initial=initial), located


@limited("proposal")
def proposal_create(request: HttpRequest, slug: str) -> HttpResponse:
    edition = _edition(slug)
    problem = selectors.eligibility_problem(request.user, edition, edition.who_may_submit)
    if problem:
        deny(request, problem)
    closed = _closed_page(request, edition)
    if closed is not None:
        return closed
    rearranged = _rearranged_form(request, edition)
    if rearranged is not None:
        return _form_page(request, edition, rearranged[0], located=rearranged[1])
    form = ProposalForm(request.POST or None, request.FILES or None, edition=edition)
    if request.method == "POST" and form.is_valid():
        proposal = _save_proposal(request, edition, form)
        if proposal is not None:
            messages.success(
                request,
                _("The proposal has been submitted.")
                if proposal.status == Status.SUBMITTED
                else _("The draft has been saved."),
            )
            return redirect(proposal)
    return _form_page(request, edition, form)


def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    require(request, "budgets.change_proposal", proposal)
    edition = proposal.edition
    closed = _closed_page(request, edition, proposal)
    if closed is not None:
        return closed
    rearranged = _rearranged_form(request, edition)
    if rearranged is not None:
        return _form_page(request, edition, rearranged[0], proposal, rearranged[1])
    form = ProposalForm(
        request.POST or None,
        request.FILES or None,
        edition=edition,
        initial=ProposalForm.initial_for(proposal),
    )
    if request.method == "POST" and form.is_valid():
        saved = _save_proposal(request, edition, form, proposal)
        if saved is not None:
            messages.success(request, _("The proposal has been saved."))
            return redirect(saved)
    return _form_page(request, edition, form, proposal)


def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    require(request, "budgets.view_proposal", proposal)
    user = request.user
    sheet = getattr(proposal, "verification_sheet", None)
    appeal = getattr(proposal, "appeal", None)
    comments = proposal.comments.select_related("author")
    if not user.has_perm("budgets.moderate_comment"):
        comments = comments.filter(hidden=False)
    edition = proposal.edition
    files = list(proposal.files.all())
    submission = edition.phase(PhaseType.SUBMISSION)
    submission_open = edition.is_open(PhaseType.SUBMISSION)
    collecting = (
        edition.support_signatures and proposal.status == Status.SUBMITTED and submission_open
    )
    return render(
        request,
        "budgets/proposal_detail.html",
        {
            "proposal": proposal,
            "edition": edition,
            "sheet": sheet,
            "appeal": appeal,
            "appeal_deadline": services.appeal_deadline(proposal),
            "history": proposal.history.all(),
            "cost_items": proposal.cost_items.all(),
            "images": [f for f in files if f.kind == FileKind.IMAGE],
            "attachments": [
                {"file": f, "type": media_type(f.file.name).label}
                for f in files
                if f.kind == FileKind.ATTACHMENT
            ],
            "comments": comments,
            "comment_form": CommentForm(),
            "collecting_support": collecting,
            "support": proposal.supports if collecting else None,
            "by_channel": selectors.support_by_channel(proposal) if collecting else None,
            "support_ended_on": submission.ends_on
            if edition.support_signatures
            and submission
            and submission.ends_on < timezone.localdate()
            else None,
            "support_lists": proposal.support_lists.all(),
            "following": user.is_authenticated and proposal.follows.filter(user=user).exists(),
            "can": {
                "edit": user.has_perm("budgets.change_proposal", proposal)
                and edition.is_open(PhaseType.SUBMISSION),
                "endorse": collecting and user.has_perm("budgets.endorse_proposal", proposal),
                "upload_list": edition.support_signatures
                and submission_open
                and user.has_perm("budgets.upload_support_list", proposal),
                "verify": user.has_perm("budgets.verify_proposal", proposal),
                "respond": user.has_perm("budgets.respond_to_changes", proposal),
                "appeal": user.has_perm("budgets.file_appeal", proposal),
                "decide": appeal is not None and user.has_perm("budgets.decide_appeal", appeal),
                "comment": user.has_perm("budgets.comment_proposal", proposal),
                "follow": user.has_perm("budgets.follow_proposal", proposal),
                "moderate": user.has_perm("budgets.moderate_comment"),
                "report": user.has_perm("budgets.report_comment"),
            },
        },
    )


@require_POST
def proposal_submit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    require(request, "budgets.change_proposal", proposal)
    try:
        services.submit_proposal(actor=request.user, proposal=proposal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The proposal has been submitted."))
    return redirect(proposal)


@login_required
def coauthor_invitations(request: HttpRequest) -> HttpResponse:
    """The co-author invitations sent to the signed-in person's e-mail address."""
    invitations = selectors.pending_invitations(request.user)
    return render(request, "budgets/coauthor_invitations.html", {"invitations": invitations})


@require_POST
@login_required
def coauthor_invitation_answer(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(CoauthorInvitation, pk=pk)
    if not request.user.has_perm("budgets.answer_coauthor_invitation", invitation):
        # Someone else's invitation looks like none at all.
        raise Http404
    answer = request.POST.get("answer")
    if answer == "accept":
        invitation = services.accept_coauthorship(actor=request.user, invitation=invitation)
        messages.success(request, _("You are now a co-author of this proposal."))
        return redirect(invitation.proposal)
    if answer == "decline":
        services.decline_coauthorship(actor=request.user, invitation=invitation)
        messages.success(request, _("You declined the invitation."))
    else:
        messages.error(request, _("Choose whether to accept or decline the invitation."))
    return redirect("budgets:coauthor_invitations")


@require_POST
def proposal_endorse(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    require(request, "budgets.endorse_proposal", proposal)
    if (verify := verify_first(request, proposal.get_absolute_url())) is not None:
        return verify
    try:
        services.endorse_proposal(actor=request.user, proposal=proposal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you: your support has been recorded."))
    return redirect(proposal)


@require_POST
def proposal_follow(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    require(request, "budgets.follow_proposal", proposal)
    follow = request.POST.get("follow") == "1"
    services.set_following(actor=request.user, proposal=proposal, follow=follow)
    messages.success(
        request,
        _("You follow this proposal.") if follow else _("You no longer follow this proposal."),
    )
    return redirect(proposal)


def support_list_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """A printable support list (lista poparcia) to be signed on paper."""
    proposal = _proposal(pk)
    require(request, "budgets.upload_support_list", proposal)
    html = render_to_string(
        "budgets/support_list_print.html",
        {"proposal": proposal, "rows": range(1, 26), "city": proposal.edition.city},
        request=request,
    )
    pdf = html_to_pdf(html, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="lista-poparcia-{proposal.pk}.pdf"'
    return response


def support_list_upload(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    require(request, "budgets.upload_support_list", proposal)
    form = SupportListForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.upload_support_list(actor=request.user, proposal=proposal, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The support list has been uploaded."))
            return redirect(proposal)
    return render(
        request,
        "budgets/form_page.html",
        {
            "proposal": proposal,
            "form": form,
            "title": _("Upload a signed support list"),
            "button": _("Upload"),
            "multipart": True,
        },
    )


@require_safe
def support_list_scan(request: HttpRequest, pk: int, list_pk: int) -> HttpResponse:
    """The scan of a signed support list, for its authors and the office only."""
    proposal = _proposal(pk)
    support_list = get_object_or_404(proposal.support_lists, pk=list_pk)
    require(request, "budgets.view_support_list", proposal)
    return media.send_private(support_list.scan.name)


def proposal_verify(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    require(request, "budgets.verify_proposal", proposal)
    formal = proposal.status == Status.SUBMITTED
    if formal:
        form = FormalReviewForm(
            request.POST or None, support_lists=selectors.counted_only(proposal)
        )
    else:
        form = MeritReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if formal:
                services.record_formal_review(
                    actor=request.user,
                    proposal=proposal,
                    passed=data["passed"],
                    notes=data["notes"],
                    accepted_signatures=form.accepted_signatures(),
                )
            else:
                services.record_merit_review(
                    actor=request.user,
                    proposal=proposal,
                    outcome=data["outcome"],
                    justification=data["justification"],
                    unit=data["unit"],
                    changes=data["changes"],
                    adjusted_cost=data["adjusted_cost"],
                )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The verification has been recorded."))
            return redirect(proposal)
    return render(
        request,
        "budgets/proposal_verify.html",
        {
            "proposal": proposal,
            "form": form,
            "formal": formal,
            "support": selectors.support_count(proposal),
            "by_channel": selectors.support_by_channel(proposal),
            "support_lists": proposal.support_lists.order_by("pk"),
        },
    )


def support_list_signatures(request: HttpRequest, pk: int, list_pk: int) -> HttpResponse:
    """The office enters a scanned paper list person by person, checking each one."""
    proposal = _proposal(pk)
    support_list = get_object_or_404(proposal.support_lists, pk=list_pk)
    require(request, "budgets.verify_proposal", proposal)
    city = proposal.edition.city
    form = CheckedPaperSignatureForm(
        request.POST or None, initial={"town": city.name}, ask_pesel=default_policy(city).ask_pesel
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.enter_list_signature(
                actor=request.user, support_list=support_list, **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The signature has been entered."))
            return redirect("budgets:support_list_signatures", pk=proposal.pk, list_pk=list_pk)
    entered = (
        Signature.objects.filter(
            collection_id=proposal.collection_id, channel=SignatureChannel.PAPER, sheet=list_pk
        )
        if proposal.collection_id
        else Signature.objects.none()
    )
    return render(
        request,
        "budgets/support_list_signatures.html",
        {
            "proposal": proposal,
            "support_list": support_list,
            "form": form,
            "entered": entered,
            "by_channel": selectors.support_by_channel(proposal),
        },
    )


def proposal_changes(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    require(request, "budgets.respond_to_changes", proposal)
    if request.method == "POST":
        accept = request.POST.get("accept") == "1"
        services.respond_to_changes(actor=request.user, proposal=proposal, accept=accept)
        messages.success(
            request,
            _("You accepted the changes.") if accept else _("You rejected the changes."),
        )
        return redirect(proposal)
    return render(
        request,
        "budgets/proposal_changes.html",
        {"proposal": proposal, "sheet": proposal.verification_sheet},
    )


@limited("appeal")
def appeal_create(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    require(request, "budgets.file_appeal", proposal)
    form = AppealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.file_appeal(
                actor=request.user, proposal=proposal, reasons=form.cleaned_data["reasons"]
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Your appeal has been filed."))
            return redirect(proposal)
    return render(
        request,
        "budgets/appeal_form.html",
        {
            "proposal": proposal,
            "sheet": proposal.verification_sheet,
            "form": form,
            "deadline": services.appeal_deadline(proposal),
        },
    )


def appeal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = load(
        request,
        Appeal.objects.select_related("proposal", "proposal__pool", "proposal__edition"),
        "budgets.decide_appeal",
        pk=pk,
    )
    form = AppealDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decide_appeal(actor=request.user, appeal=appeal, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The decision on the appeal has been recorded."))
            return redirect(appeal.proposal)
    return render(
        request,
        "budgets/appeal_decide.html",
        {"appeal": appeal, "proposal": appeal.proposal, "form": form},
    )


def appeal_list(request: HttpRequest, slug: str) -> HttpResponse:
    edition = _edition(slug)
    return render(
        request,
        "budgets/appeal_list.html",
        {"edition": edition, "appeals": selectors.appeals_of(edition)},
    )


def verification_queue(request: HttpRequest, slug: str) -> HttpResponse:
    edition = _edition(slug)
    require(request, "budgets.view_verification_queue")
    appeals = [
        a
        for a in selectors.appeals_of(edition).filter(status="pending")
        if request.user.has_perm("budgets.decide_appeal", a)
    ]
    return render(
        request,
        "budgets/verification_queue.html",
        {
            "edition": edition,
            "proposals": selectors.verification_queue(request.user, edition),
            "appeals": appeals,
        },
    )


@require_POST
def qualify(request: HttpRequest, slug: str) -> HttpResponse:
    edition = _edition(slug)
    require(request, "budgets.qualify_proposals", edition)
    count = services.qualify_for_vote(actor=request.user, edition=edition)
    messages.success(request, _("Proposals put on the ballot: %(n)s.") % {"n": count})
    return redirect(edition)


@require_POST
@limited("comment")
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(pk)
    require(request, "budgets.comment_proposal", proposal)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.add_comment(actor=request.user, proposal=proposal, text=form.cleaned_data["text"])
        messages.success(request, _("Your comment has been added."))
    else:
        messages.error(request, _comment_problem(form))
    return redirect(proposal.get_absolute_url() + "#komentarze")


def _comment_problem(form: CommentForm) -> str:
    """What is wrong with a refused comment, in words: the page is shown again after a
    redirect, without the form, so the message has to name the problem itself."""
    if "website" in form.errors:
        return form.errors["website"][0]
    problems = form.errors.get("text") or []
    if not problems or not (form.data.get("text") or "").strip():
        return _("Write your comment.")
    return _("Your comment was not added: %(problem)s") % {"problem": problems[0]}


def _comment_action(request, pk: int, perm: str, service, title, button) -> HttpResponse:
    comment = load(request, Comment.objects.select_related("proposal__edition"), perm, pk=pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        service(actor=request.user, comment=comment, reason=form.cleaned_data["reason"])
        messages.success(request, _("Thank you, done."))
        return redirect(comment.proposal.get_absolute_url() + "#komentarze")
    return render(
        request,
        "budgets/form_page.html",
        {"proposal": comment.proposal, "form": form, "title": title, "button": button},
    )


def comment_report(request: HttpRequest, pk: int) -> HttpResponse:
    return _comment_action(
        request,
        pk,
        "budgets.report_comment",
        services.report_comment,
        _("Report a comment"),
        _("Report"),
    )


def comment_hide(request: HttpRequest, pk: int) -> HttpResponse:
    return _comment_action(
        request,
        pk,
        "budgets.moderate_comment",
        services.hide_comment,
        _("Hide a comment"),
        _("Hide"),
    )


def edition_form(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    require(request, "budgets.configure_edition")
    city = current_city()
    if city is None:
        raise Http404
    edition = _edition(slug) if slug else Edition(city=city)
    form = EditionForm(request.POST or None, instance=edition, city=city)
    if request.method == "POST" and form.is_valid():
        try:
            edition = form.save(commit=False)
            services.save_edition(actor=request.user, edition=edition, phases=form.phases())
            form.save_m2m()
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The edition has been saved."))
            return redirect(edition)
    return render(
        request, "budgets/edition_form.html", {"form": form, "edition": edition if slug else None}
    )


def pool_form(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    require(request, "budgets.configure_edition")
    edition = _edition(slug)
    pool = get_object_or_404(Pool, pk=pk, edition=edition) if pk else Pool(edition=edition)
    form = PoolForm(request.POST or None, instance=pool, edition=edition)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_pool(actor=request.user, pool=form.instance)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The pool has been saved."))
            return redirect(edition)
    return render(
        request,
        "budgets/form_page.html",
        {
            "form": form,
            "edition": edition,
            "title": _("Pool") + (f": {pool.name}" if pk else ""),
            "button": _("Save"),
            "rules": explanations.RULES.values(),
        },
    )
