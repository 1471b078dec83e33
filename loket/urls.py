"""URLs of the loket, one file per area: the families' pages, the desk's workspace, allocation
rounds, the providers' pages, the figures, the referral partners and Opgroeien's pages about the
lokets."""

from django.urls import include, path

app_name = "loket"

urlpatterns = [
    path("", include("loket.gezin.urls")),
    path("", include("loket.balie.urls")),
    path("", include("loket.rondes.urls")),
    path("", include("loket.aanbieder.urls")),
    path("", include("loket.cijfers.urls")),
    path("", include("loket.verwijzer.urls")),
    path("", include("loket.opgroeien.urls")),
]
