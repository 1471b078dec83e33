"""Maps of Flanders for Opgroeien: one choropleth per indicator per gemeente, with the same figures
in a table. It combines the Huizen (coverage, subsidy per inhabitant), the loket figures (unmet
demand, waiting time) and the survey (an answer per Huis), so it lives in the shell.

Every map is rendered once per version of the data it is drawn from (kern.versies) and served
from the cache after that.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bevraging.models import Golf, Vraag, Vraagtype
from bevraging.selectors.analyse import analyse_scopes, analysegegevens
from bevraging.selectors.kaarten import golfkaart, kaartvraag, kaartvragen
from bevraging.selectors.kenmerken import peildatum_van
from huizen import selectors as huizen
from kern.cijfers import Periode
from kern.forms import DatumVeld
from kern.tabellen import getal
from kern.versies import gecachet
from loket.selectors.cijfers import cijfers_vlaanderen

DEKKING, SUBSIDIE, ONVERVULD, WACHTTIJD, BEVRAGING = (
    "dekking",
    "subsidie",
    "onvervuld",
    "wachttijd",
    "bevraging",
)
INDICATOREN = [
    (DEKKING, _("Gemeenten met een Huis van het Kind (dekking)")),
    (SUBSIDIE, _("Subsidie per inwoner")),
    (ONVERVULD, _("Onvervulde vraag naar kinderopvang (wacht nog)")),
    (WACHTTIJD, _("Mediane wachttijd tot een plaats in de kinderopvang")),
    (BEVRAGING, _("Een antwoord uit de bevraging")),
]
#: The question types a survey map can show: a score or a number per Huis, or yes as 1 and no as 0.
SCOPES = {
    DEKKING: ("huizen", "referentie"),
    SUBSIDIE: ("huizen", "referentie"),
    ONVERVULD: ("loket", "huizen", "referentie"),
    WACHTTIJD: ("loket", "huizen", "referentie"),
}


def vraagkeuzes() -> list[tuple[str, str]]:
    """The questions a survey map can show, as "<wave pk>:<key>" with the wave and the text."""
    return [
        (f"{v.vragenlijst.golf.pk}:{v.sleutel}", f"{v.vragenlijst.golf.naam} – {v.tekst}"[:160])
        for v in kaartvragen()
    ]


class KaartForm(forms.Form):
    indicator = forms.ChoiceField(label=_("Kaart"), choices=INDICATOREN, required=False)
    datum = DatumVeld(
        label=_("Toestand op"),
        help_text=_("Voor de dekking en de subsidie; de loketcijfers gaan over de laatste 12 maanden."),
    )
    vraag = forms.ChoiceField(label=_("Vraag uit de bevraging"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vraag"].choices = [("", _("Kies een vraag")), *vraagkeuzes()]

    def clean(self):
        gegevens = super().clean()
        gegevens["indicator"] = gegevens.get("indicator") or DEKKING
        if gegevens["indicator"] == BEVRAGING and not gegevens.get("vraag") and "vraag" not in self.errors:
            self.add_error("vraag", _("Kies de vraag die de kaart moet tonen."))
        return gegevens


@dataclass(frozen=True)
class Keuze:
    indicator: str
    datum: datetime.date
    golf_pk: int | None = None
    sleutel: str = ""


def keuze_van(gegevens: dict) -> Keuze:
    golf_pk, _, sleutel = (gegevens.get("vraag") or "").partition(":")
    return Keuze(
        indicator=gegevens.get("indicator") or DEKKING,
        datum=gegevens.get("datum") or timezone.localdate(),
        golf_pk=int(golf_pk) if golf_pk.isdigit() else None,
        sleutel=sleutel,
    )


def _dagen(waarde: float) -> str:
    return f"{getal(waarde, 0)} dagen" if waarde != 1 else "1 dag"


def _aantal(waarde: float) -> str:
    return getal(waarde, 0)


def onvervuldkaart() -> huizen.Indicatorkaart:
    """Confirmed requests of families per home gemeente that still wait for a place, in the last
    12 months; small counts hidden as in every loket figure that leaves the loket."""
    periode = Periode.laatste_12_maanden()
    cijfers = cijfers_vlaanderen(periode, onderdrukt=True)
    waarden: dict[int, tuple[float | None, str]] = {}
    for regel in cijfers.tabellen["gemeenten"].regels:
        if regel.id.startswith("gemeente:"):
            wacht = regel.waarden[1]
            if wacht.verborgen:
                waarden[int(regel.id.split(":")[1])] = (None, f"{wacht.verborgen} aanvragen wachten nog")
            else:
                waarden[int(regel.id.split(":")[1])] = (
                    float(wacht.getal),
                    f"{wacht.getal} aanvragen wachten nog",
                )
    return huizen.indicatorkaart(
        titel="Aanvragen voor kinderopvang die nog wachten, per woongemeente",
        kolom="Wachten nog",
        waarden=waarden,
        opmaak=_aantal,
        url_van=huizen.gemeentelinks(),
        gemeenten=huizen.kaartgemeenten(),
        toelichting=(
            f"Bevestigde aanvragen van {periode} van gezinnen uit de gemeente die nog op een plaats wachten. "
            "Kleine aantallen zijn verborgen en staan als 'geen gegevens' op de kaart."
        ),
    )


def wachttijdkaart() -> huizen.Indicatorkaart:
    """The median days from confirmation to placement at the loket of the gemeente's Huis (the
    loket figures are kept per loket); in the last 12 months."""
    periode = Periode.laatste_12_maanden()
    cijfers = cijfers_vlaanderen(periode, onderdrukt=True)
    per_huis: dict[int, float] = {}
    for regel in cijfers.tabellen["loketten"].regels:
        mediaan = regel.waarden[5]
        if regel.id.startswith("loket:") and mediaan.getal is not None and not mediaan.verborgen:
            per_huis[int(regel.id.split(":")[1])] = float(mediaan.getal)
    waarden: dict[int, tuple[float | None, str]] = {}
    for huis_id, gemeente_ids in huizen.gemeenten_per_huis().items():
        if huis_id in per_huis:
            for gemeente_id in gemeente_ids:
                waarden.setdefault(gemeente_id, (per_huis[huis_id], _dagen(per_huis[huis_id])))
    return huizen.indicatorkaart(
        titel="Mediaan aantal dagen tot een plaats in de kinderopvang, per gemeente",
        kolom="Mediane wachttijd",
        waarden=waarden,
        opmaak=_dagen,
        url_van=huizen.gemeentelinks(),
        gemeenten=huizen.kaartgemeenten(),
        toelichting=(
            f"Kalenderdagen van de bevestiging tot de plaatsing, voor aanvragen van {periode}, bij het "
            "Lokaal Loket Kinderopvang van het Huis van de gemeente (de loketcijfers worden per loket "
            "bijgehouden). Geen gegevens: geen loket of nog geen plaatsingen."
        ),
    )


def bevragingskaart(gebruiker, golf: Golf, vraag: Vraag) -> huizen.Indicatorkaart:
    """The answer of each responding Huis to one question of a wave, drawn on the gemeenten the
    Huis covered in the wave, as they were on the wave's reference date (said on the map)."""
    gegevens = analysegegevens(gebruiker, golf=golf, sleutels=[vraag.sleutel])
    labels = {o.code: o.label for o in vraag.opties()}
    per_huis: dict[int, tuple[float, str]] = {}
    for huis_pk, antwoorden in gegevens.antwoorden.items():
        antwoord = antwoorden.get(vraag.sleutel)
        waarde = None if antwoord is None else antwoord.waarde
        if vraag.type == Vraagtype.JA_NEE and waarde is not None:
            ja = str(waarde).lower() in ("ja", "true", "1")
            per_huis[huis_pk] = (1.0 if ja else 0.0, "ja" if ja else "nee")
        elif waarde not in (None, "") and str(waarde).replace(".", "", 1).isdigit():
            getalwaarde = float(waarde)
            tekst = getal(getalwaarde, vraag.decimalen or 0)
            if labels.get(str(waarde)):
                tekst += f" ({labels[str(waarde)]})"
            per_huis[huis_pk] = (getalwaarde, tekst)
    return golfkaart(
        golf,
        per_huis,
        titel=f"{golf.naam}: {vraag.tekst}"[:200],
        kolom="Antwoord van het Huis",
        opmaak=(lambda w: "ja" if w else "nee") if vraag.type == Vraagtype.JA_NEE else _aantal,
        toelichting="Geen gegevens: geen antwoord of geen Huis.",
    ).indicator


