"""The survey's reports: the Flemish report of one survey wave (`opgroeien_bevraging`, for
Opgroeien) and the survey chapter of the council report (`gemeenteraad`).

Every figure comes from the analysis's own functions (bevraging.selectors.analyse),
the same ones as its pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.text import slugify

from bevraging.models import Fysiekelocatie, Golf, Golfstatus, Respons, Responsstatus
from bevraging.selectors import analyse
from bevraging.selectors.analyse import MINIMUM_ANTWOORDEN
from bevraging.selectors.kaarten import golfkaart
from huizen import selectors as huizen_selectors
from huizen.models import Huis
from kern.cijfers import Werking
from kern.rapportage import (
    Hoofdstuk,
    Rapportkop,
    Rapportsoort,
    Sectie,
    grafiek_svg,
    kaart_svg,
    legende_svg,
    register,
    zonder_herhaling,
)
from kern.tabellen import getal
from kern.tenancy import is_opgroeien

BEVRAGING = "opgroeien_bevraging"
GEMEENTERAAD = "gemeenteraad"


# --- The survey chapter of the council report -----------------------------------------------------

BEVRAGING_MATEN = ("% score 4-5", "% ja")
BEVRAGING_VRAGEN_PER_THEMA = 5


def laatste_golf_met_respons(huis: Huis) -> Golf | None:
    """The latest wave that is closed, or in which the Huis's response is validated, and in which
    the Huis submitted its answers."""
    afgerond = Respons.objects.filter(huis=huis, status__in=analyse.AFGEROND)
    return (
        Golf.objects.filter(
            Q(status=Golfstatus.AFGESLOTEN, responsen__in=afgerond)
            | Q(responsen__in=afgerond.filter(status=Responsstatus.GEVALIDEERD))
        )
        .select_related("vragenlijst")
        .distinct()
        .order_by("-jaar", "-pk")
        .first()
    )


def _procent(waarde) -> str:
    return "–" if waarde is None else f"{getal(float(waarde), 0)} %"


def sectie_bevraging(bron) -> Hoofdstuk | None:
    """The answers of the gemeente's Huis in its latest survey wave against its cluster and
    Flanders: per theme the score questions (% score 4-5) and yes/no questions (% ja), aggregates
    only; a cluster with fewer than 5 responses gets no column. Left out when no Huis works in the
    gemeente (the source's `huisbron`) or the Huis has no submitted or validated response."""
    if bron.huisbron is None:
        return None
    huis = bron.huisbron.huis
    golf = laatste_golf_met_respons(huis)
    if golf is None:
        return None
    vergelijking = analyse.huisvergelijking_voor_rapport(huis=huis, golf=golf)
    if not vergelijking.eigen_beschikbaar:
        return None
    clusters = vergelijking.getoonde_clusters
    themas = []
    for _sleutel, titel, regels in vergelijking.per_thema:
        gekozen = [r for r in regels if r.maat in BEVRAGING_MATEN][:BEVRAGING_VRAGEN_PER_THEMA]
        if not gekozen:
            continue
        rijen = [
            (
                r.vraag.kort,
                r.eigen,
                r.maat,
                [_procent(r.vlaanderen), *(_procent(w) for w in r.clusters)],
            )
            for r in gekozen
        ]
        themas.append({"titel": titel, "rijen": rijen})
    if not themas:
        return None
    return Hoofdstuk(
        id="bevraging",
        titel="De bevraging van de Huizen van het Kind",
        template="rapporten/pdf/secties/bevraging.html",
        gegevens={
            "golf": golf,
            "themas": themas,
            "reeksen": ["Vlaanderen", *(f"Cluster {c.label}" for c in clusters)],
            "clusters": vergelijking.clusters,
            "verborgen_clusters": [c for c in vergelijking.clusters if not c.getoond],
            "antwoorden_vlaanderen": vergelijking.antwoorden_vlaanderen,
            "minimum": MINIMUM_ANTWOORDEN,
        },
    )


# --- Kind 1: the Flemish survey report ------------------------------------------------------
# Made with the rights of the Opgroeien staff member who asked for it (`door`), through the
# analysis's own selectors.

OPEN_ANTWOORDEN_PER_VRAAG = 5
KRUISDIMENSIES = (analyse.Dimensie.CLUSTER, analyse.Dimensie.WERKING, analyse.Dimensie.FYSIEK)


@dataclass(frozen=True)
class Tabelblok:
    """A table of bevraging.analyse (kern.tabellen.Tabel) as text, with its chart if it has one."""

    titel: str
    kolommen: list[str]
    rijen: list[list[str]]
    toelichting: str = ""
    svg: SafeString | None = None


def tabelblok(tabel, diagram=None, titel: str = "") -> Tabelblok:
    return Tabelblok(
        titel=titel or tabel.titel,
        kolommen=list(tabel.kolommen),
        rijen=[[cel.tekst for cel in rij] for rij in tabel.rijen],
        toelichting=tabel.toelichting,
        svg=grafiek_svg(diagram) if diagram is not None else None,
    )


def _zonder_namen(tekst: str, namen: list[str]) -> str:
    """An open answer without the names of Huizen and gemeenten (longest first)."""
    for naam in namen:
        tekst = re.sub(re.escape(naam), "[…]", tekst, flags=re.I)
    return tekst


def _gebruiker(parameters: dict):
    from django.contrib.auth import get_user_model

    gebruiker = get_user_model().objects.filter(pk=parameters.get("door")).first()
    if gebruiker is None or not is_opgroeien(gebruiker):
        raise ValidationError({"door": "Alleen medewerkers van Opgroeien maken dit rapport."})
    return gebruiker


def _valideer(parameters: dict) -> dict:
    golf_id = parameters.get("golf")
    if not isinstance(golf_id, int) or not Golf.objects.filter(pk=golf_id).exists():
        raise ValidationError({"golf": "Deze bevraging bestaat niet."})
    schoon = {"golf": golf_id, "door": parameters.get("door")}
    _gebruiker(schoon)
    return schoon


def _titel(parameters: dict) -> str:
    return zonder_herhaling("Vlaams rapport van de bevraging", Golf.objects.get(pk=parameters["golf"]).naam)


def _bestandsnaam(parameters: dict) -> str:
    golf = Golf.objects.get(pk=parameters["golf"])
    naam = zonder_herhaling("bevraging", golf.naam)
    if str(golf.jaar) not in naam:
        naam = f"{naam} {golf.jaar}"
    return f"{slugify(naam)[:70]}.pdf"


@dataclass
class Golfbron:
    """The wave's analysis as the staff member who asked for the report may see it."""

    golf: Golf
    gebruiker: object
    gegevens: analyse.Analysegegevens
    clusters: analyse.Clusters

    def __post_init__(self):
        self.vragen = self.gegevens.per_sleutel
        self.huizen = self.gegevens.huizen
        self.namen = sorted(
            {h.naam for h in self.huizen} | {g for h in self.huizen for g in h.gemeenten},
            key=len,
            reverse=True,
        )
        self.links = analyse.Koppelingen(vraag_url=lambda s: "", huizen_url=lambda s: "")


def _bron(parameters: dict) -> Golfbron:
    gebruiker = _gebruiker(parameters)
    golf = Golf.objects.select_related("vragenlijst").get(pk=parameters["golf"])
    clusters = analyse.clusters()
    gegevens = analyse.analysegegevens(gebruiker, golf=golf, met_teksten=True, clusters_=clusters)
    return Golfbron(golf=golf, gebruiker=gebruiker, gegevens=gegevens, clusters=clusters)


def _context(bron: Golfbron) -> dict:
    return {
        "rapport": Rapportkop(
            soort="Vlaams rapport van de bevraging",
            titel=bron.golf.naam,
            ondertitel=f"De antwoorden van {len(bron.huizen)} Huizen van het Kind per thema",
            datum=timezone.localdate(),
            doelpubliek="Voor Opgroeien",
        ),
        "golf": bron.golf,
        "aantal_huizen": len(bron.huizen),
        "peildatum": bron.gegevens.peildatum,  # the Huizen are grouped as they were on this day
    }


def sectie_dekking(bron: Golfbron) -> Hoofdstuk:
    """The Flemish report opens with the coverage of Flanders by the Huizen on a map: on the
    wave's last day (today for a wave still running), with the share of inhabitants."""
    vandaag = timezone.localdate()
    datum = min(bron.golf.eind or vandaag, vandaag)
    dekking = huizen_selectors.dekkingskaart(datum)
    soorten = [
        (huizen_selectors.GEMEENTELIJK, "Met een Huis van één gemeente"),
        (huizen_selectors.INTERGEMEENTELIJK, "Met een intergemeentelijk Huis"),
        (huizen_selectors.ZONDER_HUIS, "Zonder Huis van het Kind"),
    ]
    alle_inwoners = sum(r.waarde or 0 for r in dekking.rijen)
    rijen = []
    for klasse, label in soorten:
        deel = [r for r in dekking.rijen if r.klasse == klasse]
        inwoners = sum(r.waarde or 0 for r in deel)
        rijen.append(
            (
                label,
                len(deel),
                getal(inwoners, 0, force_grouping=True),
                f"{getal(100 * inwoners / alle_inwoners, 1)} %" if alle_inwoners else "–",
            )
        )
    return Hoofdstuk(
        id="dekking",
        titel="De Huizen van het Kind in Vlaanderen en Brussel",
        template="rapporten/pdf/secties/dekking.html",
        gegevens={
            "kaart": kaart_svg(dekking.kaart),
            "legende": legende_svg(dekking.kaart),
            "kaarttitel": dekking.kaart.titel,
            "toelichting": dekking.toelichting,
            "rijen": rijen,
            "zonder": [r for r in dekking.rijen if r.klasse == huizen_selectors.ZONDER_HUIS],
            "datum": datum,
        },
    )


def _kaartblok(bron: Golfbron, *, titel: str, kolom: str, per_huis: dict[int, str], categorieen) -> dict:
    """One map of the wave for the report: each responding Huis's category (`per_huis`, Huis pk ->
    the category's value in `categorieen`) on its gemeenten of the wave, and a table of how many
    Huizen and gemeenten of that day fall in each category."""
    labels = dict(categorieen)
    waarden = {pk: (waarde, labels[waarde]) for pk, waarde in per_huis.items()}
    getekend = golfkaart(
        bron.golf,
        waarden,
        titel=titel,
        kolom=kolom,
        opmaak=lambda w: labels.get(w, ""),
        categorieen=list(categorieen),
    )
    kaart = getekend.indicator.kaart
    gemeenten_per_huis = getekend.gemeenten_per_huis
    rijen = []
    for waarde, label in categorieen:
        huizen = [pk for pk, w in per_huis.items() if w == waarde]
        gemeenten = {g for pk in huizen for g in gemeenten_per_huis.get(pk, ())}
        rijen.append((label, len(huizen), len(gemeenten)))
    zonder = sum(1 for r in getekend.indicator.rijen if r.waarde is None)
    return {
        "titel": titel,
        "kaart": kaart_svg(kaart),
        "legende": legende_svg(kaart),
        "rijen": rijen,
        "zonder": zonder,
        "peildatum": getekend.peildatum,
    }


def sectie_golfkaarten(bron: Golfbron) -> Hoofdstuk | None:
    """The wave's main facts of the Huizen on the map: physical location (ja / gepland / nee)
    and municipal or intermunicipal, each Huis on the gemeenten it covered in the wave, drawn as
    they were on the wave's reference date; a table of the same figures beside each map."""
    if not bron.huizen:
        return None
    fysiek = [
        (0, "Zonder fysieke locatie of plan"),
        (1, "Zonder fysieke locatie, gepland"),
        (2, "Met een of meer fysieke locaties"),
    ]
    fysiek_waarde = {Fysiekelocatie.NEE: 0, Fysiekelocatie.GEPLAND: 1, Fysiekelocatie.JA: 2}
    werking = [(0, "Gemeentelijk Huis"), (1, "Intergemeentelijk Huis")]
    werking_waarde = {Werking.GEMEENTELIJK: 0, Werking.INTERGEMEENTELIJK: 1}
    kaarten = [
        _kaartblok(
            bron,
            titel=f"{bron.golf.naam}: fysieke locatie van het Huis",
            kolom="Fysieke locatie",
            per_huis={h.pk: fysiek_waarde[h.fysiek] for h in bron.huizen if h.fysiek in fysiek_waarde},
            categorieen=fysiek,
        ),
        _kaartblok(
            bron,
            titel=f"{bron.golf.naam}: gemeentelijke of intergemeentelijke werking",
            kolom="Werking",
            per_huis={h.pk: werking_waarde[h.werking] for h in bron.huizen if h.werking in werking_waarde},
            categorieen=werking,
        ),
    ]
    return Hoofdstuk(
        id="golfkaarten",
        titel="De Huizen van de bevraging op de kaart",
        template="rapporten/pdf/secties/golfkaarten.html",
        gegevens={"kaarten": kaarten, "peildatum": kaarten[0]["peildatum"], "golfnaam": bron.golf.naam},
    )


def secties_themas(bron: Golfbron) -> list[Hoofdstuk]:
    """One chapter per theme of the questionnaire, with every question's figures."""
    gegevens = bron.gegevens
    verdelingen = analyse.samenvatting(gegevens.vragen, gegevens.antwoorden, gegevens.huis_pks)
    per_thema: dict[str, list] = {}
    titels: dict[str, str] = {}
    for v in verdelingen:
        per_thema.setdefault(v.vraag.thema, []).append(v)
        titels[v.vraag.thema] = v.vraag.thema_titel
    return [
        Hoofdstuk(
            id=f"thema-{slugify(thema)}",
            titel=titels[thema],
            template="rapporten/pdf/secties/bevraging_thema.html",
            gegevens={"vragen": [_vraag(bron, v) for v in lijst]},
        )
        for thema, lijst in per_thema.items()
    ]


def _kruistabellen(bron: Golfbron, vraag) -> list[Tabelblok]:
    gegevens = bron.gegevens
    blokken = []
    for dimensie in KRUISDIMENSIES:
        kruis = analyse.kruistabel(
            vraag, bron.vragen, gegevens.antwoorden, bron.huizen, dimensie, bron.clusters.namen
        )
        tabel = analyse.kruistabeltabel(kruis, bron.links, dimensie.label)
        diagram = (
            analyse.kruistabelgrafiek(kruis, dimensie.label) if dimensie == analyse.Dimensie.CLUSTER else None
        )
        blokken.append(tabelblok(tabel, diagram))
    return blokken


def _vergelijkingen(bron: Golfbron, v) -> list[tuple]:
    """The question against the same question in the other waves, where they compare."""
    vergelijkingen = []
    for ander in analyse.vergelijkingsbronnen(
        bron.gebruiker, golf=bron.golf, sleutel=v.vraag.sleutel, clusters_=bron.clusters
    ):
        if ander.ander is None:
            continue
        andere_vraag = ander.ander.vraag(ander.andere_sleutel)
        verdeling = analyse.verdeling(
            andere_vraag, ander.ander.per_sleutel, ander.ander.antwoorden, ander.ander.huis_pks
        )
        eerder, later = (verdeling, v) if ander.golf_is_later else (v, verdeling)
        vergelijking = analyse.vergelijking(ander.koppeling, eerder, later)
        if vergelijking.vergelijkbaar and vergelijking.rijen:
            vergelijkingen.append(
                (
                    vergelijking.waarschuwingen,
                    tabelblok(
                        analyse.vergelijkingstabel(vergelijking, "vergelijking"),
                        analyse.vergelijkingsgrafiek(vergelijking),
                    ),
                )
            )
    return vergelijkingen


def _vraag(bron: Golfbron, v) -> dict:
    vraag = v.vraag
    gegevens = bron.gegevens
    blokken = [tabelblok(analyse.kerncijfertabel(v, bron.links))]
    verdelingstabel = analyse.verdelingstabel(v, bron.links)
    if verdelingstabel is not None:
        blokken.append(tabelblok(verdelingstabel, analyse.verdelingsgrafiek(v)))
    if vraag.is_score:
        blokken += _kruistabellen(bron, vraag)
    open_antwoorden = []
    if vraag.heeft_teksten:
        for antwoord in analyse.open_antwoorden(
            vraag, bron.vragen, gegevens.antwoorden, bron.huizen, clusternamen=bron.clusters.namen
        )[:OPEN_ANTWOORDEN_PER_VRAAG]:
            open_antwoorden.append((antwoord.label, _zonder_namen(antwoord.tekst, bron.namen)))
    return {
        "vraag": vraag,
        "n": v.n,
        "blokken": blokken,
        "vergelijkingen": _vergelijkingen(bron, v) if vraag.heeft_opties else [],
        "open_antwoorden": open_antwoorden,
    }


register.registreer(
    Rapportsoort(
        code=BEVRAGING,
        template="rapporten/pdf/bevraging.html",
        hoofdstukken=("dekking", "golfkaarten", "themas"),
        valideer=_valideer,
        titel=_titel,
        bestandsnaam=_bestandsnaam,
        bron=_bron,
        context=_context,
    ),
    Sectie(BEVRAGING, "dekking", sectie_dekking),
    Sectie(BEVRAGING, "golfkaarten", sectie_golfkaarten),
    Sectie(BEVRAGING, "themas", secties_themas),
    Sectie(GEMEENTERAAD, "bevraging", sectie_bevraging),
)
