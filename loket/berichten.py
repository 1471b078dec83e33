"""The e-mails of the loket to families and providers. All go through the outbox (kern.mail), so
they are sent by Celery after the transaction commits, and a re-delivered task sends nothing twice.
Every mail names the request it is about, so erasing the request takes its mails out of the outbox
(`vergeet_mails_van`). A family gets its mails in the language it registered in
(`Opvangvraag.taal`); providers get theirs in Dutch.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kern.mail import vergeet_mails, verstuur_mail
from loket import stand
from loket.models import Aanbod, Opvanglocatie, Opvangvraag


def privelink(vraag: Opvangvraag, naam: str = "loket:aanvraag") -> str:
    return settings.SITE_URL.rstrip("/") + reverse(naam, kwargs={"token": vraag.token})


def _betreft(vraag: Opvangvraag) -> str:
    return f"loket.opvangvraag:{vraag.pk}"


def vergeet_mails_van(vraag: Opvangvraag) -> None:
    """The request's mails (to the family and about it to providers) leave the outbox."""
    vergeet_mails(betreft=_betreft(vraag))


#: The subjects of the family's mails, read from `loket.stand` in the family's language.
_stand_onderwerp = lazy(stand.onderwerp, str)
_stand_aanbod_onderwerp = lazy(stand.aanbod_onderwerp, str)


def _adressen_van_gezin(vraag: Opvangvraag) -> list[str]:
    """Where the family's mails go: its own address and, when it chose that its messages go via
    the referral partner that registered it, the organisation's address and its member's."""
    adressen = [vraag.email] if vraag.email else []
    if vraag.berichten_via_verwijzer and vraag.verwijzer_id:
        adressen.append(vraag.verwijzer.email)
        # the member who registered it, while still an active member of the organisation
        lid = vraag.verwijzer.leden.filter(gebruiker_id=vraag.verwijzer_door_id, gebruiker__is_active=True)
        adressen += lid.values_list("gebruiker__email", flat=True)
    uniek: dict[str, str] = {}
    for adres in adressen:
        if adres:
            uniek.setdefault(adres.lower(), adres)
    return list(uniek.values())


def _aan_gezin(vraag: Opvangvraag, sjabloon: str, onderwerp, **context) -> None:
    """A mail to the family, subject (a lazy text) and body in the family's language (also when it
    goes to the referral partner, with a line on top saying for whom it is)."""
    adressen = _adressen_van_gezin(vraag)
    if not adressen:
        if vraag.berichten_via_verwijzer:
            _niemand_te_mailen(vraag, onderwerp)
        return
    context = {
        "vraag": vraag,
        "huis": vraag.huis,
        "link": privelink(vraag),
        "bevestigingslink": privelink(vraag, "loket:bevestig"),
        "termijnen": _termijnen(),
        **context,
    }
    with translation.override(vraag.taal or settings.LANGUAGE_CODE):
        onderwerp = str(onderwerp)
        tekst = render_to_string(f"loket/mail/{sjabloon}.txt", context)
    via = ""
    if vraag.berichten_via_verwijzer and vraag.verwijzer_id:
        with translation.override(settings.LANGUAGE_CODE):  # the partner's own line: in Dutch
            via = render_to_string("loket/mail/_via_verwijzer.txt", context)
    if vraag.nummer:
        onderwerp = f"{onderwerp} ({vraag.nummer})"
    for adres in adressen:
        eigen = vraag.email and adres.lower() == vraag.email.lower()
        verstuur_mail(
            aan=adres, onderwerp=onderwerp, tekst=tekst if eigen else via + tekst, betreft=_betreft(vraag)
        )


def _niemand_te_mailen(vraag: Opvangvraag, onderwerp) -> None:
    """No address for the family's message (the partner has none either): the loket reads it in
    the request's internal history instead of the mail going nowhere unseen."""
    from loket.models import Gebeurtenis

    with translation.override(settings.LANGUAGE_CODE):
        tekst = f"E-mail aan het gezin niet verstuurd (geen e-mailadres van gezin of verwijzer): {onderwerp}"
    Gebeurtenis.objects.create(opvangvraag=vraag, soort=Gebeurtenis.Soort.NOTITIE, reden=tekst, intern=True)


def _aanbod_onderwerp(aanbod: Aanbod):
    """The subject of the mail about an offer entering its current state (`loket.stand`)."""
    return _stand_aanbod_onderwerp(aanbod.status, opvang=aanbod.locatie.naam)


def _termijnen() -> dict:
    return {
        "herbevestiging_maanden": settings.LOKET_HERBEVESTIGING_MAANDEN,
        "herbevestiging_dagen": settings.LOKET_HERBEVESTIGING_TERMIJN_DAGEN,
        "bevestiging_dagen": settings.LOKET_BEVESTIGINGSTERMIJN_DAGEN,
    }


