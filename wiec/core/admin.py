"""The Django admin is for configuration data and only administrators may use it."""

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from wiec.core.models import AuditEvent, Notification


def administrators_only(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_active and user.is_authenticated and user.has_perm("core.access_admin"))


admin.site.has_permission = administrators_only
admin.site.site_header = "Wiec"


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "who", "action", "what"]
    list_filter = ["action"]
    search_fields = ["action", "target_label"]
    exclude = ["actor", "actor_label", "target_label"]
    readonly_fields = ["who", "what"]

    @admin.display(description=_("actor"))
    def who(self, event: AuditEvent) -> str:
        return event.who()

    @admin.display(description=_("object"))
    def what(self, event: AuditEvent) -> str:
        return event.what()

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).select_related("actor")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "subject", "read_at"]
    search_fields = ["subject", "recipient__email"]
