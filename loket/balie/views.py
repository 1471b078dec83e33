"""The workspace of the loket staff of a Huis: the queue of requests, a request with its history,
corrections, notes and offers, the requests that waited too long for a first answer, and
registering a request for a family at the desk or on the phone (the families' own form,
`loket.gezin.formulier`).

Only the loket staff of the Huis in the URL get here (coordinators, Opgroeien staff and other
Huizen get a 404). Requests are read through `Opvangvraag.objects.zichtbaar_voor(user)` (see
`loket.selectors`), all writes go through `loket.services`, and every page that shows a family's
personal data writes an entry in the audit log (`services.log_inzage`).
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from kern.forms import ExportForm, voeg_fouten_toe
from kern.fragmenten import met_csrf, render_zonder_csrf
from kern.paginacache import VersiePaginaMixin
from kern.tabellen import Cel, Tabel, download
from kern.tenancy import HuisMixin, Rol, is_lid
from kern.versies import BEWAARTIJD_PERSOONLIJK, gecachet_tot
from kern.views import FormServiceView
from loket import selectors, services
from loket.balie.forms import (
    AanbodForm,
    AanbodIntrekkenForm,
    DringendForm,
    NotitieForm,
    OverplaatsingForm,
    VoorrangForm,
    WachtrijFilterForm,
)
from loket.gezin.formulier import AanvraagFormulierMixin, Formulier, see_other
from loket.models import (
    KWETSBAARHEIDSKENMERKEN,
    Aanbod,
    AanbodStatus,
    Inzage,
    Leeftijdsgroep,
    Opvangvraag,
    Status,
)
from loket.selectors import dubbels as dubbelselectors
from loket.selectors import passen
from loket.toegang import LoketMixin

PER_PAGINA = 25
KORTE_LEEFTIJDSGROEP = {
    Leeftijdsgroep.BABY: "baby",
    Leeftijdsgroep.PEUTER: "peuter",
    Leeftijdsgroep.SCHOOLKIND: "kleuter of schoolkind",
}


def _querystring(querydict, *weg: str) -> str:
    kopie = querydict.copy()
    for naam in weg:
        kopie.pop(naam, None)
    return kopie.urlencode()


def _ja_nee(waarde: bool) -> str:
    return "ja" if waarde else "nee"


@dataclass
class Rij:
    """One request in a list of the workspace, with what its row shows."""

    vraag: Opvangvraag
    kinderen: list[tuple[str, str]]
    wachtdagen: int
    eerste_voorkeur: str
    voorrang: list[str]
    dagen_over_termijn: int = 0


def rij_van(vraag: Opvangvraag) -> Rij:
    """A listed request (from `selectors.wachtrij` / `over_termijn`: nothing is queried here)."""
    kinderen = [
        (
            kind.voornaam,
            KORTE_LEEFTIJDSGROEP[Leeftijdsgroep.bij_start(kind.geboortedatum, vraag.gewenste_start)],
        )
        for kind in vraag.kinderen.all()
    ]
    voorkeuren = vraag.actieve_voorkeuren
    return Rij(
        vraag=vraag,
        kinderen=kinderen,
        wachtdagen=selectors.wachtdagen(vraag),
        eerste_voorkeur=voorkeuren[0].locatie.naam if voorkeuren else "",
        voorrang=selectors.voorrangsgroepen_van(vraag),
    )


# --- the queue ------------------------------------------------------------------------------


def wachtrijtabel(rijen: list[Rij]) -> Tabel:
    """The filtered queue as a table for the CSV or XLSX download."""
    kolommen = [
        "Nummer",
        "Status",
        "Kinderen",
        "Leeftijd bij de start",
        "Gewenste start",
        "Dagen",
        "Volle of halve dagen",
        "Uren per week",
        "Soort opvang",
        "Voorrang",
        "Kwetsbaar",
        "Via het loket",
        "Ingediend op",
        "Bevestigd op",
        "Wachtdagen",
        "Eerste voorkeur",
        "Aanbod: antwoord uiterlijk op",
        "Aanvraagnummer",
    ]

    def datum(waarde) -> Cel:
        if waarde is None:
            return Cel(None)
        if hasattr(waarde, "tzinfo"):
            waarde = timezone.localtime(waarde).date()
        return Cel(f"{waarde:%d-%m-%Y}")

    tabelrijen = []
    for rij in rijen:
        vraag = rij.vraag
        tabelrijen.append(
            [
                Cel(vraag.pk, "aantal"),
                Cel(vraag.get_status_display()),
                Cel(", ".join(naam for naam, _groep in rij.kinderen)),
                Cel(", ".join(groep for _naam, groep in rij.kinderen)),
                datum(vraag.gewenste_start),
                Cel(vraag.dagen_tekst),
                Cel(vraag.get_dagdeel_display()),
                Cel(vraag.uren_per_week, "aantal"),
                Cel(vraag.get_soort_opvang_display()),
                Cel(", ".join(rij.voorrang)),
                Cel(_ja_nee(vraag.kwetsbaar)),
                Cel(_ja_nee(vraag.via_loket)),
                datum(vraag.ingediend),
                datum(vraag.bevestigd),
                Cel(rij.wachtdagen, "aantal"),
                Cel(rij.eerste_voorkeur),
                datum(vraag.open_deadline),
                Cel(vraag.nummer or ""),
            ]
        )
    return Tabel(naam="loket-wachtrij", titel="Wachtrij van het loket", kolommen=kolommen, rijen=tabelrijen)


class WachtrijView(LoketMixin, VersiePaginaMixin, TemplateView):
    """The loket's queue: filters, sort, 25 per page; `?formaat=csv|xlsx` downloads all filtered rows.

    The filter form and the listed page are rendered once per data version of this loket
    ("loket:<pk>", raised by every loket service and the admin) and of the Huis, filters and page,
    and again when a listed request's days waited grow (`kern.versies.gecachet_tot`). Only this
    loket's staff get here, and they all see the same queue, so the cached HTML holds nothing of
    one visitor. The whole page is kept as well, per visitor (`kern.paginacache`). Every visit is
    still written in the audit log.
    """

    template_name = "loket/balie/wachtrij.html"
    http_method_names = ["get", "head"]
    pagina_bewaartijd = BEWAARTIJD_PERSOONLIJK

    def paginascopes(self):
        return [f"loket:{self.huis.pk}", f"huis:{self.huis.pk}"]

    def bij_elk_bezoek(self, request, extra):
        services.log_inzage(gebruiker=request.user, vraag=None, omschrijving="wachtrij")

    def get(self, request, *args, **kwargs):
        form = WachtrijFilterForm(request.GET or None, huis=self.huis)
        export = ExportForm(request.GET) if "formaat" in request.GET else None
        context = {
            "form": form,
            "export": export,
            "gekozen": form.beschrijving() if form.is_bound else [],
            "kruimelpad": self.kruimelpad(("Wachtrij", "")),
        }
        filter_context = {"form": form, "wachtrij_url": self.wachtrij_url()}
        if form.is_bound and not form.is_valid():
            self.pagina_bewaren = False  # no list shown, nothing written in the audit log
            context["open_dubbels"] = dubbelselectors.aantal_open_dubbels(self.huis, request.user)
            context["filter"] = render_to_string("loket/balie/_wachtrij_filter.html", filter_context)
            return self.render_to_response(self.get_context_data(**context))
        if export is not None and export.is_valid():
            rijen = [rij_van(vraag) for vraag in selectors.wachtrij(self.huis, request.user, form.filters())]
            formaat = export.cleaned_data["formaat"]
            services.log_inzage(
                gebruiker=request.user,
                vraag=None,
                actie=Inzage.Actie.GEEXPORTEERD,
                omschrijving=f"wachtrij: {len(rijen)} aanvragen ({formaat})",
            )
            return download(wachtrijtabel(rijen), formaat)
        querystring = _querystring(request.GET, "pagina", "formaat")

        def lijst() -> tuple[tuple[str, str, int], datetime.datetime | None]:
            vragen = selectors.wachtrij(self.huis, request.user, form.filters())
            pagina = Paginator(vragen, PER_PAGINA).get_page(request.GET.get("pagina"))
            rijen = [rij_van(vraag) for vraag in pagina.object_list]
            html = render_to_string(
                "loket/balie/_wachtrij_lijst.html",
                {
                    "huis": self.huis,
                    "pagina": pagina,
                    "rijen": rijen,
                    "gekozen": context["gekozen"],
                    "querystring": querystring,
                    "exportquery": querystring,
                },
            )
            filter_html = render_to_string("loket/balie/_wachtrij_filter.html", filter_context)
            grenzen = [tot for rij in rijen if (tot := selectors.wachtdagen_tot(rij.vraag)) is not None]
            # The open flags of this loket's requests: the same for all its staff (only they get
            # here), and every flag written or handled raises the versions of both lokets.
            dubbels = dubbelselectors.aantal_open_dubbels(self.huis, request.user)
            return (filter_html, html, dubbels), min(grenzen, default=None)

        (context["filter"], context["lijst"], context["open_dubbels"]), self.pagina_geldig_tot = gecachet_tot(
            "loket-wachtrij",
            [f"loket:{self.huis.pk}", f"huis:{self.huis.pk}"],
            lijst,
            form.is_bound,
            sorted((naam, request.GET.getlist(naam)) for naam in request.GET if naam != "formaat"),
            get_language(),
            bewaartijd=BEWAARTIJD_PERSOONLIJK,
        )
        self.bij_elk_bezoek(request, None)
        return self.render_to_response(self.get_context_data(**context))


# --- the overdue list (decree task 2) -------------------------------------------------------


class TermijnView(LoketMixin, TemplateView):
    """Active requests still without a first answer after the reasonable term: vulnerable first."""

    template_name = "loket/balie/termijn.html"
    http_method_names = ["get", "head"]

    def get_context_data(self, **kwargs):
        pagina = Paginator(selectors.over_termijn(self.huis, self.request.user), PER_PAGINA).get_page(
            self.request.GET.get("pagina")
        )
        rijen = []
        for vraag in pagina.object_list:
            rij = rij_van(vraag)
            rij.dagen_over_termijn = rij.wachtdagen - selectors.redelijke_termijn(rij.vraag)
            rijen.append(rij)
        services.log_inzage(
            gebruiker=self.request.user, vraag=None, omschrijving="aanvragen over de redelijke termijn"
        )
        return super().get_context_data(
            pagina=pagina,
            rijen=rijen,
            querystring="",
            kruimelpad=self.kruimelpad(self.wachtrijstap(), ("Wachten op een eerste antwoord", "")),
            **kwargs,
        )


# --- one request ----------------------------------------------------------------------------


class VraagDetailView(LoketMixin, VersiePaginaMixin, TemplateView):
    """Everything about one request: family, wish, situation, preferences with the free places to
    offer, the offers, the full history with internal notes, and the forms to act on it.

    The POST views below answer on this page when something cannot be done, with what was typed;
    when it was done they open the page at its main content (`#inhoud`), where the message is.

    A visit (GET) shows the content rendered once per data version of this loket ("loket:<pk>",
    raised by every service that changes a request, its offers, places, rounds and locations) and
    of the Huis, language and day, and again when its days waited grow; without the CSRF token
    (`kern.fragmenten`). Only this loket's staff get here and they all see the same request.
    The whole page is kept as well, per visitor (`kern.paginacache`). Every visit is still written
    in the audit log.
    """

    template_name = "loket/balie/detail.html"
    inhoud_template = "loket/balie/_detail_inhoud.html"
    http_method_names = ["get", "head"]
    pagina_bewaartijd = BEWAARTIJD_PERSOONLIJK

    def paginascopes(self):
        return [f"loket:{self.huis.pk}", f"huis:{self.huis.pk}"]

    def bij_elk_bezoek(self, request, extra):
        # `extra`: the request's pk, found among this loket's requests when the page was made
        vraag = Opvangvraag(pk=extra)
        services.log_inzage(gebruiker=request.user, vraag=vraag, omschrijving="aanvraag bekeken")

    def get(self, request, *args, **kwargs):
        kop = get_object_or_404(
            selectors.vragen_van_loket(self.huis, request.user).only("pk", "nummer", "huis_id"),
            pk=self.vraag_pk(),
        )
        inhoud, self.pagina_geldig_tot = gecachet_tot(
            "loket-aanvraag",
            [f"loket:{self.huis.pk}", f"huis:{self.huis.pk}"],
            self.inhoud_zonder_csrf,
            kop.pk,
            timezone.localdate().isoformat(),
            get_language(),
            bewaartijd=BEWAARTIJD_PERSOONLIJK,
        )
        self.pagina_extra = kop.pk
        self.bij_elk_bezoek(request, kop.pk)
        return self.render_to_response(
            super().get_context_data(vraag=kop, meldingen=[], inhoud=met_csrf(request, inhoud))
        )

    def inhoud_zonder_csrf(self) -> tuple[str, datetime.datetime | None]:
        """The page's content as a visit shows it, and when its days waited grow."""
        html = render_zonder_csrf(self.inhoud_template, self.inhoud_context())
        return html, selectors.wachtdagen_tot(self.vraag)

    def vraag_pk(self):
        return self.kwargs["vraag_pk"]

    @cached_property
    def vraag(self) -> Opvangvraag:
        return get_object_or_404(
            selectors.vragen_met_details(self.huis, self.request.user), pk=self.vraag_pk()
        )

    def detail_url(self) -> str:
        return reverse("loket:vraag_detail", kwargs={"huis_slug": self.huis.slug, "vraag_pk": self.vraag.pk})

    def get_context_data(self, **kwargs):
        """The page as a POST view answers it (forms with what was typed, messages)."""
        context = self.inhoud_context(**kwargs)
        services.log_inzage(gebruiker=self.request.user, vraag=self.vraag, omschrijving="aanvraag bekeken")
        context["inhoud"] = met_csrf(self.request, render_zonder_csrf(self.inhoud_template, context))
        return context

    def inhoud_context(
        self,
        *,
        aanbod_form: AanbodForm | None = None,
        intrekken_form: tuple[int, AanbodIntrekkenForm] | None = None,
        notitie_form: NotitieForm | None = None,
        meldingen: list[dict] | None = None,
        **kwargs,
    ):
        vraag = self.vraag
        kinderen = list(vraag.kinderen.all())
        for kind in kinderen:
            kind.groep = Leeftijdsgroep(Leeftijdsgroep.bij_start(kind.geboortedatum, vraag.gewenste_start))
        plaatsen = selectors.vrije_plaatsen_voor(vraag) if vraag.is_open else {}
        aanbiedingen = list(vraag.aanbiedingen.all())
        lopend_bij = {
            aanbod.plaats.locatie_id
            for aanbod in aanbiedingen
            if aanbod.status in (AanbodStatus.OPEN, AanbodStatus.AANVAARD)
        }
        voorkeuren = list(vraag.voorkeuren.all())
        for voorkeur in voorkeuren:
            voorkeur.plaatsen = []
            voorkeur.lopend_aanbod = voorkeur.locatie_id in lopend_bij
            voorkeur.soort_past = passen.soort_past(vraag.soort_opvang, voorkeur.locatie.soort)
            # a location of another loket: that loket offers its places (`loket.balie.elders`)
            voorkeur.ander_loket = voorkeur.locatie.huis if voorkeur.locatie.huis_id != self.huis.pk else None
            eigen = voorkeur.actief and voorkeur.ander_loket is None
            for plaats in plaatsen.get(voorkeur.locatie_id, []) if eigen else []:
                if aanbod_form is not None and aanbod_form.data.get("plaats") == str(plaats.pk):
                    plaats.form = aanbod_form
                else:
                    plaats.form = AanbodForm(huis=self.huis, initial={"plaats": plaats.pk})
                plaats.form.auto_id = f"id_aanbod_{plaats.pk}_%s"
                voorkeur.plaatsen.append(plaats)
        for aanbod in aanbiedingen:
            aanbod.loopt = aanbod.status in (AanbodStatus.OPEN, AanbodStatus.AANVAARD)
            if aanbod.loopt:
                if intrekken_form is not None and intrekken_form[0] == aanbod.pk:
                    aanbod.form = intrekken_form[1]
                else:
                    aanbod.form = AanbodIntrekkenForm()
                aanbod.form.auto_id = f"id_intrekken_{aanbod.pk}_%s"
        notitie_form = notitie_form or NotitieForm()
        kenmerken = [(label, getattr(vraag, veld)) for veld, label in KWETSBAARHEIDSKENMERKEN]
        return super().get_context_data(
            vraag=vraag,
            kinderen=kinderen,
            ouders=list(vraag.ouders.all()),
            voorkeuren=voorkeuren,
            aanbiedingen=aanbiedingen,
            gebeurtenissen=list(vraag.gebeurtenissen.all()),
            voorrang=selectors.voorrangsgroepen_van(vraag),
            kenmerken=kenmerken,
            wachtdagen=selectors.wachtdagen(vraag),
            notitie_form=notitie_form,
            overplaatsingen=list(vraag.overplaatsingen.order_by("ingediend")),
            lopende_overplaatsing=services.lopende_overplaatsing(vraag)
            if vraag.status == "geplaatst"
            else None,
            meldingen=meldingen or [],
            kruimelpad=self.kruimelpad(self.wachtrijstap(), (f"Aanvraag nr. {vraag.pk}", "")),
            **kwargs,
        )


