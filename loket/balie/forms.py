"""Forms of the loket's workspace: the queue's filters and download, offering a place, withdrawing
an offer, an internal note and the correction of priority and vulnerability data."""

from __future__ import annotations

import re

import phonenumbers
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kern.forms import FilterBeschrijving
from loket import selectors, services
from loket.models import KWETSBAARHEIDSKENMERKEN, Leeftijdsgroep, Opvanglocatie, Opvangvraag, VrijePlaats
from loket.selectors import elders

DATUMFORMATEN = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
MAAND = re.compile(r"^\s*(?:(?P<jaar>\d{4})-(?P<maand>\d{1,2})|(?P<maand2>\d{1,2})[-/](?P<jaar2>\d{4}))\s*$")
EERSTE_JAAR, LAATSTE_JAAR = 2000, 2100
MAX_WACHTWEKEN = 520

STATUSKEUZES = [
    ("", _("Op de wachtlijst: actief of met een aanbod")),
    ("actief", _("Actief, zonder lopend aanbod")),
    ("aanbod", _("Met een lopend aanbod")),
    ("ingediend", _("Wacht op bevestiging van het e-mailadres")),
    ("afgesloten", _("Afgesloten (geplaatst, ingetrokken of verlopen)")),
    ("geplaatst", _("Geplaatst")),
    ("ingetrokken", _("Ingetrokken")),
    ("verlopen", _("Verlopen")),
    ("alle", _("Alle aanvragen")),
]
JA_NEE = [("", _("Alle gezinnen")), ("ja", _("Ja")), ("nee", _("Nee"))]
VOLGORDES = [
    ("", _("Ingediend, oudste eerst")),
    ("nieuwste", _("Ingediend, nieuwste eerst")),
    ("gewenste_start", _("Gewenste startmaand, vroegste eerst")),
    ("voorrang", _("Voorrang: kwetsbare gezinnen en meeste voorrangsgroepen eerst")),
    ("wachttijd", _("Wachttijd, langst wachtend eerst")),
]


