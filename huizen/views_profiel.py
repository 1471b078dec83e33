"""The profile of a Huis: an overview for its members and Opgroeien, forms per section for its
coordinators, and the history of every change.

The pages stand on kern.bewerken; every write goes through `huizen.services.bewaar_onderdeel` /
`verwijder_onderdeel` (or `huizen.services_profiel.bewaar_locatie`), which record the change and
refuse a stale version.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from huizen import forms_profiel as formulieren
from huizen.models import (
    Contactpunt,
    Coordinator,
    Huis,
    Locatie,
    Overlegorgaan,
    Partner,
    Subsidie,
    Weekdag,
    Wijziging,
)
from huizen.services import REFERENTIE, bewaar_onderdeel, verwijder_onderdeel
from huizen.services_profiel import (
    ONDERDEEL_LOCATIES,
    bewaar_locatie,
    openingsuren_als_tekst,
    uren_van,
)
from kern.bewerken import ProfielFormView, ProfielMixin, VerwijderView, huidige_waarden
from kern.versies import gecachet

WIJZIGINGEN_PER_PAGINA = 25
LEGE_UURRIJEN_NIEUW = 10
LEGE_UURRIJEN_BESTAAND = 4


def profiel_url(huis: Huis, anker: str = "") -> str:
    url = reverse("huizen:profiel", kwargs={"huis_slug": huis.slug})
    return f"{url}#{anker}" if anker else url


def kruimelpad(huis: Huis, pagina: str = "") -> list[tuple[str, str]]:
    """The Huis's workspace, the profile, and the page of the profile (if not the overview)."""
    werkruimte = (huis.naam, reverse("huizen:werkruimte", kwargs={"huis_slug": huis.slug}))
    if not pagina:
        return [werkruimte, (_("Profiel"), "")]
    return [werkruimte, (_("Profiel"), profiel_url(huis)), (pagina, "")]


# --- Overview and history ---------------------------------------------------------------------


@dataclass
class Dag:
    naam: str
    uren: list


def _week(locatie: Locatie) -> list[Dag]:
    """The prefetched opening hours of a location, per day, Monday first."""
    per_dag: dict[int, list] = {}
    for uur in sorted(locatie.openingsuren.all(), key=lambda u: (u.weekdag, u.van)):
        per_dag.setdefault(uur.weekdag, []).append(uur)
    return [Dag(Weekdag(dag).label, uren) for dag, uren in sorted(per_dag.items())]


class ProfielView(ProfielMixin, TemplateView):
    """All sections of the profile on one page, with links to edit them.

    The sections are rendered once per data version of the Huis ("huis:<pk>", raised by every
    service that writes the profile, and "referentie" for the gemeenten), per day (today's
    werkingsgebied) and per "may edit", and kept in the cache (kern.versies.gecachet): a visit
    costs the access check and one look at the versions. Whoever may see the page sees the same
    sections, so the cached HTML holds nothing of one visitor.
    """

    template_name = "huizen/profiel/overzicht.html"
    onderdelen_template = "huizen/profiel/_onderdelen.html"

    def kruimelpad(self):
        return kruimelpad(self.huis)

    def get_context_data(self, **kwargs):
        onderdelen = gecachet(
            "profiel-onderdelen",
            [f"huis:{self.huis.pk}", REFERENTIE],
            self.onderdelen,
            self.kan_bewerken,
            timezone.localdate().isoformat(),
            get_language(),
        )
        return super().get_context_data(onderdelen=onderdelen, **kwargs)

    def onderdelen(self) -> SafeString:
        """The sections of the profile as HTML (without the page around them)."""
        gebruiker, huis = self.request.user, self.huis

        def van_huis(model):
            return model.objects.zichtbaar_voor(gebruiker).voor_huis(huis)

        locaties = list(
            van_huis(Locatie)
            .select_related("gemeente")
            .prefetch_related("openingsuren", Prefetch("partners", queryset=Partner.objects.order_by("naam")))
        )
        for locatie in locaties:
            locatie.week = _week(locatie)
        return render_to_string(
            self.onderdelen_template,
            {
                "huis": huis,
                "kan_bewerken": self.kan_bewerken,
                "coordinatoren": van_huis(Coordinator),
                "gemeenten": huis.gemeenten_op().order_by("naam"),
                "locaties": locaties,
                "contactpunten": van_huis(Contactpunt),
                "partners": van_huis(Partner),
                "overlegorganen": van_huis(Overlegorgaan),
                "subsidies": van_huis(Subsidie).order_by("-jaar"),
            },
        )


