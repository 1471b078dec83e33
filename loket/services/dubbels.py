"""Possible duplicate requests: finding them after a registration, and the lokets' handling of
them ("geen dubbel", or merging both with the family's agreement).

A new request may be for a child that already has a running request (ingediend, actief, aanbod)
at any loket. It is flagged (`MogelijkDubbel`), never refused: a false match must not block a
family. The child matches when

- it has the same birth date and a similar first name (`gelijkaardige_naam`), or
- a parent's e-mail address or phone number is the same and the child has the same birth date or
  a similar first name (a typo in one of both).

A shared e-mail address or phone number alone is not enough: brothers and sisters have the same
parents, and each has a request of its own.

Merging keeps one request, with the earliest registration and confirmation dates of both, takes
over the other's choices it lacks (ranked after its own), withdraws the other with the reason in
both histories and mails the family once with the kept request's number.
"""

from __future__ import annotations

import datetime
import difflib
import logging
import operator
import unicodedata
from dataclasses import dataclass
from functools import reduce

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kern.forms import TelefoonVeld
from kern.tabellen import datumtekst
from kern.tenancy import Rol, is_lid
from kern.transacties import atomair_met_herhaling
from loket import berichten, services
from loket.models import (
    AanbodStatus,
    DubbelAfhandeling,
    Gebeurtenis,
    Kind,
    MogelijkDubbel,
    Opvangvraag,
    Ouder,
    Status,
    Voorkeur,
)
from loket.selectors import elders

logger = logging.getLogger(__name__)

#: Requests that still run: a second one for the same child is a possible duplicate.
LOPEND = (Status.INGEDIEND, Status.ACTIEF, Status.AANBOD)
#: From this similarity ratio (difflib, 0..1) on, two normalised first names are "similar":
#: "Lucas"/"Lukas" (0.8) and "Mohamed"/"Mohammed" (0.93) are, "Noor"/"Nora" (0.75) and
#: "Emma"/"Anna" (0.5) are not (tests/loket/test_dubbel.py).
NAAM_DREMPEL = 0.8


def normaliseer_naam(naam: str) -> str:
    """A first name without case, accents, spaces or punctuation: "Noör " -> "noor"."""
    ontleed = unicodedata.normalize("NFKD", naam.casefold())
    return "".join(teken for teken in ontleed if teken.isalnum())


def gelijkaardige_naam(een: str, twee: str) -> bool:
    een, twee = normaliseer_naam(een), normaliseer_naam(twee)
    if not een or not twee:
        return False
    return een == twee or difflib.SequenceMatcher(None, een, twee).ratio() >= NAAM_DREMPEL


def normaliseer_telefoon(tekst: str) -> str:
    """A phone number in the international form `kern.forms.TelefoonVeld` stores, or "" when the
    text is no phone number."""
    try:
        return TelefoonVeld(required=False).clean(tekst) or ""
    except ValidationError:
        return ""


@dataclass(frozen=True)
class Contact:
    emails: frozenset[str]
    telefoons: frozenset[str]


def _contact(vraag: Opvangvraag) -> Contact:
    ouders = list(vraag.ouders.all())
    adressen = [vraag.email, *(ouder.email for ouder in ouders)]
    emails = {adres.strip().casefold() for adres in adressen if adres.strip()}
    telefoons = {normaliseer_telefoon(o.telefoon) for o in ouders if o.telefoon.strip()}
    return Contact(frozenset(emails), frozenset(telefoons - {""}))