def _maak(keuze: Keuze, gebruiker) -> Callable[[], huizen.Indicatorkaart] | None:
    if keuze.indicator == DEKKING:
        return lambda: huizen.dekkingskaart(keuze.datum)
    if keuze.indicator == SUBSIDIE:
        return lambda: huizen.subsidiekaart(keuze.datum)
    if keuze.indicator == ONVERVULD:
        return onvervuldkaart
    if keuze.indicator == WACHTTIJD:
        return wachttijdkaart
    vraag = kaartvraag(keuze.golf_pk, keuze.sleutel) if keuze.golf_pk is not None else None
    if vraag is None:
        return None
    return lambda: bevragingskaart(gebruiker, vraag.vragenlijst.golf, vraag)


def scopes_van(keuze: Keuze) -> tuple[str, ...]:
    if keuze.indicator == BEVRAGING and keuze.golf_pk is not None:
        return tuple(analyse_scopes(Golf(pk=keuze.golf_pk)))
    return SCOPES.get(keuze.indicator, ("huizen", "referentie"))


def kaart_html(keuze: Keuze, gebruiker) -> str | None:
    """The map and its table as HTML, rendered once per data version (None: no such question)."""
    maak = _maak(keuze, gebruiker)
    if maak is None:
        return None
    delen = (keuze.indicator, keuze.golf_pk, keuze.sleutel)
    if keuze.indicator in (DEKKING, SUBSIDIE):
        delen += (keuze.datum.isoformat(),)
    elif keuze.indicator == BEVRAGING:
        # drawn on the wave's gemeenten of its reference date (today for a wave still running)
        golf = kaartvraag(keuze.golf_pk, keuze.sleutel).vragenlijst.golf
        delen += (peildatum_van(golf).isoformat(),)
    else:
        delen += (timezone.localdate().isoformat(),)  # the last 12 months move every day
    return gecachet(
        "opgroeien-kaart",
        scopes_van(keuze),
        lambda: render_to_string(
            "kaart/_indicatorkaart.html", {"indicator": maak(), "kaart_id": "indicatorkaart"}
        ),
        *delen,
    )
