"""Writes of the loket: registering requests, the status lifecycle, offers and placements.

Every status change goes through `wijzig_status`, which checks `loket.workflow` and writes an
event.

Locks (SELECT ... FOR UPDATE on PostgreSQL) are always taken in one order, so two actions on one
family at the same moment wait for each other instead of deadlocking: the request first
(`_vergrendel`), then its offers by id (`_vergrendel_aanbiedingen`), then the free place. Offers
lock the free place's row so a place is never offered to two families at once, even when two
staff members click at the same moment. The services that lock run under
`kern.transacties.atomair_met_herhaling`: what PostgreSQL still refuses (a deadlock with another
kind of writer) is tried once more.

The other writes, by area: `opvang` (locations and their free places) and `rondes` (allocation
rounds).

Every service that writes raises the data versions "loket" and "loket:<huis pk>" (`gewijzigd`,
kern.versies) once its transaction commits, so cached figures of the loket are computed again.
Services that change a request do so when they lock it (`_vergrendel`). Only the audit log of
who viewed personal data (`log_inzage`) does not: no figure counts it.
"""

from __future__ import annotations

import datetime
import functools
import uuid
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from huizen.models import Gemeente, Huis
from kern.tabellen import datumtekst
from kern.transacties import atomair_met_herhaling
from kern.versies import verhoog
from loket import berichten, termijnen, workflow
from loket.models import (
    KWETSBAARHEIDSKENMERKEN,
    VOORKEUR_GESLOTEN,
    Aanbod,
    AanbodStatus,
    Gebeurtenis,
    Inzage,
    Kind,
    MogelijkDubbel,
    Opvanglocatie,
    Opvangvraag,
    Ouder,
    Status,
    Voorkeur,
    VrijePlaats,
    leeftijdsgroep_van_vraag,
)
from loket.selectors import bezet, elders, passen
from loket.selectors.lokets import gemeenten_van_huis_loket, loketnaam

MAX_VOORKEUREN = 10
#: What remains of text people wrote in a request's history once its data are erased.
GEWIST = "(gewist)"

# Fields of a request a family (or the loket on its behalf) fills in, besides children, parents
# and preferences.
AANVRAAGVELDEN = (
    "email",
    "postcode",
    "gemeente",
    "gewenste_start",
    "flexibiliteit",
    "dagen",
    "dagdeel",
    "uren_per_week",
    "soort_opvang",
    "opvang_voor_werk",
    "alleenstaande_ouder",
    "laag_inkomen",
    "pleegkind",
    "broer_zus_locatie",
    *(veld for veld, _label in KWETSBAARHEIDSKENMERKEN),
)
# The fields the loket may correct, with a reason, after checking them with the family.
VOORRANGSVELDEN = (
    "opvang_voor_werk",
    "alleenstaande_ouder",
    "laag_inkomen",
    "pleegkind",
    "broer_zus_locatie",
    *(veld for veld, _label in KWETSBAARHEIDSKENMERKEN),
)


class OngeldigeOvergang(ValidationError):
    """The requested status change is not allowed from the request's current status."""


def _nu() -> datetime.datetime:
    return timezone.now()


# --- the one status service -------------------------------------------------------------------


def wijzig_status(
    *,
    vraag: Opvangvraag,
    naar: str,
    reden: str,
    door=None,
    door_gezin: bool = False,
    vrije_tekst: bool = False,
    geval: str | None = None,
) -> Gebeurtenis:
    """Move a request to `naar` if the workflow allows it, and record who, when and why.
    `vrije_tekst`: the reason is text a person typed (erasure removes it); `geval`: the
    exceptional case that allows a transition outside the usual table (`workflow.UITZONDERINGEN`)."""
    van = vraag.status
    if not workflow.mag(van, naar, geval):
        raise OngeldigeOvergang(
            _("Een aanvraag met status ‘%(van)s’ kan niet naar ‘%(naar)s’.")
            % {"van": Status(van).label, "naar": Status(naar).label}
        )
    nu = _nu()
    vraag.status = naar
    velden = ["status"]
    if naar in (Status.GEPLAATST, Status.INGETROKKEN, Status.VERLOPEN):
        vraag.afgesloten = nu
        velden.append("afgesloten")
    elif vraag.afgesloten is not None:  # back in the queue (a placement that ended)
        vraag.afgesloten = None
        velden.append("afgesloten")
    vraag.save(update_fields=velden)
    return Gebeurtenis.objects.create(
        opvangvraag=vraag,
        soort=Gebeurtenis.Soort.STATUS,
        van_status=van,
        naar_status=naar,
        door=door,
        door_gezin=door_gezin,
        reden=reden,
        vrije_tekst=vrije_tekst,
        tijd=nu,
    )


def _gebeurtenis(
    vraag: Opvangvraag,
    soort: str,
    reden: str,
    *,
    door=None,
    door_gezin=False,
    intern=False,
    vrije_tekst=False,
):
    return Gebeurtenis.objects.create(
        opvangvraag=vraag,
        soort=soort,
        reden=reden,
        door=door,
        door_gezin=door_gezin,
        intern=intern,
        vrije_tekst=vrije_tekst,
    )


def gewijzigd(huis_id: int) -> None:
    """The loket of this Huis changed: raise its data versions once the transaction commits."""
    verhoog("loket", f"loket:{huis_id}")


def _vergrendel(vraag: Opvangvraag) -> Opvangvraag:
    """The request re-read under a row lock, so concurrent changes wait for each other.

    The first lock of every service that changes a family's request or offers (so the loket's
    data versions are raised here, `gewijzigd`)."""
    vraag = Opvangvraag.objects.select_for_update(of=("self",)).get(pk=vraag.pk)
    gewijzigd(vraag.huis_id)
    return vraag


def _vergrendel_aanbiedingen(aanbiedingen, *, vraag: Opvangvraag) -> list[Aanbod]:
    """Offers of one request (after `_vergrendel`), locked in the order of their ids; only the
    offers' rows, not the place and location read along. An offer at a location of another loket
    (`loket.selectors.elders`) changes that loket's pages too (its providers' dashboard): its data
    versions are raised as well."""
    vergrendeld = list(
        aanbiedingen.select_related("plaats__locatie").select_for_update(of=("self",)).order_by("pk")
    )
    for huis_id in {aanbod.plaats.locatie.huis_id for aanbod in vergrendeld} - {vraag.huis_id}:
        gewijzigd(huis_id)
    return vergrendeld


def _vergrendel_aanbod(aanbod_id: int) -> tuple[Aanbod, Opvangvraag]:
    """An offer with its request, locked in the one order: the request, then all its offers by
    id. Aanbod.DoesNotExist when there is no such offer."""
    vraag_id = Aanbod.objects.values_list("opvangvraag_id", flat=True).get(pk=aanbod_id)
    vraag = _vergrendel(Opvangvraag(pk=vraag_id))
    for aanbod in _vergrendel_aanbiedingen(vraag.aanbiedingen.all(), vraag=vraag):
        if aanbod.pk == aanbod_id:
            return aanbod, vraag
    raise Aanbod.DoesNotExist


# --- registering and changing a request ------------------------------------------------------