def _reden(nieuw: Opvangvraag, ander: Opvangvraag) -> str:
    """Why `ander` may be a request for a child of `nieuw`, in words for the loket, or ""."""
    een, twee = _contact(nieuw), _contact(ander)
    contact = []
    if een.emails & twee.emails:
        contact.append(_("zelfde e-mailadres"))
    if een.telefoons & twee.telefoons:
        contact.append(_("zelfde telefoonnummer"))
    for kind in nieuw.kinderen.all():
        for ander_kind in ander.kinderen.all():
            zelfde_dag = kind.geboortedatum == ander_kind.geboortedatum
            naam = gelijkaardige_naam(kind.voornaam, ander_kind.voornaam)
            if zelfde_dag and naam:
                kindreden = _("zelfde geboortedatum en gelijkaardige voornaam (%(een)s / %(twee)s)")
            elif contact and zelfde_dag:
                kindreden = _("zelfde geboortedatum (%(een)s / %(twee)s)")
            elif contact and naam:
                kindreden = _("gelijkaardige voornaam (%(een)s / %(twee)s)")
            else:
                continue
            delen = [kindreden % {"een": kind.voornaam, "twee": ander_kind.voornaam}, *contact]
            return ", ".join(delen)
    return ""


def kandidaten(vraag: Opvangvraag):
    """Running requests at any loket that share a child's birth date or a parent's contact data
    with `vraag` (the database narrows, `_reden` decides)."""
    contact = _contact(vraag)
    data = list(vraag.kinderen.values_list("geboortedatum", flat=True))
    voorwaarden = [Exists(Kind.objects.filter(opvangvraag=OuterRef("pk"), geboortedatum__in=data))]
    for adres in contact.emails:
        voorwaarden.append(Q(email__iexact=adres))
        voorwaarden.append(Exists(Ouder.objects.filter(opvangvraag=OuterRef("pk"), email__iexact=adres)))
    if contact.telefoons:
        voorwaarden.append(
            Exists(Ouder.objects.filter(opvangvraag=OuterRef("pk"), telefoon__in=contact.telefoons))
        )
    return (
        Opvangvraag.objects.filter(status__in=LOPEND, geanonimiseerd__isnull=True)
        .exclude(pk=vraag.pk)
        .filter(reduce(operator.or_, voorwaarden))
        .prefetch_related("kinderen", "ouders")
        .order_by("ingediend", "pk")
    )


def zoek_dubbels(*, vraag_id: int) -> list[MogelijkDubbel]:
    """Flag the running requests that may be for a child of this new request (run by
    `registreer_opvangvraag` once the registration committed); returns the new flags."""
    vraag = Opvangvraag.objects.prefetch_related("kinderen", "ouders").filter(pk=vraag_id).first()
    if vraag is None or vraag.status not in LOPEND:
        return []
    gevonden = []
    for ander in kandidaten(vraag):
        reden = _reden(vraag, ander)
        if not reden:
            continue
        try:
            with transaction.atomic():
                dubbel, nieuw = MogelijkDubbel.objects.get_or_create(
                    nieuw=vraag, bestaand=ander, defaults={"reden": reden[:300]}
                )
        except IntegrityError:
            continue  # flagged at the same moment by a second run
        if nieuw:
            services.gewijzigd(vraag.huis_id)
            services.gewijzigd(ander.huis_id)
            gevonden.append(dubbel)
    if gevonden:
        logger.info("aanvraag %s: %s mogelijk dubbele aanvraag(en)", vraag.pk, len(gevonden))
    return gevonden


# --- the lokets' handling ----------------------------------------------------------------------


def _vergrendel_dubbel(dubbel: MogelijkDubbel) -> MogelijkDubbel:
    return MogelijkDubbel.objects.select_for_update(of=("self",)).get(pk=dubbel.pk)


@atomair_met_herhaling
def geen_dubbel(*, dubbel: MogelijkDubbel, door, notitie: str = "") -> MogelijkDubbel:
    """The loket judged both requests to be for different children: the flag is closed."""
    dubbel = _vergrendel_dubbel(dubbel)
    if not dubbel.is_open:
        raise ValidationError(_("Deze melding is al afgehandeld."))
    dubbel.afhandeling = DubbelAfhandeling.GEEN_DUBBEL
    dubbel.afgehandeld = timezone.now()
    dubbel.afgehandeld_door = door
    dubbel.notitie = notitie.strip()
    dubbel.save(update_fields=["afhandeling", "afgehandeld", "afgehandeld_door", "notitie"])
    for huis_id in {dubbel.nieuw.huis_id, dubbel.bestaand.huis_id}:
        services.gewijzigd(huis_id)
    return dubbel


