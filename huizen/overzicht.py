"""The overview of all Huizen as tables: for the Opgroeien page and the CSV and XLSX downloads.

The figures come from `huizen.selectors.overzicht`."""

from __future__ import annotations

from decimal import Decimal

from huizen.models import PartnerSoort
from huizen.selectors import (
    ALLE,
    KERNPARTNER_KEUZES,
    SUBSIDIEKLASSE_KEUZES,
    Aanspreekpunt,
    Dekking,
    Overzicht,
)
from kern.cijfers import Aandeel, Fysiek, Werking, werking_van
from kern.tabellen import Cel, Tabel

# --- the figures as tables: for the page and for the CSV and XLSX downloads ------------------


def _tekst(waarde) -> Cel:
    return Cel(str(waarde))


def _aantal_cel(aandeel: Aandeel) -> Cel:
    return Cel(aandeel.aantal, "aantal", querystring=aandeel.querystring)


def _procent_cel(aandeel: Aandeel) -> Cel:
    return Cel(aandeel.procent, "procent")


def _bedrag_cel(bedrag: Decimal | None) -> Cel:
    return Cel(bedrag, "bedrag")


TABELNAMEN = (
    "werking",
    "gemeenten",
    "gemeenten-zonder-huis",
    "bevolking",
    "fysieke-locatie",
    "aanspreekpunt",
    "partners",
    "subsidies",
    "subsidieklassen",
)


def _jaren(jaren: tuple[int, ...]) -> str:
    return ", ".join(str(j) for j in jaren) if jaren else "geen"


def bevolkingstoelichting(dekking: Dekking) -> str:
    """Which years' figures the shares use, and which gemeenten have none."""
    kinderen = (
        f"kinderen van 0 tot 3 jaar van {_jaren(dekking.jaren_kinderen)}"
        if dekking.jaren_kinderen
        else "nog geen aantallen kinderen van 0 tot 3 jaar (Opgroeien importeert ze bij de bevolkingscijfers)"
    )
    tekst = (
        f"Cijfers op 1 januari van het laatste jaar tot en met de gekozen datum: inwoners van "
        f"{_jaren(dekking.jaren_inwoners)}, {kinderen}."
    )
    if dekking.zonder_inwoners:
        tekst += f" {dekking.zonder_inwoners} gemeenten zonder inwonersaantal tellen niet mee."
    if dekking.zonder_kinderen and dekking.zonder_kinderen != dekking.gemeenten:
        tekst += f" {dekking.zonder_kinderen} gemeenten zonder aantal kinderen tellen daar niet mee."
    return tekst