class NotitieView(VraagDetailView):
    """POST: add an internal note to the request."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = NotitieForm(request.POST)
        if form.is_valid():
            try:
                services.voeg_notitie_toe(
                    vraag=self.vraag, tekst=form.cleaned_data["tekst"], door=request.user
                )
            except ValidationError as fout:
                voeg_fouten_toe(form, fout)
            else:
                messages.success(request, "De notitie is bewaard.")
                return redirect(f"{self.detail_url()}#inhoud")
        meldingen = [
            {"href": "#id_tekst", "tekst": f"Notitie: {fout}"} for fout in form.errors.get("tekst", [])
        ]
        return self.render_to_response(self.get_context_data(notitie_form=form, meldingen=meldingen))


class AanbodDoenMixin:
    """POST `plaats` and `deadline`: offer a free place of this loket's locations to the request
    of the page (`aanbod_vraag`); on an error the page again, with the messages at the form."""

    http_method_names = ["post"]

    def aanbod_vraag(self) -> Opvangvraag:
        return self.vraag

    def post(self, request, *args, **kwargs):
        form = AanbodForm(request.POST, huis=self.huis)
        if form.is_valid():
            try:
                aanbod = services.doe_aanbod(
                    vraag=self.aanbod_vraag(),
                    plaats=form.cleaned_data["plaats"],
                    deadline=form.cleaned_data["deadline"],
                    door=request.user,
                    toch_reden=form.reden_om_toch_aan_te_bieden(),
                    loket=self.huis,
                )
            except ValidationError as fout:
                voeg_fouten_toe(form, fout)
            else:
                messages.success(
                    request,
                    f"De plaats bij {aanbod.locatie.naam} is aangeboden. Het gezin kan antwoorden tot en met "
                    f"{date_format(aanbod.deadline, 'j F Y')}; het kreeg een e-mail.",
                )
                return redirect(f"{self.detail_url()}#inhoud")
        ankers = {veld: f"#id_aanbod_{form.data.get('plaats')}_{veld}" for veld in ("deadline", "toch_reden")}
        meldingen = [
            {"href": ankers.get(veld, ""), "tekst": f"Het aanbod is niet gedaan: {fout}"}
            for veld, fouten in form.errors.items()
            for fout in fouten
        ]
        return self.render_to_response(self.get_context_data(aanbod_form=form, meldingen=meldingen))


class AanbodDoenView(AanbodDoenMixin, VraagDetailView):
    """Offer a free place of this loket's locations to one of its own requests."""


