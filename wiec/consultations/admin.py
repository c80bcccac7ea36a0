from django.contrib import admin

from wiec.consultations.models import (
    AnnualPlan,
    Consultation,
    ConsultationRequest,
    ConsultationSettings,
    MapCategory,
    Topic,
)

admin.site.register(ConsultationSettings)
admin.site.register(Topic)
admin.site.register(AnnualPlan)
admin.site.register(MapCategory)


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ["title", "district", "starts_on", "ends_on"]
    list_filter = ["topic", "district"]


@admin.register(ConsultationRequest)
class ConsultationRequestAdmin(admin.ModelAdmin):
    list_display = ["title", "district", "status", "answer_due_on"]
    readonly_fields = ["author", "answered_by"]
