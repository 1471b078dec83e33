"""The families' side of the Lokaal Loket Kinderopvang: public, without an account.

A family registers a request on the page of its Huis, confirms its e-mail address through the
link we mail, and follows the request on a private page reached by a long random token: status
in plain words, change, re-confirm, withdraw, answer an offer, download or erase its data.
Loket staff register a request for a family with the same form.

Forms validate, `loket.services` writes. GET never changes anything (mail scanners open links).
"""

from __future__ import annotations

import datetime
import json
import uuid
from dataclasses import dataclass, field
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.forms.utils import ErrorDict, ErrorList
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from django_ratelimit.core import is_ratelimited

from huizen import selectors as huizen_selectors
from kern.forms import voeg_fouten_toe
from kern.pdf import render_pdf
from kern.tenancy import HuisMixin, Rol, is_lid
from loket import selectors, selectors_ronde, services, workflow
from loket.forms_gezin import (
    MAX_KINDEREN,
    VOORKEUR_FOUT,
    AanbodAntwoordForm,
    AanvraagForm,
    IntrekkenForm,
    KindForm,
    KindFormSet,
    OuderFormSet,
    plus_maanden,
)
from loket.models import (
    KWETSBAARHEIDSKENMERKEN,
    AanbodStatus,
    Gebeurtenis,
    Opvangvraag,
    Status,
    dagen_tekst,
)

SESSIE_ONTVANGEN = "loket_aanvraag_ontvangen"
RATELIMIT_GROEP = "loket:aanvragen"


def _see_other(url: str) -> HttpResponseRedirect:
    antwoord = HttpResponseRedirect(url)
    antwoord.status_code = 303
    return antwoord


def _aanvraag_url(vraag: Opvangvraag) -> str:
    return reverse("loket:aanvraag", kwargs={"token": vraag.token})


def maskeer_email(adres: str) -> str:
    """naam@voorbeeld.be -> n•••@voorbeeld.be: enough to recognise, not to read."""
    lokaal, apestaart, domein = adres.partition("@")
    if not apestaart:
        return "•••"
    return f"{lokaal[:1]}•••@{domein}"


def wie_voor_gezin(gebeurtenis: Gebeurtenis) -> str:
    if gebeurtenis.door_gezin:
        return _("u")
    if gebeurtenis.door_id:
        return _("een medewerker")
    return _("automatisch")


# --- private pages: headers ------------------------------------------------------------------------


def prive(antwoord: HttpResponse) -> HttpResponse:
    """A page reached by a private link: never cached, never indexed, never leaks its address to
    another site. ("no-referrer" would also make the browser send `Origin: null` with the page's
    own forms, which the CSRF check rightly refuses.)"""
    antwoord["Cache-Control"] = "no-store, private, max-age=0"
    antwoord["Referrer-Policy"] = "same-origin"
    antwoord["X-Robots-Tag"] = "noindex, nofollow"
    return antwoord


def prive_pagina(view_func):
    """`prive` as a view decorator."""

    @wraps(view_func)
    def omhulsel(request, *args, **kwargs):
        return prive(view_func(request, *args, **kwargs))

    return omhulsel


class TokenMixin:
    """A view of the family's own request, found by the token in the URL."""

    def dispatch(self, request, *args, **kwargs):
        self.vraag = selectors.vraag_met_token(kwargs["token"])
        if self.vraag is None:
            raise Http404
        return prive(super().dispatch(request, *args, **kwargs))

    def get_context_data(self, **kwargs):
        kwargs.setdefault("vraag", self.vraag)
        kwargs.setdefault("huis", self.vraag.huis)
        kwargs.setdefault("bevestigingstermijn_dagen", settings.LOKET_BEVESTIGINGSTERMIJN_DAGEN)
        kwargs.setdefault("bewaartermijn_maanden", settings.LOKET_BEWAARTERMIJN_MAANDEN)
        return super().get_context_data(**kwargs)

    def weiger_als_afgesloten(self, request) -> HttpResponseRedirect | None:
        if self.vraag.is_afgesloten:
            messages.error(
                request,
                _("Deze aanvraag is afgesloten (%(status)s). Dat kan niet meer.")
                % {"status": self.vraag.get_status_display()},
            )
            return _see_other(_aanvraag_url(self.vraag))
        return None


# --- the request form (families and loket staff) --------------------------------------------------


