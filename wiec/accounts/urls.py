from django.urls import path

from wiec.accounts import views

app_name = "accounts"

urlpatterns = [
    path("profil/", views.profile, name="profile"),
    path("profil/edycja/", views.profile_edit, name="profile_edit"),
    path("zamieszkanie/", views.residency_declare, name="residency"),
    path("zamieszkanie/do-potwierdzenia/", views.residency_pending, name="residency_pending"),
    path("zamieszkanie/<int:pk>/potwierdz/", views.residency_confirm, name="residency_confirm"),
    path("wypisz/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("potwierdz-adres/", views.verify_email, name="verify_email"),
    path("moje-dane/", views.my_data, name="my_data"),
    path("klucze-api/", views.api_keys, name="api_keys"),
    path("klucze-api/<int:pk>/uniewaznij/", views.api_key_revoke, name="api_key_revoke"),
    path("moje-dane/eksport/", views.my_data_export, name="my_data_export"),
    path("moje-dane/usun-konto/", views.account_delete, name="account_delete"),
]
