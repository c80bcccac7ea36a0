from django.contrib import admin

from wiec.commitments.models import Commitment, CommitmentUpdate


class UpdateInline(admin.TabularInline):
    model = CommitmentUpdate
    extra = 0
    fields = ("day", "status", "text", "link")


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ("title", "tool", "year", "status", "planned_on", "owner_unit")
    list_filter = ("tool", "status", "year")
    search_fields = ("title", "owner_unit")
    exclude = ("source_type", "source_id")
    inlines = [UpdateInline]
