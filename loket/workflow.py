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


#: Transitions allowed only for one named case, never in general.
OPVANGLOCATIE_SLUIT = "opvanglocatie_sluit"
UITZONDERINGEN: dict[str, frozenset[tuple[str, str]]] = {
    # The location of a placed family closes: the request returns to the queue.
    OPVANGLOCATIE_SLUIT: frozenset({(Status.GEPLAATST, Status.ACTIEF)}),
}


def mag(van: str, naar: str, geval: str | None = None) -> bool:
    """Whether a request may go from `van` to `naar`; `geval` names an exceptional case of
    `UITZONDERINGEN` that allows one more transition."""
    if naar in TOEGESTAAN[van]:
        return True
    return geval is not None and (van, naar) in UITZONDERINGEN[geval]
