"""What the family is told about its request: the one table.

Every state a family's request can be in (`Status`, with the status "aanbod" split by whether the
offer is still open or already accepted, and "actief" by whether we asked the family to
re-confirm) maps to: the title and sentence its private page shows, the actions the page offers,
and the subject of the e-mail the family gets on entering that state (None: no e-mail). The
offers have a table of their own (`AANBOD_STANDEN`). The private page (`loket.gezin.views`) and
the e-mails (`loket.berichten`) read from here, so the page and the mails never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from loket.models import AanbodStatus, Status

# The actions the family's private page can offer.
BEVESTIG_ADRES = "bevestig_adres"  # confirm the e-mail address (first mail)
HERBEVESTIG = "herbevestig"  # "yes, I still need care" (when we asked for it)
AANBOD_BEANTWOORDEN = "aanbod_beantwoorden"  # accept or decline an open offer
WIJZIG = "wijzig"
INTREKKEN = "intrekken"
GEGEVENS = "gegevens"  # download or erase the data: always possible

# The states of the family's request as the family sees them.
INGEDIEND = Status.INGEDIEND.value
ACTIEF = Status.ACTIEF.value
HERBEVESTIGEN = "herbevestigen"
AANBOD = Status.AANBOD.value
AANVAARD = "aanvaard"
GEPLAATST = Status.GEPLAATST.value
INGETROKKEN = Status.INGETROKKEN.value
VERLOPEN = Status.VERLOPEN.value


@dataclass(frozen=True)
class Stand:
    titel: str
    zin: str
    acties: frozenset[str]
    #: the subject of the e-mail to the family on entering this state; None: no e-mail
    onderwerp: str | None

    def met(self, **waarden) -> Stand:
        """The same state with the placeholders ({opvang}, ...) filled in."""
        return Stand(
            titel=str(self.titel).format(**waarden),
            zin=str(self.zin).format(**waarden),
            acties=self.acties,
            onderwerp=str(self.onderwerp).format(**waarden) if self.onderwerp else None,
        )


def _acties(*namen: str) -> frozenset[str]:
    return frozenset({*namen, GEGEVENS})


STANDEN: dict[str, Stand] = {
    INGEDIEND: Stand(
        titel=_("Wacht op bevestiging van uw e-mailadres"),
        zin=_(
            "We hebben uw aanvraag ontvangen. Bevestig uw e-mailadres met de knop hieronder of de link "
            "in onze e-mail. Pas daarna staat uw aanvraag op de wachtlijst van het loket."
        ),
        acties=_acties(BEVESTIG_ADRES, WIJZIG, INTREKKEN),
        onderwerp=_("Bevestig uw aanvraag voor kinderopvang"),
    ),
    ACTIEF: Stand(
        titel=_("Op de wachtlijst"),
        zin=_(
            "Uw aanvraag staat op de wachtlijst. Het loket zoekt een plaats bij de opvang die u koos, "
            "in de volgorde van uw voorkeur. Komt er een plaats vrij, dan krijgt u een e-mail en kunt u "
            "die hier aanvaarden of weigeren."
        ),
        acties=_acties(WIJZIG, INTREKKEN),
        onderwerp=_("Uw aanvraag voor kinderopvang staat op de wachtlijst"),
    ),
    HERBEVESTIGEN: Stand(
        titel=_("Bevestig dat u nog opvang zoekt"),
        zin=_(
            "Uw aanvraag staat op de wachtlijst, maar we vroegen u om te bevestigen dat u nog opvang "
            "zoekt. Doet u dat niet op tijd, dan vervalt uw aanvraag."
        ),
        acties=_acties(HERBEVESTIG, WIJZIG, INTREKKEN),
        onderwerp=_("Zoekt u nog kinderopvang? Bevestig uw aanvraag"),
    ),
    AANBOD: Stand(
        titel=_("Er is een plaats voor u"),
        zin=_(
            "Er is een plaats voor u. Aanvaard of weiger ze hieronder vóór de vermelde datum. Aanvaardt "
            "u, dan bevestigt de opvang daarna de plaatsing."
        ),
        acties=_acties(AANBOD_BEANTWOORDEN, WIJZIG, INTREKKEN),
        onderwerp=_("Er is een plaats in de kinderopvang voor u"),
    ),
    AANVAARD: Stand(
        titel=_("Aanvaard, wacht op bevestiging van {opvang}"),
        zin=_(
            "U aanvaardde de plaats bij {opvang}. De opvang bevestigt de plaatsing en neemt contact met "
            "u op. U hoeft nu niets te doen."
        ),
        acties=_acties(WIJZIG, INTREKKEN),
        onderwerp=_("U aanvaardde de plaats bij {opvang}"),
    ),
    GEPLAATST: Stand(
        titel=_("Geplaatst bij {opvang}"),
        zin=_(
            "Uw kind heeft een plaats bij {opvang}. De opvang neemt contact met u op om de start af te "
            "spreken. Uw andere voorkeuren zijn vervallen."
        ),
        acties=_acties(),
        onderwerp=_("Uw kind heeft een plaats in de kinderopvang"),
    ),
    INGETROKKEN: Stand(
        titel=_("Ingetrokken"),
        zin=_("U hebt deze aanvraag ingetrokken. Het loket zoekt geen plaats meer."),
        acties=_acties(),
        onderwerp=_("Uw aanvraag voor kinderopvang is ingetrokken"),
    ),
    VERLOPEN: Stand(
        titel=_("Verlopen"),
        zin=_(
            "Deze aanvraag is verlopen omdat ze niet op tijd bevestigd werd. Zoekt u nog opvang, dien "
            "dan een nieuwe aanvraag in."
        ),
        acties=_acties(),
        onderwerp=_("Uw aanvraag voor kinderopvang is verlopen"),
    ),
}


@dataclass(frozen=True)
class Aanbodstand:
    titel: str
    #: the subject of the e-mail to the family on entering this state; None: no e-mail
    onderwerp: str | None


AANBOD_STANDEN: dict[str, Aanbodstand] = {
    AanbodStatus.OPEN: Aanbodstand(
        _("Wacht op uw antwoord"), _("Er is een plaats in de kinderopvang voor u")
    ),
    AanbodStatus.AANVAARD: Aanbodstand(
        _("Aanvaard, wacht op bevestiging van {opvang}"), _("U aanvaardde de plaats bij {opvang}")
    ),
    AanbodStatus.BEVESTIGD: Aanbodstand(
        _("Plaatsing bevestigd"), _("Uw kind heeft een plaats in de kinderopvang")
    ),
    AanbodStatus.GEWEIGERD: Aanbodstand(_("U weigerde deze plaats"), _("U weigerde de plaats bij {opvang}")),
    AanbodStatus.VERLOPEN: Aanbodstand(
        _("Niet beantwoord voor de termijn"), _("Het aanbod voor kinderopvang is verlopen")
    ),
    AanbodStatus.VERVALLEN: Aanbodstand(_("Vervallen"), _("Het aanbod voor kinderopvang werd ingetrokken")),
    # The provider's reason is never shown to the family: the title and mail stay neutral.
    AanbodStatus.AFGEWEZEN: Aanbodstand(
        _("Deze plaats kon niet doorgaan"), _("De plaats bij {opvang} kan niet doorgaan")
    ),
    AanbodStatus.BEEINDIGD: Aanbodstand(
        _("Plaatsing beëindigd: {opvang} sluit"), _("{opvang} sluit: u staat weer op de wachtlijst")
    ),
}


def sleutel(vraag, aanbiedingen: Iterable) -> str:
    """The family's state of `vraag`, a key of `STANDEN`; `aanbiedingen`: the request's offers."""
    if vraag.status == Status.AANBOD:
        statussen = {aanbod.status for aanbod in aanbiedingen}
        if AanbodStatus.AANVAARD in statussen:
            return AANVAARD
        if AanbodStatus.OPEN in statussen:
            return AANBOD
    if vraag.status == Status.ACTIEF and vraag.herbevestiging_gevraagd:
        return HERBEVESTIGEN
    return vraag.status


def stand_van(vraag, aanbiedingen: Iterable) -> Stand:
    """What the family's page says and offers now, placeholders filled in. Asked to re-confirm
    while an offer is open, the family can do that too."""
    aanbiedingen = list(aanbiedingen)
    sleutel_ = sleutel(vraag, aanbiedingen)
    lopend = [a for a in aanbiedingen if a.status in (AanbodStatus.AANVAARD, AanbodStatus.BEVESTIGD)]
    opvang = lopend[0].locatie.naam if lopend else ""
    stand = STANDEN[sleutel_].met(opvang=opvang)
    if vraag.is_open and vraag.herbevestiging_gevraagd and HERBEVESTIG not in stand.acties:
        stand = Stand(stand.titel, stand.zin, stand.acties | {HERBEVESTIG}, stand.onderwerp)
    return stand


def aanbod_titel(aanbod) -> str:
    """What the family reads about the state of one offer."""
    return str(AANBOD_STANDEN[aanbod.status].titel).format(opvang=aanbod.locatie.naam)


def onderwerp(sleutel_: str, **waarden) -> str:
    """The subject of the e-mail on entering a state of the request."""
    return str(STANDEN[sleutel_].onderwerp).format(**waarden)


def aanbod_onderwerp(status: str, **waarden) -> str:
    """The subject of the e-mail on an offer entering `status`."""
    return str(AANBOD_STANDEN[status].onderwerp).format(**waarden)
