"""The reads behind the loket's figures: the confirmed requests submitted in a period as records
without personal data (`loket.cijfers.berekening.Vraag`), the choices of the waiting ones, the
locations with the seats they still offer, and the names to show; in a fixed number of queries.

Which requests count: those *submitted* (`ingediend`) in the period, from its first to its last
day inclusive, and confirmed (`bevestigd`: the family confirmed its e-mail address, or the loket
registered it); the others are only counted (`niet_bevestigd`). Anonymised requests count: their
statistics remain.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet, Sum

from huizen.models import Gemeente, Huis
from huizen.selectors import huizen_in
from kern.cijfers import Filter, Periode
from loket.cijfers.berekening import (
    WACHTEND,
    Gegevens,
    Locatie,
    Vraag,
    is_kwetsbaar,
    leeftijdsgroep_van,
    uitkomst_van,
)
from loket.models import (
    KWETSBAARHEIDSKENMERKEN,
    Aanbod,
    AanbodStatus,
    Kind,
    Leeftijdsgroep,
    Opvanglocatie,
    Opvangvraag,
    Voorkeur,
    VrijePlaats,
)
from loket.selectors import VOORRANGSGROEPEN

VOORRANGSVELDEN = [(sleutel, veld) for sleutel, veld, _label in VOORRANGSGROEPEN]
KENMERKVELDEN = [veld for veld, _label in KWETSBAARHEIDSKENMERKEN]


def gemeenten_in(filter: Filter) -> QuerySet[Gemeente]:
    """The gemeenten of a provincie and/or VRIND cluster."""
    gemeenten = Q()
    if filter.provincie:
        gemeenten &= Q(provincie=filter.provincie)
    if filter.cluster is not None:
        gemeenten &= Q(cluster__nummer=filter.cluster)
    return Gemeente.objects.filter(gemeenten)


def loketten_in(filter: Filter) -> set[int]:
    """The Huizen of `huizen_in(filter)` that run a loket (with locations or requests)."""
    met_loket = huizen_in(filter).filter(
        Exists(Opvanglocatie.objects.filter(huis=OuterRef("pk")))
        | Exists(Opvangvraag.objects.filter(huis=OuterRef("pk")))
    )
    return set(met_loket.values_list("pk", flat=True))


def _leeftijdsgroepen(pks: QuerySet) -> dict[int, set[str]]:
    """Per request: the age groups of its children on the wished start."""
    groepen: dict[int, set[str]] = defaultdict(set)
    for vraag_id, geboren, start in Kind.objects.filter(opvangvraag__in=pks).values_list(
        "opvangvraag_id", "geboortedatum", "opvangvraag__gewenste_start"
    ):
        groepen[vraag_id].add(Leeftijdsgroep.bij_start(geboren, start))
    return groepen


def _plaatsingen(pks: QuerySet) -> dict[int, tuple[datetime.datetime, int]]:
    """Per placed request: the moment and location of its (first) confirmed placement."""
    plaatsingen: dict[int, tuple[datetime.datetime, int]] = {}
    for vraag_id, moment, locatie_id in (
        Aanbod.objects.filter(opvangvraag__in=pks, status=AanbodStatus.BEVESTIGD, bevestigd__isnull=False)
        .order_by("bevestigd")
        .values_list("opvangvraag_id", "bevestigd", "plaats__locatie_id")
    ):
        plaatsingen.setdefault(vraag_id, (moment, locatie_id))
    return plaatsingen


def _voorrang(rij: dict) -> tuple[str, ...]:
    return tuple(
        sleutel
        for sleutel, veld in VOORRANGSVELDEN
        if (rij["broer_zus_locatie_id"] is not None if veld == "broer_zus_locatie" else rij[veld])
    )


def _vragen(bevestigd: QuerySet[Opvangvraag]) -> list[Vraag]:
    pks = bevestigd.values("pk")
    groepen = _leeftijdsgroepen(pks)
    plaatsingen = _plaatsingen(pks)
    velden = [
        "pk",
        "huis_id",
        "gemeente_id",
        "status",
        "soort_opvang",
        "bevestigd",
        "eerste_antwoord",
        "gewenste_start",
        *(veld if veld != "broer_zus_locatie" else "broer_zus_locatie_id" for _s, veld in VOORRANGSVELDEN),
        *KENMERKVELDEN,
    ]
    vragen = []
    for rij in bevestigd.order_by().values(*velden):
        geplaatst_op, geplaatst_bij = plaatsingen.get(rij["pk"], (None, None))
        vragen.append(
            Vraag(
                pk=rij["pk"],
                huis_id=rij["huis_id"],
                gemeente_id=rij["gemeente_id"],
                uitkomst=uitkomst_van(rij["status"]),
                status=rij["status"],
                soort_opvang=rij["soort_opvang"],
                voorrang=_voorrang(rij),
                kwetsbaar=is_kwetsbaar(rij[veld] for veld in KENMERKVELDEN),
                bevestigd=rij["bevestigd"],
                eerste_antwoord=rij["eerste_antwoord"],
                gewenste_start=rij["gewenste_start"],
                leeftijdsgroep=leeftijdsgroep_van(groepen.get(rij["pk"], set())),
                geplaatst_op=geplaatst_op,
                geplaatst_bij=geplaatst_bij,
            )
        )
    return vragen


def _locaties(locaties_filter: Q, gekozen: set[int]) -> dict[int, Locatie]:
    return {
        pk: Locatie(pk, f"{naam} ({gemeente})", huis_id)
        for pk, naam, gemeente, huis_id in Opvanglocatie.objects.filter(
            locaties_filter & Q(actief=True) | Q(pk__in=gekozen)
        ).values_list("pk", "naam", "gemeente__naam", "huis_id")
    }


def _aangeboden(locaties: Iterable[int]) -> dict[int, int]:
    return dict(
        VrijePlaats.objects.aangeboden()
        .filter(locatie__in=list(locaties))
        .order_by()
        .values("locatie")
        .annotate(n=Sum("aantal"))
        .values_list("locatie", "n")
    )


def lees_gegevens(
    vragen_filter: Q,
    locaties_filter: Q,
    periode: Periode,
    *,
    met_huizen: bool = False,
    gemeente_ids: Iterable[int] = (),
    huis_ids: Iterable[int] = (),
) -> Gegevens:
    """Read the requests of `vragen_filter` submitted in the period, and the locations of
    `locaties_filter` (plus those the requests chose or were placed at). Names: of the requests'
    gemeenten and of `gemeente_ids`; with `met_huizen`, of the Huizen of the requests and locations
    and of `huis_ids`."""
    in_periode = Opvangvraag.objects.filter(
        vragen_filter, ingediend__gte=periode.begin, ingediend__lt=periode.einde
    )
    bevestigd = in_periode.filter(bevestigd__isnull=False)
    niet_bevestigd = in_periode.filter(bevestigd__isnull=True).count()
    vragen = _vragen(bevestigd)
    wachtend = bevestigd.filter(status__in=WACHTEND).values("pk")
    keuzes = list(
        Voorkeur.objects.filter(opvangvraag__in=wachtend, actief=True).values_list(
            "opvangvraag_id", "locatie_id", "rang"
        )
    )
    gekozen = {locatie_id for _v, locatie_id, _r in keuzes} | {
        v.geplaatst_bij for v in vragen if v.geplaatst_bij is not None
    }
    locaties = _locaties(locaties_filter, gekozen)
    gemeenten = dict(
        Gemeente.objects.filter(pk__in={v.gemeente_id for v in vragen} | set(gemeente_ids)).values_list(
            "pk", "naam"
        )
    )
    huizen: dict[int, str] = {}
    if met_huizen:
        ids = {v.huis_id for v in vragen} | {loc.huis_id for loc in locaties.values()} | set(huis_ids)
        huizen = dict(Huis.objects.filter(pk__in=ids).values_list("pk", "naam"))
    return Gegevens(
        vragen=vragen,
        niet_bevestigd=niet_bevestigd,
        keuzes=keuzes,
        locaties=locaties,
        aangeboden=_aangeboden(locaties),
        gemeenten=gemeenten,
        huizen=huizen,
    )
