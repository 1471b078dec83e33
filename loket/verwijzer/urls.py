"""Referral partners: their own pages (`opvang/verwijzer/...`) and where the loket and Opgroeien
invite them."""

from django.urls import path

from loket.verwijzer import views

urlpatterns = [
    path("opvang/verwijzer/", views.LijstView.as_view(), name="verwijzer"),
    path("opvang/verwijzer/registreren/", views.RegistrerenView.as_view(), name="verwijzer_registreren"),
    path(
        "opvang/verwijzer/registreren/<slug:huis_slug>/",
        views.FormulierView.as_view(),
        name="verwijzer_formulier",
    ),
    path(
        "opvang/verwijzer/aanvragen/<int:vraag_pk>/",
        views.AanvraagView.as_view(),
        name="verwijzer_aanvraag",
    ),
    path(
        "mijn-huis/<slug:huis_slug>/loket/verwijzers/", views.LoketVerwijzersView.as_view(), name="verwijzers"
    ),
    # under opgroeien/loket/: it names people, so no cache may keep it (GEEN_CACHE_PADEN)
    path("opgroeien/loket/verwijzers/", views.OpgroeienVerwijzersView.as_view(), name="opgroeien_verwijzers"),
]
