"""The pages of the huizen app. The shell (hvhk.urls) includes them in the namespace "huizen",
together with the public page of a Huis, which it composes from several apps."""

from django.urls import path

from huizen import urls_opgroeien, urls_profiel, views

urlpatterns = [
    path("huizen/", views.HuizenLijstView.as_view(), name="lijst"),
    path("huizen/kaart/", views.HuizenKaartView.as_view(), name="kaart"),
    path("huizen/<slug:slug>/logo/", views.HuisLogoView.as_view(), name="logo"),
    path("mijn-huis/<slug:huis_slug>/", views.WerkruimteView.as_view(), name="werkruimte"),
    *urls_profiel.urlpatterns,
    *urls_opgroeien.urlpatterns,
]
