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
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone

from bevraging import vragenlijsten, workflow
from bevraging.models import (
    MET_OPTIES,
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
    Vraagwijziging,
    Vragenlijst,
    VragenlijstBevroren,
    Wijzigingsoort,
    is_leeg,
)
from bevraging.rechten import eis_beheer, eis_opgroeien
from bevraging.selectors import zichtbare_vragen
from bevraging.selectors.kenmerken import kenmerken_op, peildatum_van
from bevraging.vragenlijsten import na2022
from bevraging.vragenlijsten.laden import VRAAGVELDEN, Resultaat, laad_inhoud
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
                    "ingetrokken": vraag.ingetrokken,
                    "opties": [
                        {"code": o.code, "label": o.label, "is_andere": o.is_andere} for o in vraag.opties()
                    ],
                }
            )
        inhoud.append(
            {"sleutel": thema.sleutel, "titel": thema.titel, "intro": thema.intro, "vragen": vragen}
        )
    return inhoud


# --- Preparing a wave in the browser: a new wave from an earlier one, editing its draft ---------
#
# Only the questionnaire of a wave in preparation changes; each change of a question is recorded
# as a Vraagwijziging. Opening the wave (`open_golf`) freezes it, after which every one of these
# refuses with `VragenlijstBevroren` (a ValidationError, so a page shows it as a message).


def _bewerkbare_vragenlijst(golf: Golf) -> Vragenlijst:
    """The wave's questionnaire, locked for this transaction; refused unless the wave is a draft."""
    vragenlijst = Vragenlijst.objects.select_for_update().select_related("golf").filter(golf=golf).first()
    if vragenlijst is None:
        raise ValidationError("Deze golf heeft nog geen vragenlijst.")
    huidig = vragenlijst.golf
    if huidig.status != Golfstatus.IN_VOORBEREIDING or vragenlijst.is_bevroren:
        raise VragenlijstBevroren(
            f"{huidig.naam} is {huidig.get_status_display()}: de vragenlijst kan niet meer wijzigen. "
            "Alleen de vragenlijst van een golf in voorbereiding kan wijzigen."
        )
    return vragenlijst


def _vraag_van(vragenlijst: Vragenlijst, vraag: Vraag) -> Vraag:
    """The question as stored now, and only if it belongs to this questionnaire."""
    vers = Vraag.objects.select_related("thema", "afhankelijk_van").filter(pk=vraag.pk).first()
    if vers is None or vers.vragenlijst_id != vragenlijst.pk:
        raise ValidationError("Deze vraag hoort niet bij de vragenlijst van deze golf.")
    return vers


def _noteer(vraag: Vraag, soort: str, door, *, oud: str = "", nieuw: str = "", reden: str = "") -> None:
    Vraagwijziging.objects.create(
        vraag=vraag, soort=soort, oude_tekst=oud, nieuwe_tekst=nieuw, reden=reden, door=door
    )


def voorwaarde_als_tekst(vraag: Vraag) -> str:
    """The skip logic of a question in words ("" without): 'Alleen als "…" is: Ja.'"""
    if not vraag.afhankelijk_van_id:
        return ""
    ouder = vraag.afhankelijk_van
    labels = {o.code: o.label for o in ouder.opties()}
    antwoorden = " of ".join(labels.get(str(code), str(code)) for code in vraag.toon_als)
    return f"Alleen als “{ouder.kort}” is: {antwoorden}."


@transaction.atomic
def maak_golf(
    *, van_golf: Golf, jaar: int, naam: str, door, start=None, eind=None, aanvullen: bool = True
) -> Golf:
    """A new wave in preparation whose questionnaire is a copy of `van_golf`'s (same keys, mapped).

    With `aanvullen` a copy of the 2022 questionnaire also gets what the 2022 report found missing
    (`vragenlijsten.na2022`), each addition recorded as a change of the draft with its reason.
    """
    eis_beheer(door)
    naam = (naam or "").strip()
    fouten: dict[str, list[str]] = {}
    if not Vragenlijst.objects.filter(golf=van_golf).exists():
        fouten["van_golf"] = ["Deze golf heeft geen vragenlijst om te kopiëren."]
    if jaar <= van_golf.jaar:
        fouten["jaar"] = [f"Kies een jaar na {van_golf.jaar}, het jaar van de golf die u kopieert."]
    elif Golf.objects.filter(jaar=jaar).exists():
        fouten["jaar"] = [f"Er is al een golf in {jaar}."]
    if not naam:
        fouten["naam"] = ["Geef de golf een naam, bv. Bevraging 2027."]
    elif Golf.objects.filter(naam__iexact=naam).exists():
        fouten["naam"] = ["Er is al een golf met deze naam."]
    if start and eind and eind < start:
        fouten["eind"] = ["Het einde ligt vóór de start."]
    if fouten:
        raise ValidationError(fouten)
    try:
        with transaction.atomic():
            golf = Golf.objects.create(
                jaar=jaar,
                naam=naam,
                start=start,
                eind=eind,
                modus=van_golf.modus,
                populatie=van_golf.populatie,
                populatie_aantal=van_golf.populatie_aantal,
                omschrijving=f"Voorbereid als kopie van de vragenlijst van {van_golf.naam}.",
            )
    except IntegrityError:  # someone made the same wave a moment ago
        raise ValidationError({"jaar": [f"Er is al een golf in {jaar} of met deze naam."]}) from None
    kopieer_vragenlijst(van_golf=van_golf, naar_golf=golf)
    if aanvullen:
        _vul_aan_na_2022(golf, door)
    return golf


