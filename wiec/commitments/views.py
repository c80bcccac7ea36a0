"""The public account of commitments, its office forms and the monitoring panel's page."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wiec.commitments import selectors, services
from wiec.commitments.forms import (
    AnswerForm,
    AssessmentForm,
    OversightForm,
    PlanForm,
    QuestionForm,
    UpdateForm,
)
from wiec.commitments.models import (
    LATE,
    LATE_LABEL,
    OPEN_STATUSES,
    Commitment,
    CommitmentFollow,
    CommitmentStatus,
    CommitmentUpdate,
    MonitoringQuestion,
    Verdict,
)
from wiec.core.access import attach_errors, load, require
from wiec.core.numbers import page_number
from wiec.places.models import District
from wiec.places.selectors import current_city

PAGE_SIZE = 30


def _chosen(request: HttpRequest) -> selectors.Filters:
    city = current_city()
    district = None
    slug = request.GET.get("dzielnica", "")
    if slug and city is not None:
        district = District.objects.filter(city=city, slug=slug).first()
    year = request.GET.get("rok", "")
    status = request.GET.get("status", "")
    return selectors.Filters(
        tool=request.GET.get("narzedzie", "")[:20],
        district=district,
        year=int(year) if year.isdigit() and len(year) == 4 else None,
        owner=request.GET.get("wlasciciel", "")[:200],
        status=status if status in {*CommitmentStatus.values, LATE} else "",
    )


def commitment_list(request: HttpRequest) -> HttpResponse:
    chosen = _chosen(request)
    queryset = selectors.filtered(chosen).order_by("planned_on", "pk")
    today = timezone.localdate()
    open_q = Q(status__in=OPEN_STATUSES)
    late_q = open_q & Q(planned_on__lt=today)
    totals = queryset.order_by().aggregate(
        made=Count("pk"),
        done=Count("pk", filter=Q(status=CommitmentStatus.DONE)),
        late=Count("pk", filter=late_q),
        abandoned=Count("pk", filter=Q(status=CommitmentStatus.ABANDONED)),
        planned=Sum("money_planned"),
        spent=Sum("money_spent"),
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(page_number(request))
    points = [
        {
            "title": c.title,
            "url": c.get_absolute_url(),
            "kind": str(c.get_tool_display()),
            "status": c.shown_status_label,
            "lat": c.latitude,
            "lon": c.longitude,
            "area": [],
        }
        for c in queryset.filter(latitude__isnull=False, longitude__isnull=False)
    ]
    city = current_city()
    return render(
        request,
        "commitments/commitment_list.html",
        {
            "page": page,
            "chosen": chosen,
            "totals": totals,
            "points": points,
            "tiles": settings.LEAFLET_CONFIG["TILES"],
            "city": city,
            "districts": District.objects.filter(city=city) if city else [],
            "statuses": [
                *CommitmentStatus.choices[:2],
                (LATE, LATE_LABEL),
                *CommitmentStatus.choices[2:],
            ],
            "report_year": timezone.localdate().year,
            **selectors.choices(),
        },
    )


def _detail_context(request: HttpRequest, commitment: Commitment, **forms: Any) -> dict:
    user = request.user
    can_manage = user.has_perm("commitments.manage_commitment", commitment)
    can_ask = user.has_perm("commitments.ask_question", commitment)
    questions = list(commitment.questions.select_related("panel"))
    return {
        "commitment": commitment,
        "updates": commitment.updates.all(),
        "questions": questions,
        "answerable": {q.pk for q in questions if user.has_perm("commitments.answer_question", q)},
        "assessments": commitment.assessments.select_related("panel"),
        "panels": [o.panel for o in commitment.oversights.select_related("panel")],
        "following": user.is_authenticated
        and CommitmentFollow.objects.filter(commitment=commitment, user=user).exists(),
        "can_manage": can_manage,
        "can_ask": can_ask,
        "update_form": forms.get("update_form")
        or (UpdateForm(initial={"status": commitment.status}) if can_manage else None),
        "plan_form": forms.get("plan_form")
        or (
            PlanForm(
                initial={
                    "owner_unit": commitment.owner_unit,
                    "planned_on": commitment.planned_on,
                    "money_planned": commitment.money_planned,
                    "acceptance": commitment.acceptance or "full",
                }
            )
            if can_manage
            else None
        ),
        "question_form": forms.get("question_form") or (QuestionForm() if can_ask else None),
        "assessment_form": forms.get("assessment_form") or (AssessmentForm() if can_ask else None),
        "answer_form": forms.get("answer_form") or AnswerForm(),
        "answer_for": forms.get("answer_for"),
    }


def _commitment(pk: int) -> Commitment:
    return get_object_or_404(selectors.commitments(), pk=pk)


def commitment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = _commitment(pk)
    return render(
        request, "commitments/commitment_detail.html", _detail_context(request, commitment)
    )


def _post(
    request: HttpRequest,
    commitment: Commitment,
    form: Any,
    name: str,
    call: Any,
    done: str,
    anchor: str = "",
) -> HttpResponse:
    if form.is_valid():
        try:
            call(**form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(commitment.get_absolute_url() + anchor)
    context = _detail_context(request, commitment, **{name: form})
    return render(request, "commitments/commitment_detail.html", context, status=400)


@require_POST
def update(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = _commitment(pk)
    require(request, "commitments.manage_commitment", commitment)
    form = UpdateForm(request.POST, request.FILES)
    return _post(
        request,
        commitment,
        form,
        "update_form",
        partial(services.add_update, actor=request.user, commitment=commitment),
        _("The update is published; everyone who took part has been told."),
        "#updates",
    )


@require_POST
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = _commitment(pk)
    require(request, "commitments.manage_commitment", commitment)
    return _post(
        request,
        commitment,
        PlanForm(request.POST),
        "plan_form",
        partial(services.plan_commitment, actor=request.user, commitment=commitment),
        _("The plan is saved."),
    )


@require_POST
def follow(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = _commitment(pk)
    require(request, "commitments.follow", commitment)
    on = request.POST.get("on") == "1"
    services.follow(actor=request.user, commitment=commitment, on=on)
    messages.success(
        request,
        _("You will be told of every update.") if on else _("You no longer follow it."),
    )
    return redirect(commitment.get_absolute_url())


@require_POST
def ask(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = _commitment(pk)
    require(request, "commitments.ask_question", commitment)
    return _post(
        request,
        commitment,
        QuestionForm(request.POST),
        "question_form",
        partial(services.ask_question, actor=request.user, commitment=commitment),
        _("The question is sent; the responsible unit answers by %(day)s.")
        % {"day": date_filter(services.answer_due(), "j E Y")},
        "#questions",
    )


@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(
        MonitoringQuestion.objects.filter(commitment__city=current_city()).select_related(
            "commitment"
        ),
        pk=pk,
    )
    require(request, "commitments.answer_question", question)
    form = AnswerForm(request.POST)
    commitment = question.commitment
    if form.is_valid():
        try:
            services.answer_question(actor=request.user, question=question, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The answer is published."))
            return redirect(commitment.get_absolute_url() + f"#question-{question.pk}")
    context = _detail_context(request, commitment, answer_form=form, answer_for=question.pk)
    return render(request, "commitments/commitment_detail.html", context, status=400)


@require_POST
def assess(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = _commitment(pk)
    require(request, "commitments.assess", commitment)
    return _post(
        request,
        commitment,
        AssessmentForm(request.POST),
        "assessment_form",
        partial(services.publish_assessment, actor=request.user, commitment=commitment),
        _("The panel's assessment is published."),
        "#assessments",
    )


@require_http_methods(["GET", "POST"])
def monitoring(request: HttpRequest, slug: str) -> HttpResponse:
    """A monitoring panel's commitments, with its latest assessment beside the city's status."""
    from wiec.panels.models import CitizensPanel

    panel = load(request, CitizensPanel.objects.filter(city=current_city()), slug=slug)
    can_assign = request.user.has_perm("commitments.assign_oversight", panel)
    overseen = selectors.commitments().filter(oversights__panel=panel).distinct()
    form = None
    if can_assign:
        form = OversightForm(
            request.POST or None,
            queryset=selectors.commitments().exclude(oversights__panel=panel),
        )
        if request.method == "POST" and form.is_valid():
            count = services.oversee(
                actor=request.user, panel=panel, commitments=list(form.cleaned_data["commitments"])
            )
            messages.success(request, _("The panel now oversees %(n)s more.") % {"n": count})
            return redirect(reverse("commitments:monitoring", args=[slug]))
    elif request.method == "POST":
        require(request, "commitments.assign_oversight", panel)
    latest = {}
    for a in panel_assessments(panel, overseen):
        latest.setdefault(a.commitment_id, a)
    rows = [(c, latest.get(c.pk)) for c in overseen]
    open_questions = MonitoringQuestion.objects.filter(panel=panel, answer="").count()
    return render(
        request,
        "commitments/monitoring.html",
        {
            "panel": panel,
            "rows": rows,
            "form": form,
            "open_questions": open_questions,
            "verdicts": Verdict,
        },
    )


def panel_assessments(panel: Any, overseen: Any) -> Any:
    from wiec.commitments.models import Assessment

    return Assessment.objects.filter(panel=panel, commitment__in=overseen).order_by("-day", "-pk")


class UpdatesFeed(Feed):
    """Atom: the newest updates on the municipality's commitments."""

    feed_type = Atom1Feed

    def title(self) -> str:
        city = current_city()
        name = city.name if city else ""
        return _("What the city promised: updates, %(city)s") % {"city": name}

    def link(self) -> str:
        return reverse("commitments:list")

    def subtitle(self) -> str:
        return _("Every dated update on what the city committed to after processes with residents.")

    def items(self) -> Any:
        return (
            CommitmentUpdate.objects.filter(commitment__city=current_city())
            .select_related("commitment")
            .order_by("-created_at", "-pk")[:50]
        )

    def item_title(self, item: CommitmentUpdate) -> str:
        return f"{item.commitment.title}: {item.get_status_display()}"

    def item_description(self, item: CommitmentUpdate) -> str:
        return item.text

    def item_link(self, item: CommitmentUpdate) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: CommitmentUpdate) -> Any:
        return item.created_at

    def item_updateddate(self, item: CommitmentUpdate) -> Any:
        return item.created_at


