"""The reports about a Huis and about a gemeente, and their chapters about the Huis's profile.

Kinds declared here: the Huis profile report (`huis`, for its coordinator) and the council report
(`gemeenteraad`, per gemeente, in plain language). Their chapters about life domains, offer and
self-assessment come from levensdomeinen, the council report's survey and loket chapters from
bevraging and loket (each in its own rapporten.py); all of them read the sources made here
(`Huisbron`, `Gemeentebron`).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Avg, Prefetch
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.text import slugify

from huizen.models import (
    Contactpunt,
    Coordinator,
    Gemeente,
    Huis,
    KindEnGezinPartner,
    Locatie,
    Openingsuur,
    Overlegorgaan,
    Partner,
    Subsidie,
)
from huizen.selectors import cluster_van, huizen_in_gemeente, provinciekaart
from kern.rapportage import (
    Grafiek,
    Hoofdstuk,
    Opdracht,
    Rapportkop,
    Rapportsoort,
    Sectie,
    gecachet,
    kaart_svg,
    legende_svg,
    over_het_huis,
    register,
    scoregrafiek,
)
from kern.tabellen import datumtekst, getal

HUIS = "huis"
GEMEENTERAAD = "gemeenteraad"


# --- Sources ---------------------------------------------------------------------------------


def laad_huis(huis_id: int) -> Huis:
    """The Huis with everything the report shows, in a fixed number of queries."""
    return (
        Huis.objects.filter(pk=huis_id)
        .prefetch_related(
            Prefetch("coordinatoren", queryset=Coordinator.objects.order_by("naam")),
            Prefetch(
                "locaties",
                queryset=Locatie.objects.select_related("gemeente")
                .prefetch_related(
                    Prefetch("openingsuren", queryset=Openingsuur.objects.order_by("weekdag", "van")),
                    Prefetch("partners", queryset=Partner.objects.order_by("naam")),
                )
                .order_by("naam"),
            ),
            Prefetch("contactpunten", queryset=Contactpunt.objects.order_by("soort", "waarde")),
            Prefetch("partners", queryset=Partner.objects.order_by("-kernpartner", "naam")),
            Prefetch("overlegorganen", queryset=Overlegorgaan.objects.order_by("soort", "naam")),
            Prefetch("subsidies", queryset=Subsidie.objects.order_by("-jaar")),
        )
        .get()
    )


@dataclass
class Huisbron:
    """What the chapters about one Huis read. `publiek` leaves out the contact details of people
    (coordinators, partners' contact persons) for a report that leaves the Huis."""

    huis: Huis
    datum: datetime.date
    publiek: bool = False
    gemeente: Gemeente | None = None

    def __post_init__(self):
        self.gemeenten = list(self.huis.gemeenten_op(self.datum).select_related("cluster").order_by("naam"))
        self.cluster = cluster_van(self.huis)


@dataclass
class Gemeentebron:
    """What the chapters of a council report read: the gemeente and the Huis working in it."""

    gemeente: Gemeente
    datum: datetime.date
    huisbron: Huisbron | None
    andere_huizen: list[Huis]


# --- Averages over all Huizen (for the comparisons) ---------------------------------------


def samenwerking_vlaanderen() -> dict[str, float]:
    """The average cooperation score (1-5) with each Kind en Gezin partner, over all Huizen."""

    def maak():
        rijen = (
            Partner.objects.exclude(kind_en_gezin_partner="")
            .filter(samenwerking__isnull=False)
            .values("kind_en_gezin_partner")
            .annotate(gem=Avg("samenwerking"))
        )
        return {r["kind_en_gezin_partner"]: float(r["gem"]) for r in rijen}

    return gecachet("samenwerking:vlaanderen", maak)


# --- Chapters about a Huis --------------------------------------------------------------------


def sectie_algemeen(bron: Huisbron) -> Hoofdstuk:
    huis = bron.huis
    gegevens = [
        ("Naam", huis.naam),
        ("Rechtsvorm", huis.get_rechtsvorm_display()),
        ("Vertegenwoordigd door", huis.vertegenwoordiger or "–"),
        ("Erkend sinds", datumtekst(huis.erkend_sinds) if huis.erkend_sinds else "–"),
        ("E-mail", huis.email or "–"),
        ("Telefoon", huis.telefoon or "–"),
        ("Website", huis.website or "–"),
        ("Aantal medewerkers", huis.aantal_medewerkers if huis.aantal_medewerkers is not None else "–"),
    ]
    coordinatoren = list(huis.coordinatoren.all())
    uren = sum((c.uren_per_week or 0) for c in coordinatoren)
    return Hoofdstuk(
        id="algemeen",
        titel="Het Huis van het Kind" if bron.publiek else "Algemene gegevens",
        template="rapporten/pdf/secties/algemeen.html",
        gegevens={
            "huis": huis,
            "gegevens": gegevens,
            "coordinatoren": coordinatoren,
            "uren_coordinatie": getal(uren, 1) if uren else "",
            "publiek": bron.publiek,
            "intergemeentelijk": len(bron.gemeenten) > 1,
            "aantal_gemeenten": len(bron.gemeenten),
        },
    )


def sectie_werkingsgebied(bron: Huisbron) -> Hoofdstuk:
    return Hoofdstuk(
        id="werkingsgebied",
        titel="Werkingsgebied",
        template="rapporten/pdf/secties/werkingsgebied.html",
        gegevens={
            "gemeenten": bron.gemeenten,
            "cluster": bron.cluster,
            "datum": bron.datum,
            "publiek": bron.publiek,
            "huis": bron.huis,
        },
    )


def sectie_locaties(bron: Huisbron) -> Hoofdstuk:
    locaties = list(bron.huis.locaties.all())
    contactpunten = list(bron.huis.contactpunten.all())
    return Hoofdstuk(
        id="locaties",
        titel="Locaties en contactpunten",
        template="rapporten/pdf/secties/locaties.html",
        gegevens={
            "locaties": [(locatie, locatie.openingsuren_per_dag()) for locatie in locaties],
            "contactpunten": contactpunten,
            "fysieke_locatie_gepland": bron.huis.fysieke_locatie_gepland,
            "publiek": bron.publiek,
        },
    )


def _samenwerkingsgrafiek(partners: list[Partner]) -> Grafiek | None:
    per_soort: dict[str, list[int]] = defaultdict(list)
    for partner in partners:
        if partner.kind_en_gezin_partner and partner.samenwerking:
            per_soort[partner.kind_en_gezin_partner].append(partner.samenwerking)
    if not per_soort:
        return None
    vlaanderen = samenwerking_vlaanderen()
    rijen = [
        (
            label,
            [
                sum(per_soort[code]) / len(per_soort[code]) if per_soort.get(code) else None,
                vlaanderen.get(code),
            ],
        )
        for code, label in KindEnGezinPartner.choices
    ]
    return scoregrafiek(
        titel="Samenwerking met de Kind en Gezin-partners (1 = geen, 5 = nauw)",
        kop="Kind en Gezin-partner",
        reeksen=["Dit Huis", "Gemiddelde Vlaanderen"],
        rijen=rijen,
        toelichting="Het gemiddelde van Vlaanderen is dat over alle Huizen die de samenwerking scoorden.",
    )


def sectie_partners(bron: Huisbron) -> Hoofdstuk:
    partners = list(bron.huis.partners.all())
    return Hoofdstuk(
        id="partners",
        titel="Partners",
        template="rapporten/pdf/secties/partners.html",
        gegevens={
            "partners": partners,
            "kernpartners": sum(1 for p in partners if p.kernpartner),
            "grafiek": _samenwerkingsgrafiek(partners),
            "publiek": bron.publiek,
        },
    )


def sectie_structuur(bron: Huisbron) -> Hoofdstuk:
    huis = bron.huis
    cofinanciering = {True: "ja", False: "nee"}.get(huis.cofinanciering_lokaal_bestuur, "niet ingevuld")
    return Hoofdstuk(
        id="structuur",
        titel="Organisatie en middelen",
        template="rapporten/pdf/secties/structuur.html",
        gegevens={
            "huis": huis,
            "overlegorganen": list(huis.overlegorganen.all()),
            "subsidies": list(huis.subsidies.all()),
            "cofinanciering": cofinanciering,
            "publiek": bron.publiek,
        },
    )


# --- The council report opens with the gemeente ------------------------------------------------


def sectie_gemeente(bron: Gemeentebron) -> Hoofdstuk:
    """The council report opens with the gemeente and its Huis at a glance, and the gemeente
    highlighted on the map of its provincie."""
    kerncijfers = []
    if bron.huisbron is not None:
        huis = bron.huisbron.huis
        kerncijfers = [
            ("Gemeenten in het werkingsgebied", len(bron.huisbron.gemeenten)),
            ("Fysieke locaties", len(huis.locaties.all())),
            ("Niet-fysieke contactpunten", len(huis.contactpunten.all())),
            ("Partners", len(huis.partners.all())),
            ("Kernpartners", sum(1 for p in huis.partners.all() if p.kernpartner)),
        ]
    kaart = provinciekaart(bron.gemeente, bron.datum)
    return Hoofdstuk(
        id="gemeente",
        titel=f"{bron.gemeente.naam} en het Huis van het Kind",
        template="rapporten/pdf/secties/gemeente.html",
        gegevens={
            "kaart": kaart_svg(kaart),
            "legende": legende_svg(kaart),
            "kaarttitel": kaart.titel,
            "gemeente": bron.gemeente,
            "huis": bron.huisbron.huis if bron.huisbron else None,
            "andere_huizen": bron.andere_huizen,
            "kerncijfers": kerncijfers,
            "datum": bron.datum,
        },
    )


# --- The kinds ------------------------------------------------------------------------------


def _datum(parameters: dict) -> datetime.date:
    waarde = parameters.get("datum")
    datum = parse_date(waarde) if isinstance(waarde, str) else None
    if datum is None:
        raise ValidationError({"datum": "Geef een geldige datum (JJJJ-MM-DD)."})
    return datum


# Kind 4: the profile report of one Huis, for its coordinator.


def _valideer_huis(parameters: dict) -> dict:
    huis_id = parameters.get("huis")
    if not isinstance(huis_id, int) or not Huis.objects.filter(pk=huis_id).exists():
        raise ValidationError({"huis": "Dit Huis van het Kind bestaat niet."})
    datum = parameters.get("datum") or timezone.localdate().isoformat()
    schoon = {"huis": huis_id, "datum": datum}
    _datum(schoon)
    return schoon


def _titel_huis(parameters: dict) -> str:
    huis = Huis.objects.get(pk=parameters["huis"])
    return f"Profielrapport {huis.naam} ({datumtekst(_datum(parameters))})"


def _bestandsnaam_huis(parameters: dict) -> str:
    huis = Huis.objects.get(pk=parameters["huis"])
    return f"profielrapport-{slugify(huis.slug)[:80]}-{_datum(parameters):%Y-%m-%d}.pdf"


def _bron_huis(parameters: dict) -> Huisbron:
    return Huisbron(huis=laad_huis(parameters["huis"]), datum=_datum(parameters))


def _context_huis(bron: Huisbron) -> dict:
    return {
        "rapport": Rapportkop(
            soort="Profielrapport",
            titel=bron.huis.naam,
            ondertitel="Het profiel, de partners, het aanbod en de levensdomeinen van het Huis",
            datum=bron.datum,
            doelpubliek="Voor de coördinator en de stuurgroep van het Huis",
        ),
    }


# Kind 2: the report per gemeente for its local council, in plain language.


def _gemeente(parameters: dict) -> Gemeente:
    nis = parameters.get("gemeente")
    datum = _datum(parameters)
    gemeente = Gemeente.objects.geldig_op(datum).filter(nis=nis).first() if isinstance(nis, str) else None
    if gemeente is None:
        raise ValidationError({"gemeente": "Deze gemeente bestaat niet op de gekozen datum."})
    return gemeente


def _valideer_gemeenteraad(parameters: dict) -> dict:
    schoon = {
        "gemeente": parameters.get("gemeente"),
        "datum": parameters.get("datum") or timezone.localdate().isoformat(),
    }
    _gemeente(schoon)
    return schoon


def _titel_gemeenteraad(gemeente: Gemeente, datum: datetime.date) -> str:
    return f"Rapport voor de gemeenteraad van {gemeente.naam} ({datumtekst(datum)})"


def _bestandsnaam_gemeenteraad(gemeente: Gemeente, datum: datetime.date) -> str:
    return f"gemeenteraad-{gemeente.nis}-{slugify(gemeente.naam)[:60]}-{datum:%Y-%m-%d}.pdf"


def _gemeenteraad_voor(gemeente: Gemeente, datum: datetime.date) -> Opdracht:
    return Opdracht(
        parameters={"gemeente": gemeente.nis, "datum": datum.isoformat()},
        titel=_titel_gemeenteraad(gemeente, datum),
        bestandsnaam=_bestandsnaam_gemeenteraad(gemeente, datum),
    )


def _bron_gemeenteraad(parameters: dict) -> Gemeentebron:
    datum = _datum(parameters)
    gemeente = _gemeente(parameters)
    huizen = list(huizen_in_gemeente(gemeente, datum))
    huisbron = (
        Huisbron(huis=laad_huis(huizen[0].pk), datum=datum, publiek=True, gemeente=gemeente)
        if huizen
        else None
    )
    return Gemeentebron(gemeente=gemeente, datum=datum, huisbron=huisbron, andere_huizen=huizen[1:])


def _context_gemeenteraad(bron: Gemeentebron) -> dict:
    return {
        "rapport": Rapportkop(
            soort="Rapport voor de gemeenteraad",
            titel=bron.gemeente.naam,
            ondertitel=f"Het Huis van het Kind in {bron.gemeente.naam}",
            datum=bron.datum,
            doelpubliek="Voor de gemeenteraad en het college",
        ),
        "gemeente": bron.gemeente,
    }


register.registreer(
    Rapportsoort(
        code=HUIS,
        template="rapporten/pdf/huis.html",
        hoofdstukken=(
            "algemeen",
            "werkingsgebied",
            "locaties",
            "partners",
            "structuur",
            "levensdomeinen",
            "aanbod",
            "zelfevaluatie",
        ),
        valideer=_valideer_huis,
        titel=_titel_huis,
        bestandsnaam=_bestandsnaam_huis,
        bron=_bron_huis,
        context=_context_huis,
    ),
    Rapportsoort(
        code=GEMEENTERAAD,
        template="rapporten/pdf/gemeenteraad.html",
        hoofdstukken=(
            "gemeente",
            "behoefteanalyse",
            "algemeen",
            "werkingsgebied",
            "locaties",
            "partners",
            "aanbod",
            "levensdomeinen",
            "zelfevaluatie",
            "bevraging",
            "loket",
        ),
        valideer=_valideer_gemeenteraad,
        titel=lambda parameters: _titel_gemeenteraad(_gemeente(parameters), _datum(parameters)),
        bestandsnaam=lambda parameters: _bestandsnaam_gemeenteraad(_gemeente(parameters), _datum(parameters)),
        bron=_bron_gemeenteraad,
        context=_context_gemeenteraad,
        voor_gemeente=_gemeenteraad_voor,
    ),
    Sectie(HUIS, "algemeen", sectie_algemeen),
    Sectie(HUIS, "werkingsgebied", sectie_werkingsgebied),
    Sectie(HUIS, "locaties", sectie_locaties),
    Sectie(HUIS, "partners", sectie_partners),
    Sectie(HUIS, "structuur", sectie_structuur),
    Sectie(GEMEENTERAAD, "gemeente", sectie_gemeente),
    Sectie(GEMEENTERAAD, "algemeen", over_het_huis(sectie_algemeen)),
    Sectie(GEMEENTERAAD, "werkingsgebied", over_het_huis(sectie_werkingsgebied)),
    Sectie(GEMEENTERAAD, "locaties", over_het_huis(sectie_locaties)),
    Sectie(GEMEENTERAAD, "partners", over_het_huis(sectie_partners)),
)