class AanbodIntrekkenView(VraagDetailView):
    """POST `reden`: withdraw an offer that is open or waits for the provider's confirmation."""

    http_method_names = ["post"]

    @cached_property
    def aanbod(self) -> Aanbod:
        return get_object_or_404(
            Aanbod.objects.zichtbaar_voor(self.request.user)
            .voor_huis(self.huis)
            .filter(opvangvraag__in=selectors.vragen_van_loket(self.huis, self.request.user)),
            pk=self.kwargs["aanbod_pk"],
        )

    def vraag_pk(self):
        return self.aanbod.opvangvraag_id

    def post(self, request, *args, **kwargs):
        form = AanbodIntrekkenForm(request.POST)
        if form.is_valid():
            try:
                services.trek_aanbod_in(
                    aanbod=self.aanbod, reden=form.cleaned_data["reden"], door=request.user
                )
            except ValidationError as fout:
                voeg_fouten_toe(form, fout)
            else:
                messages.success(request, "Het aanbod is ingetrokken. Het gezin kreeg een e-mail.")
                return redirect(f"{self.detail_url()}#inhoud")
        anker = f"#id_intrekken_{self.aanbod.pk}_reden"
        meldingen = [
            {"href": anker if veld == "reden" else "", "tekst": f"Het aanbod is niet ingetrokken: {fout}"}
            for veld, fouten in form.errors.items()
            for fout in fouten
        ]
        return self.render_to_response(
            self.get_context_data(intrekken_form=(self.aanbod.pk, form), meldingen=meldingen)
        )


