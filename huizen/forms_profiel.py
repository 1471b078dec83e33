"""Forms with which a coordinator maintains the profile of their Huis, one section at a time.

They stand on `kern.bewerken.ProfielForm`: every form carries the `versie` of the row it was opened
with, which the view passes to the service as the expected version.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from huizen.models import (
    Contactpunt,
    Coordinator,
    Huis,
    Locatie,
    Overlegorgaan,
    Partner,
    Postcode,
    Weekdag,
)
from huizen.services_profiel import Uur, overlappingen
from kern.bewerken import ProfielForm
from kern.forms import TelefoonVeld

LOGO_MAX_BYTES = 1024 * 1024
LOGO_FORMATEN = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}

SAMENWERKING_KEUZES = [
    (1, _("1 – geen samenwerking")),
    (2, _("2 – beperkte samenwerking")),
    (3, _("3 – matige samenwerking")),
    (4, _("4 – goede samenwerking")),
    (5, _("5 – nauwe samenwerking")),
    ("", _("nog niet ingeschat")),
]

COFINANCIERING_KEUZES = [("True", _("ja")), ("False", _("nee")), ("", _("onbekend"))]


# --- Algemeen ---------------------------------------------------------------------------------


class LogoVeld(forms.ImageField):
    """An image upload of at most 1 MB in PNG, JPEG or WebP, checked by opening it with Pillow."""

    def __init__(self, **kwargs):
        kwargs.setdefault("template_name", "huizen/profiel/_logoveld.html")  # the saved logo above the upload
        super().__init__(**kwargs)

    default_validators = [
        FileExtensionValidator(
            allowed_extensions=["png", "jpg", "jpeg", "webp"],
            message=_("Kies een bestand dat eindigt op .png, .jpg, .jpeg of .webp."),
        )
    ]
    default_error_messages = {
        "invalid_image": _(
            "Dit bestand is geen afbeelding of het is beschadigd. Kies een PNG-, JPEG- of WebP-bestand."
        ),
        "te_groot": _("Het logo is %(grootte)s groot; het mag hoogstens 1 MB zijn."),
        "formaat": _("Het logo is een %(formaat)s-bestand; kies een PNG-, JPEG- of WebP-bestand."),
    }

    def to_python(self, data):
        if data and getattr(data, "size", 0) > LOGO_MAX_BYTES:
            raise ValidationError(
                self.error_messages["te_groot"],
                code="te_groot",
                params={"grootte": filesizeformat(data.size)},
            )
        bestand = super().to_python(data)
        if bestand is not None:
            formaat = bestand.image.format or "onbekend"
            if formaat not in LOGO_FORMATEN:
                raise ValidationError(
                    self.error_messages["formaat"], code="formaat", params={"formaat": formaat}
                )
        return bestand


class AlgemeenForm(ProfielForm):
    logo = LogoVeld(
        label=_("Nieuw logo"),
        required=False,
        help_text=_("Een PNG-, JPEG- of WebP-bestand van hoogstens 1 MB."),
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )
    logo_verwijderen = forms.BooleanField(label=_("Het huidige logo verwijderen"), required=False)

    groepen = [
        (_("Het Huis"), ["naam", "korte_beschrijving", "logo", "logo_verwijderen"]),
        (_("Contact"), ["website", "facebook", "instagram", "email", "telefoon"]),
        (
            _("Organisatie"),
            ["rechtsvorm", "vertegenwoordiger", "aantal_medewerkers", "fysieke_locatie_gepland"],
        ),
    ]

    class Meta(ProfielForm.Meta):
        model = Huis
        fields = [
            "naam",
            "korte_beschrijving",
            "website",
            "facebook",
            "instagram",
            "email",
            "telefoon",
            "rechtsvorm",
            "vertegenwoordiger",
            "aantal_medewerkers",
            "fysieke_locatie_gepland",
        ]
        widgets = {"telefoon": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"})}
        field_classes = {"telefoon": TelefoonVeld}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aantal_medewerkers"].min_value = 0
        if not self.instance.logo:
            del self.fields["logo_verwijderen"]
            self.fields["logo"].label = _("Logo")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("logo") and cleaned.get("logo_verwijderen"):
            self.add_error(
                "logo_verwijderen",
                _("Kies een nieuw logo óf verwijder het huidige, niet allebei."),
            )
        return cleaned

    def gegevens(self) -> dict:
        gegevens = super().gegevens()
        logo = self.cleaned_data.get("logo")
        if logo:
            logo.name = f"{self.huis.slug}.{LOGO_FORMATEN[logo.image.format]}"
            gegevens["logo"] = logo
        elif self.cleaned_data.get("logo_verwijderen"):
            gegevens["logo"] = ""
        return gegevens


class CoordinatorForm(ProfielForm):
    class Meta(ProfielForm.Meta):
        model = Coordinator
        fields = ["naam", "email", "telefoon", "uren_per_week"]
        widgets = {"telefoon": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"})}
        field_classes = {"telefoon": TelefoonVeld}


# --- Locaties ---------------------------------------------------------------------------------


class LocatieForm(ProfielForm):
    m2m_velden = ("partners",)
    groepen = [
        (_("Adres"), ["naam", "straat", "postcode", "gemeente"]),
        (_("Over de locatie"), ["toegankelijkheid", "draagt_naam_huis", "partners"]),
    ]

    postcode = forms.CharField(
        label=_("postcode"),
        max_length=4,
        validators=[RegexValidator(r"^\d{4}$", _("Vul een postcode van vier cijfers in."))],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 4}),
    )

    class Meta(ProfielForm.Meta):
        model = Locatie
        fields = [
            "naam",
            "straat",
            "postcode",
            "gemeente",
            "toegankelijkheid",
            "draagt_naam_huis",
            "partners",
        ]
        widgets = {"partners": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        gemeenten = self.huis.gemeenten_op().order_by("naam")
        veld = self.fields["gemeente"]
        veld.queryset = gemeenten
        veld.empty_label = _("Kies een gemeente")
        veld.error_messages["invalid_choice"] = _("Kies een gemeente uit het werkingsgebied van uw Huis.")
        veld.help_text = _("Een van de gemeenten van het werkingsgebied.")
        if not self.instance.pk and not self.is_bound and len(gemeenten) == 1:
            self.initial["gemeente"] = gemeenten[0].pk
        partners = self.fields["partners"]
        partners.queryset = Partner.objects.voor_huis(self.huis).order_by("naam")
        partners.help_text = (
            ""
            if partners.queryset.exists()
            else _("Dit Huis heeft nog geen partners. Voeg ze toe bij Partners; daarna duidt u ze hier aan.")
        )
        partners.error_messages["invalid_choice"] = _("Kies alleen partners van dit Huis.")

    def clean(self):
        cleaned = super().clean()
        postcode, gemeente = cleaned.get("postcode"), cleaned.get("gemeente")
        if postcode and gemeente:
            fout = postcode_fout(postcode, gemeente)
            if fout:
                self.add_error("postcode", fout)
        return cleaned


def postcode_fout(postcode: str, gemeente) -> str:
    """Why the postcode does not belong to the gemeente (or to a gemeente merged into it), or ""."""
    van_gemeente = Postcode.objects.filter(
        models.Q(gemeente=gemeente) | models.Q(gemeente__opvolger=gemeente)
    )
    geldige = sorted(set(van_gemeente.values_list("postcode", flat=True)))
    if postcode in geldige:
        return ""
    if not Postcode.objects.filter(postcode=postcode).exists():
        melding = _("Postcode %(postcode)s bestaat niet in Vlaanderen of Brussel.")
    else:
        melding = _("Postcode %(postcode)s ligt niet in %(gemeente)s.")
    melding = melding % {"postcode": postcode, "gemeente": gemeente.naam}
    if geldige:
        melding += " " + _("De postcodes van %(gemeente)s zijn: %(lijst)s.") % {
            "gemeente": gemeente.naam,
            "lijst": ", ".join(geldige),
        }
    return melding


class OpeningsuurForm(forms.Form):
    """One row of opening hours; a row left empty is ignored."""

    weekdag = forms.TypedChoiceField(
        label=_("Dag"),
        choices=[("", _("Kies een dag")), *Weekdag.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    van = forms.TimeField(
        label=_("Van"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Vul een uur in zoals 09:00.")},
    )
    tot = forms.TimeField(
        label=_("Tot"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Vul een uur in zoals 17:00.")},
    )

    def clean(self):
        cleaned = super().clean()
        weekdag, van, tot = cleaned.get("weekdag"), cleaned.get("van"), cleaned.get("tot")
        if self.errors or (weekdag is None and van is None and tot is None):
            return cleaned
        if weekdag is None:
            self.add_error("weekdag", _("Kies de dag."))
        if van is None:
            self.add_error("van", _("Vul het openingsuur in."))
        if tot is None:
            self.add_error("tot", _("Vul het sluitingsuur in."))
        if van is not None and tot is not None and tot <= van:
            self.add_error("tot", _("Het sluitingsuur moet na het openingsuur liggen."))
        return cleaned

    @property
    def uur(self) -> Uur | None:
        data = getattr(self, "cleaned_data", {})
        if self.errors or data.get("DELETE") or None in (data.get(k) for k in ("weekdag", "van", "tot")):
            return None
        return Uur(data["weekdag"], data["van"], data["tot"])


class BaseOpeningsurenFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        rijen = [(form.uur, form) for form in self.forms if form.uur is not None]
        formulier_van = {}
        for uur, form in rijen:
            formulier_van.setdefault(uur, []).append(form)
        gemeld = set()
        for eerder, later in overlappingen(uur for uur, _form in rijen):
            kandidaten = [f for f in formulier_van[later] if id(f) not in gemeld]
            form = kandidaten[-1] if kandidaten else formulier_van[later][-1]
            gemeld.add(id(form))
            form.add_error(
                "van",
                _("Overlapt met %(dag)s %(uren)s.")
                % {"dag": Weekdag(eerder.weekdag).label, "uren": str(eerder)},
            )

    @property
    def uren(self) -> list[Uur]:
        return [form.uur for form in self.forms if form.uur is not None]


OpeningsurenFormSet = forms.formset_factory(
    OpeningsuurForm,
    formset=BaseOpeningsurenFormSet,
    extra=0,
    can_delete=True,
    max_num=60,
    validate_max=True,
    absolute_max=80,
)


# --- Contactpunten, partners, structuur -------------------------------------------------------


class ContactpuntForm(ProfielForm):
    class Meta(ProfielForm.Meta):
        model = Contactpunt
        fields = ["soort", "waarde", "beschikbaarheid"]


class PartnerForm(ProfielForm):
    samenwerking = forms.TypedChoiceField(
        label=_("Mate van samenwerking"),
        choices=SAMENWERKING_KEUZES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies een score van 1 tot 5.")},
    )

    groepen = [
        (_("De organisatie"), ["naam", "soort", "kind_en_gezin_partner", "kernpartner"]),
        (_("Samenwerking met het Huis"), ["samenwerking", "samenwerking_beschrijving"]),
        (_("Contactpersoon"), ["contactpersoon", "contact_email", "contact_telefoon"]),
    ]

    class Meta(ProfielForm.Meta):
        model = Partner
        fields = [
            "naam",
            "soort",
            "kind_en_gezin_partner",
            "kernpartner",
            "samenwerking",
            "samenwerking_beschrijving",
            "contactpersoon",
            "contact_email",
            "contact_telefoon",
        ]
        widgets = {"contact_telefoon": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"})}
        field_classes = {"contact_telefoon": TelefoonVeld}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind_en_gezin_partner"].choices = [
            ("", _("geen van de zes")),
            *self.fields["kind_en_gezin_partner"].choices[1:],
        ]


class StructuurForm(ProfielForm):
    cofinanciering_lokaal_bestuur = forms.NullBooleanField(
        label=_("Cofinanciert het lokaal bestuur het Huis?"),
        required=False,
        widget=forms.RadioSelect(choices=COFINANCIERING_KEUZES),
    )

    class Meta(ProfielForm.Meta):
        model = Huis
        fields = [
            "beslissingsafspraken",
            "cofinanciering_lokaal_bestuur",
            "cofinanciering_bedrag",
            "projectmiddelen",
        ]
        help_texts = {
            "cofinanciering_bedrag": _("Alleen als het lokaal bestuur cofinanciert."),
            "beslissingsafspraken": _("Wie beslist waarover, bv. in de stuurgroep of de kerngroep."),
            "projectmiddelen": _("Andere middelen, bv. projectsubsidies, met hun bron."),
        }


class OverlegorgaanForm(ProfielForm):
    class Meta(ProfielForm.Meta):
        model = Overlegorgaan
        fields = ["soort", "naam", "samenstelling", "vergaderfrequentie"]
        help_texts = {"samenstelling": _("Welke organisaties en diensten er deelnemen.")}
