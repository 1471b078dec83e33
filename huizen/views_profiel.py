"""The profile of a Huis: an overview for its members and Opgroeien, forms per section for its
coordinators, and the history of every change.

Every write goes through `huizen.services.bewaar_onderdeel` / `verwijder_onderdeel` (or
`huizen.services_profiel.bewaar_locatie`), which record the change and refuse a stale version.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
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
from huizen.services import Conflict, bewaar_onderdeel, verwijder_onderdeel
from huizen.services_profiel import (
    ONDERDEEL_LOCATIES,
    bewaar_locatie,
    openingsuren_als_tekst,
    uren_van,
)
from kern.forms import foutoverzicht, voeg_fouten_toe
from kern.tenancy import HuisMixin, Rol, is_lid

WIJZIGINGEN_PER_PAGINA = 25
LEGE_UURRIJEN_NIEUW = 10
LEGE_UURRIJEN_BESTAAND = 4


def profiel_url(huis: Huis, anker: str = "") -> str:
    url = reverse("huizen:profiel", kwargs={"huis_slug": huis.slug})
    return f"{url}#{anker}" if anker else url


class ProfielMixin(HuisMixin):
    """A profile page: open to the Huis's members and Opgroeien; knows who may edit."""

    @cached_property
    def kan_bewerken(self) -> bool:
        return is_lid(self.request.user, self.huis, [Rol.COORDINATOR])

    def get_context_data(self, **kwargs):
        return super().get_context_data(kan_bewerken=self.kan_bewerken, **kwargs)


class CoordinatorMixin(ProfielMixin):
    """An edit page of the profile: coordinators of this Huis only.

    Members in other roles get a 404 (as outsiders do); Opgroeien staff, who may see every Huis,
    get a 403 unless they are a coordinator of this Huis themselves.
    """

    rollen = [Rol.COORDINATOR]

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.huis  # noqa: B018  (a 404 for everyone who may not see the Huis in this role)
            if not self.kan_bewerken:
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


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
    """All sections of the profile on one page, with links to edit them."""

    template_name = "huizen/profiel/overzicht.html"

    def get_context_data(self, **kwargs):
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
        return super().get_context_data(
            coordinatoren=van_huis(Coordinator),
            gemeenten=huis.gemeenten_op().order_by("naam"),
            locaties=locaties,
            contactpunten=van_huis(Contactpunt),
            partners=van_huis(Partner),
            overlegorganen=van_huis(Overlegorgaan),
            subsidies=van_huis(Subsidie).order_by("-jaar"),
            **kwargs,
        )


class HistoriekView(ProfielMixin, TemplateView):
    """Every change to the profile, newest first, for the Huis's members and Opgroeien."""

    template_name = "huizen/profiel/historiek.html"

    def get_context_data(self, **kwargs):
        wijzigingen = (
            Wijziging.objects.zichtbaar_voor(self.request.user)
            .voor_huis(self.huis)
            .select_related("gebruiker")
            .order_by("-tijdstip", "-pk")
        )
        pagina = Paginator(wijzigingen, WIJZIGINGEN_PER_PAGINA).get_page(self.request.GET.get("pagina"))
        return super().get_context_data(pagina=pagina, wijzigingen=pagina.object_list, **kwargs)


# --- Forms --------------------------------------------------------------------------------------


def _als_tekst(waarde) -> str:
    if waarde is None or waarde == "":
        return "–"
    if isinstance(waarde, bool):
        return _("ja") if waarde else _("nee")
    if isinstance(waarde, models.Model):
        return str(waarde)
    if hasattr(waarde, "name"):  # a file
        return waarde.name or "–"
    return str(waarde)


def huidige_waarden(form: formulieren.ProfielForm, huidig: models.Model) -> list[dict]:
    """The saved values that differ from what the user typed, for the conflict message."""
    regels = []
    for naam in form._meta.fields:
        if naam not in form.fields:
            continue
        veld = huidig._meta.get_field(naam)
        if naam in form.m2m_velden:
            nu = ", ".join(sorted(str(o) for o in getattr(huidig, naam).all())) or "–"
            ingevuld = ", ".join(sorted(str(o) for o in form.cleaned_data.get(naam, []))) or "–"
        elif veld.choices:
            nu = _als_tekst(getattr(huidig, f"get_{naam}_display")())
            ingevuld = _als_tekst(dict(veld.flatchoices).get(form.cleaned_data.get(naam), ""))
        elif getattr(huidig, naam) == form.cleaned_data.get(naam):  # also 2500 == 2500.00
            continue
        else:
            nu = _als_tekst(getattr(huidig, naam))
            ingevuld = _als_tekst(form.cleaned_data.get(naam))
        if nu != ingevuld:
            regels.append({"label": capfirst(form.fields[naam].label), "waarde": nu})
    return regels


