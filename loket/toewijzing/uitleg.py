"""The explanation of a round's outcome in plain Dutch, for the parent's page and for staff.

>>> tekst(uitleg)  # doctest: +SKIP
'Uw eerste keuze ging naar gezinnen met absolute voorrang; uw tweede keuze ging naar gezinnen
uit dezelfde voorranggroep die zich eerder inschreven. U krijgt een plaats bij uw derde keuze.'
"""

from __future__ import annotations

from collections.abc import Mapping

from .model import KeuzeUitleg, Reden, Uitleg

RANGWOORDEN = (
    "eerste",
    "tweede",
    "derde",
    "vierde",
    "vijfde",
    "zesde",
    "zevende",
    "achtste",
    "negende",
    "tiende",
    "elfde",
    "twaalfde",
    "dertiende",
    "veertiende",
    "vijftiende",
    "zestiende",
    "zeventiende",
    "achttiende",
    "negentiende",
    "twintigste",
)

REDENEN = {
    Reden.GEEN_VRIJE_PLAATSEN: "had geen vrije plaatsen meer",
    Reden.ABSOLUTE_VOORRANG: "ging naar gezinnen met absolute voorrang",
    Reden.HOGERE_VOORRANG: "ging naar gezinnen uit een hogere voorranggroep",
    Reden.EERDER_INGESCHREVEN: "ging naar gezinnen uit dezelfde voorranggroep die zich eerder inschreven",
    Reden.LAGER_LOTNUMMER: "ging naar gezinnen uit dezelfde voorranggroep met een lager lotnummer",
    Reden.SAMEN_PLAATSEN: "had niet genoeg vrije plaatsen om al uw kinderen samen op te vangen",
    Reden.GERESERVEERD: (
        "had alleen nog plaatsen die voorbehouden zijn voor gezinnen in een kwetsbare situatie"
    ),
    Reden.NAZIEN: "wordt nog nagekeken door het loket",
}


def rangwoord(rang: int) -> str:
    """1 -> "eerste", 2 -> "tweede", ..., 21 -> "21ste"."""
    if 1 <= rang <= len(RANGWOORDEN):
        return RANGWOORDEN[rang - 1]
    return f"{rang}ste" if rang >= 20 or rang in (1, 8) else f"{rang}de"


def _keuze(rang: int, plaatsgroep: int, namen: Mapping[int, str] | None) -> str:
    naam = (namen or {}).get(plaatsgroep)
    return f"uw {rangwoord(rang)} keuze ({naam})" if naam else f"uw {rangwoord(rang)} keuze"


def _hoofdletter(zin: str) -> str:
    return zin[:1].upper() + zin[1:]


def zinnen(uitleg: Uitleg, namen: Mapping[int, str] | None = None) -> list[str]:
    """The explanation as sentences for the parent: why not each better choice, then the outcome.
    `namen` maps place group ids to a name to show (e.g. the location's name)."""
    resultaat = []
    if uitleg.keuzes:
        delen = [
            f"{_keuze(rang, kz.plaatsgroep, namen)} {REDENEN[kz.reden]}"
            for rang, kz in enumerate(uitleg.keuzes, 1)
        ]
        resultaat.append(_hoofdletter("; ".join(delen)) + ".")
    if uitleg.plaatsgroep is not None:
        resultaat.append(f"U krijgt een plaats bij {_keuze(uitleg.rang, uitleg.plaatsgroep, namen)}.")
    elif any(kz.reden == Reden.NAZIEN for kz in uitleg.keuzes):
        resultaat.append("Het loket bekijkt uw aanvraag nog voor het een voorstel doet.")
    elif uitleg.samen_onmogelijk:
        resultaat.append("Uw kinderen konden bij geen van uw keuzes samen geplaatst worden.")
    elif uitleg.keuzes:
        resultaat.append("Er was bij geen van uw keuzes een plaats voor u.")
    else:
        resultaat.append("U had geen keuzes opgegeven, dus er kon geen plaats voorgesteld worden.")
    return resultaat


def tekst(uitleg: Uitleg, namen: Mapping[int, str] | None = None) -> str:
    """The explanation for the parent as one paragraph."""
    return " ".join(zinnen(uitleg, namen))


def detail(rang: int, keuze: KeuzeUitleg) -> str:
    """One choice (the `rang`-th) for staff: the reason and the priority groups that decided it."""
    zin = f"{rangwoord(rang)} keuze {REDENEN[keuze.reden]} (groep van het gezin: {keuze.groep}"
    if keuze.groep_grens:
        zin += f"; laatste gezin dat de plaats kreeg: {keuze.groep_grens}"
    return _hoofdletter(zin) + ")."


def tekst_medewerker(uitleg: Uitleg, namen: Mapping[int, str] | None = None) -> list[str]:
    """The explanation for staff: one line per choice with the groups, then the outcome."""
    regels = [f"Regelset van de aanvraag: {uitleg.regelset}; {uitleg.plaatsen} kind(eren) samen."]
    regels.extend(detail(rang, kz) for rang, kz in enumerate(uitleg.keuzes, 1))
    regels.append(zinnen(uitleg, namen)[-1])
    return regels
