from django.urls import path

from wiec.initiatives.views import local

app_name = "initiatives"

urlpatterns = [
    path("", local.index, name="index"),
    path("wniosek/", local.apply, name="apply"),
    path("<int:pk>/", local.application, name="application"),
    path("<int:pk>/ocena/", local.assess, name="assess"),
    path("<int:pk>/decyzja/", local.decide, name="decide"),
    path("<int:pk>/umowa/", local.agreement, name="agreement"),
    path("<int:pk>/umowa.pdf", local.agreement_pdf, name="agreement_pdf"),
    path("<int:pk>/realizacja/", local.report, name="report"),
    path("godziny/<int:pk>/zatwierdz/", local.sign_off, name="sign_off"),
]
