"""Cross-cutting pages: home, the role-aware start page after login, health check."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView
from drf_spectacular.views import SpectacularSwaggerSplitView

from huizen import selectors as huizen_selectors
from huizen.models import Lidmaatschap
from hvhk import kaarten
from kern.forms import ZoekForm
from kern.gezondheid import STORING
from kern.gezondheid import rapport as gezondheidsrapport
from kern.http import PubliekeCacheMixin
from kern.tenancy import OpgroeienRequiredMixin, is_opgroeien
from loket.models import is_aanbieder, is_verwijzer


class HomeView(PubliekeCacheMixin, TemplateView):
    """The home page: the search and the key figures over all Huizen (cached per data version)."""

    template_name = "home.html"

    def cache_scopes(self):
        return huizen_selectors.PUBLIEKE_LIJST_SCOPES

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=ZoekForm(), overzicht=huizen_selectors.kerncijfers(), **kwargs)


class ToegankelijkheidView(TemplateView):
    template_name = "toegankelijkheid.html"


class PrivacyView(TemplateView):
    template_name = "privacy.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(bewaartermijn_maanden=settings.LOKET_BEWAARTERMIJN_MAANDEN, **kwargs)


@require_safe
@login_required
def start(request):
    """Send each user to the start page of their role."""
    if is_opgroeien(request.user):
        return redirect("huizen:opgroeien_overzicht")
    lidmaatschappen = list(
        Lidmaatschap.objects.zichtbaar_voor(request.user)
        .filter(gebruiker=request.user)
        .select_related("huis")
        .order_by("huis__naam")
    )
    huizen = {lid.huis.slug: lid.huis for lid in lidmaatschappen}
    if len(huizen) == 1:
        return redirect("huizen:werkruimte", huis_slug=next(iter(huizen)))
    if not huizen and is_aanbieder(request.user):
        return redirect("loket:aanbieder")
    if not huizen and is_verwijzer(request.user):
        return redirect("loket:verwijzer")
    if not huizen and request.user.is_staff:
        return redirect("admin:index")
    if not huizen:
        messages.info(
            request,
            gettext(
                "Uw account is nog niet gekoppeld aan een Huis van het Kind. "
                "Vraag de functioneel beheerder om u toegang te geven."
            ),
        )
    return render(request, "start.html", {"huizen": sorted(huizen.values(), key=lambda h: h.naam)})


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico on pages that do not name an icon, such as the admin."""
    return redirect(static("img/favicon.svg"), permanent=True)


@never_cache
@require_safe
def gezondheid(request):
    """For the load balancer: every part's state as JSON; 200 while families and staff can be
    served (the database answers, also when cache, broker, worker or beat are away: `beperkt`),
    503 otherwise. The liveness probe is /gezondheid/leeft/ (kern.gezondheid.LevenstekenMiddleware)."""
    rapport = gezondheidsrapport()
    return JsonResponse(rapport, status=503 if rapport["status"] == STORING else 200)


class ApiDocsView(SpectacularSwaggerSplitView):
    """Swagger UI from the sidecar (no CDN), with its script in a file so the CSP holds.

    Only GET and HEAD: the library's OPTIONS answer tries to render a template it does not have.
    """

    http_method_names = ["get", "head"]


class OpgroeienKaartenView(OpgroeienRequiredMixin, TemplateView):
    """Maps of Flanders for Opgroeien: one indicator per gemeente (`?indicator=`), on a chosen day
    for coverage and subsidy, and a survey question (`?vraag=<wave pk>:<key>`)."""

    template_name = "opgroeien_kaarten.html"
    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        form = kaarten.KaartForm(request.GET or None)
        kaart = None
        if not form.is_bound or form.is_valid():
            keuze = kaarten.keuze_van(form.cleaned_data if form.is_bound else {})
            kaart = kaarten.kaart_html(keuze, request.user)
            if kaart is None:
                form.add_error("vraag", "Deze vraag bestaat niet (meer) in deze golf.")
        return self.render_to_response(self.get_context_data(form=form, kaart=kaart))
