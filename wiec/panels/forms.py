from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from wiec.core.honeypot import HoneypotForm
from wiec.core.numbers import AsciiDecimalField, DateTimeField, WholeNumberField, formfield_for
from wiec.core.tables import decode_upload
from wiec.panels.models import (
    CitizensPanel,
    Feature,
    MaterialKind,
    PostKind,
    RecommendationProgress,
    VoteChoice,
)


class ApplicationForm(HoneypotForm):
    """The public application form; its demographic questions come from the panel."""

    code = forms.CharField(
        label=_("Invitation code"),
        max_length=20,
        help_text=_("Printed in the letter you received, e.g. ACDEF-GHJKL."),
    )
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    household = forms.CharField(
        label=_("Household (optional)"),
        max_length=200,
        required=False,
        help_text=_(
            "Your street address, or any word agreed with the people you live with. "
            "At most one person per household can be drawn."
        ),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree to the processing of my personal data and answers by the city office "
            "for the recruitment and lottery of this panel."
        ),
        required=True,
        error_messages={"required": _("Without consent we cannot include you in the lottery.")},
        help_text=_(
            "The lottery page shows only an anonymous number and your answers to the "
            "lottery questions, never your name."
        ),
    )

    def __init__(self, *args, panel: CitizensPanel, anonymous: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.panel = panel
        self.anonymous = anonymous
        if not panel.uses_invitations:
            del self.fields["code"]
        if anonymous:
            self.fields["email"].help_text = _(
                "Give an e-mail address or a phone number, so that the organisers can reach "
                "you if you are drawn."
            )
        for feature in panel.features.prefetch_related("values"):
            self.fields[f"feature_{feature.key}"] = forms.ChoiceField(
                label=feature.label,
                choices=[("", "—")] + [(v.key, v.label) for v in feature.values.all()],
            )
        # Consent last, after the questions.
        self.order_fields([name for name in self.fields if name != "consent"] + ["consent"])

    def clean(self) -> dict:
        data = super().clean()
        no_contact = not data.get("email") and not data.get("phone")
        if self.anonymous and no_contact and "email" not in self.errors:
            self.add_error(
                "email",
                forms.ValidationError(
                    _("Give an e-mail address or a phone number."), code="no_contact"
                ),
            )
        return data

    def answers(self) -> dict[str, str]:
        return {
            name.removeprefix("feature_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("feature_")
        }


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file or XLSX workbook"),
        help_text=_(
            "Columns: full_name, email, phone, household and one per question key; "
            "answers by key or label. All rows are imported, or none."
        ),
    )

    def text(self) -> str:
        return decode_upload(self.cleaned_data["file"].read())


class InvitationForm(forms.Form):
    count = WholeNumberField(label=_("Number of letters"), min_value=1, max_value=50_000)


class QuotaForm(forms.Form):
    """Min and max per answer, and the census share for the helper."""

    tolerance = AsciiDecimalField(
        label=_("Tolerance (percentage points)"),
        min_value=Decimal(0),
        max_value=Decimal(100),
        initial=Decimal(5),
        required=False,
        help_text=_("Used with “Compute from census shares”."),
    )

    def __init__(self, *args, panel: CitizensPanel, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.panel = panel
        self.rows = []
        for feature in panel.features.prefetch_related("values"):
            for value in feature.values.all():
                prefix = f"v{value.pk}"
                self.fields[f"{prefix}_share"] = AsciiDecimalField(
                    label=_("%(answer)s: share in the population (%%)") % {"answer": value},
                    min_value=Decimal(0),
                    max_value=Decimal(100),
                    decimal_places=2,
                    required=False,
                    initial=value.population_share,
                )
                self.fields[f"{prefix}_min"] = WholeNumberField(
                    label=_("%(answer)s: at least") % {"answer": value},
                    min_value=0,
                    required=False,
                    initial=value.quota_min,
                )
                self.fields[f"{prefix}_max"] = WholeNumberField(
                    label=_("%(answer)s: at most") % {"answer": value},
                    min_value=0,
                    required=False,
                    initial=value.quota_max,
                )
                self.rows.append((feature, value, prefix))

    def row_fields(self):
        for feature, value, prefix in self.rows:
            yield (
                feature,
                value,
                self[f"{prefix}_share"],
                self[f"{prefix}_min"],
                self[f"{prefix}_max"],
            )

    def shares(self) -> dict[int, Decimal | None]:
        return {v.pk: self.cleaned_data.get(f"{p}_share") for _f, v, p in self.rows}

    def bounds(self) -> dict[int, tuple[int | None, int | None]]:
        return {
            v.pk: (self.cleaned_data.get(f"{p}_min"), self.cleaned_data.get(f"{p}_max"))
            for _f, v, p in self.rows
        }


class SeedForm(forms.Form):
    seed = forms.CharField(
        label=_("Seed"),
        max_length=100,
        help_text=_(
            "For example the digits drawn in public at the session announcing the lottery. "
            "It is published at once and cannot be changed."
        ),
    )


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    link = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    description = forms.CharField(
        label=_("Programme"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=MaterialKind.choices)
    url = forms.URLField(label=_("Link"), assume_scheme="https")
    author = forms.CharField(label=_("Author or expert"), max_length=200, required=False)


class RecommendationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 5}))


class VoteForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Your vote"), choices=VoteChoice.choices, widget=forms.RadioSelect
    )


class ResponseForm(forms.Form):
    response = forms.CharField(
        label=_("The city's response"), widget=forms.Textarea(attrs={"rows": 4})
    )
    status = forms.ChoiceField(label=_("Implementation"), choices=RecommendationProgress.choices)


class UpdateForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    status = forms.ChoiceField(label=_("Implementation"), choices=RecommendationProgress.choices)
    note = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 3}))


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _datetime_widget() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class PanelForm(forms.ModelForm):
    """A panel's settings, for organisers; the rules are checked by ``panel_problems``."""

    class Meta:
        formfield_callback = formfield_for
        model = CitizensPanel
        fields = [
            "topic",
            "slug",
            "question",
            "description",
            "organisers",
            "experts",
            "panel_size",
            "reserves_count",
            "uses_invitations",
            "recruitment_starts",
            "recruitment_ends",
            "deliberation_starts",
            "recommendations_start",
            "monitoring_starts",
            "voting_opens_at",
            "voting_closes_at",
            "binding_threshold",
            "advisory_threshold",
            "denominator",
            "is_published",
        ]
        widgets = {
            "question": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 5}),
            "organisers": forms.Textarea(attrs={"rows": 2}),
            "experts": forms.Textarea(attrs={"rows": 4}),
            "recruitment_starts": _date_widget(),
            "recruitment_ends": _date_widget(),
            "deliberation_starts": _date_widget(),
            "recommendations_start": _date_widget(),
            "monitoring_starts": _date_widget(),
            "voting_opens_at": _datetime_widget(),
            "voting_closes_at": _datetime_widget(),
        }
        help_texts = {
            "slug": _(
                "The end of the panel's web address, e.g. klimat-2026; made from the topic "
                "if left empty. It cannot change later."
            ),
            "voting_opens_at": _("Panelists vote on recommendations only inside this window."),
            "binding_threshold": _("Support (%) at which a recommendation binds the mayor."),
            "advisory_threshold": _("Support (%) at which a recommendation is advisory."),
            "is_published": _("Shown on the list of panels and open to visitors."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["slug"]
        else:
            self.fields["slug"].required = False

    def clean_slug(self) -> str:
        from wiec.panels.services import key_from

        slug = self.cleaned_data.get("slug") or ""
        if slug:
            return slug
        base = key_from(self.cleaned_data.get("topic") or "", "panel")[:70].strip("-")
        slug, n = base, 2
        taken = CitizensPanel.objects.filter(city=self.instance.city_id)
        while taken.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    def clean(self) -> dict:
        from wiec.panels.services import panel_problems

        data = super().clean()
        draft = CitizensPanel(**{f: data.get(f) for f in self._meta.fields if f in data})
        for field, errors in panel_problems(draft).items():
            if field in self.fields and field not in self.errors:
                for error in errors:
                    self.add_error(field, error)
        return data


class QuestionForm(forms.Form):
    label = forms.CharField(label=_("Question"), max_length=200)
    answers = forms.CharField(
        label=_("Answers"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One answer per line, at least two."),
    )
    key = forms.SlugField(
        label=_("Key (optional)"),
        max_length=40,
        required=False,
        help_text=_("The column name in CSV files; made from the question if left empty."),
    )

    @classmethod
    def for_feature(cls, feature: Feature, *args, **kwargs) -> QuestionForm:
        initial = {
            "label": feature.label,
            "key": feature.key,
            "answers": "\n".join(v.label for v in feature.values.all()),
        }
        return cls(*args, initial=initial, **kwargs)

    def answer_lines(self) -> list[str]:
        return self.cleaned_data["answers"].splitlines()


class ClaimForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the letter"),
        max_length=20,
        help_text=_("Ten letters and digits, e.g. ACDEF-GHJKL."),
    )


class SpacePostForm(forms.Form):
    """A post in the panel's online space: a discussion or a question to the experts."""

    kind = forms.ChoiceField(
        label=_("What is it?"),
        choices=PostKind.choices,
        initial=PostKind.DISCUSSION,
        widget=forms.RadioSelect,
    )
    topic = forms.CharField(
        label=_("Topic"), max_length=120, widget=forms.TextInput(attrs={"list": "space-topics"})
    )
    text = forms.CharField(
        label=_("Your post"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5})
    )


class SpaceAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("The experts' answer"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
