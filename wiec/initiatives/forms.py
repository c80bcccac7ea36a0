"""Forms of residents' initiatives: they parse what people type, services decide.

The paper signature and the check are the shared forms of ``wiec.commons``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wiec.commons.contributions import Item
from wiec.commons.models import ContributionKind, Party
from wiec.commons.money import format_pln, parse_pln
from wiec.core.honeypot import HoneypotForm
from wiec.core.numbers import AsciiFloatField, WholeNumberField
from wiec.initiatives.models import (
    MAX_POINTS,
    AdviceKind,
    ApplicationStatus,
    Convener,
    Criterion,
    InitiativeArea,
)


class MoneyField(forms.CharField):
    """An amount in złoty typed Polish-style, cleaned to grosze."""

    def to_python(self, value):
        value = super().to_python(value)
        return parse_pln(value) if value not in self.empty_values else None


class ApplicationForm(HoneypotForm):
    group = forms.CharField(
        label=_("The group or organisation"),
        max_length=300,
        help_text=_("The residents applying, or the NGO applying on their behalf."),
    )
    title = forms.CharField(label=_("What do you want to do?"), max_length=200)
    area = forms.ChoiceField(label=_("Area"))
    description = forms.CharField(label=_("Description of the work"), widget=forms.Textarea)
    place = forms.CharField(label=_("Where"), max_length=300)
    latitude = AsciiFloatField(label=_("Latitude"), required=False)
    longitude = AsciiFloatField(label=_("Longitude"), required=False)
    justification = forms.CharField(
        label=_("Why: what will the neighbourhood gain?"), widget=forms.Textarea
    )
    schedule = forms.CharField(label=_("Timetable"), widget=forms.Textarea(attrs={"rows": 3}))
    total = MoneyField(
        label=_("Total cost of the task"),
        help_text=_("In złoty, for example 48 000,00. The items below must add up to it."),
    )

    def __init__(self, *args, pool=None, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = set(pool.areas) if pool else set()
        self.fields["area"].choices = [("", "—")] + [
            c for c in InitiativeArea.choices if c[0] in allowed
        ]


KINDS = [(k, v) for k, v in ContributionKind.choices]


class LineForm(forms.Form):
    """One line of contributions; an empty line is skipped."""

    kind = forms.ChoiceField(label=_("Kind"), choices=KINDS, required=False)
    description = forms.CharField(label=_("Item"), max_length=300, required=False)
    hours = WholeNumberField(label=_("Hours"), required=False, min_value=1, max_value=100000)
    value = MoneyField(label=_("Value (zł)"), required=False)

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not (data.get("description") or data.get("hours") or data.get("value"))


class CityLineForm(LineForm):
    """A line of the city's costs: money, so no kind and no hours."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["kind"], self.fields["hours"]


#: At most 30 lines each: a form claiming more (TOTAL_FORMS) is refused with a message,
#: not built line by line up to Django's own limit of a thousand.
ResidentLines = forms.formset_factory(
    LineForm, extra=6, max_num=30, absolute_max=30, validate_max=True
)
CityLines = forms.formset_factory(
    CityLineForm, extra=4, max_num=30, absolute_max=30, validate_max=True
)


def items_of(resident_lines, city_lines) -> list[Item]:
    items = []
    for party, formset in ((Party.RESIDENTS, resident_lines), (Party.CITY, city_lines)):
        for form in formset:
            if form.is_blank():
                continue
            data = form.cleaned_data
            items.append(
                Item(
                    party=party,
                    kind=data.get("kind") or ContributionKind.MONEY,
                    description=data.get("description") or "",
                    hours=data.get("hours"),
                    value_grosze=data.get("value"),
                )
            )
    return items


class ScoreForm(forms.Form):
    def __init__(self, *args, weights=None, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in Criterion.choices:
            weight = (weights or {}).get(key, 0)
            self.fields[f"{key}_points"] = WholeNumberField(
                label=_("%(criterion)s: points (0–%(max)s, weight %(weight)s)")
                % {"criterion": label, "max": MAX_POINTS, "weight": weight},
                min_value=0,
                max_value=MAX_POINTS,
            )
            self.fields[f"{key}_why"] = forms.CharField(
                label=_("%(criterion)s: justification") % {"criterion": label},
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def scores(self) -> dict[str, tuple[int, str]]:
        return {
            key: (self.cleaned_data[f"{key}_points"], self.cleaned_data[f"{key}_why"])
            for key in Criterion.values
        }


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            (ApplicationStatus.ACCEPTED, _("accept")),
            (ApplicationStatus.CHANGES, _("accept with changes")),
            (ApplicationStatus.REJECTED, _("reject")),
        ],
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required for a rejection or for changes; the group reads them."),
    )


