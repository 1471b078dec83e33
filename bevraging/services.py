"""Writes of the bevraging app: questionnaires, waves, assignments, responses and comments.

Every status change goes through the tables in `bevraging.workflow`. A questionnaire version can
only change while its wave is in preparation: `open_golf` freezes it, and from then on these
services (and the models' own save/delete) refuse any change to its themes, questions and options.
Answers are saved with optimistic locking: the caller passes the response `versie` it started from
and gets `VerouderdeRespons` when someone saved in between, so an autosave never overwrites newer
input silently.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from bevraging import vragenlijsten, workflow
from bevraging.models import (
    Antwoord,
    Antwoordoptie,
    Commentaar,
    Golf,
    Golfhuis,
    Golfstatus,
    Kenmerkbron,
    Koppelingsoort,
    Respons,
    Responsstatus,
    Statuswijziging,
    Thema,
    Toewijzing,
    Vraag,
    Vraagkoppeling,
    Vragenlijst,
    VragenlijstBevroren,
    is_leeg,
)
from bevraging.rechten import eis_beheer, eis_opgroeien
from bevraging.selectors import zichtbare_vragen
from bevraging.selectors.kenmerken import kenmerken_op, peildatum_van
from bevraging.vragenlijsten.laden import Resultaat, laad_inhoud
from kern.tenancy import Rol, is_lid
from kern.versies import verhoog


class OngeldigeOvergang(ValidationError):
    """A status change the workflow table does not allow."""


class VerouderdeRespons(Exception):
    """Someone saved the response after the caller loaded it."""

    melding = (
        "Iemand anders heeft deze bevraging intussen bewaard. Uw invoer staat nog op het scherm; "
        "laad de pagina opnieuw om de huidige antwoorden te zien en bewaar daarna opnieuw."
    )


def versiescopes(*golven: Golf | int) -> list[str]:
    """The data-version scopes (kern.versies) of the survey and of these waves (Golf or pk)."""
    return ["bevraging", *(f"golf:{g if isinstance(g, int) else g.pk}" for g in golven)]


def gewijzigd(*golven: Golf | int) -> None:
    """Raise the data versions of the survey and of these waves once the writing transaction
    commits: every cached analysis of those waves is recomputed."""
    verhoog(*versiescopes(*golven))


# --- Questionnaires ------------------------------------------------------------------------------


@transaction.atomic
def laad_vragenlijst(*, golf: Golf, inhoud: list[dict], naam: str = "") -> Resultaat:
    """Make the wave's questionnaire hold `inhoud` (idempotent, by stable keys).

    Creates the version if the wave has none. A frozen version accepts the same content again
    (nothing is written) and refuses any difference with `VragenlijstBevroren`.
    """
    vragenlijst, _ = Vragenlijst.objects.get_or_create(
        golf=golf, defaults={"naam": naam or f"Vragenlijst {golf.naam}"}
    )
    gewijzigd(golf)
    return laad_inhoud(apps, vragenlijst, inhoud)


@transaction.atomic
def laad_geleverde_vragenlijsten() -> Resultaat:
    """(Re)load the shipped 2016 and 2022 waves with their questionnaires and mappings."""
    resultaat = vragenlijsten.laad_geleverde_golven(apps)
    gewijzigd(*Golf.objects.values_list("pk", flat=True))
    return resultaat


def _eis_niet_bevroren(vragenlijst: Vragenlijst) -> None:
    if Vragenlijst.objects.filter(pk=vragenlijst.pk, bevroren_op__isnull=False).exists():
        raise VragenlijstBevroren


@transaction.atomic
def bewaar_vraagonderdeel(*, onderdeel: Thema | Vraag | Antwoordoptie) -> None:
    """Save a theme, question or option after checking its version is not frozen."""
    vragenlijst = onderdeel._vragenlijst()
    if vragenlijst is not None:
        _eis_niet_bevroren(vragenlijst)
    onderdeel.full_clean()
    onderdeel.save()
    if vragenlijst is not None:
        gewijzigd(vragenlijst.golf_id)


@transaction.atomic
def verwijder_vraagonderdeel(*, onderdeel: Thema | Vraag | Antwoordoptie) -> None:
    vragenlijst = onderdeel._vragenlijst()
    _eis_niet_bevroren(vragenlijst)
    onderdeel.delete()
    gewijzigd(vragenlijst.golf_id)


@transaction.atomic
def kopieer_vragenlijst(*, van_golf: Golf, naar_golf: Golf) -> Vragenlijst:
    """Start a new wave's questionnaire as a copy of an earlier one (same keys), mapped as `zelfde`.

    The new wave must be in preparation and have no questionnaire yet; edit the copy before the
    wave opens (and turn a mapping into `gehercodeerd` or `niet_vergelijkbaar` where a question
    changed).
    """
    if naar_golf.status != Golfstatus.IN_VOORBEREIDING:
        raise ValidationError("Alleen een golf in voorbereiding krijgt een nieuwe vragenlijst.")
    if Vragenlijst.objects.filter(golf=naar_golf).exists():
        raise ValidationError("Deze golf heeft al een vragenlijst.")
    if van_golf.jaar >= naar_golf.jaar:
        raise ValidationError("Kopieer een vragenlijst van een vroegere golf.")
    bron = Vragenlijst.objects.get(golf=van_golf)
    inhoud = vragenlijst_als_inhoud(bron)
    nieuw = Vragenlijst.objects.create(golf=naar_golf, naam=f"Vragenlijst {naar_golf.naam}")
    laad_inhoud(apps, nieuw, inhoud)
    nieuwe_vragen = {v.sleutel: v for v in nieuw.vragen.all()}
    Vraagkoppeling.objects.bulk_create(
        Vraagkoppeling(van_vraag=vraag, naar_vraag=nieuwe_vragen[vraag.sleutel], soort=Koppelingsoort.ZELFDE)
        for vraag in bron.vragen.all()
    )
    gewijzigd(van_golf, naar_golf)
    return nieuw


def vragenlijst_als_inhoud(vragenlijst: Vragenlijst) -> list[dict]:
    """A version as content dicts, the shape the loader reads (to copy or to compare)."""
    themas = (
        Thema.objects.filter(vragenlijst=vragenlijst)
        .prefetch_related("vragen__antwoordopties", "vragen__afhankelijk_van")
        .order_by("volgorde")
    )
    inhoud = []
    for thema in themas:
        vragen = []
        for vraag in sorted(thema.vragen.all(), key=lambda v: (v.volgorde, v.pk)):
            vragen.append(
                {
                    "sleutel": vraag.sleutel,
                    "tekst": vraag.tekst,
                    "type": vraag.type,
                    "toelichting": vraag.toelichting,
                    "verplicht": vraag.verplicht,
                    "open_veld": vraag.open_veld,
                    "open_veld_label": vraag.open_veld_label,
                    "max_keuzes": vraag.max_keuzes,
                    "min_waarde": vraag.min_waarde,
                    "max_waarde": vraag.max_waarde,
                    "decimalen": vraag.decimalen,
                    "eenheid": vraag.eenheid,
                    "groep": vraag.groep,
                    "groep_tekst": vraag.groep_tekst,
                    "item": vraag.item,
                    "afhankelijk_van": vraag.afhankelijk_van.sleutel if vraag.afhankelijk_van_id else None,
                    "toon_als": list(vraag.toon_als),
                    "opties": [
                        {"code": o.code, "label": o.label, "is_andere": o.is_andere} for o in vraag.opties()
                    ],
                }
            )
        inhoud.append(
            {"sleutel": thema.sleutel, "titel": thema.titel, "intro": thema.intro, "vragen": vragen}
        )
    return inhoud


# --- Waves ---------------------------------------------------------------------------------------


def _wijzig_golfstatus(golf: Golf, naar: str) -> Golf:
    golf = Golf.objects.select_for_update().get(pk=golf.pk)
    if not workflow.golf_mag(golf.status, naar):
        raise OngeldigeOvergang(
            f"Een golf die {golf.get_status_display()} is, kan niet naar '{Golfstatus(naar).label}'."
        )
    golf.status = naar
    gewijzigd(golf)
    return golf


@transaction.atomic
def open_golf(*, golf: Golf, door) -> Golf:
    """Open a wave in preparation: its questionnaire is frozen from now on."""
    eis_beheer(door)
    golf = _wijzig_golfstatus(golf, Golfstatus.OPEN)
    vragenlijst = Vragenlijst.objects.select_for_update().filter(golf=golf).first()
    if vragenlijst is None or not vragenlijst.vragen.exists():
        raise ValidationError("Een golf zonder vragen kan niet open.")
    if Golf.objects.filter(status=Golfstatus.OPEN).exclude(pk=golf.pk).exists():
        raise ValidationError("Er is al een open golf; sluit die eerst af.")
    nu = timezone.now()
    golf.geopend_op = nu
    golf.save(update_fields=["status", "geopend_op"])
    vragenlijst.bevroren_op = nu
    vragenlijst.save(update_fields=["bevroren_op"])
    return golf


@transaction.atomic
def sluit_golf(*, golf: Golf, door) -> Golf:
    """Close an open wave: no more answers are saved or submitted, and each Huis of the wave is
    kept as it is on the wave's reference date (`leg_golfkenmerken_vast`)."""
    eis_beheer(door)
    golf = _wijzig_golfstatus(golf, Golfstatus.AFGESLOTEN)
    golf.afgesloten_op = timezone.now()
    golf.save(update_fields=["status", "afgesloten_op"])
    leg_golfkenmerken_vast(golf=golf)
    return golf