def mail_bevestig_adres(vraag: Opvangvraag) -> None:
    _aan_gezin(vraag, "bevestig_adres", _stand_onderwerp(stand.INGEDIEND))


def mail_adres_gewijzigd(vraag: Opvangvraag) -> None:
    _aan_gezin(vraag, "adres_gewijzigd", _("Uw aanvraag voor kinderopvang werd gewijzigd"))


def mail_geregistreerd_door_loket(vraag: Opvangvraag) -> None:
    _aan_gezin(vraag, "geregistreerd_door_loket", _("Het loket registreerde uw aanvraag voor kinderopvang"))


def mail_geregistreerd_door_verwijzer(vraag: Opvangvraag) -> None:
    _aan_gezin(
        vraag,
        "geregistreerd_door_verwijzer",
        format_lazy(
            _("{organisatie} registreerde uw aanvraag voor kinderopvang"), organisatie=vraag.verwijzer.naam
        ),
    )


def mail_actief(vraag: Opvangvraag) -> None:
    _aan_gezin(vraag, "actief", _stand_onderwerp(stand.ACTIEF))


def mail_herbevestiging(vraag: Opvangvraag) -> None:
    _aan_gezin(vraag, "herbevestiging", _stand_onderwerp(stand.HERBEVESTIGEN))


def mail_vervalwaarschuwing(vraag: Opvangvraag) -> None:
    _aan_gezin(vraag, "vervalwaarschuwing", _("Uw aanvraag voor kinderopvang vervalt binnenkort"))


def mail_verlopen(vraag: Opvangvraag) -> None:
    _aan_gezin(vraag, "verlopen", _stand_onderwerp(stand.VERLOPEN))


def mail_ingetrokken(vraag: Opvangvraag, *, door_loket: bool = False) -> None:
    """The withdrawal confirmed: by the family itself, or by the loket on its word."""
    _aan_gezin(vraag, "ingetrokken", _stand_onderwerp(stand.INGETROKKEN), door_loket=door_loket)


def mail_aanbod(aanbod: Aanbod) -> None:
    _aan_gezin(aanbod.opvangvraag, "aanbod", _aanbod_onderwerp(aanbod), aanbod=aanbod)


def mail_aanbod_verlopen(aanbod: Aanbod) -> None:
    _aan_gezin(aanbod.opvangvraag, "aanbod_verlopen", _aanbod_onderwerp(aanbod), aanbod=aanbod)


def mail_aanbod_ingetrokken(aanbod: Aanbod, reden: str) -> None:
    _aan_gezin(
        aanbod.opvangvraag,
        "aanbod_ingetrokken",
        _aanbod_onderwerp(aanbod),
        aanbod=aanbod,
        reden=reden,
    )


def mail_aanbod_afgewezen(aanbod: Aanbod) -> None:
    """The provider cannot take the family in: a neutral mail, never with the provider's reason."""
    _aan_gezin(aanbod.opvangvraag, "aanbod_afgewezen", _aanbod_onderwerp(aanbod), aanbod=aanbod)


def mail_plaatsing_beeindigd(aanbod: Aanbod) -> None:
    """The placed family's location closes: the request is back in the queue, with priority."""
    _aan_gezin(aanbod.opvangvraag, "plaatsing_beeindigd", _aanbod_onderwerp(aanbod), aanbod=aanbod)


def mail_voorkeur_gesloten(vraag: Opvangvraag, locatie: Opvanglocatie) -> None:
    """A location the waiting family chose has closed: that choice ended."""
    onderwerp = format_lazy(_("Uw keuze voor {opvang} vervalt: de opvanglocatie sluit"), opvang=locatie.naam)
    _aan_gezin(vraag, "voorkeur_gesloten", onderwerp, locatie=locatie)


def mail_geplaatst(aanbod: Aanbod) -> None:
    _aan_gezin(aanbod.opvangvraag, "geplaatst", _stand_onderwerp(stand.GEPLAATST), aanbod=aanbod)


def mail_antwoord(aanbod: Aanbod) -> None:
    """The family's answer to an offer (accepted or declined), confirmed in writing."""
    _aan_gezin(aanbod.opvangvraag, "antwoord", _aanbod_onderwerp(aanbod), aanbod=aanbod)


def mail_samengevoegd(behouden: Opvangvraag, ingetrokken: Opvangvraag) -> None:
    """The one mail about two requests for the same child merged with the family's agreement:
    to the kept request's address (or the other's, when the kept one has none)."""
    if not behouden.email and ingetrokken.email:
        behouden.email = ingetrokken.email  # only for this mail; not saved
    _aan_gezin(
        behouden,
        "samengevoegd",
        _("Uw twee aanvragen voor kinderopvang zijn samengevoegd"),
        ingetrokken=ingetrokken,
    )


