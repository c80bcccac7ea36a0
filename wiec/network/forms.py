"""Forms of the network: they parse input; the services decide."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wiec.core.honeypot import HoneypotForm
from wiec.core.numbers import IdChoiceField, IdMultipleChoiceField, formfield_for
from wiec.core.uploads import PDF_TYPE, verified_type
from wiec.network.models import (
    AdviceStage,
    Area,
    Event,
    Member,
    NewsItem,
    Practice,
    PracticeStatus,
    ProcessEntry,
    Theme,
)
from wiec.network.services.events import EVENT_FIELDS
from wiec.places.models import City

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


class PracticeForm(forms.ModelForm):
    class Meta:
        formfield_callback = formfield_for
        model = Practice
        fields = [
            "city",
            "title",
            "problem",
            "method",
            "participants",
            "outcome",
            "lessons",
            "contact",
            "document",
            "process",
        ]
        help_texts = {
            "problem": _("What did the municipality want to solve or decide?"),
            "method": _("How did you run it: the stages, the tools, the time it took."),
            "participants": _("Who took part and how you reached them."),
            "outcome": _("What came of it, with numbers where you have them."),
            "lessons": _("What you would do differently next time."),
            "contact": _("Who others may ask about it (a name and an e-mail or phone)."),
            "document": _("A PDF, at most 10 MB: a report, a plan, a summary."),
            "process": _("If the process ran on this platform, choose it to link its data."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"] = IdChoiceField(queryset=City.objects.all(), label=_("Municipality"))
        city_id = self.data.get("city") or getattr(self.instance, "city_id", None)
        processes = ProcessEntry.objects.none()
        if city_id and str(city_id).isdigit():
            processes = ProcessEntry.objects.filter(city_id=city_id)
        self.fields["process"] = IdChoiceField(
            queryset=processes,
            required=False,
            label=_("Process on the platform"),
            help_text=self.Meta.help_texts["process"],
        )
        if not processes.exists():
            self.fields["process"].widget = forms.HiddenInput()

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if upload and hasattr(upload, "content_type"):
            if upload.size > MAX_DOCUMENT_BYTES:
                raise ValidationError(_("The file is larger than 10 MB."), code="too_large")
            if verified_type(upload, [PDF_TYPE]) is None:
                raise ValidationError(_("Send a PDF file."), code="not_pdf")
            upload.seek(0)
        return upload


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the author"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=3000,
        help_text=_("Needed when you return the practice: say what to change."),
    )


class PracticeSearchForm(forms.Form):
    q = forms.CharField(label=_("Words to find"), required=False, max_length=200)
    gmina = forms.ChoiceField(label=_("Municipality"), required=False)

    def __init__(self, *args, cities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gmina"].choices = [("", _("all"))] + [(c.slug, c.name) for c in cities]


class MemberForm(forms.ModelForm):
    listed = forms.BooleanField(
        label=_("Show me in the network's directory"),
        required=False,
        help_text=_(
            "Your name, organisation, municipality, type and contact e-mail will be "
            "visible to everyone. You can withdraw this consent at any time."
        ),
    )

    class Meta:
        formfield_callback = formfield_for
        model = Member
        fields = ["name", "kind", "city", "organisation", "description", "contact_email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"] = IdChoiceField(queryset=City.objects.all(), label=_("Municipality"))
        if self.instance.pk:
            self.fields["listed"].initial = self.instance.listed


class AdviceForm(forms.Form):
    subject = forms.CharField(label=pgettext_lazy("advice", "Subject"), max_length=200)
    stage = forms.ChoiceField(label=_("What it concerns"), choices=AdviceStage.choices)
    text = forms.CharField(
        label=_("Your question"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10000
    )


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10000
    )


class SubscribeForm(HoneypotForm):
    email = forms.CharField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class IssueForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    introduction = forms.CharField(
        label=_("Introduction"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    news = IdMultipleChoiceField(
        label=_("News"),
        queryset=NewsItem.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    practices = IdMultipleChoiceField(
        label=_("Good practices"),
        queryset=Practice.objects.filter(status=PracticeStatus.PUBLISHED),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    events = IdMultipleChoiceField(
        label=_("Events"),
        queryset=Event.objects.filter(is_published=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["events"].queryset = Event.objects.filter(
            is_published=True, ends_at__gte=timezone.now()
        )


class NewsForm(forms.ModelForm):
    class Meta:
        model = NewsItem
        fields = ["title", "text"]


class AssessmentForm(forms.Form):
    """One radio group per theme, its maturity levels as the choices."""

    team = forms.CharField(
        label=_("Who answered"),
        max_length=300,
        help_text=_("The team's names or roles, for example: the mayor's office, two NGOs."),
    )

    def __init__(self, *args, themes=(), initial_levels=None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_levels = initial_levels or {}
        self.themes = list(themes)
        for theme in self.themes:
            self.fields[f"theme_{theme.pk}"] = forms.TypedChoiceField(
                label=f"{theme.number}. {theme.name}",
                help_text=theme.question,
                choices=[
                    (lvl.value, f"{lvl.value}: {lvl.description}") for lvl in theme.levels.all()
                ],
                coerce=int,
                widget=forms.RadioSelect,
                initial=initial_levels.get(theme.pk),
            )

    def levels(self) -> dict[int, int]:
        return {t.pk: self.cleaned_data[f"theme_{t.pk}"] for t in self.themes}


class JuryForm(forms.Form):
    weight = forms.IntegerField(
        label=_("Weight of the jury's score (%)"), min_value=0, max_value=100
    )

    def __init__(self, *args, cities=(), scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        scores = scores or {}
        self.cities = list(cities)
        for city in self.cities:
            self.fields[f"city_{city.pk}"] = forms.IntegerField(
                label=city.name,
                min_value=0,
                max_value=100,
                required=False,
                initial=scores.get(city.pk),
            )

    def scores(self) -> dict[City, int]:
        return {
            c: self.cleaned_data[f"city_{c.pk}"]
            for c in self.cities
            if self.cleaned_data.get(f"city_{c.pk}") is not None
        }


def _datetime_widget() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventForm(forms.ModelForm):
    """An event as the network's editors set it."""

    class Meta:
        formfield_callback = formfield_for
        model = Event
        fields = EVENT_FIELDS
        widgets = {"starts_at": _datetime_widget(), "ends_at": _datetime_widget()}
        help_texts = {
            "place": _("The address, or the link for an online meeting."),
            "city": _("The municipality that hosts it, if one does."),
            "capacity": _("How many people can register."),
            "is_published": _("Shown in the list and open for registration."),
        }
        error_messages = {
            "starts_at": {"invalid": _("Enter the date and time, e.g. 12.05.2027 10:00.")},
            "ends_at": {"invalid": _("Enter the date and time, e.g. 12.05.2027 16:00.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"] = IdChoiceField(
            queryset=City.objects.order_by("name"),
            required=False,
            label=_("Host municipality"),
            help_text=self.Meta.help_texts["city"],
        )
        self.fields["capacity"].min_value = 1
        self.fields["capacity"].validators.append(
            MinValueValidator(1, message=_("An event needs at least one place."))
        )

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The event must end after it starts."))
        return cleaned


class CancelEventForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("It is e-mailed to everyone registered."),
        error_messages={"required": _("Give the reason; it goes to everyone registered.")},
    )


class AreaForm(forms.ModelForm):
    class Meta:
        model = Area
        fields = ["name_pl", "name_en"]


class ThemeForm(forms.ModelForm):
    """A theme's wording and its five maturity levels, in Polish and English."""

    class Meta:
        formfield_callback = formfield_for
        model = Theme
        fields = [
            "area",
            "name_pl",
            "name_en",
            "question_pl",
            "question_en",
            "recommendation_pl",
            "recommendation_en",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("question_pl", "question_en", "recommendation_pl", "recommendation_en")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"] = IdChoiceField(queryset=Area.objects.all(), label=_("Area"))
        current = {}
        if self.instance.pk:
            current = {lvl.value: lvl for lvl in self.instance.levels.all()}
        for value in range(1, 6):
            level = current.get(value)
            self.fields[f"level_{value}_pl"] = forms.CharField(
                label=_("Level %(level)s (Polish)") % {"level": value},
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=level.description_pl if level else "",
                error_messages={
                    "required": _("Describe level %(level)s in Polish.") % {"level": value}
                },
            )
            self.fields[f"level_{value}_en"] = forms.CharField(
                label=_("Level %(level)s (English)") % {"level": value},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                initial=level.description_en if level else "",
            )

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["levels"] = {
            v: (self.cleaned_data[f"level_{v}_pl"], self.cleaned_data[f"level_{v}_en"])
            for v in range(1, 6)
        }
        return data