def _vul_aan_na_2022(golf: Golf, door) -> None:
    vragenlijst = _bewerkbare_vragenlijst(golf)
    themas = {t.sleutel: t for t in Thema.objects.filter(vragenlijst=vragenlijst)}
    for themasleutel, na_sleutel, inhoud in na2022.NIEUWE_VRAGEN:
        bestaand = Vraag.objects.filter(vragenlijst=vragenlijst, sleutel=inhoud["sleutel"]).exists()
        if bestaand or themasleutel not in themas:
            continue
        na = Vraag.objects.filter(vragenlijst=vragenlijst, sleutel=na_sleutel).first()
        vraag = _maak_vraag(vragenlijst, themas[themasleutel], inhoud, na=na)
        reden = na2022.reden_van(vraag.sleutel)
        _noteer(vraag, Wijzigingsoort.TOEGEVOEGD, door, nieuw=vraag.tekst, reden=reden)
    for sleutel, oud, nieuw, reden in na2022.HERFORMULERINGEN:
        vraag = Vraag.objects.filter(vragenlijst=vragenlijst, sleutel=sleutel, tekst=oud).first()
        if vraag is not None:
            herformuleer_vraag(vraag=vraag, tekst=nieuw, reden=reden, door=door)


def _maak_vraag(vragenlijst: Vragenlijst, thema: Thema, inhoud: dict, *, na: Vraag | None) -> Vraag:
    """A question from a content dict (see vragenlijsten/bouwstenen.py), placed after `na`."""
    if Vraag.objects.filter(vragenlijst=vragenlijst, sleutel=inhoud["sleutel"]).exists():
        raise ValidationError({"sleutel": "Deze sleutel bestaat al in deze vragenlijst; kies een andere."})
    ouder = None
    if inhoud.get("afhankelijk_van"):
        ouder = Vraag.objects.get(vragenlijst=vragenlijst, sleutel=inhoud["afhankelijk_van"])
    binnen_thema = Vraag.objects.filter(vragenlijst=vragenlijst, thema=thema)
    if na is not None and na.thema_id == thema.pk:
        volgorde = na.volgorde + 1
        binnen_thema.filter(volgorde__gte=volgorde).update(volgorde=F("volgorde") + 1)
    else:
        volgorde = (binnen_thema.aggregate(hoogste=Max("volgorde"))["hoogste"] or 0) + 1
    velden = {naam: inhoud.get(naam, standaard) for naam, standaard in VRAAGVELDEN.items()}
    vraag = Vraag(
        **velden,
        vragenlijst=vragenlijst,
        thema=thema,
        sleutel=inhoud["sleutel"],
        volgorde=volgorde,
        afhankelijk_van=ouder,
        toon_als=list(inhoud.get("toon_als", [])),
    )
    vraag.full_clean()
    vraag.save()
    for nummer, optie in enumerate(inhoud.get("opties", []), start=1):
        Antwoordoptie.objects.create(
            vraag=vraag,
            code=optie["code"],
            label=optie["label"],
            volgorde=nummer,
            is_andere=bool(optie.get("is_andere")),
        )
    gewijzigd(vragenlijst.golf_id)
    return vraag


@transaction.atomic
def voeg_vraag_toe(*, golf: Golf, thema: Thema, inhoud: dict, door, na: Vraag | None = None) -> Vraag:
    """Add a question (a content dict as vragenlijsten/bouwstenen.py builds it) to a draft theme."""
    eis_beheer(door)
    vragenlijst = _bewerkbare_vragenlijst(golf)
    if thema.vragenlijst_id != vragenlijst.pk:
        raise ValidationError({"thema": "Dit thema hoort niet bij de vragenlijst van deze golf."})
    vraag = _maak_vraag(vragenlijst, thema, inhoud, na=na)
    _noteer(vraag, Wijzigingsoort.TOEGEVOEGD, door, nieuw=vraag.tekst)
    return vraag