def tabellen(overzicht: Overzicht) -> dict[str, Tabel]:
    """Every figure of the overview as a table, by name (see TABELNAMEN), in page order."""
    werking = [Werking.GEMEENTELIJK, Werking.INTERGEMEENTELIJK]
    if overzicht.werking[Werking.ZONDER_GEMEENTE].aantal:
        werking.append(Werking.ZONDER_GEMEENTE)
    dekking = overzicht.dekking
    alle_gemeenten = Aandeel(dekking.gemeenten, dekking.gemeenten)
    gedekt = Aandeel(dekking.gedekt, dekking.gemeenten)
    niet_gedekt = Aandeel(len(dekking.niet_gedekt), dekking.gemeenten)
    fysiek_kolommen = [Fysiek.MET, Fysiek.MEERDERE, Fysiek.GEPLAND, Fysiek.NIET_GEPLAND]
    resultaat = [
        Tabel(
            naam="werking",
            titel="Huizen naar werking: gemeentelijk of intergemeentelijk",
            kolommen=["Werking", "Huizen", "% van de Huizen"],
            rijen=[[_tekst("Alle Huizen"), _aantal_cel(overzicht.huizen), _procent_cel(overzicht.huizen)]]
            + [
                [_tekst(w.label), _aantal_cel(overzicht.werking[w]), _procent_cel(overzicht.werking[w])]
                for w in werking
            ],
            toelichting="Intergemeentelijk: het Huis werkt op de gekozen dag in meer dan één gemeente.",
        ),
        Tabel(
            naam="gemeenten",
            titel="Gemeenten met en zonder Huis van het Kind",
            kolommen=["Gemeenten", "Aantal", "% van de gemeenten"],
            rijen=[
                [_tekst("Alle gemeenten"), Cel(dekking.gemeenten, "aantal"), _procent_cel(alle_gemeenten)],
                [
                    _tekst("Met een Huis van het Kind"),
                    Cel(dekking.gedekt, "aantal", querystring=overzicht.huizen.querystring),
                    _procent_cel(gedekt),
                ],
                [
                    _tekst("Zonder Huis van het Kind"),
                    Cel(len(dekking.niet_gedekt), "aantal", anker="tabel-gemeenten-zonder-huis"),
                    _procent_cel(niet_gedekt),
                ],
            ],
            toelichting="Het aantal bij 'met een Huis' leidt naar de Huizen die in deze gemeenten werken.",
        ),
        Tabel(
            naam="gemeenten-zonder-huis",
            titel="Gemeenten zonder Huis van het Kind",
            kolommen=["Gemeente", "NIS-code", "Provincie", "VRIND-cluster"],
            rijen=[
                [
                    _tekst(g.naam),
                    _tekst(g.nis),
                    _tekst(g.get_provincie_display()),
                    _tekst(g.cluster.naam if g.cluster else "–"),
                ]
                for g in dekking.niet_gedekt
            ],
        ),
        Tabel(
            naam="bevolking",
            titel="Inwoners en jonge kinderen in een gemeente met een Huis van het Kind",
            kolommen=[
                "Bevolking",
                "In alle gemeenten",
                "In gemeenten met een Huis",
                "% in gemeenten met een Huis",
            ],
            rijen=[
                [
                    _tekst(label),
                    Cel(aandeel.van if aandeel.van else None, "aantal"),
                    Cel(aandeel.aantal if aandeel.van else None, "aantal"),
                    _procent_cel(aandeel),
                ]
                for label, aandeel in (
                    ("Inwoners", dekking.inwoners),
                    ("Kinderen van 0 tot 3 jaar", dekking.kinderen),
                )
            ],
            toelichting=bevolkingstoelichting(dekking),
        ),
        Tabel(
            naam="fysieke-locatie",
            titel="Huizen met en zonder fysieke locatie",
            kolommen=[
                "Fysieke locatie",
                "Alle Huizen",
                "% van alle Huizen",
                "Gemeentelijke Huizen",
                "% van de gemeentelijke Huizen",
                "Intergemeentelijke Huizen",
                "% van de intergemeentelijke Huizen",
            ],
            rijen=[
                [_tekst(f.label)]
                + [
                    cel
                    for kolom in (ALLE, Werking.GEMEENTELIJK, Werking.INTERGEMEENTELIJK)
                    for cel in (
                        _aantal_cel(overzicht.fysiek[f][kolom]),
                        _procent_cel(overzicht.fysiek[f][kolom]),
                    )
                ]
                for f in Fysiek
            ],
            toelichting="Een fysieke locatie is een plek van het Huis waar gezinnen terechtkunnen.",
        ),
        Tabel(
            naam="aanspreekpunt",
            titel="Huizen met en zonder niet-fysiek aanspreekpunt",
            kolommen=[
                "Niet-fysiek aanspreekpunt",
                "Alle Huizen",
                "% van alle Huizen",
                *(f"Huizen {f.label[0].lower()}{f.label[1:]}" for f in fysiek_kolommen),
            ],
            rijen=[
                [
                    _tekst(a.label),
                    _aantal_cel(overzicht.aanspreekpunt[a][ALLE]),
                    _procent_cel(overzicht.aanspreekpunt[a][ALLE]),
                    *(_aantal_cel(overzicht.aanspreekpunt[a][f]) for f in fysiek_kolommen),
                ]
                for a in Aanspreekpunt
            ],
            toelichting="Een niet-fysiek aanspreekpunt is bv. een telefoon, e-mailadres, website of chat.",
        ),
        Tabel(
            naam="partners",
            titel="Kernpartners per soort",
            kolommen=["Soort partner", "Huizen met een kernpartner van deze soort", "% van de Huizen"],
            rijen=[
                [
                    _tekst(label),
                    _aantal_cel(overzicht.kernpartners[soort]),
                    _procent_cel(overzicht.kernpartners[soort]),
                ]
                for soort, label in KERNPARTNER_KEUZES
            ],
            toelichting="Een Huis telt mee bij elke soort waarvan het minstens één kernpartner heeft.",
        ),
        Tabel(
            naam="subsidies",
            titel="Subsidie van Opgroeien per jaar",
            kolommen=[
                "Jaar",
                "Huizen met subsidie",
                "Minimum",
                "Eerste kwartiel",
                "Mediaan",
                "Derde kwartiel",
                "Maximum",
                "Totaal",
            ],
            rijen=[
                [
                    _tekst(j.jaar),
                    _aantal_cel(j.huizen),
                    *(
                        _bedrag_cel(b)
                        for b in (
                            j.minimum,
                            j.eerste_kwartiel,
                            j.mediaan,
                            j.derde_kwartiel,
                            j.maximum,
                            j.totaal,
                        )
                    ),
                ]
                for j in overzicht.subsidies
            ],
            toelichting="Kwartielen inclusief berekend, zoals KWARTIEL.INC in Excel.",
        ),
        Tabel(
            naam="subsidieklassen",
            titel="Huizen per subsidiebedrag en jaar",
            kolommen=["Jaar", *(label for _code, label in SUBSIDIEKLASSE_KEUZES)],
            rijen=[
                [_tekst(j.jaar), *(_aantal_cel(j.klassen[code]) for code, _label in SUBSIDIEKLASSE_KEUZES)]
                for j in overzicht.subsidies
            ],
        ),
    ]
    return {tabel.naam: tabel for tabel in resultaat}


def huizentabel(huizen) -> Tabel:
    """The rows of `huizenlijst(...)` as a table for the downloads."""
    soorten = {soort: str(label) for soort, label in PartnerSoort.choices}
    rijen = []
    for huis in huizen:
        gemeenten = [rij.gemeente for rij in huis.werkingsgebied_vandaag]
        rijen.append(
            [
                _tekst(huis.naam),
                _tekst(", ".join(g.naam for g in gemeenten)),
                _tekst(", ".join(sorted({str(g.get_provincie_display()) for g in gemeenten}))),
                _tekst(werking_van(huis.aantal_gemeenten).label),
                Cel(huis.aantal_locaties, "aantal"),
                _tekst("ja" if huis.fysieke_locatie_gepland and not huis.aantal_locaties else "nee"),
                Cel(huis.aantal_contactpunten, "aantal"),
                _tekst(", ".join(dict.fromkeys(soorten[p.soort] for p in huis.kernpartners))),
                Cel(huis.subsidiejaar, "tekst"),
                _bedrag_cel(huis.subsidie),
            ]
        )
    return Tabel(
        naam="huizen",
        titel="Huizen van het Kind",
        kolommen=[
            "Huis",
            "Gemeenten vandaag",
            "Provincie",
            "Werking",
            "Fysieke locaties",
            "Plant een fysieke locatie",
            "Niet-fysieke aanspreekpunten",
            "Soorten kernpartners",
            "Subsidiejaar",
            "Subsidie (euro)",
        ],
        rijen=rijen,
    )