# Who takes part -----------------------------------------------------------------------


def _year(request: HttpRequest, year: int | None = None) -> int:
    if year is not None:
        return year
    raw = request.GET.get("rok", "")
    return int(raw) if raw.isdigit() and len(raw) == 4 else timezone.localdate().year


def _charts(tables_: list, title: str) -> list[tuple[Any, Any]]:
    from wiec.core.charts import bar_chart

    out = []
    for t in tables_:
        rows = [(r.label, round(r.ratio, 2)) for r in t.rows if r.ratio is not None]
        chart = (
            bar_chart(
                rows,
                title=_("%(title)s: participation compared with the population, by %(dim)s")
                % {"title": title, "dim": t.label},
                description=_(
                    "1 means a group takes part in proportion to its share of residents; "
                    "below 1, less; above 1, more. The table below gives the numbers."
                ),
                chart_id=f"chart-{t.dimension}",
            )
            if rows
            else None
        )
        out.append((t, chart))
    return out


def representativeness(request: HttpRequest) -> HttpResponse:
    from wiec.commitments import representativeness as rep

    city = current_city()
    year = _year(request)
    found = rep.processes(city, year) if city else []
    profiles = [p for process in found for p in process.profiles()]
    collects = bool(found) and all(p.collects_age_sex for p in found if p.tool != "budgets")
    tables_ = rep.tables(city, year, profiles, collects_age_sex=collects) if city else []
    return render(
        request,
        "commitments/representativeness.html",
        {
            "year": year,
            "years": list(range(timezone.localdate().year, timezone.localdate().year - 6, -1)),
            "processes": [(p, rep.process_url(p, year)) for p in found],
            "participants": len(profiles),
            "charts": _charts(tables_, _("All processes of %(year)s") % {"year": year}),
            "minimum": rep.min_group(),
            "population_year": rep.population_year(city, year) if city else None,
            "can_enter": request.user.has_perm("commitments.enter_population", city),
            "process": None,
        },
    )


