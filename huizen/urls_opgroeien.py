"""URLs for Opgroeien staff: the overview of all Huizen, and what only they may change."""

from django.urls import path

from huizen import views_opgroeien

urlpatterns: list = [
    path("opgroeien/", views_opgroeien.OpgroeienOverzichtView.as_view(), name="opgroeien_overzicht"),
    path("opgroeien/huizen/", views_opgroeien.HuizenView.as_view(), name="opgroeien_huizen"),
    path("opgroeien/bevolking/", views_opgroeien.BevolkingView.as_view(), name="opgroeien_bevolking"),
    path(
        "opgroeien/huizen/<slug:huis_slug>/werkingsgebied/",
        views_opgroeien.WerkingsgebiedView.as_view(),
        name="opgroeien_werkingsgebied",
    ),
    path(
        "opgroeien/huizen/<slug:huis_slug>/subsidies/",
        views_opgroeien.SubsidiesView.as_view(),
        name="opgroeien_subsidies",
    ),
]
