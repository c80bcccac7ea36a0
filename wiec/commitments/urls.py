from django.urls import path

from wiec.commitments import views

app_name = "commitments"

urlpatterns = [
    path("", views.commitment_list, name="list"),
    path("aktualnosci.atom", views.UpdatesFeed(), name="feed"),
    path("<int:pk>/", views.commitment_detail, name="detail"),
    path("<int:pk>/aktualizacja/", views.update, name="update"),
    path("<int:pk>/plan/", views.plan, name="plan"),
    path("<int:pk>/obserwuj/", views.follow, name="follow"),
    path("<int:pk>/pytanie/", views.ask, name="ask"),
    path("<int:pk>/ocena/", views.assess, name="assess"),
    path("pytania/<int:pk>/odpowiedz/", views.answer, name="answer"),
    path("panel/<slug:slug>/", views.monitoring, name="monitoring"),
    path("strategie/", views.strategy_list, name="strategies"),
    path("strategie/import/", views.strategy_import, name="strategy_import"),
    path("strategie/<slug:slug>/", views.strategy_detail, name="strategy"),
    path("strategie/<slug:slug>/cele/<int:pk>/", views.goal_comment, name="goal_comment"),
    path("strategie/<slug:slug>/mierniki/<int:pk>/", views.measure_value, name="measure_value"),
    path("raport/<int:year>/", views.yearly_report, name="report"),
    path("raport/<int:year>.pdf", views.yearly_report_pdf, name="report_pdf"),
    path("ewaluacja/", views.evaluation_results, name="evaluation"),
    path("ewaluacja/<slug:tool>/<str:key>/", views.evaluate, name="evaluate"),
    path("reprezentatywnosc/", views.representativeness, name="representativeness"),
    path("reprezentatywnosc/ludnosc/", views.population, name="population"),
    path(
        "reprezentatywnosc/<int:year>/<slug:tool>/<str:key>/",
        views.representativeness_process,
        name="representativeness_process",
    ),
]
