"""URLs where members of a Huis see its profile and history, and coordinators maintain it."""

from django.urls import path

from huizen import views_profiel as views

PROFIEL = "mijn-huis/<slug:huis_slug>/profiel/"

#: The rows of the profile a coordinator adds, edits and deletes: (path, name, edit, delete).
RIJEN = [
    ("coordinatoren", "coordinator", views.CoordinatorView, views.CoordinatorVerwijderView),
    ("locaties", "locatie", views.LocatieView, views.LocatieVerwijderView),
    ("contactpunten", "contactpunt", views.ContactpuntView, views.ContactpuntVerwijderView),
    ("partners", "partner", views.PartnerView, views.PartnerVerwijderView),
    ("overlegorganen", "overlegorgaan", views.OverlegorgaanView, views.OverlegorgaanVerwijderView),
]

urlpatterns = [
    path(PROFIEL, views.ProfielView.as_view(), name="profiel"),
    path(f"{PROFIEL}algemeen/", views.AlgemeenView.as_view(), name="profiel_algemeen"),
    path(f"{PROFIEL}structuur/", views.StructuurView.as_view(), name="profiel_structuur"),
    path("mijn-huis/<slug:huis_slug>/historiek/", views.HistoriekView.as_view(), name="profiel_historiek"),
]
for pad, naam, bewerk, verwijder in RIJEN:
    urlpatterns += [
        path(f"{PROFIEL}{pad}/nieuw/", bewerk.as_view(), name=f"profiel_{naam}_nieuw"),
        path(f"{PROFIEL}{pad}/<int:pk>/", bewerk.as_view(), name=f"profiel_{naam}"),
        path(
            f"{PROFIEL}{pad}/<int:pk>/verwijderen/",
            verwijder.as_view(),
            name=f"profiel_{naam}_verwijderen",
        ),
    ]
