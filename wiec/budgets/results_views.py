"""Pages of results: counting and publishing, results per pool, what if, statistics,
open data, and where the money went (implementation)."""

from __future__ import annotations

import datetime
import json

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wiec import tally
from wiec.budgets import explanations, implementation, opendata, results, selectors
from wiec.budgets.adapters import VOTE_TYPES
from wiec.budgets.forms import ImplementationFilterForm
from wiec.budgets.models import (
    CountRun,
    Edition,
    Implementation,
    PoolResult,
    ProjectProgress,
)
from wiec.budgets.money import parse_pln
from wiec.budgets.statistics import edition_statistics
from wiec.core import charts
from wiec.core.access import deny, load, require
from wiec.core.numbers import page_number, parse_whole, whole_or_400
from wiec.core.tables import BOM
from wiec.places.selectors import current_city
from wiec.places.views import map_search


def _edition(slug: str) -> Edition:
    return get_object_or_404(
        Edition.objects.select_related("city").prefetch_related("phases"),
        slug=slug,
        city=current_city(),
    )


def _shown_run(request: HttpRequest, edition: Edition) -> CountRun | None:
    """The published count, or for officials a count they preview (``?podglad=ID``)."""
    preview = request.GET.get("podglad", "")
    if preview and request.user.has_perm("budgets.preview_results", edition):
        return edition.counts.filter(pk=whole_or_400(preview), state="done").first()
    return results.published_run(edition)


def _query(run: CountRun | None) -> str:
    return "" if run is None or run.published else f"?podglad={run.pk}"


