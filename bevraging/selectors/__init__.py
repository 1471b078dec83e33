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
from kern.tenancy import is_opgroeien


def golven() -> QuerySet[Golf]:
    return Golf.objects.select_related("vragenlijst").order_by("-jaar")


def huidige_golf() -> Golf | None:
    """The open wave, if there is one (there is never more than one)."""
    return Golf.objects.filter(status=Golfstatus.OPEN).select_related("vragenlijst").first()


def vragen_van(vragenlijst: Vragenlijst) -> QuerySet[Vraag]:
    """The questions a version asks in order, with their options, theme and skip-logic parent
    (not the retired ones: those stay in the version only for comparison)."""
    return (
        Vraag.objects.filter(vragenlijst=vragenlijst, ingetrokken=False)
        .select_related("thema", "afhankelijk_van")
        .prefetch_related(
            Prefetch("antwoordopties", queryset=Antwoordoptie.objects.order_by("volgorde", "pk"))
        )
        .order_by("thema__volgorde", "volgorde", "pk")
    )


def vragen_van_golf(golf: Golf) -> list[Vraag]:
    """The questions of the wave's questionnaire in order (none while it has no questionnaire)."""
    if not hasattr(golf, "vragenlijst"):
        return []
    return list(vragen_van(golf.vragenlijst))


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
    return zichtbaar_volgens(vragen, {vraag_id: a.waarde for vraag_id, a in antwoorden.items()})


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


# === Interview workflow: the wave pages, the interviewer's pages and the coordinator's pages ====
# Reads for bevraging/views_interview.py. Everything here runs a fixed number of queries, also for
# a page of many Huizen or responses.


def zichtbaar_volgens(vragen: list[Vraag], waarden: dict[int, object]) -> list[Vraag]:
    """The questions the skip logic shows for the answer values `waarden` (question id -> value).

    The rule of `zichtbare_vragen`, without queries: for a page that already holds the questions,
    for many responses at once, or for input that is not saved yet.
    """
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
            codes = set(ouder.gekozen_codes(waarden.get(ouder.pk)))
            resultaat = is_zichtbaar(ouder, keten | {vraag.pk}) and bool(
                codes & {str(c) for c in vraag.toon_als}
            )
        zichtbaar[vraag.pk] = resultaat
        return resultaat

    return [v for v in vragen if is_zichtbaar(v)]


def voortgang_volgens(
    themas: list[Thema], vragen: list[Vraag], waarden: dict[int, object]
) -> list[Voortgang]:
    """Per theme: the shown required questions that are answered, for the answer values `waarden`."""
    per_thema: dict[int, list[int]] = {}
    for vraag in zichtbaar_volgens(vragen, waarden):
        if vraag.verplicht:
            tellers = per_thema.setdefault(vraag.thema_id, [0, 0])
            tellers[1] += 1
            if not is_leeg(waarden.get(vraag.pk)):
                tellers[0] += 1
    return [Voortgang(thema, *per_thema.get(thema.pk, [0, 0])) for thema in themas]


@dataclass(frozen=True)
class Stand:
    """The completion of one response: per theme and over the whole questionnaire."""

    themas: list[Voortgang]

    @property
    def beantwoord(self) -> int:
        return sum(v.beantwoord for v in self.themas)

    @property
    def te_beantwoorden(self) -> int:
        return sum(v.te_beantwoorden for v in self.themas)

    @property
    def percentage(self) -> int:
        return round(100 * self.beantwoord / self.te_beantwoorden) if self.te_beantwoorden else 100

    @property
    def volledig(self) -> bool:
        return self.beantwoord >= self.te_beantwoorden

    @property
    def eerste_onvolledige(self) -> Thema | None:
        return next((v.thema for v in self.themas if not v.volledig), None)


def themas_van(golf: Golf) -> list[Thema]:
    return list(Thema.objects.filter(vragenlijst__golf=golf).order_by("volgorde", "pk"))


