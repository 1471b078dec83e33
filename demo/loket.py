"""Demo data of the Lokaal Loket Kinderopvang for a handful of demo Huizen.

For Gent and five other demo Huizen (three of them intermunicipal): childcare organisers and 6 to
15 locations in the gemeenten of the loket the Huis hosts (the Meetjesland loket also serves
Eeklo), of group care, family care and out-of-school care, income-related tariff or free price,
capacities, opening days and hours, some inclusive; free places, and about 300 requests in every
status with their history: registered, confirmed, re-confirmed every three months, offers made,
declined, expired, accepted and confirmed, withdrawn, expired requests; and a referral partner of
Gent with a demo login and the requests it registered (`demo.verwijzers`).

Everything a request goes through is written by `loket.services`, so statuses, events, offers and
the occupancy of places are consistent. The services stamp the current time; each step's rows
(events, offers, the request's dates and its e-mails) get the step's moment afterwards, spread over
the past ten months. Each step runs in the order of its moment, so the history reads as it happened.

Deterministic and idempotent: one `random.Random` per Huis, seeded with its slug; organisers and
locations are kept by their names; the requests and free places of a Huis are written once, the
first time (its requests carry fixed `indieningssleutel`s), so loading again changes nothing.
Their dates are relative to that first load.

E-mail: families have addresses in the reserved domain voorbeeld.test. The e-mails the services
write while loading are stored in the outbox as sent (`verzonden`, at the step's moment) without
going to a mail server: the sending task checks the status first and skips them, so loading never
mails anyone nor prints hundreds of messages to the console of `make run`.
"""

from __future__ import annotations

import bisect
import datetime
import logging
import random
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.text import slugify

from demo.gemeenschappelijk import ACHTERNAMEN, DEMO_DOMEIN, DEMO_HUIS_SLUG, STRATEN, VOORNAMEN, Demodatafout
from demo.huizen import geef_demo_tweede_factor
from demo.verwijzers import VERWIJZER_LID_EMAIL, VERWIJZER_LID_NAAM, VERWIJZER_NAAM, laad_verwijzer_demodata
from huizen.models import Gemeente, Huis, Lidmaatschap
from kern.models import UitgaandeMail, User
from kern.tenancy import Rol
from kern.versies import verhoog
from loket import selectors, services
from loket.models import (
    KWETSBAARHEIDSKENMERKEN,
    WERKDAGEN,
    Aanbiederslidmaatschap,
    Aanbod,
    Dagdeel,
    Flexibiliteit,
    Gebeurtenis,
    Leeftijdsgroep,
    Opvanglocatie,
    Opvangvraag,
    Organisator,
    SoortOpvang,
    Status,
    Tarief,
    VrijePlaats,
    markeer_maanden,
)
from loket.selectors import passen
from loket.selectors.elders import kiesbare_opvanglocaties
from loket.selectors.lokets import gemeenten_van_huis_loket

#: The demo Huizen of the loket: slug → (locations, requests). Meetjesland, Westhoek and
#: Lochristi en omstreken are intermunicipal.
DEMO_LOKET_HUIZEN: dict[str, tuple[int, int]] = {
    DEMO_HUIS_SLUG: (15, 110),
    "leuven": (10, 45),
    "brugge": (10, 45),
    "meetjesland": (8, 35),
    "westhoek": (8, 35),
    "lochristi-en-omstreken": (6, 30),
}
#: For other Huizen passed to `laad_loket_demodata`.
STANDAARD_OMVANG = (8, 35)

AANBIEDER_EMAIL = f"aanbieder@{DEMO_DOMEIN}"
AANBIEDER_NAAM = "Axel Aanbieder"
GEZIN_DOMEIN = "voorbeeld.test"
SLEUTELRUIMTE = uuid.UUID("5f0c2a4e-9d1b-4c55-8a53-6b1f4f0e2d71")
#: The requests' history reaches this far back.
DAGEN_GESCHIEDENIS = 300

KINDERNAMEN = (
    "Noor", "Lou", "Mila", "Finn", "Lucas", "Olivia", "Liam", "Nora", "Jules", "Vic", "Marie",
    "Arthur", "Louise", "Elena", "Adam", "Ella", "Lena", "Mats", "Juul", "Wout", "Fleur", "Rayan",
    "Amira", "Yusuf", "Zoë", "Stan", "Lotte", "Emiel", "Febe", "Nand", "Hanne", "Warre", "Ilyas",
    "Alice", "Seppe", "Lina", "Rune", "Maud", "Oscar", "Sara", "Bas", "Jana", "Cas", "Nina",
)  # fmt: skip
OPVANGNAMEN = (
    "'t Kabouterhuis", "De Speelvogel", "Het Zonnetje", "De Rupsjes", "Kadee", "De Klimboom",
    "De Toverfluit", "Ukkepuk", "Het Kinderbos", "De Notelaar", "Bengeltje", "De Vlindertuin",
    "De Regenboog", "Het Kasteeltje", "De Kleine Wereld", "Zonnestraal", "De Boterbloem",
    "Het Egeltje", "De Speelhoek", "Kindernest", "De Wolkjes", "Pimpernel", "Het Molentje",
    "De Knuffelbeer", "Pagadder", "De Ukkies",
)  # fmt: skip
IBO_NAMEN = (
    "De Speelbrug", "De Boomhut", "Het Speelpaleis", "De Vrijbuiter", "Kiekeboe", "De Knikker",
    "Het Avontuur", "De Zandbak", "Tureluur", "De Ravotter",
)  # fmt: skip
PRIVE_NAMEN = ("Kleine Stapjes", "Dikkie Dik", "Bambino", "Kinderland", "Krullebol", "Mini Mundo")
TOEGANKELIJKHEID = (
    "Gelijkvloers en rolstoeltoegankelijk, met een aangepast toilet.",
    "Parkeerplaats voor ouders vlak aan de ingang.",
    "Bushalte op 100 meter.",
    "Plaats voor kinderwagens en een fietsenstalling aan de ingang.",
    "Rustige ruimte om borstvoeding te geven.",
    "",
)
ZORGNODEN = (
    "Voedselallergie: geen noten of pinda's.",
    "Koemelkallergie.",
    "Epilepsie; medicatie bij koorts, afspraken volgen bij de start.",
    "Wordt opgevolgd door een revalidatiecentrum voor de motoriek.",
    "Slechthorend, draagt hoorapparaatjes.",
    "Astma; puffer bij inspanning.",
)
REDENEN_INTREKKEN_GEZIN = (
    "We vonden opvang bij familie.",
    "We verhuizen naar een andere gemeente.",
    "Een van ons neemt ouderschapsverlof.",
    "We kregen een plaats bij een opvang buiten het werkingsgebied.",
    "",
)
REDENEN_INTREKKEN_LOKET = (
    "Telefonisch gemeld door de moeder: opvang elders gevonden.",
    "Aan de balie gemeld: het gezin verhuist.",
    "De vader belde: geen opvang meer nodig.",
)
#: Why the loket offers a place that starts after the family's wished start period.
TOCH_AANGEBODEN = "Het gezin wacht nog en bevestigde telefonisch dat een latere start past."
NOTITIES = (
    "Mama belde: werkt in ploegen, vroege start is belangrijk.",
    "Gezin opgevolgd door het consultatiebureau; contact via de verpleegkundige.",
    "Vader spreekt Frans en Engels; liefst per e-mail contacteren.",
    "Vroeg naar de inkomensgerelateerde prijs; uitleg gegeven.",
)