class AgreementForm(forms.Form):
    note = forms.CharField(label=_("What changed"), max_length=300)

    def __init__(self, *args, clauses=(), **kwargs):
        super().__init__(*args, **kwargs)
        for clause in clauses:
            self.fields[clause["key"]] = forms.CharField(
                label=clause["heading"],
                initial=clause["text"],
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        self.order_fields([c["key"] for c in clauses] + ["note"])


class UpdateForm(forms.Form):
    text = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))
    photo = forms.ImageField(label=_("Photo"), required=False)
    photo_alt = forms.CharField(label=_("What the photo shows"), max_length=200, required=False)


class HoursForm(forms.Form):
    volunteer = forms.CharField(label=_("Volunteer"), max_length=150)
    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    hours = WholeNumberField(label=_("Hours"), min_value=1, max_value=24)
    task = forms.CharField(label=_("Work done"), max_length=300)


class ReportForm(forms.Form):
    report = forms.CharField(
        label=_("Final report"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What was done, by whom, and what the neighbourhood has now."),
    )


class ResolutionRulesForm(forms.Form):
    resolution_title = forms.CharField(label=_("The city's resolution"), max_length=300)
    threshold = WholeNumberField(label=_("Signatures needed"), min_value=1, max_value=1_000_000)
    online_counts = forms.BooleanField(
        label=_("Online support counts as a signature"), required=False
    )
    promotion_rules = forms.CharField(label=_("Rules of promotion"), widget=forms.Textarea)
    list_rules = forms.CharField(
        label=_("Form of the signature lists"), widget=forms.Textarea, required=False
    )


class RegisterForm(forms.Form):
    committee = forms.CharField(label=_("Name of the committee"), max_length=300)
    members = forms.CharField(
        label=_("Members of the committee"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line."),
    )
    representatives = forms.CharField(
        label=_("Representatives"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Who speaks for the committee; one per line."),
    )
    title = forms.CharField(label=_("Title of the draft resolution"), max_length=300)
    draft = forms.CharField(label=_("Draft resolution"), widget=forms.Textarea)
    justification = forms.CharField(label=_("Justification (uzasadnienie)"), widget=forms.Textarea)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=pgettext_lazy("council", "Outcome"),
        widget=forms.RadioSelect,
        choices=[
            ("adopted", _("adopted")),
            ("amended", _("adopted with amendments")),
            ("rejected", pgettext_lazy("resolution", "rejected")),
        ],
    )
    session = forms.CharField(label=_("Session"), max_length=200)
    vote = forms.CharField(
        label=pgettext_lazy("council", "Vote"),
        max_length=200,
        required=False,
        help_text=_("For example 15–3–2."),
    )
    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))


class CalculatorForm(forms.Form):
    residents = WholeNumberField(label=_("Lm: residents on 30 June"), min_value=0, max_value=10**7)
    kb = MoneyField(label=_("Kb: executed current revenue per resident (zł)"))


class TaskLine(forms.Form):
    """One task of the assembly's request with its cost; an empty line is skipped, half
    a line is refused (it was dropped without a word)."""

    task = forms.CharField(label=_("Task"), max_length=300, required=False)
    cost = MoneyField(label=_("Cost (zł)"), required=False)

    def clean(self):
        data = super().clean()
        task, cost = data.get("task"), data.get("cost")
        if task and not cost and "cost" not in self.errors:
            self.add_error("cost", _("Give the cost of this task."))
        if cost and not task and "task" not in self.errors:
            self.add_error("task", _("Name the task this cost is for."))
        return data


#: At most 20 tasks: a form claiming more (TOTAL_FORMS) is refused with a message.
TaskLines = forms.formset_factory(TaskLine, extra=4, max_num=20, absolute_max=20, validate_max=True)