def stand_van_responsen(golf: Golf, respons_ids) -> dict[int, Stand]:
    """The completion of many responses of one wave, in a fixed number of queries."""
    ids = list(respons_ids)
    vragenlijst = Vragenlijst.objects.filter(golf=golf).first()
    if not ids or vragenlijst is None:
        return {}
    vragen = list(vragen_van(vragenlijst))
    themas = themas_van(golf)
    waarden: dict[int, dict[int, object]] = {i: {} for i in ids}
    for respons_id, vraag_id, waarde in Antwoord.objects.filter(respons_id__in=ids).values_list(
        "respons_id", "vraag_id", "waarde"
    ):
        waarden[respons_id][vraag_id] = waarde
    return {i: Stand(voortgang_volgens(themas, vragen, waarden[i])) for i in ids}


@dataclass(frozen=True)
class Golftelling:
    """How far a wave is: assigned Huizen and responses per status."""

    toegewezen: int = 0
    niet_gestart: int = 0
    concept: int = 0
    ingediend: int = 0
    gevalideerd: int = 0
    heropend: int = 0


def golftellingen(golf_ids) -> dict[int, Golftelling]:
    """Per wave: assigned Huizen and responses per status ("niet gestart" counts the assigned Huizen
    without a response too), in three queries for all waves."""
    from django.db.models import Count, Exists, OuterRef

    ids = list(golf_ids)
    tellers: dict[int, dict[str, int]] = {i: {} for i in ids}
    for rij in Toewijzing.objects.filter(golf_id__in=ids).values("golf_id").annotate(n=Count("pk")):
        tellers[rij["golf_id"]]["toegewezen"] = rij["n"]
    zonder_respons = (
        Toewijzing.objects.filter(golf_id__in=ids)
        .exclude(Exists(Respons.objects.filter(golf=OuterRef("golf"), huis=OuterRef("huis"))))
        .values("golf_id")
        .annotate(n=Count("pk"))
    )
    for rij in zonder_respons:
        tellers[rij["golf_id"]]["niet_gestart"] = rij["n"]
    for rij in Respons.objects.filter(golf_id__in=ids).values("golf_id", "status").annotate(n=Count("pk")):
        huidige = tellers[rij["golf_id"]]
        huidige[rij["status"]] = huidige.get(rij["status"], 0) + rij["n"]
    return {i: Golftelling(**tellers[i]) for i in ids}


def responsen_per_status(golf: Golf) -> dict[str, int]:
    """Opgroeien: how many responses of the wave have each status (one query)."""
    from django.db.models import Count

    rijen = Respons.objects.filter(golf=golf).values_list("status").annotate(n=Count("pk")).order_by()
    return dict(rijen)


ZONDER_INTERVIEWER = "geen"


def huizen_van_golf(
    golf: Golf, *, provincie: str = "", cluster: int | None = None, status: str = "", interviewer: str = ""
):
    """All Huizen with their interviewer and response in the wave, filtered, in a fixed number of queries.

    Each Huis carries `interviewer_pk`, `interviewer_naam`, `interviewer_email`, `respons_pk`,
    `respons_status` (None without a response) and `werkingsgebied_vandaag` (with gemeente and
    cluster). `status` "niet_gestart" also picks the Huizen without a response; `interviewer`
    is a user id or ZONDER_INTERVIEWER.
    """
    from django.db.models import OuterRef, Q, Subquery
    from django.utils import timezone

    from huizen.models import Werkingsgebied
    from huizen.selectors import huizen_in
    from kern.cijfers import Filter

    toewijzing = Toewijzing.objects.filter(golf=golf, huis=OuterRef("pk"))
    respons = Respons.objects.filter(golf=golf, huis=OuterRef("pk"))
    huizen = huizen_in(Filter(provincie=provincie, cluster=cluster)).annotate(
        interviewer_pk=Subquery(toewijzing.values("interviewer_id")[:1]),
        interviewer_naam=Subquery(toewijzing.values("interviewer__naam")[:1]),
        interviewer_email=Subquery(toewijzing.values("interviewer__email")[:1]),
        respons_pk=Subquery(respons.values("pk")[:1]),
        respons_status=Subquery(respons.values("status")[:1]),
    )
    if status == "niet_gestart":
        huizen = huizen.filter(Q(respons_status__isnull=True) | Q(respons_status=status))
    elif status:
        huizen = huizen.filter(respons_status=status)
    if interviewer == ZONDER_INTERVIEWER:
        huizen = huizen.filter(interviewer_pk__isnull=True)
    elif interviewer:
        huizen = huizen.filter(interviewer_pk=interviewer)
    return huizen.prefetch_related(
        Prefetch(
            "werkingsgebied",
            queryset=Werkingsgebied.objects.geldig_op(timezone.localdate())
            .select_related("gemeente__cluster")
            .order_by("gemeente__naam"),
            to_attr="werkingsgebied_vandaag",
        )
    ).order_by("naam")