class HistoriekView(ProfielMixin, TemplateView):
    """Every change to the profile, newest first, for the Huis's members and Opgroeien."""

    template_name = "huizen/profiel/historiek.html"

    def kruimelpad(self):
        return kruimelpad(self.huis, _("Historiek"))

    def get_context_data(self, **kwargs):
        wijzigingen = (
            Wijziging.objects.zichtbaar_voor(self.request.user)
            .voor_huis(self.huis)
            .select_related("gebruiker")
            .order_by("-tijdstip", "-pk")
        )
        pagina = Paginator(wijzigingen, WIJZIGINGEN_PER_PAGINA).get_page(self.request.GET.get("pagina"))
        return super().get_context_data(pagina=pagina, wijzigingen=pagina.object_list, **kwargs)


# --- Forms ---------------------------------------------------------------------------------------


class OnderdeelView(ProfielFormView):
    """Edit one section of the profile (the Huis itself, or a new or existing row of it) and go
    back to that section of the overview."""

    template_name = "huizen/profiel/formulier.html"
    onderdeel: str = ""
    anker: str = ""

    def bewaar(self, form, extra):
        return bewaar_onderdeel(
            gebruiker=self.request.user,
            huis=self.huis,
            obj=form.instance,
            gegevens=form.gegevens(),
            m2m=form.m2m() or None,
            onderdeel=self.onderdeel,
            verwachte_versie=form.cleaned_data.get("versie"),
        )

    def terug_url(self) -> str:
        return profiel_url(self.huis, self.anker)

    def kruimelpad(self):
        return kruimelpad(self.huis, self.titel)


class HuisgegevensView(OnderdeelView):
    """A section of the profile kept on the Huis itself."""

    model = Huis

    def zoek_object(self) -> Huis:
        return Huis.objects.zichtbaar_voor(self.request.user, self.rollen).get(pk=self.huis.pk)


class AlgemeenView(HuisgegevensView):
    form_class = formulieren.AlgemeenForm
    onderdeel = "Algemeen"
    anker = "algemeen"
    titels = (_("Algemene gegevens wijzigen"), _("Algemene gegevens wijzigen"))
    meldingen = (_("Algemene gegevens bewaard."), _("Algemene gegevens bewaard."))

    def na_fouten(self, form):
        if self.request.FILES.get("logo") and "logo" in form.fields and not form["logo"].errors:
            form.fields["logo"].help_text = _(
                "Kies het bestand opnieuw: een browser onthoudt geen gekozen bestand na een fout. "
                "Een PNG-, JPEG- of WebP-bestand van hoogstens 1 MB."
            )


class StructuurView(HuisgegevensView):
    form_class = formulieren.StructuurForm
    onderdeel = "Structuur"
    anker = "structuur"
    titels = (_("Structuur wijzigen"), _("Structuur wijzigen"))
    meldingen = (_("Structuur bewaard."), _("Structuur bewaard."))


class CoordinatorView(OnderdeelView):
    form_class = formulieren.CoordinatorForm
    model = Coordinator
    onderdeel = "Coördinatoren"
    anker = "coordinatoren"
    nieuw_url_naam = "huizen:profiel_coordinator_nieuw"
    titels = (_("Coördinator toevoegen"), _("Coördinator wijzigen"))
    meldingen = (_("Coördinator ‘%(naam)s’ toegevoegd."), _("Coördinator ‘%(naam)s’ bewaard."))


class ContactpuntView(OnderdeelView):
    form_class = formulieren.ContactpuntForm
    model = Contactpunt
    onderdeel = "Contactpunten"
    anker = "contactpunten"
    nieuw_url_naam = "huizen:profiel_contactpunt_nieuw"
    titels = (_("Contactpunt toevoegen"), _("Contactpunt wijzigen"))
    meldingen = (_("Contactpunt ‘%(naam)s’ toegevoegd."), _("Contactpunt ‘%(naam)s’ bewaard."))


