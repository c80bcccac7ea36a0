"""Forms of consultations: they parse input; the services decide."""

from __future__ import annotations

import json
import math
import re

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wiec.consultations.models import (
    AnnualPlan,
    Consultation,
    Meeting,
    QuestionKind,
    Response,
    Survey,
)
from wiec.consultations.phases import ConsultationPhase
from wiec.consultations.services import MATERIAL_TYPES, SCAN_TYPES, check_upload
from wiec.core.honeypot import HoneypotForm
from wiec.core.numbers import AsciiFloatField, IdChoiceField, IdMultipleChoiceField, formfield_for

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class RegisterFilterForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    district = forms.ChoiceField(label=_("District"), required=False)
    status = forms.ChoiceField(
        label=pgettext_lazy("consultation status", "Status"),
        required=False,
        choices=[("", _("all")), *list(ConsultationPhase.choices)],
    )

    def __init__(self, *args, topics=(), districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("all"))] + [(t.slug, t.name) for t in topics]
        self.fields["district"].choices = [("", _("all")), ("miasto", _("whole city"))] + [
            (d.slug, str(d)) for d in districts
        ]


class ConsultationForm(forms.ModelForm):
    class Meta:
        formfield_callback = formfield_for
        model = Consultation
        fields = [
            "title",
            "slug",
            "topic",
            "district",
            "summary",
            "subject",
            "goal",
            "target_groups",
            "legal_basis",
            "responsible_unit",
            "coordinator_name",
            "coordinator_email",
            "can_influence",
            "already_decided",
            "starts_on",
            "ends_on",
            "requires_verified_residency",
            "map_enabled",
            "plan",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "subject": forms.Textarea(attrs={"rows": 3}),
            "goal": forms.Textarea(attrs={"rows": 3}),
            "can_influence": forms.Textarea(attrs={"rows": 3}),
            "already_decided": forms.Textarea(attrs={"rows": 3}),
        }


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Document title"), max_length=200)
    text = forms.CharField(
        label=_("Text of the document"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Plain text or Markdown. A blank line starts a new paragraph."),
    )


class MapCategoriesForm(forms.Form):
    """One name field and one remove box per category, and new names one per line."""

    new = forms.CharField(
        label=_("New categories"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=pgettext_lazy("map categories", "One per line."),
    )

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = list(categories)
        for category in self.categories:
            self.fields[f"name_{category.pk}"] = forms.CharField(
                label=_("Name of category “%(name)s”") % {"name": category.name},
                max_length=100,
                initial=category.name,
            )
            self.fields[f"remove_{category.pk}"] = forms.BooleanField(
                label=_("Remove “%(name)s”") % {"name": category.name}, required=False
            )
        self.order_fields([*(n for n in self.fields if n != "new"), "new"])

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "names": {c.pk: data[f"name_{c.pk}"] for c in self.categories},
            "remove": {c.pk for c in self.categories if data.get(f"remove_{c.pk}")},
            "add": data["new"].splitlines(),
        }


class AnnualPlanForm(forms.ModelForm):
    consultations = IdMultipleChoiceField(
        label=_("Consultations in the plan"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        formfield_callback = formfield_for
        model = AnnualPlan
        fields = ["year", "introduction", "adopted_on"]
        widgets = {"adopted_on": DATE, "introduction": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, city, **kwargs):
        super().__init__(*args, **kwargs)
        plan = self.instance if self.instance.pk else None
        self.fields["consultations"].queryset = (
            Consultation.objects.filter(city=city)
            .filter(Q(plan__isnull=True) | Q(plan=plan) if plan else Q(plan__isnull=True))
            .order_by("starts_on", "title")
        )
        if plan:
            self.fields["consultations"].initial = list(plan.consultations.all())


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of question"), choices=QuestionKind.choices)
    text = forms.CharField(label=_("Question"), max_length=300)
    choices = forms.CharField(
        label=_("Answers to choose from"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line; for choice and ranking questions."),
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False, initial=True)


class MeetingForm(forms.ModelForm):
    online_url = forms.URLField(
        label=_("link to the online meeting"), required=False, assume_scheme="https"
    )

    class Meta:
        formfield_callback = formfield_for
        model = Meeting
        fields = [
            "title",
            "kind",
            "starts_at",
            "ends_at",
            "place",
            "online_url",
            "capacity",
            "description",
        ]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}


MATERIAL_ACCEPT = ",".join(sorted({f".{t.extension}" for t in MATERIAL_TYPES} | {".jpeg"}))


class MeetingMaterialForm(forms.Form):
    title = forms.CharField(label=_("Title of the material"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, ODT, ODS, DOCX, XLSX, PNG or JPG, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": MATERIAL_ACCEPT}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload, MATERIAL_TYPES)
        return upload


class RemarkForm(HoneypotForm):
    text = forms.CharField(
        label=_("Your remark"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class MapRemarkForm(HoneypotForm):
    latitude = AsciiFloatField(
        label=_("Latitude"), help_text=_("For example 50.0614. Click the map to fill it in.")
    )
    longitude = AsciiFloatField(label=_("Longitude"), help_text=_("For example 19.9372."))
    category = IdChoiceField(label=_("Category"), queryset=None, required=False)
    text = forms.CharField(
        label=_("Your remark"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    area = forms.CharField(
        label=_("Area (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "To mark an area, draw it on the map, or give at least three corners, one per "
            "line: latitude, longitude. A GeoJSON polygon may be pasted too."
        ),
    )

    def __init__(self, *args, consultation: Consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = consultation.map_categories.all()
        if not consultation.map_categories.exists():
            del self.fields["category"]

    def clean_area(self) -> list[tuple[float, float]]:
        return read_area(self.cleaned_data["area"])


#: The most corners an area drawn or pasted may have.
MAX_CORNERS = 200


def read_area(text: str) -> list[tuple[float, float]]:
    """An area's corners (latitude, longitude) from lines of coordinates or GeoJSON.

    Lines are "latitude, longitude" (a semicolon also separates); GeoJSON gives a
    Polygon, or a Feature or FeatureCollection holding one, in its own order
    (longitude, latitude) and with the first corner repeated at the end. Numbers are
    ASCII digits only; whether each corner lies in the city the service checks.
    """
    text = (text or "").strip()
    if not text:
        return []
    if text.startswith("{"):
        points = _geojson_corners(text)
    else:
        points = []
        for line in (line for line in text.splitlines() if line.strip()):
            parts = [p.strip() for p in line.replace(";", ",").split(",")]
            if len(parts) != 2 or not all(_plain_number(p) for p in parts):
                raise forms.ValidationError(
                    _("Write each corner as: latitude, longitude."), code="area"
                )
            points.append((float(parts[0]), float(parts[1])))
    if len(points) > 1 and points[0] == points[-1]:
        points = points[:-1]  # a closed ring names its first corner twice
    if len(points) > MAX_CORNERS:
        raise forms.ValidationError(
            _("An area may have at most %(n)s corners."), code="area", params={"n": MAX_CORNERS}
        )
    if not all(-90 <= lat <= 90 and -180 <= lon <= 180 for lat, lon in points):
        raise forms.ValidationError(_("A corner is not a place on Earth."), code="area")
    if len(set(points)) < 3:
        raise forms.ValidationError(_("An area needs at least three corners."), code="area")
    return points


def _plain_number(value: str) -> bool:
    return bool(re.fullmatch(r"-?[0-9]{1,3}(\.[0-9]{1,12})?", value))


def _geojson_corners(text: str) -> list[tuple[float, float]]:
    bad = forms.ValidationError(
        _("This is not a GeoJSON polygon. Paste one polygon, or type the corners instead."),
        code="area",
    )
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise bad from None
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        features = data.get("features") or []
        data = features[0] if len(features) == 1 else None
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = data.get("geometry")
    if not isinstance(data, dict) or data.get("type") != "Polygon":
        raise bad
    rings = data.get("coordinates")
    if not isinstance(rings, list) or not rings or not isinstance(rings[0], list):
        raise bad
    points = []
    for corner in rings[0]:
        if (
            not isinstance(corner, list)
            or len(corner) < 2
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in corner[:2])
            or not all(math.isfinite(v) for v in corner[:2])
        ):
            raise bad
        points.append((float(corner[1]), float(corner[0])))
    return points


class OfficeRemarkForm(forms.Form):
    channel = forms.ChoiceField(
        label=pgettext_lazy("how a remark came", "Received"),
        choices=[
            ("paper", _("on paper")),
            ("email", _("by e-mail")),
            ("meeting", _("at a meeting")),
        ],
    )
    author_name = forms.CharField(label=_("Author"), max_length=150, required=False)
    received_on = forms.DateField(label=_("Received on"), widget=DATE)
    paragraph = IdChoiceField(label=_("Paragraph of the document"), queryset=None, required=False)
    text = forms.CharField(
        label=_("Remark"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    attachment = forms.FileField(
        label=_("Scan of the letter (optional)"),
        required=False,
        help_text=_("PDF or image, at most 5 MB."),
    )

    def __init__(self, *args, consultation: Consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paragraph"].queryset = consultation.paragraphs.all()

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        check_upload(upload, SCAN_TYPES)
        return upload


class ResponseForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Response"), choices=Response.choices, widget=forms.RadioSelect
    )
    justification = forms.CharField(
        label=_("Justification"), widget=forms.Textarea(attrs={"rows": 3})
    )


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Reason for hiding"), max_length=300)


class PublishForm(forms.Form):
    conclusions = forms.CharField(
        label=_("Conclusions of the office"), widget=forms.Textarea(attrs={"rows": 6})
    )


SCALE = [(i, str(i)) for i in range(1, 6)]


class EvaluationForm(forms.Form):
    information_clear = forms.TypedChoiceField(
        label=_("Was the information about the consultation clear?"),
        help_text=_("1: not at all, 5: fully."),
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
    )
    felt_heard = forms.TypedChoiceField(
        label=_("Did you feel heard?"),
        help_text=_("1: not at all, 5: fully."),
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Anything else? (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RequestForm(HoneypotForm):
    title = forms.CharField(label=_("What should be consulted"), max_length=200)
    justification = forms.CharField(
        label=_("Justification"), widget=forms.Textarea(attrs={"rows": 6})
    )
    district = IdChoiceField(
        label=_("District"),
        queryset=None,
        required=False,
        empty_label=_("whole city"),
        help_text=_("A district request needs fewer supporters, all living in the district."),
    )

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts


class RequestAnswerForm(forms.Form):
    accepted = forms.TypedChoiceField(
        label=pgettext_lazy("on a request", "Decision"),
        choices=[
            ("1", _("a consultation will be held")),
            ("0", pgettext_lazy("decision on a request", "rejected")),
        ],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=_("Answer with its reasons"), widget=forms.Textarea(attrs={"rows": 5})
    )


def survey_form_class(survey: Survey) -> type[forms.Form]:
    """A form with one field per question (a ranking question: one field per option)."""
    fields: dict[str, forms.Field] = {}
    for question in survey.questions.prefetch_related("choices"):
        name = f"q{question.pk}"
        options = [(c.pk, c.text) for c in question.choices.all()]
        common = {"label": question.text, "required": False}
        if question.kind == QuestionKind.SINGLE:
            fields[name] = forms.ChoiceField(choices=options, widget=forms.RadioSelect, **common)
        elif question.kind == QuestionKind.MULTIPLE:
            fields[name] = forms.MultipleChoiceField(
                choices=options, widget=forms.CheckboxSelectMultiple, **common
            )
        elif question.kind == QuestionKind.SCALE:
            scale = [(i, str(i)) for i in range(question.scale_min, question.scale_max + 1)]
            fields[name] = forms.ChoiceField(choices=scale, widget=forms.RadioSelect, **common)
        elif question.kind == QuestionKind.TEXT:
            fields[name] = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **common)
        else:
            places = [("", "–")] + [(i, str(i)) for i in range(1, len(options) + 1)]
            for choice_id, text in options:
                fields[f"{name}_{choice_id}"] = forms.ChoiceField(
                    label=_("%(question)s: place of “%(option)s”")
                    % {"question": question.text, "option": text},
                    choices=places,
                    required=False,
                )
    return type("SurveyForm", (forms.Form,), fields)


def survey_values(survey: Survey, data: dict) -> dict[int, object]:
    """The form's cleaned data as the service wants it: question id -> value."""
    values: dict[int, object] = {}
    for question in survey.questions.prefetch_related("choices"):
        name = f"q{question.pk}"
        if question.kind == QuestionKind.RANKING:
            values[question.pk] = {c.pk: data.get(f"{name}_{c.pk}") for c in question.choices.all()}
        else:
            values[question.pk] = data.get(name)
    return values