@dataclass(frozen=True)
class Loketresultaat:
    """Figures over the loket's demo data in the database after loading."""

    huizen: tuple[str, ...]
    organisatoren: int
    locaties: int
    vrije_plaatsen: int
    aanvragen: int
    per_status: dict[str, int]
    nieuwe_aanvragen: int
    logins: tuple[tuple[str, str], ...]


def laad_loket_demodata(*, wachtwoord: str, huizen: Iterable[Huis] | None = None) -> Loketresultaat:
    """Create the loket's demo data for `huizen` (default: the demo Huizen of DEMO_LOKET_HUIZEN
    that exist) and the demo provider login. Running it again changes nothing."""
    if not wachtwoord:
        raise ValueError("Een wachtwoord voor de demologin van de aanbieder is verplicht.")
    # After the commit the outbox hands every e-mail to its send task, which finds it sent and
    # skips it. Where tasks run in this process (the tests) it logs a line per e-mail: not here.
    with _stil("celery.app.trace"):
        return _laad(wachtwoord=wachtwoord, huizen=huizen)


@contextmanager
def _stil(logger: str):
    log = logging.getLogger(logger)
    niveau = log.level
    log.setLevel(logging.WARNING)
    try:
        yield
    finally:
        log.setLevel(niveau)


@transaction.atomic
def _laad(*, wachtwoord: str, huizen: Iterable[Huis] | None) -> Loketresultaat:
    if huizen is None:
        per_slug = {h.slug: h for h in Huis.objects.filter(slug__in=DEMO_LOKET_HUIZEN)}
        huizen = [per_slug[slug] for slug in DEMO_LOKET_HUIZEN if slug in per_slug]
        if not huizen:
            raise Demodatafout("Geen demo-Huizen gevonden; laad eerst de demogegevens van de Huizen.")
    huizen = list(huizen)
    eerste_mail = UitgaandeMail.objects.aggregate(m=Max("pk"))["m"] or 0

    aanbieder = _demogebruiker(AANBIEDER_EMAIL, AANBIEDER_NAAM, wachtwoord)
    geef_demo_tweede_factor(aanbieder)
    aanbiederhuis = next((h for h in huizen if h.slug == DEMO_HUIS_SLUG), huizen[0])
    nieuw = 0
    for huis in huizen:
        rng = random.Random(f"loket-{huis.slug}")  # noqa: S311  (demo data, not security)
        aantal_locaties, aantal_vragen = DEMO_LOKET_HUIZEN.get(huis.slug, STANDAARD_OMVANG)
        gemeenten = list(gemeenten_van_huis_loket(huis))
        if not gemeenten:
            continue
        organisatoren, locaties = _schrijf_locaties(huis, gemeenten, aantal_locaties, rng)
        eigen = organisatoren[0]
        if huis == aanbiederhuis:
            Aanbiederslidmaatschap.objects.get_or_create(gebruiker=aanbieder, organisator=eigen, locatie=None)
        sleutels = [uuid.uuid5(SLEUTELRUIMTE, f"{huis.slug}/{i}") for i in range(aantal_vragen)]
        if Opvangvraag.objects.filter(indieningssleutel__in=sleutels).exists():
            continue  # this Huis's requests and places were written before
        laden = _Lader(
            huis=huis,
            gemeenten=gemeenten,
            locaties=locaties,
            naburig=[loc for loc in kiesbare_opvanglocaties(huis) if loc.huis_id != huis.pk],
            eigen_organisator=eigen,
            medewerker=_loketmedewerker(huis, rng),
            aanbieder=aanbieder if huis == aanbiederhuis else None,
            rng=rng,
        )
        laden.schrijf_aanvragen(sleutels)
        laden.schrijf_vrije_plaatsen()
        nieuw += len(sleutels)
    # The referral partner of the demo Huis, with its demo login and the requests it registered.
    verwijzerslid = _demogebruiker(VERWIJZER_LID_EMAIL, VERWIJZER_LID_NAAM, wachtwoord)
    geef_demo_tweede_factor(verwijzerslid)
    if Opvanglocatie.objects.filter(huis=aanbiederhuis).exists():
        laad_verwijzer_demodata(huis=aanbiederhuis, gebruiker=verwijzerslid)
    # Whatever the services wrote and the steps did not date (none expected): sent, never mailed.
    UitgaandeMail.objects.filter(
        _demo_adressen(), pk__gt=eerste_mail, status=UitgaandeMail.Status.WACHTEND
    ).update(status=UitgaandeMail.Status.VERZONDEN, verzonden=F("aangemaakt"), tekst="", html="")
    # The steps re-date and write rows directly: the loket's cached figures are computed again.
    verhoog("loket", *(f"loket:{huis.pk}" for huis in huizen))
    return _resultaat(huizen, nieuw, aanbieder)


def _demo_adressen() -> Q:
    """E-mails to the demo families, locations and logins (reserved domains)."""
    return Q(aan__iendswith=f"@{GEZIN_DOMEIN}") | Q(aan__iendswith=f"@{DEMO_DOMEIN}")


def _resultaat(huizen: list[Huis], nieuw: int, aanbieder: User) -> Loketresultaat:
    vragen = Opvangvraag.objects.filter(huis__in=huizen)
    per_status = {status.value: 0 for status in Status}
    per_status.update(Counter(vragen.values_list("status", flat=True)))
    locaties = Opvanglocatie.objects.filter(huis__in=huizen)
    organisatie = aanbieder.aanbiederslidmaatschappen.select_related("organisator").first()
    label = f"aanbieder (kinderopvang) van {organisatie.organisator}" if organisatie else "aanbieder"
    return Loketresultaat(
        huizen=tuple(h.naam for h in huizen),
        organisatoren=Organisator.objects.filter(locaties__in=locaties).distinct().count(),
        locaties=locaties.count(),
        vrije_plaatsen=VrijePlaats.objects.filter(locatie__in=locaties).count(),
        aanvragen=vragen.count(),
        per_status=per_status,
        nieuwe_aanvragen=nieuw,
        logins=((label, AANBIEDER_EMAIL), (f"verwijzer ({VERWIJZER_NAAM})", VERWIJZER_LID_EMAIL)),
    )


# --- users ------------------------------------------------------------------------------------------