@require_http_methods(["GET", "POST"])
def count_page(request: HttpRequest, slug: str) -> HttpResponse:
    edition = _edition(slug)
    require(request, "budgets.count_votes", edition)
    if request.method == "POST":
        try:
            if request.POST.get("publish"):
                run = get_object_or_404(
                    CountRun, pk=whole_or_400(request.POST["publish"]), edition=edition
                )
                results.publish_count(actor=request.user, run=run)
                messages.success(request, _("The results are published."))
            else:
                results.start_count(
                    actor=request.user, edition=edition, rule=request.POST.get("rule", "")
                )
                messages.success(request, _("Counting has started."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("budgets:count", slug=edition.slug)
    voting_ends = results.voting_end(edition)
    return render(
        request,
        "budgets/count.html",
        {
            "edition": edition,
            "runs": edition.counts.all()[:10],
            "rules": explanations.rule_choices(),
            "voting_ends": voting_ends,
            "may_count": voting_ends is None or timezone.localdate() > voting_ends,
        },
    )


def count_progress(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    edition = _edition(slug)
    require(request, "budgets.preview_results", edition)
    run = get_object_or_404(CountRun, pk=pk, edition=edition)
    return render(request, "budgets/_count_progress.html", {"run": run, "edition": edition})


def results_page(request: HttpRequest, slug: str) -> HttpResponse:
    edition = _edition(slug)
    run = _shown_run(request, edition)
    pools = run.pools.select_related("pool") if run else []
    return render(
        request,
        "budgets/results.html",
        {
            "edition": edition,
            "run": run,
            "pools": pools,
            "query": _query(run),
        },
    )


def _pool_result(request, slug, pk) -> tuple[Edition, CountRun, PoolResult]:
    edition = _edition(slug)
    run = _shown_run(request, edition)
    if run is None:
        raise Http404
    pool_result = get_object_or_404(
        PoolResult.objects.select_related("pool", "pool__district"), run=run, pool_id=pk
    )
    return edition, run, pool_result


def pool_results(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    edition, run, pool_result = _pool_result(request, slug, pk)
    rows = list(pool_result.projects.select_related("proposal"))
    titles = {str(r.proposal_id): r.proposal.title for r in rows}
    for r in rows:
        r.why = r.explain(titles)
    threshold = pool_result.pool.min_votes
    line_before = next((r.pk for r in rows if threshold and r.score < threshold), None)
    chart = charts.bar_chart(
        title=_("Score of each project: %(pool)s") % {"pool": pool_result.pool.name},
        description=_("Bars show each project's score; the table beside it gives the numbers."),
        rows=[(r.proposal.title, r.score) for r in rows[:25]],
        chart_id="score",
    )
    return render(
        request,
        "budgets/pool_results.html",
        {
            "edition": edition,
            "run": run,
            "pool_result": pool_result,
            "rows": rows,
            "threshold": threshold,
            "line_before": line_before,
            "chart": chart,
            "rule": _rule(pool_result.rule),
            "query": _query(run),
        },
    )


def _outcome_cached(run: CountRun, pool_result: PoolResult, rule: str):
    key = f"budgets:whatif:{run.pk}:{pool_result.pool_id}:{rule}"
    data = cache.get(key)
    if data is None:
        _election, outcome = results.count_pool(pool_result.pool, rule)
        data = {int(r.project_id): str(r.status) for r in outcome.results}
        data["spent"] = outcome.spent
        cache.set(key, data, 3600)
    return data


def what_if(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The same ballots counted by another rule, side by side.

    Rules that cannot count the pool's ballots are not offered (and explained); when the
    Method of Equal Shares leaves money unspent, the page says why and offers the
    completed variant a city would use.
    """
    edition, run, pool_result = _pool_result(request, slug, pk)
    pool = pool_result.pool
    offered = [r for r in results.WHAT_IF_RULES if results.rule_fits(r, pool.ballot_type)]
    not_offered = [
        explanations.error_message(
            "unsupported_vote_type", {"rule": r, "vote_type": _vote_type(pool)}
        )
        for r in results.WHAT_IF_RULES
        if r not in offered
    ]
    default = "equalshares/add1" if pool_result.rule != "equalshares/add1" else "greedy"
    other = request.GET.get("regula", default)
    if other not in offered:
        other = default
    problem = ""
    try:
        alternative = _outcome_cached(run, pool_result, other)
    except tally.TallyError as error:
        alternative, problem = {}, explanations.tally_error_message(error)
    other_spent = alternative.get("spent", 0)
    rows = [
        {"r": r, "other": alternative.get(r.proposal_id) == "selected"}
        for r in pool_result.projects.select_related("proposal")
    ]
    unspent = None
    for rule, spent in ((other, other_spent), (pool_result.rule, pool_result.spent)):
        completed = results.COMPLETED.get(rule)
        if not problem and completed and spent < pool_result.budget and completed in offered:
            unspent = {
                "rule": explanations.rule_name(rule),
                "spent": spent,
                "completed": completed,
                "completed_name": explanations.rule_name(completed),
                "link": completed != other,
            }
            break
    return render(
        request,
        "budgets/what_if.html",
        {
            "edition": edition,
            "run": run,
            "pool_result": pool_result,
            "rows": rows,
            "rule": _rule(pool_result.rule),
            "other": _rule(other),
            "rules": explanations.rule_choices(offered),
            "not_offered": not_offered,
            "problem": problem,
            "unspent": unspent,
            "other_spent": other_spent,
            "query": _query(run),
            "both": sum(1 for x in rows if x["other"] and x["r"].selected),
        },
    )


def _vote_type(pool) -> str:
    return str(VOTE_TYPES.get(pool.ballot_type, tally.VoteType.ORDINAL))


def _rule(code: str) -> dict[str, str]:
    return {
        "code": code,
        "name": explanations.rule_name(code),
        "description": explanations.rule_description(code),
    }


def statistics(request: HttpRequest, slug: str) -> HttpResponse:
    edition = _edition(slug)
    require(request, "budgets.view_results", edition)
    stats = edition_statistics(edition)
    blocks = [
        {
            "table": t,
            "chart": charts.bar_chart(
                title=t.title,
                description=t.description,
                rows=t.rows,
                chart_id=f"chart-{t.key}",
                unit=t.unit,
            ),
        }
        for t in stats.tables
    ]
    return render(
        request,
        "budgets/statistics.html",
        {"edition": edition, "blocks": blocks, "notes": stats.notes},
    )


def export_pabulib(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    edition, _run, pool_result = _pool_result(request, slug, pk)
    text = opendata.pool_pabulib(pool_result)
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{edition.slug}_{pool_result.pool_id}.pb"'
    )
    return response


def export_results(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    edition = _edition(slug)
    run = _shown_run(request, edition)
    if run is None or fmt not in ("csv", "xlsx"):
        raise Http404
    if fmt == "csv":
        response = HttpResponse(
            BOM + opendata.results_csv(run), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            opendata.results_xlsx(run),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{edition.slug}-wyniki.{fmt}"'
    return response


#: Projects on one page of "where the money went".
IMPLEMENTATION_PAGE_SIZE = 24


def implementation_list(request: HttpRequest) -> HttpResponse:
    filters = ImplementationFilterForm(request.GET or None)
    queryset = selectors.implementations(filters.params())
    page = Paginator(queryset, IMPLEMENTATION_PAGE_SIZE).get_page(page_number(request))
    located = queryset.filter(proposal__latitude__isnull=False).values(
        "pk", "proposal__title", "proposal__latitude", "proposal__longitude"
    )
    points = [
        {
            "title": row["proposal__title"],
            "url": reverse("budgets:implementation_detail", args=[row["pk"]]),
            "lat": row["proposal__latitude"],
            "lon": row["proposal__longitude"],
        }
        for row in located
    ]
    totals = queryset.order_by().aggregate(planned=Sum("proposal__cost"), spent=Sum("actual_cost"))
    city = current_city()
    centre = [city.center_latitude, city.center_longitude] if city else [50.06, 19.94]
    return render(
        request,
        "budgets/implementation_list.html",
        {
            "any_carried": Implementation.objects.filter(proposal__edition__city=city).exists(),
            "filters": filters,
            "page": page,
            "points": points,
            "map_centre": json.dumps(centre),
            **map_search(request),
            "planned": totals["planned"] or 0,
            "spent": totals["spent"] or 0,
        },
    )


@require_http_methods(["GET", "POST"])
def implementation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = load(
        request,
        Implementation.objects.filter(proposal__edition__city=current_city())
        .select_related("proposal", "proposal__pool", "proposal__edition")
        .prefetch_related("proposal__edition__phases"),
        pk=pk,
    )
    can_report = request.user.has_perm("budgets.report_implementation", item)
    errors: list[str] = []
    if request.method == "POST":
        if not can_report:
            deny(request)
        try:
            cost = request.POST.get("actual_cost", "").strip()
            day = request.POST.get("day", "").strip()
            percent = request.POST.get("percent_done", "").strip()
            implementation.report_progress(
                actor=request.user,
                implementation=item,
                status=request.POST.get("status", ""),
                percent_done=parse_whole(percent, minimum=0, maximum=100) if percent else -1,
                text=request.POST.get("text", ""),
                day=datetime.date.fromisoformat(day) if day else None,
                actual_cost=parse_pln(cost) if cost else None,
                photo=request.FILES.get("photo"),
            )
        except ValidationError as error:
            errors = error.messages
        except ValueError:
            errors = [_("Check the date and the percentage.")]
        else:
            messages.success(request, _("The update is published."))
            return redirect("budgets:implementation_detail", pk=item.pk)
    return render(
        request,
        "budgets/implementation_detail.html",
        {
            "item": item,
            "updates": item.updates.all(),
            "can_report": can_report,
            "statuses": ProjectProgress.choices,
            "errors": errors,
        },
        status=400 if errors else 200,
    )