def interviewers():
    """The Opgroeien staff who can be assigned as interviewer."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(is_opgroeien=True, is_active=True).order_by("naam", "email")


def toewijzing_van(golf: Golf, huis) -> Toewijzing | None:
    return Toewijzing.objects.filter(golf=golf, huis=huis).select_related("interviewer").first()


def respons_van(gebruiker, golf: Golf, huis) -> Respons | None:
    """The Huis's response in the wave as the user may see it (None: none, or not visible)."""
    return responsen_zichtbaar_voor(gebruiker, golf).filter(huis=huis).first()


def statuswijzigingen_van(respons: Respons):
    from bevraging.models import Statuswijziging

    return Statuswijziging.objects.filter(respons=respons).select_related("door").order_by("tijdstip", "pk")


def commentaren_bij(respons: Respons, gebruiker):
    """The coordinator's comments on a response, oldest first, as the user may see them."""
    from bevraging.models import Commentaar

    return (
        Commentaar.objects.zichtbaar_voor(gebruiker)
        .filter(respons=respons)
        .select_related("auteur", "thema", "vraag")
        .order_by("aangemaakt", "pk")
    )


@dataclass(frozen=True)
class Leesbaar:
    """An answer as a reader sees it: the chosen labels or the value, and the open field."""

    vraag: Vraag
    waarden: list[str]
    toelichting: str = ""

    @property
    def beantwoord(self) -> bool:
        return bool(self.waarden or self.toelichting)


MET_OPTIES_LEESBAAR = {"ja_nee", "enkele_keuze", "meervoudige_keuze", "leeftijdscategorieen"}


def leesbaar(vraag: Vraag, antwoord: Antwoord | None) -> Leesbaar:
    """The answer to a question in words (option labels, "4 – redelijk goed zicht", 1.250 euro)."""
    from django.utils.formats import number_format

    from bevraging.models import Vraagtype

    if antwoord is None:
        return Leesbaar(vraag, [])
    waarde = antwoord.waarde
    labels = {o.code: o for o in vraag.opties()}
    waarden: list[str] = []
    if vraag.type == Vraagtype.GETAL and isinstance(waarde, int | float) and not isinstance(waarde, bool):
        tekst = number_format(waarde, decimal_pos=vraag.decimalen, force_grouping=True)
        waarden = [f"{tekst} {vraag.eenheid}".strip()]
    elif vraag.type == Vraagtype.SCORE and not is_leeg(waarde):
        optie = labels.get(str(waarde))
        waarden = [f"{waarde} – {optie.label}" if optie else str(waarde)]
    elif vraag.type in MET_OPTIES_LEESBAAR:
        for code in vraag.gekozen_codes(waarde):
            optie = labels.get(code)
            label = optie.label if optie else code
            if optie and optie.is_andere and antwoord.andere_tekst:
                label = f"{label.rstrip(' …:.')}: {antwoord.andere_tekst}"
            waarden.append(label)
    elif not is_leeg(waarde):
        waarden = [str(waarde)]
    return Leesbaar(vraag, waarden, antwoord.toelichting)


def leesbare_respons(respons: Respons) -> list[tuple[Thema, list[Leesbaar]]]:
    """Per theme, the answers to the questions the skip logic shows, in words."""
    vragen = list(vragen_van(respons.golf.vragenlijst))
    antwoorden = {a.vraag_id: a for a in Antwoord.objects.filter(respons=respons)}
    zichtbaar = zichtbaar_volgens(vragen, {k: a.waarde for k, a in antwoorden.items()})
    per_thema: dict[int, list[Leesbaar]] = {}
    for vraag in zichtbaar:
        per_thema.setdefault(vraag.thema_id, []).append(leesbaar(vraag, antwoorden.get(vraag.pk)))
    return [(thema, per_thema.get(thema.pk, [])) for thema in themas_van(respons.golf)]


# === end of the interview workflow block ========================================================
