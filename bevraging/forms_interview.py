"""Forms of the survey's interview workflow: the wave filters, assigning interviewers, one theme of
the questionnaire, submitting, reopening, and the coordinator's comment."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bevraging import selectors
from bevraging.models import MEERDERE_CODES, Antwoord, Responsstatus, Vraag, Vraagtype, is_leeg
from bevraging.services import Antwoordinvoer
from kern.forms import FilterBeschrijving

MAX_COMMENTAAR = 2000
MAX_REDEN = 2000
MAX_GETAL_TEKENS = 30


def dom_id(vraag: Vraag) -> str:
    """The id of a question on the page ("participatie.vrijwilligers" -> "v-participatie--vrijwilligers")."""
    return "v-" + vraag.sleutel.replace(".", "--")


def _provincies():
    from huizen.models import Provincie

    return Provincie.choices


def _clusters():
    from huizen.models import VrindCluster

    return [(str(c.nummer), str(c)) for c in VrindCluster.objects.all()]


# --- The wave page and assigning interviewers ---------------------------------------------------


class GolfFilterForm(FilterBeschrijving, forms.Form):
    """Which Huizen of a wave to list: by response status, interviewer, provincie and cluster."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        error_messages={"invalid_choice": _("Kies een status uit de lijst.")},
    )
    interviewer = forms.ChoiceField(
        label=_("Interviewer"),
        required=False,
        error_messages={"invalid_choice": _("Kies een interviewer uit de lijst.")},
    )
    provincie = forms.ChoiceField(
        label=_("Provincie"),
        required=False,
        error_messages={"invalid_choice": _("Kies een provincie uit de lijst.")},
    )
    cluster = forms.TypedChoiceField(
        label=_("VRIND-cluster"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Kies een cluster uit de lijst.")},
    )

    def __init__(self, *args, met_status: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if met_status:
            self.fields["status"].choices = [("", _("Alle statussen")), *Responsstatus.choices]
        else:
            del self.fields["status"]
        self.fields["interviewer"].choices = [
            ("", _("Alle interviewers")),
            (selectors.ZONDER_INTERVIEWER, _("Nog geen interviewer")),
            *((str(u.pk), u.naam or u.email) for u in selectors.interviewers()),
        ]
        self.fields["provincie"].choices = [("", _("Alle provincies")), *_provincies()]
        self.fields["cluster"].choices = [("", _("Alle clusters")), *_clusters()]

    def filters(self) -> dict:
        """The keyword arguments of `selectors.huizen_van_golf`; call after is_valid()."""
        gegevens = self.cleaned_data if self.is_bound else {}
        return {
            "provincie": gegevens.get("provincie") or "",
            "cluster": gegevens.get("cluster"),
            "status": gegevens.get("status") or "",
            "interviewer": gegevens.get("interviewer") or "",
        }


class InterviewerVeld(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.naam} ({obj.email})" if obj.naam else obj.email


class ToewijzenForm(forms.Form):
    """One interviewer for several Huizen: the ticked ones, or all of a provincie or a cluster."""

    AANGEVINKT, PROVINCIE, CLUSTER = "aangevinkt", "provincie", "cluster"

    interviewer = InterviewerVeld(
        label=_("Interviewer"),
        queryset=None,
        empty_label=_("Kies een medewerker van Opgroeien"),
        help_text=_("De intersectorale medewerker van Opgroeien die de Huizen bevraagt."),
        error_messages={
            "required": _("Kies de interviewer."),
            "invalid_choice": _("Kies een medewerker van Opgroeien als interviewer."),
        },
    )
    wijze = forms.ChoiceField(
        label=_("Welke Huizen"),
        widget=forms.RadioSelect,
        initial=AANGEVINKT,
        choices=[
            (AANGEVINKT, _("De Huizen die ik hieronder aanvink")),
            (PROVINCIE, _("Alle Huizen van een provincie")),
            (CLUSTER, _("Alle Huizen van een VRIND-cluster")),
        ],
        error_messages={
            "required": _("Kies welke Huizen u wilt toewijzen."),
            "invalid_choice": _("Kies welke Huizen u wilt toewijzen."),
        },
    )
    provincie = forms.ChoiceField(
        label=_("Provincie"),
        required=False,
        error_messages={"invalid_choice": _("Kies een provincie uit de lijst.")},
    )
    cluster = forms.TypedChoiceField(
        label=_("VRIND-cluster"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Kies een cluster uit de lijst.")},
    )
    huizen = forms.ModelMultipleChoiceField(
        label=_("Huizen"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Een van de aangevinkte Huizen bestaat niet (meer); laad de pagina opnieuw."),
            "invalid_pk_value": _("Een van de aangevinkte Huizen bestaat niet; laad de pagina opnieuw."),
        },
    )
    vervang_bestaande = forms.BooleanField(
        label=_("Ook Huizen die al een andere interviewer hebben aan deze interviewer toewijzen"),
        required=False,
    )

    def __init__(self, *args, huizen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interviewer"].queryset = selectors.interviewers()
        self.fields["huizen"].queryset = huizen
        self.fields["provincie"].choices = [("", _("Kies een provincie")), *_provincies()]
        self.fields["cluster"].choices = [("", _("Kies een cluster")), *_clusters()]
        self.gekozen_huizen: list = []

    def clean(self):
        from huizen.selectors import huizen_in
        from kern.cijfers import Filter

        gegevens = super().clean()
        wijze = gegevens.get("wijze")
        huizen = self.fields["huizen"].queryset
        if wijze == self.AANGEVINKT and "huizen" not in self.errors:
            self.gekozen_huizen = list(gegevens.get("huizen") or [])
            if not self.gekozen_huizen:
                self.add_error("huizen", _("Vink minstens één Huis aan."))
        elif wijze == self.PROVINCIE and "provincie" not in self.errors:
            if not gegevens.get("provincie"):
                self.add_error("provincie", _("Kies de provincie."))
            else:
                self.gekozen_huizen = list(huizen_in(Filter(provincie=gegevens["provincie"])) & huizen)
                if not self.gekozen_huizen:
                    self.add_error("provincie", _("In deze provincie werkt vandaag geen enkel Huis."))
        elif wijze == self.CLUSTER and "cluster" not in self.errors:
            if gegevens.get("cluster") is None:
                self.add_error("cluster", _("Kies de cluster."))
            else:
                self.gekozen_huizen = list(huizen_in(Filter(cluster=gegevens["cluster"])) & huizen)
                if not self.gekozen_huizen:
                    self.add_error("cluster", _("In deze cluster werkt vandaag geen enkel Huis."))
        return gegevens


# --- One theme of the questionnaire -------------------------------------------------------------


class Antwoordveld(forms.Field):
    """The answer to one question, as the type of the question stores it (see bevraging.models).

    Only the form of the input is read here (a number, a list of codes); whether the value fits
    the question is `Vraag.controleer_waarde`'s job, in `ThemaForm.clean`.
    """

    widget = forms.TextInput

    def __init__(self, vraag: Vraag, **kwargs):
        super().__init__(required=False, **kwargs)
        self.vraag = vraag
        if vraag.type in MEERDERE_CODES:
            self.widget = forms.MultipleHiddenInput()

    def to_python(self, value):
        soort = self.vraag.type
        if soort in MEERDERE_CODES:
            if not isinstance(value, list | tuple):
                value = [] if value in (None, "") else [value]
            return [str(code).strip() for code in value if str(code).strip()]
        if value is None:
            return None
        tekst = str(value).strip()
        if not tekst:
            return None
        if soort == Vraagtype.SCORE:
            return int(tekst) if re.fullmatch(r"\d{1,3}", tekst) else tekst
        if soort == Vraagtype.GETAL:
            return lees_getal(tekst)
        return tekst


DUIZENDTALLEN = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def lees_getal(tekst: str) -> int | float:
    """A number as people in Belgium type it: 12, 12,5, 1.250 or 1 250 (an int when it is whole)."""
    fout = ValidationError(_("Vul een getal in, bv. 12 of 12,5."))
    tekst = tekst.replace(" ", "").replace("\u00a0", "")
    if len(tekst) > MAX_GETAL_TEKENS:
        raise fout
    if "," in tekst:
        tekst = tekst.replace(".", "").replace(",", ".")
    elif DUIZENDTALLEN.match(tekst):
        tekst = tekst.replace(".", "")
    if not re.fullmatch(r"-?\d+(\.\d+)?", tekst):
        raise fout
    try:
        getal = Decimal(tekst)
    except InvalidOperation as e:
        raise fout from e
    return int(getal) if getal == getal.to_integral_value() else float(getal)


def getal_als_tekst(waarde) -> str:
    """A stored number as the input field shows it again (decimal comma, no grouping)."""
    if isinstance(waarde, bool) or not isinstance(waarde, int | float):
        return "" if waarde is None else str(waarde)
    return f"{Decimal(str(waarde)).normalize():f}".replace(".", ",")


@dataclass
class Optie:
    code: str
    label: str
    gekozen: bool
    is_andere: bool = False


@dataclass
class Vraagveld:
    """What the page shows for one question: its input as typed (or as saved) and its errors.

    A question the skip logic hides has `zichtbaar` False and is an empty placeholder on the page,
    so it can appear in place once its condition holds.
    """

    vraag: Vraag
    zichtbaar: bool
    opties: list[Optie] = field(default_factory=list)
    tekst: str = ""
    toelichting: str = ""
    andere: str = ""
    fouten: list[str] = field(default_factory=list)
    voorstel: str = ""

    @property
    def dom(self) -> str:
        return dom_id(self.vraag)

    @property
    def naam(self) -> str:
        return self.vraag.sleutel

    @property
    def is_meerdere(self) -> bool:
        return self.vraag.type in MEERDERE_CODES

    @property
    def is_keuze(self) -> bool:
        return self.vraag.type in (Vraagtype.SCORE, Vraagtype.JA_NEE, Vraagtype.ENKELE_KEUZE)

    @property
    def is_getal(self) -> bool:
        return self.vraag.type == Vraagtype.GETAL

    @property
    def heeft_andere(self) -> bool:
        return any(o.is_andere for o in self.opties)

    @property
    def andere_gekozen(self) -> bool:
        return any(o.is_andere and o.gekozen for o in self.opties)

    @property
    def groep(self) -> str:
        return self.vraag.groep


class ThemaForm(forms.Form):
    """The answers to the shown questions of one theme, with the response version they build on.

    Field names are the question keys, plus `<key>.toelichting` for the open field and
    `<key>.andere` for the text of an "andere: …" option (the column names of the export).
    Every save checks what the input can already tell: the shape of each value, the maximum number
    of choices, and the text of an "andere" option. Required questions are checked on submit.
    """

    versie = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={
            "required": _("De pagina is onvolledig verstuurd; laad ze opnieuw."),
            "invalid": _("De pagina is onvolledig verstuurd; laad ze opnieuw."),
            "min_value": _("De pagina is onvolledig verstuurd; laad ze opnieuw."),
        },
    )
    overschrijven = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(
        self, *args, vragen: list[Vraag], antwoorden: dict[int, Antwoord], voorstellen=None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.vragen = list(vragen)
        self.antwoorden = antwoorden
        self.voorstellen = voorstellen or {}
        for vraag in self.vragen:
            self.fields[vraag.sleutel] = Antwoordveld(vraag, label=vraag.tekst)
            if vraag.open_veld:
                self.fields[f"{vraag.sleutel}.toelichting"] = forms.CharField(required=False)
            if any(o.is_andere for o in vraag.opties()):
                self.fields[f"{vraag.sleutel}.andere"] = forms.CharField(required=False)

    def clean(self):
        gegevens = super().clean()
        for vraag in self.vragen:
            if vraag.sleutel in self.errors:
                continue
            waarde = gegevens.get(vraag.sleutel)
            meldingen = vraag.controleer_waarde(
                waarde,
                andere_tekst=gegevens.get(f"{vraag.sleutel}.andere") or "",
                toelichting=gegevens.get(f"{vraag.sleutel}.toelichting") or "",
                volledig=not is_leeg(waarde),
            )
            for melding in meldingen:
                self.add_error(vraag.sleutel, melding)
        return gegevens

    def invoer(self) -> dict[str, Antwoordinvoer]:
        """The input per question key, for `services.bewaar_antwoorden`; call after is_valid()."""
        return {
            vraag.sleutel: Antwoordinvoer(
                waarde=self.cleaned_data.get(vraag.sleutel),
                toelichting=self.cleaned_data.get(f"{vraag.sleutel}.toelichting") or "",
                andere_tekst=self.cleaned_data.get(f"{vraag.sleutel}.andere") or "",
            )
            for vraag in self.vragen
        }

    def ingevoerde_waarden(self) -> dict[int, object]:
        """The values as typed (question id -> value), also when invalid: for the skip logic."""
        waarden = {}
        for vraag in self.vragen:
            veld = self.fields[vraag.sleutel]
            ruw = veld.widget.value_from_datadict(self.data, self.files, self.add_prefix(vraag.sleutel))
            try:
                waarden[vraag.pk] = veld.to_python(ruw)
            except ValidationError:
                waarden[vraag.pk] = None
        return waarden

    def vraagveld(self, vraag: Vraag, *, zichtbaar: bool = True) -> Vraagveld:
        """The question as the page shows it: the input as posted, or the saved answer."""
        if not zichtbaar:
            return Vraagveld(vraag, zichtbaar=False)
        sleutel = vraag.sleutel
        voorstel = None
        if self.is_bound and sleutel in self.fields:
            if vraag.type in MEERDERE_CODES:
                gekozen = [str(c) for c in self.data.getlist(sleutel)]
            else:
                gekozen = [str(self.data.get(sleutel, "")).strip()]
            tekst = str(self.data.get(sleutel, ""))
            toelichting = str(self.data.get(f"{sleutel}.toelichting", ""))
            andere = str(self.data.get(f"{sleutel}.andere", ""))
            fouten = [str(f) for f in self.errors.get(sleutel, [])]
        else:
            antwoord = self.antwoorden.get(vraag.pk)
            # An unanswered question the Huis's profile answers shows that answer, to confirm.
            voorstel = self.voorstellen.get(vraag.pk) if antwoord is None else None
            bron = antwoord or voorstel
            waarde = bron.waarde if bron else None
            gekozen = vraag.gekozen_codes(waarde)
            tekst = getal_als_tekst(waarde) if vraag.type == Vraagtype.GETAL else (waarde or "")
            if not isinstance(tekst, str):
                tekst = str(tekst)
            toelichting = bron.toelichting if bron else ""
            andere = bron.andere_tekst if bron else ""
            fouten = []
        opties = []
        if vraag.type != Vraagtype.GETAL and vraag.type != Vraagtype.OPEN_TEKST:
            opties = [Optie(o.code, o.label, o.code in gekozen, o.is_andere) for o in vraag.opties()]
            if vraag.type == Vraagtype.SCORE:
                opties = [Optie(o.code, f"{o.code} – {o.label}", o.gekozen, o.is_andere) for o in opties]
            if vraag.type not in MEERDERE_CODES:
                opties.append(Optie("", str(_("Geen antwoord")), not any(o.gekozen for o in opties)))
        return Vraagveld(
            vraag,
            zichtbaar=True,
            opties=opties,
            tekst=tekst,
            toelichting=toelichting,
            andere=andere,
            fouten=fouten,
            voorstel=voorstel.bron if not self.is_bound and voorstel else "",
        )


# --- Submitting, validating, reopening ----------------------------------------------------------


class IndienenForm(forms.Form):
    versie = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={
            "required": _("De pagina is onvolledig verstuurd; laad ze opnieuw."),
            "invalid": _("De pagina is onvolledig verstuurd; laad ze opnieuw."),
            "min_value": _("De pagina is onvolledig verstuurd; laad ze opnieuw."),
        },
    )


class HeropenForm(forms.Form):
    reden = forms.CharField(
        label=_("Reden van heropenen"),
        help_text=_("De interviewer en de coördinator zien deze reden. Bv. een antwoord klopt niet."),
        max_length=MAX_REDEN,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Geef de reden waarom de bevraging heropend wordt."),
            "max_length": _("Houd de reden korter dan 2000 tekens."),
        },
    )


# --- The coordinator's comment ------------------------------------------------------------------


class CommentaarForm(forms.Form):
    thema = forms.CharField(widget=forms.HiddenInput)
    tekst = forms.CharField(
        label=_("Uw commentaar bij dit thema"),
        max_length=MAX_COMMENTAAR,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Schrijf een commentaar."),
            "max_length": _("Een commentaar is hoogstens 2000 tekens lang."),
        },
    )

    def clean_tekst(self):
        tekst = self.cleaned_data["tekst"].strip()
        if not tekst:
            raise ValidationError(_("Schrijf een commentaar."))
        return tekst