@transaction.atomic
def herformuleer_vraag(*, vraag: Vraag, tekst: str, reden: str, door) -> Vraag:
    """Reword a draft question; the former wording and the reason are kept in its history, and the
    mapping from the earlier wave notes it (the question keeps its key and stays comparable)."""
    eis_beheer(door)
    vragenlijst = _bewerkbare_vragenlijst(vraag.vragenlijst.golf)
    vraag = _vraag_van(vragenlijst, vraag)
    tekst, reden = (tekst or "").strip(), (reden or "").strip()
    fouten: dict[str, list[str]] = {}
    if not tekst:
        fouten["tekst"] = ["Vul de nieuwe formulering in."]
    elif tekst == vraag.tekst:
        fouten["tekst"] = ["Dit is de huidige formulering; wijzig ze of annuleer."]
    if not reden:
        fouten["reden"] = ["Geef de reden van de nieuwe formulering: ze blijft bewaard in de geschiedenis."]
    if fouten:
        raise ValidationError(fouten)
    oud = vraag.tekst
    vraag.tekst = tekst
    vraag.full_clean()
    vraag.save()
    _noteer(vraag, Wijzigingsoort.HERFORMULEERD, door, oud=oud, nieuw=tekst, reden=reden)
    for koppeling in Vraagkoppeling.objects.filter(naar_vraag=vraag):
        opmerking = f"Herformuleerd voor {vragenlijst.golf.naam}: {reden}"
        koppeling.notitie = f"{koppeling.notitie}\n{opmerking}".strip()
        koppeling.save(update_fields=["notitie"])
    gewijzigd(vragenlijst.golf_id)
    return vraag


@transaction.atomic
def trek_vraag_in(*, vraag: Vraag, reden: str, door) -> Vraag:
    """Retire a draft question: it is no longer asked, but stays (key, mapping) for comparison."""
    eis_beheer(door)
    vragenlijst = _bewerkbare_vragenlijst(vraag.vragenlijst.golf)
    vraag = _vraag_van(vragenlijst, vraag)
    reden = (reden or "").strip()
    if vraag.ingetrokken:
        raise ValidationError("Deze vraag is al ingetrokken.")
    if not reden:
        raise ValidationError({"reden": "Geef de reden waarom deze vraag niet meer gesteld wordt."})
    afhankelijk = list(
        vraag.afhankelijke_vragen.filter(ingetrokken=False).order_by("thema__volgorde", "volgorde")
    )
    if afhankelijk:
        namen = ", ".join(f"“{v.kort}”" for v in afhankelijk)
        raise ValidationError(
            f"Andere vragen worden alleen getoond na deze vraag: {namen}. Trek die eerst in of haal "
            "hun voorwaarde weg."
        )
    vraag.ingetrokken = True
    vraag.save(update_fields=["ingetrokken"])
    _noteer(vraag, Wijzigingsoort.INGETROKKEN, door, oud=vraag.tekst, reden=reden)
    gewijzigd(vragenlijst.golf_id)
    return vraag


@transaction.atomic
def zet_vraag_terug(*, vraag: Vraag, door) -> Vraag:
    """Ask a retired draft question again."""
    eis_beheer(door)
    vragenlijst = _bewerkbare_vragenlijst(vraag.vragenlijst.golf)
    vraag = _vraag_van(vragenlijst, vraag)
    if not vraag.ingetrokken:
        raise ValidationError("Deze vraag wordt al gesteld.")
    if vraag.afhankelijk_van_id and vraag.afhankelijk_van.ingetrokken:
        raise ValidationError(
            f"Deze vraag hangt af van “{vraag.afhankelijk_van.kort}”, die ingetrokken is. Zet die eerst "
            "terug of haal de voorwaarde weg."
        )
    vraag.ingetrokken = False
    vraag.save(update_fields=["ingetrokken"])
    _noteer(vraag, Wijzigingsoort.TERUGGEZET, door, nieuw=vraag.tekst)
    gewijzigd(vragenlijst.golf_id)
    return vraag


def _positie(vraag: Vraag) -> tuple[int, int, int]:
    return (vraag.thema.volgorde, vraag.volgorde, vraag.pk)


