"""The request form of the Lokaal Loket Kinderopvang: children, parents, the care wish, the ranked
preferences and the family situation.

Families fill it in on the public page of their Huis; loket staff use the same form to register
a request for a family at the desk or on the phone (then the e-mail address is optional). The
form only validates; `loket.services.registreer_opvangvraag` / `wijzig_opvangvraag` write.
"""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import RegexValidator
from django.forms import BaseFormSet, formset_factory
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from huizen.models import Gemeente, Huis, Weekdag
from huizen.selectors import zoek_gemeenten
from kern.forms import TelefoonVeld
from kern.invoer import VeiligeTekstForm
from loket.models import (
    KWETSBAARHEIDSKENMERKEN,
    Dagdeel,
    Flexibiliteit,
    Kind,
    Opvanglocatie,
    Opvangvraag,
    SoortOpvang,
)
from loket.services import MAX_VOORKEUREN, woonplaatsfout
from loket.termijnen import plus_maanden

MAX_KINDEREN = 4
MAX_OUDERS = 2
VERWACHT_MAX_MAANDEN = 10
START_MAX_JAREN = 2
MAX_LEEFTIJD_JAREN = 12
BUITENSCHOOLS_MIN_MAANDEN = 30  # 2,5 jaar
BABY_PEUTER_MAX_MAANDEN = 42  # 3,5 jaar
VOORKEUR_FOUT = "voorkeuren"
VOORKEUR_CONFLICT = "voorkeur_past_niet"
#: Marks the fields whose value decides which locations fit (the list is shown again on change).
KEUZE_BRON = "data-bepaalt-keuze"
BUITEN_WERKINGSGEBIED = "buiten_werkingsgebied"

DATUMFORMATEN = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
DAGEN = [(dag.value, dag.label) for dag in Weekdag if dag != Weekdag.ZONDAG]

POSTCODE = RegexValidator(r"^\d{4}$", _("Een Belgische postcode heeft 4 cijfers, bv. 9000."))


def leeftijd_in_maanden(geboren: datetime.date, op: datetime.date) -> int:
    maanden = (op.year - geboren.year) * 12 + op.month - geboren.month
    if op.day < geboren.day:
        maanden -= 1
    return maanden


def _datumveld(label, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATUMFORMATEN,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Vul een datum in."),
            "invalid": _("Vul een geldige datum in, bv. 15/09/2026."),
        },
        **kwargs,
    )


# --- children -------------------------------------------------------------------------------------