class AssemblyRequestForm(forms.Form):
    assembly_on = forms.DateField(
        label=_("Date of the village assembly"), widget=forms.DateInput(attrs={"type": "date"})
    )
    convened_by = forms.ChoiceField(label=_("Convened by"), choices=Convener.choices)
    justification = forms.CharField(label=_("Justification"), widget=forms.Textarea)


class FundDecisionForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("accept the request")), ("0", _("refuse the request"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=_("Reasons"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ProgressForm(forms.Form):
    progress = forms.CharField(label=_("Realisation"), widget=forms.Textarea(attrs={"rows": 3}))
    realised = forms.BooleanField(label=_("All tasks are done"), required=False)


def draft_initial(application) -> tuple[dict, list[dict], list[dict]]:
    """A saved draft as the application form's initial data and its two sets of lines."""

    def money(grosze):
        return format_pln(grosze) if grosze else ""

    fields = {
        name: getattr(application, name)
        for name in ("group", "title", "area", "description", "place", "justification")
    }
    fields.update(
        schedule=application.schedule,
        latitude=application.latitude,
        longitude=application.longitude,
        total=money(application.total_grosze),
    )
    residents, city = [], []
    for row in application.ledger.items.order_by("position"):
        if row.party == Party.CITY:
            city.append({"description": row.description, "value": money(row.value_grosze)})
        else:
            residents.append(
                {
                    "kind": row.kind,
                    "description": row.description,
                    "hours": row.hours or "",
                    "value": "" if row.hours else money(row.value_grosze),
                }
            )
    return fields, residents, city


class AdviceForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What are you recording?"),
        choices=AdviceKind.choices,
        widget=forms.RadioSelect,
        initial=AdviceKind.COMMENT,
    )
    text = forms.CharField(
        label=pgettext_lazy("incubator", "Advice"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What to change in the draft, or what was agreed at the meeting."),
    )
    met_on = forms.DateField(
        label=_("Date of the meeting"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    meeting_place = forms.CharField(label=_("Place of the meeting"), max_length=200, required=False)


class PoolForm(forms.Form):
    year = WholeNumberField(label=_("Year"), min_value=2000, max_value=2100)
    resolution_title = forms.CharField(
        label=_("Council's resolution"),
        max_length=300,
        help_text=_("The resolution on the procedure and criteria (art. 19c ust. 1)."),
    )
    resolution_url = forms.URLField(
        label=_("Link to the resolution"),
        required=False,
        assume_scheme="https",
        help_text=_("For example its page in the Public Information Bulletin (BIP)."),
    )
    amount_grosze = MoneyField(label=_("Amount of the pool (zł)"))
    work_rate_grosze = MoneyField(label=_("Value of one hour of social work (zł)"))
    areas = forms.MultipleChoiceField(
        label=_("Allowed areas"),
        choices=InitiativeArea.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    weight_work = WholeNumberField(label=_("Weight: social work"), min_value=0, max_value=100)
    weight_other = WholeNumberField(
        label=_("Weight: other contributions"), min_value=0, max_value=100
    )
    weight_usefulness = WholeNumberField(label=_("Weight: usefulness"), min_value=0, max_value=100)
    weight_feasibility = WholeNumberField(
        label=_("Weight: feasibility"), min_value=0, max_value=100
    )


class FundYearForm(forms.Form):
    budget_year = WholeNumberField(label=_("Budget year"), min_value=2015, max_value=2100)
    council_resolution = forms.CharField(
        label=_("Council's consent"),
        max_length=300,
        help_text=_("The resolution consenting to the fund (by 31 March of the year before)."),
    )
    kb_grosze = MoneyField(label=_("Kb: executed current revenue per resident (T−2), zł"))
    kb_as_of = forms.DateField(
        label=_("Kb reported on"), widget=forms.DateInput(attrs={"type": "date"})
    )


class ResidentsLine(forms.Form):
    """One sołectwo's Lm on the fund year's screen; an empty line is skipped."""

    solectwo = forms.IntegerField(widget=forms.HiddenInput)
    residents = WholeNumberField(
        label=_("Lm: residents on 30 June"), min_value=0, max_value=10**6, required=False
    )
    residents_as_of = forms.DateField(
        label=_("Counted on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


ResidentsLines = forms.formset_factory(ResidentsLine, extra=0)
