"""The allowed status transitions of a wave and of a response.

`bevraging.services.open_golf` / `sluit_golf` and `bevraging.services.wijzig_status` are the only
places that change a status: they check these tables (and write who and when).

A response is filled in while `niet_gestart`, `concept` or `heropend`; the first save moves it from
`niet_gestart` to `concept`. It is submitted (`ingediend`) once the required questions are answered
and the maxima respected, then validated by Opgroeien (`gevalideerd`). Reopening a submitted or
validated response needs a reason; a reopened response is submitted again.
"""

from bevraging.models import Golfstatus, Responsstatus

GOLF_OVERGANGEN: dict[str, frozenset[str]] = {
    Golfstatus.IN_VOORBEREIDING: frozenset({Golfstatus.OPEN}),
    Golfstatus.OPEN: frozenset({Golfstatus.AFGESLOTEN}),
    Golfstatus.AFGESLOTEN: frozenset(),
}

RESPONS_OVERGANGEN: dict[str, frozenset[str]] = {
    Responsstatus.NIET_GESTART: frozenset({Responsstatus.CONCEPT}),
    Responsstatus.CONCEPT: frozenset({Responsstatus.INGEDIEND}),
    Responsstatus.INGEDIEND: frozenset({Responsstatus.GEVALIDEERD, Responsstatus.HEROPEND}),
    Responsstatus.GEVALIDEERD: frozenset({Responsstatus.HEROPEND}),
    Responsstatus.HEROPEND: frozenset({Responsstatus.INGEDIEND}),
}

# Statuses in which the interviewer may still change answers.
BEWERKBAAR = frozenset({Responsstatus.NIET_GESTART, Responsstatus.CONCEPT, Responsstatus.HEROPEND})

# Transitions that need a reason.
MET_REDEN = frozenset({Responsstatus.HEROPEND})


def golf_mag(van: str, naar: str) -> bool:
    return naar in GOLF_OVERGANGEN[van]


def respons_mag(van: str, naar: str) -> bool:
    return naar in RESPONS_OVERGANGEN[van]
