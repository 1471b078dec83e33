"""Reads of the loket: occupancy of free places, the queue and what staff see, the family's request
by its private link.

The other reads, by area: `opvang` (locations and their free places), `rondes` (allocation
rounds), `gezin` (the family's overview and data export), `cijfers` (the loket's figures).
Together with `loket.services` and `loket.models` they are all other apps may import of the loket.
"""

from __future__ import annotations

import datetime
import operator
from dataclasses import dataclass
from functools import reduce
from itertools import combinations

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractDay, ExtractMonth, ExtractYear, Greatest
from django.utils import timezone

from loket.models import (
    AANBOD_HOUDT_PLAATS,
    AFGESLOTEN,
    KWETSBAARHEIDSKENMERKEN,
    Aanbod,
    AanbodStatus,
    Gebeurtenis,
    Kind,
    Leeftijdsgroep,
    Opvanglocatie,
    Opvangvraag,
    Ouder,
    Status,
    Voorkeur,
    VrijePlaats,
)
from loket.selectors import passen
from loket.termijnen import herbevestiging_vanaf as herbevestiging_vanaf  # the re-confirmation rule


def bezet(plaats: VrijePlaats) -> int:
    """How many of a free place's seats are held by open, accepted or confirmed offers."""
    totaal = plaats.aanbiedingen.filter(status__in=AANBOD_HOUDT_PLAATS).aggregate(n=Sum("plaatsen"))["n"]
    return totaal or 0


def vrij(plaats: VrijePlaats) -> int:
    return max(plaats.aantal - bezet(plaats), 0) if plaats.actief else 0


def vrije_plaatsen_met_bezetting(plaatsen: QuerySet[VrijePlaats] | None = None) -> QuerySet[VrijePlaats]:
    """Free places annotated with `bezet_aantal` and `vrij_aantal`, counted as `bezet` and `vrij`
    count them but in the query itself, so a list costs no query per place."""
    plaatsen = VrijePlaats.objects.all() if plaatsen is None else plaatsen
    bezet_per_plaats = (
        Aanbod.objects.filter(plaats=OuterRef("pk"), status__in=AANBOD_HOUDT_PLAATS)
        .order_by()
        .values("plaats")
        .annotate(n=Sum("plaatsen"))
        .values("n")
    )
    return plaatsen.annotate(bezet_aantal=Coalesce(Subquery(bezet_per_plaats), Value(0))).annotate(
        vrij_aantal=Case(
            When(actief=True, then=Greatest(F("aantal") - F("bezet_aantal"), Value(0))),
            default=Value(0),
        )
    )


def actieve_opvanglocaties(huis) -> QuerySet[Opvanglocatie]:
    """The childcare locations a family can choose at the loket of `huis` (public data): active and
    not closed (`Opvanglocatie.sluit_op`)."""
    return (
        Opvanglocatie.objects.open_op()
        .filter(huis=huis)
        .select_related("gemeente", "organisator")
        .order_by("gemeente__naam", "naam")
    )


# --- the loket's workspace: the queue, a request's detail and the overdue list ------------------

# The five vulnerability features: a family is vulnerable with at least two of them, one of which
# among the first three (the same rule as `Opvangvraag.is_kwetsbaar`, as a database filter).
_KENMERKEN = [veld for veld, _label in KWETSBAARHEIDSKENMERKEN]
KWETSBAAR = reduce(
    operator.or_,
    (
        Q(**{een: True, twee: True})
        for een, twee in combinations(_KENMERKEN, 2)
        if een in _KENMERKEN[:3] or twee in _KENMERKEN[:3]
    ),
)

# The priority groups the queue can filter on: key, field of the request, short label (a badge).
VOORRANGSGROEPEN: list[tuple[str, str, str]] = [
    ("werk", "opvang_voor_werk", "werk of opleiding"),
    ("alleenstaand", "alleenstaande_ouder", "alleenstaande ouder"),
    ("inkomen", "laag_inkomen", "laag inkomen"),
    ("pleegkind", "pleegkind", "pleegkind"),
    ("broer_zus", "broer_zus_locatie", "broer of zus in de opvang"),
    ("dringend", "dringend", "dringend"),
]


def in_voorrangsgroep(veld: str) -> Q:
    """The requests in the priority group of `veld` (a field of `VOORRANGSGROEPEN`)."""
    return Q(**{f"{veld}__isnull": False}) if veld == "broer_zus_locatie" else Q(**{veld: True})