class VraagFormulierView(LoketMixin, FormServiceView):
    """A page of the loket that changes one request through a form (`titel`, its breadcrumb),
    then returns to the request's page; an erased request cannot change."""

    http_method_names = ["get", "head", "post"]
    titel = ""
    inzage = ""

    @cached_property
    def vraag(self) -> Opvangvraag:
        return get_object_or_404(
            selectors.vragen_van_loket(self.huis, self.request.user).select_related("broer_zus_locatie"),
            pk=self.kwargs["vraag_pk"],
        )

    def detail_url(self) -> str:
        return reverse("loket:vraag_detail", kwargs={"huis_slug": self.huis.slug, "vraag_pk": self.vraag.pk})

    def post(self, request, *args, **kwargs):
        return self.gewist() or super().post(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.gewist() or super().get(request, *args, **kwargs)

    def gewist(self) -> HttpResponse | None:
        """The data of an erased request cannot change."""
        if not self.vraag.geanonimiseerd:
            return None
        messages.warning(
            self.request, "De gegevens van deze aanvraag zijn gewist; ze kunnen niet meer wijzigen."
        )
        return redirect(self.detail_url())

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "huis": self.huis, "vraag": self.vraag}

    def niveau(self, gewijzigd: bool) -> int:
        return messages.SUCCESS if gewijzigd else messages.INFO

    def get_success_url(self):
        return f"{self.detail_url()}#inhoud"

    def get_context_data(self, **kwargs):
        services.log_inzage(gebruiker=self.request.user, vraag=self.vraag, omschrijving=self.inzage)
        return super().get_context_data(
            vraag=self.vraag,
            detail_url=self.detail_url(),
            kruimelpad=self.kruimelpad(
                self.wachtrijstap(),
                (f"Aanvraag nr. {self.vraag.pk}", self.detail_url()),
                (self.titel, ""),
            ),
            **kwargs,
        )


