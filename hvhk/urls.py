from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView

from hvhk import views, views_huis

#: The huizen app's pages, and in their namespace the public page of a Huis, composed here (after
#: them, so that /huizen/kaart/ is the map and not a Huis called "kaart").
huizen = [
    path("", include("huizen.urls")),
    path("huizen/<slug:slug>/", views_huis.HuisView.as_view(), name="detail"),
]

admin.site.site_header = "Huizen van het Kind – functioneel beheer"
admin.site.site_title = "Functioneel beheer"
admin.site.index_title = "Functioneel beheer"
# One login for everyone: the admin's login page sends to allauth's, with its limits and second factor.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("start/", views.start, name="start"),
    path("toegankelijkheid/", views.ToegankelijkheidView.as_view(), name="toegankelijkheid"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("opgroeien/kaarten/", views.OpgroeienKaartenView.as_view(), name="opgroeien_kaarten"),
    # The open API before the apps' pages: a path is matched against the patterns in order, and
    # its clients call it the most often.
    path("api/v1/", include("huizen.urls_api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", views.ApiDocsView.as_view(url_name="schema"), name="api-docs"),
    path("", include((huizen, "huizen"))),
    path("", include("levensdomeinen.urls")),
    path("", include("loket.urls")),
    path("", include("bevraging.urls")),
    path("", include("rapporten.urls")),
    path("account/", include("allauth.urls")),
    path("beheer/", admin.site.urls),
    # The language switch (templates/_taalkeuze.html) posts here. Without a CSRF token: a token in
    # the header would make every public page personal and keep it out of the public cache
    # (kern.http). The view only sets the language cookie and redirects to `next` on this site
    # (it checks the host), so a forged post can at most show a visitor another language.
    path("taal/", csrf_exempt(require_POST(set_language)), name="set_language"),
    path("gezondheid/", views.gezondheid, name="gezondheid"),
    path("favicon.ico", views.favicon, name="favicon"),
]
