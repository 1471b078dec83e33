"""The opvang pages of childcare providers, and the loket's list of the locations in its area."""

from django.urls import path

from loket.aanbieder import views

urlpatterns = [
    path("opvang/aanbieder/", views.AanbiederView.as_view(), name="aanbieder"),
    path(
        "opvang/aanbiedingen/<int:aanbod_pk>/bevestigen/",
        views.aanbod_bevestigen,
        name="aanbod_bevestigen",
    ),
    path(
        "opvang/aanbiedingen/<int:aanbod_pk>/afwijzen/",
        views.AanbodAfwijzenView.as_view(),
        name="aanbod_afwijzen",
    ),
    path("opvang/locaties/<int:locatie_pk>/", views.LocatieView.as_view(), name="locatie"),
    path(
        "opvang/locaties/<int:locatie_pk>/sluiten/",
        views.LocatieSluitenView.as_view(),
        name="locatie_sluiten",
    ),
    path(
        "opvang/locaties/<int:locatie_pk>/wijzigen/",
        views.LocatieWijzigView.as_view(),
        name="locatie_wijzig",
    ),
    path(
        "opvang/locaties/<int:locatie_pk>/plaatsen/nieuw/",
        views.PlaatsNieuwView.as_view(),
        name="plaats_nieuw",
    ),
    path("opvang/plaatsen/<int:plaats_pk>/wijzigen/", views.PlaatsWijzigView.as_view(), name="plaats_wijzig"),
    path(
        "opvang/plaatsen/<int:plaats_pk>/verwijderen/",
        views.PlaatsVerwijderView.as_view(),
        name="plaats_verwijder",
    ),
    path(
        "mijn-huis/<slug:huis_slug>/loket/opvanglocaties/",
        views.LocatiesView.as_view(),
        name="locaties",
    ),
    path(
        "mijn-huis/<slug:huis_slug>/loket/opvanglocaties/nieuw/",
        views.LocatieNieuwView.as_view(),
        name="locatie_nieuw",
    ),
]
