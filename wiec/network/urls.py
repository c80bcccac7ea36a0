"""The network's addresses, under /siec/ (Polish, as residents read them)."""

from django.urls import path

from wiec.network.views import (
    advice,
    assessment,
    events,
    map,
    members,
    newsletter,
    practices,
    questionnaire,
)
from wiec.network.views import ranking as ranking_views

app_name = "network"

urlpatterns = [
    path("", map.home, name="home"),
    path("procesy.geojson", map.geojson, name="geojson"),
    path("gminy/<slug:slug>/", map.profile, name="profile"),
    path("dobre-praktyki/", practices.practice_list, name="practices"),
    path("dobre-praktyki/nowa/", practices.practice_create, name="practice_create"),
    path("dobre-praktyki/do-przegladu/", practices.review_queue, name="review_queue"),
    path("dobre-praktyki/<int:pk>/", practices.practice_detail, name="practice"),
    path("dobre-praktyki/<int:pk>/edytuj/", practices.practice_edit, name="practice_edit"),
    path("dobre-praktyki/<int:pk>/wyslij/", practices.practice_submit, name="practice_submit"),
    path("dobre-praktyki/<int:pk>/przeglad/", practices.practice_review, name="practice_review"),
    path("czlonkowie/", members.directory, name="members"),
    path("czlonkowie/dolacz/", members.join, name="join"),
    path("czlonkowie/wycofaj-zgode/", members.withdraw, name="withdraw"),
    path("wydarzenia/", events.event_list, name="events"),
    path("wydarzenia.ics", events.events_ics, name="events_ics"),
    path("wydarzenia/<int:pk>/", events.event_detail, name="event"),
    path("wydarzenia/nowe/", events.event_create, name="event_create"),
    path("wydarzenia/<int:pk>/zapisy/", events.event_register, name="event_register"),
    path("wydarzenia/<int:pk>/edytuj/", events.event_edit, name="event_edit"),
    path("wydarzenia/<int:pk>/odwolaj/", events.event_cancel, name="event_cancel"),
    path("wydarzenia/<int:pk>/zapisani/", events.event_registrations, name="event_registrations"),
    path(
        "wydarzenia/<int:pk>/zapisani.csv",
        events.event_registrations_csv,
        name="event_registrations_csv",
    ),
    path("porady/", advice.advice_list, name="advice_list"),
    path("porady/nowa/<slug:slug>/", advice.advice_create, name="advice_create"),
    path("porady/<int:pk>/", advice.advice_detail, name="advice"),
    path("porady/<int:pk>/zamknij/", advice.advice_close, name="advice_close"),
    path("newsletter/", newsletter.newsletter, name="newsletter"),
    path("newsletter/potwierdz/<str:token>/", newsletter.confirm, name="newsletter_confirm"),
    path("newsletter/wypisz/<str:token>/", newsletter.unsubscribe, name="newsletter_unsubscribe"),
    path("newsletter/redakcja/", newsletter.editorial, name="editorial"),
    path("newsletter/redakcja/nowy/", newsletter.compose, name="compose"),
    path("newsletter/redakcja/<int:number>/", newsletter.issue_progress, name="issue_progress"),
    path("newsletter/redakcja/<int:number>/edytuj/", newsletter.compose, name="compose_edit"),
    path("newsletter/<int:number>/", newsletter.issue, name="issue"),
    path("samoocena/", assessment.overview, name="assessments"),
    path("samoocena/kwestionariusz/", questionnaire.overview, name="questionnaire"),
    path("samoocena/kwestionariusz/obszar/nowy/", questionnaire.area_form, name="area_create"),
    path("samoocena/kwestionariusz/obszar/<int:pk>/", questionnaire.area_form, name="area_edit"),
    path("samoocena/kwestionariusz/temat/nowy/", questionnaire.theme_form, name="theme_create"),
    path("samoocena/kwestionariusz/temat/<int:pk>/", questionnaire.theme_form, name="theme_edit"),
    path("samoocena/<slug:slug>/wypelnij/", assessment.answer, name="assessment_answer"),
    path("samoocena/<slug:slug>/<int:year>/", assessment.result, name="assessment"),
    path("ranking/", ranking_views.ranking, name="ranking"),
    path("ranking/opublikuj/", ranking_views.publish, name="ranking_publish"),
    path("ranking/jury/", ranking_views.jury, name="ranking_jury"),
]