#: The attributes an import may give for a Huis in a wave (the rest follows from the reference date).
GEGEVEN_KENMERKEN = ("werking", "clusters", "fysieke_locatie")


@transaction.atomic
def leg_golfkenmerken_vast(
    *,
    golf: Golf,
    peildatum: datetime.date | None = None,
    huis_ids: Iterable[int] | None = None,
    gegeven: Mapping[int, Mapping[str, object]] | None = None,
    vervang: bool = False,
) -> int:
    """Keep the Huizen of the wave (those with a response, or `huis_ids`) as they are on
    `peildatum` (default: the wave's reference date, `peildatum_van`), for the wave's analysis.

    Huizen already kept are left as they are unless `vervang`; `gegeven` (Huis pk -> werking,
    clusters, fysieke_locatie) are attributes an import gives, kept instead of the computed ones
    (and always replacing). Returns the number of Huizen written.
    """
    peildatum = peildatum or peildatum_van(golf)
    gegeven = gegeven or {}
    ids = (
        set(huis_ids)
        if huis_ids is not None
        else set(Respons.objects.filter(golf=golf).values_list("huis_id", flat=True))
    )
    bestaand = set(Golfhuis.objects.filter(golf=golf, huis_id__in=ids).values_list("huis_id", flat=True))
    te_schrijven = ids if vervang else (ids - bestaand) | (set(gegeven) & ids)
    if not te_schrijven:
        return 0
    Golfhuis.objects.filter(golf=golf, huis_id__in=te_schrijven).delete()
    kenmerken = kenmerken_op(golf, te_schrijven, peildatum)
    rijen = []
    for pk in sorted(te_schrijven):
        k = kenmerken[pk]
        waarden = {
            "werking": k.werking,
            "clusters": list(k.clusters),
            "provincies": list(k.provincies),
            "fysieke_locatie": k.fysieke_locatie,
        }
        eigen = {naam: gegeven[pk][naam] for naam in GEGEVEN_KENMERKEN if gegeven.get(pk, {}).get(naam)}
        waarden.update(eigen)
        rijen.append(
            Golfhuis(
                golf=golf,
                huis_id=pk,
                peildatum=peildatum,
                bron=Kenmerkbron.IMPORT if eigen else Kenmerkbron.PEILDATUM,
                **waarden,
            )
        )
    Golfhuis.objects.bulk_create(rijen)
    Doorsnede = Golfhuis.gemeenten.through
    Doorsnede.objects.bulk_create(
        Doorsnede(golfhuis_id=rij.pk, gemeente_id=gemeente.pk)
        for rij in rijen
        for gemeente in kenmerken[rij.huis_id].gemeenten
    )
    gewijzigd(golf)
    return len(rijen)


