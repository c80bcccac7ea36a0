"""Forms: they parse what people type; the services check the rules and store it."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wiec.budgets import explanations
from wiec.budgets.models import (
    MAX_POINTS,
    Category,
    Edition,
    InvitationStatus,
    Outcome,
    Pool,
    PoolKind,
    ProjectProgress,
    Proposal,
    Status,
    VotingSettings,
)
from wiec.budgets.money import format_pln, parse_pln
from wiec.budgets.phases import ORDER
from wiec.budgets.results import rule_fits
from wiec.budgets.selectors import ProposalOrder
from wiec.core.honeypot import HoneypotForm
from wiec.core.numbers import (
    AsciiFloatField,
    IdChoiceField,
    WholeNumberField,
    formfield_for,
    whole_or_none,
)
from wiec.places.models import District
from wiec.places.selectors import current_city


class MoneyField(forms.CharField):
    """An amount in złoty, typed Polish-style; cleaned to integer grosze."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", _("In złoty, for example 12 500,00."))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            return format_pln(value).replace(" zł", "")
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        return parse_pln(value)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


#: Rows of the cost estimate on a new form; "Add a row" gives more, up to the most.
COST_ROWS = 3
MAX_COST_ROWS = 40
_COST_KEY = re.compile(r"^cost_([0-9]{1,3})_(item|amount)$")


