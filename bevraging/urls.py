"""URLs of the bevraging: the interview workflow, the coordinator's view, import/export and analysis.

The interview's response pages (`bevraging/<golf>/<huis_slug>/<thema>/`) capture any two path
segments after a wave, so they come last: the fixed paths of import/export and analysis
(`bevraging/<golf>/import/bevestigen/`) are matched first.
"""

from django.urls import include, path

app_name = "bevraging"

urlpatterns = [
    path("", include("bevraging.urls_uitwisseling")),
    path("", include("bevraging.urls_analyse")),
    path("", include("bevraging.urls_vragenlijst")),
    path("", include("bevraging.urls_interview")),
]