class VoorrangView(VraagFormulierView):
    """Mark or correct the priority and vulnerability data of a request, with a reason."""

    template_name = "loket/balie/voorrang.html"
    form_class = VoorrangForm
    titel = "Voorrang corrigeren"
    inzage = "voorrang corrigeren"

    def voer_uit(self, form) -> bool:
        """Whether anything changed."""
        voor = {veld: getattr(self.vraag, veld) for veld in services.VOORRANGSVELDEN}
        vraag = services.corrigeer_voorrang(
            vraag=self.vraag, velden=form.velden(), reden=form.cleaned_data["reden"], door=self.request.user
        )
        return voor != {veld: getattr(vraag, veld) for veld in services.VOORRANGSVELDEN}

    def melding(self, gewijzigd: bool) -> str:
        if gewijzigd:
            return "De correctie is bewaard en staat in de interne historiek."
        return "Er was niets gewijzigd aan de voorrang of de kwetsbaarheid."


class DringendView(VraagFormulierView):
    """Mark a request urgent, with the reason, or take the mark away."""

    template_name = "loket/balie/dringend.html"
    form_class = DringendForm
    titel = "Dringend markeren"
    inzage = "dringend markeren"

    def voer_uit(self, form) -> bool:
        """Whether anything changed."""
        voor = (self.vraag.dringend, self.vraag.dringend_reden)
        vraag = services.markeer_dringend(
            vraag=self.vraag,
            dringend=form.cleaned_data["dringend"],
            reden=form.cleaned_data["reden"],
            door=self.request.user,
        )
        self.nu_dringend = vraag.dringend
        return voor != (vraag.dringend, vraag.dringend_reden)

    def melding(self, gewijzigd: bool) -> str:
        if not gewijzigd:
            return "Er was niets gewijzigd."
        if self.nu_dringend:
            return "De aanvraag is als dringend gemarkeerd: ze staat nu bovenaan de wachtrij."
        return "De aanvraag is niet meer dringend."