class ProposalForm(HoneypotForm):
    title = forms.CharField(label=_("Title"), max_length=150)
    pool = IdChoiceField(label=_("Pool"), queryset=Pool.objects.none())
    category = IdChoiceField(label=_("Category"), queryset=Category.objects.all(), required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 8}))
    beneficiaries = forms.CharField(
        label=_("Who will benefit"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    address = forms.CharField(
        label=_("Address or place"),
        max_length=300,
        required=False,
        help_text=_("For example: ul. Limanowskiego 10, or the park by the Vistula."),
    )
    latitude = AsciiFloatField(
        label=_("Latitude"),
        required=False,
        help_text=_("Optional. Click the map to fill in, or type it, e.g. 50.0411."),
    )
    longitude = AsciiFloatField(label=_("Longitude"), required=False)
    coauthors = forms.CharField(
        label=_("Invite co-authors"),
        required=False,
        help_text=_(
            "E-mail addresses, separated by commas. Each person gets an invitation and "
            "becomes a co-author only after accepting it."
        ),
    )
    images = MultipleFileField(
        label=_("Images"), help_text=_("JPEG, PNG, WebP or GIF, at most 5 MB each.")
    )
    attachments = MultipleFileField(
        label=_("Attachments"), help_text=_("PDF or images, at most 5 MB each.")
    )

    cost_row_count = WholeNumberField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.fields["pool"].queryset = edition.pools.select_related("district")
        self.fields["category"].queryset = Category.objects.for_city(edition.city_id)
        self.rows = self._row_count()
        self.initial["cost_row_count"] = self.rows
        for i in range(self.rows):
            self.fields[f"cost_{i}_item"] = forms.CharField(
                label=_("Cost item %(n)s") % {"n": i + 1}, max_length=200, required=False
            )
            self.fields[f"cost_{i}_amount"] = MoneyField(
                label=_("Amount of item %(n)s") % {"n": i + 1}, required=False
            )

    def _row_count(self) -> int:
        """As many rows as the form had (posted or initial), at least one."""
        source = self.data if self.is_bound else self.initial
        rows = whole_or_none(source.get("cost_row_count") or "", maximum=MAX_COST_ROWS) or 0
        if not rows:
            indices = [int(m[1]) for key in source if (m := _COST_KEY.match(key))]
            rows = max(indices, default=COST_ROWS - 1) + 1
        return max(1, min(rows, MAX_COST_ROWS))

    def cost_rows(self):
        return [(i, self[f"cost_{i}_item"], self[f"cost_{i}_amount"]) for i in range(self.rows)]

    def can_add_row(self) -> bool:
        return self.rows < MAX_COST_ROWS

    def cost_total(self) -> int | None:
        """The sum of the amounts as typed so far (grosze), None when none can be read."""
        total, any_amount = 0, False
        for i in range(self.rows):
            value = self[f"cost_{i}_amount"].value()
            if value in (None, ""):
                continue
            try:
                amount = value if isinstance(value, int) else parse_pln(str(value))
            except (ValueError, forms.ValidationError):
                continue
            if amount is not None and amount > 0:
                total, any_amount = total + amount, True
        return total if any_amount else None

    @classmethod
    def rearranged(cls, data, *, add: bool = False, remove: int | None = None) -> dict:
        """The posted values as the initial values of a form with one row more (``add``)
        or without row ``remove``: "Add a row" and "Remove" work without JavaScript."""
        initial = {
            key: data.get(key)
            for key in data
            if not _COST_KEY.match(key) and key not in ("csrfmiddlewaretoken", "cost_row_count")
        }
        posted = whole_or_none(data.get("cost_row_count") or "", maximum=MAX_COST_ROWS) or 0
        count = max([posted] + [int(m[1]) + 1 for key in data if (m := _COST_KEY.match(key))])
        kept = [
            (data.get(f"cost_{i}_item", ""), data.get(f"cost_{i}_amount", ""))
            for i in range(min(count, MAX_COST_ROWS))
            if i != remove
        ]
        if add and len(kept) < MAX_COST_ROWS:
            kept.append(("", ""))
        for i, (item, amount) in enumerate(kept):
            initial[f"cost_{i}_item"] = item
            initial[f"cost_{i}_amount"] = amount
        initial["cost_row_count"] = max(1, len(kept))
        return initial

    def main_fields(self):
        return [f for f in self.visible_fields() if not f.name.startswith("cost_")]

    def clean_coauthors(self) -> list[str]:
        """The addresses as typed; the service checks them (and never says which have accounts)."""
        text = self.cleaned_data["coauthors"]
        return [e.strip() for e in re.split(r"[,;\s]+", text) if e.strip()]

    def clean(self):
        data = super().clean()
        items = []
        for i in range(self.rows):
            item = (data.get(f"cost_{i}_item") or "").strip()
            amount = data.get(f"cost_{i}_amount")
            if not item and amount is None:
                continue
            if not item:
                self.add_error(f"cost_{i}_item", _("Name the item."))
            elif amount is None:
                self.add_error(f"cost_{i}_amount", _("Give the amount."))
            elif amount <= 0:
                self.add_error(f"cost_{i}_amount", _("The amount must be more than zero."))
            items.append((item, amount))
        data["cost_items"] = items
        return data

    @classmethod
    def initial_for(cls, proposal: Proposal) -> dict:
        initial = {
            "title": proposal.title,
            "pool": proposal.pool_id,
            "category": proposal.category_id,
            "description": proposal.description,
            "beneficiaries": proposal.beneficiaries,
            "address": proposal.address,
            "latitude": proposal.latitude,
            "longitude": proposal.longitude,
            "coauthors": ", ".join(
                i.email
                for i in proposal.coauthor_invitations.all()
                if i.status != InvitationStatus.DECLINED
            ),
        }
        items = list(proposal.cost_items.all()[:MAX_COST_ROWS])
        for i, item in enumerate(items):
            initial[f"cost_{i}_item"] = item.description
            initial[f"cost_{i}_amount"] = item.amount
        initial["cost_row_count"] = min(len(items) + 1, MAX_COST_ROWS)
        return initial


class SupportListForm(forms.Form):
    scan = forms.FileField(label=_("Scan of the signed list"), help_text=_("PDF or image."))
    declared_signatures = WholeNumberField(label=_("Number of signatures"), min_value=1)


class FormalReviewForm(forms.Form):
    passed = forms.TypedChoiceField(
        label=_("Formal check"),
        choices=[("1", _("passed")), ("0", _("failed: negative outcome"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    notes = forms.CharField(
        label=_("Notes and, if failed, the justification"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(self, *args, support_lists=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.support_lists = list(support_lists)
        for support_list in self.support_lists:
            self.fields[f"list_{support_list.pk}"] = WholeNumberField(
                label=_("Valid signatures on paper list %(n)s (declared: %(declared)s)")
                % {"n": support_list.pk, "declared": support_list.declared_signatures},
                min_value=0,
                initial=support_list.declared_signatures,
            )

    def accepted_signatures(self) -> dict[int, int]:
        return {s.pk: self.cleaned_data[f"list_{s.pk}"] for s in self.support_lists}


class MeritReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label=pgettext_lazy("result", "Outcome"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    unit = forms.CharField(
        label=_("Responsible unit"),
        max_length=200,
        required=False,
        help_text=_("For example: Zarząd Zieleni Miejskiej."),
    )
    justification = forms.CharField(
        label=_("Justification"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Required for a negative outcome; it is published."),
    )
    changes = forms.CharField(
        label=_("Changes needed"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    adjusted_cost = MoneyField(label=_("Adjusted cost"), required=False)


class AppealForm(forms.Form):
    reasons = forms.CharField(
        label=_("Your answer to the reasons for the negative outcome"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
    )


class AppealDecisionForm(forms.Form):
    upheld = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("uphold the appeal")), ("0", _("reject the appeal"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    justification = forms.CharField(
        label=_("Justification"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )


class CommentForm(HoneypotForm):
    text = forms.CharField(
        label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=3000
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


ALL = pgettext_lazy("filter", "all")


class FilterForm(forms.Form):
    pool = IdChoiceField(
        label=_("Pool"), queryset=Pool.objects.none(), required=False, empty_label=ALL
    )
    district = IdChoiceField(
        label=_("District"), queryset=District.objects.none(), required=False, empty_label=ALL
    )
    category = IdChoiceField(
        label=_("Category"), queryset=Category.objects.all(), required=False, empty_label=ALL
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", ALL)] + [c for c in Status.choices if c[0] != Status.DRAFT],
        required=False,
    )
    sort = forms.ChoiceField(label=_("Order"), choices=ProposalOrder.choices, required=False)

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pool"].queryset = edition.pools.all()
        self.fields["district"].queryset = District.objects.filter(city=edition.city)
        used = Proposal.objects.filter(edition=edition).values("category")
        self.fields["category"].queryset = Category.objects.for_city(edition.city_id).filter(
            pk__in=used
        )
        if not edition.support_signatures:
            self.fields["sort"].choices = [
                c for c in ProposalOrder.choices if c[0] != ProposalOrder.SUPPORT
            ]

    def params(self) -> dict[str, str]:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "pool": data["pool"].pk if data.get("pool") else "",
            "district": data["district"].pk if data.get("district") else "",
            "category": data["category"].pk if data.get("category") else "",
            "status": data.get("status") or "",
            "sort": data.get("sort") or "",
        }


class ImplementationFilterForm(forms.Form):
    """The filters of "where the money went": edition (year), district, status."""

    edition = IdChoiceField(
        label=_("Edition"), queryset=Edition.objects.all(), required=False, empty_label=ALL
    )
    district = IdChoiceField(
        label=_("District"), queryset=District.objects.all(), required=False, empty_label=ALL
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", ALL), *ProjectProgress.choices], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        city = current_city()
        self.fields["edition"].queryset = Edition.objects.filter(
            city=city, proposals__implementation__isnull=False
        ).distinct()
        carried = Pool.objects.filter(edition__city=city, proposals__implementation__isnull=False)
        self.fields["district"].queryset = District.objects.filter(
            pk__in=carried.values("district")
        ).order_by("number", "name")

    def params(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


def reserved_addresses() -> set[str]:
    """The first parts of the budget's fixed addresses (``kategorie``, ``realizacja``):
    an edition there would be hidden behind the page of that name."""
    from wiec.budgets.urls import urlpatterns

    heads = (str(p.pattern).split("/", 1)[0] for p in urlpatterns)
    return {head for head in heads if head and "<" not in head}


class EditionForm(forms.ModelForm):
    class Meta:
        formfield_callback = formfield_for
        model = Edition
        fields = [
            "name",
            "slug",
            "description",
            "resolution",
            "who_may_submit",
            "who_may_support",
            "who_may_vote",
            "accepted_policies",
            "age_rule",
            "minimum_age",
            "support_signatures",
            "appeal_days",
        ]
        widgets = {"accepted_policies": forms.CheckboxSelectMultiple}

    def __init__(self, *args, city, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accepted_policies"].queryset = self.fields[
            "accepted_policies"
        ].queryset.filter(city=city)
        for phase_type in ORDER:
            phase = self.instance.phase(phase_type) if self.instance.pk else None
            label = phase_type.label
            self.fields[f"{phase_type}_starts"] = forms.DateField(
                label=_("%(phase)s: first day") % {"phase": label},
                required=False,
                initial=phase.starts_on if phase else None,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )
            self.fields[f"{phase_type}_ends"] = forms.DateField(
                label=_("%(phase)s: last day") % {"phase": label},
                required=False,
                initial=phase.ends_on if phase else None,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if slug in reserved_addresses():
            raise forms.ValidationError(
                _("This address is taken by another page of the participatory budget."),
                code="reserved",
            )
        return slug

    def clean(self):
        data = super().clean()
        if data.get("age_rule") and not data.get("minimum_age"):
            self.add_error("minimum_age", _("Give the minimum age the resolution names."))
        for phase_type in ORDER:
            starts, ends = data.get(f"{phase_type}_starts"), data.get(f"{phase_type}_ends")
            if bool(starts) != bool(ends):
                self.add_error(f"{phase_type}_ends", _("Give both the first and the last day."))
        return data

    def phases(self) -> dict:
        data = self.cleaned_data
        return {
            t: (data[f"{t}_starts"], data[f"{t}_ends"])
            for t in ORDER
            if data.get(f"{t}_starts") and data.get(f"{t}_ends")
        }


class PoolForm(forms.ModelForm):
    amount = MoneyField(label=_("Amount"))
    min_project_cost = MoneyField(label=_("Minimum project cost"), required=False)
    max_project_cost = MoneyField(label=_("Maximum project cost"), required=False)

    class Meta:
        formfield_callback = formfield_for
        model = Pool
        fields = [
            "kind",
            "name",
            "district",
            "amount",
            "counting_rule",
            "ballot_type",
            "max_choices",
            "min_choices",
            "points",
            "points_budget",
            "min_votes",
            "min_project_cost",
            "max_project_cost",
            "support_required",
        ]

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.edition = edition
        self.fields["district"].queryset = District.objects.filter(city=edition.city)
        self.fields["kind"].choices = PoolKind.choices
        self.fields["counting_rule"].choices = explanations.rule_choices()
        self.fields["counting_rule"].help_text = _(
            "How each rule works is explained below the form."
        )
        self.fields["points_budget"].widget.attrs.update(min=1, max=MAX_POINTS)
        self.fields["points_budget"].help_text = _(
            "Required for a cumulative ballot: from 1 to %(max)s."
        ) % {"max": MAX_POINTS}

    def clean_min_project_cost(self):
        return self.cleaned_data.get("min_project_cost") or 0

    def clean(self):
        data = super().clean()
        rule, ballot_type = data.get("counting_rule"), data.get("ballot_type")
        if rule and ballot_type and not rule_fits(rule, ballot_type):
            self.add_error(
                "counting_rule",
                explanations.error_message(
                    "unsupported_vote_type",
                    {"rule": rule, "vote_type": str(ballot_type).replace("choose_one", "choose-1")},
                ),
            )
        return data


class VotingSettingsForm(forms.ModelForm):
    """The resolution's voting rules an official sets for an edition (no code needed)."""

    class Meta:
        formfield_callback = formfield_for
        model = VotingSettings
        fields = ["ballot_changeable", "identity_required", "one_district", "duplicate_rule"]
        widgets = {"duplicate_rule": forms.RadioSelect}


class CategoryForm(forms.Form):
    """The name of a municipality's own proposal category (to add or to rename)."""

    name = forms.CharField(
        label=_("Category name"),
        max_length=100,
        help_text=_(
            "Up to 100 characters. Residents choose it when they submit a proposal and "
            "filter the list of proposals by it."
        ),
    )
