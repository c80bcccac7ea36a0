"""``/api/``: the documentation page, then version 1 of the API."""

from django.urls import path

from wiec.core.api import views
from wiec.core.api.site import get_api

urlpatterns = [
    path("", views.documentation, name="api_docs"),
    path("v1/", get_api().urls),
]