def als_telefoonnummer(tekst: str) -> str:
    """The typed text as a phone number written the way `kern.forms.TelefoonVeld` stores it
    ("0470 12 34 56" -> "+32 470 12 34 56"), or "" when it is no phone number."""
    if not re.fullmatch(r"[+\d][\d ./()-]{5,}", tekst):
        return ""
    try:
        nummer = phonenumbers.parse(tekst, "BE")
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(nummer):
        return ""
    return phonenumbers.format_number(nummer, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _ja_nee(waarde: str) -> bool | None:
    return {"ja": True, "nee": False}.get(waarde)


class LocatieKeuze(forms.ModelChoiceField):
    def label_from_instance(self, locatie: Opvanglocatie) -> str:
        tekst = f"{locatie.naam} ({locatie.gemeente.naam})"
        return tekst if locatie.actief else f"{tekst} – niet meer actief"


def locaties_van(huis):
    """The childcare locations the loket of `huis` follows (public data), by name."""
    return Opvanglocatie.objects.voor_huis(huis).select_related("gemeente").order_by("naam")


class WachtrijFilterForm(FilterBeschrijving, forms.Form):
    """The filters and the order of the loket's queue (a GET form)."""

    zoek = forms.CharField(
        label=_("Zoeken"),
        required=False,
        max_length=100,
        help_text=_(
            "Aanvraagnummer, voornaam van een kind, naam of e-mailadres van een ouder, telefoonnummer."
        ),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUSKEUZES)
    startmaand = forms.CharField(
        label=_("Gewenste startmaand"),
        required=False,
        max_length=10,
        help_text=_("Jaar en maand, bv. 2026-09."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 8}),
    )
    leeftijdsgroep = forms.ChoiceField(
        label=_("Leeftijd bij de start"),
        required=False,
        choices=[("", _("Alle leeftijden")), *Leeftijdsgroep.choices],
    )
    locatie = LocatieKeuze(
        label=_("Gekozen opvanglocatie"),
        required=False,
        queryset=Opvanglocatie.objects.none(),
        empty_label=_("Alle opvanglocaties"),
        error_messages={"invalid_choice": _("Kies een opvanglocatie uit de lijst.")},
    )
    voorrang = forms.MultipleChoiceField(
        label=_("Voorrangsgroepen"),
        required=False,
        choices=[(sleutel, label) for sleutel, _veld, label in selectors.VOORRANGSGROEPEN],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alleen gezinnen die bij alle aangevinkte groepen horen."),
        error_messages={"invalid_choice": _("Kies voorrangsgroepen uit de lijst.")},
    )
    kwetsbaar = forms.ChoiceField(label=_("Kwetsbaar gezin"), required=False, choices=JA_NEE)
    wacht_weken = forms.IntegerField(
        label=_("Wacht langer dan (weken)"),
        required=False,
        min_value=0,
        max_value=MAX_WACHTWEKEN,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Vul een aantal weken in, bv. 12."),
            "min_value": _("Vul 0 weken of meer in."),
            "max_value": _("Vul hoogstens %(limit_value)s weken in."),
        },
    )
    via_loket = forms.ChoiceField(label=_("Geregistreerd door het loket"), required=False, choices=JA_NEE)
    volgorde = forms.ChoiceField(label=_("Sorteren op"), required=False, choices=VOLGORDES)

    def __init__(self, *args, huis, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locatie"].queryset = locaties_van(huis)
        for naam in ("status", "leeftijdsgroep", "kwetsbaar", "via_loket", "volgorde"):
            self.fields[naam].error_messages["invalid_choice"] = _("Kies een waarde uit de lijst.")

    def clean_zoek(self) -> str:
        return " ".join(self.cleaned_data["zoek"].split())

    def clean_startmaand(self) -> tuple[int, int] | None:
        tekst = self.cleaned_data["startmaand"]
        if not tekst:
            return None
        gevonden = MAAND.match(tekst)
        if gevonden:
            jaar = int(gevonden["jaar"] or gevonden["jaar2"])
            maand = int(gevonden["maand"] or gevonden["maand2"])
            if EERSTE_JAAR <= jaar <= LAATSTE_JAAR and 1 <= maand <= 12:
                return jaar, maand
        raise forms.ValidationError(_("Vul een maand in als jaar-maand, bv. 2026-09."))

    def filters(self) -> selectors.WachtrijFilter:
        """The filter of the input (the open requests, oldest first, when empty); after is_valid()."""
        gegevens = self.cleaned_data if self.is_bound else {}
        return selectors.WachtrijFilter(
            status=gegevens.get("status") or "",
            startmaand=gegevens.get("startmaand"),
            leeftijdsgroep=gegevens.get("leeftijdsgroep") or "",
            locatie=gegevens.get("locatie"),
            voorrang=tuple(gegevens.get("voorrang") or ()),
            kwetsbaar=_ja_nee(gegevens.get("kwetsbaar") or ""),
            wacht_weken=gegevens.get("wacht_weken"),
            via_loket=_ja_nee(gegevens.get("via_loket") or ""),
            volgorde=gegevens.get("volgorde") or "",
            zoek=gegevens.get("zoek") or "",
            zoek_telefoon=als_telefoonnummer(gegevens.get("zoek") or ""),
        )

    def beschrijving(self) -> list[tuple[str, str]]:
        """As FilterBeschrijving, with all chosen priority groups (a field with several values)."""
        veld = self.fields["voorrang"]
        gekozen = [(label, waarde) for label, waarde in super().beschrijving() if label != str(veld.label)]
        waarden = self.data.getlist("voorrang") if self.is_bound and hasattr(self.data, "getlist") else []
        if waarden:
            labels = {sleutel: str(label) for sleutel, label in veld.choices}
            gekozen.append((str(veld.label), ", ".join(labels.get(w, w) for w in waarden)))
        return gekozen


class DatumVeld(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATUMFORMATEN)
        kwargs.setdefault("error_messages", {"invalid": _("Vul een geldige datum in, bv. 31-12-2026.")})
        super().__init__(**kwargs)


class AanbodForm(forms.Form):
    """Offer one free place (hidden) with a deadline for the family's answer."""

    plaats = forms.ModelChoiceField(
        queryset=VrijePlaats.objects.none(),
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Kies een vrije plaats."),
            "invalid_choice": _("Deze vrije plaats bestaat niet (meer) bij de opvanglocaties van dit loket."),
        },
    )
    deadline = DatumVeld(
        label=_("Antwoord uiterlijk op"),
        help_text=_("Tot deze datum kan het gezin het aanbod aanvaarden of weigeren."),
        error_messages={
            "required": _("Vul de datum in waarop het gezin uiterlijk moet antwoorden."),
            "invalid": _("Vul een geldige datum in, bv. 31-12-2026."),
        },
    )

    toch_aanbieden = forms.BooleanField(
        label=_("Toch aanbieden, hoewel de plaats niet past"),
        required=False,
    )
    toch_reden = forms.CharField(
        label=_("Waarom biedt u deze plaats toch aan?"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Komt in de interne historiek van de aanvraag."),
        error_messages={"max_length": _("Hoogstens 500 tekens.")},
    )

    def __init__(self, *args, huis, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plaats"].queryset = VrijePlaats.objects.voor_huis(huis).select_related("locatie")
        self.fields["deadline"].initial = services.standaard_deadline

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError(_("De antwoorddatum ligt in het verleden."))
        return deadline

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("toch_aanbieden") and not (cleaned.get("toch_reden") or "").strip():
            self.add_error("toch_reden", _("Geef een reden waarom u deze plaats toch aanbiedt."))
        return cleaned

    def reden_om_toch_aan_te_bieden(self) -> str:
        """The reason to offer a place that does not fit, only when "toch aanbieden" is ticked."""
        if not self.cleaned_data.get("toch_aanbieden"):
            return ""
        return self.cleaned_data.get("toch_reden", "").strip()


class AanbodIntrekkenForm(forms.Form):
    reden = forms.CharField(
        label=_("Reden van het intrekken"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Het gezin krijgt deze reden in een e-mail."),
        error_messages={"required": _("Geef een reden."), "max_length": _("Hoogstens 500 tekens.")},
    )


class NotitieForm(forms.Form):
    tekst = forms.CharField(
        label=_("Interne notitie"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Alleen het loket ziet notities; het gezin niet."),
        error_messages={
            "required": _("Een notitie mag niet leeg zijn."),
            "max_length": _("Hoogstens 2000 tekens."),
        },
    )


VOORRANG = [veld for veld in services.VOORRANGSVELDEN if not veld.startswith("kw_")]
KWETSBAARHEID = [veld for veld, _label in KWETSBAARHEIDSKENMERKEN]


class VoorrangForm(forms.Form):
    """The priority and vulnerability data of a request, with the reason of the correction."""

    reden = forms.CharField(
        label=_("Reden van de correctie"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bv. wat het gezin aan de balie of telefonisch vertelde. Komt in de interne historiek."),
        error_messages={"required": _("Geef een reden voor de correctie.")},
    )

    def __init__(self, *args, huis, vraag: Opvangvraag, **kwargs):
        kwargs.setdefault("initial", {veld: getattr(vraag, veld) for veld in services.VOORRANGSVELDEN})
        super().__init__(*args, **kwargs)
        reden = self.fields.pop("reden")
        for veld in services.VOORRANGSVELDEN:
            modelveld = Opvangvraag._meta.get_field(veld)
            if veld == "broer_zus_locatie":
                self.fields[veld] = LocatieKeuze(
                    label=modelveld.verbose_name,
                    required=False,
                    queryset=locaties_van(huis),
                    empty_label=_("Geen broer of zus in de opvang"),
                    error_messages={"invalid_choice": _("Kies een opvanglocatie uit de lijst.")},
                )
            else:
                self.fields[veld] = forms.BooleanField(label=modelveld.verbose_name, required=False)
        self.fields["reden"] = reden

    @property
    def voorrangsvelden(self):
        return [self[veld] for veld in VOORRANG]

    @property
    def kwetsbaarheidsvelden(self):
        return [self[veld] for veld in KWETSBAARHEID]

    def velden(self) -> dict:
        return {veld: self.cleaned_data[veld] for veld in services.VOORRANGSVELDEN}


class DringendForm(forms.Form):
    """Whether a request is urgent, and why (required to mark it)."""

    dringend = forms.BooleanField(
        label=_("Deze aanvraag is dringend"),
        required=False,
        help_text=_(
            "Dringende aanvragen staan bovenaan de wachtrij en hebben een kortere redelijke termijn."
        ),
    )
    reden = forms.CharField(
        label=_("Waarom is ze dringend?"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Bv. de ouder begint volgende week te werken. "
            "Komt in de interne historiek; het gezin ziet dit niet."
        ),
        error_messages={"max_length": _("Hoogstens 300 tekens.")},
    )

    def __init__(self, *args, huis, vraag: Opvangvraag, **kwargs):
        kwargs.setdefault("initial", {"dringend": vraag.dringend, "reden": vraag.dringend_reden})
        super().__init__(*args, **kwargs)

    def clean(self):
        gegevens = super().clean()
        if gegevens.get("dringend") and not (gegevens.get("reden") or "").strip():
            self.add_error("reden", _("Geef aan waarom deze aanvraag dringend is."))
        return gegevens


class GeenDubbelForm(forms.Form):
    notitie = forms.CharField(
        label=_("Notitie (niet verplicht)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bv. waarom het om twee verschillende kinderen gaat."),
    )


class SamenvoegenForm(forms.Form):
    """Merge a flagged pair: which request stays, the family's agreement and a note."""

    behouden = forms.TypedChoiceField(
        label=_("Welke aanvraag blijft?"),
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("Ze krijgt de vroegste inschrijvingsdatum van beide; de andere wordt ingetrokken."),
        error_messages={
            "required": _("Kies welke aanvraag blijft."),
            "invalid_choice": _("Kies een van beide."),
        },
    )
    akkoord = forms.BooleanField(
        label=_("Het gezin ging akkoord met het samenvoegen"),
        error_messages={"required": _("Voeg alleen samen als het gezin akkoord ging; vink dat aan.")},
    )
    notitie = forms.CharField(
        label=_("Notitie"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Hoe en wanneer ging het gezin akkoord? Alleen het loket ziet deze notitie."),
        error_messages={"required": _("Noteer hoe en wanneer het gezin akkoord ging.")},
    )

    def __init__(self, *args, keuzes: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["behouden"].choices = keuzes
        if len(keuzes) == 1:
            self.fields["behouden"].initial = keuzes[0][0]


#: How many new locations the loket can rank for a transfer on its page.
OVERPLAATSING_KEUZES = 5


class OverplaatsingForm(forms.Form):
    """A placed family asks for other locations: the new choices (ranked), the start and why."""

    reden = forms.CharField(
        label=_("Waarom zoekt het gezin een andere opvang?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bv. verhuisd naar een andere gemeente, nieuw werk."),
        error_messages={
            "required": _("Geef aan waarom het gezin een andere opvang zoekt."),
            "max_length": _("Hoogstens 300 tekens."),
        },
    )
    gewenste_start = forms.DateField(
        label=_("Gewenste startdatum in de nieuwe opvang"),
        input_formats=DATUMFORMATEN,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Vul een startdatum in."),
            "invalid": _("Vul een datum in, bv. 01-09-2026."),
        },
    )

    def __init__(self, *args, huis, vraag: Opvangvraag, **kwargs):
        super().__init__(*args, **kwargs)
        locaties = elders.kiesbare_opvanglocaties(huis)
        for rang in range(1, OVERPLAATSING_KEUZES + 1):
            self.fields[f"keuze_{rang}"] = LocatieKeuze(
                label=_("Keuze %(rang)s") % {"rang": rang},
                required=rang == 1,
                queryset=locaties,
                empty_label=_("Geen"),
                error_messages={
                    "required": _("Kies minstens één opvanglocatie."),
                    "invalid_choice": _("Kies een opvanglocatie uit de lijst."),
                },
            )

    def voorkeuren(self) -> list[Opvanglocatie]:
        gekozen = (self.cleaned_data.get(f"keuze_{rang}") for rang in range(1, OVERPLAATSING_KEUZES + 1))
        return [locatie for locatie in gekozen if locatie is not None]

    def clean(self):
        gegevens = super().clean()
        ids = [locatie.pk for locatie in self.voorkeuren()]
        if len(ids) != len(set(ids)):
            self.add_error(None, _("Kies elke opvanglocatie maar één keer."))
        start = gegevens.get("gewenste_start")
        if start and start < timezone.localdate():
            self.add_error("gewenste_start", _("De startdatum ligt in het verleden."))
        return gegevens
