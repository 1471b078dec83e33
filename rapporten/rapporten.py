"""The chapter of the council report (`gemeenteraad`, declared in huizen/rapporten.py) that combines
levensdomeinen, loket and bevraging: the needs analysis of the gemeente (rapporten.behoefte), the
same as its page."""

from __future__ import annotations

from kern.rapportage import Hoofdstuk, Sectie, register
from rapporten.behoefte import behoefteanalyse

GEMEENTERAAD = "gemeenteraad"


def sectie_behoefteanalyse(bron) -> Hoofdstuk | None:
    """Reads the council report's source (`gemeente`, `datum`); left out when the gemeente has
    neither a Huis nor any request or free place at a loket."""
    analyse = behoefteanalyse(bron.gemeente, bron.datum)
    if analyse.huis is None and not analyse.loket.heeft_vragen:
        return None
    return Hoofdstuk(
        id="behoefteanalyse",
        titel=f"Behoefteanalyse {bron.gemeente.naam}",
        template="rapporten/pdf/secties/behoefteanalyse.html",
        gegevens={"b": analyse},
    )


register.registreer(Sectie(GEMEENTERAAD, "behoefteanalyse", sectie_behoefteanalyse))
