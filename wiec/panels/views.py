"""Public panel pages, the application form, the organisers' desk and the lottery.

Views parse input, check the permission, call one service and render or redirect.
"""

from __future__ import annotations

import io
from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wiec.core.access import attach_errors, deny, require, require_login
from wiec.core.limits import limited
from wiec.core.numbers import ids_or_400, page_number
from wiec.core.tables import csv_response, csv_writer
from wiec.panels import adapters, selectors, services
from wiec.panels.explain import explain
from wiec.panels.forms import (
    ApplicationForm,
    ClaimForm,
    ImportForm,
    InvitationForm,
    MaterialForm,
    PanelForm,
    QuestionForm,
    QuotaForm,
    RecommendationForm,
    ResponseForm,
    SeedForm,
    SessionForm,
    SpaceAnswerForm,
    SpacePostForm,
    UpdateForm,
    VoteForm,
)
from wiec.panels.models import (
    CitizensPanel,
    Feature,
    Lottery,
    LotteryStatus,
    Panelist,
    PanelistKind,
    PostKind,
    Recommendation,
    Session,
    SpacePost,
    anonymous_id,
)
from wiec.panels.phases import TIMELINE
from wiec.places.selectors import current_city


def _panel(slug: str) -> CitizensPanel:
    return get_object_or_404(CitizensPanel.objects.public(), slug=slug, city=current_city())


def _desk_panel(slug: str) -> CitizensPanel:
    """Any panel, published or not: organisers prepare a panel before publishing it."""
    return get_object_or_404(CitizensPanel, slug=slug, city=current_city())


def _panel_for(request: HttpRequest, slug: str) -> CitizensPanel:
    panel = _desk_panel(slug)
    if not panel.is_published and not request.user.has_perm("panels.view_applicants", panel):
        raise Http404
    return panel


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _submit(request: HttpRequest, form: Any, action: Any, *, done: str, invalid: str) -> None:
    """Run ``action(**form.cleaned_data)`` for a valid form and tell how it went.

    The small forms of the panel pages post back to the page they sit on, so the
    outcome is a message: ``done``, the service's own errors, or ``invalid`` when the
    form itself is incomplete.  The service's transaction means nothing is half-saved.
    """
    if not form.is_valid():
        messages.error(request, invalid)
        return
    try:
        action(**form.cleaned_data)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, done)


def _lottery(panel: CitizensPanel) -> Lottery | None:
    return Lottery.objects.filter(panel=panel).first()


# Public pages -------------------------------------------------------------------------


def panel_list(request: HttpRequest) -> HttpResponse:
    panels = selectors.public_panels()
    context = {
        "panels": panels,
        "can_create": request.user.has_perm("panels.manage_panel", None),
        "drafts": selectors.unpublished_panels()
        if request.user.has_perm("panels.view_applicants", None)
        else [],
    }
    return render(request, "panels/panel_list.html", context)


def panel_detail(request: HttpRequest, slug: str) -> HttpResponse:
    panel = _panel_for(request, slug)
    phase = panel.phase
    lottery = _lottery(panel)
    seat = selectors.seat_of(request.user, panel)
    active_seat = selectors.active_seat_of(request.user, panel)
    recommendations = list(panel.recommendations.all())
    my_votes = selectors.votes_of(active_seat)
    can_vote = request.user.has_perm("panels.vote", panel)
    for rec in recommendations:
        rec.my_vote = my_votes.get(rec.pk)
        rec.vote_form = (
            VoteForm(initial={"choice": rec.my_vote}, prefix=f"r{rec.pk}") if can_vote else None
        )
    context = {
        "panel": panel,
        "phase": phase,
        "timeline": [(p, p == phase) for p in TIMELINE],
        "lottery": lottery,
        "members": selectors.members(panel) if lottery and lottery.is_done else [],
        "sessions": panel.sessions.prefetch_related("materials"),
        "recommendations": recommendations,
        "seat": seat,
        "can_vote": can_vote,
        "can_apply": request.user.has_perm("panels.apply", panel)
        or (not request.user.is_authenticated and phase == "recruitment"),
        "can_open_desk": request.user.has_perm("panels.view_applicants", panel),
        "can_draft": request.user.has_perm("panels.draft_recommendation", panel),
        "draft_form": RecommendationForm(),
        "has_applied": request.user.is_authenticated
        and panel.respondents.filter(user=request.user).exists(),
        "can_claim": seat is None and lottery is not None and lottery.is_done,
        "can_use_space": request.user.has_perm("panels.use_space", panel),
    }
    return render(request, "panels/panel_detail.html", context)


