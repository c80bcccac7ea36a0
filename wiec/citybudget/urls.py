from django.urls import path

from wiec.citybudget import views

app_name = "citybudget"

urlpatterns = [
    path("", views.index, name="index"),
    path("wgraj/", views.upload, name="upload"),
    path("<int:year>/", views.year_page, name="year"),
]
