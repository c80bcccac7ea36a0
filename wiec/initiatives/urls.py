from django.urls import path

from wiec.initiatives.views import incubator, local, office, resolutions, villagefund

app_name = "initiatives"

urlpatterns = [
    path("", local.index, name="index"),
    path("wniosek/", local.apply, name="apply"),
    path("<int:pk>/", local.application, name="application"),
    path("szkic/<int:pk>/", incubator.draft, name="draft"),
    path("szkic/<int:pk>/edycja/", local.apply, name="draft_edit"),
    path("szkic/<int:pk>/porada/", incubator.advise, name="advise"),
    path("szkic/<int:pk>/pomoc/", incubator.ask_for_help, name="ask_for_help"),
    path("szkic/<int:pk>/zloz/", incubator.file, name="file_draft"),
    path("pule/", office.pools, name="pools"),
    path("pule/nowa/", office.pool_edit, name="pool_create"),
    path("pule/<int:pk>/", office.pool_edit, name="pool_edit"),
    path("fundusz-solecki/lata/nowy/", office.fund_year_edit, name="fund_year_create"),
    path("fundusz-solecki/lata/<int:pk>/", office.fund_year_edit, name="fund_year_edit"),
    path("<int:pk>/ocena/", local.assess, name="assess"),
    path("<int:pk>/decyzja/", local.decide, name="decide"),
    path("<int:pk>/umowa/", local.agreement, name="agreement"),
    path("<int:pk>/umowa.pdf", local.agreement_pdf, name="agreement_pdf"),
    path("<int:pk>/realizacja/", local.report, name="report"),
    path("godziny/<int:pk>/zatwierdz/", local.sign_off, name="sign_off"),
    path("uchwalodawcze/", resolutions.index, name="resolutions"),
    path("uchwalodawcze/zasady/", resolutions.rules_edit, name="resolution_rules"),
    path("uchwalodawcze/komitet/", resolutions.register, name="resolution_register"),
    path("uchwalodawcze/<int:pk>/", resolutions.detail, name="resolution"),
    path("uchwalodawcze/<int:pk>/poparcie/", resolutions.support, name="resolution_support"),
    path("uchwalodawcze/<int:pk>/lista.pdf", resolutions.paper_list, name="resolution_list_pdf"),
    path("uchwalodawcze/<int:pk>/podpisy/", resolutions.paper_entry, name="resolution_paper"),
    path("uchwalodawcze/<int:pk>/weryfikacja/", resolutions.check, name="resolution_check"),
    path("uchwalodawcze/<int:pk>/zloz/", resolutions.submit, name="resolution_submit"),
    path("uchwalodawcze/<int:pk>/wynik/", resolutions.outcome, name="resolution_outcome"),
    path("fundusz-solecki/", villagefund.index, name="villagefund"),
    path(
        "fundusz-solecki/<int:pk>/wniosek/", villagefund.request_create, name="fund_request_create"
    ),
    path("fundusz-solecki/wnioski/<int:pk>/", villagefund.request_detail, name="fund_request"),
]
