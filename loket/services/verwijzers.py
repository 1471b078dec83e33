"""Referral partners (verwijzers): organisations such as an OCMW, a CAW or a consultatiebureau
whose members register a childcare request for a family, with the family's consent, and follow it.

Opgroeien invites an organisation for every loket (`Verwijzer.huis` empty); a loket invites one
for its own Huis. The first member gets an account and an e-mail to choose a password
(`kern.services.nodig_uit`). A member registers a request like the desk does: it is active at
once. The family's consent is recorded with it; a family without an e-mail address has its
messages sent to the organisation (`berichten_via_verwijzer`, see `loket.berichten`).
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huizen.models import Huis
from kern.models import User
from kern.services import nodig_uit
from kern.tabellen import datumtekst
from kern.tenancy import Rol, is_lid, is_opgroeien
from loket import berichten
from loket.models import Gebeurtenis, Opvanglocatie, Opvangvraag, Status, Verwijzer, Verwijzerslidmaatschap

#: Errors of the registration, next to their field.
TOESTEMMING_NODIG = (
    "Registreer alleen met de toestemming van het gezin: vink aan dat het gezin toestemming gaf."
)
VIA_VERWIJZER_NODIG = (
    "Het gezin heeft geen e-mailadres: kies dat de berichten via uw organisatie gaan, "
    "of vul het e-mailadres van het gezin in."
)


def mag_uitnodigen(user, huis: Huis | None) -> bool:
    """Opgroeien staff invite for any loket or for all; loket staff only for their own Huis."""
    if is_opgroeien(user):
        return True
    return huis is not None and is_lid(user, huis, [Rol.LOKET])


@transaction.atomic
def nodig_verwijzer_uit(
    *,
    naam: str,
    soort: str,
    email: str,
    telefoon: str = "",
    huis: Huis | None,
    lid_email: str,
    lid_naam: str = "",
    door,
) -> Verwijzer:
    """Create the organisation with its first member, who gets an invitation to choose a password
    (an existing account is only linked)."""
    if not mag_uitnodigen(door, huis):
        raise PermissionDenied
    verwijzer = Verwijzer.objects.create(
        naam=naam.strip(),
        soort=soort,
        email=email.strip(),
        telefoon=telefoon.strip(),
        huis=huis,
        aangemaakt_door=door,
    )
    voeg_lid_toe(verwijzer=verwijzer, email=lid_email, naam=lid_naam, door=door)
    return verwijzer


@transaction.atomic
def voeg_lid_toe(*, verwijzer: Verwijzer, email: str, naam: str = "", door) -> Verwijzerslidmaatschap:
    """A member of the organisation: a new account is invited, an existing one only linked."""
    if not mag_uitnodigen(door, verwijzer.huis):
        raise PermissionDenied
    email = email.strip()
    gebruiker = User.objects.filter(email__iexact=email).first()
    nieuw = gebruiker is None
    if nieuw:
        gebruiker = User(email=email, naam=naam.strip(), is_active=True)
        gebruiker.set_unusable_password()
        gebruiker.save()
    lid, _gemaakt = Verwijzerslidmaatschap.objects.get_or_create(gebruiker=gebruiker, verwijzer=verwijzer)
    if nieuw or not gebruiker.has_usable_password():
        nodig_uit(gebruiker=gebruiker)
    return lid


def verwijzers_van(user):
    """The organisations the user is a member of."""
    if not (user.is_authenticated and user.is_active):
        return Verwijzer.objects.none()
    return Verwijzer.objects.filter(leden__gebruiker=user).select_related("huis").order_by("naam", "pk")


def mag_registreren_bij(verwijzer: Verwijzer, huis: Huis) -> bool:
    """A partner invited by a loket registers at that loket; one invited by Opgroeien everywhere."""
    return verwijzer.huis_id is None or verwijzer.huis_id == huis.pk


def registreer_voor_gezin(
    *,
    verwijzer: Verwijzer,
    door,
    huis: Huis,
    velden: dict,
    kinderen: Sequence[dict],
    ouders: Sequence[dict],
    voorkeuren: Sequence[Opvanglocatie],
    toestemming: bool,
    berichten_via_verwijzer: bool,
    sleutel: uuid.UUID | None = None,
    taal: str = settings.LANGUAGE_CODE,
) -> tuple[Opvangvraag, bool]:
    """A member of a referral partner registers a request for a family, with its consent; the
    request is active at once. Without the family's e-mail address its messages must go to the
    organisation."""
    from loket import services

    if not Verwijzerslidmaatschap.objects.filter(gebruiker=door, verwijzer=verwijzer).exists():
        raise PermissionDenied
    if not mag_registreren_bij(verwijzer, huis):
        raise PermissionDenied
    fouten = {}
    if not toestemming:
        fouten["toestemming"] = [TOESTEMMING_NODIG]
    if not (velden.get("email") or "").strip() and not berichten_via_verwijzer:
        fouten["berichten_via_verwijzer"] = [VIA_VERWIJZER_NODIG]
    if fouten:
        raise ValidationError(fouten)
    return services.registreer_opvangvraag(
        huis=huis,
        velden=velden,
        kinderen=kinderen,
        ouders=ouders,
        voorkeuren=voorkeuren,
        sleutel=sleutel,
        door=door,
        taal=taal,
        verwijzing={
            "verwijzer": verwijzer,
            "toestemming_op": timezone.now(),
            "berichten_via_verwijzer": berichten_via_verwijzer,
        },
    )


def registratietekst(vraag: Opvangvraag) -> str:
    """ "Geregistreerd door <organisatie> met toestemming van het gezin op <datum>." """
    return _("Geregistreerd door %(organisatie)s met toestemming van het gezin op %(datum)s.") % {
        "organisatie": vraag.verwijzer.naam,
        "datum": datumtekst(timezone.localdate(vraag.toestemming_op)),
    }


def na_registratie(*, vraag: Opvangvraag, door, nu: datetime.datetime) -> None:
    """The rest of `registreer_opvangvraag` for a partner's registration: its events, active at
    once, and the family's first mail (to the family and/or the organisation)."""
    from loket import services

    Gebeurtenis.objects.create(
        opvangvraag=vraag,
        soort=Gebeurtenis.Soort.STATUS,
        naar_status=Status.INGEDIEND,
        door=door,
        reden=registratietekst(vraag),
    )
    vraag.bevestigd = vraag.herbevestigd = nu
    vraag.save(update_fields=["bevestigd", "herbevestigd"])
    services.wijzig_status(
        vraag=vraag,
        naar=Status.ACTIEF,
        reden=_("Geregistreerd door %(organisatie)s.") % {"organisatie": vraag.verwijzer.naam},
        door=door,
    )
    berichten.mail_geregistreerd_door_verwijzer(vraag)
