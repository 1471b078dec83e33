"""Reads for the analysis of the survey (`bevraging.analyse`): a fixed number of queries, none per
Huis or per question. It is also the analysis's face for other apps: the reports compute and show
the figures with the functions listed in `__all__` (from `bevraging.analyse.berekening` and
`bevraging.analyse.weergave`), on the data these reads return.

Only submitted or validated responses count. Raw answers of all Huizen leave this module only for
Opgroeien staff (`analysegegevens`, `vergelijkingsbronnen`; anyone else gets PermissionDenied). A
coordinator gets `huisvergelijking`: their own Huis's answers, once submitted, next to aggregates
computed here, so no other Huis's answer or open text reaches their page.

The facts of a Huis (gemeenten, VRIND clusters, provinces, gemeentelijk/intergemeentelijk, physical
location ja / gepland / nee) are those of the wave (`bevraging.selectors.kenmerken`): as the wave
kept them when it closed, or else as they were on its reference date. So a wave is read as it was,
and every breakdown, filter and comparison of it uses its own facts; a comparison of waves counts
gemeenten that merged since under today's gemeente (`fusies`) and says so.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q

from bevraging.analyse.berekening import (
    Huisvergelijking,
    kruistabel,
    open_antwoorden,
    samenvatting,
    verdeling,
    vergelijking,
)
from bevraging.analyse.berekening import huisvergelijking as bereken_huisvergelijking
from bevraging.analyse.gegevens import (
    MINIMUM_ANTWOORDEN,
    Antwoordinfo,
    Dimensie,
    Golfinfo,
    Huisinfo,
    Koppelinginfo,
    Optie,
    Vraaginfo,
)
from bevraging.analyse.weergave import (
    Koppelingen,
    kerncijfertabel,
    kruistabelgrafiek,
    kruistabeltabel,
    verdelingsgrafiek,
    verdelingstabel,
    vergelijkingsgrafiek,
    vergelijkingstabel,
)
from bevraging.models import Antwoord, Antwoordoptie, Golf, Respons, Responsstatus, Vraag, Vraagkoppeling
from bevraging.rechten import eis_opgroeien
from bevraging.selectors import responsen_zichtbaar_voor, vragen_van_golf
from bevraging.selectors.kenmerken import fusies_sinds, kenmerken_van_golf, peildatum_van
from huizen.models import Huis, VrindCluster
from huizen.selectors import Selectie
from kern.cijfers import Filter
from kern.versies import gecachet

AFGEROND = [Responsstatus.INGEDIEND, Responsstatus.GEVALIDEERD]

__all__ = [
    # the reads of this module
    "AFGEROND",
    "Analysegegevens",
    "Clusters",
    "Vergelijkingsbron",
    "analyse_scopes",
    "analysegegevens",
    "gekoppelde_golven",
    "vraag_en_koppelingen",
    "clusters",
    "fusies",
    "golfinfo",
    "huisvergelijking",
    "huisvergelijking_voor_rapport",
    "vergelijkingsbronnen",
    "vraag_van",
    "vraaginfo",
    # what the reports compute and show with them (bevraging.analyse.berekening and .weergave)
    "MINIMUM_ANTWOORDEN",
    "Dimensie",
    "Koppelingen",
    "kerncijfertabel",
    "kruistabel",
    "kruistabelgrafiek",
    "kruistabeltabel",
    "open_antwoorden",
    "samenvatting",
    "verdeling",
    "verdelingsgrafiek",
    "verdelingstabel",
    "vergelijking",
    "vergelijkingsgrafiek",
    "vergelijkingstabel",
]


# --- from rows to the plain records of bevraging.analyse.gegevens ------------------------------------------


def vraaginfo(vraag: Vraag) -> Vraaginfo:
    """A question as plain data (with its options, theme and parent from a prefetch if there is one)."""
    return Vraaginfo(
        sleutel=vraag.sleutel,
        tekst=vraag.tekst,
        type=vraag.type,
        opties=tuple(Optie(o.code, o.label, o.is_andere) for o in vraag.opties()),
        afhankelijk_van=vraag.afhankelijk_van.sleutel if vraag.afhankelijk_van_id else "",
        toon_als=tuple(str(c) for c in (vraag.toon_als or [])),
        thema=vraag.thema.sleutel,
        thema_titel=vraag.thema.titel,
        groep_tekst=vraag.groep_tekst,
        item=vraag.item,
        open_veld=vraag.open_veld,
        open_veld_label=vraag.open_veld_label,
        decimalen=vraag.decimalen,
        eenheid=vraag.eenheid,
    )


def golfinfo(golf: Golf) -> Golfinfo:
    return Golfinfo(
        pk=golf.pk,
        jaar=golf.jaar,
        naam=golf.naam,
        modus=golf.modus,
        modus_label=str(golf.get_modus_display()),
    )


@dataclass(frozen=True)
class Clusters:
    """The VRIND clusters: by number their label ("3. Grootsteden"), and their number by id."""

    namen: dict[int, str]
    nummer_van: dict[int, int]


def clusters() -> Clusters:
    namen, nummers = {}, {}
    for pk, nummer, naam in VrindCluster.objects.order_by("nummer").values_list("pk", "nummer", "naam"):
        namen[nummer] = f"{nummer}. {naam}"
        nummers[pk] = nummer
    return Clusters(namen=namen, nummer_van=nummers)


def _met_voorouders(vragen: Sequence[Vraaginfo], sleutels: Iterable[str]) -> set[str]:
    """The keys and every question their skip logic depends on (to tell missing from not applicable)."""
    per_sleutel = {v.sleutel: v for v in vragen}
    gevonden: set[str] = set()
    for sleutel in sleutels:
        while sleutel and sleutel not in gevonden and sleutel in per_sleutel:
            gevonden.add(sleutel)
            sleutel = per_sleutel[sleutel].afhankelijk_van
    return gevonden


def _in_filter(huis: Huisinfo, filter: Filter, selectie: Selectie) -> bool:
    """Whether the Huis, as it was in the wave, is in the chosen provincie, cluster, werking and
    physical location."""
    return (
        (not filter.provincie or filter.provincie in huis.provincies)
        and (filter.cluster is None or filter.cluster in huis.clusters)
        and (not selectie.soort or selectie.soort == huis.werking)
        and (not selectie.fysiek or selectie.fysiek == huis.fysiek)
    )


@dataclass(frozen=True)
class _Golfhuizen:
    huizen: list[Huisinfo]  # in the filter, by name
    peildatum: datetime.date | None  # the one day all were taken on (None: several or none)
    vastgelegd: bool  # all kept when the wave closed
    samengevoegd: tuple  # the gemeenten among theirs that merged since (Gemeente rows)


def _huizen(golf: Golf, filter: Filter, selectie: Selectie, huis_ids: Iterable[int]) -> _Golfhuizen:
    """The Huizen as they were in the wave (see `bevraging.selectors.kenmerken`), in the filter."""
    kenmerken = kenmerken_van_golf(golf, huis_ids)
    huizen = []
    for pk, naam, slug in (
        Huis.objects.filter(pk__in=list(kenmerken)).order_by("naam").values_list("pk", "naam", "slug")
    ):
        k = kenmerken[pk]
        info = Huisinfo(
            pk=pk,
            naam=naam,
            slug=slug,
            gemeenten=tuple(dict.fromkeys(g.naam for g in k.gemeenten)),
            clusters=k.clusters,
            provincies=k.provincies,
            werking=k.werking,
            fysiek=k.fysieke_locatie,
        )
        if _in_filter(info, filter, selectie):
            huizen.append(info)
    dagen = {k.peildatum for k in kenmerken.values()}
    samengevoegd = {g.pk: g for k in kenmerken.values() for g in k.gemeenten if g.opvolger_id}
    return _Golfhuizen(
        huizen=huizen,
        peildatum=dagen.pop() if len(dagen) == 1 else (None if dagen else peildatum_van(golf)),
        vastgelegd=bool(kenmerken) and all(k.vastgelegd for k in kenmerken.values()),
        samengevoegd=tuple(samengevoegd.values()),
    )


def _antwoorden(antwoorden, vragen_per_id: dict[int, Vraaginfo], huizen: set[int], met_teksten: bool):
    velden = ["respons__huis_id", "vraag_id", "waarde"]
    if met_teksten:
        velden += ["toelichting", "andere_tekst"]
    per_huis: dict[int, dict[str, Antwoordinfo]] = {}
    for rij in antwoorden.order_by().values_list(*velden):
        huis_id, vraag_id, waarde = rij[:3]
        vraag = vragen_per_id.get(vraag_id)
        if vraag is None or huis_id not in huizen:
            continue
        teksten = rij[3:] if met_teksten else ("", "")
        per_huis.setdefault(huis_id, {})[vraag.sleutel] = Antwoordinfo(waarde, teksten[0], teksten[1])
    return per_huis


# --- Opgroeien: the answers of all Huizen ---------------------------------------------------------


@dataclass(frozen=True)
class Analysegegevens:
    golf: Golfinfo
    vragen: list[Vraaginfo]  # every question of the wave, in order
    huizen: list[Huisinfo]  # the responding Huizen in the filter, by name
    antwoorden: dict[int, dict[str, Antwoordinfo]]  # only of those Huizen (and the asked questions)
    clusternamen: dict[int, str]
    responsen: int  # submitted or validated responses in the wave, whatever the filter
    peildatum: datetime.date | None = None  # the day the Huizen are taken as they were
    vastgelegd: bool = False  # the wave kept its Huizen when it closed
    samengevoegd: tuple = ()  # gemeenten of its Huizen then that merged since (Gemeente rows)

    @property
    def per_sleutel(self) -> dict[str, Vraaginfo]:
        return {v.sleutel: v for v in self.vragen}

    @property
    def huis_pks(self) -> list[int]:
        return [h.pk for h in self.huizen]

    def vraag(self, sleutel: str) -> Vraaginfo | None:
        return self.per_sleutel.get(sleutel)


ALLEEN_OPGROEIEN = "Alleen medewerkers van Opgroeien zien de antwoorden van alle Huizen."


def analysegegevens(
    gebruiker,
    *,
    golf: Golf,
    filter: Filter | None = None,
    selectie: Selectie | None = None,
    sleutels: Iterable[str] | None = None,
    met_teksten: bool = False,
    clusters_: Clusters | None = None,
) -> Analysegegevens:
    """The questions of the wave and the answers of its responding Huizen in the filter, for
    Opgroeien staff. `sleutels` limits the answers read to those questions (and the questions their
    skip logic depends on); `met_teksten` also reads the open field and "andere" texts.

    Eight queries however many Huizen and questions: the questions with their options, the
    clusters, the Huizen (with two prefetches), the number of responses and the answers.
    """
    eis_opgroeien(gebruiker, ALLEEN_OPGROEIEN)
    filter, selectie = filter or Filter(), selectie or Selectie()
    clusters_ = clusters_ or clusters()
    modellen = vragen_van_golf(golf)
    vragen = [vraaginfo(v) for v in modellen]
    responsen = responsen_zichtbaar_voor(gebruiker, golf).filter(status__in=AFGEROND)
    golfhuizen = _huizen(golf, filter, selectie, responsen.values_list("huis_id", flat=True))
    huizen = golfhuizen.huizen
    antwoorden = Antwoord.objects.zichtbaar_voor(gebruiker).filter(respons__in=responsen.values("pk"))
    per_id = {m.pk: v for m, v in zip(modellen, vragen, strict=True)}
    if sleutels is not None:
        gevraagd = _met_voorouders(vragen, sleutels)
        per_id = {pk: v for pk, v in per_id.items() if v.sleutel in gevraagd}
        antwoorden = antwoorden.filter(vraag_id__in=list(per_id))
    return Analysegegevens(
        golf=golfinfo(golf),
        vragen=vragen,
        huizen=huizen,
        antwoorden=_antwoorden(antwoorden, per_id, {h.pk for h in huizen}, met_teksten),
        clusternamen=clusters_.namen,
        responsen=responsen.count(),
        peildatum=golfhuizen.peildatum,
        vastgelegd=golfhuizen.vastgelegd,
        samengevoegd=golfhuizen.samengevoegd,
    )


def fusies(*gegevens: Analysegegevens) -> list[tuple[str, str]]:
    """The gemeenten of the Huizen of these waves that merged since, each with the gemeente it is
    part of today (a comparison of the waves counts them under today's)."""
    return fusies_sinds(gemeente for g in gegevens if g is not None for gemeente in g.samengevoegd)


#: The data versions of the analysis pages as a whole: a change of any wave raises "bevraging"
#: too (`bevraging.services.versiescopes`), so these hold for every wave and its mapped waves.
PAGINA_SCOPES = ("bevraging", "huizen", "referentie")


def analyse_scopes(golf: Golf, *andere: int) -> list[str]:
    """The data versions an analysis of the wave (and of the waves `andere`, by pk) depends on:
    the answers, questionnaire and kept Huizen of the waves (`Golfhuis`), and the facts of the
    Huizen a wave did not keep (werkingsgebied, locations, gemeenten and their mergers), computed on
    its reference date."""
    return [*(f"golf:{pk}" for pk in sorted({golf.pk, *andere})), "huizen", "referentie"]


def vraag_van(golf: Golf, sleutel: str) -> Vraaginfo | None:
    """One question of the wave by its key (None when the wave does not have it)."""
    vraag = (
        Vraag.objects.filter(vragenlijst__golf=golf, sleutel=sleutel)
        .select_related("thema", "afhankelijk_van")
        .prefetch_related(
            Prefetch("antwoordopties", queryset=Antwoordoptie.objects.order_by("volgorde", "pk"))
        )
        .first()
    )
    return vraaginfo(vraag) if vraag else None


def gekoppelde_golven(golf: Golf, sleutel: str) -> set[int]:
    """The pks of the other waves the question `sleutel` of `golf` is mapped onto (one query)."""
    paren = Vraagkoppeling.objects.filter(
        Q(naar_vraag__vragenlijst__golf=golf, naar_vraag__sleutel=sleutel)
        | Q(van_vraag__vragenlijst__golf=golf, van_vraag__sleutel=sleutel)
    ).values_list("van_vraag__vragenlijst__golf_id", "naar_vraag__vragenlijst__golf_id")
    return {pk for paar in paren for pk in paar} - {golf.pk}


def vraag_en_koppelingen(golf: Golf, sleutel: str) -> tuple[Vraaginfo | None, set[int]]:
    """`vraag_van` and `gekoppelde_golven`, cached by the wave's data version: a change of the
    question, its options or a mapping of it raises the version of its wave."""
    return gecachet(
        "bevraging-vraag",
        [f"golf:{golf.pk}"],
        lambda: (vraag_van(golf, sleutel), gekoppelde_golven(golf, sleutel)),
        golf.pk,
        sleutel,
    )


@dataclass(frozen=True)
class Vergelijkingsbron:
    """A mapping of the question onto another wave, and that wave's answers (when comparable)."""

    koppeling: Koppelinginfo
    golf_is_later: bool  # the analysed wave is the mapping's later wave
    ander: Analysegegevens | None  # the other wave's data; None when not comparable

    @property
    def andere_sleutel(self) -> str:
        return self.koppeling.van.sleutel if self.golf_is_later else self.koppeling.naar.sleutel


def vergelijkingsbronnen(
    gebruiker,
    *,
    golf: Golf,
    sleutel: str,
    filter: Filter | None = None,
    selectie: Selectie | None = None,
    clusters_: Clusters | None = None,
) -> list[Vergelijkingsbron]:
    """Every mapping of the question `sleutel` of `golf` onto a question of another wave, with that
    wave's answers in the same filter for the comparable ones (earliest wave first)."""
    eis_opgroeien(gebruiker, ALLEEN_OPGROEIEN)
    clusters_ = clusters_ or clusters()
    koppelingen = list(
        Vraagkoppeling.objects.filter(
            Q(naar_vraag__vragenlijst__golf=golf, naar_vraag__sleutel=sleutel)
            | Q(van_vraag__vragenlijst__golf=golf, van_vraag__sleutel=sleutel)
        )
        .select_related(
            "van_vraag__thema",
            "van_vraag__afhankelijk_van",
            "van_vraag__vragenlijst__golf",
            "naar_vraag__thema",
            "naar_vraag__afhankelijk_van",
            "naar_vraag__vragenlijst__golf",
        )
        .prefetch_related("van_vraag__antwoordopties", "naar_vraag__antwoordopties")
        .order_by("van_vraag__vragenlijst__golf__jaar", "naar_vraag__vragenlijst__golf__jaar", "pk")
    )
    andere_golven: dict[int, tuple[Golf, set[str]]] = {}
    bronnen = []
    for k in koppelingen:
        van_golf, naar_golf = k.van_vraag.vragenlijst.golf, k.naar_vraag.vragenlijst.golf
        info = Koppelinginfo(
            soort=k.soort,
            notitie=k.notitie,
            van=vraaginfo(k.van_vraag),
            naar=vraaginfo(k.naar_vraag),
            van_golf=golfinfo(van_golf),
            naar_golf=golfinfo(naar_golf),
            optiemapping=dict(k.optiemapping or {}),
        )
        is_later = naar_golf.pk == golf.pk
        bronnen.append((info, is_later))
        if info.vergelijkbaar:
            ander = van_golf if is_later else naar_golf
            andere_sleutel = info.van.sleutel if is_later else info.naar.sleutel
            andere_golven.setdefault(ander.pk, (ander, set()))[1].add(andere_sleutel)
    gegevens = {
        pk: analysegegevens(
            gebruiker, golf=ander, filter=filter, selectie=selectie, sleutels=sleutels, clusters_=clusters_
        )
        for pk, (ander, sleutels) in andere_golven.items()
    }
    return [
        Vergelijkingsbron(
            koppeling=info,
            golf_is_later=is_later,
            ander=gegevens.get((info.van_golf if is_later else info.naar_golf).pk)
            if info.vergelijkbaar
            else None,
        )
        for info, is_later in bronnen
    ]


# --- a coordinator: their Huis against the averages -----------------------------------------------


def huisvergelijking(gebruiker, *, huis: Huis, golf: Golf) -> Huisvergelijking:
    """The Huis's own answers (only when its response is submitted or validated and the user may
    read it) next to the Flemish and cluster figures. Returns aggregates only: the answers of the
    other Huizen are read here to compute them and go no further."""
    if not Huis.objects.zichtbaar_voor(gebruiker).filter(pk=huis.pk).exists():
        raise PermissionDenied("U hoort niet bij dit Huis.")
    eigen_zichtbaar = (
        responsen_zichtbaar_voor(gebruiker, golf).filter(huis=huis, status__in=AFGEROND).exists()
    )
    return _huisvergelijking(huis=huis, golf=golf, met_eigen_antwoorden=eigen_zichtbaar)


def huisvergelijking_voor_rapport(*, huis: Huis, golf: Golf) -> Huisvergelijking:
    """`huisvergelijking` for a report made in the background for Opgroeien (there is no user to
    check): the Huis's own submitted answers next to the aggregates."""
    return _huisvergelijking(huis=huis, golf=golf, met_eigen_antwoorden=True)


def _huisvergelijking(*, huis: Huis, golf: Golf, met_eigen_antwoorden: bool) -> Huisvergelijking:
    clusters_ = clusters()
    modellen = vragen_van_golf(golf)
    vragen = [vraaginfo(v) for v in modellen]
    # A cross-Huis read: every submitted response, for the aggregates only.
    alle_responsen = Respons.objects.filter(golf=golf, status__in=AFGEROND)
    respondenten = set(alle_responsen.values_list("huis_id", flat=True))
    huizen = _huizen(golf, Filter(), Selectie(), respondenten | {huis.pk}).huizen
    per_id = {m.pk: v for m, v in zip(modellen, vragen, strict=True)}
    antwoorden = _antwoorden(
        Antwoord.objects.filter(respons__in=alle_responsen.values("pk")), per_id, respondenten, False
    )
    eigen_info = next((h for h in huizen if h.pk == huis.pk), None) or Huisinfo(pk=huis.pk, naam=huis.naam)
    eigen = antwoorden.get(huis.pk, {}) if met_eigen_antwoorden and huis.pk in respondenten else None
    return bereken_huisvergelijking(
        vragen,
        antwoorden,
        [h for h in huizen if h.pk in respondenten],
        eigen_info,
        eigen,
        clusters_.namen,
    )