def _controleer_inhoud(
    *,
    huis: Huis,
    velden: dict,
    kinderen: Sequence[dict],
    ouders: Sequence[dict],
    voorkeuren: Sequence[Opvanglocatie],
) -> None:
    fouten = []
    if not kinderen:
        fouten.append(_("Vul de gegevens van minstens één kind in."))
    if not ouders:
        fouten.append(_("Vul de gegevens van minstens één ouder in."))
    if not voorkeuren:
        fouten.append(_("Kies minstens één opvanglocatie."))
    if len(voorkeuren) > MAX_VOORKEUREN:
        fouten.append(_("Kies hoogstens %(max)s opvanglocaties.") % {"max": MAX_VOORKEUREN})
    if len({locatie.pk for locatie in voorkeuren}) != len(voorkeuren):
        fouten.append(_("Kies elke opvanglocatie maar één keer."))
    # The loket's own locations and those of other lokets nearby (`loket.selectors.elders`).
    buiten = elders.niet_kiesbaar(huis, list(voorkeuren))
    if buiten:
        fouten.append(_("Kies alleen opvanglocaties uit het werkingsgebied van dit loket."))
    gesloten = [locatie.naam for locatie in voorkeuren if locatie.pk not in buiten and not locatie.is_open]
    if gesloten:
        fouten.append(
            _("%(locaties)s is gesloten of niet meer actief. Kies een andere opvanglocatie.")
            % {"locaties": ", ".join(gesloten)}
        )
    if fouten:
        raise ValidationError(fouten)


def woonplaatsfout(*, huis: Huis, gemeente: Gemeente, postcode: str) -> str:
    """Why a family living in `gemeente` cannot register at the loket hosted by `huis`, or "".

    A request belongs to the loket of the family's home gemeente (the loket's area today, which
    may hold the gemeenten of several Huizen); the family may still choose locations anywhere in
    that loket's area."""
    gebied = list(gemeenten_van_huis_loket(huis).values_list("pk", "naam"))
    if any(pk == gemeente.pk for pk, _naam in gebied):
        return ""
    if not gebied:
        return _(
            "Bij %(huis)s werkt (nu) geen Lokaal Loket Kinderopvang. Een aanvraag hoort bij het loket "
            "van de gemeente waar het gezin woont."
        ) % {"huis": huis.naam}
    return _(
        "Postcode %(postcode)s ligt in %(gemeente)s, buiten het werkingsgebied van dit loket "
        "(%(gebied)s). Een aanvraag hoort bij het loket van de gemeente waar het gezin woont."
    ) % {"postcode": postcode, "gemeente": gemeente.naam, "gebied": ", ".join(naam for _pk, naam in gebied)}


def _leeftijdsgroep(kinderen: Sequence[dict], start: datetime.date) -> str:
    """The age group the request stores (`Opvangvraag.leeftijdsgroep`) for these children (dates
    as the model fields accept them, also as text)."""
    datum = Kind._meta.get_field("geboortedatum").to_python
    return leeftijdsgroep_van_vraag((datum(kind["geboortedatum"]) for kind in kinderen), datum(start))


def _schrijf_onderdelen(vraag, *, kinderen, ouders, voorkeuren) -> None:
    vraag.kinderen.all().delete()
    vraag.ouders.all().delete()
    Kind.objects.bulk_create(Kind(opvangvraag=vraag, **kind) for kind in kinderen)
    Ouder.objects.bulk_create(Ouder(opvangvraag=vraag, **ouder) for ouder in ouders)
    bestaand = {voorkeur.locatie_id: voorkeur for voorkeur in vraag.voorkeuren.all()}
    nieuw_ids = {locatie.pk for locatie in voorkeuren}
    vraag.voorkeuren.exclude(locatie_id__in=nieuw_ids).delete()
    # Ranks are unique per request: park the kept ones out of the way before renumbering.
    for voorkeur in bestaand.values():
        if voorkeur.locatie_id in nieuw_ids:
            Voorkeur.objects.filter(pk=voorkeur.pk).update(rang=voorkeur.rang + 100)
    for rang, locatie in enumerate(voorkeuren, start=1):
        Voorkeur.objects.update_or_create(opvangvraag=vraag, locatie=locatie, defaults={"rang": rang})
    _werk_eerste_keuze_bij(vraag)


def _werk_eerste_keuze_bij(vraag: Opvangvraag) -> None:
    """Store the location of the request's lowest ranked active choice (`Opvangvraag.eerste_keuze`),
    after its choices changed."""
    actief = vraag.voorkeuren.filter(actief=True).order_by("rang")
    vraag.eerste_keuze_id = actief.values_list("locatie_id", flat=True).first()
    Opvangvraag.objects.filter(pk=vraag.pk).update(eerste_keuze=vraag.eerste_keuze_id)


def _werk_plaatsing_bij(vraag: Opvangvraag) -> None:
    """Store when and where the request's first confirmed placement was confirmed
    (`Opvangvraag.geplaatst_op`, `geplaatst_bij`), after a placement of it was confirmed or ended."""
    Opvangvraag.objects.filter(pk=vraag.pk).werk_plaatsing_bij()
    vraag.refresh_from_db(fields=["geplaatst_op", "geplaatst_bij"])


@transaction.atomic
def registreer_opvangvraag(
    *,
    huis: Huis,
    velden: dict,
    kinderen: Sequence[dict],
    ouders: Sequence[dict],
    voorkeuren: Sequence[Opvanglocatie],
    sleutel: uuid.UUID | None = None,
    door=None,
    taal: str = settings.LANGUAGE_CODE,
    verwijzing: dict | None = None,
) -> tuple[Opvangvraag, bool]:
    """Register a request; returns (request, created).

    A family's request waits for its e-mail address to be confirmed. One the loket registers for
    a family at the desk or on the phone (`door` is the staff member) is active at once. The same
    `sleutel` (the form's one-time key) never creates a second request: a double click or a resent
    form returns the first one. The family's home gemeente must lie in the loket's area
    (`woonplaatsfout`). `taal` is the language the family registered in: its e-mails use it.
    `verwijzing` (the fields `verwijzer`, `toestemming_op`, `berichten_via_verwijzer`): a referral
    partner's member (`door`) registers it with the family's consent (`loket.services.verwijzers`).
    """
    if sleutel is not None:
        bestaand = Opvangvraag.objects.filter(indieningssleutel=sleutel).first()
        if bestaand is not None:
            return bestaand, False
    melding = woonplaatsfout(huis=huis, gemeente=velden["gemeente"], postcode=velden.get("postcode", ""))
    if melding:
        raise ValidationError({"postcode": melding})
    _controleer_inhoud(huis=huis, velden=velden, kinderen=kinderen, ouders=ouders, voorkeuren=voorkeuren)
    onbekend = set(velden) - set(AANVRAAGVELDEN)
    if onbekend:
        raise ValueError(f"Onbekende velden: {sorted(onbekend)}")
    nu = _nu()
    # One registration of this loket at a time: the next readable number is free (`volgend_nummer`).
    list(Huis.objects.select_for_update().filter(pk=huis.pk).values_list("pk", flat=True))
    try:
        with transaction.atomic():
            vraag = Opvangvraag.objects.create(
                huis=huis,
                indieningssleutel=sleutel,
                via_loket=door is not None and not verwijzing,
                taal=taal,
                ingediend=nu,
                leeftijdsgroep=_leeftijdsgroep(kinderen, velden["gewenste_start"]),
                **({**verwijzing, "verwijzer_door": door} if verwijzing else {}),
                **velden,
            )
    except IntegrityError:
        # The same form arrived twice at the same moment: the other request won.
        bestaand = Opvangvraag.objects.filter(indieningssleutel=sleutel).first() if sleutel else None
        if bestaand is None:
            raise
        return bestaand, False
    gewijzigd(huis.pk)
    _schrijf_onderdelen(vraag, kinderen=kinderen, ouders=ouders, voorkeuren=voorkeuren)
    if door is None:
        Gebeurtenis.objects.create(
            opvangvraag=vraag,
            soort=Gebeurtenis.Soort.STATUS,
            naar_status=Status.INGEDIEND,
            door_gezin=True,
            reden=_("Aanvraag ingediend door het gezin."),
        )
        berichten.mail_bevestig_adres(vraag)
    elif verwijzing:
        from loket.services import verwijzers

        verwijzers.na_registratie(vraag=vraag, door=door, nu=nu)
    else:
        Gebeurtenis.objects.create(
            opvangvraag=vraag,
            soort=Gebeurtenis.Soort.STATUS,
            naar_status=Status.INGEDIEND,
            door=door,
            reden=_("Aanvraag geregistreerd door het loket (aan de balie of telefonisch)."),
        )
        vraag.bevestigd = vraag.herbevestigd = nu
        vraag.save(update_fields=["bevestigd", "herbevestigd"])
        wijzig_status(vraag=vraag, naar=Status.ACTIEF, reden=_("Geregistreerd door het loket."), door=door)
        if vraag.email:
            berichten.mail_geregistreerd_door_loket(vraag)
    _zoek_dubbels_na_commit(vraag)
    return vraag, True