def voorrangsgroepen_van(vraag: Opvangvraag) -> list[str]:
    """The short labels of the priority groups a request belongs to (no query)."""
    return [
        label
        for _sleutel, veld, label in VOORRANGSGROEPEN
        if (vraag.broer_zus_locatie_id is not None if veld == "broer_zus_locatie" else getattr(vraag, veld))
    ]


WACHTRIJ_STATUSSEN: dict[str, tuple[str, ...]] = {
    "": (Status.ACTIEF, Status.AANBOD),
    "ingediend": (Status.INGEDIEND,),
    "actief": (Status.ACTIEF,),
    "aanbod": (Status.AANBOD,),
    "afgesloten": AFGESLOTEN,
    "geplaatst": (Status.GEPLAATST,),
    "ingetrokken": (Status.INGETROKKEN,),
    "verlopen": (Status.VERLOPEN,),
    "alle": tuple(Status.values),
}

# Whatever the order, requests the loket marked urgent come first.
WACHTRIJ_VOLGORDES: dict[str, tuple[str, ...]] = {
    "": ("-dringend", "ingediend", "pk"),
    "nieuwste": ("-dringend", "-ingediend", "-pk"),
    "gewenste_start": ("-dringend", "gewenste_start", "ingediend", "pk"),
    "wachttijd": ("-dringend", "wacht_sinds", "pk"),
    # vulnerable families first, then those in more priority groups, then the first registered
    "voorrang": ("-dringend", "-kwetsbaar", "-voorrangsgroepen", "ingediend", "pk"),
}


def aantal_voorrangsgroepen() -> ExpressionWrapper:
    """How many of the priority groups (`VOORRANGSGROEPEN`) a request belongs to."""
    return ExpressionWrapper(
        reduce(
            operator.add,
            (
                Case(When(in_voorrangsgroep(veld), then=Value(1)), default=Value(0))
                for _sleutel, veld, _label in VOORRANGSGROEPEN
            ),
        ),
        output_field=IntegerField(),
    )


def _zoekfilter(zoek: str, telefoon: str = "") -> Q:
    """Requests whose number, child's first name, parent's name, e-mail address or phone number
    matches what the loket typed (`telefoon`: the typed text as a phone number, written the way
    numbers are stored, when it is one)."""
    ouders = Ouder.objects.filter(opvangvraag=OuterRef("pk"))
    treffer = (
        Q(nummer__icontains=zoek)
        | Q(email__icontains=zoek)
        | Exists(Kind.objects.filter(opvangvraag=OuterRef("pk"), voornaam__icontains=zoek))
        | Exists(
            ouders.filter(Q(naam__icontains=zoek) | Q(email__icontains=zoek) | Q(telefoon__icontains=zoek))
        )
    )
    if telefoon:
        treffer |= Exists(ouders.filter(telefoon=telefoon))
    return treffer


@dataclass(frozen=True)
class WachtrijFilter:
    """What the loket chose to see of its queue; the defaults give the open requests, oldest first."""

    status: str = ""
    startmaand: tuple[int, int] | None = None  # (year, month) of the wished start
    leeftijdsgroep: str = ""
    locatie: Opvanglocatie | None = None
    voorrang: tuple[str, ...] = ()
    kwetsbaar: bool | None = None
    wacht_weken: int | None = None
    via_loket: bool | None = None
    volgorde: str = ""
    zoek: str = ""  # number, child or parent name, e-mail address or phone number
    zoek_telefoon: str = ""  # `zoek` as a stored phone number, when it is one


def vragen_van_loket(huis, user) -> QuerySet[Opvangvraag]:
    """The requests of `huis` the user may see: only the loket staff of that Huis see any."""
    return Opvangvraag.objects.zichtbaar_voor(user).voor_huis(huis)


def _maanden_tot_start() -> ExpressionWrapper:
    """For a child row: its age in whole months on its request's wished start (as `bij_start`)."""
    start = OuterRef("gewenste_start")
    return ExpressionWrapper(
        (ExtractYear(start) - ExtractYear("geboortedatum")) * 12
        + ExtractMonth(start)
        - ExtractMonth("geboortedatum")
        - Case(When(Q(dag_start__lt=F("dag_geboorte")), then=Value(1)), default=Value(0)),
        output_field=IntegerField(),
    )


def _met_leeftijdsgroep_bij_start(groep: str) -> Exists:
    """Requests with a child in age group `groep` on the wished start."""
    kinderen = (
        Kind.objects.filter(opvangvraag=OuterRef("pk"))
        .annotate(dag_start=ExtractDay(OuterRef("gewenste_start")), dag_geboorte=ExtractDay("geboortedatum"))
        .annotate(maanden=_maanden_tot_start())
    )
    if groep == Leeftijdsgroep.BABY:
        kinderen = kinderen.filter(maanden__lt=18)
    elif groep == Leeftijdsgroep.PEUTER:
        kinderen = kinderen.filter(maanden__gte=18, maanden__lt=36)
    else:
        kinderen = kinderen.filter(maanden__gte=36)
    return Exists(kinderen)


