"""Pages about Huizen: the public list and search, a Huis's logo, and a Huis's workspace for its
members. The pages of Opgroeien staff are in views_opgroeien; the public page of a Huis, which
shows the offer and the loket too, is composed in the shell (hvhk.views_huis)."""

import mimetypes

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView, View

from huizen import selectors
from huizen.models import Lidmaatschap, Subsidie
from huizen.services import REFERENTIE
from kern.forms import ZoekForm
from kern.http import PubliekeCacheMixin
from kern.paginacache import VersiePaginaMixin
from kern.tenancy import HuisMixin, Rol, is_opgroeien
from kern.versies import gecachet

HUIZEN_PER_PAGINA = 25


class HuizenLijstView(PubliekeCacheMixin, TemplateView):
    """All Huizen, and "find my Huis" by postcode or gemeente (cached per data version and URL)."""

    template_name = "huizen/lijst.html"

    def cache_scopes(self):
        return selectors.PUBLIEKE_LIJST_SCOPES

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ZoekForm(self.request.GET or None)
        zoekterm, provincie = "", ""
        if form.is_valid():
            zoekterm, provincie = form.cleaned_data["q"], form.cleaned_data["provincie"]

        gekozen = None
        nis = self.request.GET.get("gemeente", "")
        if nis:
            gekozen = selectors.gemeente_op_nis(nis[:5])
        gemeenten = selectors.zoek_gemeenten(zoekterm) if zoekterm and not gekozen else []
        if len(gemeenten) == 1:
            gekozen = gemeenten[0]

        huizen = selectors.publieke_huizen(provincie=provincie, gemeente=gekozen)
        if (zoekterm or nis) and gekozen is None:
            huizen = huizen.none()  # first the visitor chooses, or corrects, the gemeente
        pagina = Paginator(huizen, HUIZEN_PER_PAGINA).get_page(self.request.GET.get("pagina"))
        context.update(
            form=form,
            zoekterm=zoekterm,
            gekozen_gemeente=gekozen,
            ongeldige_gemeente=bool(nis) and gekozen is None,
            alle_gemeenten=selectors.huidige_gemeenten(),
            keuze_gemeenten=gemeenten if len(gemeenten) > 1 else [],
            niets_gevonden=bool(zoekterm) and not gemeenten and not gekozen,
            pagina=pagina,
            huizen=pagina.object_list,
            querystring=_zonder_pagina(self.request.GET),
        )
        return context


class HuizenKaartView(PubliekeCacheMixin, TemplateView):
    """The map of which Huis serves each gemeente, with the same in a table. Visitors without a
    session get the whole page from the cache; for everybody, the map and table are rendered once
    per data version of the Huizen and the reference data, per language (and per day: what is
    current moves at midnight) and kept in the cache."""

    template_name = "huizen/kaart.html"

    def cache_scopes(self):
        return selectors.PUBLIEKE_LIJST_SCOPES

    def get_context_data(self, **kwargs):
        vandaag = timezone.localdate()
        kaart = gecachet(
            "kaart",
            selectors.PUBLIEKE_LIJST_SCOPES,
            lambda: render_to_string("huizen/_kaart.html", {"huizenkaart": selectors.huizenkaart(vandaag)}),
            vandaag.isoformat(),
            get_language(),
        )
        return super().get_context_data(kaart=kaart, **kwargs)


def _zonder_pagina(querydict) -> str:
    kopie = querydict.copy()
    kopie.pop("pagina", None)
    return kopie.urlencode()


@method_decorator(require_safe, name="dispatch")
class HuisLogoView(View):
    """The logo of a Huis: public, like its page (uploaded files are not served as a folder)."""

    def get(self, request, slug):
        huis = selectors.publiek_huis_kort(slug)
        if huis is None or not huis.logo:
            raise Http404
        try:
            bestand = huis.logo.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        soort = mimetypes.guess_type(huis.logo.name)[0] or "application/octet-stream"
        antwoord = FileResponse(bestand, content_type=soort)
        antwoord["Cache-Control"] = "public, max-age=3600"
        return antwoord


class WerkruimteView(HuisMixin, VersiePaginaMixin, TemplateView):
    """The start page of a Huis's coordinators and loket staff.

    The werkingsgebied (today's and its history) and the subsidies are rendered once per data
    version of the Huis ("huis:<pk>", "referentie" for the gemeenten and clusters) and per day, and
    kept in the cache (kern.versies.gecachet). The team is read on every visit: it shows the
    users' own names and addresses, which they change outside the Huis's data. The whole page is
    kept per visitor, those data versions and the team as read (`kern.paginacache`).
    """

    template_name = "huizen/werkruimte.html"

    def paginascopes(self):
        # the loket's name is shown to its staff
        return [f"huis:{self.huis.pk}", f"loket:{self.huis.pk}", REFERENTIE]

    def pagina_delen(self):
        return tuple(
            (lid.pk, lid.rol, lid.gebruiker_id, lid.gebruiker.naam, lid.gebruiker.email) for lid in self.team
        )

    @cached_property
    def team(self) -> list[Lidmaatschap]:
        lidmaatschappen = Lidmaatschap.objects.zichtbaar_voor(self.request.user).voor_huis(self.huis)
        return list(lidmaatschappen.select_related("gebruiker"))

    def get_context_data(self, **kwargs):
        gebruiker = self.request.user
        team = self.team
        opgroeien = is_opgroeien(gebruiker)
        gegevens = gecachet(
            "werkruimte-gegevens",
            [f"huis:{self.huis.pk}", REFERENTIE],
            lambda: self.gegevens(opgroeien),
            opgroeien,
            timezone.localdate().isoformat(),
            get_language(),
        )
        return super().get_context_data(
            mijn_rollen=[lid.get_rol_display() for lid in team if lid.gebruiker_id == gebruiker.pk],
            is_loket=any(lid.gebruiker_id == gebruiker.pk and lid.rol == Rol.LOKET for lid in team),
            team=team,
            gegevens=gegevens,  # rendered fragments (SafeString, also after the cache)
            **kwargs,
        )

    def gegevens(self, opgroeien: bool) -> dict[str, SafeString]:
        """The werkingsgebied and the subsidies of the Huis as HTML, in two parts of the page."""
        huis = self.huis
        context = {
            "huis": huis,
            "nav_opgroeien": opgroeien,
            "gemeenten_vandaag": huis.gemeenten_op().select_related("cluster"),
            "werkingsgebied": selectors.werkingsgebied_historiek(huis),
            "subsidies": Subsidie.objects.zichtbaar_voor(self.request.user).voor_huis(huis),
        }
        return {
            "gebied": render_to_string("huizen/_werkruimte_gebied.html", context),
            "historiek": render_to_string("huizen/_werkruimte_historiek.html", context),
        }
