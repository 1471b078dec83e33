"""The families' pages of the loket (public, no account)."""

from django.urls import path

from loket.gezin import views

urlpatterns = [
    path("opvang/<slug:huis_slug>/aanvragen/", views.AanvragenView.as_view(), name="aanvragen"),
    path("opvang/aanvraag-ontvangen/", views.OntvangenView.as_view(), name="ontvangen"),
    path("opvang/aanvraag-gewist/", views.GewistView.as_view(), name="gewist"),
    path("opvang/aanvraag/<str:token>/", views.AanvraagView.as_view(), name="aanvraag"),
    path("opvang/aanvraag/<str:token>/bevestigen/", views.BevestigView.as_view(), name="bevestig"),
    path("opvang/aanvraag/<str:token>/wijzigen/", views.WijzigView.as_view(), name="wijzig"),
    path("opvang/aanvraag/<str:token>/herbevestigen/", views.HerbevestigView.as_view(), name="herbevestig"),
    path("opvang/aanvraag/<str:token>/intrekken/", views.IntrekkenView.as_view(), name="intrekken"),
    path("opvang/aanvraag/<str:token>/wissen/", views.WissenView.as_view(), name="wissen"),
    path("opvang/aanvraag/<str:token>/gegevens.json", views.GegevensJsonView.as_view(), name="gegevens_json"),
    path("opvang/aanvraag/<str:token>/gegevens.pdf", views.GegevensPdfView.as_view(), name="gegevens_pdf"),
    path(
        "opvang/aanvraag/<str:token>/aanbod/<int:aanbod_pk>/",
        views.AanbodAntwoordView.as_view(),
        name="aanbod_antwoord",
    ),
]