def representativeness_process(
    request: HttpRequest, year: int, tool: str, key: str
) -> HttpResponse:
    from django.http import Http404

    from wiec.commitments import representativeness as rep

    city = current_city()
    found = rep.process(city, year, tool, key) if city else None
    if found is None:
        raise Http404
    profiles = found.profiles()
    tables_ = rep.tables(city, year, profiles, collects_age_sex=found.collects_age_sex)
    return render(
        request,
        "commitments/representativeness.html",
        {
            "year": year,
            "process": found,
            "participants": len(profiles),
            "charts": _charts(tables_, found.title),
            "minimum": rep.min_group(),
            "population_year": rep.population_year(city, year),
            "can_enter": False,
        },
    )


@require_http_methods(["GET", "POST"])
def population(request: HttpRequest) -> HttpResponse:
    from wiec.commitments import representativeness as rep
    from wiec.commitments.forms import PopulationForm
    from wiec.commitments.models import PopulationFigure
    from wiec.core.tables import decode_upload

    city = current_city()
    require(request, "commitments.enter_population", city)
    form = PopulationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            upload = form.cleaned_data["file"]
            text = decode_upload(upload.read()) if upload else form.cleaned_data["text"]
            count = rep.import_population(
                actor=request.user, city=city, year=form.cleaned_data["year"], text=text
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("%(n)s figures are saved.") % {"n": count})
            return redirect(
                reverse("commitments:representativeness") + f"?rok={form.cleaned_data['year']}"
            )
    figures = PopulationFigure.objects.filter(city=city).order_by("-year", "dimension", "group")
    return render(
        request,
        "commitments/population.html",
        {"form": form, "figures": figures[:200]},
        status=400 if form.errors else 200,
    )


