from django.urls import path

from huizen import urls_opgroeien, urls_profiel, views

app_name = "huizen"

urlpatterns = [
    path("huizen/", views.HuizenLijstView.as_view(), name="lijst"),
    path("huizen/<slug:slug>/", views.HuisDetailView.as_view(), name="detail"),
    path("huizen/<slug:slug>/logo/", views.HuisLogoView.as_view(), name="logo"),
    path("mijn-huis/<slug:huis_slug>/", views.WerkruimteView.as_view(), name="werkruimte"),
    *urls_profiel.urlpatterns,
    *urls_opgroeien.urlpatterns,
]
