from django.contrib import admin

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


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    """The shared vocabulary (no municipality) and each municipality's own words."""

    list_display = ["name", "city"]
    list_filter = [("city", admin.EmptyFieldListFilter), "city"]
    search_fields = ["name"]


admin.site.register(VerificationSheet)
admin.site.register(Appeal)
admin.site.register(Comment)
