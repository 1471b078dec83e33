from django.urls import path

from huizen import urls_opgroeien, urls_profiel, views

app_name = "huizen"

urlpatterns = [
    path("huizen/", views.HuizenLijstView.as_view(), name="lijst"),
    path("huizen/<slug:slug>/", views.HuisDetailView.as_view(), name="detail"),
    path("mijn-huis/<slug:huis_slug>/", views.WerkruimteView.as_view(), name="werkruimte"),
    path("opgroeien/", views.OpgroeienOverzichtView.as_view(), name="opgroeien_overzicht"),
    *urls_profiel.urlpatterns,
    *urls_opgroeien.urlpatterns,
]