class OverplaatsingView(VraagFormulierView):
    """A placed family asks for other locations (moved house, new work): the loket starts a
    transfer, a new request in the queue linked to the placed one; the placement stays until a new
    one is confirmed."""

    template_name = "loket/balie/overplaatsing.html"
    form_class = OverplaatsingForm
    titel = "Overplaatsing starten"
    inzage = "overplaatsing starten"

    def niet_geplaatst(self) -> HttpResponse | None:
        """Only a placed request can be transferred: back to the request's page."""
        if self.vraag.status == Status.GEPLAATST:
            return None
        messages.info(self.request, "Alleen een geplaatste aanvraag kan overgeplaatst worden.")
        return redirect(self.detail_url())

    def get(self, request, *args, **kwargs):
        return self.niet_geplaatst() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.niet_geplaatst() or super().post(request, *args, **kwargs)

    def voer_uit(self, form) -> Opvangvraag:
        return services.start_overplaatsing(
            vraag=self.vraag,
            voorkeuren=form.voorkeuren(),
            gewenste_start=form.cleaned_data["gewenste_start"],
            reden=form.cleaned_data["reden"],
            door=self.request.user,
        )

    def melding(self, nieuw: Opvangvraag) -> str:
        return (
            f"De overplaatsing staat op de wachtlijst als aanvraag {nieuw.nummer}. De huidige plaatsing "
            "loopt door tot de opvang een nieuwe plaats bevestigt."
        )

    def get_success_url(self):
        nieuw = reverse(
            "loket:vraag_detail", kwargs={"huis_slug": self.huis.slug, "vraag_pk": self.resultaat.pk}
        )
        return f"{nieuw}#inhoud"

    def get_context_data(self, **kwargs):
        return super().get_context_data(lopend=services.lopende_overplaatsing(self.vraag), **kwargs)


