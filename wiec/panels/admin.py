from django.contrib import admin

from wiec.panels.models import CitizensPanel, Feature, FeatureValue


class FeatureInline(admin.TabularInline):
    model = Feature
    extra = 0


@admin.register(CitizensPanel)
class CitizensPanelAdmin(admin.ModelAdmin):
    list_display = ["topic", "recruitment_starts", "panel_size"]
    prepopulated_fields = {"slug": ["topic"]}
    inlines = [FeatureInline]


class FeatureValueInline(admin.TabularInline):
    model = FeatureValue
    extra = 0


@admin.register(Feature)
class FeatureAdmin(admin.ModelAdmin):
    list_display = ["label", "panel", "key", "kind"]
    inlines = [FeatureValueInline]
