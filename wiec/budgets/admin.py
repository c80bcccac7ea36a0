from django import forms
from django.contrib import admin
from django.utils.translation import ngettext

from wiec.budgets.models import (
    Appeal,
    Category,
    Comment,
    CostItem,
    Edition,
    EditionPhase,
    Pool,
    Proposal,
    VerificationSheet,
)
from wiec.budgets.selectors import uses_elsewhere


class PhaseInline(admin.TabularInline):
    model = EditionPhase
    extra = 0


class PoolInline(admin.TabularInline):
    model = Pool
    extra = 0
    fields = [
        "kind",
        "name",
        "district",
        "amount",
        "counting_rule",
        "ballot_type",
        "max_choices",
        "points",
        "points_budget",
        "min_votes",
        "support_required",
    ]


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "support_signatures", "appeal_days"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["accepted_policies"]
    inlines = [PhaseInline, PoolInline]


class CostItemInline(admin.TabularInline):
    model = CostItem
    extra = 0


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "edition", "pool", "status", "cost"]
    list_filter = ["edition", "status", "pool"]
    search_fields = ["title"]
    # Co-authors join only by accepting an invitation (services.accept_coauthorship).
    readonly_fields = ["status", "coauthors"]
    raw_id_fields = ["author"]
    inlines = [CostItemInline]


class CategoryAdminForm(forms.ModelForm):
    """Refuses to move a category that another municipality's proposals use (the
    database refuses it too, ``budgets/0023_category_move_guard``): said on the form."""

    class Meta:
        model = Category
        fields = ["city", "name"]

    def clean_city(self):
        city = self.cleaned_data.get("city")
        used = uses_elsewhere(self.instance, city.pk if city else None)
        if used:
            raise forms.ValidationError(
                ngettext(
                    "%(count)d proposal of another municipality uses this category, so it "
                    "cannot be moved to %(city)s; leave it where it is, or make it shared "
                    "(no municipality).",
                    "%(count)d proposals of other municipalities use this category, so it "
                    "cannot be moved to %(city)s; leave it where it is, or make it shared "
                    "(no municipality).",
                    used,
                ),
                code="in_use_elsewhere",
                params={"count": used, "city": city},
            )
        return city


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    """The shared vocabulary (no municipality) and each municipality's own words."""

    form = CategoryAdminForm
    list_display = ["name", "city"]
    list_filter = [("city", admin.EmptyFieldListFilter), "city"]
    search_fields = ["name"]


admin.site.register(VerificationSheet)
admin.site.register(Appeal)
admin.site.register(Comment)
