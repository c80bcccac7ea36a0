from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from wiec.accounts.models import IdentityPolicy, ResidencyDeclaration, RoleAssignment, User


class RoleForm(forms.ModelForm):
    class Meta:
        model = RoleAssignment
        fields = ["city", "role", "districts"]

    def clean(self) -> dict:
        data = super().clean()
        city, districts = data.get("city"), data.get("districts") or []
        if city is not None and any(d.city_id != city.pk for d in districts):
            raise forms.ValidationError(
                _("An official's districts must lie in the municipality of the role."),
                code="district_of_another_city",
            )
        return data


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    form = RoleForm
    fk_name = "user"
    extra = 0
    filter_horizontal = ["districts"]
    exclude = ["granted_by"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "district", "is_active"]
    search_fields = ["email", "display_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profile"), {"fields": ["display_name", "district", "language"]}),
        (_("Notifications"), {"fields": ["email_delivery", "email_kinds", "last_digest_at"]}),
        (_("Access"), {"fields": ["is_active", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    list_filter = ["is_active", "is_superuser"]
    filter_horizontal: list[str] = []
    inlines = [RoleInline]


@admin.register(IdentityPolicy)
class IdentityPolicyAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "city",
        "is_city_default",
        "ask_pesel",
        "ask_birth_date",
        "require_official_confirmation",
        "guardian_below_age",
    ]


@admin.register(ResidencyDeclaration)
class ResidencyDeclarationAdmin(admin.ModelAdmin):
    list_display = ["full_name", "district", "identity_basis", "status", "created_at"]
    list_filter = ["status", "identity_basis", "district"]
    search_fields = ["full_name", "user__email"]
    exclude = ["identity_key"]
    readonly_fields = ["confirmed_by", "confirmed_at"]