class KindForm(VeiligeTekstForm):
    voornaam = forms.CharField(
        label=_("Voornaam"),
        max_length=100,
        help_text=_("Nog geen naam? Vul dan bv. ‘baby’ in."),
        error_messages={"required": _("Vul de voornaam in.")},
    )
    verwacht = forms.BooleanField(label=_("Dit kind is nog niet geboren"), required=False)
    geboortedatum = _datumveld(
        _("Geboortedatum"),
        help_text=_("Is het kind nog niet geboren? Vul dan de verwachte geboortedatum in."),
    )
    zorgnoden = forms.CharField(
        label=_("Specifieke zorgbehoefte"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=Kind._meta.get_field("zorgnoden").help_text,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["geboortedatum"].widget.attrs[KEUZE_BRON] = True

    def clean(self):
        cleaned = super().clean()
        datum = cleaned.get("geboortedatum")
        if datum is None:
            return cleaned
        vandaag = timezone.localdate()
        if cleaned.get("verwacht"):
            if datum < vandaag:
                self.add_error(
                    "geboortedatum",
                    _(
                        "Een verwachte geboortedatum ligt in de toekomst. Is het kind al geboren? "
                        "Vink dan ‘nog niet geboren’ uit."
                    ),
                )
            elif datum > plus_maanden(vandaag, VERWACHT_MAX_MAANDEN):
                self.add_error(
                    "geboortedatum",
                    _("De verwachte geboortedatum mag hoogstens %(maanden)s maanden na vandaag liggen.")
                    % {"maanden": VERWACHT_MAX_MAANDEN},
                )
        elif datum > vandaag:
            self.add_error(
                "geboortedatum",
                _(
                    "Deze geboortedatum ligt in de toekomst. Is het kind nog niet geboren? "
                    "Vink dan ‘nog niet geboren’ aan."
                ),
            )
        return cleaned

    def gegevens(self) -> dict:
        return {
            "voornaam": self.cleaned_data["voornaam"].strip(),
            "geboortedatum": self.cleaned_data["geboortedatum"],
            "verwacht": bool(self.cleaned_data.get("verwacht")),
            "zorgnoden": self.cleaned_data.get("zorgnoden", "").strip(),
        }


class BaseGezinFormSet(BaseFormSet):
    """Every row beyond the minimum may be left empty, also one that was filled in before (so a
    second parent can be removed by emptying it)."""

    def _construct_form(self, i, **kwargs):
        if self.is_bound:
            kwargs.setdefault("empty_permitted", i >= self.min_num)
        return super()._construct_form(i, **kwargs)


class BaseKindFormSet(BaseGezinFormSet):
    """1 to 4 children registered together. Knows the wished start and kind of care (set by the
    view after the main form is valid) to check each child's age at the start."""

    default_error_messages = {
        **BaseFormSet.default_error_messages,
        "too_few_forms": _("Vul de gegevens van minstens één kind in."),
        "too_many_forms": _("U kunt hoogstens %(num)d kinderen samen registreren."),
    }
    start: datetime.date | None = None
    soort: str | None = None

    def clean(self):
        if self.start is None or not self.soort:
            return
        for form in self.forms:
            datum = getattr(form, "cleaned_data", {}).get("geboortedatum")
            if datum is None or form.errors:
                continue
            naam = form.cleaned_data.get("voornaam") or _("het kind")
            fout = _leeftijdsfout(naam, datum, self.start, self.soort)
            if fout:
                form.add_error("geboortedatum", fout)

    def gegevens(self) -> list[dict]:
        return [form.gegevens() for form in self.forms if form.cleaned_data]


def _leeftijdsfout(naam: str, geboren: datetime.date, start: datetime.date, soort: str) -> str:
    if start < geboren:
        return _(
            "De gewenste startdatum ligt vóór de (verwachte) geboortedatum van %(naam)s. "
            "Kies een latere startdatum."
        ) % {"naam": naam}
    maanden = leeftijd_in_maanden(geboren, start)
    if maanden >= MAX_LEEFTIJD_JAREN * 12:
        return _(
            "%(naam)s is op de gewenste startdatum %(jaar)s jaar of ouder. Het loket zoekt opvang "
            "voor kinderen jonger dan %(jaar)s jaar."
        ) % {"naam": naam, "jaar": MAX_LEEFTIJD_JAREN}
    if soort == SoortOpvang.BUITENSCHOOLS and maanden < BUITENSCHOOLS_MIN_MAANDEN:
        return _(
            "Buitenschoolse opvang is voor kinderen vanaf 2,5 jaar. %(naam)s is op de gewenste "
            "startdatum jonger: kies opvang voor baby's en peuters, of een latere startdatum."
        ) % {"naam": naam}
    if soort != SoortOpvang.BUITENSCHOOLS and maanden >= BABY_PEUTER_MAX_MAANDEN:
        return _(
            "Opvang voor baby's en peuters is voor kinderen jonger dan 3,5 jaar. %(naam)s is op de "
            "gewenste startdatum ouder: kies buitenschoolse opvang, of een vroegere startdatum."
        ) % {"naam": naam}
    return ""


KindFormSet = formset_factory(
    KindForm,
    formset=BaseKindFormSet,
    extra=0,
    min_num=1,
    max_num=MAX_KINDEREN,
    absolute_max=MAX_KINDEREN,
    validate_min=True,
    validate_max=True,
)


# --- parents --------------------------------------------------------------------------------------


class OuderForm(VeiligeTekstForm):
    naam = forms.CharField(
        label=_("Naam"),
        max_length=150,
        help_text=_("Voornaam en familienaam."),
        error_messages={"required": _("Vul de naam van de ouder in.")},
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Vul een geldig e-mailadres in, bv. naam@voorbeeld.be.")},
    )
    telefoon = TelefoonVeld(label=_("Telefoonnummer"), required=False)

    def clean(self):
        cleaned = super().clean()
        # A second parent's name is only needed once something is filled in for that parent (the
        # form is then validated): its field is not marked "(verplicht)".
        if not (cleaned.get("naam") or "").strip() and "naam" not in self.errors:
            self.add_error("naam", self.fields["naam"].error_messages["required"])
        return cleaned

    def gegevens(self) -> dict:
        return {
            "naam": self.cleaned_data["naam"].strip(),
            "email": self.cleaned_data.get("email", "").strip(),
            "telefoon": self.cleaned_data.get("telefoon", "").strip(),
        }


class BaseOuderFormSet(BaseGezinFormSet):
    default_error_messages = {
        **BaseFormSet.default_error_messages,
        "too_few_forms": _("Vul de gegevens van minstens één ouder in."),
        "too_many_forms": _("U kunt hoogstens %(num)d ouders invullen."),
    }

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if i >= self.min_num:
            form.fields["naam"].required = False  # see OuderForm.clean
        return form

    def gegevens(self) -> list[dict]:
        return [form.gegevens() for form in self.forms if form.cleaned_data]


OuderFormSet = formset_factory(
    OuderForm,
    formset=BaseOuderFormSet,
    extra=1,
    min_num=1,
    max_num=MAX_OUDERS,
    absolute_max=MAX_OUDERS,
    validate_min=True,
    validate_max=True,
)


# --- the request itself ---------------------------------------------------------------------------

VOORRANG = ("opvang_voor_werk", "alleenstaande_ouder", "laag_inkomen", "pleegkind")
KWETSBAARHEID = tuple(veld for veld, _label in KWETSBAARHEIDSKENMERKEN)


class AanvraagForm(VeiligeTekstForm):
    """The request without its children and parents: contact, home, care wish, preferences and
    the family situation. The preferences are `keuzes`: location pks, best first, posted as
    hidden fields in that order (the list is built with buttons, see `loket.gezin.keuze`).

    A new request (`loket=` the Huis) needs a home gemeente in the loket's area."""

    indieningssleutel = forms.UUIDField(widget=forms.HiddenInput, required=False)

    email = forms.EmailField(
        label=_("E-mailadres voor de opvolging"),
        max_length=254,
        help_text=_("Hierheen sturen we de bevestiging, een aanbod en herinneringen."),
        error_messages={
            "required": _("Vul het e-mailadres in waarop we u kunnen bereiken."),
            "invalid": _("Vul een geldig e-mailadres in, bv. naam@voorbeeld.be."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    email_herhaling = forms.CharField(
        label=_("Typ het e-mailadres nog eens"),
        max_length=254,
        required=False,
        help_text=_("Zo vermijden we een tikfout: anders krijgt u onze e-mails niet."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    postcode = forms.CharField(
        label=_("Postcode van uw woonplaats"),
        max_length=4,
        validators=[POSTCODE],
        error_messages={"required": _("Vul de postcode van uw woonplaats in.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code", "size": 6}),
    )
    # A select of the gemeenten of the typed postcode (checked in clean(): a choice left over from
    # another postcode is asked again, not refused).
    gemeente = forms.CharField(label=_("Uw gemeente"), required=False, max_length=5, widget=forms.Select)

    gewenste_start = _datumveld(
        _("Gewenste startdatum"),
        help_text=_("Vanaf wanneer hebt u opvang nodig? Ten vroegste vandaag, ten laatste binnen 2 jaar."),
    )
    flexibiliteit = forms.ChoiceField(
        label=_("Kan de opvang ook later starten?"),
        choices=Flexibiliteit.choices,
        initial=Flexibiliteit.GEEN,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe flexibel de startdatum is.")},
    )
    dagen = forms.TypedMultipleChoiceField(
        label=_("Op welke dagen hebt u opvang nodig?"),
        choices=DAGEN,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één dag.")},
    )
    dagdeel = forms.ChoiceField(
        label=_("Volle of halve dagen?"),
        choices=Dagdeel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies volle of halve dagen.")},
    )
    uren_per_week = forms.IntegerField(
        label=_("Hoeveel uren per week ongeveer?"),
        min_value=1,
        max_value=60,
        help_text=_("Een getal van 1 tot 60."),
        error_messages={
            "required": _("Vul het aantal uren per week in."),
            "invalid": _("Vul een getal in, bv. 32."),
            "min_value": _("Vul minstens 1 uur in."),
            "max_value": _("Hoogstens 60 uren per week."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    soort_opvang = forms.ChoiceField(
        label=_("Welke opvang zoekt u?"),
        choices=SoortOpvang.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Opvang voor baby's en peuters is tot 3,5 jaar; buitenschoolse opvang is voor kinderen "
            "vanaf 2,5 jaar die naar school gaan."
        ),
        error_messages={"required": _("Kies welke opvang u zoekt.")},
    )
    keuzes = forms.TypedMultipleChoiceField(
        label=_("Uw keuzes"),
        coerce=int,
        required=False,
        widget=forms.MultipleHiddenInput,
        error_messages={
            "invalid_choice": _(
                "Een opvanglocatie die u koos, neemt geen aanvragen meer aan. Ze is uit uw keuzes "
                "gehaald: kijk uw keuzes na."
            )
        },
    )

    opvang_voor_werk = forms.BooleanField(
        label=_("Ik heb opvang nodig om te werken, werk te zoeken of een opleiding te volgen"),
        required=False,
    )
    alleenstaande_ouder = forms.BooleanField(label=_("Ik ben een alleenstaande ouder"), required=False)
    laag_inkomen = forms.BooleanField(
        label=_("Ons gezin heeft een laag inkomen"),
        required=False,
        help_text=_("Alleen ja of nee: u hoeft geen bedrag in te vullen."),
    )
    pleegkind = forms.BooleanField(label=_("Het kind is een pleegkind"), required=False)
    broer_zus_locatie = forms.ModelChoiceField(
        label=_("Gaat een broer of zus al naar een van deze opvanglocaties?"),
        queryset=Opvanglocatie.objects.none(),
        required=False,
        empty_label=_("Nee (of niet bij deze locaties)"),
    )
    kw_inkomen_uit_werk = forms.BooleanField(label=KWETSBAARHEIDSKENMERKEN[0][1], required=False)
    kw_opleiding = forms.BooleanField(label=KWETSBAARHEIDSKENMERKEN[1][1], required=False)
    kw_huisvesting = forms.BooleanField(label=KWETSBAARHEIDSKENMERKEN[2][1], required=False)
    kw_thuistaal = forms.BooleanField(label=KWETSBAARHEIDSKENMERKEN[3][1], required=False)
    kw_gezondheid = forms.BooleanField(label=KWETSBAARHEIDSKENMERKEN[4][1], required=False)

    def __init__(
        self,
        *args,
        locaties,
        voor_loket: bool = False,
        met_sleutel: bool = True,
        loket: Huis | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.locaties = list(locaties)
        self.loket = loket
        self.voor_loket = voor_loket
        self.met_sleutel = met_sleutel
        if not met_sleutel:
            del self.fields["indieningssleutel"]
        if voor_loket:
            self.fields["email"].required = False
            self.fields["email"].label = _("E-mailadres van het gezin voor de opvolging")
            self.fields["email"].help_text = _(
                "Niet verplicht. Vult u het in, dan krijgt het gezin de link naar zijn aanvraag en "
                "de berichten over een aanbod per e-mail."
            )
            self.fields["postcode"].label = _("Postcode van de woonplaats van het gezin")
        self.fields["broer_zus_locatie"].queryset = Opvanglocatie.objects.filter(
            pk__in=[locatie.pk for locatie in self.locaties]
        ).order_by("naam")
        self.fields["keuzes"].choices = [(locatie.pk, locatie.naam) for locatie in self.locaties]
        for naam in ("postcode", "gemeente", "gewenste_start", "soort_opvang"):
            self.fields[naam].widget.attrs[KEUZE_BRON] = True
        self.fields["gemeente"].widget.choices = [("", _("Kies uw gemeente"))] + [
            (gemeente.nis, gemeente.naam) for gemeente in self.gemeenten_bij_postcode
        ]

    @classmethod
    def initial_van(cls, vraag: Opvangvraag) -> dict:
        """The form's initial values from a stored request (to change it)."""
        initial = {veld: getattr(vraag, veld) for veld in (*VOORRANG, *KWETSBAARHEID)}
        initial.update(
            email=vraag.email,
            email_herhaling=vraag.email,
            postcode=vraag.postcode,
            gemeente=vraag.gemeente.nis,
            gewenste_start=vraag.gewenste_start,
            flexibiliteit=vraag.flexibiliteit,
            dagen=[str(dag) for dag in vraag.dagen],
            dagdeel=vraag.dagdeel,
            uren_per_week=vraag.uren_per_week,
            soort_opvang=vraag.soort_opvang,
            broer_zus_locatie=vraag.broer_zus_locatie_id,
            keuzes=[v.locatie_id for v in vraag.voorkeuren.all() if v.actief],
        )
        return initial

    # -- the home gemeente -----------------------------------------------------------------------

    def _ruwe_postcode(self) -> str:
        waarde = (
            self.data.get(self.add_prefix("postcode"), "") if self.is_bound else self.initial.get("postcode")
        )
        return "".join(str(waarde or "").split())

    @cached_property
    def gemeenten_bij_postcode(self) -> list[Gemeente]:
        postcode = self._ruwe_postcode()
        if len(postcode) != 4 or not postcode.isdigit():
            return []
        return zoek_gemeenten(postcode)

    @property
    def toon_gemeentekeuze(self) -> bool:
        """Only a postcode shared by several gemeenten asks which one."""
        return len(self.gemeenten_bij_postcode) > 1

    @property
    def getypte_woonplaats(self) -> Gemeente | None:
        """The home gemeente as typed so far (before validation), or None."""
        gemeenten = self.gemeenten_bij_postcode
        if len(gemeenten) == 1:
            return gemeenten[0]
        return next((g for g in gemeenten if g.nis == self["gemeente"].value()), None)

    def clean_postcode(self):
        return "".join(self.cleaned_data["postcode"].split())

    def _clean_woonplaats(self, cleaned: dict) -> None:
        """The gemeente of the postcode (asked when the postcode has several), in the loket's area."""
        postcode = cleaned.get("postcode")
        if not postcode:
            return
        gemeenten = self.gemeenten_bij_postcode
        if not gemeenten:
            self.add_error(
                "postcode",
                _("De postcode %(postcode)s kennen we niet. Kijk ze na.") % {"postcode": postcode},
            )
            return
        if len(gemeenten) == 1:
            gekozen = gemeenten[0]
        else:
            gekozen = next((g for g in gemeenten if g.nis == cleaned.get("gemeente")), None)
        if gekozen is None:
            self.add_error(
                "gemeente",
                _("De postcode %(postcode)s hoort bij meer dan één gemeente (%(namen)s). Kies uw gemeente.")
                % {"postcode": postcode, "namen": ", ".join(g.naam for g in gemeenten)},
            )
            return
        cleaned["gemeente"] = gekozen
        melding = woonplaatsfout(huis=self.loket, gemeente=gekozen, postcode=postcode) if self.loket else ""
        if melding:
            self.add_error("postcode", ValidationError(melding, code=BUITEN_WERKINGSGEBIED))

    @property
    def buiten_werkingsgebied(self) -> Gemeente | None:
        """The home gemeente when it lies outside the loket's area (after validation)."""
        fouten = self.errors.as_data().get("postcode", []) if self.is_bound else []
        if any(fout.code == BUITEN_WERKINGSGEBIED for fout in fouten):
            return self.cleaned_data.get("gemeente")
        return None

    # -- preferences -------------------------------------------------------------------------------

    @property
    def voorkeurfouten(self) -> list[str]:
        """The errors about the list as a whole (a conflict of one location is shown beside it)."""
        fouten = self.errors.as_data().get(NON_FIELD_ERRORS, [])
        lijst = [bericht for fout in fouten if fout.code == VOORKEUR_FOUT for bericht in fout.messages]
        return [*self["keuzes"].errors, *lijst]

    def clean_keuzes(self):
        return list(dict.fromkeys(self.cleaned_data["keuzes"]))

    def _clean_voorkeuren(self, cleaned: dict) -> None:
        if "keuzes" in self.errors:
            return
        if not cleaned.get("keuzes"):
            self.add_error(
                None,
                ValidationError(
                    _("Kies minstens één opvanglocatie: druk op ‘Toevoegen’ bij de opvang die u wilt."),
                    code=VOORKEUR_FOUT,
                ),
            )
        elif len(cleaned["keuzes"]) > MAX_VOORKEUREN:
            self.add_error(
                None,
                ValidationError(
                    _("Kies hoogstens %(max)s opvanglocaties.") % {"max": MAX_VOORKEUREN},
                    code=VOORKEUR_FOUT,
                ),
            )

    # -- the whole form ----------------------------------------------------------------------------

    def clean(self):
        cleaned = super().clean()
        if (
            self.met_sleutel
            and not self.voor_loket
            and cleaned.get("indieningssleutel") is None
            and "indieningssleutel" not in self.errors
        ):
            self.add_error(None, _("Het formulier is onvolledig. Laad de pagina opnieuw."))

        email = (cleaned.get("email") or "").strip()
        herhaling = (cleaned.get("email_herhaling") or "").strip()
        if email and "email" not in self.errors:
            if not herhaling:
                self.add_error("email_herhaling", _("Typ het e-mailadres hier nog eens."))
            elif herhaling.lower() != email.lower():
                self.add_error(
                    "email_herhaling", _("De twee e-mailadressen zijn niet gelijk. Kijk ze allebei na.")
                )

        self._clean_woonplaats(cleaned)

        start = cleaned.get("gewenste_start")
        if start is not None:
            vandaag = timezone.localdate()
            if start < vandaag:
                self.add_error(
                    "gewenste_start", _("De startdatum ligt in het verleden. Kies vandaag of later.")
                )
            elif start > plus_maanden(vandaag, START_MAX_JAREN * 12):
                self.add_error(
                    "gewenste_start",
                    _("De startdatum mag hoogstens %(jaar)s jaar na vandaag liggen.")
                    % {"jaar": START_MAX_JAREN},
                )

        if cleaned.get("dagen"):
            cleaned["dagen"] = sorted(set(cleaned["dagen"]))
        self._clean_voorkeuren(cleaned)
        return cleaned

    def velden(self) -> dict:
        """The request's fields for the service (see `loket.services.AANVRAAGVELDEN`)."""
        data = self.cleaned_data
        velden = {
            "email": (data.get("email") or "").strip(),
            "postcode": data["postcode"],
            "gemeente": data["gemeente"],
            "gewenste_start": data["gewenste_start"],
            "flexibiliteit": data["flexibiliteit"],
            "dagen": data["dagen"],
            "dagdeel": data["dagdeel"],
            "uren_per_week": data["uren_per_week"],
            "soort_opvang": data["soort_opvang"],
            "broer_zus_locatie": data.get("broer_zus_locatie"),
        }
        velden.update({veld: bool(data.get(veld)) for veld in (*VOORRANG, *KWETSBAARHEID)})
        return velden

    def voorkeuren(self) -> list[Opvanglocatie]:
        """The chosen locations, best first (ranks 1..n by the service)."""
        per_pk = {locatie.pk: locatie for locatie in self.locaties}
        return [per_pk[pk] for pk in self.cleaned_data["keuzes"]]

    # -- groups of fields for the template --------------------------------------------------------

    def _groep(self, namen) -> list[forms.BoundField]:
        return [self[naam] for naam in namen if naam in self.fields]

    @property
    def contactvelden(self):
        return self._groep(["email", "email_herhaling"])

    @property
    def wensvelden(self):
        return self._groep(
            ["gewenste_start", "flexibiliteit", "dagen", "dagdeel", "uren_per_week", "soort_opvang"]
        )

    @property
    def voorrangvelden(self):
        return self._groep([*VOORRANG, "broer_zus_locatie"])

    @property
    def kwetsbaarheidsvelden(self):
        return self._groep(KWETSBAARHEID)


class IntrekkenForm(VeiligeTekstForm):
    reden = forms.CharField(
        label=_("Waarom trekt u uw aanvraag in?"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Niet verplicht. Bv. ‘we vonden opvang’ of ‘we verhuizen’."),
    )


class AanbodAntwoordForm(forms.Form):
    antwoord = forms.ChoiceField(
        choices=[("aanvaarden", _("aanvaarden")), ("weigeren", _("weigeren"))],
        error_messages={"required": _("Kies of u het aanbod aanvaardt of weigert.")},
    )
    # The second step: the family read what its answer means and confirms it.
    bevestigd = forms.BooleanField(required=False, widget=forms.HiddenInput)
    wachtlijst = forms.ChoiceField(
        label=_("Blijft uw aanvraag op de wachtlijst?"),
        required=False,
        widget=forms.RadioSelect,
        choices=[
            ("ja", _("Ja, zoek verder een plaats bij mijn andere voorkeuren")),
            ("nee", _("Nee, ik zoek geen opvang meer: trek mijn aanvraag in")),
        ],
        error_messages={"invalid_choice": _("Kies of uw aanvraag op de wachtlijst blijft.")},
    )

    def clean(self):
        gegevens = super().clean()
        if (
            gegevens.get("bevestigd")
            and gegevens.get("antwoord") == "weigeren"
            and not gegevens.get("wachtlijst")
        ):
            self.add_error("wachtlijst", _("Kies of uw aanvraag op de wachtlijst blijft."))
        return gegevens