class ProfielFormView(CoordinatorMixin, TemplateView):
    """Edit one section of the profile (the Huis itself, or a new or existing row of it).

    GET shows the form; a valid POST saves through the service and redirects to the overview;
    invalid input, a conflict or a rule of the service re-renders the form with what was typed.
    """

    template_name = "huizen/profiel/formulier.html"
    form_class: type[formulieren.ProfielForm]
    model: type[models.Model]
    onderdeel: str = ""
    anker: str = ""
    #: (new, existing) page titles and the success messages, with %(naam)s for the row.
    titels: tuple[str, str] = ("", "")
    meldingen: tuple[str, str] = ("", "")
    #: URL name of the "add" page, where input for a row deleted meanwhile is sent.
    nieuw_url_naam: str = ""

    # -- the row -------------------------------------------------------------------------------

    @cached_property
    def is_nieuw(self) -> bool:
        return "pk" not in self.kwargs

    def zoek_object(self) -> models.Model | None:
        """The row to edit (a fresh copy, the form may change it), or None when it is gone."""
        if self.model is Huis:
            return Huis.objects.zichtbaar_voor(self.request.user, self.rollen).get(pk=self.huis.pk)
        if self.is_nieuw:
            return self.model(huis=self.huis)
        return (
            self.model.objects.zichtbaar_voor(self.request.user, self.rollen)
            .voor_huis(self.huis)
            .filter(pk=self.kwargs["pk"])
            .first()
        )

    # -- forms ---------------------------------------------------------------------------------

    def maak_form(self, obj, data=None, files=None):
        return self.form_class(data, files, instance=obj, huis=self.huis)

    def maak_extra(self, obj, data=None):
        """A formset that belongs to the form (opening hours), or None."""
        return None

    def bewaar(self, form, extra):
        m2m = form.m2m()
        return bewaar_onderdeel(
            gebruiker=self.request.user,
            huis=self.huis,
            obj=form.instance,
            gegevens=form.gegevens(),
            m2m=m2m or None,
            onderdeel=self.onderdeel,
            verwachte_versie=form.cleaned_data.get("versie"),
        )

    # -- handlers ------------------------------------------------------------------------------

    def get(self, request, *args, **kwargs):
        obj = self.zoek_object()
        if obj is None:
            raise Http404
        return self.toon(self.maak_form(obj), self.maak_extra(obj), versie=obj.versie if obj.pk else "")

    def post(self, request, *args, **kwargs):
        obj = self.zoek_object()
        verdwenen = obj is None
        if verdwenen:  # deleted by someone else meanwhile: keep the input, offer to add it anew
            obj = self.model(huis=self.huis)
        form = self.maak_form(obj, request.POST, request.FILES)
        extra = self.maak_extra(obj, request.POST)
        geldig = form.is_valid() & (extra is None or extra.is_valid())
        if verdwenen:
            return self.toon(form, extra, versie="", verdwenen=True)
        if geldig:
            try:
                bewaard = self.bewaar(form, extra)
            except Conflict as conflict:
                huidig = self.zoek_object()
                if huidig is None:
                    return self.toon(form, extra, versie="", verdwenen=True)
                self.na_fouten(form)
                return self.toon(
                    form,
                    extra,
                    versie=huidig.versie,
                    conflict=conflict.melding,
                    huidige_waarden=self.huidige_waarden(form, extra, huidig),
                )
            except ValidationError as fout:
                voeg_fouten_toe(form, fout)
            except self.model.DoesNotExist:
                return self.toon(form, extra, versie="", verdwenen=True)
            else:
                messages.success(request, self.melding(bewaard))
                return HttpResponseRedirect(profiel_url(self.huis, self.anker))
        self.na_fouten(form)
        return self.toon(form, extra, versie=request.POST.get("versie", ""))

    def na_fouten(self, form) -> None:
        """Hook when the form comes back unsaved (the logo asks to choose the file again)."""

    def huidige_waarden(self, form, extra, huidig) -> list[dict]:
        return huidige_waarden(form, huidig)

    def melding(self, obj) -> str:
        return self.meldingen[0 if self.is_nieuw else 1] % {"naam": obj}

    def toon(self, form, extra=None, *, versie, verdwenen=False, conflict="", huidige_waarden=()):
        if verdwenen:
            conflict = _(
                "Iemand anders heeft dit intussen verwijderd. Uw invoer staat hieronder nog; "
                "bewaar om het opnieuw toe te voegen."
            )
        actie = self.request.path
        if verdwenen and self.nieuw_url_naam:
            actie = reverse(self.nieuw_url_naam, kwargs={"huis_slug": self.huis.slug})
        return self.render_to_response(
            self.get_context_data(
                form=form,
                groepen=self.groepen(form),
                uren=extra,
                foutoverzicht=foutoverzicht(form, extra, _("Openingsuur")) if form.is_bound else [],
                versie=versie,
                conflict=conflict,
                huidige_waarden=huidige_waarden,
                actie=actie,
                titel=self.titels[0 if self.is_nieuw or verdwenen else 1],
                terug_url=profiel_url(self.huis, self.anker),
                multipart=any(veld.field.widget.needs_multipart_form for veld in form),
            )
        )

    def groepen(self, form) -> list[dict]:
        """The visible fields in groups (a fieldset each) or in one group without a title."""
        indeling = getattr(form, "groepen", None)
        if not indeling:
            return [{"titel": "", "velden": form.velden}]
        groepen = [
            {"titel": titel, "velden": [form[naam] for naam in namen if naam in form.fields]}
            for titel, namen in indeling
        ]
        ingedeeld = {naam for _titel, namen in indeling for naam in namen}
        rest = [veld for veld in form.velden if veld.name not in ingedeeld]
        return groepen + ([{"titel": "", "velden": rest}] if rest else [])