@dataclass
class Formulier:
    """The request form: the main form with the children's and parents' formsets."""

    form: AanvraagForm
    kinderen: KindFormSet
    ouders: OuderFormSet
    focus_kind: int | None = None
    meldingen: list[str] = field(default_factory=list)

    def is_valid(self) -> bool:
        form_ok = self.form.is_valid()
        # the children's ages are checked against the wished start and kind of care
        self.kinderen.start = self.form.cleaned_data.get("gewenste_start")
        self.kinderen.soort = self.form.cleaned_data.get("soort_opvang")
        kinderen_ok = self.kinderen.is_valid()
        ouders_ok = self.ouders.is_valid()
        return form_ok and kinderen_ok and ouders_ok

    def zonder_fouten(self) -> None:
        """Show what was typed without judging it yet (after adding or removing a child)."""
        for form in (self.form, *self.kinderen.forms, *self.ouders.forms):
            form._errors = ErrorDict()
        for formset in (self.kinderen, self.ouders):
            formset._errors = [ErrorDict() for _form in formset.forms]
            formset._non_form_errors = ErrorList(error_class="nonform")

    def foutoverzicht(self) -> list[dict]:
        """Every error as a line for the summary at the top, linking to its field."""
        regels = []
        for fout in self.form.errors.as_data().get("__all__", []):
            href = "#voorkeuren" if fout.code == VOORKEUR_FOUT else ""
            regels += [{"href": href, "tekst": bericht} for bericht in fout.messages]
        regels += _veldfouten(self.form)
        for naam, formset, anker in (("Kind", self.kinderen, "kinderen"), ("Ouder", self.ouders, "ouders")):
            regels += [{"href": f"#{anker}", "tekst": fout} for fout in formset.non_form_errors()]
            for nummer, form in enumerate(formset.forms, start=1):
                regels += _veldfouten(form, f"{naam} {nummer}")
        return regels


def _veldfouten(form, voorvoegsel: str = "") -> list[dict]:
    regels = []
    for veld in form:
        if veld.is_hidden:
            if veld.errors:
                regels.append(
                    {"href": "", "tekst": _("Het formulier is onvolledig. Laad de pagina opnieuw.")}
                )
            continue
        anker = f"#{veld.auto_id}_0" if veld.use_fieldset else f"#{veld.id_for_label}"
        label = f"{voorvoegsel}, {veld.label.lower()}" if voorvoegsel else capfirst(veld.label)
        regels += [{"href": anker, "tekst": f"{label}: {fout}"} for fout in veld.errors]
    return regels


def _management_aantal(data, prefix: str) -> int | None:
    try:
        return int(data.get(f"{prefix}-TOTAL_FORMS", ""))
    except (TypeError, ValueError):
        return None


def _met_kind_erbij(data):
    data = data.copy()
    aantal = _management_aantal(data, "kinderen")
    if aantal is not None and 0 <= aantal < MAX_KINDEREN:
        data["kinderen-TOTAL_FORMS"] = str(aantal + 1)
        return data, aantal
    return data, None


def _zonder_kind(data, index: int):
    data = data.copy()
    aantal = _management_aantal(data, "kinderen")
    if aantal is None or aantal <= 1 or not 0 <= index < min(aantal, MAX_KINDEREN):
        return data
    for positie in range(index, aantal):
        for naam in KindForm.base_fields:
            sleutel, volgende = f"kinderen-{positie}-{naam}", f"kinderen-{positie + 1}-{naam}"
            if positie + 1 < aantal and volgende in data:
                data.setlist(sleutel, data.getlist(volgende))
            else:
                data.pop(sleutel, None)
    data["kinderen-TOTAL_FORMS"] = str(aantal - 1)
    return data


