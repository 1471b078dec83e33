"""Import and export of a wave's responses (Opgroeien staff)."""

from django.urls import path

from bevraging import views_uitwisseling as views

urlpatterns = [
    path("bevraging/<int:golf_pk>/export/", views.ExportView.as_view(), name="export"),
    path("bevraging/<int:golf_pk>/import/", views.ImportView.as_view(), name="import"),
    path(
        "bevraging/<int:golf_pk>/import/bevestigen/",
        views.ImportBevestigenView.as_view(),
        name="import_bevestigen",
    ),
]
