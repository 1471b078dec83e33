"""URLs for Opgroeien staff: the life domains of all Huizen (figures, charts and heatmap)."""

from django.urls import path

from levensdomeinen import views_opgroeien

urlpatterns: list = [
    path(
        "opgroeien/levensdomeinen/",
        views_opgroeien.LevensdomeinenView.as_view(),
        name="opgroeien_levensdomeinen",
    ),
    path(
        "opgroeien/levensdomeinen/heatmap/",
        views_opgroeien.HeatmapView.as_view(),
        name="opgroeien_heatmap",
    ),
]