# --- Assignments ---------------------------------------------------------------------------------


@transaction.atomic
def wijs_toe(*, golf: Golf, huis, interviewer, door) -> Toewijzing:
    """Assign an Opgroeien staff member as the interviewer of a Huis in a wave (replaces the former)."""
    eis_beheer(door)
    if golf.status == Golfstatus.AFGESLOTEN:
        raise ValidationError("In een afgesloten golf wijst u niemand meer toe.")
    if not (interviewer.is_active and interviewer.is_opgroeien):
        raise ValidationError({"interviewer": "Alleen een medewerker van Opgroeien kan interviewer zijn."})
    gewijzigd(golf)
    toewijzing, _ = Toewijzing.objects.update_or_create(
        golf=golf,
        huis=huis,
        defaults={"interviewer": interviewer, "toegewezen_door": door, "toegewezen_op": timezone.now()},
    )
    return toewijzing


# --- Responses -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Antwoordinvoer:
    """What the interviewer filled in for one question (an empty `waarde` clears the answer)."""

    waarde: object = None
    toelichting: str = ""
    andere_tekst: str = ""


@transaction.atomic
def start_respons(*, golf: Golf, huis, door) -> Respons:
    """The response of the Huis in the (open) wave, created `niet_gestart` if there is none yet."""
    eis_opgroeien(door)
    if not Golf.objects.filter(pk=golf.pk, status=Golfstatus.OPEN).exists():
        raise ValidationError("De bevraging is niet open.")
    respons, nieuw = Respons.objects.get_or_create(golf=golf, huis=huis, defaults={"interviewer": door})
    if nieuw:
        gewijzigd(golf)
    return respons