class AlgemeenView(ProfielFormView):
    form_class = formulieren.AlgemeenForm
    model = Huis
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

    def get_context_data(self, **kwargs):
        return super().get_context_data(heeft_logo=bool(self.huis.logo), **kwargs)


class StructuurView(ProfielFormView):
    form_class = formulieren.StructuurForm
    model = Huis
    onderdeel = "Structuur"
    anker = "structuur"
    titels = (_("Structuur wijzigen"), _("Structuur wijzigen"))
    meldingen = (_("Structuur bewaard."), _("Structuur bewaard."))


class CoordinatorView(ProfielFormView):
    form_class = formulieren.CoordinatorForm
    model = Coordinator
    onderdeel = "Coördinatoren"
    anker = "coordinatoren"
    nieuw_url_naam = "huizen:profiel_coordinator_nieuw"
    titels = (_("Coördinator toevoegen"), _("Coördinator wijzigen"))
    meldingen = (_("Coördinator ‘%(naam)s’ toegevoegd."), _("Coördinator ‘%(naam)s’ bewaard."))


class ContactpuntView(ProfielFormView):
    form_class = formulieren.ContactpuntForm
    model = Contactpunt
    onderdeel = "Contactpunten"
    anker = "contactpunten"
    nieuw_url_naam = "huizen:profiel_contactpunt_nieuw"
    titels = (_("Contactpunt toevoegen"), _("Contactpunt wijzigen"))
    meldingen = (_("Contactpunt ‘%(naam)s’ toegevoegd."), _("Contactpunt ‘%(naam)s’ bewaard."))


class PartnerView(ProfielFormView):
    form_class = formulieren.PartnerForm
    model = Partner
    onderdeel = "Partners"
    anker = "partners"
    nieuw_url_naam = "huizen:profiel_partner_nieuw"
    titels = (_("Partner toevoegen"), _("Partner wijzigen"))
    meldingen = (_("Partner ‘%(naam)s’ toegevoegd."), _("Partner ‘%(naam)s’ bewaard."))


