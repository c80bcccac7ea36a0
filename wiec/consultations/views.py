"""Pages of consultations.  Views parse, check the permission, call one service, render."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from wiec.consultations import forms as f
from wiec.consultations import selectors, services
from wiec.consultations.models import (
    AnnualPlan,
    Consultation,
    ConsultationRequest,
    Meeting,
    Registration,
    SurveyResponse,
    Topic,
)
from wiec.consultations.rendering import meetings_calendar, render_markdown
from wiec.core.access import attach_errors, permission_required, require, require_login
from wiec.core.charts import bar_chart
from wiec.core.numbers import page_number
from wiec.core.pdf import html_to_pdf
from wiec.core.tables import csv_writer
from wiec.places.selectors import current_city, districts_of


def _city():
    city = current_city()
    if city is None:
        raise Http404(_("No city is configured yet."))
    return city


def _consultation(slug: str) -> Consultation:
    return get_object_or_404(
        Consultation.objects.select_related("topic", "district", "city"), city=_city(), slug=slug
    )


def _post(request: HttpRequest) -> Any:
    """The submitted data, also when empty (an empty form is still a submission)."""
    return request.POST if request.method == "POST" else None


# --- public pages ------------------------------------------------------------------


def consultation_register(request: HttpRequest) -> HttpResponse:
    city = _city()
    form = f.RegisterFilterForm(
        request.GET or None,
        topics=Topic.objects.filter(city=city),
        districts=districts_of(city),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    consultations = (
        selectors.register(
            city,
            topic=filters.get("topic", ""),
            district=filters.get("district", ""),
            status=filters.get("status", ""),
        )
        .annotate(remark_count=Count("remarks", filter=Q(remarks__hidden=False)))
        .order_by("-starts_on", "title")
    )
    page = Paginator(consultations, 20).get_page(page_number(request))
    return render(
        request,
        "consultations/consultation_list.html",
        {"form": form, "page": page, "plans": AnnualPlan.objects.filter(city=city)},
    )


def plan(request: HttpRequest, year: int | None = None) -> HttpResponse:
    city = _city()
    year = year or timezone.localdate().year
    annual_plan = AnnualPlan.objects.filter(city=city, year=year).first()
    consultations = (
        annual_plan.consultations.select_related("topic", "district")
        if annual_plan
        else Consultation.objects.none()
    )
    return render(
        request,
        "consultations/plan_detail.html",
        {
            "year": year,
            "plan": annual_plan,
            "consultations": consultations.order_by("starts_on"),
            "years": AnnualPlan.objects.filter(city=city).values_list("year", flat=True),
            "evaluation": selectors.evaluation_by_year(city, year),
        },
    )


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation(slug)
    user = request.user
    registered = set()
    if user.is_authenticated:
        registered = set(
            Registration.objects.filter(meeting__consultation=consultation, user=user).values_list(
                "meeting_id", flat=True
            )
        )
    meetings = consultation.meetings.annotate(taken=Count("registrations")).prefetch_related(
        "materials"
    )
    return render(
        request,
        "consultations/consultation_detail.html",
        {
            "consultation": consultation,
            "phase": consultation.phase(),
            "report": getattr(consultation, "report", None),
            "surveys": consultation.surveys.all(),
            "meetings": meetings,
            "registered": registered,
            "paragraph_count": consultation.paragraphs.count(),
            "remark_count": consultation.remarks.visible().count(),
            "can_take_part": user.has_perm("consultations.take_part", consultation),
            "can_manage": user.has_perm("consultations.manage_consultation", consultation),
            "can_evaluate": user.has_perm("consultations.evaluate", consultation),
            "now": timezone.now(),
        },
    )


def document(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation(slug)
    paragraphs = consultation.paragraphs.annotate(
        remark_count=Count("remarks", filter=Q(remarks__hidden=False))
    )
    rows = [(p, render_markdown(p.text)) for p in paragraphs]
    return render(
        request,
        "consultations/document.html",
        {
            "consultation": consultation,
            "rows": rows,
            "can_take_part": request.user.has_perm("consultations.take_part", consultation),
        },
    )


def paragraph(request: HttpRequest, slug: str, position: int) -> HttpResponse:
    consultation = _consultation(slug)
    obj = get_object_or_404(consultation.paragraphs, position=position)
    form = f.RemarkForm(_post(request))
    if request.method == "POST":
        require_login(request)
        if form.is_valid():
            try:
                services.comment_on_paragraph(
                    actor=request.user, paragraph=obj, text=form.cleaned_data["text"]
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Thank you, your remark has been saved."))
                return redirect("consultations:paragraph", slug=slug, position=position)
    return render(
        request,
        "consultations/paragraph.html",
        {
            "consultation": consultation,
            "paragraph": obj,
            "html": render_markdown(obj.text),
            "remarks": obj.remarks.visible().select_related("author"),
            "form": form,
            "can_take_part": request.user.has_perm("consultations.take_part", consultation),
            "can_moderate": request.user.has_perm("consultations.moderate_remark"),
        },
    )


def map_view(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation(slug)
    if not consultation.map_enabled:
        raise Http404
    form = f.MapRemarkForm(_post(request), consultation=consultation)
    if request.method == "POST":
        require_login(request)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.comment_on_map(
                    actor=request.user,
                    consultation=consultation,
                    latitude=data["latitude"],
                    longitude=data["longitude"],
                    text=data["text"],
                    category=data.get("category"),
                    area=data["area"],
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Thank you, your remark has been saved."))
                return redirect("consultations:map", slug=slug)
    remarks = consultation.remarks.visible().filter(channel="map").select_related("category")
    points = [
        {
            "lat": r.latitude,
            "lon": r.longitude,
            "area": r.area,
            "text": r.text[:200],
            "category": str(r.category or ""),
        }
        for r in remarks
    ]
    return render(
        request,
        "consultations/map.html",
        {
            "consultation": consultation,
            "form": form,
            "tiles": settings.LEAFLET_CONFIG["TILES"],
            "remarks": remarks,
            "points": points,
            "can_take_part": request.user.has_perm("consultations.take_part", consultation),
            "can_moderate": request.user.has_perm("consultations.moderate_remark"),
        },
    )


def survey(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = _consultation(slug)
    obj = get_object_or_404(consultation.surveys, pk=pk)
    form_class = f.survey_form_class(obj)
    form = form_class(_post(request))
    answered = (
        request.user.is_authenticated
        and SurveyResponse.objects.filter(survey=obj, user=request.user).exists()
    )
    if request.method == "POST":
        require_login(request)
        if form.is_valid():
            try:
                services.answer_survey(
                    actor=request.user,
                    survey=obj,
                    values=f.survey_values(obj, form.cleaned_data),
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Thank you, your answers have been saved."))
                return redirect(consultation.get_absolute_url())
    results = []
    if consultation.is_finished:
        results = _charted(selectors.survey_results(obj))
    return render(
        request,
        "consultations/survey.html",
        {
            "consultation": consultation,
            "survey": obj,
            "form": form,
            "answered": answered,
            "results": results,
            "can_take_part": request.user.has_perm("consultations.take_part", consultation),
        },
    )


def _charted(results: list[selectors.QuestionResult]) -> list[tuple[Any, Any]]:
    return [(r, bar_chart(r.rows, title=r.question.text) if r.rows else None) for r in results]


@require_POST
def meeting_register(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    require_login(request)
    consultation = _consultation(slug)
    meeting = get_object_or_404(consultation.meetings, pk=pk)
    try:
        services.register_for_meeting(actor=request.user, meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You are registered for the meeting."))
    return redirect(consultation.get_absolute_url() + "#spotkania")


@require_POST
@login_required
def meeting_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = _consultation(slug)
    meeting = get_object_or_404(consultation.meetings, pk=pk)
    services.cancel_registration(actor=request.user, meeting=meeting)
    messages.success(request, _("Your registration has been cancelled."))
    return redirect(consultation.get_absolute_url() + "#spotkania")


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def meeting_ics(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = _consultation(slug)
    meeting = get_object_or_404(consultation.meetings.select_related("consultation"), pk=pk)
    body = meetings_calendar(
        [meeting], base_url=request.build_absolute_uri("/").rstrip("/"), name=meeting.title
    )
    return _ics(body, f"spotkanie-{meeting.pk}.ics")


def calendar_feed(request: HttpRequest) -> HttpResponse:
    meetings = Meeting.objects.filter(consultation__city=_city()).select_related("consultation")
    body = meetings_calendar(
        meetings,
        base_url=request.build_absolute_uri("/").rstrip("/"),
        name=_("Consultation meetings"),
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@login_required
def evaluate(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation(slug)
    form = f.EvaluationForm(_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_evaluation(
                actor=request.user, consultation=consultation, **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Thank you for your evaluation."))
            return redirect(consultation.get_absolute_url())
    return render(
        request, "consultations/evaluation_form.html", {"consultation": consultation, "form": form}
    )


# --- the report --------------------------------------------------------------------


def _report_context(request: HttpRequest, consultation: Consultation) -> dict[str, Any]:
    published = getattr(consultation, "report", None)
    if published is None and not request.user.has_perm(
        "consultations.manage_consultation", consultation
    ):
        raise Http404(_("The report has not been published yet."))
    data = selectors.report_data(consultation)
    surveys = [(s, n, _charted(results)) for s, n, results in data.surveys]
    return {
        "consultation": consultation,
        "report": published,
        "data": data,
        "surveys": surveys,
        "district_chart": bar_chart(data.participation.by_district, title=_("By district")),
        "age_chart": bar_chart(data.participation.by_age, title=_("By age group")),
    }


def report(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation(slug)
    context = _report_context(request, consultation)
    context["can_publish"] = request.user.has_perm("consultations.publish_report", consultation)
    return render(request, "consultations/report.html", context)


def report_html(request: HttpRequest, consultation: Consultation) -> str:
    """The HTML the PDF is printed from."""
    return render_to_string(
        "consultations/report_pdf.html", _report_context(request, consultation), request=request
    )


def report_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation(slug)
    pdf = html_to_pdf(report_html(request, consultation), base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="raport-{consultation.slug}.pdf"'
    return response


def _csv(filename: str) -> tuple[HttpResponse, Any]:
    """A CSV download (UTF-8 with a BOM, so spreadsheets read Polish letters)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    return response, csv_writer(response)


