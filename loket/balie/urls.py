"""The loket's workspace: `mijn-huis/<huis_slug>/loket/...` (loket staff of that Huis only)."""

from django.urls import path

from loket.balie import dubbels, elders, views

LOKET = "mijn-huis/<slug:huis_slug>/loket/"
VRAAG = f"{LOKET}aanvragen/<int:vraag_pk>/"
DUBBEL = f"{LOKET}dubbels/<int:dubbel_pk>/"

urlpatterns = [
    path(f"{LOKET}aanvragen/", views.WachtrijView.as_view(), name="wachtrij"),
    path(VRAAG, views.VraagDetailView.as_view(), name="vraag_detail"),
    path(f"{VRAAG}notitie/", views.NotitieView.as_view(), name="notitie"),
    path(f"{VRAAG}voorrang/", views.VoorrangView.as_view(), name="corrigeer"),
    path(f"{VRAAG}dringend/", views.DringendView.as_view(), name="dringend"),
    path(f"{VRAAG}aanbieden/", views.AanbodDoenView.as_view(), name="aanbod_doen"),
    path(
        f"{LOKET}aanbiedingen/<int:aanbod_pk>/intrekken/",
        views.AanbodIntrekkenView.as_view(),
        name="aanbod_intrekken",
    ),
    path(f"{VRAAG}overplaatsing/", views.OverplaatsingView.as_view(), name="overplaatsing"),
    path(f"{LOKET}dubbels/", dubbels.DubbelsView.as_view(), name="dubbels"),
    path(DUBBEL, dubbels.DubbelView.as_view(), name="dubbel"),
    path(f"{DUBBEL}geen-dubbel/", dubbels.GeenDubbelView.as_view(), name="dubbel_geen"),
    path(f"{DUBBEL}samenvoegen/", dubbels.SamenvoegenView.as_view(), name="dubbel_samenvoegen"),
    path(f"{LOKET}elders/", elders.EldersView.as_view(), name="elders"),
    path(f"{LOKET}elders/<int:vraag_pk>/", elders.EldersDetailView.as_view(), name="elders_detail"),
    path(f"{LOKET}elders/<int:vraag_pk>/aanbieden/", elders.EldersAanbodView.as_view(), name="elders_aanbod"),
    path(
        f"{LOKET}elders/aanbiedingen/<int:aanbod_pk>/intrekken/",
        elders.EldersIntrekkenView.as_view(),
        name="elders_intrekken",
    ),
    path(f"{LOKET}termijn/", views.TermijnView.as_view(), name="termijn"),
    path(f"{LOKET}registreren/", views.RegistreerVoorGezinView.as_view(), name="registreer_voor_gezin"),
]