@transaction.atomic
def stel_voorwaarde_in(*, vraag: Vraag, afhankelijk_van: Vraag | None, toon_als, door) -> Vraag:
    """Skip logic of a draft question: show it only when an earlier question has one of the
    answers `toon_als` (option codes); `afhankelijk_van` None always shows it."""
    eis_beheer(door)
    vragenlijst = _bewerkbare_vragenlijst(vraag.vragenlijst.golf)
    vraag = _vraag_van(vragenlijst, vraag)
    oud = voorwaarde_als_tekst(vraag)
    codes = [str(c) for c in (toon_als or [])]
    if afhankelijk_van is None:
        vraag.afhankelijk_van, vraag.toon_als = None, []
    else:
        ouder = _vraag_van(vragenlijst, afhankelijk_van)
        if ouder.pk == vraag.pk:
            raise ValidationError({"afhankelijk_van": "Een vraag kan niet van zichzelf afhangen."})
        if ouder.ingetrokken:
            raise ValidationError(
                {"afhankelijk_van": "Die vraag is ingetrokken; kies een vraag die gesteld wordt."}
            )
        if ouder.type not in MET_OPTIES:
            raise ValidationError(
                {"afhankelijk_van": "Kies een vraag met antwoordmogelijkheden (ja/nee, keuze of score)."}
            )
        if _positie(ouder) > _positie(vraag):
            raise ValidationError(
                {"afhankelijk_van": "Kies een vraag die vóór deze vraag komt: die wordt eerst beantwoord."}
            )
        if not codes:
            raise ValidationError(
                {"toon_als": "Duid minstens één antwoord aan waarbij deze vraag getoond wordt."}
            )
        if not set(codes) <= set(ouder.optiecodes()):
            raise ValidationError({"toon_als": "Duid alleen antwoorden van de gekozen vraag aan."})
        vraag.afhankelijk_van, vraag.toon_als = ouder, [c for c in ouder.optiecodes() if c in codes]
    vraag.full_clean()
    vraag.save()
    nieuw = voorwaarde_als_tekst(vraag)
    if nieuw != oud:
        altijd = "Altijd getoond."
        _noteer(vraag, Wijzigingsoort.VOORWAARDE, door, oud=oud or altijd, nieuw=nieuw or altijd)
    gewijzigd(vragenlijst.golf_id)
    return vraag


def _blokken(rij: list[Vraag]) -> list[list[Vraag]]:
    """The theme's questions as they are shown: a grid (consecutive questions of one `groep`) is
    one block, every other question a block of its own."""
    blokken: list[list[Vraag]] = []
    for vraag in rij:
        if vraag.groep and blokken and blokken[-1][0].groep == vraag.groep:
            blokken[-1].append(vraag)
        else:
            blokken.append([vraag])
    return blokken


@transaction.atomic
def verplaats_vraag(*, vraag: Vraag, omhoog: bool, door) -> Vraag:
    """Move a draft question one place up or down within its theme.

    A question of a grid moves within its grid; any other question moves past the neighbouring
    question or past a whole grid, so a grid stays together. A question stays after the question it
    depends on.
    """
    eis_beheer(door)
    vragenlijst = _bewerkbare_vragenlijst(vraag.vragenlijst.golf)
    vraag = _vraag_van(vragenlijst, vraag)
    rij = list(Vraag.objects.filter(thema=vraag.thema).order_by("volgorde", "pk"))
    blokken = _blokken(rij)
    richting = -1 if omhoog else 1
    plaats = "bovenaan" if omhoog else "onderaan"
    if vraag.groep:
        blok = next(b for b in blokken if vraag in b)
        index = blok.index(vraag)
        if not 0 <= index + richting < len(blok):
            raise ValidationError(
                f"Deze vraag staat al {plaats} in haar tabel; de vragen van een tabel blijven samen."
            )
        bewogen, buren = [vraag], [blok[index + richting]]
        blok[index], blok[index + richting] = blok[index + richting], blok[index]
    else:
        index = blokken.index([vraag])
        if not 0 <= index + richting < len(blokken):
            raise ValidationError(f"Deze vraag staat al {plaats} in het thema.")
        bewogen, buren = [vraag], blokken[index + richting]
        blokken[index], blokken[index + richting] = blokken[index + richting], blokken[index]
    voor, na = (buren, bewogen) if omhoog else (bewogen, buren)
    for later in na:
        ouder = next((v for v in voor if v.pk == later.afhankelijk_van_id), None)
        if ouder is not None:
            raise ValidationError(
                f"“{later.kort}” wordt alleen getoond na “{ouder.kort}” en moet er dus na komen."
            )
    for nummer, item in enumerate((v for b in blokken for v in b), start=1):
        if item.volgorde != nummer:
            Vraag.objects.filter(pk=item.pk).update(volgorde=nummer)
    gewijzigd(vragenlijst.golf_id)
    return vraag


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