def _zoek_dubbels_na_commit(vraag: Opvangvraag) -> None:
    """Once the registration is committed, flag running requests that may be for the same child
    (`loket.services.dubbels`). A flag never refuses a family, so a failure there is only logged
    (`robust`) and the registration stands."""
    from loket.services import dubbels

    transaction.on_commit(functools.partial(dubbels.zoek_dubbels, vraag_id=vraag.pk), robust=True)


@atomair_met_herhaling
def wijzig_opvangvraag(
    *,
    vraag: Opvangvraag,
    velden: dict,
    kinderen: Sequence[dict],
    ouders: Sequence[dict],
    voorkeuren: Sequence[Opvanglocatie],
    door=None,
) -> Opvangvraag:
    """The family (or the loket for it) changes an open request. An e-mail change is confirmed again."""
    vraag = _vergrendel(vraag)
    if vraag.is_afgesloten:
        raise ValidationError(_("Een afgesloten aanvraag kan niet meer gewijzigd worden."))
    _controleer_inhoud(
        huis=vraag.huis, velden=velden, kinderen=kinderen, ouders=ouders, voorkeuren=voorkeuren
    )
    nieuw_adres = "email" in velden and velden["email"] != vraag.email
    for veld, waarde in velden.items():
        if veld not in AANVRAAGVELDEN:
            raise ValueError(f"Onbekend veld: {veld}")
        setattr(vraag, veld, waarde)
    vraag.leeftijdsgroep = _leeftijdsgroep(kinderen, vraag.gewenste_start)
    vraag.save()
    _schrijf_onderdelen(vraag, kinderen=kinderen, ouders=ouders, voorkeuren=voorkeuren)
    _gebeurtenis(
        vraag,
        Gebeurtenis.Soort.WIJZIGING,
        _("Aanvraag gewijzigd door het loket.") if door else _("Aanvraag gewijzigd door het gezin."),
        door=door,
        door_gezin=door is None,
    )
    if nieuw_adres and vraag.email:
        berichten.mail_adres_gewijzigd(vraag)
    return vraag


@atomair_met_herhaling
def bevestig_adres(*, vraag: Opvangvraag) -> Opvangvraag:
    """The family clicked the link in the first e-mail: the request joins the queue."""
    vraag = _vergrendel(vraag)
    if vraag.status != Status.INGEDIEND:
        return vraag
    vraag.bevestigd = vraag.herbevestigd = _nu()
    vraag.save(update_fields=["bevestigd", "herbevestigd"])
    wijzig_status(
        vraag=vraag,
        naar=Status.ACTIEF,
        reden=_("E-mailadres bevestigd; de aanvraag staat op de wachtlijst."),
        door_gezin=True,
    )
    berichten.mail_actief(vraag)
    return vraag


@atomair_met_herhaling
def herbevestig(*, vraag: Opvangvraag) -> Opvangvraag:
    """The family says it still needs care: the re-confirmation clock starts again."""
    vraag = _vergrendel(vraag)
    if vraag.status == Status.INGEDIEND:
        return bevestig_adres(vraag=vraag)
    if not vraag.is_open:
        raise ValidationError(_("Alleen een aanvraag op de wachtlijst kan bevestigd worden."))
    vraag.herbevestigd = _nu()
    vraag.herbevestiging_gevraagd = None
    vraag.vervalwaarschuwing = None
    vraag.save(update_fields=["herbevestigd", "herbevestiging_gevraagd", "vervalwaarschuwing"])
    _gebeurtenis(
        vraag, Gebeurtenis.Soort.HERINNERING, _("Aanvraag herbevestigd door het gezin."), door_gezin=True
    )
    return vraag


def _beeindig_aanbiedingen(vraag: Opvangvraag, *, behalve: Aanbod | None, reden: str) -> list[Aanbod]:
    """End the request's running offers; the caller holds the request's lock. Returns them."""
    lopend = vraag.aanbiedingen.filter(status__in=[AanbodStatus.OPEN, AanbodStatus.AANVAARD])
    if behalve is not None:
        lopend = lopend.exclude(pk=behalve.pk)
    beeindigd = _vergrendel_aanbiedingen(lopend, vraag=vraag)
    for aanbod in beeindigd:
        aanbod.status = AanbodStatus.VERVALLEN
        aanbod.save(update_fields=["status"])
        _gebeurtenis(vraag, Gebeurtenis.Soort.AANBOD, f"{reden} ({aanbod.locatie.naam})")
    return beeindigd


def _beeindig_voorkeuren(
    vraag: Opvangvraag, *, behalve_locatie_id: int | None, reden: str
) -> list[Opvanglocatie]:
    """End the request's active choices (except one location's); returns their locations."""
    actief = vraag.voorkeuren.filter(actief=True).exclude(locatie_id=behalve_locatie_id)
    locaties = [voorkeur.locatie for voorkeur in actief.select_related("locatie__huis").order_by("rang")]
    actief.update(actief=False, beeindigd_reden=reden)
    _werk_eerste_keuze_bij(vraag)
    return locaties


@atomair_met_herhaling
def trek_in(*, vraag: Opvangvraag, reden: str = "", door=None, mail: bool = True) -> Opvangvraag:
    """The family (or the loket on its word) withdraws the request; open offers end with it.
    A reason in their own words stays in the history until the request's data are erased.
    The family gets a mail confirming it (`mail`: not when another mail already says so)."""
    vraag = _vergrendel(vraag)
    if vraag.status == Status.INGETROKKEN:
        return vraag
    reden = reden.strip()
    standaard = _("Ingetrokken door het loket.") if door else _("Ingetrokken door het gezin.")
    _beeindig_aanbiedingen(vraag, behalve=None, reden=_("Aanbod vervallen: aanvraag ingetrokken"))
    _beeindig_voorkeuren(vraag, behalve_locatie_id=None, reden=_("aanvraag ingetrokken"))
    wijzig_status(
        vraag=vraag,
        naar=Status.INGETROKKEN,
        reden=reden or standaard,
        door=door,
        door_gezin=door is None,
        vrije_tekst=bool(reden),
    )
    if mail:
        berichten.mail_ingetrokken(vraag, door_loket=door is not None)
    return vraag


