from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wiec.budgets.money import format_pln, parse_pln
from wiec.commitments.models import Acceptance, CommitmentStatus, Verdict
from wiec.core.honeypot import HoneypotForm


class MoneyField(forms.CharField):
    """An amount in złoty typed Polish-style; cleaned to grosze (``None`` when empty)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.update({"maxlength": "30", "inputmode": "decimal"})

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        return parse_pln(value)

    def prepare_value(self, value):
        return format_pln(value) if isinstance(value, int) else value


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class UpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=CommitmentStatus.choices)
    day = forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)
    text = forms.CharField(
        label=_("What happened"),
        help_text=_("For an abandoned commitment, say why."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )
    money_spent = MoneyField(label=_("Spent so far (zł)"), required=False)
    photo = forms.FileField(label=_("Photo"), required=False)
    document = forms.FileField(label=_("Document (PDF)"), required=False)
    link = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")


class PlanForm(forms.Form):
    owner_unit = forms.CharField(label=_("Responsible unit"), required=False, max_length=200)
    planned_on = forms.DateField(label=_("Planned completion"), required=False, widget=DateInput())
    money_planned = MoneyField(label=_("Money planned (zł)"), required=False)
    acceptance = forms.ChoiceField(label=_("Accepted"), choices=Acceptance.choices)


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your question to the responsible unit"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=3000,
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=pgettext_lazy("noun", "Answer"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )


class AssessmentForm(forms.Form):
    verdict = forms.ChoiceField(label=_("The panel's assessment"), choices=Verdict.choices)
    note = forms.CharField(
        label=_("Justification"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class OversightForm(forms.Form):
    commitments = forms.ModelMultipleChoiceField(
        label=_("Commitments to oversee"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commitments"].queryset = queryset


class PopulationForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    file = forms.FileField(
        label=_("CSV file"),
        required=False,
        help_text=_("Columns: wymiar, grupa, liczba (for example: dzielnica, podgorze, 12000)."),
    )
    text = forms.CharField(
        label=_("Or type the figures"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        help_text=_("The same columns, one group a line, the header first."),
    )

    def clean(self):
        data = super().clean()
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Choose a file or type the figures."), code="empty")
        return data


SCALE = [
    (1, _("1 – not at all")),
    (2, "2"),
    (3, "3"),
    (4, "4"),
    (5, _("5 – fully")),
]


class EvaluationForm(forms.Form):
    """The standard questions, then the tool's own, each on a scale from 1 to 5."""

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        for key, text in questions:
            self.fields[key] = forms.TypedChoiceField(
                label=text, choices=SCALE, coerce=int, widget=forms.RadioSelect
            )
        self.fields["comment"] = forms.CharField(
            label=_("Anything else? (optional)"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
            max_length=3000,
        )


class StrategyImportForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_year = forms.IntegerField(label=_("From year"), min_value=1990, max_value=2100)
    ends_year = forms.IntegerField(label=_("To year"), min_value=1990, max_value=2100)
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: typ, cel, nazwa, jednostka, rok, wartosc, docelowo_rok, docelowo, zrodlo, "
            "odpowiedzialni, termin; a row of type cel, miernik, wartosc or zadanie."
        ),
    )


class CommentForm(HoneypotForm):
    text = forms.CharField(
        label=_("Your comment on this goal"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=3000,
    )


class ValueForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    value = forms.DecimalField(label=_("Value"), max_digits=14, decimal_places=2)
    source = forms.CharField(label=_("Source"), max_length=300)


class IntroductionForm(forms.Form):
    introduction = forms.CharField(
        label=_("Introduction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
    )