# Evaluation -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def evaluate(request: HttpRequest, tool: str, key: str) -> HttpResponse:
    from django.http import Http404

    from wiec.commitments import evaluation
    from wiec.commitments.forms import EvaluationForm
    from wiec.core.access import require_login

    require_login(request)
    city = current_city()
    process = evaluation.find(city, tool, key) if city else None
    if process is None:
        raise Http404
    questions = [*evaluation.STANDARD, *evaluation.EXTRA.get(tool, [])]
    form = EvaluationForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        comment = data.pop("comment", "")
        try:
            evaluation.submit(
                actor=request.user, city=city, process=process, answers=data, comment=comment
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Thank you: your evaluation is saved."))
            return redirect(process.url)
    return render(
        request,
        "commitments/evaluate.html",
        {"process": process, "form": form},
        status=400 if form.errors else 200,
    )


def evaluation_results(request: HttpRequest) -> HttpResponse:
    from wiec.commitments import evaluation

    city = current_city()
    raw = request.GET.get("rok", "")
    year = int(raw) if raw.isdigit() and len(raw) == 4 else None
    rows = evaluation.results(city, year) if city else []
    this_year = timezone.localdate().year
    return render(
        request,
        "commitments/evaluation_results.html",
        {
            "rows": rows,
            "tools": evaluation.by_tool(rows),
            "questions": evaluation.STANDARD,
            "year": year,
            "years": list(range(this_year, this_year - 6, -1)),
        },
    )


# Monitored strategies -------------------------------------------------------------------


def strategy_list(request: HttpRequest) -> HttpResponse:
    from wiec.commitments.models import Strategy

    city = current_city()
    return render(
        request,
        "commitments/strategy_list.html",
        {
            "strategies": Strategy.objects.filter(city=city) if city else [],
            "can_import": request.user.has_perm("commitments.manage_strategy", city),
        },
    )


def _strategy(slug: str) -> Any:
    from wiec.commitments.models import Strategy

    return get_object_or_404(Strategy.objects.filter(city=current_city()), slug=slug)


def strategy_detail(request: HttpRequest, slug: str, **forms: Any) -> HttpResponse:
    from wiec.commitments import strategies
    from wiec.commitments.forms import CommentForm, ValueForm

    strategy = _strategy(slug)
    can_manage = request.user.has_perm("commitments.manage_strategy", strategy.city)
    goals = []
    for goal in strategy.goals.prefetch_related("measures__values", "comments", "tasks"):
        measures = [
            (m, strategies.path_chart(m, chart_id=f"measure-{m.pk}"), _measure_rows(m))
            for m in goal.measures.all()
        ]
        goals.append((goal, measures))
    return render(
        request,
        "commitments/strategy_detail.html",
        {
            "strategy": strategy,
            "goals": goals,
            "can_manage": can_manage,
            "comment_form": forms.get("comment_form") or CommentForm(),
            "comment_goal": forms.get("comment_goal"),
            "value_form": forms.get("value_form") or ValueForm(),
        },
        status=400 if forms else 200,
    )


def _measure_rows(measure: Any) -> list[tuple[int, float, Any]]:
    values = {v.year: v for v in measure.values.all()}
    return [
        (year, measure.target_on(year), values.get(year))
        for year in range(measure.baseline_year, measure.target_year + 1)
    ]


@require_POST
def goal_comment(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    from wiec.commitments import strategies
    from wiec.commitments.forms import CommentForm
    from wiec.commitments.models import Goal

    strategy = _strategy(slug)
    goal = get_object_or_404(Goal, strategy=strategy, pk=pk)
    require(request, "commitments.comment_goal", goal)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            strategies.comment_on_goal(actor=request.user, goal=goal, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Your comment is published."))
            return redirect(strategy.get_absolute_url() + f"#goal-{goal.pk}")
    return strategy_detail(request, slug, comment_form=form, comment_goal=goal.pk)


@require_POST
def measure_value(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    from wiec.commitments import strategies
    from wiec.commitments.forms import ValueForm
    from wiec.commitments.models import Measure

    strategy = _strategy(slug)
    measure = get_object_or_404(Measure, goal__strategy=strategy, pk=pk)
    require(request, "commitments.manage_strategy", strategy.city)
    form = ValueForm(request.POST)
    if form.is_valid():
        try:
            strategies.record_value(actor=request.user, measure=measure, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The value is saved."))
            return redirect(strategy.get_absolute_url() + f"#measure-{measure.pk}")
    return strategy_detail(request, slug, value_form=form)


@require_http_methods(["GET", "POST"])
def strategy_import(request: HttpRequest) -> HttpResponse:
    from wiec.commitments import strategies
    from wiec.commitments.forms import StrategyImportForm
    from wiec.core.tables import decode_upload

    city = current_city()
    require(request, "commitments.manage_strategy", city)
    form = StrategyImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            strategy = strategies.import_strategy(
                actor=request.user,
                city=city,
                title=data["title"],
                starts_year=data["starts_year"],
                ends_year=data["ends_year"],
                text=decode_upload(data["file"].read()),
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The strategy is imported."))
            return redirect(strategy.get_absolute_url())
    return render(
        request,
        "commitments/strategy_import.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


# The yearly participation report ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def yearly_report(request: HttpRequest, year: int) -> HttpResponse:
    from wiec.commitments import report
    from wiec.commitments.forms import IntroductionForm

    city = current_city()
    if city is None or not 2000 <= year <= 2100:
        from django.http import Http404

        raise Http404
    can_edit = request.user.has_perm("commitments.edit_report", city)
    form = None
    if can_edit:
        existing = report.YearlyReport.objects.filter(city=city, year=year).first()
        form = IntroductionForm(
            request.POST or None,
            initial={"introduction": existing.introduction if existing else ""},
        )
        if request.method == "POST" and form.is_valid():
            report.edit_introduction(
                actor=request.user,
                city=city,
                year=year,
                text=form.cleaned_data["introduction"],
            )
            messages.success(request, _("The introduction is saved."))
            return redirect(reverse("commitments:report", args=[year]))
    elif request.method == "POST":
        require(request, "commitments.edit_report", city)
    return render(
        request,
        "commitments/report.html",
        {**report.context(city, year), "form": form, "printing": False},
    )


def yearly_report_pdf(request: HttpRequest, year: int) -> HttpResponse:
    from django.template.loader import render_to_string

    from wiec.commitments import report
    from wiec.core.pdf import html_to_pdf

    city = current_city()
    if city is None or not 2000 <= year <= 2100:
        from django.http import Http404

        raise Http404
    html = render_to_string(
        "commitments/report_print.html",
        {**report.context(city, year), "printing": True},
        request=request,
    )
    pdf = html_to_pdf(html, base_url=request.build_absolute_uri("/"), tagged=True)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="raport-partycypacji-{year}.pdf"'
    return response