@atomair_met_herhaling
def corrigeer_voorrang(*, vraag: Opvangvraag, velden: dict, reden: str, door) -> Opvangvraag:
    """The loket marks or corrects priority and vulnerability data; a reason is required."""
    if not reden.strip():
        raise ValidationError({"reden": _("Geef een reden voor de correctie.")})
    vraag = _vergrendel(vraag)
    wijzigingen = []
    for veld, waarde in velden.items():
        if veld not in VOORRANGSVELDEN:
            raise ValueError(f"Geen voorrangsveld: {veld}")
        oud = getattr(vraag, veld)
        if oud != waarde:
            label = Opvangvraag._meta.get_field(veld).verbose_name
            wijzigingen.append(f"{label}: {_weergave(oud)} → {_weergave(waarde)}")
            setattr(vraag, veld, waarde)
    if not wijzigingen:
        return vraag
    vraag.save(update_fields=list(velden))
    _gebeurtenis(
        vraag,
        Gebeurtenis.Soort.CORRECTIE,
        f"{reden.strip()}\n" + "\n".join(wijzigingen),
        door=door,
        intern=True,
    )
    return vraag


@atomair_met_herhaling
def markeer_dringend(*, vraag: Opvangvraag, dringend: bool, reden: str, door) -> Opvangvraag:
    """The loket marks a request urgent (with a reason: a job that starts next week, a crisis) or
    takes the mark away. Urgent requests come first in the queue and the overdue list and have
    a shorter reasonable term; the reason stays internal, the family does not see it."""
    reden = reden.strip()
    if dringend and not reden:
        raise ValidationError({"reden": _("Geef aan waarom deze aanvraag dringend is.")})
    vraag = _vergrendel(vraag)
    if vraag.status not in (Status.INGEDIEND, Status.ACTIEF, Status.AANBOD):
        raise ValidationError(_("Alleen een aanvraag die nog loopt, kan dringend zijn."))
    if dringend == vraag.dringend and (not dringend or reden == vraag.dringend_reden):
        return vraag
    if dringend:
        tekst = _("Als dringend gemarkeerd: %(reden)s") % {"reden": reden}
        vraag.dringend_sinds = vraag.dringend_sinds if vraag.dringend else _nu()
    else:
        tekst = _("Niet meer dringend.") + (f" {reden}" if reden else "")
        vraag.dringend_sinds = None
    vraag.dringend, vraag.dringend_reden = dringend, reden if dringend else ""
    vraag.save(update_fields=["dringend", "dringend_reden", "dringend_sinds"])
    _gebeurtenis(vraag, Gebeurtenis.Soort.CORRECTIE, tekst, door=door, intern=True, vrije_tekst=True)
    gewijzigd(vraag.huis_id)
    return vraag


def _weergave(waarde) -> str:
    if waarde is True:
        return _("ja")
    if waarde in (False, None):
        return _("nee")
    return str(waarde)


def voeg_notitie_toe(*, vraag: Opvangvraag, tekst: str, door) -> Gebeurtenis:
    """An internal note of the loket; the family never sees it."""
    if not tekst.strip():
        raise ValidationError({"tekst": _("Een notitie mag niet leeg zijn.")})
    gewijzigd(vraag.huis_id)
    return _gebeurtenis(vraag, Gebeurtenis.Soort.NOTITIE, tekst.strip(), door=door, intern=True)


def log_inzage(
    *, gebruiker, vraag: Opvangvraag | None, actie: str = Inzage.Actie.BEKEKEN, omschrijving: str = ""
) -> None:
    """Audit: staff saw or exported personal data of a request."""
    Inzage.objects.create(
        gebruiker=gebruiker, opvangvraag=vraag, actie=actie, omschrijving=omschrijving[:255]
    )


def log_inzage_van(
    *, gebruiker, vraag_ids: Iterable[int], actie: str = Inzage.Actie.BEKEKEN, omschrijving: str = ""
) -> None:
    """Audit: staff saw personal data of the requests with these ids (one entry each, written at
    once)."""
    Inzage.objects.bulk_create(
        Inzage(gebruiker=gebruiker, opvangvraag_id=pk, actie=actie, omschrijving=omschrijving[:255])
        for pk in vraag_ids
    )


# --- offers and placements --------------------------------------------------------------------


def standaard_deadline() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=settings.LOKET_AANBOD_TERMIJN_DAGEN)


@atomair_met_herhaling
def doe_aanbod(
    *,
    vraag: Opvangvraag,
    plaats: VrijePlaats,
    door,
    deadline: datetime.date | None = None,
    toch_reden: str = "",
    loket: Huis | None = None,
) -> Aanbod:
    """Offer a free place to a request. The request's row is locked, then the place's row, so two
    staff members offering the last place at the same moment give exactly one offer.

    The place's location must be one the family chose (still). `loket`: the Huis whose loket makes
    the offer, which must manage the place's location (`locatie.huis`): the home loket of the
    request offers its own places, a neighbouring loket the places of its locations the family
    chose (`loket.selectors.elders`).

    The place must fit the request by the rules of the allocation rounds (`loket.selectors.passen`). One
    that does not is only offered with a reason (`toch_reden`, "toch aanbieden"): the rules it
    breaks and the reason land in the request's internal history."""
    vraag = _vergrendel(vraag)
    plaats = VrijePlaats.objects.select_for_update(of=("self",)).select_related("locatie").get(pk=plaats.pk)
    deadline = deadline or standaard_deadline()
    toch_reden = toch_reden.strip()
    if not vraag.is_open:
        raise ValidationError(_("Alleen een aanvraag op de wachtlijst kan een aanbod krijgen."))
    if loket is not None and plaats.locatie.huis_id != loket.pk:
        raise ValidationError(_("Deze plaats ligt niet in het werkingsgebied van dit loket."))
    if (
        plaats.locatie.huis_id != vraag.huis_id
        and not vraag.voorkeuren.filter(locatie=plaats.locatie, actief=True).exists()
    ):
        raise ValidationError(
            _("Deze plaats ligt niet in het werkingsgebied van het loket van deze aanvraag.")
        )
    if plaats.locatie.huis_id != vraag.huis_id:
        gewijzigd(plaats.locatie.huis_id)  # the other loket's places and figures change too
    if plaats.locatie.gesloten:
        raise ValidationError(
            _("%(locatie)s is gesloten sinds %(datum)s: daar kan geen plaats meer aangeboden worden.")
            % {"locatie": plaats.locatie.naam, "datum": f"{datumtekst(plaats.locatie.sluit_op)}"}
        )
    if not vraag.voorkeuren.filter(locatie=plaats.locatie, actief=True).exists():
        raise ValidationError(_("Het gezin koos deze opvanglocatie niet (of niet meer)."))
    kinderen = list(vraag.kinderen.all())
    afwijkingen = passen.afwijkingen(vraag, plaats)
    if afwijkingen and not toch_reden:
        raise ValidationError(
            _(
                "Deze plaats past niet bij de aanvraag (%(regels)s): %(uitleg)s Vink ‘toch aanbieden’ aan "
                "en geef een reden als u ze toch wilt aanbieden."
            )
            % {
                "regels": ", ".join(afwijking.naam for afwijking in afwijkingen),
                "uitleg": " ".join(afwijking.tekst for afwijking in afwijkingen),
            }
        )
    if vraag.aanbiedingen.filter(
        plaats__locatie=plaats.locatie, status__in=[AanbodStatus.OPEN, AanbodStatus.AANVAARD]
    ).exists():
        raise ValidationError(_("Dit gezin heeft al een lopend aanbod bij deze opvanglocatie."))
    nodig = len(kinderen)
    if not plaats.actief or plaats.aantal - bezet(plaats) < nodig:
        raise ValidationError(
            _("Deze plaats is niet meer vrij: ze is intussen aangeboden aan een ander gezin of ingenomen.")
        )
    if deadline < timezone.localdate():
        raise ValidationError({"deadline": _("De antwoorddatum ligt in het verleden.")})
    aanbod = Aanbod.objects.create(
        opvangvraag=vraag, plaats=plaats, plaatsen=nodig, deadline=deadline, gemaakt_door=door
    )
    if vraag.eerste_antwoord is None:
        vraag.eerste_antwoord = aanbod.gemaakt
        vraag.save(update_fields=["eerste_antwoord"])
    reden = _("Plaats aangeboden bij %(locatie)s, antwoord uiterlijk op %(deadline)s.") % {
        "locatie": plaats.locatie.naam,
        "deadline": f"{datumtekst(deadline)}",
    }
    if afwijkingen:
        _gebeurtenis(
            vraag,
            Gebeurtenis.Soort.AANBOD,
            _("Toch aangeboden bij %(locatie)s, hoewel de plaats niet past (%(regels)s). %(uitleg)s")
            % {
                "locatie": plaats.locatie.naam,
                "regels": ", ".join(afwijking.naam for afwijking in afwijkingen),
                "uitleg": " ".join(afwijking.tekst for afwijking in afwijkingen),
            }
            + "\n"
            + _("Reden: %(reden)s") % {"reden": toch_reden},
            door=door,
            intern=True,
            vrije_tekst=True,
        )
    if vraag.status == Status.ACTIEF:
        wijzig_status(vraag=vraag, naar=Status.AANBOD, reden=reden, door=door)
    else:
        _gebeurtenis(vraag, Gebeurtenis.Soort.AANBOD, reden, door=door)
    berichten.mail_aanbod(aanbod)
    return aanbod