def waarom_niet_samenvoegen(*, dubbel: MogelijkDubbel, behouden: Opvangvraag, user) -> str:
    """Why `user` cannot merge this pair keeping `behouden`, in one sentence, or "".

    Only the loket that holds the kept request merges, and only when the other request is of the
    same loket or the user is loket staff of both."""
    ander = dubbel.bestaand if behouden.pk == dubbel.nieuw_id else dubbel.nieuw
    if not is_lid(user, behouden.huis, [Rol.LOKET]):
        return _(
            "Aanvraag %(nummer)s hoort bij het loket van %(huis)s: alleen dat loket kan ze behouden "
            "bij het samenvoegen."
        ) % {"nummer": behouden.nummer, "huis": behouden.huis.naam}
    if ander.huis_id != behouden.huis_id and not is_lid(user, ander.huis, [Rol.LOKET]):
        return _(
            "De andere aanvraag (%(nummer)s) hoort bij het loket van %(huis)s en u werkt niet voor dat "
            "loket: vraag het loket van %(huis)s om deze melding af te handelen of om zijn aanvraag met "
            "akkoord van het gezin in te trekken."
        ) % {"nummer": ander.nummer, "huis": ander.huis.naam}
    return ""


def _vroegste(*waarden: datetime.datetime | None) -> datetime.datetime | None:
    gegeven = [waarde for waarde in waarden if waarde is not None]
    return min(gegeven) if gegeven else None


def _neem_vroegste_data_over(hou: Opvangvraag, weg: Opvangvraag) -> None:
    """The earliest registration and confirmation dates, so the family keeps its place in the queue."""
    hou.ingediend = min(hou.ingediend, weg.ingediend)
    hou.bevestigd = _vroegste(hou.bevestigd, weg.bevestigd)
    velden = ["ingediend", "bevestigd"]
    if hou.herbevestigd is None or (weg.herbevestigd and weg.herbevestigd > hou.herbevestigd):
        hou.herbevestigd = weg.herbevestigd
        velden.append("herbevestigd")
    hou.save(update_fields=velden)


def _neem_voorkeuren_over(hou: Opvangvraag, weg: Opvangvraag) -> tuple[list[str], list[str]]:
    """The other's active choices the kept one lacks, ranked after its own: (taken over, not taken
    over because the location is neither of the kept request's loket nor near it
    (`selectors.elders.niet_kiesbaar`), is no longer active, or the kept request has ten choices)."""
    eigen = set(hou.voorkeuren.values_list("locatie_id", flat=True))
    rang = max(hou.voorkeuren.values_list("rang", flat=True), default=0)
    kandidaten = [
        voorkeur.locatie
        for voorkeur in weg.voorkeuren.filter(actief=True).select_related("locatie").order_by("rang")
        if voorkeur.locatie_id not in eigen
    ]
    te_ver = elders.niet_kiesbaar(hou.huis, kandidaten)
    overgenomen, niet_overgenomen = [], []
    for locatie in kandidaten:
        if locatie.pk in te_ver or not locatie.actief or rang >= services.MAX_VOORKEUREN:
            niet_overgenomen.append(locatie.naam)
            continue
        rang += 1
        Voorkeur.objects.create(opvangvraag=hou, locatie=locatie, rang=rang)
        overgenomen.append(locatie.naam)
    services._werk_eerste_keuze_bij(hou)
    return overgenomen, niet_overgenomen


