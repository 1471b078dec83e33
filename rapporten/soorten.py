"""The kinds of report, as the apps declare them, and making one report.

Each app declares its kinds of report and its chapters in its own `<app>/rapporten.py` (with
kern.rapportage's `Rapportsoort` and `Sectie`); `ontdek` imports those modules once, when the app
registry is ready (RapportenConfig.ready). A report is its kind's template with the kind's context
and the chapters in the kind's order; a chapter that has nothing to show is left out.

Kinds: the Huis profile report (`huis`) and the council report (`gemeenteraad`) in huizen, with
chapters of levensdomeinen, bevraging and loket; the loket report (`loket`) in loket; the Flemish
survey report (`opgroeien_bevraging`) in bevraging.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils.module_loading import autodiscover_modules

from kern.pdf import render_pdf
from kern.rapportage import Hoofdstuk, Rapportsoort, register


class OnbekendeSoort(ValidationError):
    pass


def ontdek() -> None:
    """Import every app's `rapporten` module, where it declares its kinds and chapters."""
    autodiscover_modules("rapporten")


def soort_van(code: str) -> Rapportsoort:
    try:
        return register.soorten[code]
    except KeyError:
        raise OnbekendeSoort("Dit soort rapport bestaat niet.") from None


def hoofdstukken(soort: Rapportsoort, bron) -> list[Hoofdstuk]:
    """The chapters of a report in the kind's order, without those that have nothing to show."""
    gemaakt = []
    for sectie in register.secties_van(soort):
        uitkomst = sectie.maak(bron)
        if isinstance(uitkomst, Hoofdstuk):
            gemaakt.append(uitkomst)
        elif uitkomst:
            gemaakt.extend(uitkomst)
    return gemaakt


def context(code: str, parameters: dict) -> dict:
    """The template context of a report: the kind's own, with the chapters under "secties"."""
    soort = soort_van(code)
    bron = soort.bron(parameters)
    return {**soort.context(bron), "secties": hoofdstukken(soort, bron)}


def maak_pdf(
    soort: str, parameters: dict, *, na_context: Callable[[], None] | None = None
) -> tuple[str, bytes]:
    """The report as (html, pdf bytes): the one function the task and the benchmark both call.

    `na_context` is called once the data is gathered (the task reports progress there).
    """
    gegevens = context(soort, parameters)
    if na_context is not None:
        na_context()
    return render_pdf(soort_van(soort).template, gegevens)
