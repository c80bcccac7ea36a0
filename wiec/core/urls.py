from django.urls import path

from wiec.core import platform_views, views
from wiec.places import views as place_views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("prywatnosc/", views.privacy, name="privacy"),
    path("regulamin/", views.terms, name="terms"),
    path("powiadomienia/", views.notification_list, name="notifications"),
    path(
        "powiadomienia/przeczytane/",
        views.notifications_mark_read,
        name="notifications_mark_read",
    ),
    path("audyt/", views.audit_log, name="audit_log"),
    path("szukaj/", platform_views.search_page, name="search"),
    path("mapa/", platform_views.map_page, name="map"),
    path("adres/", place_views.address_search, name="address_search"),
    path("marka.css", place_views.brand_css, name="brand_css"),
    path("kalendarz/", platform_views.calendar_page, name="calendar"),
    path("kalendarz.ics", platform_views.calendar_ics, name="calendar_ics"),
    path("moja-aktywnosc/", platform_views.my_activity, name="my_activity"),
    path("biuro/", platform_views.inbox_page, name="inbox"),
    path("biuro/przydziel/", platform_views.inbox_assign, name="inbox_assign"),
]