def _met_lijstgegevens(vragen: QuerySet[Opvangvraag]) -> QuerySet[Opvangvraag]:
    """What a list row shows, in a fixed number of queries: children, the active preferences
    (`actieve_voorkeuren`, first choice first), the deadline of the earliest open offer
    (`open_deadline`), the waiting start (`wacht_sinds`) and `kwetsbaar`."""
    return vragen.annotate(
        wacht_sinds=Coalesce("bevestigd", "ingediend"),
        kwetsbaar=ExpressionWrapper(KWETSBAAR, output_field=BooleanField()),
        open_deadline=Subquery(
            Aanbod.objects.filter(opvangvraag=OuterRef("pk"), status=AanbodStatus.OPEN)
            .order_by("deadline")
            .values("deadline")[:1]
        ),
    ).prefetch_related(
        "kinderen",
        Prefetch(
            "voorkeuren",
            queryset=Voorkeur.objects.filter(actief=True).select_related("locatie").order_by("rang"),
            to_attr="actieve_voorkeuren",
        ),
    )


def wachtrij(huis, user, filters: WachtrijFilter | None = None) -> QuerySet[Opvangvraag]:
    """The loket's queue of `huis` as the user may see it, filtered and sorted (see `WachtrijFilter`)."""
    filters = filters or WachtrijFilter()
    vragen = _met_lijstgegevens(vragen_van_loket(huis, user)).filter(
        status__in=WACHTRIJ_STATUSSEN.get(filters.status, WACHTRIJ_STATUSSEN[""])
    )
    if filters.startmaand is not None:
        jaar, maand = filters.startmaand
        vragen = vragen.filter(gewenste_start__year=jaar, gewenste_start__month=maand)
    if filters.leeftijdsgroep:
        vragen = vragen.filter(_met_leeftijdsgroep_bij_start(filters.leeftijdsgroep))
    if filters.locatie is not None:
        vragen = vragen.filter(
            Exists(Voorkeur.objects.filter(opvangvraag=OuterRef("pk"), locatie=filters.locatie, actief=True))
        )
    velden = {sleutel: veld for sleutel, veld, _label in VOORRANGSGROEPEN}
    for sleutel in filters.voorrang:
        vragen = vragen.filter(in_voorrangsgroep(velden[sleutel]))
    if filters.kwetsbaar is not None:
        vragen = vragen.filter(KWETSBAAR if filters.kwetsbaar else ~KWETSBAAR)
    if filters.wacht_weken is not None:
        vragen = vragen.filter(wacht_sinds__lt=timezone.now() - datetime.timedelta(weeks=filters.wacht_weken))
    if filters.via_loket is not None:
        vragen = vragen.filter(via_loket=filters.via_loket)
    if filters.zoek:
        vragen = vragen.filter(_zoekfilter(filters.zoek, filters.zoek_telefoon))
    if filters.volgorde == "voorrang":
        vragen = vragen.annotate(voorrangsgroepen=aantal_voorrangsgroepen())
    return vragen.order_by(*WACHTRIJ_VOLGORDES.get(filters.volgorde, WACHTRIJ_VOLGORDES[""]))


def redelijke_termijn(vraag: Opvangvraag) -> int:
    """Days within which the loket owes this request a first answer: shorter when it is urgent."""
    return settings.LOKET_DRINGEND_TERMIJN_DAGEN if vraag.dringend else settings.LOKET_REDELIJKE_TERMIJN_DAGEN


def over_termijn(huis, user) -> QuerySet[Opvangvraag]:
    """Active requests without a first answer that waited longer than the reasonable term since
    confirmation (LOKET_REDELIJKE_TERMIJN_DAGEN, for urgent requests LOKET_DRINGEND_TERMIJN_DAGEN):
    urgent requests first, then vulnerable families, then the longest waiting."""
    nu = timezone.now()
    grens = nu - datetime.timedelta(days=settings.LOKET_REDELIJKE_TERMIJN_DAGEN)
    grens_dringend = nu - datetime.timedelta(days=settings.LOKET_DRINGEND_TERMIJN_DAGEN)
    return (
        _met_lijstgegevens(vragen_van_loket(huis, user))
        .filter(status=Status.ACTIEF, eerste_antwoord__isnull=True)
        .filter(Q(wacht_sinds__lt=grens) | Q(dringend=True, wacht_sinds__lt=grens_dringend))
        .order_by("-dringend", "-kwetsbaar", "wacht_sinds", "pk")
    )