class AanvraagFormulierMixin:
    """Builds, re-renders and validates the request form; subclasses save it (`bewaar`)."""

    template_name = "loket/gezin/formulier.html"
    voor_loket = False
    met_sleutel = True

    @cached_property
    def locaties(self):
        return list(selectors.actieve_opvanglocaties(self.huis))

    def formulier(self, data=None, *, initial=None, kinderen=None, ouders=None) -> Formulier:
        form = AanvraagForm(
            data,
            initial=initial,
            locaties=self.locaties,
            voor_loket=self.voor_loket,
            met_sleutel=self.met_sleutel,
        )
        return Formulier(
            form=form,
            kinderen=KindFormSet(data, initial=kinderen, prefix="kinderen"),
            ouders=OuderFormSet(data, initial=ouders, prefix="ouders"),
        )

    def context(self, formulier: Formulier, **extra) -> dict:
        return {
            "huis": self.huis,
            "form": formulier.form,
            "kinderen": formulier.kinderen,
            "ouders": formulier.ouders,
            "focus_kind": formulier.focus_kind,
            "max_kinderen": MAX_KINDEREN,
            "foutoverzicht": [] if formulier.meldingen else formulier.foutoverzicht(),
            "formuliermeldingen": formulier.meldingen,
            "voor_loket": self.voor_loket,
            "bewaartermijn_maanden": settings.LOKET_BEWAARTERMIJN_MAANDEN,
            "bevestigingstermijn_dagen": settings.LOKET_BEVESTIGINGSTERMIJN_DAGEN,
            **extra,
        }

    def toon(self, formulier: Formulier, status: int = 200) -> HttpResponse:
        return render(self.request, self.template_name, self.context(formulier), status=status)

    def herschik_kinderen(self, request) -> HttpResponse | None:
        """The buttons to add or remove a child re-render the form with what was typed."""
        if request.POST.get("actie") == "kind_toevoegen":
            data, nieuw = _met_kind_erbij(request.POST)
            formulier = self.formulier(data)
            formulier.zonder_fouten()
            if nieuw is None:
                formulier.meldingen.append(
                    _("U kunt hoogstens %(max)s kinderen samen registreren.") % {"max": MAX_KINDEREN}
                )
            if nieuw is not None and nieuw < len(formulier.kinderen.forms):
                formulier.focus_kind = nieuw
                formulier.kinderen.forms[nieuw].fields["voornaam"].widget.attrs["autofocus"] = True
            return self.toon(formulier)
        if "kind_verwijderen" in request.POST:
            try:
                index = int(request.POST["kind_verwijderen"])
            except ValueError:
                index = -1
            formulier = self.formulier(_zonder_kind(request.POST, index))
            formulier.zonder_fouten()
            formulier.meldingen.append(_("Het kind is uit het formulier gehaald."))
            return self.toon(formulier)
        return None

    def verwerk(self, request, formulier: Formulier) -> HttpResponse:
        if not formulier.is_valid():
            return self.toon(formulier)
        try:
            return self.bewaar(formulier)
        except ValidationError as fout:
            voeg_fouten_toe(formulier.form, fout)
            return self.toon(formulier)

    def bewaar(self, formulier: Formulier) -> HttpResponse:  # pragma: no cover - abstract
        raise NotImplementedError


class AanvragenView(AanvraagFormulierMixin, View):
    """The public request form of the loket of one Huis."""

    @cached_property
    def huis(self):
        huis = huizen_selectors.publiek_huis_kort(self.kwargs["huis_slug"])
        if huis is None:
            raise Http404
        return huis

    def geen_loket(self) -> HttpResponse:
        huis = huizen_selectors.publiek_huis(self.huis.slug) or self.huis
        return render(self.request, "loket/gezin/geen_loket.html", {"huis": huis})

    def get(self, request, huis_slug):
        if not self.locaties:
            return self.geen_loket()
        return self.toon(self.formulier(initial={"indieningssleutel": uuid.uuid4()}))

    def post(self, request, huis_slug):
        if not self.locaties:
            return self.geen_loket()
        herschikt = self.herschik_kinderen(request)
        if herschikt is not None:
            return herschikt
        if is_ratelimited(
            request,
            group=RATELIMIT_GROEP,
            key="ip",
            rate=settings.LOKET_AANVRAAG_LIMIET,
            method="POST",
            increment=True,
        ):
            formulier = self.formulier(request.POST)
            formulier.zonder_fouten()
            formulier.meldingen.append(
                _(
                    "Er werden van op deze verbinding te veel aanvragen verstuurd. Er is niets bewaard. "
                    "Wacht even en verstuur het formulier dan opnieuw, of neem contact op met het loket."
                )
            )
            return self.toon(formulier, status=429)
        return self.verwerk(request, self.formulier(request.POST))

    def bewaar(self, formulier: Formulier) -> HttpResponse:
        form = formulier.form
        vraag, _nieuw = services.registreer_opvangvraag(
            huis=self.huis,
            velden=form.velden(),
            kinderen=formulier.kinderen.gegevens(),
            ouders=formulier.ouders.gegevens(),
            voorkeuren=form.voorkeuren(),
            sleutel=form.cleaned_data["indieningssleutel"],
        )
        self.request.session[SESSIE_ONTVANGEN] = {
            "email": maskeer_email(vraag.email) if vraag.email else "",
            "huis": vraag.huis.slug,
        }
        return _see_other(reverse("loket:ontvangen"))


