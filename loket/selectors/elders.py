"""Reads across neighbouring lokets: the locations of other lokets a family may choose, and what
a loket sees of a request of another loket (the home loket, `Opvangvraag.huis`) that chose one of
its locations.

A family registers at the loket of its home gemeente and may also choose open locations of other
lokets nearby (`kiesbare_opvanglocaties`, within `NABIJ_KM` of the loket's area). The loket of such
a location (the Huis `locatie.huis`) sees the request only while the family has an active choice
of one of its locations or a running or confirmed offer from it (`vragen_elders`), and then only
what it needs for its own locations (`BeperkteVraag`): never the family's names, address, e-mail,
phone, notes or care needs. Once it made an offer that is open, accepted or confirmed, it sees the
parents' names and contact on that offer (needed for the start), still not the notes.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When

from huizen.models import Huis
from huizen.selectors import gemeentemiddens
from kern.tenancy import Rol, is_lid
from loket.models import (
    Aanbod,
    AanbodStatus,
    Leeftijdsgroep,
    Opvanglocatie,
    Opvangvraag,
    Ouder,
    Status,
    Voorkeur,
)
from loket.selectors import voorrangsgroepen_van, vrije_plaatsen_voor
from loket.selectors.lokets import gemeenten_van_huis_loket, loketnaam

#: How far (km, between the centres of gemeenten) a location of another loket may lie from the
#: nearest gemeente of a loket's area to be offered to its families.
NABIJ_KM = 20

#: The offers of a loket that let it see a request of another loket, and its contact data.
LOPEND_OF_GEPLAATST = (AanbodStatus.OPEN, AanbodStatus.AANVAARD, AanbodStatus.BEVESTIGD)


# --- choosing: locations of other lokets nearby (public data) ---------------------------------------


def nabije_gemeenten(huis: Huis) -> set[int]:
    """The gemeenten (pks) outside the area of `huis` whose centre lies within `NABIJ_KM` of the
    centre of one of its gemeenten (none when the area has no outlines)."""
    middens = gemeentemiddens()
    gebied = gemeenten_van_huis_loket(huis).values_list("pk", flat=True)
    eigen = [middens[pk] for pk in gebied if pk in middens]
    if not eigen:
        return set()
    grens = NABIJ_KM * NABIJ_KM
    return {
        pk
        for pk, (x, y) in middens.items()
        if any((x - ex) ** 2 + (y - ey) ** 2 <= grens for ex, ey in eigen)
    }


def kiesbare_opvanglocaties(huis: Huis) -> QuerySet[Opvanglocatie]:
    """What a family registering at the loket of `huis` can choose: its open locations, then the
    open ones of other lokets nearby (with the loket they belong to), each by gemeente and name."""
    return (
        Opvanglocatie.objects.open_op()
        .filter(Q(huis=huis) | Q(gemeente__in=nabije_gemeenten(huis)))
        .select_related("gemeente", "organisator", "huis__loket")
        .alias(elders=Case(When(huis=huis, then=Value(0)), default=Value(1)))
        .order_by("elders", "gemeente__naam", "naam")
    )


def is_kiesbaar(huis: Huis, locatie: Opvanglocatie) -> bool:
    """Whether a family of the loket of `huis` may choose `locatie` (open or not): one of the
    loket's own, or one of another loket nearby."""
    return not niet_kiesbaar(huis, [locatie])


def niet_kiesbaar(huis: Huis, locaties: list[Opvanglocatie]) -> set[int]:
    """The pks of the `locaties` a family of the loket of `huis` may not choose: neither the
    loket's own nor near its area (open or not)."""
    elders = [locatie for locatie in locaties if locatie.huis_id != huis.pk]
    if not elders:
        return set()
    nabij = nabije_gemeenten(huis)
    return {locatie.pk for locatie in elders if locatie.gemeente_id not in nabij}


# --- what a loket sees of the requests of other lokets -------------------------------------------


def _eigen_voorkeur(huis: Huis) -> Exists:
    return Exists(Voorkeur.objects.filter(opvangvraag=OuterRef("pk"), actief=True, locatie__huis=huis))


def _eigen_aanbod(huis: Huis) -> Exists:
    return Exists(
        Aanbod.objects.filter(
            opvangvraag=OuterRef("pk"), plaats__locatie__huis=huis, status__in=LOPEND_OF_GEPLAATST
        )
    )


def vragen_elders(huis: Huis, user) -> QuerySet[Opvangvraag]:
    """The requests of other lokets the loket staff of `huis` may see (none for anyone else): on
    the waiting list with an active choice of one of its locations, or with a running or confirmed
    offer of one of its places. Only their `BeperkteVraag` may be shown."""
    if not is_lid(user, huis, [Rol.LOKET]):
        return Opvangvraag.objects.none()
    return (
        Opvangvraag.objects.exclude(huis=huis)
        .filter(geanonimiseerd__isnull=True)
        .filter(Q(_eigen_voorkeur(huis), status__in=[Status.ACTIEF, Status.AANBOD]) | Q(_eigen_aanbod(huis)))
    )


@dataclass
class KindElders:
    leeftijdsgroep: str
    maanden: int  # age in whole months at the wished start (negative: not born yet)
    verwacht: bool


