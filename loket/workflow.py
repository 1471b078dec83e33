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


def mag(van: str, naar: str) -> bool:
    return naar in TOEGESTAAN[van]