class PartnerView(OnderdeelView):
    form_class = formulieren.PartnerForm
    model = Partner
    onderdeel = "Partners"
    anker = "partners"
    nieuw_url_naam = "huizen:profiel_partner_nieuw"
    titels = (_("Partner toevoegen"), _("Partner wijzigen"))
    meldingen = (_("Partner ‘%(naam)s’ toegevoegd."), _("Partner ‘%(naam)s’ bewaard."))


class OverlegorgaanView(OnderdeelView):
    form_class = formulieren.OverlegorgaanForm
    model = Overlegorgaan
    onderdeel = "Overlegorganen"
    anker = "overlegorganen"
    nieuw_url_naam = "huizen:profiel_overlegorgaan_nieuw"
    titels = (_("Overlegorgaan toevoegen"), _("Overlegorgaan wijzigen"))
    meldingen = (_("Overlegorgaan ‘%(naam)s’ toegevoegd."), _("Overlegorgaan ‘%(naam)s’ bewaard."))


class LocatieView(OnderdeelView):
    form_class = formulieren.LocatieForm
    model = Locatie
    onderdeel = ONDERDEEL_LOCATIES
    anker = "locaties"
    extra_rijnaam = _("Openingsuur")
    nieuw_url_naam = "huizen:profiel_locatie_nieuw"
    titels = (_("Locatie toevoegen"), _("Locatie wijzigen"))
    meldingen = (_("Locatie ‘%(naam)s’ toegevoegd."), _("Locatie ‘%(naam)s’ bewaard."))

    def maak_extra(self, obj, data=None):
        if data is not None:
            return formulieren.OpeningsurenFormSet(data, prefix="uren")
        uren = [{"weekdag": u.weekdag, "van": u.van, "tot": u.tot} for u in uren_van(obj)]
        formset = formulieren.OpeningsurenFormSet(initial=uren, prefix="uren")
        formset.extra = LEGE_UURRIJEN_BESTAAND if uren else LEGE_UURRIJEN_NIEUW
        return formset

    def bewaar(self, form, extra):
        return bewaar_locatie(
            gebruiker=self.request.user,
            huis=self.huis,
            locatie=form.instance,
            gegevens=form.gegevens(),
            partners=form.cleaned_data["partners"],
            openingsuren=extra.uren,
            verwachte_versie=form.cleaned_data.get("versie"),
        )

    def huidige_waarden(self, form, extra, huidig):
        regels = huidige_waarden(form, huidig)
        nu = openingsuren_als_tekst(uren_van(huidig)) or "–"
        if nu != (openingsuren_als_tekst(extra.uren) or "–"):
            regels.append({"label": _("Openingsuren"), "waarde": nu})
        return regels


# --- Deleting ---------------------------------------------------------------------------------


class OnderdeelVerwijderView(VerwijderView):
    """Confirm and delete one row of the profile."""

    template_name = "huizen/profiel/verwijderen.html"
    onderdeel: str = ""
    anker: str = ""

    def verwijder(self, obj, versie: int) -> None:
        verwijder_onderdeel(
            gebruiker=self.request.user,
            huis=self.huis,
            obj=obj,
            onderdeel=self.onderdeel,
            verwachte_versie=versie,
        )

    def terug_url(self) -> str:
        return profiel_url(self.huis, self.anker)

    def kruimelpad(self):
        return kruimelpad(self.huis, _("%(soort)s verwijderen") % {"soort": capfirst(self.soort)})


class CoordinatorVerwijderView(OnderdeelVerwijderView):
    model, onderdeel, anker, soort = Coordinator, "Coördinatoren", "coordinatoren", _("coördinator")


class LocatieVerwijderView(OnderdeelVerwijderView):
    model, onderdeel, anker, soort = Locatie, ONDERDEEL_LOCATIES, "locaties", _("locatie")
    gevolg = _("De openingsuren van deze locatie verdwijnen mee.")


class ContactpuntVerwijderView(OnderdeelVerwijderView):
    model, onderdeel, anker, soort = Contactpunt, "Contactpunten", "contactpunten", _("contactpunt")


class PartnerVerwijderView(OnderdeelVerwijderView):
    model, onderdeel, anker, soort = Partner, "Partners", "partners", _("partner")
    gevolg = _("De partner wordt ook weggehaald bij de locaties waar ze werkt.")


class OverlegorgaanVerwijderView(OnderdeelVerwijderView):
    model, onderdeel, anker, soort = Overlegorgaan, "Overlegorganen", "overlegorganen", _("overlegorgaan")