def _vergrendel(respons: Respons, versie: int | None) -> Respons:
    vers = Respons.objects.select_for_update(of=("self",)).select_related("golf").get(pk=respons.pk)
    if versie is not None and vers.versie != versie:
        raise VerouderdeRespons(VerouderdeRespons.melding)
    return vers


def _controleer_overgang(respons: Respons, naar: str) -> None:
    if naar not in Responsstatus.values or not workflow.respons_mag(respons.status, naar):
        raise OngeldigeOvergang(
            f"Een respons met status '{respons.get_status_display()}' kan niet naar '{naar}'."
        )


def _zet_status(respons: Respons, naar: str, door, reden: str = "") -> None:
    _controleer_overgang(respons, naar)
    reden = (reden or "").strip()
    if naar in workflow.MET_REDEN and not reden:
        raise ValidationError({"reden": "Geef de reden waarom de respons heropend wordt."})
    nu = timezone.now()
    van = respons.status
    respons.status = naar
    if naar == Responsstatus.CONCEPT and respons.gestart is None:
        respons.gestart = nu
        respons.interviewer = respons.interviewer or door
    elif naar == Responsstatus.INGEDIEND:
        respons.ingediend = nu
    elif naar == Responsstatus.GEVALIDEERD:
        respons.gevalideerd = nu
    elif naar == Responsstatus.HEROPEND:
        respons.heropen_reden = reden
        respons.gevalideerd = None
    respons.versie += 1
    respons.save()
    Statuswijziging.objects.create(respons=respons, van=van, naar=naar, door=door, tijdstip=nu, reden=reden)
    gewijzigd(respons.golf_id)