def _demogebruiker(email: str, naam: str, wachtwoord: str | None) -> User:
    """A demo user; without `wachtwoord` one that cannot log in (a name in the history)."""
    gebruiker = User.objects.filter(email__iexact=email).first()
    if gebruiker is None:
        gebruiker = User(email=email, naam=naam, is_active=True)
        if wachtwoord:
            gebruiker.set_password(wachtwoord)
        else:
            gebruiker.set_unusable_password()
        gebruiker.save()
        return gebruiker
    gewijzigd = gebruiker.naam != naam or not gebruiker.is_active
    gebruiker.naam, gebruiker.is_active = naam, True
    # Only a new hash when the password differs, so a second run changes nothing.
    if wachtwoord and not gebruiker.check_password(wachtwoord):
        gebruiker.set_password(wachtwoord)
        gewijzigd = True
    if gewijzigd:
        gebruiker.save()
    return gebruiker


def _loketmedewerker(huis: Huis, rng: random.Random) -> User:
    """The loket staff member who works the demo requests: the demo login of the Huis's loket if
    there is one (Gent), otherwise a demo colleague who cannot log in."""
    leden = Lidmaatschap.objects.filter(
        huis=huis, rol=Rol.LOKET, gebruiker__email__iendswith=f"@{DEMO_DOMEIN}"
    )
    lid = leden.select_related("gebruiker").order_by("gebruiker__email").first()
    if lid is not None:
        return lid.gebruiker
    naam = f"{rng.choice(VOORNAMEN)} {rng.choice(ACHTERNAMEN)}"
    gebruiker = _demogebruiker(f"loket.{huis.slug}@{DEMO_DOMEIN}", naam, None)
    Lidmaatschap.objects.get_or_create(gebruiker=gebruiker, huis=huis, rol=Rol.LOKET)
    return gebruiker


# --- organisers and locations (kept by name, updated when the plan changes) -----------------------


def _regio(huis: Huis) -> str:
    return huis.naam.removeprefix("Huis van het Kind ").strip()


def _telefoon(rng: random.Random) -> str:
    return f"0{rng.randint(50, 93)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"


def _schrijf_locaties(
    huis: Huis, gemeenten: list[Gemeente], aantal: int, rng: random.Random
) -> tuple[list[Organisator], list[Opvanglocatie]]:
    regio = _regio(huis)
    hoofd = gemeenten[0] if len(gemeenten) == 1 else max(gemeenten, key=lambda g: g.postcodes.count())
    organisatorplan = [
        (f"vzw Kinderopvang {regio}", "0" + str(rng.randint(400_000_000, 899_999_999))),
        (f"Lokaal bestuur {hoofd.naam} – kinderopvang", "0" + str(rng.randint(200_000_000, 299_999_999))),
        (f"Dienst voor Gezinsopvang {regio}", "0" + str(rng.randint(400_000_000, 899_999_999))),
        (
            f"Kinderopvang {rng.choice(PRIVE_NAMEN)} {regio} bv",
            "0" + str(rng.randint(700_000_000, 799_999_999)),
        ),
    ]
    organisatoren = []
    for naam, nummer in organisatorplan:
        velden = {
            "ondernemingsnummer": nummer,
            "email": f"info@{slugify(naam)[:40]}.{GEZIN_DOMEIN}",
            "telefoon": _telefoon(rng),
        }
        organisator, _ = Organisator.objects.get_or_create(naam=naam, defaults=velden)
        if any(getattr(organisator, k) != v for k, v in velden.items()):
            Organisator.objects.filter(pk=organisator.pk).update(**velden)
        organisatoren.append(organisator)
    vzw, bestuur, gezinsopvang, prive = organisatoren

    postcodes = {
        g.pk: list(g.postcodes.order_by("postcode", "plaats").values_list("postcode", flat=True))
        for g in gemeenten
    }
    opvangnamen = rng.sample(OPVANGNAMEN, len(OPVANGNAMEN))
    ibonamen = rng.sample(IBO_NAMEN, len(IBO_NAMEN))
    soorten = _soorten(aantal)
    bestaand = {loc.naam: loc for loc in Opvanglocatie.objects.filter(huis=huis)}
    locaties = []
    for index, soort in enumerate(soorten):
        # The main gemeente gets more; every gemeente of an intermunicipal Huis gets some.
        gemeente = gemeenten[index % len(gemeenten)] if index < 2 * len(gemeenten) else hoofd
        if soort == SoortOpvang.GROEPSOPVANG:
            organisator = vzw if index % 3 != 2 else (prive if index % 2 else bestuur)
            naam = f"Kinderdagverblijf {opvangnamen.pop()}"
            tarief = Tarief.VRIJE_PRIJS if organisator == prive else Tarief.INKOMENSTARIEF
            capaciteit = (rng.randint(5, 14), rng.randint(6, 18), 0)
            opendagen = list(WERKDAGEN)
            open_van, open_tot = rng.choice([(6, 30), (7, 0), (7, 30)]), rng.choice([(18, 0), (18, 30)])
        elif soort == SoortOpvang.GEZINSOPVANG:
            organisator = gezinsopvang
            naam = f"Onthaalouder {rng.choice(VOORNAMEN)} {rng.choice(ACHTERNAMEN)}"
            eerste = not any(loc.soort == soort for loc in locaties)
            tarief = Tarief.VRIJE_PRIJS if eerste else rng.choice([Tarief.INKOMENSTARIEF, Tarief.VRIJE_PRIJS])
            capaciteit = (rng.randint(2, 4), rng.randint(1, 4), 0)
            opendagen = list(WERKDAGEN) if rng.random() < 0.6 else [0, 1, 3, 4]
            open_van, open_tot = (7, 0), rng.choice([(17, 30), (18, 0)])
        else:
            organisator = bestuur
            naam = f"Buitenschoolse opvang {ibonamen.pop()}"
            tarief = Tarief.INKOMENSTARIEF
            capaciteit = (0, 0, rng.choice([28, 42, 56, 70]))
            opendagen = list(WERKDAGEN)
            open_van, open_tot = (7, 0), (18, 30)
        if naam in {loc.naam for loc in locaties}:
            naam = f"{naam} {gemeente.naam}"
        velden = {
            "organisator": organisator,
            "straat": f"{rng.choice(STRATEN)} {rng.randint(1, 180)}",
            "postcode": rng.choice(postcodes[gemeente.pk] or ["9999"]),
            "gemeente": gemeente,
            "soort": soort,
            "tarief": tarief,
            "capaciteit_baby": capaciteit[0],
            "capaciteit_peuter": capaciteit[1],
            "capaciteit_schoolkind": capaciteit[2],
            "opendagen": opendagen,
            "open_van": datetime.time(*open_van),
            "open_tot": datetime.time(*open_tot),
            "inclusieve_opvang": rng.random() < 0.25,
            "toegankelijkheid": rng.choice(TOEGANKELIJKHEID),
            "email": f"{slugify(naam)[:40]}@{GEZIN_DOMEIN}",
            "telefoon": _telefoon(rng),
            "actief": True,
        }
        locatie = bestaand.get(naam)
        if locatie is None:
            locatie = Opvanglocatie.objects.create(huis=huis, naam=naam, **velden)
        elif any(getattr(locatie, k) != v for k, v in velden.items()):
            Opvanglocatie.objects.filter(pk=locatie.pk).update(**velden)
            locatie.refresh_from_db()
        locaties.append(locatie)
    return organisatoren, locaties


