"""Demo data of a referral partner: "CAW Oost-Vlaanderen", invited by the loket of the demo Huis
(Gent), with a demo login and three requests it registered for families with their consent: one
family without an e-mail address whose messages go to the CAW, one with an address that also
chose the CAW, one with its own address only.

Written through `loket.services.verwijzers`, then dated a few days back (the request, its events,
the consent) as `demo.loket` does. Idempotent: the organisation and login are kept by name and
address, the requests carry fixed `indieningssleutel`s and are written once.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.utils import timezone

from demo.gemeenschappelijk import DEMO_DOMEIN
from huizen.models import Huis
from kern.models import User
from loket import selectors
from loket.models import Gebeurtenis, Opvangvraag, Verwijzer, Verwijzerslidmaatschap
from loket.services import verwijzers as services_verwijzers

VERWIJZER_NAAM = "CAW Oost-Vlaanderen"
VERWIJZER_EMAIL = f"caw@{DEMO_DOMEIN}"
VERWIJZER_LID_EMAIL = f"verwijzer@{DEMO_DOMEIN}"
VERWIJZER_LID_NAAM = "Vera Verwijzer"
SLEUTELRUIMTE = uuid.UUID("0b8f3c51-7d2e-4a8b-9c61-2f5e7a1d9c34")


@dataclass(frozen=True)
class _Gezin:
    voornaam: str
    ouder: str
    email: str
    via_caw: bool
    dagen_geleden: int


GEZINNEN = (
    _Gezin("Amina", "Fatima El Idrissi", "", True, 12),
    _Gezin("Lucas", "Elke Van Damme", "elke.vandamme@voorbeeld.test", True, 8),
    _Gezin("Noah", "Bram Claeys", "bram.claeys@voorbeeld.test", False, 4),
)


def laad_verwijzer_demodata(*, huis: Huis, gebruiker: User) -> tuple[Verwijzer, int]:
    """The demo referral partner of `huis` with `gebruiker` (the demo login) as its member, and its
    requests; returns the partner and how many requests were new."""
    verwijzer, _gemaakt = Verwijzer.objects.get_or_create(
        naam=VERWIJZER_NAAM,
        huis=huis,
        defaults={"soort": "caw", "email": VERWIJZER_EMAIL, "telefoon": "+32 9 265 04 40"},
    )
    Verwijzerslidmaatschap.objects.get_or_create(gebruiker=gebruiker, verwijzer=verwijzer)
    sleutels = [uuid.uuid5(SLEUTELRUIMTE, f"{huis.slug}/{i}") for i in range(len(GEZINNEN))]
    if Opvangvraag.objects.filter(indieningssleutel__in=sleutels).exists():
        return verwijzer, 0
    gemeente = huis.gemeenten_op().order_by("naam").first()
    postcode = gemeente.postcodes.order_by("postcode").values_list("postcode", flat=True).first() or "9000"
    locaties = [
        locatie
        for locatie in selectors.actieve_opvanglocaties(huis)
        if locatie.soort == "groepsopvang" and locatie.capaciteit_baby
    ][:2] or list(selectors.actieve_opvanglocaties(huis)[:2])
    vandaag = timezone.localdate()
    nieuw = 0
    for sleutel, gezin in zip(sleutels, GEZINNEN, strict=True):
        start = vandaag + datetime.timedelta(days=150)
        vraag, gemaakt = services_verwijzers.registreer_voor_gezin(
            verwijzer=verwijzer,
            door=gebruiker,
            huis=huis,
            velden={
                "email": gezin.email,
                "postcode": postcode,
                "gemeente": gemeente,
                "gewenste_start": start,
                "flexibiliteit": "1_maand",
                "dagen": [0, 1, 3, 4],
                "dagdeel": "volle_dag",
                "uren_per_week": 32,
                "soort_opvang": "groepsopvang",
                "opvang_voor_werk": True,
                "alleenstaande_ouder": not gezin.email,
                "laag_inkomen": not gezin.email,
                "kw_inkomen_uit_werk": not gezin.email,
                "kw_huisvesting": not gezin.email,
            },
            kinderen=[{"voornaam": gezin.voornaam, "geboortedatum": vandaag - datetime.timedelta(days=40)}],
            ouders=[{"naam": gezin.ouder, "email": gezin.email}],
            voorkeuren=locaties,
            toestemming=True,
            berichten_via_verwijzer=gezin.via_caw,
            sleutel=sleutel,
        )
        if gemaakt:
            nieuw += 1
            _dateer(vraag, timezone.now() - datetime.timedelta(days=gezin.dagen_geleden, hours=3))
    return verwijzer, nieuw


def _dateer(vraag: Opvangvraag, moment: datetime.datetime) -> None:
    """The registration happened at `moment`: the request, its consent and its events."""
    Opvangvraag.objects.filter(pk=vraag.pk).update(
        ingediend=moment, bevestigd=moment, herbevestigd=moment, toestemming_op=moment
    )
    for stap, gebeurtenis in enumerate(Gebeurtenis.objects.filter(opvangvraag=vraag).order_by("pk")):
        reden = gebeurtenis.reden
        if stap == 0:
            vraag.refresh_from_db()
            reden = services_verwijzers.registratietekst(vraag)
        Gebeurtenis.objects.filter(pk=gebeurtenis.pk).update(
            tijd=moment + datetime.timedelta(seconds=stap), reden=reden
        )
