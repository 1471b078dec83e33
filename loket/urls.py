"""URLs of the loket: public pages for families, the loket's workspace and the providers' pages."""

from django.urls import include, path

app_name = "loket"

urlpatterns = [
    path("", include("loket.urls_gezin")),
    path("", include("loket.urls_medewerker")),
    path("", include("loket.urls_ronde")),
    path("", include("loket.urls_aanbieder")),
    path("", include("loket.urls_rapportage")),
]
