"""The loket's reports: `mijn-huis/<huis_slug>/loket/rapportage/` (loket staff of that Huis) and
`opgroeien/loket/` (Opgroeien staff, Flanders-wide)."""

from django.urls import path

from loket.cijfers import views

urlpatterns = [
    path("mijn-huis/<slug:huis_slug>/loket/rapportage/", views.RapportageView.as_view(), name="rapportage"),
    path("opgroeien/loket/", views.RapportageVlaanderenView.as_view(), name="rapportage_vlaanderen"),
]