def report_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """Every remark with the office's response, one row each."""
    consultation = _consultation(slug)
    context = _report_context(request, consultation)
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
    consultation = _consultation(slug)
    data = _report_context(request, consultation)["data"]
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
    consultation = _consultation(slug)
    data = _report_context(request, consultation)["data"]
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


def report_publish(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation(slug)
    require(request, "consultations.manage_consultation", consultation)
    form = f.PublishForm(_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.publish_report(
                actor=request.user,
                consultation=consultation,
                conclusions=form.cleaned_data["conclusions"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The report has been published."))
            return redirect("consultations:report", slug=slug)
    return render(
        request,
        "consultations/report_publish.html",
        {
            "consultation": consultation,
            "form": form,
            "unanswered": consultation.remarks.visible().unanswered().count(),
        },
    )


# --- the office's register of remarks ---------------------------------------------


def remark_list(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation(slug)
    require(request, "consultations.manage_consultation", consultation)
    remarks = consultation.remarks.select_related("paragraph", "category", "author")
    return render(
        request,
        "consultations/remark_list.html",
        {
            "consultation": consultation,
            "remarks": remarks,
            "unanswered": remarks.visible().unanswered().count(),
        },
    )


def remark_enter(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation(slug)
    require(request, "consultations.manage_consultation", consultation)
    form = f.OfficeRemarkForm(_post(request), request.FILES or None, consultation=consultation)
    if request.method == "POST" and form.is_valid():
        try:
            services.enter_remark(
                actor=request.user, consultation=consultation, **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The remark has been entered."))
            return redirect("consultations:remarks", slug=slug)
    return render(
        request, "consultations/remark_enter.html", {"consultation": consultation, "form": form}
    )


def remark_answer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = _consultation(slug)
    require(request, "consultations.manage_consultation", consultation)
    remark = get_object_or_404(consultation.remarks, pk=pk)
    initial = {"response": remark.response, "justification": remark.justification}
    form = f.ResponseForm(_post(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_remark(actor=request.user, remark=remark, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The response has been saved."))
            return redirect("consultations:remarks", slug=slug)
    return render(
        request,
        "consultations/remark_answer.html",
        {"consultation": consultation, "remark": remark, "form": form},
    )


@permission_required("consultations.moderate_remark")
def remark_hide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = _consultation(slug)
    remark = get_object_or_404(consultation.remarks, pk=pk)
    form = f.HideForm(_post(request))
    if request.method == "POST" and form.is_valid():
        services.hide_remark(actor=request.user, remark=remark, reason=form.cleaned_data["reason"])
        messages.success(request, _("The remark has been hidden."))
        return redirect(consultation.get_absolute_url())
    return render(
        request,
        "consultations/remark_hide.html",
        {"consultation": consultation, "remark": remark, "form": form},
    )


def map_categories_edit(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation(slug)
    require(request, "consultations.manage_consultation", consultation)
    form = f.MapCategoriesForm(_post(request), categories=consultation.map_categories.all())
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_map_categories(
                actor=request.user, consultation=consultation, **form.service_arguments()
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The map's categories have been saved."))
            return redirect("consultations:map_categories", slug=slug)
    return render(
        request,
        "consultations/setup_form.html",
        {"consultation": consultation, "form": form, "heading": _("Categories of the map")},
    )


@permission_required("consultations.manage_plan")
def plan_edit(request: HttpRequest, year: int | None = None) -> HttpResponse:
    city = _city()
    plan = get_object_or_404(AnnualPlan, city=city, year=year) if year else None
    initial = {} if plan else {"year": timezone.localdate().year + 1}
    form = f.AnnualPlanForm(_post(request), instance=plan, initial=initial, city=city)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.save_annual_plan(
                actor=request.user,
                city=city,
                plan=AnnualPlan.objects.get(pk=plan.pk) if plan else None,
                year=data["year"],
                introduction=data["introduction"],
                adopted_on=data["adopted_on"],
                consultations=data["consultations"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The annual plan has been saved."))
            return redirect(saved.get_absolute_url())
    return render(request, "consultations/plan_form.html", {"form": form, "plan": plan})


# --- setting a consultation up -----------------------------------------------------


@permission_required("consultations.add_consultation")
def consultation_create(request: HttpRequest) -> HttpResponse:
    city = _city()
    form = f.ConsultationForm(_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.create_consultation(
                actor=request.user, city=city, **form.cleaned_data
            )
        except PermissionDenied:
            form.add_error("district", _("You may create consultations only in your districts."))
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The consultation has been created."))
            return redirect(consultation.get_absolute_url())
    return render(request, "consultations/consultation_form.html", {"form": form})


def consultation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation(slug)
    require(request, "consultations.manage_consultation", consultation)
    form = f.ConsultationForm(_post(request), instance=consultation)
    if request.method == "POST" and form.is_valid():
        fresh = Consultation.objects.get(pk=consultation.pk)
        try:
            services.update_consultation(
                actor=request.user,
                consultation=fresh,
                **{k: v for k, v in form.cleaned_data.items()},
            )
        except PermissionDenied:
            form.add_error("district", _("You may create consultations only in your districts."))
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The consultation has been saved."))
            return redirect(fresh.get_absolute_url())
    return render(
        request,
        "consultations/consultation_form.html",
        {"form": form, "consultation": consultation},
    )


def document_edit(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation(slug)
    require(request, "consultations.manage_consultation", consultation)
    text = "\n\n".join(consultation.paragraphs.values_list("text", flat=True))
    form = f.DocumentForm(
        _post(request), initial={"title": consultation.document_title, "text": text}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_document(
                actor=request.user, consultation=consultation, **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The document has been saved."))
            return redirect("consultations:document", slug=slug)
    return render(
        request,
        "consultations/setup_form.html",
        {"consultation": consultation, "form": form, "heading": _("The document")},
    )


def question_add(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation(slug)
    require(request, "consultations.manage_consultation", consultation)
    form = f.QuestionForm(_post(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_question(
                actor=request.user,
                consultation=consultation,
                kind=data["kind"],
                text=data["text"],
                choices=data["choices"].splitlines(),
                required=data["required"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The question has been added."))
            return redirect("consultations:question_add", slug=slug)
    return render(
        request,
        "consultations/setup_form.html",
        {
            "consultation": consultation,
            "form": form,
            "heading": _("Add a survey question"),
            "questions": [q for s in consultation.surveys.all() for q in s.questions.all()],
        },
    )


def meeting_add(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation(slug)
    require(request, "consultations.manage_consultation", consultation)
    form = f.MeetingForm(_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.schedule_meeting(
                actor=request.user, consultation=consultation, **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The meeting has been added."))
            return redirect(consultation.get_absolute_url())
    return render(
        request,
        "consultations/setup_form.html",
        {"consultation": consultation, "form": form, "heading": _("Add a meeting")},
    )


def meeting_material_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = _consultation(slug)
    require(request, "consultations.manage_consultation", consultation)
    meeting = get_object_or_404(consultation.meetings, pk=pk)
    form = f.MeetingMaterialForm(_post(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.attach_meeting_material(
                actor=request.user, meeting=meeting, **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The material has been attached to the meeting."))
            return redirect(consultation.get_absolute_url() + f"#spotkanie-{meeting.pk}")
    return render(
        request,
        "consultations/meeting_material_form.html",
        {"consultation": consultation, "meeting": meeting, "form": form},
    )


# --- residents' requests -----------------------------------------------------------


def request_list(request: HttpRequest) -> HttpResponse:
    city = _city()
    requests = (
        ConsultationRequest.objects.filter(city=city)
        .select_related("district")
        .annotate(support_count=Count("supports"))
        .order_by("-created_at")
    )
    queue = []
    if request.user.has_perm("consultations.view_request_queue"):
        queue = selectors.request_queue(request.user)
    return render(
        request,
        "consultations/request_list.html",
        {
            "page": Paginator(requests, 20).get_page(page_number(request)),
            "queue": queue,
            "rules": selectors.settings_of(city),
        },
    )


def request_create(request: HttpRequest) -> HttpResponse:
    require_login(request)
    city = _city()
    form = f.RequestForm(_post(request), districts=city.districts.all())
    if request.method == "POST" and form.is_valid():
        try:
            created = services.file_request(actor=request.user, city=city, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Your request has been filed. Ask others to support it."))
            return redirect(created.get_absolute_url())
    return render(
        request,
        "consultations/request_form.html",
        {
            "form": form,
            "rules": selectors.settings_of(city),
            "can_file": request.user.has_perm("consultations.file_request"),
        },
    )


def _request(pk: int) -> ConsultationRequest:
    return get_object_or_404(
        ConsultationRequest.objects.select_related("district", "author"), pk=pk, city=_city()
    )


def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _request(pk)
    user = request.user
    return render(
        request,
        "consultations/request_detail.html",
        {
            "req": obj,
            "supporters": obj.supports.count(),
            "supported": selectors.supports(user, obj),
            "can_support": user.has_perm("consultations.support_request", obj),
            "can_answer": user.has_perm("consultations.answer_request", obj),
            "answer_form": f.RequestAnswerForm(),
        },
    )


@require_POST
def request_support(request: HttpRequest, pk: int) -> HttpResponse:
    require_login(request)
    obj = _request(pk)
    try:
        services.support_request(actor=request.user, request=obj)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you for your support."))
    return redirect(obj.get_absolute_url())


@require_POST
def request_answer(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _request(pk)
    require(request, "consultations.answer_request", obj)
    form = f.RequestAnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer_request(actor=request.user, request=obj, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The answer has been published."))
            return redirect(obj.get_absolute_url())
    return render(
        request,
        "consultations/request_detail.html",
        {"req": obj, "supporters": obj.supports.count(), "can_answer": True, "answer_form": form},
        status=400,
    )