# --- registering a request for a family ---------------------------------------------------------


class RegistreerVoorGezinView(HuisMixin, AanvraagFormulierMixin, View):
    """Loket staff register a request for a family at the desk or on the phone."""

    rollen = [Rol.LOKET]
    voor_loket = True

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.huis  # noqa: B018  (404 for outsiders)
            if not is_lid(request.user, self.huis, [Rol.LOKET]):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def kruimelpad(self) -> list[tuple[str, str]]:
        werkruimte = reverse("huizen:werkruimte", kwargs={"huis_slug": self.huis.slug})
        return [(self.huis.naam, werkruimte), (_("Aanvraag registreren voor een gezin"), "")]

    def get(self, request, huis_slug):
        return self.toon(self.formulier(initial={"indieningssleutel": uuid.uuid4()}))

    def post(self, request, huis_slug):
        herschikt = self.herschik(request)
        if herschikt is not None:
            return herschikt
        return self.verwerk(request, self.formulier(request.POST))

    def bewaar(self, formulier: Formulier) -> HttpResponse:
        form = formulier.form
        vraag, nieuw = services.registreer_opvangvraag(
            huis=self.huis,
            velden=form.velden(),
            kinderen=formulier.kinderen.gegevens(),
            ouders=formulier.ouders.gegevens(),
            voorkeuren=form.voorkeuren(),
            sleutel=form.cleaned_data.get("indieningssleutel"),
            door=self.request.user,
        )
        if nieuw:
            tekst = _("De aanvraag is geregistreerd en staat op de wachtlijst.")
            if vraag.email:
                tekst += " " + _("Het gezin krijgt een e-mail met de link naar zijn aanvraag.")
            messages.success(self.request, tekst)
        return see_other(
            reverse("loket:vraag_detail", kwargs={"huis_slug": self.huis.slug, "vraag_pk": vraag.pk})
        )