@method_decorator(prive_pagina, name="dispatch")
class OntvangenView(TemplateView):
    """After registering: check your mailbox (no personal data in the URL)."""

    template_name = "loket/gezin/ontvangen.html"

    def get_context_data(self, **kwargs):
        ontvangen = self.request.session.get(SESSIE_ONTVANGEN) or {}
        huis = huizen_selectors.publiek_huis_kort(str(ontvangen.get("huis", ""))) if ontvangen else None
        return super().get_context_data(
            email=ontvangen.get("email", ""),
            huis=huis,
            bevestigingstermijn_dagen=settings.LOKET_BEVESTIGINGSTERMIJN_DAGEN,
            herbevestiging_maanden=settings.LOKET_HERBEVESTIGING_MAANDEN,
            **kwargs,
        )


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

    def get(self, request, huis_slug):
        return self.toon(self.formulier(initial={"indieningssleutel": uuid.uuid4()}))

    def post(self, request, huis_slug):
        herschikt = self.herschik_kinderen(request)
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
        return _see_other(
            reverse("loket:vraag_detail", kwargs={"huis_slug": self.huis.slug, "vraag_pk": vraag.pk})
        )


class WijzigView(TokenMixin, AanvraagFormulierMixin, View):
    """The family changes its open request: the same form, filled in."""

    met_sleutel = False

    @property
    def huis(self):
        return self.vraag.huis

    def context(self, formulier, **extra):
        gekozen = {locatie.pk for locatie in self.locaties}
        vervallen = [v.locatie for v in selectors.voorkeuren_van(self.vraag) if v.locatie_id not in gekozen]
        return super().context(
            formulier, vraag=self.vraag, wijzigen=True, vervallen_locaties=vervallen, **extra
        )

    def get(self, request, token):
        geweigerd = self.weiger_als_afgesloten(request)
        if geweigerd:
            return geweigerd
        vraag = self.vraag
        return self.toon(
            self.formulier(
                initial=AanvraagForm.initial_van(vraag),
                kinderen=list(vraag.kinderen.values("voornaam", "geboortedatum", "verwacht", "zorgnoden")),
                ouders=list(vraag.ouders.values("naam", "email", "telefoon")),
            )
        )

    def post(self, request, token):
        geweigerd = self.weiger_als_afgesloten(request)
        if geweigerd:
            return geweigerd
        herschikt = self.herschik_kinderen(request)
        if herschikt is not None:
            return herschikt
        return self.verwerk(request, self.formulier(request.POST))

    def bewaar(self, formulier: Formulier) -> HttpResponse:
        form = formulier.form
        oud_adres = self.vraag.email
        vraag = services.wijzig_opvangvraag(
            vraag=self.vraag,
            velden=form.velden(),
            kinderen=formulier.kinderen.gegevens(),
            ouders=formulier.ouders.gegevens(),
            voorkeuren=form.voorkeuren(),
        )
        tekst = _("Uw aanvraag is gewijzigd.")
        if vraag.email != oud_adres:
            tekst += " " + _("Vanaf nu sturen we onze berichten naar %(adres)s.") % {"adres": vraag.email}
        messages.success(self.request, tekst)
        return _see_other(_aanvraag_url(vraag))


# --- the family's private page and its actions ----------------------------------------------------