@transaction.atomic
def wijzig_status(
    *, respons: Respons, naar: str, door, reden: str = "", versie: int | None = None
) -> Respons:
    """The one place that changes a response's status: checks the workflow table and records it.

    Submitting (`ingediend`) first checks the answers: required questions that are shown, the
    maximum number of choices and the "andere" texts; it then drops answers to questions the skip
    logic hides, so the data of a submitted response is consistent.
    """
    eis_opgroeien(door)
    respons = _vergrendel(respons, versie)
    if respons.golf.status != Golfstatus.OPEN:
        raise ValidationError("De bevraging is afgesloten of nog niet open.")
    _controleer_overgang(respons, naar)
    if naar == Responsstatus.INGEDIEND:
        fouten = controleer_volledigheid(respons=respons)
        if fouten:
            raise ValidationError(fouten)
        zichtbaar = {v.pk for v in zichtbare_vragen(respons)}
        Antwoord.objects.filter(respons=respons).exclude(vraag_id__in=zichtbaar).delete()
        gewijzigd(respons.golf_id)
    _zet_status(respons, naar, door, reden)
    return respons


def dien_in(*, respons: Respons, door, versie: int | None = None) -> Respons:
    return wijzig_status(respons=respons, naar=Responsstatus.INGEDIEND, door=door, versie=versie)


def valideer_respons(*, respons: Respons, door) -> Respons:
    return wijzig_status(respons=respons, naar=Responsstatus.GEVALIDEERD, door=door)


def heropen_respons(*, respons: Respons, door, reden: str) -> Respons:
    return wijzig_status(respons=respons, naar=Responsstatus.HEROPEND, door=door, reden=reden)


def controleer_volledigheid(*, respons: Respons) -> dict[str, list[str]]:
    """The problems that block submitting, per question key (empty: it can be submitted)."""
    antwoorden = {a.vraag_id: a for a in respons.antwoorden.all()}
    fouten: dict[str, list[str]] = {}
    for vraag in zichtbare_vragen(respons, antwoorden=antwoorden):
        antwoord = antwoorden.get(vraag.pk)
        meldingen = vraag.controleer_waarde(
            antwoord.waarde if antwoord else None,
            andere_tekst=antwoord.andere_tekst if antwoord else "",
            toelichting=antwoord.toelichting if antwoord else "",
            volledig=True,
        )
        if meldingen:
            fouten[vraag.sleutel] = [str(m) for m in meldingen]
    return fouten