def _soorten(aantal: int) -> list[str]:
    """About half group care, a quarter family care, a quarter out-of-school care, mixed; the
    first two are group care, so the first organiser (the demo provider's in Gent) runs both."""
    bko = gezin = max(1, aantal // 4)
    resterend = {
        SoortOpvang.GROEPSOPVANG: aantal - bko - gezin,
        SoortOpvang.GEZINSOPVANG: gezin,
        SoortOpvang.BUITENSCHOOLS: bko,
    }
    soorten = []
    while len(soorten) < aantal:
        for soort in (
            SoortOpvang.GROEPSOPVANG,
            SoortOpvang.GROEPSOPVANG,
            SoortOpvang.GEZINSOPVANG,
            SoortOpvang.BUITENSCHOOLS,
        ):
            if resterend[soort] > 0:
                soorten.append(soort)
                resterend[soort] -= 1
    return soorten


# --- requests --------------------------------------------------------------------------------------

SCENARIO_AANDEEL = {
    "ingediend": 0.06,
    "aanbod": 0.08,
    "aanvaard": 0.04,
    "geplaatst": 0.20,
    "ingetrokken": 0.09,
    "niet_bevestigd": 0.04,
    "verlopen": 0.04,
}
#: How long ago (in days) each kind of request was submitted.
INGEDIEND_DAGEN_GELEDEN = {
    "ingediend": (0.05, 12),
    "actief": (3, DAGEN_GESCHIEDENIS),
    "aanbod": (20, DAGEN_GESCHIEDENIS),
    "aanvaard": (25, DAGEN_GESCHIEDENIS),
    "geplaatst": (60, DAGEN_GESCHIEDENIS),
    "ingetrokken": (25, DAGEN_GESCHIEDENIS),
    "niet_bevestigd": (16, DAGEN_GESCHIEDENIS),
    "verlopen": (130, DAGEN_GESCHIEDENIS),
}


@dataclass
class _Vraagplan:
    sleutel: uuid.UUID
    scenario: str
    ingediend: datetime.datetime
    velden: dict
    kinderen: list[dict]
    ouders: list[dict]
    voorkeuren: list[Opvanglocatie]
    via_loket: bool
    aan_eigen_organisator: bool = False

    @property
    def gewenste_start(self) -> datetime.date:
        return self.velden["gewenste_start"]

    def groep_vanaf(self, vanaf: datetime.date) -> str:
        groepen = {
            Leeftijdsgroep.bij_start(kind["geboortedatum"], max(self.gewenste_start, vanaf))
            for kind in self.kinderen
        }
        return groepen.pop() if len(groepen) == 1 else ""


@dataclass
class _Stap:
    moment: datetime.datetime
    begin: datetime.datetime = field(default_factory=timezone.now)


TIJDVELDEN_VRAAG = (
    "ingediend",
    "bevestigd",
    "herbevestigd",
    "herbevestiging_gevraagd",
    "vervalwaarschuwing",
    "eerste_antwoord",
    "afgesloten",
    "geplaatst_op",  # as the confirmed offer's `bevestigd`: the same step
)


class _Datering:
    """The new dates of rows, written at once per Huis: one UPDATE statement per table, executed
    for all rows (thousands of ORM updates would make loading several times slower)."""

    def __init__(self):
        self.rijen: dict[tuple[type, tuple[str, ...]], list[tuple]] = defaultdict(list)

    def zet(self, model, pk: int, **velden) -> None:
        waarden = tuple(
            model._meta.get_field(veld).get_db_prep_value(waarde, connection)
            for veld, waarde in velden.items()
        )
        self.rijen[(model, tuple(velden))].append((*waarden, pk))

    def schrijf(self) -> None:
        """Write the dates; the months of the requests' figures they move from and to are marked
        (`markeer_maanden`: these UPDATEs bypass the models)."""
        qn = connection.ops.quote_name
        gedateerd = [rijen for (model, _velden), rijen in self.rijen.items() if model is Opvangvraag]
        vragen = Opvangvraag.objects.filter(pk__in=[rij[-1] for rijen in gedateerd for rij in rijen])
        maanden = vragen.maanden()
        with connection.cursor() as cursor:
            for (model, velden), rijen in self.rijen.items():
                kolommen = ", ".join(f"{qn(model._meta.get_field(veld).column)} = %s" for veld in velden)
                tabel, sleutel = qn(model._meta.db_table), qn(model._meta.pk.column)
                # Names come from the models' _meta, quoted; every value is a parameter.
                cursor.executemany(f"UPDATE {tabel} SET {kolommen} WHERE {sleutel} = %s", rijen)  # noqa: S608  # nosec B608
        markeer_maanden(maanden | vragen.maanden())
        self.rijen.clear()


class _Tijdlijn:
    """Runs one request's steps in order and dates what each step wrote with the step's moment."""

    def __init__(self, lader: _Lader):
        self.lader = lader
        self.stappen: list[_Stap] = []
        self.deadlines: dict[int, datetime.date] = {}
        self.vraag: Opvangvraag | None = None

    def stap(self, moment: datetime.datetime, functie: Callable, **kwargs):
        moment = min(moment, self.lader.grens)
        if self.stappen and moment <= self.stappen[-1].moment:
            moment = self.stappen[-1].moment + datetime.timedelta(minutes=1)
        self.stappen.append(_Stap(moment))
        return functie(**kwargs)

    def _moment(self, waarde: datetime.datetime | None) -> datetime.datetime | None:
        """The moment of the step that wrote `waarde` (a time the services stamped)."""
        if waarde is None:
            return None
        index = bisect.bisect_right([stap.begin for stap in self.stappen], waarde) - 1
        return self.stappen[index].moment if index >= 0 else waarde

    def dateer(self, datering: _Datering) -> None:
        if self.vraag is None or not self.stappen:
            return
        pk = self.vraag.pk
        for gebeurtenis_id, tijd in Gebeurtenis.objects.filter(opvangvraag_id=pk).values_list("pk", "tijd"):
            datering.zet(Gebeurtenis, gebeurtenis_id, tijd=self._moment(tijd))
        waarden = Opvangvraag.objects.filter(pk=pk).values(*TIJDVELDEN_VRAAG).get()
        datering.zet(Opvangvraag, pk, **{veld: self._moment(w) for veld, w in waarden.items()})
        if self.deadlines:
            for rij in Aanbod.objects.filter(opvangvraag_id=pk).values(
                "pk", "gemaakt", "beantwoord", "bevestigd"
            ):
                datering.zet(
                    Aanbod,
                    rij["pk"],
                    gemaakt=self._moment(rij["gemaakt"]),
                    beantwoord=self._moment(rij["beantwoord"]),
                    bevestigd=self._moment(rij["bevestigd"]),
                    deadline=self.deadlines[rij["pk"]],
                )
        mails = UitgaandeMail.objects.filter(_demo_adressen(), aangemaakt__gte=self.stappen[0].begin)
        for mail_id, aangemaakt in mails.values_list("pk", "aangemaakt"):
            moment = self._moment(aangemaakt)
            datering.zet(
                UitgaandeMail,
                mail_id,
                aangemaakt=moment,
                verzonden=moment,
                status=UitgaandeMail.Status.VERZONDEN,
                tekst="",
                html="",
            )


@dataclass
class _Plaats:
    plaats: VrijePlaats
    vrij: int
    bijgewerkt: datetime.datetime


class _Lader:
    """Writes the requests and free places of one Huis."""

    def __init__(self, *, huis, gemeenten, locaties, naburig, eigen_organisator, medewerker, aanbieder, rng):
        self.huis = huis
        self.gemeenten = gemeenten
        self.locaties = locaties
        # Open locations of neighbouring lokets written before, which some families choose too
        # (work nearby), drawn with a random generator of their own so the rest stays the same.
        self.naburig = naburig
        self.rng_naburig = random.Random(f"loket-naburig-{huis.slug}")  # noqa: S311  (demo data)
        self.eigen = eigen_organisator
        self.medewerker = medewerker
        self.aanbieder = aanbieder
        self.rng = rng
        self.nu = timezone.now()
        self.grens = self.nu - datetime.timedelta(minutes=30)
        self.vandaag = timezone.localdate(self.nu)
        self.plaatsen: dict[int, list[_Plaats]] = {loc.pk: [] for loc in locaties}
        self.postcodes = {
            g.pk: list(g.postcodes.order_by("postcode", "plaats").values_list("postcode", flat=True))
            or ["9999"]
            for g in gemeenten
        }
        self.heeft_bko = any(loc.capaciteit_schoolkind for loc in locaties)
        self.datering = _Datering()

    # -- moments

    def _dag(self, moment: datetime.datetime, *, kantoor: bool) -> datetime.datetime:
        """The same day at a plausible hour: office hours on a weekday for staff, else daytime."""
        lokaal = timezone.localtime(moment)
        dag = lokaal.date()
        if kantoor:
            while dag.weekday() >= 5:
                dag += datetime.timedelta(days=1)
            uur, minuut = self.rng.randint(8, 16), self.rng.randint(0, 59)
        else:
            uur, minuut = self.rng.randint(7, 22), self.rng.randint(0, 59)
        return timezone.make_aware(datetime.datetime.combine(dag, datetime.time(uur, minuut)))

    def _na(self, moment, minimum_uren: float, maximum_uren: float) -> datetime.datetime:
        return moment + datetime.timedelta(hours=self.rng.uniform(minimum_uren, maximum_uren))

    def _geleden(self, minimum_dagen: float, maximum_dagen: float) -> datetime.datetime:
        return self.nu - datetime.timedelta(days=self.rng.uniform(minimum_dagen, maximum_dagen))

    @staticmethod
    def _beat(moment: datetime.datetime) -> datetime.datetime:
        """The next hourly run of the loket's beat task (at 7 past)."""
        volgende = moment.replace(minute=7, second=0, microsecond=0)
        return volgende if volgende > moment else volgende + datetime.timedelta(hours=1)

    # -- plans

    def _scenarios(self, aantal: int) -> list[str]:
        scenarios = []
        for scenario, aandeel in SCENARIO_AANDEEL.items():
            minimum = 2 if scenario == "aanvaard" and self.aanbieder else 1
            scenarios += [scenario] * max(minimum, round(aantal * aandeel))
        scenarios += ["actief"] * max(aantal - len(scenarios), 0)
        self.rng.shuffle(scenarios)
        return scenarios[:aantal]

    def _plan(self, sleutel: uuid.UUID, scenario: str, volgnummer: int, eigen_nodig: bool) -> _Vraagplan:
        rng = self.rng
        ingediend = self._dag(self._geleden(*INGEDIEND_DAGEN_GELEDEN[scenario]), kantoor=False)
        if ingediend > self.grens:
            ingediend = self.grens - datetime.timedelta(hours=rng.uniform(1, 20))
        dag = timezone.localdate(ingediend)
        met_aanbod = scenario in ("aanbod", "aanvaard", "geplaatst")
        geboren, start, soort = self._kind_en_start(scenario, dag, eigen_nodig)
        achternaam = rng.choice(ACHTERNAMEN)
        kinderen = [self._kind(rng.choice(KINDERNAMEN), geboren)]
        if rng.random() < 0.05 and soort != SoortOpvang.BUITENSCHOOLS:
            kinderen.append(
                self._kind(rng.choice([n for n in KINDERNAMEN if n != kinderen[0]["voornaam"]]), geboren)
            )
        elif rng.random() < 0.02 and not met_aanbod and soort != SoortOpvang.BUITENSCHOOLS:
            ouder_kind = geboren - datetime.timedelta(days=rng.randint(400, 700))
            kinderen.append(self._kind(rng.choice(KINDERNAMEN), ouder_kind))

        # The family.
        gemeente = rng.choice(self.gemeenten)
        alleenstaand = rng.random() < 0.15
        voornaam = rng.choice(VOORNAMEN)
        naam = f"{slugify(voornaam)}.{slugify(achternaam).replace('-', '')}"
        adres = f"{naam}.{self.huis.slug}{volgnummer}@{GEZIN_DOMEIN}"
        via_loket = scenario not in ("ingediend", "niet_bevestigd") and rng.random() < 0.08
        zonder_email = via_loket and scenario in ("actief", "ingetrokken") and rng.random() < 0.4
        ouders = [
            {
                "naam": f"{voornaam} {achternaam}",
                "email": "" if zonder_email else adres,
                "telefoon": self._gsm(),
            }
        ]
        if not alleenstaand and rng.random() < 0.65:
            tweede = rng.choice(VOORNAMEN)
            naam = f"{tweede} {achternaam if rng.random() < 0.5 else rng.choice(ACHTERNAMEN)}"
            ouders.append({"naam": naam, "email": "", "telefoon": self._gsm() if rng.random() < 0.7 else ""})
        voorkeuren = self._voorkeuren(geboren, start, soort, gemeente, eigen_nodig)
        if scenario == "actief":
            voorkeuren = self._met_naburige_keuze(voorkeuren, geboren, start)

        dagen = list(WERKDAGEN)
        if rng.random() < 0.35:
            dagen.remove(rng.choice([0, 2, 4]))
        if rng.random() < 0.1:
            dagen.remove(rng.choice([d for d in dagen if d != 1]))
        dagdeel = Dagdeel.HALVE_DAG if rng.random() < 0.15 else Dagdeel.VOLLE_DAG
        uren = len(dagen) * (rng.choice([8, 9, 9, 10]) if dagdeel == Dagdeel.VOLLE_DAG else 5)
        if soort == SoortOpvang.BUITENSCHOOLS:
            uren = len(dagen) * rng.choice([2, 3, 3, 4])

        kwetsbaar = rng.random()
        kenmerken: set[str] = set()
        if kwetsbaar < 0.12:
            kenmerken = {
                rng.choice(KWETSBAARHEIDSKENMERKEN[:3])[0],
                rng.choice(KWETSBAARHEIDSKENMERKEN[3:])[0],
            }
        elif kwetsbaar < 0.2:
            kenmerken = {rng.choice(KWETSBAARHEIDSKENMERKEN)[0]}
        velden = {
            "email": "" if zonder_email else adres,
            "postcode": rng.choice(self.postcodes[gemeente.pk]),
            "gemeente": gemeente,
            "gewenste_start": start,
            "flexibiliteit": rng.choice(Flexibiliteit.values),
            "dagen": dagen,
            "dagdeel": dagdeel,
            "uren_per_week": min(max(uren, 1), 60),
            "soort_opvang": soort,
            "opvang_voor_werk": rng.random() < (0.5 if "kw_inkomen_uit_werk" in kenmerken else 0.9),
            "alleenstaande_ouder": alleenstaand,
            "laag_inkomen": rng.random() < (0.6 if kenmerken else 0.12),
            "pleegkind": rng.random() < 0.02,
            "broer_zus_locatie": voorkeuren[0] if rng.random() < 0.1 else None,
            **{veld: veld in kenmerken for veld, _label in KWETSBAARHEIDSKENMERKEN},
        }
        return _Vraagplan(
            sleutel=sleutel,
            scenario=scenario,
            ingediend=ingediend,
            velden=velden,
            kinderen=kinderen,
            ouders=ouders,
            voorkeuren=voorkeuren,
            via_loket=via_loket,
            aan_eigen_organisator=eigen_nodig,
        )

    def _kind_en_start(self, scenario: str, dag: datetime.date, eigen_nodig: bool):
        """A baby (often not born yet), a toddler or a school child: its birth date, the wished
        start and the kind of childcare."""
        rng = self.rng
        keuze = rng.random()
        if keuze < 0.15 and self.heeft_bko and not eigen_nodig:
            geboren = dag - datetime.timedelta(days=rng.randint(3 * 365 + 40, 10 * 365))
            start = dag + datetime.timedelta(days=rng.randint(14, 90))
            soort = SoortOpvang.BUITENSCHOOLS
        elif keuze < 0.35:
            start = dag + datetime.timedelta(days=rng.randint(14, 100))
            if scenario in ("aanbod", "aanvaard"):
                start = max(start, self.vandaag + datetime.timedelta(days=rng.randint(14, 60)))
            geboren = start - datetime.timedelta(days=rng.randint(560, 1000))
            soort = (
                SoortOpvang.GEZINSOPVANG
                if rng.random() < 0.3 and not eigen_nodig
                else SoortOpvang.GROEPSOPVANG
            )
        else:
            geboren = dag + datetime.timedelta(days=rng.randint(-120, 150))
            start = max(
                geboren + datetime.timedelta(days=rng.randint(90, 200)),
                dag + datetime.timedelta(days=rng.randint(30, 120)),
            )
            soort = (
                SoortOpvang.GEZINSOPVANG
                if rng.random() < 0.3 and not eigen_nodig
                else SoortOpvang.GROEPSOPVANG
            )
        if scenario in ("aanbod", "aanvaard") and start < self.vandaag + datetime.timedelta(days=14):
            start = self.vandaag + datetime.timedelta(days=rng.randint(14, 90))
        return geboren, start, soort

    def _voorkeuren(self, geboren, start, soort, gemeente, eigen_nodig: bool) -> list[Opvanglocatie]:
        """Ranked preferences among locations with room for the child's age group."""
        rng = self.rng
        groep = Leeftijdsgroep.bij_start(geboren, start)
        geschikt = [loc for loc in self.locaties if loc.capaciteit(groep) > 0]
        dezelfde_soort = [loc for loc in geschikt if loc.soort == soort] or geschikt or list(self.locaties)
        if eigen_nodig:
            dezelfde_soort = [loc for loc in dezelfde_soort if loc.organisator_id == self.eigen.pk] + [
                loc for loc in dezelfde_soort if loc.organisator_id != self.eigen.pk
            ]
            voorkeuren = [dezelfde_soort[0]] + sorted(dezelfde_soort[1:], key=lambda loc: rng.random())
        else:
            voorkeuren = sorted(
                dezelfde_soort, key=lambda loc: (loc.gemeente_id != gemeente.pk, rng.random())
            )
        andere = [loc for loc in geschikt if loc not in voorkeuren]
        if andere and rng.random() < 0.3:
            voorkeuren.append(rng.choice(andere))
        return voorkeuren[: rng.choice([1, 2, 2, 3, 3, 3, 4, 5, 6])]

    def _met_naburige_keuze(self, voorkeuren, geboren, start) -> list[Opvanglocatie]:
        """About one waiting family in six also chooses a location of a neighbouring loket with
        room for its child, ranked last (the loket of that location sees the request too)."""
        groep = Leeftijdsgroep.bij_start(geboren, start)
        geschikt = [loc for loc in self.naburig if loc.capaciteit(groep) > 0]
        if not geschikt or self.rng_naburig.random() >= 1 / 6:
            return voorkeuren
        return [*voorkeuren, self.rng_naburig.choice(geschikt)]

    def _kind(self, voornaam: str, geboren: datetime.date) -> dict:
        return {
            "voornaam": voornaam,
            "geboortedatum": geboren,
            "verwacht": geboren > self.vandaag,
            "zorgnoden": self.rng.choice(ZORGNODEN) if self.rng.random() < 0.06 else "",
        }

    def _gsm(self) -> str:
        r = self.rng
        return f"04{r.randint(70, 99)} {r.randint(10, 99)} {r.randint(10, 99)} {r.randint(10, 99)}"

    # -- free places

    def _plaats(
        self, plan: _Vraagplan, vraag: Opvangvraag, *, vanaf_min: datetime.date, bijgewerkt: datetime.datetime
    ):
        """A free place for the plan's children at one of its preferred locations (an existing one
        that fits the request, `passen`, with room; or a new one on the family's days), or None
        when none of them has room for their age group. Only the loket's own locations: a
        neighbouring loket's choice waits for that loket."""
        nodig = len(plan.kinderen)
        voorkeuren = plan.voorkeuren[:1] if plan.aan_eigen_organisator else plan.voorkeuren[:3]
        voorkeuren = [locatie for locatie in voorkeuren if locatie.pk in self.plaatsen]
        for locatie in voorkeuren:
            for kandidaat in self.plaatsen[locatie.pk]:
                plaats = kandidaat.plaats
                if (
                    kandidaat.vrij >= nodig
                    and plaats.vanaf >= vanaf_min
                    and plan.groep_vanaf(plaats.vanaf) == plaats.leeftijdsgroep
                    and passen.past(vraag, plaats)
                ):
                    return kandidaat
        for locatie in voorkeuren:
            vanaf = max(plan.gewenste_start, vanaf_min)
            vanaf += datetime.timedelta(days=-vanaf.weekday() % 7)  # a Monday
            groep = plan.groep_vanaf(vanaf)
            if groep and locatie.capaciteit(groep) > 0:
                extra = self.rng.choice([0, 0, 1, 2]) if vanaf >= self.vandaag else 0
                return self._nieuwe_plaats(
                    locatie,
                    vanaf,
                    groep,
                    nodig + extra,
                    plan.velden["dagdeel"],
                    bijgewerkt,
                    plan.velden["dagen"],
                )
        return None

    def _nieuwe_plaats(self, locatie, vanaf, groep, aantal, dagdeel, bijgewerkt, nodig=()) -> _Plaats:
        """New free places at the location, on all its opening days or one fewer, always on the
        days `nodig` of the family they are made for."""
        dagen = list(locatie.opendagen)
        if len(dagen) > 3 and self.rng.random() < 0.25:
            weg = self.rng.choice(dagen)
            if weg not in nodig:
                dagen.remove(weg)
        plaats = VrijePlaats.objects.create(
            locatie=locatie,
            vanaf=vanaf,
            dagen=sorted(dagen),
            dagdeel=dagdeel,
            leeftijdsgroep=groep,
            aantal=min(aantal, 200),
            bijgewerkt_door=self.aanbieder if locatie.organisator_id == self.eigen.pk else None,
        )
        nieuw = _Plaats(plaats, plaats.aantal, bijgewerkt)
        self.plaatsen[locatie.pk].append(nieuw)
        return nieuw

    def schrijf_vrije_plaatsen(self) -> None:
        """Places nobody was offered yet, from the coming weeks on, and the dates of all places."""
        for locatie in self.locaties:
            groepen = [g for g in Leeftijdsgroep.values if locatie.capaciteit(g) > 0]
            for _ in range(self.rng.choice([0, 1, 1, 2])):
                vanaf = self.vandaag + datetime.timedelta(days=self.rng.randint(10, 180))
                vanaf += datetime.timedelta(days=-vanaf.weekday() % 7)
                self._nieuwe_plaats(
                    locatie,
                    vanaf,
                    self.rng.choice(groepen),
                    self.rng.randint(1, 3),
                    Dagdeel.VOLLE_DAG if self.rng.random() < 0.85 else Dagdeel.HALVE_DAG,
                    self._dag(self._geleden(1, 40), kantoor=True),
                )
        for plaatsen in self.plaatsen.values():
            for p in plaatsen:
                self.datering.zet(VrijePlaats, p.plaats.pk, bijgewerkt=min(p.bijgewerkt, self.grens))
        self.datering.schrijf()

    # -- the histories

    def schrijf_aanvragen(self, sleutels: list[uuid.UUID]) -> None:
        eigen_nog = 2 if self.aanbieder else 0
        for volgnummer, (sleutel, scenario) in enumerate(
            zip(sleutels, self._scenarios(len(sleutels)), strict=True)
        ):
            eigen = scenario == "aanvaard" and eigen_nog > 0
            eigen_nog -= eigen
            plan = self._plan(sleutel, scenario, volgnummer + 1, eigen)
            tijdlijn = _Tijdlijn(self)
            self._geschiedenis(plan, tijdlijn)
            tijdlijn.dateer(self.datering)

    def _geschiedenis(self, plan: _Vraagplan, tl: _Tijdlijn) -> None:
        """The request's history through the loket's services, step by step: what comes next
        depends on what the services wrote, so the history is drawn while it is written."""
        rng = self.rng
        door = self.medewerker if plan.via_loket else None
        moment = self._dag(plan.ingediend, kantoor=True) if plan.via_loket else plan.ingediend
        vraag, _ = tl.stap(
            moment,
            services.registreer_opvangvraag,
            huis=self.huis,
            velden=plan.velden,
            kinderen=plan.kinderen,
            ouders=plan.ouders,
            voorkeuren=plan.voorkeuren,
            sleutel=plan.sleutel,
            door=door,
        )
        tl.vraag = vraag
        scenario = plan.scenario
        if scenario == "ingediend":
            return
        if scenario == "niet_bevestigd":
            termijn = self._beat(moment + datetime.timedelta(days=14))
            tl.stap(termijn, services.laat_verlopen_zonder_bevestiging, vraag_id=vraag.pk)
            return
        bevestigd = moment if plan.via_loket else self._na(moment, 0.05, 40)
        if not plan.via_loket:
            tl.stap(bevestigd, services.bevestig_adres, vraag=vraag)
        if rng.random() < 0.08 and plan.velden["email"]:
            tl.stap(self._dag(self._na(bevestigd, 24, 24 * 20), kantoor=True), services.voeg_notitie_toe,
                    vraag=vraag, tekst=rng.choice(NOTITIES), door=self.medewerker)  # fmt: skip

        if scenario == "verlopen":
            self._verloopt(tl, vraag, bevestigd)
        elif scenario == "actief":
            self._cycli(tl, vraag, bevestigd, tot=self.nu)
            if bevestigd < self.nu - datetime.timedelta(days=20) and rng.random() < 0.15:
                self._afgewezen_aanbod(tl, plan, vraag, bevestigd)
        elif scenario == "ingetrokken":
            self._ingetrokken(tl, plan, vraag, bevestigd)
        else:
            self._met_aanbod(tl, plan, vraag, bevestigd)

    def _verloopt(self, tl: _Tijdlijn, vraag: Opvangvraag, bevestigd: datetime.datetime) -> None:
        """Re-confirmed for a while, then a question left unanswered: a warning, then expiry."""
        gevraagd = self._cycli(tl, vraag, bevestigd, tot=None, laatste_onbeantwoord=True)
        tl.stap(
            self._beat(gevraagd + datetime.timedelta(days=23)),
            services.waarschuw_verval,
            vraag_id=vraag.pk,
        )
        tl.stap(
            self._beat(gevraagd + datetime.timedelta(days=30)),
            services.laat_verlopen_zonder_herbevestiging,
            vraag_id=vraag.pk,
        )

    def _ingetrokken(
        self, tl: _Tijdlijn, plan: _Vraagplan, vraag: Opvangvraag, bevestigd: datetime.datetime
    ) -> None:
        """Withdrawn by the family or the loket, some after an offer."""
        rng = self.rng
        ingetrokken = self._dag(
            bevestigd + (self.grens - bevestigd) * rng.uniform(0.1, 0.98), kantoor=rng.random() < 0.3
        )
        self._cycli(tl, vraag, bevestigd, tot=ingetrokken)
        if ingetrokken > self.nu - datetime.timedelta(days=60) and rng.random() < 0.25:
            aangeboden = self._dag(
                max(ingetrokken - datetime.timedelta(days=rng.uniform(1, 8)), bevestigd), kantoor=True
            )
            kandidaat = self._kies_plaats(plan, vraag, aangeboden, vanaf_min=self.vandaag)
            if kandidaat is not None:
                self._doe_aanbod(tl, vraag, kandidaat, aangeboden)
        if rng.random() < 0.3:
            tl.stap(ingetrokken, services.trek_in, vraag=vraag, reden=rng.choice(REDENEN_INTREKKEN_LOKET),
                    door=self.medewerker)  # fmt: skip
        else:
            tl.stap(ingetrokken, services.trek_in, vraag=vraag, reden=rng.choice(REDENEN_INTREKKEN_GEZIN))

    def _met_aanbod(
        self, tl: _Tijdlijn, plan: _Vraagplan, vraag: Opvangvraag, bevestigd: datetime.datetime
    ) -> None:
        """An offer: open, accepted (awaiting the provider) or confirmed (placed)."""
        rng = self.rng
        scenario = plan.scenario
        if scenario == "aanbod":
            aangeboden = max(self._geleden(0.1, 9), bevestigd + datetime.timedelta(days=1))
        elif scenario == "aanvaard":
            aangeboden = max(self._geleden(1.5, 9), bevestigd + datetime.timedelta(days=1))
        else:
            vroegst = max(bevestigd + datetime.timedelta(days=10), self.nu - datetime.timedelta(days=280))
            aangeboden = vroegst + (self.nu - datetime.timedelta(days=12) - vroegst) * rng.random()
        aangeboden = self._dag(aangeboden, kantoor=True)
        if aangeboden > self.grens:
            aangeboden = self.grens - datetime.timedelta(hours=1)
        antwoord = self._na(aangeboden, 2, 72)
        vanaf_min = (
            self.vandaag
            if scenario != "geplaatst"
            else timezone.localdate(aangeboden) + datetime.timedelta(days=14)
        )
        kandidaat = self._kies_plaats(plan, vraag, aangeboden, vanaf_min=vanaf_min)
        if kandidaat is None:
            # No preferred location has room for the child's age group: still on the waiting list.
            self._cycli(tl, vraag, bevestigd, tot=self.nu)
            return
        self._cycli(tl, vraag, bevestigd, tot=self.nu if scenario == "aanbod" else aangeboden)
        aanbod = self._doe_aanbod(tl, vraag, kandidaat, aangeboden)
        if scenario == "aanbod":
            return
        tl.stap(antwoord, services.beantwoord_aanbod, aanbod=aanbod, aanvaard=True)
        if scenario == "geplaatst":
            door = (
                self.aanbieder
                if self.aanbieder and aanbod.plaats.locatie.organisator_id == self.eigen.pk
                else self.medewerker
            )
            bevestiging = self._dag(self._na(antwoord, 20, 24 * 9), kantoor=True)
            tl.stap(bevestiging, services.bevestig_plaatsing, aanbod=aanbod, door=door)

    def _kies_plaats(self, plan, vraag, moment, *, vanaf_min) -> _Plaats | None:
        bijgewerkt = moment - datetime.timedelta(days=self.rng.uniform(1, 20))
        return self._plaats(plan, vraag, vanaf_min=vanaf_min, bijgewerkt=bijgewerkt)

    def _doe_aanbod(self, tl, vraag, kandidaat: _Plaats, moment) -> Aanbod:
        """The offer of the place; one that starts after the family's wished start period (it
        waited longer than that) is offered as the loket does: after asking the family."""
        deadline = timezone.localdate(moment) + datetime.timedelta(days=10)
        aanbod = tl.stap(
            moment,
            services.doe_aanbod,
            vraag=vraag,
            plaats=kandidaat.plaats,
            door=self.medewerker,
            deadline=max(deadline, self.vandaag),
            toch_reden=TOCH_AANGEBODEN if not passen.past(vraag, kandidaat.plaats) else "",
        )
        tl.deadlines[aanbod.pk] = deadline
        kandidaat.vrij -= aanbod.plaatsen
        return aanbod

    def _afgewezen_aanbod(self, tl, plan, vraag, bevestigd) -> None:
        """An earlier offer the family declined or let expire; the place is free again."""
        aangeboden = self._dag(
            max(self._geleden(5, 28), bevestigd + datetime.timedelta(days=2)), kantoor=True
        )
        kandidaat = self._kies_plaats(
            plan, vraag, aangeboden, vanaf_min=self.vandaag + datetime.timedelta(days=7)
        )
        if kandidaat is None:
            return
        aanbod = self._doe_aanbod(tl, vraag, kandidaat, aangeboden)
        deadline = tl.deadlines[aanbod.pk]
        if deadline < self.vandaag and self.rng.random() < 0.5:
            Aanbod.objects.filter(pk=aanbod.pk).update(deadline=deadline)
            verlopen = timezone.make_aware(
                datetime.datetime.combine(deadline + datetime.timedelta(days=1), datetime.time(0, 7))
            )
            tl.stap(verlopen, services.laat_aanbod_verlopen, aanbod_id=aanbod.pk)
        else:
            tl.stap(
                self._na(aangeboden, 3, 24 * 4), services.beantwoord_aanbod, aanbod=aanbod, aanvaard=False
            )
        self._vrijgeven(aanbod)

    def _vrijgeven(self, aanbod: Aanbod) -> None:
        for kandidaat in self.plaatsen[aanbod.plaats.locatie_id]:
            if kandidaat.plaats.pk == aanbod.plaats_id:
                kandidaat.vrij += aanbod.plaatsen

    def _cycli(
        self,
        tl: _Tijdlijn,
        vraag: Opvangvraag,
        bevestigd: datetime.datetime,
        *,
        tot: datetime.datetime | None,
        laatste_onbeantwoord: bool = False,
    ) -> datetime.datetime | None:
        """The re-confirmation questions every three months, answered in time, up to `tot`. With
        `laatste_onbeantwoord` the last question that can still expire before now goes unanswered;
        its moment is returned."""
        rng = self.rng
        laatste = bevestigd
        while True:
            gevraagd = self._beat(selectors.herbevestiging_vanaf(laatste))
            if laatste_onbeantwoord:
                antwoord = self._na(gevraagd, 3, 24 * 10)
                volgende = self._beat(selectors.herbevestiging_vanaf(antwoord))
                if volgende + datetime.timedelta(days=31) > self.grens or rng.random() < 0.5:
                    tl.stap(gevraagd, services.vraag_herbevestiging, vraag_id=vraag.pk)
                    return gevraagd
            else:
                if gevraagd >= tot:
                    return None
                laat = rng.random() < 0.2
                antwoord = self._na(gevraagd, 24 * 23.2, 24 * 29) if laat else self._na(gevraagd, 2, 24 * 14)
            tl.stap(gevraagd, services.vraag_herbevestiging, vraag_id=vraag.pk)
            waarschuwing = self._beat(gevraagd + datetime.timedelta(days=23))
            if antwoord > waarschuwing and (tot is None or waarschuwing < tot):
                tl.stap(waarschuwing, services.waarschuw_verval, vraag_id=vraag.pk)
            if tot is not None and antwoord >= tot:
                return gevraagd
            tl.stap(antwoord, services.herbevestig, vraag=vraag)
            laatste = antwoord