def volgende_stap(vraag: Opvangvraag) -> dict | None:
    """What the family has to do next, and by when."""
    if vraag.status == Status.INGEDIEND:
        termijn = timezone.localdate(vraag.ingediend) + datetime.timedelta(
            days=settings.LOKET_BEVESTIGINGSTERMIJN_DAGEN
        )
        return {
            "tekst": _(
                "Bevestig uw e-mailadres uiterlijk op %(datum)s. Zonder bevestiging wordt de aanvraag gewist."
            ),
            "datum": termijn,
            "bevestigen": True,
        }
    if vraag.is_open and vraag.herbevestiging_gevraagd:
        termijn = timezone.localdate(vraag.herbevestiging_gevraagd) + datetime.timedelta(
            days=settings.LOKET_HERBEVESTIGING_TERMIJN_DAGEN
        )
        return {
            "tekst": _(
                "We vroegen u om te bevestigen dat u nog opvang zoekt. Doe dat uiterlijk op %(datum)s, "
                "anders vervalt uw aanvraag."
            ),
            "datum": termijn,
            "herbevestigen": True,
        }
    if vraag.status == Status.ACTIEF and vraag.herbevestigd:
        termijn = plus_maanden(timezone.localdate(vraag.herbevestigd), settings.LOKET_HERBEVESTIGING_MAANDEN)
        return {
            "tekst": _(
                "U hoeft nu niets te doen. Rond %(datum)s vragen we u per e-mail om te bevestigen dat u "
                "nog opvang zoekt."
            ),
            "datum": termijn,
        }
    if vraag.status == Status.AANBOD:
        return {"tekst": _("Antwoord op het aanbod hieronder vóór de vermelde datum."), "datum": None}
    if vraag.is_afgesloten and vraag.afgesloten:
        termijn = plus_maanden(timezone.localdate(vraag.afgesloten), settings.LOKET_BEWAARTERMIJN_MAANDEN)
        return {
            "tekst": _(
                "We bewaren uw gegevens tot %(datum)s en wissen ze dan. U kunt ze hieronder downloaden "
                "of nu al wissen."
            ),
            "datum": termijn,
        }
    return None


def _gegevens_context(vraag: Opvangvraag) -> dict:
    aanbiedingen = list(selectors.aanbiedingen_van(vraag))
    gebeurtenissen = list(selectors.gebeurtenissen_voor_gezin(vraag))
    for gebeurtenis in gebeurtenissen:
        gebeurtenis.wie_voor_gezin = wie_voor_gezin(gebeurtenis)
    return {
        "vraag": vraag,
        "huis": vraag.huis,
        "kinderen": list(vraag.kinderen.all()),
        "ouders": list(vraag.ouders.all()),
        "voorkeuren": selectors.voorkeuren_van(vraag),
        "aanbiedingen": aanbiedingen,
        "open_aanbiedingen": [a for a in aanbiedingen if a.status == AanbodStatus.OPEN],
        "gebeurtenissen": gebeurtenissen,
        "situatie": _situatie(vraag),
        "uitleg": workflow.UITLEG_VOOR_GEZIN[vraag.status],
        "vandaag": timezone.localdate(),
    }


def _situatie(vraag: Opvangvraag) -> list[tuple[str, str]]:
    """The family situation as (question, answer) lines."""
    regels = [
        (_("Opvang nodig om te werken, werk te zoeken of een opleiding te volgen"), vraag.opvang_voor_werk),
        (_("Alleenstaande ouder"), vraag.alleenstaande_ouder),
        (_("Laag gezinsinkomen"), vraag.laag_inkomen),
        (_("Pleegkind"), vraag.pleegkind),
    ]
    regels += [(capfirst(str(label)), getattr(vraag, veld)) for veld, label in KWETSBAARHEIDSKENMERKEN]
    antwoorden = [(vraag_, _("ja") if waarde else _("nee")) for vraag_, waarde in regels]
    antwoorden.append(
        (
            _("Broer of zus al in opvang op"),
            vraag.broer_zus_locatie.naam if vraag.broer_zus_locatie else _("nee"),
        )
    )
    return antwoorden


class AanvraagView(TokenMixin, TemplateView):
    """The family's private page."""

    template_name = "loket/gezin/aanvraag.html"

    def get_context_data(self, **kwargs):
        stap = volgende_stap(self.vraag)
        if stap is not None and stap["datum"] is not None:
            stap["tekst"] = stap["tekst"] % {"datum": date_format(stap["datum"], "j F Y")}
        return super().get_context_data(
            **_gegevens_context(self.vraag),
            stap=stap,
            rondeuitleg=selectors_ronde.laatste_uitleg_voor_gezin(self.vraag),
            **kwargs,
        )