@transaction.atomic
def bewaar_antwoorden(
    *, respons: Respons, invoer: Mapping[str, Antwoordinvoer], versie: int, door
) -> Respons:
    """Save (autosave) answers by question key; all or nothing, and only on the current `versie`.

    The shape of each value is checked (a score is 1-5, a choice is a known code, a number is in
    range); whether required questions are answered is checked on submit. An empty value with no
    open text removes the answer. The first save moves a new response to `concept`.
    """
    eis_opgroeien(door)
    respons = _vergrendel(respons, versie)
    if respons.golf.status != Golfstatus.OPEN:
        raise ValidationError("De bevraging is afgesloten of nog niet open.")
    if respons.status not in workflow.BEWERKBAAR:
        raise ValidationError("Deze respons is ingediend; heropen ze eerst om antwoorden te wijzigen.")
    vragen = {
        v.sleutel: v
        for v in Vraag.objects.filter(
            vragenlijst__golf=respons.golf, sleutel__in=list(invoer)
        ).prefetch_related("antwoordopties")
    }
    fouten: dict[str, list[str]] = {}
    for sleutel, gegeven in invoer.items():
        vraag = vragen.get(sleutel)
        if vraag is None:
            fouten[sleutel] = ["Deze vraag bestaat niet in deze bevraging."]
            continue
        meldingen = vraag.controleer_waarde(
            gegeven.waarde, andere_tekst=gegeven.andere_tekst, toelichting=gegeven.toelichting
        )
        if meldingen:
            fouten[sleutel] = [str(m) for m in meldingen]
    if fouten:
        raise ValidationError(fouten)
    bestaand = {a.vraag_id: a for a in Antwoord.objects.filter(respons=respons, vraag__in=vragen.values())}
    for sleutel, gegeven in invoer.items():
        vraag = vragen[sleutel]
        waarde = vraag.in_optievolgorde(gegeven.waarde)
        leeg = is_leeg(waarde) and not gegeven.toelichting.strip() and not gegeven.andere_tekst.strip()
        antwoord = bestaand.get(vraag.pk)
        if leeg:
            if antwoord:
                antwoord.delete()
            continue
        if antwoord is None:
            antwoord = Antwoord(respons=respons, vraag=vraag)
        antwoord.waarde = None if is_leeg(waarde) else waarde
        antwoord.toelichting = gegeven.toelichting.strip()
        antwoord.andere_tekst = gegeven.andere_tekst.strip()
        antwoord.save()
    if respons.status == Responsstatus.NIET_GESTART:
        _zet_status(respons, Responsstatus.CONCEPT, door)
    else:
        respons.versie += 1
        respons.save(update_fields=["versie", "gewijzigd"])
    gewijzigd(respons.golf_id)
    return respons


# --- Comments ------------------------------------------------------------------------------------


@transaction.atomic
def plaats_commentaar(
    *, respons: Respons, door, tekst: str, thema: Thema | None = None, vraag: Vraag | None = None
) -> Commentaar:
    """A comment of the Huis's coordinator on its submitted response, about a theme or a question."""
    if not is_lid(door, respons.huis, [Rol.COORDINATOR]):
        raise PermissionDenied("Alleen de coördinator van het Huis kan commentaar geven.")
    if respons.status not in (Responsstatus.INGEDIEND, Responsstatus.GEVALIDEERD):
        raise ValidationError("U kunt pas commentaar geven als de bevraging ingediend is.")
    commentaar = Commentaar(
        respons=respons, thema=thema, vraag=vraag, auteur=door, tekst=(tekst or "").strip()
    )
    commentaar.full_clean()
    commentaar.save()
    gewijzigd(respons.golf_id)
    return commentaar


# === Interview workflow: assigning many Huizen at once ==========================================


@transaction.atomic
def wijs_toe_aan_huizen(*, golf: Golf, huizen, interviewer, door, vervang_bestaande: bool = False) -> list:
    """Assign one interviewer to several Huizen of a wave: all of them, or none at all.

    A Huis that already has another interviewer is only reassigned with `vervang_bestaande`;
    otherwise nothing is assigned and the error names those Huizen.
    """
    eis_beheer(door)
    huizen = list(huizen)
    if not huizen:
        raise ValidationError({"huizen": "Kies minstens één Huis."})
    if not (interviewer.is_active and interviewer.is_opgroeien):
        raise ValidationError({"interviewer": "Alleen een medewerker van Opgroeien kan interviewer zijn."})
    if not vervang_bestaande:
        bezet = (
            Toewijzing.objects.filter(golf=golf, huis__in=huizen)
            .exclude(interviewer=interviewer)
            .select_related("huis")
            .order_by("huis__naam")
        )
        namen = [t.huis.naam for t in bezet]
        if namen:
            raise ValidationError(
                {
                    "vervang_bestaande": (
                        f"{len(namen)} van deze Huizen hebben al een andere interviewer: "
                        f"{', '.join(namen)}. Vink aan dat u die toewijzingen wilt vervangen, of kies "
                        "andere Huizen. Er is niets toegewezen."
                    )
                }
            )
    return [wijs_toe(golf=golf, huis=huis, interviewer=interviewer, door=door) for huis in huizen]