def _adressen_van_opvang(locatie) -> set[str]:
    """Where a location's provider reads its mail: its provider users, else the location's address."""
    adressen = {lid.gebruiker.email for lid in locatie.aanbieders.select_related("gebruiker")}
    adressen |= {lid.gebruiker.email for lid in locatie.organisator.aanbieders.select_related("gebruiker")}
    if not adressen and locatie.email:
        adressen = {locatie.email}
    return adressen


def mail_overplaatsing_aan_opvang(oud: Aanbod, nieuw: Aanbod) -> None:
    """The provider of a placement that ends hears that the child moves to another location."""
    locatie = oud.locatie
    with translation.override(settings.LANGUAGE_CODE):  # also when a family's French request sends it
        tekst = render_to_string(
            "loket/mail/overplaatsing_aan_opvang.txt",
            {"oud": oud, "nieuw": nieuw, "locatie": locatie, "huis": oud.opvangvraag.huis},
        )
    onderwerp = f"Een kind verlaat {locatie.naam}"
    if oud.opvangvraag.nummer:
        onderwerp = f"{onderwerp} ({oud.opvangvraag.nummer})"
    for adres in sorted(_adressen_van_opvang(locatie)):
        verstuur_mail(aan=adres, onderwerp=onderwerp, tekst=tekst, betreft=_betreft(oud.opvangvraag))


def mail_aanvaard_aan_opvang(aanbod: Aanbod) -> None:
    """The provider hears that a family accepted, and is asked to confirm the placement."""
    locatie = aanbod.locatie
    adressen = _adressen_van_opvang(locatie)
    with translation.override(settings.LANGUAGE_CODE):  # the family answers in its own language
        tekst = render_to_string(
            "loket/mail/aanvaard_aan_opvang.txt",
            {
                "aanbod": aanbod,
                "locatie": locatie,
                "link": settings.SITE_URL.rstrip("/") + reverse("loket:aanbieder"),
            },
        )
    onderwerp = f"Een gezin aanvaardde een plaats bij {locatie.naam}"
    if aanbod.opvangvraag.nummer:
        onderwerp = f"{onderwerp} ({aanbod.opvangvraag.nummer})"
    for adres in sorted(adressen):
        verstuur_mail(
            aan=adres,
            onderwerp=onderwerp,
            tekst=tekst,
            betreft=_betreft(aanbod.opvangvraag),
        )


# --- lokets among themselves: a placement that ends choices at other lokets -------------------


def _adressen_van_loket(huis) -> list[str]:
    """Where the loket of a Huis reads its mail: its loket staff, else the Huis's address."""
    from huizen.models import Lidmaatschap
    from kern.tenancy import Rol

    adressen = set(
        Lidmaatschap.objects.filter(huis=huis, rol=Rol.LOKET, gebruiker__is_active=True).values_list(
            "gebruiker__email", flat=True
        )
    )
    if not adressen and huis.email:
        adressen = {huis.email}
    return sorted(adressen)


def _aan_loket(vraag: Opvangvraag, huis, onderwerp: str, sjabloon: str, context: dict) -> None:
    with translation.override(settings.LANGUAGE_CODE):  # staff read Dutch
        tekst = render_to_string(f"loket/mail/{sjabloon}.txt", {"vraag": vraag, "huis": huis, **context})
    if vraag.nummer:
        onderwerp = f"{onderwerp} ({vraag.nummer})"
    for adres in _adressen_van_loket(huis):
        verstuur_mail(aan=adres, onderwerp=onderwerp, tekst=tekst, betreft=_betreft(vraag))


def mail_plaatsing_aan_thuisloket(
    vraag: Opvangvraag, aanbod: Aanbod, *, voorkeuren: list[Opvanglocatie], aanbiedingen: list[Opvanglocatie]
) -> None:
    """The home loket hears that its request was placed (also at another loket's location) and
    which choices and offers ended with it."""
    _aan_loket(
        vraag,
        vraag.huis,
        "Een aanvraag van uw loket is geplaatst",
        "geplaatst_aan_thuisloket",
        {"aanbod": aanbod, "locatie": aanbod.locatie, "voorkeuren": voorkeuren, "aanbiedingen": aanbiedingen},
    )


def mail_plaatsing_aan_ander_loket(
    vraag: Opvangvraag, huis, *, voorkeuren: list[Opvanglocatie], aanbiedingen: list[Opvanglocatie]
) -> None:
    """Another loket hears that a family that chose its locations was placed elsewhere: its
    choices and offers there ended. Only the request number, never the family's data."""
    _aan_loket(
        vraag,
        huis,
        "Een aanvraag van een ander loket is elders geplaatst",
        "geplaatst_aan_ander_loket",
        {"thuisloket": vraag.huis, "voorkeuren": voorkeuren, "aanbiedingen": aanbiedingen},
    )