class BevestigView(TokenMixin, TemplateView):
    """The link in the first e-mail: GET shows a button, only POST confirms."""

    template_name = "loket/gezin/bevestig.html"

    def post(self, request, token):
        geweigerd = self.weiger_als_afgesloten(request)
        if geweigerd:
            return geweigerd
        if self.vraag.status != Status.INGEDIEND:
            messages.info(request, _("Uw e-mailadres was al bevestigd."))
            return _see_other(_aanvraag_url(self.vraag))
        try:
            services.bevestig_adres(vraag=self.vraag)
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        else:
            messages.success(
                request, _("Bedankt, uw e-mailadres is bevestigd. Uw aanvraag staat nu op de wachtlijst.")
            )
        return _see_other(_aanvraag_url(self.vraag))


class HerbevestigView(TokenMixin, View):
    """The family says it still needs care: the re-confirmation clock restarts (POST only)."""

    http_method_names = ["post"]

    def post(self, request, token):
        geweigerd = self.weiger_als_afgesloten(request)
        if geweigerd:
            return geweigerd
        was_ingediend = self.vraag.status == Status.INGEDIEND
        try:
            services.herbevestig(vraag=self.vraag)
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        else:
            if was_ingediend:
                messages.success(request, _("Bedankt, uw aanvraag staat nu op de wachtlijst."))
            else:
                messages.success(request, _("Bedankt, uw aanvraag blijft op de wachtlijst."))
        return _see_other(_aanvraag_url(self.vraag))


class IntrekkenView(TokenMixin, TemplateView):
    template_name = "loket/gezin/intrekken.html"

    def get(self, request, token):
        return self.weiger_als_afgesloten(request) or self.render_to_response(
            self.get_context_data(form=IntrekkenForm())
        )

    def post(self, request, token):
        geweigerd = self.weiger_als_afgesloten(request)
        if geweigerd:
            return geweigerd
        form = IntrekkenForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            services.trek_in(vraag=self.vraag, reden=form.cleaned_data["reden"].strip())
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        else:
            messages.success(request, _("Uw aanvraag is ingetrokken. Het loket zoekt geen plaats meer."))
        return _see_other(_aanvraag_url(self.vraag))


class WissenView(TokenMixin, TemplateView):
    """Erase the request's personal data; the private link stops working."""

    template_name = "loket/gezin/wissen.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            open_aanbiedingen=self.vraag.aanbiedingen.filter(status=AanbodStatus.OPEN).exists(), **kwargs
        )

    def post(self, request, token):
        services.anonimiseer(vraag_id=self.vraag.pk, reden=_("Gegevens gewist op vraag van het gezin."))
        return _see_other(reverse("loket:gewist"))


class GewistView(TemplateView):
    template_name = "loket/gezin/gewist.html"


class AanbodAntwoordView(TokenMixin, TemplateView):
    """An offer of a place: accept or decline it before the deadline."""

    template_name = "loket/gezin/aanbod.html"

    @cached_property
    def aanbod(self):
        return get_object_or_404(selectors.aanbiedingen_van(self.vraag), pk=self.kwargs["aanbod_pk"])

    def get_context_data(self, **kwargs):
        aanbod = self.aanbod
        return super().get_context_data(
            aanbod=aanbod,
            locatie=aanbod.locatie,
            kan_antwoorden=aanbod.status == AanbodStatus.OPEN and aanbod.deadline >= timezone.localdate(),
            termijn_voorbij=aanbod.status == AanbodStatus.OPEN and aanbod.deadline < timezone.localdate(),
            andere_voorkeuren=[
                v
                for v in selectors.voorkeuren_van(self.vraag)
                if v.actief and v.locatie_id != aanbod.locatie.pk
            ],
            **kwargs,
        )

    def get(self, request, token, aanbod_pk):
        return self.render_to_response(self.get_context_data(form=AanbodAntwoordForm()))

    def post(self, request, token, aanbod_pk):
        form = AanbodAntwoordForm(request.POST)
        if form.is_valid():
            aanvaard = form.cleaned_data["antwoord"] == "aanvaarden"
            try:
                services.beantwoord_aanbod(aanbod=self.aanbod, aanvaard=aanvaard)
            except ValidationError as fout:
                form.add_error(None, fout)
            else:
                if aanvaard:
                    messages.success(
                        request,
                        _(
                            "U aanvaardde de plaats bij %(locatie)s. De opvang bevestigt de plaatsing en "
                            "neemt contact met u op."
                        )
                        % {"locatie": self.aanbod.locatie.naam},
                    )
                else:
                    messages.success(
                        request,
                        _("U weigerde de plaats bij %(locatie)s.") % {"locatie": self.aanbod.locatie.naam},
                    )
                return _see_other(_aanvraag_url(self.vraag))
        self.__dict__.pop("aanbod", None)
        return self.render_to_response(self.get_context_data(form=form))