@dataclass
class BeperkteVraag:
    """What a loket sees of a request of another loket: only what it needs for its own locations."""

    pk: int
    nummer: str
    status: str
    status_tekst: str
    thuisloket: str  # the name of the home loket's Huis
    gewenste_start: datetime.date
    dagen_tekst: str
    dagdeel: str
    uren_per_week: int
    soort_opvang: str
    voorrang: list[str]
    dringend: bool
    kinderen: list[KindElders]
    voorkeuren: list[Voorkeur]  # the family's (active) choices of our locations, with their rank
    aanbiedingen: list[Aanbod] = field(default_factory=list)  # our offers
    contact: list[Ouder] | None = None  # only with a running or confirmed offer of ours
    email: str = ""
    vraag: Opvangvraag | None = field(default=None, repr=False)  # for the services, never a template

    @property
    def met_contact(self) -> bool:
        return self.contact is not None


def _maanden(geboortedatum: datetime.date, start: datetime.date) -> int:
    maanden = (start.year - geboortedatum.year) * 12 + start.month - geboortedatum.month
    return maanden - 1 if start.day < geboortedatum.day else maanden


def _met_details(huis: Huis, vragen: QuerySet[Opvangvraag]) -> QuerySet[Opvangvraag]:
    return vragen.select_related("huis__loket").prefetch_related(
        "kinderen",
        Prefetch(
            "voorkeuren",
            queryset=Voorkeur.objects.filter(locatie__huis=huis).select_related("locatie").order_by("rang"),
            to_attr="eigen_voorkeuren",
        ),
        Prefetch(
            "aanbiedingen",
            queryset=Aanbod.objects.filter(plaats__locatie__huis=huis)
            .select_related("plaats__locatie")
            .order_by("-gemaakt", "-pk"),
            to_attr="eigen_aanbiedingen",
        ),
    )


def beperkt(vraag: Opvangvraag, *, met_contact: bool = False) -> BeperkteVraag:
    """The limited view of a request read through `_met_details` (no query, except the parents
    when `met_contact`)."""
    aanbiedingen = list(vraag.eigen_aanbiedingen)
    contact = None
    if met_contact and any(aanbod.status in LOPEND_OF_GEPLAATST for aanbod in aanbiedingen):
        contact = list(vraag.ouders.order_by("pk"))
    return BeperkteVraag(
        pk=vraag.pk,
        nummer=vraag.nummer,
        status=vraag.status,
        status_tekst=vraag.get_status_display(),
        thuisloket=loketnaam(vraag.huis),
        gewenste_start=vraag.gewenste_start,
        dagen_tekst=vraag.dagen_tekst,
        dagdeel=vraag.get_dagdeel_display(),
        uren_per_week=vraag.uren_per_week,
        soort_opvang=vraag.get_soort_opvang_display(),
        voorrang=voorrangsgroepen_van(vraag),
        dringend=vraag.dringend,
        kinderen=[
            KindElders(
                leeftijdsgroep=Leeftijdsgroep(
                    Leeftijdsgroep.bij_start(kind.geboortedatum, vraag.gewenste_start)
                ).label,
                maanden=_maanden(kind.geboortedatum, vraag.gewenste_start),
                verwacht=kind.verwacht,
            )
            for kind in vraag.kinderen.all()
        ],
        voorkeuren=[voorkeur for voorkeur in vraag.eigen_voorkeuren if voorkeur.actief],
        aanbiedingen=aanbiedingen,
        contact=contact,
        email=vraag.email if contact is not None else "",
        vraag=vraag,
    )


def lijst_elders(huis: Huis, user) -> QuerySet[Opvangvraag]:
    """The requests of other lokets for the list of `huis` (urgent first, then oldest), read with
    what `beperkt` needs."""
    return _met_details(huis, vragen_elders(huis, user)).order_by("-dringend", "ingediend", "pk")


def vraag_elders(huis: Huis, user, pk: int) -> BeperkteVraag | None:
    """One request of another loket as `huis` may see it, or None."""
    vraag = _met_details(huis, vragen_elders(huis, user)).filter(pk=pk).first()
    return beperkt(vraag, met_contact=True) if vraag is not None else None


def plaatsen_elders(huis: Huis, vraag: BeperkteVraag) -> dict[int, list]:
    """Per chosen location of `huis`: its free places to offer (as `vrije_plaatsen_voor`)."""
    if vraag.status not in (Status.ACTIEF, Status.AANBOD) or vraag.vraag is None:
        return {}
    return {
        locatie_id: plaatsen
        for locatie_id, plaatsen in vrije_plaatsen_voor(vraag.vraag).items()
        if any(voorkeur.locatie_id == locatie_id for voorkeur in vraag.voorkeuren)
    }


def aanbod_elders(huis: Huis, user, pk: int) -> Aanbod | None:
    """An offer of a place of `huis` to a request of another loket that `huis` may see, or None."""
    return (
        Aanbod.objects.filter(
            plaats__locatie__huis=huis, opvangvraag__in=vragen_elders(huis, user).values("pk")
        )
        .filter(pk=pk)
        .first()
    )
