"""The opvang pages: childcare providers keep their locations and free places and confirm the
placements families accepted; the loket staff of the Huis can do the same on their behalf.

Who may manage a location is decided by `Opvanglocatie.objects.beheerbaar_door(user)`: its
provider users and the loket staff of its Huis. Anyone else gets a 404. Reads come from
`loket.selectors.opvang`, writes go through `loket.services.opvang` and `loket.services`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from huizen.models import Huis
from kern.fragmenten import met_csrf, render_zonder_csrf
from kern.paginacache import VersiePaginaMixin, geldig_menu
from kern.tabellen import datumtekst
from kern.tenancy import Rol, huis_ids_van
from kern.versies import BEWAARTIJD_PERSOONLIJK, gecachet
from kern.views import FormServiceView
from loket import services
from loket.aanbieder.forms import AfwijzenForm, LocatieForm, NieuweLocatieForm, SluitingForm, VrijePlaatsForm
from loket.models import Aanbod, AanbodStatus, Opvanglocatie, VrijePlaats, is_aanbieder
from loket.selectors import bezet, vrije_plaatsen_met_bezetting
from loket.selectors.opvang import (
    RECENTE_PLAATSINGEN_DAGEN,
    aanbiedingen_bij,
    aanbiedingen_die_plaats_houden,
    met_plaatsen,
    recente_plaatsingen,
    sluiting_van,
)
from loket.selectors.vraag import vraag_naar
from loket.services import opvang as opvang_services
from loket.toegang import LoketMixin

MAX_RECENTE_PLAATSINGEN = 20


def voornamen(aanbod: Aanbod) -> str:
    return ", ".join(kind.voornaam for kind in aanbod.opvangvraag.kinderen.all()) or "–"


def _beheerbaar(user):
    return Opvanglocatie.objects.beheerbaar_door(user)


# --- the provider's dashboard ---------------------------------------------------------------------


class AanbiederView(LoginRequiredMixin, VersiePaginaMixin, TemplateView):
    """A provider's locations with their free places, and the offers made to them.

    A loket member without provider memberships sees where to find its Huis's locations; any other
    user gets a 404.
    """

    template_name = "loket/aanbieder/dashboard.html"
    http_method_names = ["get", "head"]
    pagina_bewaartijd = BEWAARTIJD_PERSOONLIJK

    def paginascopes(self):
        return [f"loket:{huis_id}" for huis_id in self.huis_ids]

    def pagina_delen(self):
        return tuple((huis["pk"], huis["slug"], huis["naam"]) for huis in self.loket_huizen)

    def bij_elk_bezoek(self, request, extra):
        # `extra`: the requests whose contact data the page shows
        services.log_inzage_van(gebruiker=request.user, vraag_ids=extra, omschrijving="aanbieder")

    @cached_property
    def loket_huizen(self) -> list[dict]:
        """The Huizen whose loket the user works for, to link to their lists of locations: read
        from the session's menu while it is good (it lists the user's Huizen with the role, at most
        a minute old, as the menu's own links), else from the memberships."""
        menu = geldig_menu(self.request)
        if menu is None:
            huizen = Huis.objects.filter(pk__in=huis_ids_van(self.request.user, [Rol.LOKET]))
            return list(huizen.order_by("naam").values("pk", "slug", "naam"))
        huizen = [huis for huis in menu["nav_huizen"] if huis.get("loket")]
        return sorted(huizen, key=lambda huis: huis["naam"])

    @cached_property
    def huis_ids(self) -> list[int]:
        """The Huizen whose lokets manage the provider's locations."""
        locaties = Opvanglocatie.objects.van_aanbieder(self.request.user).order_by()
        return sorted(set(locaties.values_list("huis_id", flat=True)))

    def dispatch(self, request, *args, **kwargs):
        # a provider with locations is one: no need to ask for its memberships
        if (
            request.user.is_authenticated
            and not self.huis_ids
            and not is_aanbieder(request.user)
            and not huis_ids_van(request.user, [Rol.LOKET]).exists()
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        user = self.request.user
        inhoud, gezien = gecachet(
            "aanbieder",
            [f"loket:{huis_id}" for huis_id in self.huis_ids],
            self.inhoud,
            user.pk,
            self.pagina_delen(),
            timezone.localdate().isoformat(),
            get_language(),
            bewaartijd=BEWAARTIJD_PERSOONLIJK,
        )
        # The provider sees the family's contact data of an accepted offer: that is written down.
        self.pagina_extra = gezien
        self.bij_elk_bezoek(self.request, gezien)
        return super().get_context_data(inhoud=met_csrf(self.request, inhoud), **kwargs)

    def inhoud(self) -> tuple[str, list[int]]:
        """The page's content (without the CSRF token) and the requests whose contact data it
        shows. Cached per user (its own locations and offers), data version of the lokets of its
        locations (raised by every loket service, the provider's own services and the admin,
        memberships included), its loket memberships and day: `get_context_data`."""
        user = self.request.user
        eigen = Opvanglocatie.objects.van_aanbieder(user)
        zichtbaar = Aanbod.objects.zichtbaar_voor(user)
        locaties = list(met_plaatsen(eigen).order_by("naam", "pk"))
        aanvaard = list(
            aanbiedingen_bij(zichtbaar, eigen, [AanbodStatus.AANVAARD]).order_by("beantwoord", "pk")
        )
        lopend = list(aanbiedingen_bij(zichtbaar, eigen, [AanbodStatus.OPEN]).order_by("deadline", "pk"))
        geplaatst = list(recente_plaatsingen(zichtbaar, eigen)[:MAX_RECENTE_PLAATSINGEN])
        html = render_zonder_csrf(
            "loket/aanbieder/_dashboard_inhoud.html",
            {
                "locaties": locaties,
                "aanvaard": aanvaard,
                "lopend": lopend,
                "geplaatst": geplaatst,
                "loket_huizen": self.loket_huizen,
                "recente_dagen": RECENTE_PLAATSINGEN_DAGEN,
            },
        )
        return html, list(dict.fromkeys(aanbod.opvangvraag_id for aanbod in aanvaard))


# --- confirming a placement -----------------------------------------------------------------------


def _veilige_terug(request, standaard: str) -> str:
    terug = request.POST.get("terug", "")
    if terug and url_has_allowed_host_and_scheme(
        terug, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return terug
    return standaard


@require_POST
@login_required
def aanbod_bevestigen(request, aanbod_pk: int):
    """The provider (or the loket for it) confirms the placement a family accepted."""
    aanbiedingen = Aanbod.objects.zichtbaar_voor(request.user).filter(
        plaats__locatie__in=_beheerbaar(request.user).values("pk")
    )
    aanbod = get_object_or_404(aanbiedingen.select_related("plaats__locatie"), pk=aanbod_pk)
    locatie = aanbod.locatie
    if Opvanglocatie.objects.van_aanbieder(request.user).filter(pk=locatie.pk).exists():
        standaard = reverse("loket:aanbieder")
    else:
        standaard = reverse("loket:locatie", kwargs={"locatie_pk": locatie.pk})
    try:
        services.bevestig_plaatsing(aanbod=aanbod, door=request.user)
    except ValidationError as fout:
        for melding in fout.messages:
            messages.error(request, melding)
    else:
        messages.success(
            request,
            _("De plaatsing van %(kinderen)s bij %(locatie)s is bevestigd. Het gezin krijgt een e-mail.")
            % {"kinderen": voornamen(aanbod), "locatie": locatie.naam},
        )
    return HttpResponseRedirect(_veilige_terug(request, standaard))


class AanbodAfwijzenView(LoginRequiredMixin, FormServiceView):
    """The provider (or the loket for it) cannot take in a family it was offered: the reason
    (GET: the form) and the decline (POST), through `services.wijs_aanbod_af`. Only offers at a
    location the user manages; anyone else gets a 404."""

    template_name = "loket/aanbieder/afwijzen.html"
    form_class = AfwijzenForm
    http_method_names = ["get", "head", "post"]

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            aanbiedingen = Aanbod.objects.zichtbaar_voor(request.user).filter(
                plaats__locatie__in=_beheerbaar(request.user).values("pk")
            )
            self.aanbod = get_object_or_404(
                aanbiedingen.select_related("plaats__locatie__huis", "opvangvraag"),
                pk=self.kwargs["aanbod_pk"],
            )
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def als_aanbieder(self) -> bool:
        return (
            Opvanglocatie.objects.van_aanbieder(self.request.user).filter(pk=self.aanbod.locatie.pk).exists()
        )

    def terug_url(self) -> str:
        if self.als_aanbieder:
            return reverse("loket:aanbieder")
        return reverse("loket:locatie", kwargs={"locatie_pk": self.aanbod.locatie.pk})

    def voer_uit(self, form):
        return services.wijs_aanbod_af(
            aanbod=self.aanbod, reden=form.cleaned_data["reden"], door=self.request.user
        )

    def melding(self, resultaat) -> str:
        return _(
            "U vangt %(kinderen)s niet op bij %(locatie)s. De plaats is weer vrij; het gezin krijgt een "
            "e-mail en blijft op de wachtlijst."
        ) % {"kinderen": voornamen(resultaat), "locatie": resultaat.locatie.naam}

    def get_success_url(self):
        return self.terug_url()

    def get_context_data(self, **kwargs):
        locatie = self.aanbod.locatie
        if self.als_aanbieder:
            pad = [("Mijn opvang", reverse("loket:aanbieder"))]
        else:
            huis = locatie.huis
            pad = [
                (huis.naam, reverse("huizen:werkruimte", kwargs={"huis_slug": huis.slug})),
                ("Opvanglocaties", reverse("loket:locaties", kwargs={"huis_slug": huis.slug})),
                (locatie.naam, self.terug_url()),
            ]
        return super().get_context_data(
            aanbod=self.aanbod,
            locatie=locatie,
            loopt=self.aanbod.status in (AanbodStatus.OPEN, AanbodStatus.AANVAARD),
            kinderen=voornamen(self.aanbod),
            terug_url=self.terug_url(),
            kruimelpad=[*pad, (_("Niet opvangen"), "")],
            **kwargs,
        )


# --- one location -----------------------------------------------------------------------------------


class OpvangMixin(LoginRequiredMixin):
    """A page about one location the user manages; the location is found before any handler runs."""

    http_method_names = ["get", "head", "post"]

    def zoek_locatie(self) -> Opvanglocatie:
        return get_object_or_404(
            _beheerbaar(self.request.user).select_related("huis", "gemeente", "organisator"),
            pk=self.kwargs["locatie_pk"],
        )

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.locatie = self.zoek_locatie()
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def als_aanbieder(self) -> bool:
        """Whether the user keeps this location as its provider (else as the loket of its Huis)."""
        return Opvanglocatie.objects.van_aanbieder(self.request.user).filter(pk=self.locatie.pk).exists()

    def locatie_url(self) -> str:
        return reverse("loket:locatie", kwargs={"locatie_pk": self.locatie.pk})

    def kruimelpad(self) -> list[tuple[str, str]]:
        """Through "Mijn opvang" for its provider, through the Huis's locations for the loket, to
        the location and the page below it (`huidige_pagina()`, "" on the location's own page)."""
        if self.als_aanbieder:
            pad = [("Mijn opvang", reverse("loket:aanbieder"))]
        else:
            huis = self.locatie.huis
            pad = [
                (huis.naam, reverse("huizen:werkruimte", kwargs={"huis_slug": huis.slug})),
                ("Opvanglocaties", reverse("loket:locaties", kwargs={"huis_slug": huis.slug})),
            ]
        huidige = self.huidige_pagina()
        if huidige:
            return [*pad, (self.locatie.naam, self.locatie_url()), (huidige, "")]
        return [*pad, (self.locatie.naam, "")]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            locatie=self.locatie,
            huis=self.locatie.huis,
            als_aanbieder=self.als_aanbieder,
            kruimelpad=self.kruimelpad(),
            **kwargs,
        )


class LocatieView(OpvangMixin, TemplateView):
    """A location's data, its free places with their occupancy, and the offers that hold them."""

    template_name = "loket/aanbieder/locatie.html"
    http_method_names = ["get", "head"]

    def huidige_pagina(self) -> str:
        return ""

    def get_context_data(self, **kwargs):
        plaatsen = list(
            vrije_plaatsen_met_bezetting(self.locatie.vrije_plaatsen.aangeboden())
            .select_related("bijgewerkt_door")
            .order_by("vanaf", "leeftijdsgroep", "pk")
        )
        lopend = list(
            aanbiedingen_bij(
                Aanbod.objects.zichtbaar_voor(self.request.user),
                Opvanglocatie.objects.filter(pk=self.locatie.pk),
                [AanbodStatus.OPEN, AanbodStatus.AANVAARD],
            ).order_by("status", "deadline", "pk")
        )
        vraag = [tabel.als_tabel() for tabel in vraag_naar(self.locatie, timezone.localdate())]
        return super().get_context_data(
            plaatsen=plaatsen,
            lopend=lopend,
            vraag=vraag,
            sluitingsform=SluitingForm(initial={"sluit_op": self.locatie.sluit_op}),
            **sluiting_van(self.locatie, self.request.user),
            **kwargs,
        )


class LocatieSluitenView(OpvangMixin, FormServiceView):
    """The day from which a location is closed (`opvang_services.zet_sluitingsdatum`); the form is
    also on the location's page, this page shows it again with its errors."""

    template_name = "loket/aanbieder/sluiten.html"
    form_class = SluitingForm

    def huidige_pagina(self) -> str:
        return _("Sluiting")

    def get_initial(self):
        return {"sluit_op": self.locatie.sluit_op}

    def voer_uit(self, form):
        return opvang_services.zet_sluitingsdatum(
            locatie=self.locatie, sluit_op=form.cleaned_data["sluit_op"], door=self.request.user
        )

    def melding(self, resultaat) -> str:
        if resultaat.sluit_op is None:
            return _("%(naam)s heeft geen sluitingsdatum: de locatie blijft open.") % {"naam": resultaat.naam}
        if resultaat.gesloten:
            return _(
                "%(naam)s is gesloten vanaf %(datum)s. Lopende aanbiedingen worden nu ingetrokken en "
                "geplaatste gezinnen komen met voorrang terug op de wachtlijst; het overzicht hieronder "
                "toont wat er gebeurde."
            ) % {"naam": resultaat.naam, "datum": f"{datumtekst(resultaat.sluit_op)}"}
        return _("%(naam)s sluit op %(datum)s.") % {
            "naam": resultaat.naam,
            "datum": f"{datumtekst(resultaat.sluit_op)}",
        }

    def get_success_url(self):
        return self.locatie_url() + "#sluiting-titel"

    def get_context_data(self, **kwargs):
        return super().get_context_data(terug_url=self.locatie_url(), **kwargs)


class FormulierMixin(FormServiceView):
    """A form of a location or its free places with its error summary; a valid form is saved by
    `bewaar` (a service call)."""

    template_name = "loket/aanbieder/formulier.html"
    titel = ""
    succesmelding = ""

    def maak_form(self, data=None):
        raise NotImplementedError

    def bewaar(self, form):
        raise NotImplementedError

    def succes_url(self, obj) -> str:
        raise NotImplementedError

    def terug_url(self) -> str:
        raise NotImplementedError

    def huidige_pagina(self) -> str:
        return str(self.titel)

    def get_form(self, form_class=None):
        return self.maak_form(self.request.POST if self.request.method == "POST" else None)

    def voer_uit(self, form):
        try:
            return self.bewaar(form)
        except (Opvanglocatie.DoesNotExist, VrijePlaats.DoesNotExist) as fout:
            raise Http404 from fout

    def melding(self, obj) -> str:
        return self.succesmelding % {"naam": getattr(obj, "naam", "")}

    def get_success_url(self):
        return self.succes_url(self.resultaat)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(titel=self.titel, terug_url=self.terug_url(), **kwargs)
        context["groepen"] = context["form"].ingedeeld()
        return context


class LocatieWijzigView(OpvangMixin, FormulierMixin):
    titel = _("Gegevens van de locatie wijzigen")
    succesmelding = _("De gegevens van %(naam)s zijn bewaard.")

    def maak_form(self, data=None):
        return LocatieForm(data, instance=self.zoek_locatie(), huis=self.locatie.huis)

    def bewaar(self, form):
        return opvang_services.bewaar_locatie(
            huis=self.locatie.huis, locatie=self.locatie, gegevens=form.gegevens(), door=self.request.user
        )

    def succes_url(self, obj):
        return self.locatie_url()

    def terug_url(self):
        return self.locatie_url()


class PlaatsNieuwView(OpvangMixin, FormulierMixin):
    titel = _("Vrije plaatsen toevoegen")
    succesmelding = _("De vrije plaatsen zijn toegevoegd.")

    def maak_form(self, data=None):
        return VrijePlaatsForm(data, locatie=self.locatie, instance=VrijePlaats(locatie=self.locatie))

    def bewaar(self, form):
        return opvang_services.bewaar_vrije_plaats(
            locatie=self.locatie, gegevens=form.gegevens(), door=self.request.user
        )

    def succes_url(self, obj):
        return self.locatie_url()

    def terug_url(self):
        return self.locatie_url()


class PlaatsMixin(OpvangMixin):
    """A page about one free place of a location the user manages."""

    def zoek_plaats(self) -> VrijePlaats:
        plaatsen = VrijePlaats.objects.aangeboden().filter(
            locatie__in=_beheerbaar(self.request.user).values("pk")
        )
        return get_object_or_404(plaatsen, pk=self.kwargs["plaats_pk"])

    def zoek_locatie(self) -> Opvanglocatie:
        self.plaats = self.zoek_plaats()
        return get_object_or_404(
            _beheerbaar(self.request.user).select_related("huis", "gemeente", "organisator"),
            pk=self.plaats.locatie_id,
        )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("plaats", self.plaats)
        return super().get_context_data(**kwargs)


class PlaatsWijzigView(PlaatsMixin, FormulierMixin):
    titel = _("Vrije plaatsen wijzigen")
    succesmelding = _("De vrije plaatsen zijn bewaard.")

    def maak_form(self, data=None):
        plaats = self.zoek_plaats()
        return VrijePlaatsForm(data, locatie=self.locatie, instance=plaats, alleen_aantal=bezet(plaats) > 0)

    def bewaar(self, form):
        return opvang_services.bewaar_vrije_plaats(
            locatie=self.locatie, plaats=self.plaats, gegevens=form.gegevens(), door=self.request.user
        )

    def succes_url(self, obj):
        return self.locatie_url()

    def terug_url(self):
        return self.locatie_url()

    def get_context_data(self, **kwargs):
        houdend = aanbiedingen_die_plaats_houden(self.plaats)
        return super().get_context_data(houdend=houdend, **kwargs)


class PlaatsVerwijderView(PlaatsMixin, TemplateView):
    """Confirm (GET) and remove (POST) free places; places an offer holds stay, with the reason."""

    template_name = "loket/aanbieder/plaats_verwijderen.html"

    def huidige_pagina(self) -> str:
        return "Vrije plaatsen verwijderen"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        try:
            opvang_services.verwijder_vrije_plaats(plaats=self.plaats, door=request.user)
        except ValidationError as fout:
            return self.render_to_response(self.get_context_data(fouten=fout.messages))
        except VrijePlaats.DoesNotExist:
            messages.info(request, _("Deze vrije plaatsen waren al verwijderd."))
        else:
            messages.success(request, _("De vrije plaatsen zijn verwijderd."))
        return HttpResponseRedirect(self.locatie_url())

    def get_context_data(self, **kwargs):
        plaats = vrije_plaatsen_met_bezetting(VrijePlaats.objects.filter(pk=self.plaats.pk)).first()
        houdend = aanbiedingen_die_plaats_houden(self.plaats)
        return super().get_context_data(
            plaats=plaats or self.plaats,
            houdend=houdend,
            eerder_aangeboden=not houdend and self.plaats.aanbiedingen.exists(),
            terug_url=self.locatie_url(),
            **kwargs,
        )


# --- the loket's locations --------------------------------------------------------------------------


class LocatiesView(LoketMixin, TemplateView):
    """All childcare locations the loket follows (active and not), with their free places."""

    template_name = "loket/aanbieder/locaties.html"
    http_method_names = ["get", "head"]

    def get_context_data(self, **kwargs):
        locaties = list(
            met_plaatsen(_beheerbaar(self.request.user).filter(huis=self.huis)).order_by(
                "-actief", "gemeente__naam", "naam", "pk"
            )
        )
        for locatie in locaties:
            plaatsen = list(locatie.vrije_plaatsen.all())
            locatie.totaal_aantal = sum(plaats.aantal for plaats in plaatsen)
            locatie.totaal_vrij = sum(plaats.vrij_aantal for plaats in plaatsen)
            locatie.aantal_rijen = len(plaatsen)
        return super().get_context_data(
            locaties=locaties, kruimelpad=self.kruimelpad(("Opvanglocaties", "")), **kwargs
        )


class LocatieNieuwView(LoketMixin, FormulierMixin):
    http_method_names = ["get", "head", "post"]
    titel = _("Opvanglocatie toevoegen")
    succesmelding = _("Opvanglocatie %(naam)s is toegevoegd. Voeg nu haar vrije plaatsen toe.")

    def maak_form(self, data=None):
        return NieuweLocatieForm(data, instance=Opvanglocatie(huis=self.huis), huis=self.huis)

    def bewaar(self, form):
        return opvang_services.bewaar_locatie(
            huis=self.huis, gegevens=form.gegevens(), door=self.request.user
        )

    def succes_url(self, obj):
        return reverse("loket:locatie", kwargs={"locatie_pk": obj.pk})

    def terug_url(self):
        return reverse("loket:locaties", kwargs={"huis_slug": self.huis.slug})

    def get_context_data(self, **kwargs):
        kruimelpad = self.kruimelpad(("Opvanglocaties", self.terug_url()), (str(self.titel), ""))
        return super().get_context_data(nieuw_in_huis=True, kruimelpad=kruimelpad, **kwargs)