# --- export ---------------------------------------------------------------------------------------


def _waarden(obj: models.Model, *, zonder: tuple[str, ...] = ()) -> dict:
    """Every stored field of a row, readable: foreign keys by name, choices with their label."""
    uit = {}
    for veld in obj._meta.concrete_fields:
        if veld.name in zonder:
            continue
        if veld.is_relation:
            gekoppeld = getattr(obj, veld.name)
            uit[veld.name] = str(gekoppeld) if gekoppeld is not None else None
            continue
        waarde = getattr(obj, veld.attname)
        uit[veld.name] = waarde
        if veld.choices and waarde not in (None, ""):
            uit[f"{veld.name}_omschrijving"] = str(getattr(obj, f"get_{veld.name}_display")())
    return uit


def _adres(locatie) -> str:
    return f"{locatie.straat}, {locatie.postcode} {locatie.gemeente.naam}"


def gegevens_als_dict(vraag: Opvangvraag) -> dict:
    """All the family's data of a request (everything but the private link itself)."""
    aanvraag = _waarden(vraag, zonder=("token", "huis", "gemeente"))
    aanvraag["loket"] = vraag.huis.naam
    aanvraag["gemeente"] = {"nis": vraag.gemeente.nis, "naam": vraag.gemeente.naam}
    aanvraag["dagen_omschrijving"] = dagen_tekst(vraag.dagen)
    deel = ("id", "opvangvraag")
    return {
        "aanvraag": aanvraag,
        "kinderen": [_waarden(kind, zonder=deel) for kind in vraag.kinderen.all()],
        "ouders": [_waarden(ouder, zonder=deel) for ouder in vraag.ouders.all()],
        "voorkeuren": [
            {
                **_waarden(voorkeur, zonder=(*deel, "locatie")),
                "locatie": {"naam": voorkeur.locatie.naam, "adres": _adres(voorkeur.locatie)},
            }
            for voorkeur in selectors.voorkeuren_van(vraag)
        ],
        "aanbiedingen": [
            {
                **_waarden(aanbod, zonder=("opvangvraag", "plaats", "gemaakt_door", "bevestigd_door")),
                "locatie": aanbod.locatie.naam,
                "plaats": {
                    "vanaf": aanbod.plaats.vanaf,
                    "dagen": aanbod.plaats.dagen,
                    "dagen_omschrijving": aanbod.plaats.dagen_tekst,
                    "dagdeel": aanbod.plaats.get_dagdeel_display(),
                    "leeftijdsgroep": aanbod.plaats.get_leeftijdsgroep_display(),
                },
            }
            for aanbod in selectors.aanbiedingen_van(vraag)
        ],
        "gebeurtenissen": [
            {
                **_waarden(gebeurtenis, zonder=("id", "opvangvraag", "door", "intern", "door_gezin")),
                "door": wie_voor_gezin(gebeurtenis),
            }
            for gebeurtenis in selectors.gebeurtenissen_voor_gezin(vraag)
        ],
    }


def _bestandsnaam(extensie: str) -> str:
    return f"aanvraag-kinderopvang-{timezone.localdate():%Y-%m-%d}.{extensie}"


class GegevensJsonView(TokenMixin, View):
    http_method_names = ["get", "head"]

    def get(self, request, token):
        inhoud = json.dumps(
            gegevens_als_dict(self.vraag), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
        )
        antwoord = HttpResponse(inhoud.encode("utf-8"), content_type="application/json; charset=utf-8")
        antwoord["Content-Disposition"] = f'attachment; filename="{_bestandsnaam("json")}"'
        return antwoord


class GegevensPdfView(TokenMixin, View):
    http_method_names = ["get", "head"]

    def get(self, request, token):
        context = {**_gegevens_context(self.vraag), "gemaakt": timezone.localtime()}
        _html, pdf = render_pdf("loket/gezin/gegevens_pdf.html", context)
        antwoord = HttpResponse(pdf, content_type="application/pdf")
        antwoord["Content-Disposition"] = f'attachment; filename="{_bestandsnaam("pdf")}"'
        return antwoord
