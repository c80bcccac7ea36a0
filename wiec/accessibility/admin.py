from django.contrib import admin

from wiec.accessibility.models import AccessibilityRequest, AccessibilityStatement

admin.site.register(AccessibilityStatement)


@admin.register(AccessibilityRequest)
class AccessibilityRequestAdmin(admin.ModelAdmin):
    list_display = ["requester_name", "page_url", "created_at", "deadline", "status"]
    list_filter = ["status"]
