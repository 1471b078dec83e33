"""Reads of the bevraging app: waves, questionnaire content, visible questions and progress.

Tenant-owned rows (responses, answers, comments, assignments) are read through their
`zichtbaar_voor` querysets; a coordinator sees only the submitted or validated response of their
own Huis, Opgroeien staff see all.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from bevraging.models import (
    Antwoord,
    Antwoordoptie,
    Golf,
    Golfstatus,
    Respons,
    Thema,
    Toewijzing,
    Vraag,
    Vraagkoppeling,
    Vragenlijst,
    is_leeg,
)
from hvhk.tenancy import is_opgroeien


def golven() -> QuerySet[Golf]:
    return Golf.objects.select_related("vragenlijst").order_by("-jaar")


def huidige_golf() -> Golf | None:
    """The open wave, if there is one (there is never more than one)."""
    return Golf.objects.filter(status=Golfstatus.OPEN).select_related("vragenlijst").first()


def vragen_van(vragenlijst: Vragenlijst) -> QuerySet[Vraag]:
    """The questions of a version in order, with their options, theme and skip-logic parent."""
    return (
        Vraag.objects.filter(vragenlijst=vragenlijst)
        .select_related("thema", "afhankelijk_van")
        .prefetch_related(
            Prefetch("antwoordopties", queryset=Antwoordoptie.objects.order_by("volgorde", "pk"))
        )
        .order_by("thema__volgorde", "volgorde", "pk")
    )


def vragenlijst_inhoud(vragenlijst: Vragenlijst) -> list[Thema]:
    """The themes of a version in order, each with `.vragen.all()` (and their options) prefetched."""
    return list(
        Thema.objects.filter(vragenlijst=vragenlijst)
        .order_by("volgorde", "pk")
        .prefetch_related(
            Prefetch(
                "vragen",
                queryset=Vraag.objects.order_by("volgorde", "pk")
                .select_related("afhankelijk_van")
                .prefetch_related(
                    Prefetch("antwoordopties", queryset=Antwoordoptie.objects.order_by("volgorde", "pk"))
                ),
            )
        )
    )


def responsen_zichtbaar_voor(gebruiker, golf: Golf | None = None) -> QuerySet[Respons]:
    """Responses the user may read: all for Opgroeien, the Huis's submitted ones for its members."""
    responsen = Respons.objects.zichtbaar_voor(gebruiker).select_related("golf", "huis", "interviewer")
    if not is_opgroeien(gebruiker):
        responsen = responsen.afgerond()
    if golf is not None:
        responsen = responsen.filter(golf=golf)
    return responsen


def antwoorden_per_sleutel(respons: Respons) -> dict[str, Antwoord]:
    return {a.vraag.sleutel: a for a in Antwoord.objects.filter(respons=respons).select_related("vraag")}


def zichtbare_vragen(respons: Respons, *, antwoorden: dict[int, Antwoord] | None = None) -> list[Vraag]:
    """The questions the skip logic shows for this response, in order.

    A question with `afhankelijk_van` is shown when that question is shown and its answer holds one
    of the codes in `toon_als`.
    """
    if antwoorden is None:
        antwoorden = {a.vraag_id: a for a in Antwoord.objects.filter(respons=respons)}
    vragen = list(vragen_van(respons.golf.vragenlijst))
    per_id = {v.pk: v for v in vragen}
    zichtbaar: dict[int, bool] = {}

    def is_zichtbaar(vraag: Vraag, keten: frozenset[int] = frozenset()) -> bool:
        if vraag.pk in zichtbaar:
            return zichtbaar[vraag.pk]
        if vraag.afhankelijk_van_id is None:
            resultaat = True
        elif vraag.afhankelijk_van_id in keten or vraag.afhankelijk_van_id not in per_id:
            resultaat = False
        else:
            ouder = per_id[vraag.afhankelijk_van_id]
            antwoord = antwoorden.get(ouder.pk)
            codes = set(ouder.gekozen_codes(antwoord.waarde)) if antwoord else set()
            resultaat = is_zichtbaar(ouder, keten | {vraag.pk}) and bool(
                codes & {str(c) for c in vraag.toon_als}
            )
        zichtbaar[vraag.pk] = resultaat
        return resultaat

    return [v for v in vragen if is_zichtbaar(v)]


@dataclass(frozen=True)
class Voortgang:
    thema: Thema
    beantwoord: int
    te_beantwoorden: int

    @property
    def volledig(self) -> bool:
        return self.beantwoord >= self.te_beantwoorden

    @property
    def percentage(self) -> int:
        return round(100 * self.beantwoord / self.te_beantwoorden) if self.te_beantwoorden else 100


def voortgang_per_thema(respons: Respons) -> list[Voortgang]:
    """Per theme: how many of the shown required questions are answered (for the interviewer's menu)."""
    antwoorden = {a.vraag_id: a for a in Antwoord.objects.filter(respons=respons)}
    per_thema: dict[int, list[int]] = {}
    themas: dict[int, Thema] = {}
    for vraag in zichtbare_vragen(respons, antwoorden=antwoorden):
        themas[vraag.thema_id] = vraag.thema
        tellers = per_thema.setdefault(vraag.thema_id, [0, 0])
        if vraag.verplicht:
            tellers[1] += 1
            antwoord = antwoorden.get(vraag.pk)
            if antwoord is not None and not is_leeg(antwoord.waarde):
                tellers[0] += 1
    alle = Thema.objects.filter(vragenlijst__golf_id=respons.golf_id).order_by("volgorde", "pk")
    return [Voortgang(thema, *per_thema.get(thema.pk, [0, 0])) for thema in alle]


def toewijzingen_van(interviewer, golf: Golf | None = None) -> QuerySet[Toewijzing]:
    toewijzingen = Toewijzing.objects.filter(interviewer=interviewer).select_related("golf", "huis")
    return toewijzingen.filter(golf=golf) if golf is not None else toewijzingen


def koppelingen_tussen(van_golf: Golf, naar_golf: Golf) -> QuerySet[Vraagkoppeling]:
    """The mappings from an earlier wave's questions onto a later wave's."""
    return Vraagkoppeling.objects.filter(
        van_vraag__vragenlijst__golf=van_golf, naar_vraag__vragenlijst__golf=naar_golf
    ).select_related("van_vraag", "naar_vraag")
