"""Surveys: residents answer, the office adds questions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from wiec.consultations import forms as f
from wiec.consultations import selectors, services
from wiec.consultations.models import SurveyResponse
from wiec.consultations.views.common import charted, consultation_or_404, posted_data
from wiec.core.access import attach_errors, require, require_login
from wiec.core.limits import limited


@limited("remark")
def survey(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = consultation_or_404(slug)
    obj = get_object_or_404(consultation.surveys, pk=pk)
    form_class = f.survey_form_class(obj)
    form = form_class(posted_data(request))
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
        results = charted(selectors.survey_results(obj))
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


def question_add(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_or_404(slug)
    require(request, "consultations.manage_consultation", consultation)
    form = f.QuestionForm(posted_data(request))
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
