"""The yearly participation report: every process of the year, who took part, what the
city promised and kept, and how participants evaluated it; the introduction is the
municipality's own text (``YearlyReport``), the rest is assembled from the data."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from wiec.commitments import evaluation, representativeness
from wiec.commitments.models import OPEN_STATUSES, Commitment, CommitmentStatus, YearlyReport
from wiec.core.access import ensure
from wiec.core.services import record_event


def context(city: Any, year: int) -> dict[str, Any]:
    processes = representativeness.processes(city, year)
    rows = []
    profiles = []
    for p in processes:
        mine = p.profiles()
        profiles += mine
        rows.append((p, len(mine)))
    collects = any(p.collects_age_sex for p in processes)
    made = Commitment.objects.filter(city=city, year=year)
    today = timezone.localdate()
    totals = made.aggregate(
        made=Count("pk"),
        kept=Count("pk", filter=Q(status=CommitmentStatus.DONE)),
        late=Count("pk", filter=Q(status__in=OPEN_STATUSES, planned_on__lt=today)),
        abandoned=Count("pk", filter=Q(status=CommitmentStatus.ABANDONED)),
    )
    by_tool = made.values("tool").annotate(
        n=Count("pk"), kept=Count("pk", filter=Q(status=CommitmentStatus.DONE))
    )
    report = YearlyReport.objects.filter(city=city, year=year).first()
    results = evaluation.results(city, year)
    return {
        "city": city,
        "year": year,
        "introduction": report.introduction if report else "",
        "processes": rows,
        "participants": len(profiles),
        "tables": representativeness.tables(city, year, profiles, collects_age_sex=collects),
        "minimum": representativeness.min_group(),
        "totals": totals,
        "by_tool": [
            (dict(Commitment._meta.get_field("tool").choices)[r["tool"]], r["n"], r["kept"])
            for r in by_tool.order_by("tool")
        ],
        "evaluations": evaluation.by_tool(results),
        "questions": evaluation.STANDARD,
    }


@transaction.atomic
def edit_introduction(*, actor: Any, city: Any, year: int, text: str) -> YearlyReport:
    ensure(actor, "commitments.edit_report", city)
    report, _created = YearlyReport.objects.update_or_create(
        city=city,
        year=year,
        defaults={"introduction": (text or "").strip()[:20000], "updated_at": timezone.now()},
    )
    record_event(actor=actor, action="commitments.report_edited", target=city, data={"year": year})
    return report
