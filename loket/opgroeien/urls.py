"""Opgroeien's pages about the lokets."""

from django.urls import path

from loket.opgroeien import views

urlpatterns = [
    path("opgroeien/lokets/", views.LoketsView.as_view(), name="opgroeien_lokets"),
    path("opgroeien/lokets/nieuw/", views.NieuwLoketView.as_view(), name="opgroeien_loket_nieuw"),
    path("opgroeien/lokets/<slug:loket_slug>/", views.LoketView.as_view(), name="opgroeien_loket"),
]
