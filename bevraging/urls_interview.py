"""URLs of the survey's interview workflow: the waves and assignments (Opgroeien), filling in a
Huis's questionnaire (its interviewer), and the Huis's own view of its answers (coordinator)."""

from django.urls import path

from bevraging import views_interview as views

RESPONS = "bevraging/<int:golf_pk>/<slug:huis_slug>/"
HUIS = "mijn-huis/<slug:huis_slug>/bevraging/"

urlpatterns: list = [
    path("bevraging/", views.GolvenView.as_view(), name="golven"),
    path("bevraging/mijn-interviews/", views.MijnInterviewsView.as_view(), name="mijn_interviews"),
    path("bevraging/<int:golf_pk>/", views.GolfView.as_view(), name="golf"),
    path("bevraging/<int:golf_pk>/openen/", views.GolfStatusView.as_view(actie="openen"), name="golf_openen"),
    path(
        "bevraging/<int:golf_pk>/afsluiten/",
        views.GolfStatusView.as_view(actie="sluiten"),
        name="golf_sluiten",
    ),
    path("bevraging/<int:golf_pk>/toewijzen/", views.ToewijzenView.as_view(), name="toewijzen"),
    # Before the theme pattern: these words are not theme keys.
    path(f"{RESPONS}indienen/", views.IndienenView.as_view(), name="indienen"),
    path(f"{RESPONS}valideren/", views.ValiderenView.as_view(), name="valideren"),
    path(f"{RESPONS}heropenen/", views.HeropenenView.as_view(), name="heropenen"),
    path(f"{RESPONS}<str:thema>/", views.InvullenView.as_view(), name="invullen"),
    path(f"{RESPONS}<str:thema>/bewaren/", views.BewarenView.as_view(), name="bewaren"),
    path(HUIS, views.HuisOverzichtView.as_view(), name="huis_overzicht"),
    path(f"{HUIS}<int:golf_pk>/", views.HuisAntwoordenView.as_view(), name="huis_antwoorden"),
    path(f"{HUIS}<int:golf_pk>/afdrukken/", views.HuisAfdrukView.as_view(), name="huis_afdruk"),
]
