from django.urls import path

from wiec.panels import views

app_name = "panels"

urlpatterns = [
    path("", views.panel_list, name="list"),
    path("nowy/", views.panel_create, name="create"),
    path("<slug:slug>/", views.panel_detail, name="detail"),
    path("<slug:slug>/zgloszenie/", views.apply, name="apply"),
    path("<slug:slug>/losowanie/", views.lottery_detail, name="lottery"),
    path("<slug:slug>/losowanie/postep/", views.lottery_progress, name="progress"),
    path(
        "<slug:slug>/losowanie/categories.csv",
        views.lottery_file,
        {"name": "categories"},
        name="categories_csv",
    ),
    path(
        "<slug:slug>/losowanie/respondents.csv",
        views.lottery_file,
        {"name": "respondents"},
        name="respondents_csv",
    ),
    path("<slug:slug>/przestrzen/", views.space, name="space"),
    path("<slug:slug>/przestrzen/<int:pk>/odpowiedz/", views.space_answer, name="space_answer"),
    path("<slug:slug>/spotkania/<int:pk>/", views.session_detail, name="session"),
    path("<slug:slug>/spotkania/<int:pk>/zmiana/", views.session_update, name="session_update"),
    path("<slug:slug>/rekomendacje/nowa/", views.recommendation_create, name="draft"),
    path("<slug:slug>/rekomendacje/<int:pk>/", views.recommendation_detail, name="recommendation"),
    path("<slug:slug>/rekomendacje/<int:pk>/glos/", views.vote, name="vote"),
    path("<slug:slug>/rekomendacje/<int:pk>/odpowiedz/", views.respond, name="respond"),
    path(
        "<slug:slug>/miejsca/<int:pk>/potwierdzenie/",
        views.seat_action,
        {"action": "confirm"},
        name="confirm_seat",
    ),
    path(
        "<slug:slug>/miejsca/<int:pk>/rezygnacja/",
        views.seat_action,
        {"action": "decline"},
        name="decline_seat",
    ),
    path(
        "<slug:slug>/miejsca/<int:pk>/wycofanie/",
        views.seat_action,
        {"action": "dropout"},
        name="dropout",
    ),
    path("<slug:slug>/organizacja/", views.manage, name="manage"),
    path("<slug:slug>/organizacja/zaproszenia/", views.invitations, name="invitations"),
    path("<slug:slug>/organizacja/import/", views.import_pool, name="import"),
    path("<slug:slug>/organizacja/kwoty/", views.quotas, name="quotas"),
    path("<slug:slug>/organizacja/ziarno/", views.announce_seed, name="seed"),
    path("<slug:slug>/organizacja/losuj/", views.start_draw, name="draw"),
    path("<slug:slug>/organizacja/losuj/przerwij/", views.cancel_draw, name="cancel_draw"),
    path("<slug:slug>/organizacja/spotkania/", views.session_create, name="session_create"),
    path("<slug:slug>/organizacja/publikacja/", views.publish, name="publish"),
    path("<slug:slug>/organizacja/ustawienia/", views.panel_edit, name="edit"),
    path("<slug:slug>/organizacja/pytania/", views.questions, name="questions"),
    path(
        "<slug:slug>/organizacja/pytania/standardowe/",
        views.standard_questions,
        name="standard_questions",
    ),
    path("<slug:slug>/organizacja/pytania/<int:pk>/", views.question_edit, name="question"),
    path(
        "<slug:slug>/organizacja/pytania/<int:pk>/usuniecie/",
        views.question_remove,
        name="question_remove",
    ),
    path("<slug:slug>/organizacja/zgloszenia/", views.applicants, name="applicants"),
    path("<slug:slug>/organizacja/kody-miejsc/", views.claim_codes, name="claim_codes"),
    path("<slug:slug>/miejsce/", views.claim, name="claim"),
]
