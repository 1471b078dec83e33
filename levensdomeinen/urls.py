"""URLs of the levensdomeinen app: a Huis's life domains, offer and self-assessment (members),
and the analysis over all Huizen (Opgroeien staff)."""

from django.urls import path

from levensdomeinen import urls_opgroeien, views

app_name = "levensdomeinen"

HUIS = "mijn-huis/<slug:huis_slug>/"

urlpatterns: list = [
    path(f"{HUIS}levensdomeinen/", views.DomeinenView.as_view(), name="domeinen"),
    path(f"{HUIS}levensdomeinen/wijzigen/", views.DomeinenWijzigenView.as_view(), name="domeinen_wijzigen"),
    path(f"{HUIS}aanbod/", views.AanbodLijstView.as_view(), name="aanbod"),
    path(f"{HUIS}aanbod/nieuw/", views.AanbodView.as_view(), name="aanbod_nieuw"),
    path(f"{HUIS}aanbod/<int:pk>/", views.AanbodView.as_view(), name="aanbod_wijzigen"),
    path(
        f"{HUIS}aanbod/<int:pk>/verwijderen/",
        views.AanbodVerwijderView.as_view(),
        name="aanbod_verwijderen",
    ),
    path(f"{HUIS}zelfevaluatie/", views.ZelfevaluatiesView.as_view(), name="zelfevaluaties"),
    path(f"{HUIS}zelfevaluatie/nieuw/", views.ZelfevaluatieNieuwView.as_view(), name="zelfevaluatie_nieuw"),
    path(f"{HUIS}zelfevaluatie/vergelijking/", views.VergelijkingView.as_view(), name="vergelijking"),
    path(f"{HUIS}zelfevaluatie/<int:pk>/", views.ZelfevaluatieView.as_view(), name="zelfevaluatie"),
    *urls_opgroeien.urlpatterns,
]