@atomair_met_herhaling
def voeg_samen(
    *, dubbel: MogelijkDubbel, behouden: Opvangvraag, akkoord: bool, notitie: str, door
) -> Opvangvraag:
    """Merge the flagged pair with the family's agreement: `behouden` stays with the earliest
    registration and confirmation dates, the other's missing choices follow its own, the other is
    withdrawn (the reason in both histories) and the family gets one mail with the kept number."""
    if not akkoord:
        raise ValidationError({"akkoord": _("Voeg alleen samen als het gezin akkoord ging; vink dat aan.")})
    if behouden.pk not in (dubbel.nieuw_id, dubbel.bestaand_id):
        raise ValidationError({"behouden": _("Kies een van beide aanvragen om te behouden.")})
    melding = waarom_niet_samenvoegen(dubbel=dubbel, behouden=behouden, user=door)
    if melding:
        raise ValidationError(melding)
    # The one lock order: the requests (lowest id first), then the flag.
    paar = sorted([dubbel.nieuw_id, dubbel.bestaand_id])
    vragen = {pk: services._vergrendel(Opvangvraag(pk=pk)) for pk in paar}
    dubbel = _vergrendel_dubbel(dubbel)
    if not dubbel.is_open:
        raise ValidationError(_("Deze melding is al afgehandeld."))
    hou = vragen[behouden.pk]
    weg = vragen[dubbel.bestaand_id if hou.pk == dubbel.nieuw_id else dubbel.nieuw_id]
    if hou.status not in LOPEND or weg.status not in LOPEND:
        raise ValidationError(_("Een van beide aanvragen loopt niet meer; er valt niets samen te voegen."))
    if weg.aanbiedingen.filter(status__in=[AanbodStatus.OPEN, AanbodStatus.AANVAARD]).exists():
        raise ValidationError(
            {
                "behouden": _(
                    "Aanvraag %(nummer)s heeft een lopend aanbod: behoud die aanvraag, zodat het gezin "
                    "zijn aanbod niet verliest."
                )
                % {"nummer": weg.nummer}
            }
        )

    _neem_vroegste_data_over(hou, weg)
    overgenomen, niet_overgenomen = _neem_voorkeuren_over(hou, weg)

    tekst = _(
        "Aanvraag %(weg)s samengevoegd met deze aanvraag, met akkoord van het gezin. De vroegste "
        "inschrijvingsdatum (%(datum)s) blijft behouden."
    ) % {"weg": weg.nummer, "datum": f"{datumtekst(timezone.localtime(hou.ingediend))}"}
    if overgenomen:
        tekst += " " + _("Overgenomen voorkeuren: %(lijst)s.") % {"lijst": ", ".join(overgenomen)}
    if niet_overgenomen:
        tekst += " " + _(
            "Niet overgenomen (te ver van het loket, niet meer actief of al tien keuzes): %(lijst)s."
        ) % {"lijst": ", ".join(niet_overgenomen)}
    services._gebeurtenis(hou, Gebeurtenis.Soort.WIJZIGING, tekst, door=door)
    if hou.status == Status.INGEDIEND and weg.status != Status.INGEDIEND:
        services.wijzig_status(
            vraag=hou,
            naar=Status.ACTIEF,
            reden=_("Samengevoegd met een bevestigde aanvraag; de aanvraag staat op de wachtlijst."),
            door=door,
        )
    services.trek_in(
        vraag=weg,
        reden=_(
            "Samengevoegd met aanvraag %(hou)s, met akkoord van het gezin: de aanvraag loopt verder als "
            "%(hou)s."
        )
        % {"hou": hou.nummer},
        door=door,
        mail=False,  # the one mail about the merge says so
    )
    if notitie.strip():
        for vraag in (hou, weg):
            services._gebeurtenis(
                vraag, Gebeurtenis.Soort.NOTITIE, notitie.strip(), door=door, intern=True, vrije_tekst=True
            )

    dubbel.afhandeling = DubbelAfhandeling.SAMENGEVOEGD
    dubbel.afgehandeld = timezone.now()
    dubbel.afgehandeld_door = door
    dubbel.behouden = hou
    dubbel.notitie = notitie.strip()
    dubbel.save(update_fields=["afhandeling", "afgehandeld", "afgehandeld_door", "behouden", "notitie"])
    berichten.mail_samengevoegd(hou, weg)
    hou.refresh_from_db()
    return hou
