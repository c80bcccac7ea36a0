from django.urls import path

from wiec.accessibility import views

app_name = "accessibility"

urlpatterns = [
    path("", views.statement, name="statement"),
    path("edycja/", views.statement_edit, name="statement_edit"),
    path("zgloszenie/", views.request_create, name="request"),
    path("zgloszenia/", views.request_list, name="requests"),
    path("zgloszenia/<int:pk>/", views.request_answer, name="request_answer"),
]
