from django.contrib import admin

from wiec.initiatives.models import Application, Contact, InitiativePool


@admin.register(InitiativePool)
class PoolAdmin(admin.ModelAdmin):
    list_display = ["year", "city", "amount_grosze", "weight_work"]
    list_filter = ["city"]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "area", "city"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "city"]
    list_filter = ["status", "city"]
    readonly_fields = ["ledger", "applicant"]