def _terug_naar_wachtlijst_als_niets_loopt(
    vraag: Opvangvraag, *, reden: str, door=None, door_gezin=False
) -> None:
    lopend = vraag.aanbiedingen.filter(status__in=[AanbodStatus.OPEN, AanbodStatus.AANVAARD]).exists()
    if vraag.status == Status.AANBOD and not lopend:
        wijzig_status(vraag=vraag, naar=Status.ACTIEF, reden=reden, door=door, door_gezin=door_gezin)


@atomair_met_herhaling
def beantwoord_aanbod(*, aanbod: Aanbod, aanvaard: bool, blijf_op_wachtlijst: bool = True) -> Aanbod:
    """The family accepts or declines an offer through its private link, before the deadline.
    Declining, the family says whether its request stays in the queue (`blijf_op_wachtlijst`);
    if not, the request is withdrawn with it. The family gets a mail confirming its answer."""
    aanbod, vraag = _vergrendel_aanbod(aanbod.pk)
    if aanbod.status != AanbodStatus.OPEN:
        raise ValidationError(_("Op dit aanbod kan niet meer geantwoord worden."))
    if aanbod.deadline < timezone.localdate():
        raise ValidationError(_("De termijn om op dit aanbod te antwoorden is voorbij."))
    aanbod.beantwoord = _nu()
    locatie = aanbod.locatie.naam
    if aanvaard:
        aanbod.status = AanbodStatus.AANVAARD
        aanbod.save(update_fields=["status", "beantwoord"])
        _gebeurtenis(
            vraag,
            Gebeurtenis.Soort.AANBOD,
            _("Aanbod bij %(locatie)s aanvaard door het gezin.") % {"locatie": locatie},
            door_gezin=True,
        )
        _beeindig_aanbiedingen(
            vraag, behalve=aanbod, reden=_("Aanbod vervallen: het gezin aanvaardde een ander aanbod")
        )
        berichten.mail_aanvaard_aan_opvang(aanbod)
        berichten.mail_antwoord(aanbod)
    else:
        aanbod.status = AanbodStatus.GEWEIGERD
        aanbod.save(update_fields=["status", "beantwoord"])
        _gebeurtenis(
            vraag,
            Gebeurtenis.Soort.AANBOD,
            _("Aanbod bij %(locatie)s geweigerd door het gezin.") % {"locatie": locatie},
            door_gezin=True,
        )
        if blijf_op_wachtlijst:
            _terug_naar_wachtlijst_als_niets_loopt(
                vraag, reden=_("Aanbod geweigerd; de aanvraag staat weer op de wachtlijst."), door_gezin=True
            )
        else:
            vraag = trek_in(
                vraag=vraag,
                reden=_("Aanbod geweigerd; het gezin zoekt geen opvang meer via het loket."),
                mail=False,  # the mail confirming the answer says so
            )
        aanbod.opvangvraag = vraag
        berichten.mail_antwoord(aanbod)
    return aanbod


@atomair_met_herhaling
def bevestig_plaatsing(*, aanbod: Aanbod, door) -> Aanbod:
    """The provider confirms an accepted offer: the place is taken, the request is placed, and the
    family's other preferences and offers end."""
    aanbod, vraag = _vergrendel_aanbod(aanbod.pk)
    if aanbod.status == AanbodStatus.BEVESTIGD:
        return aanbod
    if aanbod.status != AanbodStatus.AANVAARD:
        raise ValidationError(_("Alleen een aanbod dat het gezin aanvaardde, kan bevestigd worden."))
    aanbod.status = AanbodStatus.BEVESTIGD
    aanbod.bevestigd = _nu()
    aanbod.bevestigd_door = door
    aanbod.save(update_fields=["status", "bevestigd", "bevestigd_door"])
    _werk_plaatsing_bij(vraag)
    vervallen = _beeindig_aanbiedingen(
        vraag, behalve=aanbod, reden=_("Aanbod vervallen: het kind is geplaatst")
    )
    beeindigd = _beeindig_voorkeuren(
        vraag, behalve_locatie_id=aanbod.plaats.locatie_id, reden=_("geplaatst elders")
    )
    locatie = aanbod.locatie
    if locatie.huis_id == vraag.huis_id:
        reden = _("Plaatsing bij %(locatie)s bevestigd door de opvang.") % {"locatie": locatie.naam}
    else:
        reden = _("Plaatsing bij %(locatie)s (%(loket)s) bevestigd door de opvang.") % {
            "locatie": locatie.naam,
            "loket": loketnaam(locatie.huis),
        }
    wijzig_status(vraag=vraag, naar=Status.GEPLAATST, reden=reden, door=door)
    if beeindigd:
        _gebeurtenis(
            vraag,
            Gebeurtenis.Soort.WIJZIGING,
            _("Andere voorkeuren beëindigd (geplaatst elders): %(locaties)s.")
            % {"locaties": ", ".join(andere.naam for andere in beeindigd)},
            door=door,
        )
    _meld_plaatsing_aan_loketten(vraag, aanbod, beeindigd=beeindigd, vervallen=vervallen)
    berichten.mail_geplaatst(aanbod)
    if vraag.overplaatsing_van_id is not None:
        _beeindig_oude_plaatsing(vraag, aanbod, door=door)
    return aanbod


