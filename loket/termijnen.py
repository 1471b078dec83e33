"""The deadlines of a request, each rule in one place (settings `LOKET_*`).

The beat tasks (`loket.tasks`) ask which requests are due now (a `Q` per rule, checked again under
the request's lock); the family's private page says by when it has to act (a day per rule). Both
read the same rules:

- an unconfirmed e-mail address: the request expires LOKET_BEVESTIGINGSTERMIJN_DAGEN days after
  it was submitted;
- re-confirmation: LOKET_HERBEVESTIGING_MAANDEN calendar months after the last confirmation the
  family is asked to re-confirm, is warned LOKET_VERVALWAARSCHUWING_DAGEN days before the end of
  the LOKET_HERBEVESTIGING_TERMIJN_DAGEN days it has to answer, and the request then expires;
- retention: personal data of a closed request are erased LOKET_BEWAARTERMIJN_MAANDEN calendar
  months after it closed.
"""

from __future__ import annotations

import calendar
import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.models import AFGESLOTEN, Aanbod, AanbodStatus, Opvangvraag, Status

OPEN = (Status.ACTIEF, Status.AANBOD)


# --- calendar months -------------------------------------------------------------------------------


def plus_maanden(dag: datetime.date, maanden: int) -> datetime.date:
    """The same day `maanden` calendar months later (earlier when negative); a day that does not
    exist in that month becomes its last day: one month after 31 January is 28 (or 29) February."""
    jaar, maand = divmod(dag.month - 1 + maanden, 12)
    jaar += dag.year
    maand += 1
    return dag.replace(year=jaar, month=maand, day=min(dag.day, calendar.monthrange(jaar, maand)[1]))


def maanden_terug(moment: datetime.datetime, maanden: int) -> datetime.datetime:
    """The same local time `maanden` calendar months before `moment` (as `plus_maanden`)."""
    lokaal = timezone.localtime(moment)
    dag = plus_maanden(lokaal.date(), -maanden)
    naief = lokaal.replace(tzinfo=None).replace(year=dag.year, month=dag.month, day=dag.day)
    return timezone.make_aware(naief, lokaal.tzinfo)


# --- the day the family has to act by (its private page) ------------------------------------------


def bevestigen_uiterlijk(ingediend: datetime.datetime) -> datetime.date:
    """The last day to confirm the e-mail address of a request submitted at `ingediend`."""
    return timezone.localdate(ingediend) + datetime.timedelta(days=settings.LOKET_BEVESTIGINGSTERMIJN_DAGEN)


def herbevestigen_uiterlijk(gevraagd: datetime.datetime) -> datetime.date:
    """The last day to re-confirm after the question of `gevraagd`."""
    return timezone.localdate(gevraagd) + datetime.timedelta(days=settings.LOKET_HERBEVESTIGING_TERMIJN_DAGEN)


def volgende_herbevestiging(bevestigd: datetime.datetime) -> datetime.date:
    """The day the family is asked again to re-confirm, after confirming at `bevestigd`."""
    return plus_maanden(timezone.localdate(bevestigd), settings.LOKET_HERBEVESTIGING_MAANDEN)


def herbevestiging_vanaf(bevestigd: datetime.datetime) -> datetime.datetime:
    """The moment from which the family is asked to re-confirm, after confirming at `bevestigd`."""
    return maanden_terug(bevestigd, -settings.LOKET_HERBEVESTIGING_MAANDEN)


def gewist_op(afgesloten: datetime.datetime) -> datetime.date:
    """The day the personal data of a request closed at `afgesloten` are erased."""
    return plus_maanden(timezone.localdate(afgesloten), settings.LOKET_BEWAARTERMIJN_MAANDEN)


# --- which requests are due now (the beat tasks) ----------------------------------------------------


def vragen() -> QuerySet[Opvangvraag]:
    """The requests, with the moment of their last confirmation (`laatst_bevestigd`) the rules use."""
    return Opvangvraag.objects.annotate(laatst_bevestigd=Coalesce("herbevestigd", "bevestigd"))


def _in_herbevestigingscyclus() -> Q:
    """Open requests the re-confirmation cycle applies to.

    Not those without an e-mail address (registered at the desk without one: the family cannot
    receive the question, the loket follows them up itself) and not those with an offer the family
    accepted (the provider's confirmation is awaited; the family already said it needs the place).
    """
    wacht_op_opvang = Aanbod.objects.filter(opvangvraag=OuterRef("pk"), status=AanbodStatus.AANVAARD)
    return Q(status__in=OPEN) & ~Q(email="") & ~Q(Exists(wacht_op_opvang))


def niet_bevestigd(nu: datetime.datetime) -> Q:
    grens = nu - datetime.timedelta(days=settings.LOKET_BEVESTIGINGSTERMIJN_DAGEN)
    return Q(status=Status.INGEDIEND, ingediend__lte=grens)


def herbevestiging_nodig(nu: datetime.datetime) -> Q:
    grens = maanden_terug(nu, settings.LOKET_HERBEVESTIGING_MAANDEN)
    return _in_herbevestigingscyclus() & Q(herbevestiging_gevraagd__isnull=True, laatst_bevestigd__lte=grens)


def waarschuwing_nodig(nu: datetime.datetime) -> Q:
    dagen = settings.LOKET_HERBEVESTIGING_TERMIJN_DAGEN - settings.LOKET_VERVALWAARSCHUWING_DAGEN
    grens = nu - datetime.timedelta(days=max(dagen, 0))
    return _in_herbevestigingscyclus() & Q(
        herbevestiging_gevraagd__lte=grens, vervalwaarschuwing__isnull=True
    )


def verval_nodig(nu: datetime.datetime) -> Q:
    """Asked LOKET_HERBEVESTIGING_TERMIJN_DAGEN days ago and warned. When the warning went out late
    (beat was down), the family still gets LOKET_VERVALWAARSCHUWING_DAGEN days after it."""
    gevraagd = nu - datetime.timedelta(days=settings.LOKET_HERBEVESTIGING_TERMIJN_DAGEN)
    gewaarschuwd = nu - datetime.timedelta(days=settings.LOKET_VERVALWAARSCHUWING_DAGEN)
    return _in_herbevestigingscyclus() & Q(
        herbevestiging_gevraagd__lte=gevraagd, vervalwaarschuwing__lte=gewaarschuwd
    )


def bewaartermijn_voorbij(nu: datetime.datetime) -> Q:
    grens = maanden_terug(nu, settings.LOKET_BEWAARTERMIJN_MAANDEN)
    return Q(status__in=AFGESLOTEN, afgesloten__lte=grens, geanonimiseerd__isnull=True)


# --- why (the event a rule writes) -------------------------------------------------------------------


def reden_niet_bevestigd() -> str:
    return _("Verlopen: het e-mailadres werd niet binnen %(dagen)s dagen na het indienen bevestigd.") % {
        "dagen": settings.LOKET_BEVESTIGINGSTERMIJN_DAGEN
    }


def reden_niet_herbevestigd() -> str:
    return _("Verlopen: de aanvraag werd niet binnen %(dagen)s dagen na onze vraag herbevestigd.") % {
        "dagen": settings.LOKET_HERBEVESTIGING_TERMIJN_DAGEN
    }


def reden_bewaartermijn() -> str:
    return _(
        "Persoonsgegevens gewist: de bewaartermijn van %(maanden)s maanden na het afsluiten is voorbij."
    ) % {"maanden": settings.LOKET_BEWAARTERMIJN_MAANDEN}