def wachtdagen(vraag: Opvangvraag) -> int:
    """Whole days a listed request waits (or waited, until it closed) since confirmation."""
    sinds = getattr(vraag, "wacht_sinds", None) or vraag.bevestigd or vraag.ingediend
    return max(((vraag.afgesloten or timezone.now()) - sinds).days, 0)


def wachtdagen_tot(vraag: Opvangvraag) -> datetime.datetime | None:
    """When `wachtdagen(vraag)` next grows by one (None once the request is closed)."""
    if vraag.afgesloten:
        return None
    sinds = getattr(vraag, "wacht_sinds", None) or vraag.bevestigd or vraag.ingediend
    return sinds + datetime.timedelta(days=wachtdagen(vraag) + 1)


def vrije_plaatsen_voor(vraag: Opvangvraag) -> dict[int, list[VrijePlaats]]:
    """Per location the request still chooses: the places with seats left (`vrij_aantal` > 0, as
    `vrij`), each with the fit rules it breaks (`afwijkingen`, `loket.selectors.passen`; [] when it fits),
    why it fits (`past_tekst`) and whether enough seats are left for all the children (`genoeg`)."""
    locaties = vraag.voorkeuren.filter(actief=True).values("locatie")
    plaatsen = (
        vrije_plaatsen_met_bezetting(VrijePlaats.objects.aan_te_bieden().filter(locatie__in=locaties))
        .filter(vrij_aantal__gt=0)
        .select_related("locatie")
        .order_by("vanaf", "pk")
    )
    kinderen = len(vraag.kinderen.all())
    per_locatie: dict[int, list[VrijePlaats]] = {}
    for plaats in plaatsen:
        plaats.afwijkingen = passen.afwijkingen(vraag, plaats)
        plaats.past_tekst = "" if plaats.afwijkingen else passen.waarom_het_past(vraag, plaats)
        plaats.genoeg = plaats.vrij_aantal >= kinderen
        per_locatie.setdefault(plaats.locatie_id, []).append(plaats)
    return per_locatie


def vragen_met_details(huis, user) -> QuerySet[Opvangvraag]:
    """The requests of `huis` the user may see, with all a detail page shows: children, parents,
    ranked preferences, offers and the event history (oldest first)."""
    return (
        vragen_van_loket(huis, user)
        .select_related("gemeente", "broer_zus_locatie", "overplaatsing_van")
        .annotate(wacht_sinds=Coalesce("bevestigd", "ingediend"))
        .prefetch_related(
            "kinderen",
            "ouders",
            Prefetch(
                "voorkeuren", queryset=Voorkeur.objects.select_related("locatie__huis").order_by("rang")
            ),
            Prefetch(
                "aanbiedingen",
                queryset=Aanbod.objects.select_related("plaats__locatie").order_by("-gemaakt", "-pk"),
            ),
            Prefetch(
                "gebeurtenissen",
                queryset=Gebeurtenis.objects.select_related("door").order_by("tijd", "pk"),
            ),
        )
    )


# --- the family's own request, read through its private link (no account) ----------------------

MAX_TOKEN_LENGTE = 64


def vraag_met_token(token: str) -> Opvangvraag | None:
    """The request behind a private link (an exact, indexed lookup), or None."""
    if not token or len(token) > MAX_TOKEN_LENGTE:
        return None
    return (
        Opvangvraag.objects.select_related("huis", "gemeente", "broer_zus_locatie")
        .filter(token=token, geanonimiseerd__isnull=True)
        .first()
    )


def voorkeuren_van(vraag: Opvangvraag) -> list[Voorkeur]:
    return list(vraag.voorkeuren.select_related("locatie__gemeente").order_by("rang"))


def aanbiedingen_van(vraag: Opvangvraag) -> QuerySet[Aanbod]:
    return vraag.aanbiedingen.select_related(
        "plaats__locatie__gemeente", "plaats__locatie__organisator"
    ).order_by("-gemaakt")


def gebeurtenissen_voor_gezin(vraag: Opvangvraag) -> QuerySet[Gebeurtenis]:
    """What happened to the request, without the loket's internal notes and corrections."""
    return vraag.gebeurtenissen.filter(intern=False).order_by("tijd", "pk")


from loket.selectors.lokets import loket_van_gemeente as loket_van_gemeente  # noqa: E402
from loket.selectors.lokets import loket_van_huis as loket_van_huis  # noqa: E402