def _meld_plaatsing_aan_loketten(
    vraag: Opvangvraag, aanbod: Aanbod, *, beeindigd: list[Opvanglocatie], vervallen: list[Aanbod]
) -> None:
    """A placement that concerns other lokets than the home loket (placed at, or ending a choice
    or an offer at, a location of another loket): a mail to the loket staff of the home loket and
    of every other loket whose location lost a choice or whose offer ended."""
    per_loket: dict[int, dict] = {}

    def loket(huis: Huis) -> dict:
        return per_loket.setdefault(huis.pk, {"huis": huis, "voorkeuren": [], "aanbiedingen": []})

    for locatie in beeindigd:
        loket(locatie.huis)["voorkeuren"].append(locatie)
    for vervallen_aanbod in vervallen:
        loket(vervallen_aanbod.locatie.huis)["aanbiedingen"].append(vervallen_aanbod.locatie)
    if not set(per_loket) - {vraag.huis_id} and aanbod.locatie.huis_id == vraag.huis_id:
        return  # only the home loket's own locations: its queue already shows it
    thuis = per_loket.pop(vraag.huis_id, {"voorkeuren": [], "aanbiedingen": []})
    berichten.mail_plaatsing_aan_thuisloket(
        vraag,
        aanbod,
        voorkeuren=thuis["voorkeuren"]
        + [locatie for ander in per_loket.values() for locatie in ander["voorkeuren"]],
        aanbiedingen=thuis["aanbiedingen"]
        + [locatie for ander in per_loket.values() for locatie in ander["aanbiedingen"]],
    )
    for ander in per_loket.values():
        berichten.mail_plaatsing_aan_ander_loket(
            vraag, ander["huis"], voorkeuren=ander["voorkeuren"], aanbiedingen=ander["aanbiedingen"]
        )


def _beeindig_oude_plaatsing(vraag: Opvangvraag, nieuw: Aanbod, *, door) -> None:
    """A transfer request is placed: the placement of the request it transfers ends (locked after
    the transfer request, as a request is always locked before its offers). Its offer stays
    confirmed for the figures, with the day it ended; the old location's provider hears it."""
    oud_vraag = Opvangvraag.objects.select_for_update(of=("self",)).get(pk=vraag.overplaatsing_van_id)
    gewijzigd(oud_vraag.huis_id)
    for oud in _vergrendel_aanbiedingen(
        oud_vraag.aanbiedingen.filter(status=AanbodStatus.BEVESTIGD, beeindigd__isnull=True), vraag=oud_vraag
    ):
        oud.beeindigd = _nu()
        oud.save(update_fields=["beeindigd"])
        _gebeurtenis(
            oud_vraag,
            Gebeurtenis.Soort.AANBOD,
            _(
                "Het kind verhuist naar %(nieuw)s (overplaatsing, aanvraag %(nummer)s): de plaatsing bij "
                "%(oud)s eindigt."
            )
            % {"nieuw": nieuw.locatie.naam, "nummer": vraag.nummer, "oud": oud.locatie.naam},
            door=door,
        )
        berichten.mail_overplaatsing_aan_opvang(oud, nieuw)


def lopende_overplaatsing(vraag: Opvangvraag) -> Opvangvraag | None:
    """The transfer request of a placed request that still runs, if any."""
    return vraag.overplaatsingen.filter(status__in=[Status.INGEDIEND, Status.ACTIEF, Status.AANBOD]).first()


@atomair_met_herhaling
def start_overplaatsing(
    *,
    vraag: Opvangvraag,
    voorkeuren: Sequence[Opvanglocatie],
    gewenste_start: datetime.date,
    reden: str,
    door,
) -> Opvangvraag:
    """A placed family asks the loket for other locations (moved house, new work): a new request,
    linked to the placed one (`overplaatsing_van`), joins the queue at once with the new choices,
    the same children, parents and priority data. The placement stays until the provider confirms
    a place for the new request (`bevestig_plaatsing` then ends it)."""
    reden = reden.strip()
    if not reden:
        raise ValidationError({"reden": _("Geef aan waarom het gezin een andere opvang zoekt.")})
    vraag = _vergrendel(vraag)
    if (
        vraag.status != Status.GEPLAATST
        or not vraag.aanbiedingen.filter(status=AanbodStatus.BEVESTIGD, beeindigd__isnull=True).exists()
    ):
        raise ValidationError(_("Alleen een aanvraag met een lopende plaatsing kan overgeplaatst worden."))
    if vraag.geanonimiseerd is not None:
        raise ValidationError(_("De gegevens van deze aanvraag zijn gewist."))
    lopend = lopende_overplaatsing(vraag)
    if lopend is not None:
        raise ValidationError(
            _("Er loopt al een overplaatsing voor deze aanvraag (%(nummer)s).") % {"nummer": lopend.nummer}
        )
    huidige = set(
        vraag.aanbiedingen.filter(status=AanbodStatus.BEVESTIGD).values_list("plaats__locatie_id", flat=True)
    )
    if any(locatie.pk in huidige for locatie in voorkeuren):
        raise ValidationError(
            {"voorkeuren": _("Kies andere opvanglocaties dan die waar het kind nu opgevangen wordt.")}
        )
    kinderen = [
        {
            "voornaam": kind.voornaam,
            "geboortedatum": kind.geboortedatum,
            "verwacht": kind.verwacht,
            "zorgnoden": kind.zorgnoden,
        }
        for kind in vraag.kinderen.all()
    ]
    ouders = [{"naam": o.naam, "email": o.email, "telefoon": o.telefoon} for o in vraag.ouders.all()]
    velden = {veld: getattr(vraag, veld) for veld in AANVRAAGVELDEN}
    velden["gewenste_start"] = gewenste_start
    _controleer_inhoud(
        huis=vraag.huis, velden=velden, kinderen=kinderen, ouders=ouders, voorkeuren=voorkeuren
    )
    nu = _nu()
    list(Huis.objects.select_for_update().filter(pk=vraag.huis_id).values_list("pk", flat=True))
    nieuw = Opvangvraag.objects.create(
        huis=vraag.huis,
        via_loket=True,
        ingediend=nu,
        bevestigd=nu,
        herbevestigd=nu,
        overplaatsing_van=vraag,
        overplaatsing_reden=reden[:300],
        leeftijdsgroep=_leeftijdsgroep(kinderen, gewenste_start),
        **velden,
    )
    _schrijf_onderdelen(nieuw, kinderen=kinderen, ouders=ouders, voorkeuren=voorkeuren)
    Gebeurtenis.objects.create(
        opvangvraag=nieuw,
        soort=Gebeurtenis.Soort.STATUS,
        naar_status=Status.INGEDIEND,
        door=door,
        reden=_("Overplaatsing van aanvraag %(nummer)s, gevraagd door het gezin: %(reden)s")
        % {"nummer": vraag.nummer, "reden": reden},
        vrije_tekst=True,
    )
    wijzig_status(
        vraag=nieuw,
        naar=Status.ACTIEF,
        reden=_("Overplaatsing: op de wachtlijst; de huidige plaatsing loopt door tot er een nieuwe is."),
        door=door,
    )
    _gebeurtenis(
        vraag,
        Gebeurtenis.Soort.WIJZIGING,
        _(
            "Het gezin vraagt een andere opvang (%(reden)s): overplaatsing als aanvraag %(nummer)s. "
            "De huidige plaatsing loopt door tot er een nieuwe bevestigd is."
        )
        % {"reden": reden, "nummer": nieuw.nummer},
        door=door,
        vrije_tekst=True,
    )
    if nieuw.email:
        berichten.mail_geregistreerd_door_loket(nieuw)
    return nieuw


