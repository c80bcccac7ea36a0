from django.urls import path

from wiec.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("prywatnosc/", views.privacy, name="privacy"),
    path("powiadomienia/", views.notification_list, name="notifications"),
    path(
        "powiadomienia/przeczytane/",
        views.notifications_mark_read,
        name="notifications_mark_read",
    ),
    path("audyt/", views.audit_log, name="audit_log"),
]
