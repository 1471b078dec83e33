"""Allocation rounds and the loket's settings: `mijn-huis/<huis_slug>/loket/...` (loket staff only)."""

from django.urls import path

from loket.rondes import views

LOKET = "mijn-huis/<slug:huis_slug>/loket/"
RONDE = f"{LOKET}rondes/<int:ronde_pk>/"

urlpatterns = [
    path(f"{LOKET}rondes/", views.RondesView.as_view(), name="rondes"),
    path(RONDE, views.RondeView.as_view(), name="ronde"),
    path(f"{RONDE}uitvoeren/", views.RondeUitvoerenView.as_view(), name="ronde_uitvoeren"),
    path(f"{RONDE}verwerpen/", views.RondeVerwerpenView.as_view(), name="ronde_verwerpen"),
    path(f"{LOKET}instellingen/", views.InstellingenView.as_view(), name="instellingen"),
]
