"""The allowed status transitions of a childcare request (DESIGN.md "The loket request lifecycle").

`loket.services.wijzig_status` is the one place that changes a request's status: it checks this
table and writes an event with who, when and why.
"""

from loket.models import Status

TOEGESTAAN: dict[str, frozenset[str]] = {
    Status.INGEDIEND: frozenset({Status.ACTIEF, Status.INGETROKKEN, Status.VERLOPEN}),
    Status.ACTIEF: frozenset({Status.AANBOD, Status.INGETROKKEN, Status.VERLOPEN}),
    Status.AANBOD: frozenset({Status.GEPLAATST, Status.ACTIEF, Status.INGETROKKEN, Status.VERLOPEN}),
    Status.GEPLAATST: frozenset(),
    Status.INGETROKKEN: frozenset(),
    Status.VERLOPEN: frozenset(),
}

# What the family reads on its private page about each status, in plain words.
UITLEG_VOOR_GEZIN: dict[str, str] = {
    Status.INGEDIEND: (
        "We hebben uw aanvraag ontvangen. Klik op de link in de e-mail die we u stuurden om uw "
        "e-mailadres te bevestigen. Pas daarna staat uw aanvraag op de wachtlijst van het loket."
    ),
    Status.ACTIEF: (
        "Uw aanvraag staat op de wachtlijst. Het loket zoekt een plaats bij de opvang die u koos, "
        "in de volgorde van uw voorkeur. Komt er een plaats vrij, dan krijgt u een e-mail en kunt u "
        "die hier aanvaarden of weigeren. We vragen u om de drie maanden om uw aanvraag te bevestigen."
    ),
    Status.AANBOD: (
        "Er is een plaats voor u. Aanvaard of weiger ze hieronder vóór de vermelde datum. Aanvaardt "
        "u, dan bevestigt de opvang de plaatsing en vervallen uw andere voorkeuren."
    ),
    Status.GEPLAATST: (
        "Uw kind heeft een plaats. De opvang neemt contact met u op om de start af te spreken. Uw "
        "andere voorkeuren zijn vervallen."
    ),
    Status.INGETROKKEN: "U hebt deze aanvraag ingetrokken. Het loket zoekt geen plaats meer.",
    Status.VERLOPEN: (
        "Deze aanvraag is verlopen omdat ze niet op tijd bevestigd werd. Zoekt u nog opvang, dien "
        "dan een nieuwe aanvraag in."
    ),
}


def mag(van: str, naar: str) -> bool:
    return naar in TOEGESTAAN[van]
