from django.urls import path

from wiec.budgets import views

app_name = "budgets"

urlpatterns = [
    path("", views.edition_list, name="index"),
    path("nowa-edycja/", views.edition_form, name="edition_create"),
    path("projekt/<int:pk>/", views.proposal_detail, name="proposal"),
    path("projekt/<int:pk>/edycja/", views.proposal_edit, name="proposal_edit"),
    path("projekt/<int:pk>/zloz/", views.proposal_submit, name="proposal_submit"),
    path("projekt/<int:pk>/poprzyj/", views.proposal_endorse, name="proposal_endorse"),
    path("projekt/<int:pk>/obserwuj/", views.proposal_follow, name="proposal_follow"),
    path("projekt/<int:pk>/lista-poparcia.pdf", views.support_list_pdf, name="support_list_pdf"),
    path("projekt/<int:pk>/lista-poparcia/", views.support_list_upload, name="support_list"),
    path("projekt/<int:pk>/weryfikacja/", views.proposal_verify, name="proposal_verify"),
    path("projekt/<int:pk>/zmiany/", views.proposal_changes, name="proposal_changes"),
    path("projekt/<int:pk>/odwolanie/", views.appeal_create, name="appeal_create"),
    path("projekt/<int:pk>/komentarz/", views.comment_add, name="comment_add"),
    path("komentarz/<int:pk>/zglos/", views.comment_report, name="comment_report"),
    path("komentarz/<int:pk>/ukryj/", views.comment_hide, name="comment_hide"),
    path("odwolanie/<int:pk>/", views.appeal_decide, name="appeal_decide"),
    path("<slug:slug>/", views.edition_detail, name="edition"),
    path("<slug:slug>/ustawienia/", views.edition_form, name="edition_edit"),
    path("<slug:slug>/pule/nowa/", views.pool_form, name="pool_create"),
    path("<slug:slug>/pule/<int:pk>/", views.pool_form, name="pool_edit"),
    path("<slug:slug>/projekty/", views.proposal_list, name="proposals"),
    path("<slug:slug>/zglos/", views.proposal_create, name="proposal_create"),
    path("<slug:slug>/odwolania/", views.appeal_list, name="appeals"),
    path("<slug:slug>/weryfikacja/", views.verification_queue, name="queue"),
    path("<slug:slug>/dopusc/", views.qualify, name="qualify"),
]
