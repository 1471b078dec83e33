from django.urls import path

from rapporten import views

app_name = "rapporten"

urlpatterns = [
    path("rapporten/", views.LijstView.as_view(), name="lijst"),
    path("rapporten/gemeenteraden/", views.BatchNieuwView.as_view(), name="batch_nieuw"),
    path("rapporten/batch/<int:batch_pk>/", views.BatchView.as_view(), name="batch"),
    path(
        "rapporten/batch/<int:batch_pk>/voortgang/",
        views.BatchVoortgangView.as_view(),
        name="batch_voortgang",
    ),
    path("rapporten/batch/<int:batch_pk>/zip/", views.BatchZipView.as_view(), name="batch_zip"),
    path("rapporten/<int:job_pk>/", views.JobView.as_view(), name="job"),
    path("rapporten/<int:job_pk>/voortgang/", views.JobVoortgangView.as_view(), name="job_voortgang"),
    path("rapporten/<int:job_pk>/opnieuw/", views.JobOpnieuwView.as_view(), name="job_opnieuw"),
    path("rapporten/<int:job_pk>/download/", views.DownloadView.as_view(), name="download"),
    path("mijn-huis/<slug:huis_slug>/rapport/", views.NieuwHuisrapportView.as_view(), name="nieuw_huis"),
    path(
        "mijn-huis/<slug:huis_slug>/loket/rapport/",
        views.NieuwLoketrapportView.as_view(),
        name="nieuw_loket",
    ),
    path("behoefteanalyse/", views.BehoefteanalysesView.as_view(), name="behoefteanalyses"),
    path("behoefteanalyse/<str:nis>/", views.BehoefteanalyseView.as_view(), name="behoefteanalyse"),
    path(
        "behoefteanalyse/<str:nis>/rapport/",
        views.NieuwGemeenteraadsrapportView.as_view(),
        name="nieuw_gemeenteraad",
    ),
    path(
        "rapporten/bevraging/<int:golf_pk>/",
        views.NieuwBevragingsrapportView.as_view(),
        name="nieuw_bevraging",
    ),
]