class OverlegorgaanView(ProfielFormView):
    form_class = formulieren.OverlegorgaanForm
    model = Overlegorgaan
    onderdeel = "Overlegorganen"
    anker = "overlegorganen"
    nieuw_url_naam = "huizen:profiel_overlegorgaan_nieuw"
    titels = (_("Overlegorgaan toevoegen"), _("Overlegorgaan wijzigen"))
    meldingen = (_("Overlegorgaan ‘%(naam)s’ toegevoegd."), _("Overlegorgaan ‘%(naam)s’ bewaard."))


class LocatieView(ProfielFormView):
    form_class = formulieren.LocatieForm
    model = Locatie
    onderdeel = ONDERDEEL_LOCATIES
    anker = "locaties"
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


class VerwijderView(CoordinatorMixin, TemplateView):
    """Confirm (GET) and delete (POST) one row of the profile; a row already gone is no error."""

    template_name = "huizen/profiel/verwijderen.html"
    model: type[models.Model]
    onderdeel: str = ""
    anker: str = ""
    soort: str = ""  # "de locatie", with the article, for the sentences
    gevolg: str = ""  # what else disappears with it

    def zoek_object(self):
        zichtbaar = self.model.objects.zichtbaar_voor(self.request.user, self.rollen)
        return zichtbaar.voor_huis(self.huis).filter(pk=self.kwargs["pk"]).first()

    al_weg_melding = _("Dit was al verwijderd.")

    def terug_url(self) -> str:
        return profiel_url(self.huis, self.anker)

    def al_weg(self):
        messages.info(self.request, self.al_weg_melding)
        return HttpResponseRedirect(self.terug_url())

    def get(self, request, *args, **kwargs):
        obj = self.zoek_object()
        if obj is None:
            return self.al_weg()
        return self.render_to_response(self.get_context_data(obj=obj, versie=obj.versie))

    def post(self, request, *args, **kwargs):
        obj = self.zoek_object()
        if obj is None:
            return self.al_weg()
        try:
            versie = int(request.POST.get("versie", ""))
        except ValueError:
            versie = None
        if versie is None:
            return self.render_to_response(
                self.get_context_data(
                    obj=obj, versie=obj.versie, conflict=_("Het formulier is onvolledig. Probeer opnieuw.")
                ),
                status=400,
            )
        try:
            verwijder_onderdeel(
                gebruiker=request.user,
                huis=self.huis,
                obj=obj,
                onderdeel=self.onderdeel,
                verwachte_versie=versie,
            )
        except Conflict:
            obj = self.zoek_object()
            if obj is None:
                return self.al_weg()
            return self.render_to_response(
                self.get_context_data(
                    obj=obj,
                    versie=obj.versie,
                    conflict=_(
                        "Iemand anders heeft dit intussen gewijzigd. Bekijk de huidige gegevens en "
                        "bevestig opnieuw als u het toch wilt verwijderen."
                    ),
                ),
                status=409,
            )
        melding = _("%(soort)s ‘%(naam)s’ is verwijderd.")
        messages.success(request, melding % {"soort": capfirst(self.soort), "naam": obj})
        return HttpResponseRedirect(self.terug_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            soort=self.soort, gevolg=self.gevolg, terug_url=self.terug_url(), **kwargs
        )


class CoordinatorVerwijderView(VerwijderView):
    model, onderdeel, anker, soort = Coordinator, "Coördinatoren", "coordinatoren", _("coördinator")


class LocatieVerwijderView(VerwijderView):
    model, onderdeel, anker, soort = Locatie, ONDERDEEL_LOCATIES, "locaties", _("locatie")
    gevolg = _("De openingsuren van deze locatie verdwijnen mee.")


class ContactpuntVerwijderView(VerwijderView):
    model, onderdeel, anker, soort = Contactpunt, "Contactpunten", "contactpunten", _("contactpunt")


class PartnerVerwijderView(VerwijderView):
    model, onderdeel, anker, soort = Partner, "Partners", "partners", _("partner")
    gevolg = _("De partner wordt ook weggehaald bij de locaties waar ze werkt.")


class OverlegorgaanVerwijderView(VerwijderView):
    model, onderdeel, anker, soort = Overlegorgaan, "Overlegorganen", "overlegorganen", _("overlegorgaan")