@atomair_met_herhaling
def trek_aanbod_in(*, aanbod: Aanbod, reden: str, door) -> Aanbod:
    """The loket (or the provider) withdraws an offer that is still open or awaiting confirmation."""
    if not reden.strip():
        raise ValidationError({"reden": _("Geef een reden.")})
    aanbod, vraag = _vergrendel_aanbod(aanbod.pk)
    if aanbod.status not in (AanbodStatus.OPEN, AanbodStatus.AANVAARD):
        raise ValidationError(_("Dit aanbod loopt niet meer."))
    _trek_in(aanbod, vraag, reden=reden.strip(), door=door)
    return aanbod


def _trek_in(aanbod: Aanbod, vraag: Opvangvraag, *, reden: str, door, door_sluiting: bool = False) -> None:
    """Withdraw a running offer (the caller holds the locks): the seat is free again, the request
    goes back to the queue when nothing else runs, and the family gets a mail with the reason.
    `door_sluiting`: withdrawn because the location closes (the reason is the portal's wording)."""
    aanbod.status = AanbodStatus.VERVALLEN
    aanbod.door_sluiting = door_sluiting
    aanbod.save(update_fields=["status", "door_sluiting"])
    _gebeurtenis(
        vraag,
        Gebeurtenis.Soort.AANBOD,
        _("Aanbod bij %(locatie)s ingetrokken: %(reden)s") % {"locatie": aanbod.locatie.naam, "reden": reden},
        door=door,
        vrije_tekst=not door_sluiting,
    )
    _terug_naar_wachtlijst_als_niets_loopt(
        vraag, reden=_("Aanbod ingetrokken; terug op de wachtlijst."), door=door
    )
    berichten.mail_aanbod_ingetrokken(aanbod, reden)


@atomair_met_herhaling
def wijs_aanbod_af(*, aanbod: Aanbod, reden: str, door) -> Aanbod:
    """The provider (or the loket for it) cannot take in the family it was offered a place: the
    offer (open, or accepted and not yet confirmed) ends as "afgewezen door de opvang" with the
    reason, its seat is free again and the request goes back to the queue when nothing else runs.

    The reason is for the loket only: on the offer and in the internal history. The family reads
    that the place cannot go ahead and that its request stays on the waiting list, never why."""
    reden = reden.strip()
    if not reden:
        raise ValidationError({"reden": _("Geef aan waarom u dit gezin niet kunt opvangen.")})
    aanbod, vraag = _vergrendel_aanbod(aanbod.pk)
    if aanbod.status == AanbodStatus.AFGEWEZEN:
        return aanbod  # a second click
    if aanbod.status not in (AanbodStatus.OPEN, AanbodStatus.AANVAARD):
        raise ValidationError(
            _("Dit aanbod loopt niet meer (%(status)s): het kan niet meer afgewezen worden.")
            % {"status": aanbod.get_status_display()}
        )
    aanbod.status = AanbodStatus.AFGEWEZEN
    aanbod.afwijzingsreden = reden
    aanbod.afgewezen = _nu()
    aanbod.afgewezen_door = door
    aanbod.save(update_fields=["status", "afwijzingsreden", "afgewezen", "afgewezen_door"])
    locatie = aanbod.locatie.naam
    _gebeurtenis(
        vraag,
        Gebeurtenis.Soort.AANBOD,
        _("De plaats bij %(locatie)s kan niet doorgaan.") % {"locatie": locatie},
        door=door,
    )
    _gebeurtenis(
        vraag,
        Gebeurtenis.Soort.AANBOD,
        _("Afgewezen door de opvang (%(locatie)s): %(reden)s") % {"locatie": locatie, "reden": reden},
        door=door,
        intern=True,
        vrije_tekst=True,
    )
    _terug_naar_wachtlijst_als_niets_loopt(
        vraag, reden=_("De plaats kan niet doorgaan; de aanvraag staat weer op de wachtlijst."), door=door
    )
    berichten.mail_aanbod_afgewezen(aanbod)
    return aanbod


# --- a location that closes (loket.tasks.verwerk_sluitingen) -------------------------------------

#: The reason an urgent mark gets when a placed family's location closes (`markeer_dringend`).
REDEN_SLUITING = "opvanglocatie sluit"


def _sluitingstekst(locatie: Opvanglocatie) -> str:
    return _("%(locatie)s is gesloten vanaf %(datum)s.") % {
        "locatie": locatie.naam,
        "datum": f"{datumtekst(locatie.sluit_op)}",
    }


@atomair_met_herhaling
def sluit_aanbod_af(*, aanbod_id: int) -> bool:
    """The location of this offer is closed (`Opvanglocatie.sluit_op` today or earlier).

    A running offer (open or accepted) is withdrawn as `trek_aanbod_in` does, with the closure as
    the reason, and the family's choice for the location ends. A confirmed placement of a placed
    request ends: the request goes back to the queue (the one case that allows `geplaatst` ->
    `actief`, `workflow.OPVANGLOCATIE_SLUIT`), marked urgent with the reason "opvanglocatie sluit"
    so it comes first; the choices that ended with the placement come back where their location
    is still open, and the family gets a mail.
    False when there is nothing (left) to do, so a second run changes nothing."""
    try:
        aanbod, vraag = _vergrendel_aanbod(aanbod_id)
    except Aanbod.DoesNotExist:
        return False
    locatie = aanbod.locatie
    if not locatie.gesloten:
        return False
    if aanbod.status in (AanbodStatus.OPEN, AanbodStatus.AANVAARD):
        _trek_in(aanbod, vraag, reden=_sluitingstekst(locatie), door=None, door_sluiting=True)
        # the choice ends with it (the mail about the offer says why: no second mail)
        vraag.voorkeuren.filter(locatie=locatie, actief=True).update(
            actief=False, beeindigd_reden=VOORKEUR_GESLOTEN
        )
        _werk_eerste_keuze_bij(vraag)
        return True
    if aanbod.status != AanbodStatus.BEVESTIGD or vraag.status != Status.GEPLAATST:
        return False
    aanbod.status = AanbodStatus.BEEINDIGD
    aanbod.door_sluiting = True
    aanbod.save(update_fields=["status", "door_sluiting"])
    _werk_plaatsing_bij(vraag)
    _gebeurtenis(
        vraag,
        Gebeurtenis.Soort.AANBOD,
        _("Plaatsing bij %(locatie)s beëindigd: %(sluiting)s")
        % {"locatie": locatie.naam, "sluiting": _sluitingstekst(locatie)},
    )
    vraag.voorkeuren.filter(locatie=locatie, actief=True).update(
        actief=False, beeindigd_reden=VOORKEUR_GESLOTEN
    )
    vraag.voorkeuren.filter(
        actief=False,
        beeindigd_reden=_("geplaatst elders"),
        locatie__in=Opvanglocatie.objects.open_op().values("pk"),
    ).update(actief=True, beeindigd_reden="")
    _werk_eerste_keuze_bij(vraag)
    # Back in the queue as if just confirmed: no reminder or expiry clock from before the placement.
    vraag.herbevestigd = _nu()
    vraag.herbevestiging_gevraagd = vraag.vervalwaarschuwing = None
    vraag.save(update_fields=["herbevestigd", "herbevestiging_gevraagd", "vervalwaarschuwing"])
    wijzig_status(
        vraag=vraag,
        naar=Status.ACTIEF,
        reden=_("%(sluiting)s De aanvraag staat weer op de wachtlijst, met voorrang.")
        % {"sluiting": _sluitingstekst(locatie)},
        geval=workflow.OPVANGLOCATIE_SLUIT,
    )
    markeer_dringend(vraag=vraag, dringend=True, reden=REDEN_SLUITING, door=None)
    berichten.mail_plaatsing_beeindigd(aanbod)
    return True


