"""Forms of the levensdomeinen app: a coordinator's life domains (ten forms on one page), the
offer of the Huis and a new Roadmap self-assessment.

Like the profile forms (kern.bewerken.ProfielForm) every edit form carries the `versie` of the row
it was opened with; the view passes it to the service as the expected version.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huizen.models import Locatie, Partner
from kern.bewerken import ProfielForm
from levensdomeinen.models import (
    MAX_TOP3,
    Aanbod,
    DomeinEngagement,
    Domeinstatus,
    Levensdomein,
    Planning,
    Werkingsprincipe,
)
from levensdomeinen.services import TOP3_TE_VEEL, Engagementinvoer

TE_VEEL_TOP3 = "te_veel_top3"
ONVOLLEDIG = _("Het formulier is onvolledig. Open het opnieuw.")


def subthema_tekst(levensdomein: Levensdomein) -> str:
    """The (prefetched) sub-themes of a life domain as one sentence of help."""
    namen = [s.naam for s in levensdomein.subthemas.all()]
    return _("Subthema’s: %(lijst)s.") % {"lijst": ", ".join(namen)} if namen else ""


# --- Life domains -------------------------------------------------------------------------------


class EngagementForm(forms.Form):
    """Where the Huis stands on one life domain; one of ten forms on the same page."""

    versie = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    status = forms.ChoiceField(label=_("Status"), widget=forms.RadioSelect)
    reden_niet_actief = forms.CharField(
        label=_("Waarom (nog) niet actief"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Voor een levensdomein dat gepland of niet actief is."),
    )
    top3 = forms.BooleanField(label=_("Behoort tot de top 3 van het Huis"), required=False)
    reden_top3 = forms.CharField(
        label=_("Waarom in de top 3"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Verplicht voor een levensdomein in de top 3."),
    )
    partners = forms.MultipleChoiceField(
        label=_("Betrokken partners"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies alleen partners van dit Huis.")},
    )

    def __init__(
        self,
        *args,
        levensdomein: Levensdomein,
        engagement: DomeinEngagement | None,
        partners: list[Partner],
        **kwargs,
    ):
        super().__init__(*args, prefix=f"domein-{levensdomein.code}", **kwargs)
        self.levensdomein = levensdomein
        self.engagement = engagement
        self.partners_per_pk = {str(p.pk): p for p in partners}
        status = self.fields["status"]
        if engagement is None:
            # not recorded yet: it may stay so; once recorded, a status is required
            status.choices = [*Domeinstatus.choices, ("", _("Nog niet ingevuld"))]
            status.required = False
            self.initial.setdefault("status", "")
        else:
            status.choices = Domeinstatus.choices
            status.error_messages["required"] = _("Kies een status.")
            self.initial.update(
                versie=engagement.versie,
                status=engagement.status,
                top3=engagement.top3,
                reden_top3=engagement.reden_top3,
                reden_niet_actief=engagement.reden_niet_actief,
                partners=[str(p.pk) for p in engagement.partners.all()],
            )
        self.fields["partners"].choices = [(str(p.pk), p.naam) for p in partners]
        if not partners:
            self.fields["partners"].help_text = _(
                "Dit Huis heeft nog geen partners. Voeg ze toe in het profiel; daarna duidt u ze hier aan."
            )

    @property
    def velden(self):
        return [veld for veld in self.visible_fields() if veld.name != "versie"]

    def clean(self):
        cleaned = super().clean()
        status, top3 = cleaned.get("status"), cleaned.get("top3")
        # A missing version where an engagement exists (someone else recorded the domain after
        # the form was opened) is not an input error: the service reports it as a conflict.
        if top3 and "status" in cleaned:
            if status == Domeinstatus.NIET_ACTIEF:
                self.add_error(
                    "top3", _("Een levensdomein waar het Huis niet rond werkt, kan niet in de top 3.")
                )
            elif not status:
                self.add_error(
                    "top3", _("Kies eerst een status: een levensdomein in de top 3 is actief of gepland.")
                )
        if top3 and not cleaned.get("reden_top3", "").strip() and "reden_top3" not in self.errors:
            self.add_error("reden_top3", _("Schrijf kort waarom dit levensdomein in de top 3 staat."))
        return cleaned

    def invoer(self) -> Engagementinvoer:
        data = self.cleaned_data
        return Engagementinvoer(
            levensdomein=self.levensdomein,
            status=data["status"],
            top3=data["top3"],
            reden_top3=data["reden_top3"].strip(),
            reden_niet_actief=data["reden_niet_actief"].strip(),
            partners=tuple(self.partners_per_pk[pk] for pk in data["partners"]),
            versie=data.get("versie"),
        )


class LevensdomeinenForm:
    """The ten life-domain forms of a Huis together, with the rule that spans them (top 3)."""

    fields: dict = {}  # no fields of its own: a rule the service finds goes on top (`add_error`)

    def __init__(
        self,
        data=None,
        *,
        levensdomeinen: list[Levensdomein],
        engagementen: dict[int, DomeinEngagement],
        partners: list[Partner],
    ):
        self.is_bound = data is not None
        self.forms = [
            EngagementForm(data, levensdomein=d, engagement=engagementen.get(d.pk), partners=partners)
            for d in levensdomeinen
        ]
        self.algemene_fouten: list[str] = []

    def __iter__(self):
        return iter(self.forms)

    def is_valid(self) -> bool:
        resultaten = [form.is_valid() for form in self.forms]  # every form, for every error
        geldig = all(resultaten)
        top3 = [form for form in self.forms if form.cleaned_data.get("top3")]
        if len(top3) > MAX_TOP3:
            melding = TOP3_TE_VEEL % {"max": MAX_TOP3, "aantal": len(top3)}
            for form in top3:
                form.add_error("top3", ValidationError(melding, code=TE_VEEL_TOP3))
            geldig = False
        return geldig

    def invoer(self) -> list[Engagementinvoer]:
        return [form.invoer() for form in self.forms]

    def add_error(self, veld: str | None, fout) -> None:
        """A rule the service found (with data saved by someone else meanwhile) goes on top."""
        self.algemene_fouten += ValidationError(fout).messages

    def foutoverzicht(self) -> list[dict]:
        """Every error as a line for the summary, named after its life domain and linking to it;
        too many top-3 domains is said once."""
        regels = [{"href": "", "tekst": fout} for fout in self.algemene_fouten]
        for form in self.forms:
            for veld in form:
                for fout in veld.errors.as_data():
                    tekst = " ".join(fout.messages)
                    if veld.name == "versie":
                        regels.append({"href": "", "tekst": f"{form.levensdomein.naam}: {ONVOLLEDIG}"})
                    elif fout.code == TE_VEEL_TOP3:
                        if not any(r["tekst"] == tekst for r in regels):
                            regels.insert(0, {"href": f"#{veld.id_for_label}", "tekst": tekst})
                    else:
                        anker = f"#{veld.auto_id}_0" if veld.use_fieldset else f"#{veld.id_for_label}"
                        naam = f"{form.levensdomein.naam}, {veld.label.lower()}"
                        regels.append({"href": anker, "tekst": f"{naam}: {tekst}"})
        return regels


# --- Offer --------------------------------------------------------------------------------------


GRATIS_KEUZES = [("True", _("Gratis")), ("False", _("Betalend"))]


class AanbodForm(ProfielForm):
    m2m_velden = ("levensdomeinen", "pijlers", "doelgroepen")
    groepen = [
        (_("Het aanbod"), ["titel", "beschrijving", "inschrijvingslink"]),
        (_("Voor wie en waarover"), ["doelgroepen", "levensdomeinen", "pijlers"]),
        (_("Wanneer en waar"), ["planning", "datum", "ritme", "locatie", "organiserende_partner"]),
        (_("Prijs"), ["gratis", "prijs"]),
    ]

    gratis = forms.TypedChoiceField(
        label=_("Gratis of betalend"),
        choices=GRATIS_KEUZES,
        coerce=lambda waarde: waarde == "True",
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies of het aanbod gratis of betalend is.")},
    )

    class Meta(ProfielForm.Meta):
        model = Aanbod
        fields = [
            "titel",
            "beschrijving",
            "inschrijvingslink",
            "doelgroepen",
            "levensdomeinen",
            "pijlers",
            "planning",
            "datum",
            "ritme",
            "locatie",
            "organiserende_partner",
            "gratis",
            "prijs",
        ]
        widgets = {
            "levensdomeinen": forms.CheckboxSelectMultiple,
            "pijlers": forms.CheckboxSelectMultiple,
            "doelgroepen": forms.CheckboxSelectMultiple,
            "planning": forms.RadioSelect,
            "datum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {"levensdomeinen": _("Levensdomeinen"), "pijlers": _("Pijlers")}
        help_texts = {
            "titel": _("Bv. Babymassage of Speelnamiddag voor peuters."),
            "beschrijving": _("Wat gebeurt er en wat mogen ouders verwachten? Hoogstens 2000 tekens."),
            "inschrijvingslink": _(
                "Een volledige link, bv. https://www.gent.be/inschrijven. Leeg als inschrijven niet hoeft."
            ),
            "doelgroepen": _("Voor wie is het aanbod? Kies er minstens één."),
            "levensdomeinen": _("Op welke levensdomeinen werkt het aanbod? Kies er minstens één."),
            "pijlers": _("De pijlers van het decreet waaronder het aanbod valt."),
            "prijs": _("Alleen voor betalend aanbod, bv. € 5 per sessie."),
        }
        error_messages = {
            "levensdomeinen": {"required": _("Kies minstens één levensdomein.")},
            "doelgroepen": {"required": _("Kies minstens één doelgroep.")},
            "planning": {"required": _("Kies wanneer het aanbod plaatsvindt.")},
            "titel": {"required": _("Geef het aanbod een titel.")},
            "beschrijving": {"required": _("Beschrijf het aanbod kort.")},
            "datum": {"invalid": _("Vul een datum in zoals 2026-06-15.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["planning"].choices = Planning.choices
        self.fields["datum"].help_text = _("Verplicht voor een eenmalige activiteit.")
        self.fields["ritme"].help_text = _(
            "Verplicht voor een terugkerende activiteit, bv. elke woensdag van 14 tot 16 uur."
        )
        partner = self.fields["organiserende_partner"]
        partner.queryset = Partner.objects.voor_huis(self.huis).order_by("naam")
        partner.empty_label = _("Het Huis zelf of niet aangeduid")
        partner.error_messages["invalid_choice"] = _("Kies een partner van dit Huis.")
        locatie = self.fields["locatie"]
        locatie.queryset = Locatie.objects.voor_huis(self.huis).order_by("naam")
        locatie.empty_label = _("Geen vaste locatie")
        locatie.error_messages["invalid_choice"] = _("Kies een locatie van dit Huis.")
        for naam in ("levensdomeinen", "pijlers", "doelgroepen"):
            self.fields[naam].error_messages["invalid_choice"] = _("Kies uit de lijst.")
            self.fields[naam].error_messages["invalid_pk_value"] = _("Kies uit de lijst.")

    def gegevens(self) -> dict:
        """The row's values; what does not apply (a date for recurring activities, a price for
        free ones) is not kept."""
        gegevens = super().gegevens()
        if gegevens.get("planning") != Planning.EENMALIG:
            gegevens["datum"] = None
        if gegevens.get("gratis"):
            gegevens["prijs"] = ""
        return gegevens


# --- Self-assessment ----------------------------------------------------------------------------


SCORE_KEUZES = [
    (1, _("1 – nog niet aan de slag")),
    (2, _("2 – eerste stappen")),
    (3, _("3 – op weg")),
    (4, _("4 – goed op weg")),
    (5, _("5 – sterk uitgebouwd")),
]


class ZelfevaluatieForm(forms.Form):
    """A new Roadmap self-assessment: a score for each of the ten life domains and each of the
    six working principles (all required), blind spots and priorities."""

    datum = forms.DateField(
        label=_("Datum van de zelfevaluatie"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Vul de datum van de zelfevaluatie in."),
            "invalid": _("Vul een datum in zoals 2026-06-15."),
        },
    )
    blinde_vlekken = forms.CharField(
        label=_("Blinde vlekken"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Waar heeft het Huis nog weinig zicht op, of wie bereikt het nog niet?"),
    )
    prioriteiten = forms.CharField(
        label=_("Prioriteiten voor de komende periode"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(
        self,
        *args,
        levensdomeinen: list[Levensdomein],
        werkingsprincipes: list[Werkingsprincipe],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("datum", timezone.localdate())
        self.levensdomeinen, self.werkingsprincipes = levensdomeinen, werkingsprincipes
        for domein in levensdomeinen:
            self.fields[self.domeinveld(domein)] = self._scoreveld(domein.naam, subthema_tekst(domein))
        for principe in werkingsprincipes:
            self.fields[self.principeveld(principe)] = self._scoreveld(principe.naam)

    @staticmethod
    def domeinveld(domein: Levensdomein) -> str:
        return f"domein_{domein.code}"

    @staticmethod
    def principeveld(principe: Werkingsprincipe) -> str:
        return f"principe_{principe.code}"

    @staticmethod
    def _scoreveld(naam: str, hulp: str = "") -> forms.Field:
        melding = _("Kies een score van 1 tot 5 voor %(naam)s.") % {"naam": naam}
        return forms.TypedChoiceField(
            label=naam,
            choices=SCORE_KEUZES,
            coerce=int,
            widget=forms.RadioSelect,
            help_text=hulp,
            error_messages={"required": melding, "invalid_choice": melding},
        )

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        if datum > timezone.localdate():
            raise ValidationError(_("De datum van een zelfevaluatie kan niet in de toekomst liggen."))
        return datum

    @property
    def groepen(self) -> list[tuple[str, list]]:
        return [
            ("", [self["datum"]]),
            (_("Levensdomeinen"), [self[self.domeinveld(d)] for d in self.levensdomeinen]),
            (_("Werkingsprincipes"), [self[self.principeveld(p)] for p in self.werkingsprincipes]),
            (_("Reflectie"), [self["blinde_vlekken"], self["prioriteiten"]]),
        ]

    def scores(self) -> tuple[dict, dict]:
        data = self.cleaned_data
        return (
            {d: data[self.domeinveld(d)] for d in self.levensdomeinen},
            {p: data[self.principeveld(p)] for p in self.werkingsprincipes},
        )
