from django.contrib import admin

from wiec.places.models import City, District


class DistrictInline(admin.TabularInline):
    model = District
    extra = 0
    prepopulated_fields = {"slug": ("name",)}


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "teryt", "domain", "population", "office_name"]
    prepopulated_fields = {"slug": ("name",)}
    inlines = [DistrictInline]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "number", "city", "population"]
    list_filter = ["city"]
    search_fields = ["name"]
