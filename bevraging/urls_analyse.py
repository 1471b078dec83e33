"""URLs of the survey analysis: Opgroeien's dashboards per wave and question, the Huizen behind a
figure, and a coordinator's view of their Huis against the averages.

A question's pages live under `analyse/vraag/`: `bevraging/<golf>/<huis_slug>/<thema>/` (the interview,
included before these) would otherwise take `bevraging/<golf>/analyse/<vraag>/` for a Huis "analyse".
"""

from django.urls import path

from bevraging import views_analyse

urlpatterns = [
    path("bevraging/<int:golf_pk>/analyse/", views_analyse.AnalyseView.as_view(), name="analyse"),
    path(
        "bevraging/<int:golf_pk>/analyse/vraag/<str:vraag>/",
        views_analyse.VraagView.as_view(),
        name="analyse_vraag",
    ),
    path(
        "bevraging/<int:golf_pk>/analyse/vraag/<str:vraag>/huizen/",
        views_analyse.HuizenView.as_view(),
        name="analyse_huizen",
    ),
    path(
        "mijn-huis/<slug:huis_slug>/bevraging/<int:golf_pk>/vergelijking/",
        views_analyse.HuisVergelijkingView.as_view(),
        name="huis_vergelijking",
    ),
]
