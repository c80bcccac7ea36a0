"""The report's data as CSV files."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from wiec.consultations.views.common import consultation_or_404
from wiec.consultations.views.reports import report_context
from wiec.core.tables import csv_writer


def _csv(filename: str) -> tuple[HttpResponse, Any]:
    """A CSV download (UTF-8 with a BOM, so spreadsheets read Polish letters)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    return response, csv_writer(response)


def report_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """Every remark with the office's response, one row each."""
    consultation = consultation_or_404(slug)
    context = report_context(request, consultation)
    response, writer = _csv(f"raport-{consultation.slug}.csv")
    writer.writerow(
        [
            _("number"),
            pgettext("remark", "channel"),
            _("paragraph"),
            _("latitude"),
            _("longitude"),
            _("category"),
            _("received"),
            _("remark"),
            _("response"),
            _("justification"),
        ]
    )
    for number, remark in enumerate(context["data"].remarks, start=1):
        writer.writerow(
            [
                number,
                remark.get_channel_display(),
                remark.paragraph.position if remark.paragraph else "",
                remark.latitude if remark.latitude is not None else "",
                remark.longitude if remark.longitude is not None else "",
                remark.category or "",
                (remark.received_on or timezone.localdate(remark.created_at)).isoformat(),
                remark.text,
                remark.get_response_display(),
                remark.justification,
            ]
        )
    return response


def report_surveys_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """Survey results in long form: one row per question and answer option (counts,
    or Borda points for rankings); open answers one row each."""
    consultation = consultation_or_404(slug)
    data = report_context(request, consultation)["data"]
    response, writer = _csv(f"raport-{consultation.slug}-ankiety.csv")
    writer.writerow(
        [
            pgettext("report CSV", "survey"),
            pgettext("report CSV", "respondents to the survey"),
            pgettext("report CSV", "question number"),
            pgettext("report CSV", "question"),
            pgettext("report CSV", "kind of question"),
            pgettext("report CSV", "people who answered the question"),
            pgettext("report CSV", "answer"),
            pgettext("report CSV", "measure"),
            pgettext("report CSV", "value"),
        ]
    )
    for survey, responses, results in data.surveys:
        for result in results:
            question = result.question
            head = [
                survey.title,
                responses,
                question.position,
                question.text,
                question.get_kind_display(),
                result.answers,
            ]
            for label, value in result.rows:
                writer.writerow([*head, label, result.value_label, f"{value:g}"])
            for text in result.texts:
                writer.writerow([*head, text, pgettext("report CSV", "open answer"), ""])
    return response


def report_participation_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """Who took part: totals, then people by district and by age group."""
    consultation = consultation_or_404(slug)
    data = report_context(request, consultation)["data"]
    people = data.participation
    response, writer = _csv(f"raport-{consultation.slug}-udzial.csv")
    writer.writerow(
        [
            pgettext("report CSV", "group"),
            pgettext("report CSV", "label"),
            pgettext("report CSV", "count"),
        ]
    )
    writer.writerow(
        [
            pgettext("report CSV", "total"),
            pgettext("report CSV", "people who took part online"),
            people.people,
        ]
    )
    writer.writerow(
        [
            pgettext("report CSV", "total"),
            pgettext("report CSV", "remarks received on paper, by e-mail or at a meeting"),
            people.office_entered,
        ]
    )
    writer.writerow(
        [
            pgettext("report CSV", "total"),
            pgettext("report CSV", "remarks in the report"),
            len(data.remarks),
        ]
    )
    for survey, responses, _results in data.surveys:
        writer.writerow([pgettext("report CSV", "survey"), survey.title, responses])
    for label, count in people.by_district:
        writer.writerow([pgettext("report CSV", "district"), label, count])
    for label, count in people.by_age:
        writer.writerow([pgettext("report CSV", "age group"), label, count])
    if data.evaluation["count"]:
        writer.writerow(
            [
                pgettext("report CSV", "evaluation"),
                pgettext("report CSV", "evaluations"),
                data.evaluation["count"],
            ]
        )
    return response