@atomair_met_herhaling
def beeindig_voorkeur_door_sluiting(*, vraag_id: int, locatie_id: int) -> bool:
    """A request that still chooses a closed location: that choice ends (a line in the history
    the family sees, and a mail that invites it to choose other locations). False when it already
    ended or the location is not closed."""
    vraag = _vergrendel(Opvangvraag(pk=vraag_id))
    locatie = Opvanglocatie.objects.get(pk=locatie_id)
    if not locatie.gesloten:
        return False
    if not vraag.voorkeuren.filter(locatie=locatie, actief=True).update(
        actief=False, beeindigd_reden=VOORKEUR_GESLOTEN
    ):
        return False
    _werk_eerste_keuze_bij(vraag)
    _gebeurtenis(
        vraag,
        Gebeurtenis.Soort.WIJZIGING,
        _("Voorkeur voor %(locatie)s vervallen: %(sluiting)s")
        % {"locatie": locatie.naam, "sluiting": _sluitingstekst(locatie)},
    )
    berichten.mail_voorkeur_gesloten(vraag, locatie)
    return True


# --- terms run by Celery beat (loket.tasks) -----------------------------------------------------


@atomair_met_herhaling
def laat_aanbod_verlopen(*, aanbod_id: int) -> bool:
    """An open offer whose deadline passed ends; the request goes back to the queue."""
    try:
        aanbod, vraag = _vergrendel_aanbod(aanbod_id)
    except Aanbod.DoesNotExist:
        return False
    if aanbod.status != AanbodStatus.OPEN or aanbod.deadline >= timezone.localdate():
        return False
    aanbod.status = AanbodStatus.VERLOPEN
    aanbod.save(update_fields=["status"])
    _gebeurtenis(
        vraag,
        Gebeurtenis.Soort.AANBOD,
        _("Aanbod bij %(locatie)s niet beantwoord voor de termijn.") % {"locatie": aanbod.locatie.naam},
    )
    _terug_naar_wachtlijst_als_niets_loopt(
        vraag, reden=_("Aanbod verlopen; de aanvraag staat weer op de wachtlijst.")
    )
    berichten.mail_aanbod_verlopen(aanbod)
    return True


@atomair_met_herhaling
def vraag_herbevestiging(*, vraag_id: int) -> bool:
    """Every few months an open request is asked to confirm it still needs care (once per period)."""
    vraag = _vergrendel(Opvangvraag(pk=vraag_id))
    if not vraag.is_open or vraag.herbevestiging_gevraagd is not None:
        return False
    vraag.herbevestiging_gevraagd = _nu()
    vraag.save(update_fields=["herbevestiging_gevraagd"])
    _gebeurtenis(vraag, Gebeurtenis.Soort.HERINNERING, _("Gevraagd om de aanvraag te herbevestigen."))
    berichten.mail_herbevestiging(vraag)
    return True


@atomair_met_herhaling
def waarschuw_verval(*, vraag_id: int) -> bool:
    """A week before a request expires, the family is warned once."""
    vraag = _vergrendel(Opvangvraag(pk=vraag_id))
    if not vraag.is_open or vraag.herbevestiging_gevraagd is None or vraag.vervalwaarschuwing is not None:
        return False
    vraag.vervalwaarschuwing = _nu()
    vraag.save(update_fields=["vervalwaarschuwing"])
    _gebeurtenis(vraag, Gebeurtenis.Soort.HERINNERING, _("Gewaarschuwd dat de aanvraag binnenkort vervalt."))
    berichten.mail_vervalwaarschuwing(vraag)
    return True


@atomair_met_herhaling
def laat_verlopen(*, vraag_id: int, reden: str) -> bool:
    """A request not confirmed or re-confirmed in time expires (with its open offers)."""
    vraag = _vergrendel(Opvangvraag(pk=vraag_id))
    if not workflow.mag(vraag.status, Status.VERLOPEN):
        return False
    _beeindig_aanbiedingen(vraag, behalve=None, reden=_("Aanbod vervallen: aanvraag verlopen"))
    _beeindig_voorkeuren(vraag, behalve_locatie_id=None, reden=_("aanvraag verlopen"))
    wijzig_status(vraag=vraag, naar=Status.VERLOPEN, reden=reden)
    if vraag.email:
        berichten.mail_verlopen(vraag)
    return True


def laat_verlopen_zonder_bevestiging(*, vraag_id: int) -> bool:
    """The e-mail address was not confirmed in time (`loket.termijnen.niet_bevestigd`)."""
    return laat_verlopen(vraag_id=vraag_id, reden=termijnen.reden_niet_bevestigd())


def laat_verlopen_zonder_herbevestiging(*, vraag_id: int) -> bool:
    """The request was not re-confirmed in time (`loket.termijnen.verval_nodig`)."""
    return laat_verlopen(vraag_id=vraag_id, reden=termijnen.reden_niet_herbevestigd())


# --- personal data ------------------------------------------------------------------------------


@transaction.atomic
def anonimiseer(*, vraag_id: int, reden: str) -> bool:
    """Erase a request's personal data, keeping only what the loket's figures need (dates, age
    groups, postcode, priority groups). Used when a family erases its request and by the daily
    retention purge. The private link stops working, the request's mails leave the outbox, and
    the history keeps its events without the text people wrote (notes, corrections, reasons in
    their own words)."""
    vraag = _vergrendel(Opvangvraag(pk=vraag_id))
    if vraag.geanonimiseerd is not None:
        return False
    if vraag.is_open or vraag.status == Status.INGEDIEND:
        _beeindig_aanbiedingen(vraag, behalve=None, reden=_("Aanbod vervallen: gegevens gewist"))
        _beeindig_voorkeuren(vraag, behalve_locatie_id=None, reden=_("gegevens gewist"))
        wijzig_status(vraag=vraag, naar=Status.INGETROKKEN, reden=reden)
    vraag.ouders.all().delete()
    vraag.kinderen.update(voornaam="–", zorgnoden="")
    vraag.gebeurtenissen.filter(Q(intern=True) | Q(vrije_tekst=True)).update(reden=GEWIST)
    vraag.aanbiedingen.exclude(afwijzingsreden="").update(afwijzingsreden=GEWIST)
    # A flag of a possible duplicate names the children and holds the loket's note.
    MogelijkDubbel.objects.filter(Q(nieuw=vraag) | Q(bestaand=vraag)).update(reden=GEWIST, notitie="")
    berichten.vergeet_mails_van(vraag)
    vraag.email = ""
    vraag.dringend_reden = ""
    vraag.token = uuid.uuid4().hex + uuid.uuid4().hex
    vraag.indieningssleutel = None
    vraag.geanonimiseerd = _nu()
    vraag.save(update_fields=["email", "dringend_reden", "token", "indieningssleutel", "geanonimiseerd"])
    _gebeurtenis(vraag, Gebeurtenis.Soort.WIJZIGING, reden)
    return True
