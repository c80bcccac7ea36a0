from django.urls import path

from wiec.consultations import views
from wiec.consultations.feeds import ConsultationFeed

app_name = "consultations"

urlpatterns = [
    path("", views.consultation_register, name="register"),
    path("plan/", views.plan, name="plan_current"),
    path("plan/<int:year>/", views.plan, name="plan"),
    path("plan/nowy/", views.plan_edit, name="plan_create"),
    path("plan/<int:year>/edycja/", views.plan_edit, name="plan_edit"),
    path("kalendarz.ics", views.calendar_feed, name="calendar"),
    path("nowa/", views.consultation_create, name="create"),
    path("wnioski/", views.request_list, name="requests"),
    path("wnioski/nowy/", views.request_create, name="request_create"),
    path("wnioski/<int:pk>/", views.request_detail, name="request_detail"),
    path("wnioski/<int:pk>/poparcie/", views.request_support, name="request_support"),
    path("wnioski/<int:pk>/odpowiedz/", views.request_answer, name="request_answer"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/kanal.atom", ConsultationFeed(), name="feed"),
    path("<slug:slug>/edycja/", views.consultation_edit, name="edit"),
    path("<slug:slug>/dokument/", views.document, name="document"),
    path("<slug:slug>/dokument/edycja/", views.document_edit, name="document_edit"),
    path("<slug:slug>/dokument/<int:position>/", views.paragraph, name="paragraph"),
    path("<slug:slug>/mapa/", views.map_view, name="map"),
    path("<slug:slug>/mapa/kategorie/", views.map_categories_edit, name="map_categories"),
    path("<slug:slug>/ankieta/pytanie/", views.question_add, name="question_add"),
    path("<slug:slug>/ankieta/<int:pk>/", views.survey, name="survey"),
    path("<slug:slug>/spotkania/nowe/", views.meeting_add, name="meeting_add"),
    path("<slug:slug>/spotkania/<int:pk>/zapis/", views.meeting_register, name="meeting_register"),
    path("<slug:slug>/spotkania/<int:pk>/rezygnacja/", views.meeting_cancel, name="meeting_cancel"),
    path(
        "<slug:slug>/spotkania/<int:pk>/materialy/nowy/",
        views.meeting_material_add,
        name="meeting_material_add",
    ),
    path("<slug:slug>/spotkania/<int:pk>.ics", views.meeting_ics, name="meeting_ics"),
    path("<slug:slug>/uwagi/", views.remark_list, name="remarks"),
    path("<slug:slug>/uwagi/nowa/", views.remark_enter, name="remark_enter"),
    path("<slug:slug>/uwagi/<int:pk>/odpowiedz/", views.remark_answer, name="remark_answer"),
    path("<slug:slug>/uwagi/<int:pk>/skan/", views.remark_scan, name="remark_scan"),
    path("<slug:slug>/uwagi/<int:pk>/ukryj/", views.remark_hide, name="remark_hide"),
    path("<slug:slug>/raport/", views.report, name="report"),
    path("<slug:slug>/raport/publikacja/", views.report_publish, name="report_publish"),
    path("<slug:slug>/raport.pdf", views.report_pdf, name="report_pdf"),
    path("<slug:slug>/raport.csv", views.report_csv, name="report_csv"),
    path("<slug:slug>/raport-ankiety.csv", views.report_surveys_csv, name="report_surveys_csv"),
    path(
        "<slug:slug>/raport-udzial.csv",
        views.report_participation_csv,
        name="report_participation_csv",
    ),
    path("<slug:slug>/ocena/", views.evaluate, name="evaluate"),
]