@limited("application")
def apply(request: HttpRequest, slug: str) -> HttpResponse:
    panel = _panel(slug)
    require(request, "panels.apply", panel)
    anonymous = not request.user.is_authenticated
    form = ApplicationForm(request.POST or None, panel=panel, anonymous=anonymous)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.apply_to_panel(
                actor=request.user,
                panel=panel,
                full_name=data["full_name"],
                email=data["email"],
                phone=data["phone"],
                household_key=data["household"],
                code=data.get("code", ""),
                answers=form.answers(),
                consent=data["consent"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Thank you: your application is in the pool. The lottery will be public."),
            )
            if anonymous:
                messages.info(
                    request,
                    _(
                        "If you are drawn, the organisers will send you a letter with a code; "
                        "enter it here after logging in to take your seat."
                    ),
                )
            return redirect(panel)
    if request.method == "GET" and not form.is_bound and request.user.is_authenticated:
        form.initial = {"full_name": request.user.get_full_name(), "email": request.user.email}
    context = {"panel": panel, "form": form, "anonymous": anonymous}
    return render(request, "panels/respondent_form.html", context)


def lottery_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The public record: seed, hash, algorithm, probabilities, panel and reserves."""
    panel = _panel(slug)
    lottery = _lottery(panel)
    rows = []
    explanation = None
    command = ""
    if lottery is not None and lottery.is_done:
        in_panel = set(lottery.panel_rows)
        reserve_at = {row: n for n, row in enumerate(lottery.reserve_rows, start=1)}
        for row, probability in enumerate(lottery.probabilities):
            rows.append(
                {
                    "id": anonymous_id(row),
                    "row": row,
                    "percent": 100 * probability,
                    "on_panel": row in in_panel,
                    "reserve": reserve_at.get(row),
                }
            )
        command = adapters.cli_command(
            panel_size=panel.panel_size,
            seed=lottery.seed,
            reserves=len(lottery.reserve_rows),
            household_column=lottery.household_column,
            algorithm=lottery.algorithm,
        )
    elif lottery is not None and lottery.status == LotteryStatus.FAILED:
        explanation = explain(panel, lottery.error)
    context = {
        "panel": panel,
        "lottery": lottery,
        "rows": rows,
        "panel_ids": [anonymous_id(r) for r in sorted(lottery.panel_rows)] if lottery else [],
        "reserve_ids": [anonymous_id(r) for r in lottery.reserve_rows] if lottery else [],
        "command": command,
        "explanation": explanation,
        "min_percent": 100 * lottery.min_probability if lottery and lottery.is_done else None,
    }
    return render(request, "panels/lottery_detail.html", context)


def lottery_file(request: HttpRequest, slug: str, name: str) -> HttpResponse:
    panel = _panel(slug)
    lottery = _lottery(panel)
    if lottery is None or not lottery.is_done:
        raise Http404(_("The panel has not been drawn yet."))
    text = lottery.categories_csv if name == "categories" else lottery.respondents_csv
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def _stage_label(stage: str) -> str:
    """The engine's stage code (``ProgressReport.stage``) in the reader's language."""
    labels = {
        "relaxation": _("Bounding the fairest probabilities"),
        "decomposition": _("Finding panels that reach them"),
        "stages": _("Raising the probabilities step by step"),
        "maximin": _("Raising the smallest probability"),
        "done": _("Drawing the panel"),
    }
    return labels.get(stage, _("Preparing"))


def lottery_progress(request: HttpRequest, slug: str) -> HttpResponse:
    """The draw's progress bar; htmx polls the fragment, without JS the page reloads."""
    panel = _panel(slug)
    lottery = _lottery(panel)
    if lottery is None:
        raise Http404(_("The seed has not been announced yet."))
    context = {
        "panel": panel,
        "lottery": lottery,
        "percent": round(100 * lottery.progress),
        "stage": _stage_label(lottery.progress_stage),
        "minimum_percent": 100 * (lottery.progress_minimum or 0.0),
        "can_manage": request.user.has_perm("panels.manage_panel", panel),
    }
    if getattr(request, "htmx", False):
        return render(request, "panels/_progress.html", context)
    return render(request, "panels/lottery_progress.html", context)


def space(request: HttpRequest, slug: str) -> HttpResponse:
    """The panel's online space between sessions, for its panelists and organisers only.

    Materials of every session in one place, questions to the experts with their
    answers, and a discussion per topic.  POST adds a post.
    """
    panel = _panel(slug)
    require(request, "panels.use_space", panel)
    form = SpacePostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.post_to_space(actor=request.user, panel=panel, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Your post is in the panel's space."))
            return redirect(reverse("panels:space", args=[panel.slug]) + f"#post-{post.pk}")
    posts = list(panel.posts.select_related("author"))
    topics: dict[str, list] = {}
    for post in posts:
        if post.kind == PostKind.DISCUSSION:
            topics.setdefault(post.topic, []).append(post)
    can_answer = request.user.has_perm("panels.answer_question", panel)
    context = {
        "panel": panel,
        "sessions": panel.sessions.prefetch_related("materials"),
        "questions": [p for p in posts if p.kind == PostKind.QUESTION],
        "topics": sorted(topics.items(), key=lambda item: item[1][-1].created_at, reverse=True),
        "form": form,
        "can_answer": can_answer,
        "answer_form": SpaceAnswerForm() if can_answer else None,
    }
    return render(request, "panels/space.html", context, status=400 if form.errors else 200)


@require_POST
def space_answer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    panel = _panel(slug)
    require(request, "panels.answer_question", panel)
    post = get_object_or_404(SpacePost, panel=panel, pk=pk, kind=PostKind.QUESTION)
    form = SpaceAnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer_question(actor=request.user, post=post, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The answer is published to the panelists."))
    else:
        messages.error(request, _("Write the answer."))
    return redirect(reverse("panels:space", args=[panel.slug]) + f"#post-{post.pk}")


def session_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    panel = _panel(slug)
    session = get_object_or_404(Session, panel=panel, pk=pk)
    can_manage = request.user.has_perm("panels.manage_panel", panel)
    can_view_applicants = request.user.has_perm("panels.view_applicants", panel)
    present = set(session.attendance.values_list("panelist_id", flat=True))
    context = {
        "panel": panel,
        "session": session,
        "materials": session.materials.all(),
        "can_manage": can_manage,
        "can_view_applicants": can_view_applicants,
        "attended": sorted(
            Panelist.objects.filter(pk__in=present).values_list("anonymous_id", flat=True)
        ),
        "members": [(p, p.pk in present) for p in selectors.members(panel)] if can_manage else [],
        "material_form": MaterialForm(),
    }
    return render(request, "panels/session_detail.html", context)


def recommendation_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    panel = _panel(slug)
    rec = get_object_or_404(Recommendation, panel=panel, pk=pk)
    can_respond = request.user.has_perm("panels.respond", panel)
    context = {
        "panel": panel,
        "rec": rec,
        "updates": rec.updates.all(),
        "can_respond": can_respond and panel.results_published_at is not None,
        "response_form": ResponseForm(
            initial={"response": rec.response, "status": rec.implementation_status}
        ),
        "update_form": UpdateForm(),
    }
    return render(request, "panels/recommendation_detail.html", context)


# Panelists ----------------------------------------------------------------------------


@require_POST
def seat_action(request: HttpRequest, slug: str, pk: int, action: str) -> HttpResponse:
    panel = _panel(slug)
    panelist = get_object_or_404(Panelist, panel=panel, pk=pk)
    if not (
        request.user.has_perm("panels.confirm_seat", panelist)
        or request.user.has_perm("panels.manage_panel", panel)
    ):
        require(request, "panels.confirm_seat", panelist)
    try:
        if action == "confirm":
            services.confirm_seat(actor=request.user, panelist=panelist)
            messages.success(request, _("Participation confirmed."))
        else:
            reserve = services.withdraw_panelist(
                actor=request.user, panelist=panelist, declined=(action == "decline")
            )
            if reserve is not None:
                messages.success(
                    request,
                    _("The seat passes to reserve %(id)s.") % {"id": reserve.anonymous_id},
                )
            else:
                messages.error(request, _("The reserve list is used up; the seat stays empty."))
    except ValidationError as error:
        _errors(request, error)
    if request.user.has_perm("panels.manage_panel", panel):
        return redirect("panels:manage", slug=panel.slug)
    return redirect(panel)


# Recommendations ----------------------------------------------------------------------


@require_POST
def recommendation_create(request: HttpRequest, slug: str) -> HttpResponse:
    panel = _panel(slug)
    require(request, "panels.draft_recommendation", panel)
    _submit(
        request,
        RecommendationForm(request.POST),
        partial(services.draft_recommendation, actor=request.user, panel=panel),
        done=_("Recommendation added."),
        invalid=_("Give the title and the text."),
    )
    return redirect(panel)


@require_POST
def vote(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    panel = _panel(slug)
    rec = get_object_or_404(Recommendation, panel=panel, pk=pk)
    require_login(request)
    if selectors.active_seat_of(request.user, panel) is None:
        deny(request)
    form = VoteForm(request.POST, prefix=f"r{rec.pk}")
    if not form.is_valid():
        messages.error(request, _("Choose one of the answers."))
        return redirect(panel)
    try:
        services.cast_vote(
            actor=request.user, recommendation=rec, choice=form.cleaned_data["choice"]
        )
        messages.success(
            request, _("Your vote on recommendation %(n)s is saved.") % {"n": rec.number}
        )
    except ValidationError as error:
        _errors(request, error)
    return redirect(f"{panel.get_absolute_url()}#rec-{rec.pk}")


@require_POST
def respond(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    panel = _panel(slug)
    require(request, "panels.respond", panel)
    rec = get_object_or_404(Recommendation, panel=panel, pk=pk)
    if "note" in request.POST:
        _submit(
            request,
            UpdateForm(request.POST),
            partial(services.add_implementation_update, actor=request.user, recommendation=rec),
            done=_("Update added."),
            invalid=_("Give the date, the status and what happened."),
        )
    else:
        _submit(
            request,
            ResponseForm(request.POST),
            partial(services.respond_to_recommendation, actor=request.user, recommendation=rec),
            done=_("Response saved."),
            invalid=_("Write the response and choose the status."),
        )
    return redirect("panels:recommendation", slug=panel.slug, pk=rec.pk)


# The organisers' desk -----------------------------------------------------------------


def manage(request: HttpRequest, slug: str) -> HttpResponse:
    """The desk: organisers act here; administrators may look (it names applicants)."""
    panel = _desk_panel(slug)
    require(request, "panels.view_applicants", panel)
    lottery = _lottery(panel)
    context = {
        "panel": panel,
        "can_manage": request.user.has_perm("panels.manage_panel", panel),
        "features": panel.features.prefetch_related("values"),
        "letters_needed": selectors.letters_needed(panel),
        "letters_issued": selectors.letters_issued(panel),
        "lottery": lottery,
        "respondent_count": panel.respondents.count(),
        "invitation_count": panel.invitations.count(),
        "used_invitations": panel.invitations.filter(used_at__isnull=False).count(),
        "members": selectors.members(panel),
        "reserves": selectors.reserves(panel),
        "sessions": panel.sessions.all(),
        "invitation_form": InvitationForm(),
        "import_form": ImportForm(),
        "seed_form": SeedForm(),
        "session_form": SessionForm(),
        "explanation": explain(panel, lottery.error)
        if lottery and lottery.status == LotteryStatus.FAILED
        else None,
        "member_kind": PanelistKind.MEMBER,
    }
    return render(request, "panels/panel_manage.html", context)


@require_POST
def invitations(request: HttpRequest, slug: str) -> HttpResponse:
    panel = _desk_panel(slug)
    require(request, "panels.manage_panel", panel)
    form = InvitationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a number of letters between 1 and 50,000."))
        return redirect("panels:manage", slug=panel.slug)
    codes = services.generate_invitation_codes(
        actor=request.user, panel=panel, count=form.cleaned_data["count"]
    )
    return csv_response("code\n" + "\n".join(codes) + "\n", f"{panel.slug}-codes.csv")


@require_POST
def import_pool(request: HttpRequest, slug: str) -> HttpResponse:
    panel = _desk_panel(slug)
    require(request, "panels.manage_panel", panel)
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            count = services.import_respondents(actor=request.user, panel=panel, text=form.text())
        except ValidationError as error:
            messages.error(request, _("Nothing was imported. Correct the file and try again."))
            _errors(request, error)
        else:
            messages.success(request, _("Imported applicants: %(count)s.") % {"count": count})
    else:
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, e)
    return redirect("panels:manage", slug=panel.slug)


def quotas(request: HttpRequest, slug: str) -> HttpResponse:
    panel = _desk_panel(slug)
    require(request, "panels.manage_panel", panel)
    form = QuotaForm(request.POST or None, panel=panel)
    if request.method == "POST" and form.is_valid():
        shares = form.shares()
        if "census" in request.POST:
            tolerance = form.cleaned_data.get("tolerance") or 0
            bounds = services.quotas_from_census(panel, shares, tolerance)
        else:
            bounds = form.bounds()
        try:
            services.set_quotas(actor=request.user, panel=panel, bounds=bounds, shares=shares)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Quotas saved."))
            return redirect("panels:quotas", slug=panel.slug)
    feasibility = None
    if request.method == "GET" and panel.respondents.exists() and adapters.engine_quotas(panel):
        from wiec import sortition

        try:
            report = adapters.check_feasibility(adapters.build_inputs(panel))
            if not report.feasible:
                feasibility = explain(
                    panel,
                    {"code": report.code, "params": report.as_dict(), "message": report.message},
                )
            else:
                feasibility = True
        except sortition.SortitionError as error:
            feasibility = explain(panel, error.as_dict())
    context = {"panel": panel, "form": form, "feasibility": feasibility}
    return render(request, "panels/quota_form.html", context)


@require_POST
def announce_seed(request: HttpRequest, slug: str) -> HttpResponse:
    panel = _desk_panel(slug)
    require(request, "panels.manage_panel", panel)
    _submit(
        request,
        SeedForm(request.POST),
        lambda seed: services.announce_seed(actor=request.user, panel=panel, seed=seed),
        done=_("The seed is announced on the lottery page."),
        invalid=_("Give the seed."),
    )
    return redirect("panels:manage", slug=panel.slug)


@require_POST
def cancel_draw(request: HttpRequest, slug: str) -> HttpResponse:
    panel = _desk_panel(slug)
    require(request, "panels.manage_panel", panel)
    try:
        services.cancel_draw(actor=request.user, panel=panel)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request, _("The draw was cancelled. It can be started again with the same seed.")
        )
    return redirect("panels:progress", slug=panel.slug)


@require_POST
def start_draw(request: HttpRequest, slug: str) -> HttpResponse:
    panel = _desk_panel(slug)
    require(request, "panels.manage_panel", panel)
    try:
        services.start_draw(actor=request.user, panel=panel)
    except ValidationError as error:
        _errors(request, error)
        return redirect("panels:manage", slug=panel.slug)
    return redirect("panels:progress", slug=panel.slug)


@require_POST
def session_create(request: HttpRequest, slug: str) -> HttpResponse:
    panel = _desk_panel(slug)
    require(request, "panels.manage_panel", panel)
    _submit(
        request,
        SessionForm(request.POST),
        partial(services.schedule_session, actor=request.user, panel=panel),
        done=_("Session scheduled."),
        invalid=_("Give the title, the date and the place or link."),
    )
    return redirect("panels:manage", slug=panel.slug)


@require_POST
def session_update(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Add a material or record attendance."""
    panel = _desk_panel(slug)
    require(request, "panels.manage_panel", panel)
    session = get_object_or_404(Session, panel=panel, pk=pk)
    if "attendance" in request.POST:
        ids = ids_or_400(request.POST.getlist("present"))
        present = list(Panelist.objects.filter(panel=panel, pk__in=ids))
        services.record_attendance(actor=request.user, session=session, present=present)
        messages.success(request, _("Attendance saved."))
    else:
        _submit(
            request,
            MaterialForm(request.POST),
            partial(services.add_material, actor=request.user, session=session),
            done=_("Material added."),
            invalid=_("Give the title, the kind and a valid link."),
        )
    return redirect("panels:session", slug=panel.slug, pk=session.pk)


@require_POST
def publish(request: HttpRequest, slug: str) -> HttpResponse:
    panel = _desk_panel(slug)
    require(request, "panels.manage_panel", panel)
    try:
        services.publish_results(actor=request.user, panel=panel)
        messages.success(request, _("Results published."))
    except ValidationError as error:
        _errors(request, error)
    return redirect(panel)


# Setting a panel up --------------------------------------------------------------------


def panel_create(request: HttpRequest) -> HttpResponse:
    require(request, "panels.manage_panel", None)
    form = PanelForm(request.POST or None, instance=CitizensPanel(city=current_city()))
    if request.method == "POST" and form.is_valid():
        try:
            panel = services.save_panel(actor=request.user, panel=form.save(commit=False))
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request, _("The panel has been created. Now add its demographic questions.")
            )
            return redirect("panels:questions", slug=panel.slug)
    return render(request, "panels/panel_form.html", {"form": form, "panel": None})


def panel_edit(request: HttpRequest, slug: str) -> HttpResponse:
    panel = _desk_panel(slug)
    require(request, "panels.manage_panel", panel)
    form = PanelForm(request.POST or None, instance=panel)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_panel(actor=request.user, panel=form.save(commit=False))
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The panel's settings are saved."))
            return redirect("panels:manage", slug=panel.slug)
    return render(request, "panels/panel_form.html", {"form": form, "panel": _desk_panel(slug)})


def questions(request: HttpRequest, slug: str) -> HttpResponse:
    """The panel's demographic questions: the standard ones in one click, custom ones."""
    panel = _desk_panel(slug)
    require(request, "panels.manage_panel", panel)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_question(
                actor=request.user,
                panel=panel,
                label=form.cleaned_data["label"],
                key=form.cleaned_data["key"],
                answers=form.answer_lines(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Question added."))
            return redirect("panels:questions", slug=panel.slug)
    features = list(panel.features.prefetch_related("values"))
    for feature in features:
        feature.in_use = services.question_in_use(feature)
    context = {
        "panel": panel,
        "features": features,
        "form": form,
        "fixed": services.questions_are_fixed(panel),
        "missing_standard": [
            str(label)
            for key, _kind, label, _answers in services.STANDARD_QUESTIONS
            if key not in {f.key for f in features}
        ],
    }
    return render(request, "panels/question_list.html", context)


@require_POST
def standard_questions(request: HttpRequest, slug: str) -> HttpResponse:
    panel = _desk_panel(slug)
    require(request, "panels.manage_panel", panel)
    try:
        services.add_standard_questions(actor=request.user, panel=panel)
        messages.success(request, _("The standard questions have been added."))
    except ValidationError as error:
        _errors(request, error)
    return redirect("panels:questions", slug=panel.slug)


def question_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    panel = _desk_panel(slug)
    require(request, "panels.manage_panel", panel)
    feature = get_object_or_404(Feature.objects.prefetch_related("values"), panel=panel, pk=pk)
    if request.method == "POST":
        form = QuestionForm(request.POST)
        if form.is_valid():
            try:
                services.edit_question(
                    actor=request.user,
                    feature=feature,
                    label=form.cleaned_data["label"],
                    key=form.cleaned_data["key"],
                    answers=form.answer_lines(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Question saved."))
                return redirect("panels:questions", slug=panel.slug)
    else:
        form = QuestionForm.for_feature(feature)
    context = {
        "panel": panel,
        "feature": feature,
        "form": form,
        "in_use": services.question_in_use(feature),
    }
    return render(request, "panels/question_form.html", context)


@require_POST
def question_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    panel = _desk_panel(slug)
    require(request, "panels.manage_panel", panel)
    feature = get_object_or_404(Feature, panel=panel, pk=pk)
    try:
        services.remove_question(actor=request.user, feature=feature)
        messages.success(request, _("Question removed."))
    except ValidationError as error:
        _errors(request, error)
    return redirect("panels:questions", slug=panel.slug)


def applicants(request: HttpRequest, slug: str) -> HttpResponse:
    """Who applied, with contact details: for the organisers and administrators."""
    panel = _desk_panel(slug)
    require(request, "panels.view_applicants", panel)
    page = Paginator(selectors.applicants(panel), 50).get_page(page_number(request))
    return render(request, "panels/applicant_list.html", {"panel": panel, "page": page})


# Seats for people drawn without an account ---------------------------------------------


@require_POST
def claim_codes(request: HttpRequest, slug: str) -> HttpResponse:
    """The letters' codes as a CSV file, once: only their hashes are kept."""
    panel = _desk_panel(slug)
    require(request, "panels.manage_panel", panel)
    try:
        issued = services.issue_claim_codes(actor=request.user, panel=panel)
    except ValidationError as error:
        _errors(request, error)
        return redirect("panels:manage", slug=panel.slug)
    if not issued:
        messages.info(request, _("Everyone drawn has an account or has already been sent a code."))
        return redirect("panels:manage", slug=panel.slug)
    url = request.build_absolute_uri(reverse("panels:claim", args=[panel.slug]))
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(
        [
            "anonymous_id",
            "drawn_as",
            "reserve_position",
            "full_name",
            "email",
            "phone",
            "code",
            "address",
        ]
    )
    for panelist, code in issued:
        r = panelist.respondent
        writer.writerow(
            [
                panelist.anonymous_id,
                panelist.kind,
                panelist.reserve_position or "",
                r.full_name,
                r.email,
                r.phone,
                code,
                url,
            ]
        )
    return csv_response(out.getvalue(), f"{panel.slug}-letters.csv")


@limited("seat_claim")
def claim(request: HttpRequest, slug: str) -> HttpResponse:
    """A resident drawn without an account enters the code from their letter."""
    panel = _panel(slug)
    require(request, "panels.claim_seat", panel)
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            seat = services.claim_seat(
                actor=request.user, panel=panel, code=form.cleaned_data["code"]
            )
        except ValidationError as error:
            form.add_error("code", error)
        else:
            messages.success(
                request,
                _("The seat %(id)s is now linked to your account.") % {"id": seat.anonymous_id},
            )
            return redirect(panel)
    return render(request, "panels/claim_form.html", {"panel": panel, "form": form})
