"""URLs of preparing a wave (Opgroeien staff): a new wave and its draft questionnaire.

Included before the interview's URLs: `bevraging/<golf>/vragenlijst/<vraag>/` would otherwise be
taken for a Huis "vragenlijst" and a theme.
"""

from django.urls import path

from bevraging import views_vragenlijst as views

VRAAG = "bevraging/<int:golf_pk>/vragenlijst/vraag/<str:vraag>/"

urlpatterns = [
    path("bevraging/nieuwe-golf/", views.NieuweGolfView.as_view(), name="golf_nieuw"),
    path("bevraging/<int:golf_pk>/vragenlijst/", views.VragenlijstView.as_view(), name="vragenlijst"),
    path(
        "bevraging/<int:golf_pk>/vragenlijst/thema/<str:thema>/nieuwe-vraag/",
        views.VraagToevoegenView.as_view(),
        name="vraag_nieuw",
    ),
    path(VRAAG, views.VraagView.as_view(), name="vraag"),
    path(
        f"{VRAAG}herformuleren/",
        views.VraagActieView.as_view(actie="herformuleren"),
        name="vraag_herformuleren",
    ),
    path(f"{VRAAG}intrekken/", views.VraagActieView.as_view(actie="intrekken"), name="vraag_intrekken"),
    path(f"{VRAAG}terugzetten/", views.VraagActieView.as_view(actie="terugzetten"), name="vraag_terugzetten"),
    path(f"{VRAAG}voorwaarde/", views.VraagActieView.as_view(actie="voorwaarde"), name="vraag_voorwaarde"),
    path(f"{VRAAG}verplaatsen/", views.VraagActieView.as_view(actie="verplaatsen"), name="vraag_verplaatsen"),
]
