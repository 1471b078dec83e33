"""Writes of the levensdomeinen app.

Engagements and offer items are rows of the Huis's profile: they are saved through
huizen.services.bewaar_onderdeel / verwijder_onderdeel, which refuse a stale version and write the
history (Wijziging) and raise the Huis's data versions. A self-assessment is never changed after it
is saved; a new one is added (and raises them too). Loading the reference lists raises
"referentie" (see huizen.services on data versions).
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from huizen.models import Huis, Partner, Wijziging
from huizen.services import REFERENTIE, bewaar_onderdeel, verhoog_huis, verwijder_onderdeel
from kern.bewerken import Conflict
from kern.tabellen import datumtekst
from kern.versies import verhoog
from levensdomeinen import referentielijsten
from levensdomeinen.models import (
    MAX_TOP3,
    Aanbod,
    DomeinEngagement,
    Levensdomein,
    Score,
    Werkingsprincipe,
    Zelfevaluatie,
)


@transaction.atomic
def laad_referentielijsten() -> None:
    """(Re)load the pillars, life domains with sub-themes, working principles and target groups."""
    referentielijsten.laad(apps)
    verhoog(REFERENTIE)


# --- A Huis's life domains, offer and self-assessments -----------------------------------------

ONDERDEEL_LEVENSDOMEINEN = "Levensdomeinen"
ONDERDEEL_AANBOD = "Aanbod"
ONDERDEEL_ZELFEVALUATIE = "Zelfevaluatie"

TOP3_TE_VEEL = "Hoogstens %(max)d levensdomeinen kunnen in de top 3; u duidde er %(aantal)d aan."


@dataclass(frozen=True)
class Engagementinvoer:
    """What a coordinator filled in for one life domain.

    `versie` is the version of the engagement when the form was opened (None: not recorded then).
    An empty `status` means "not filled in": nothing is saved for that domain.
    """

    levensdomein: Levensdomein
    status: str
    top3: bool = False
    reden_top3: str = ""
    reden_niet_actief: str = ""
    partners: tuple[Partner, ...] = ()
    versie: int | None = None

    def gegevens(self) -> dict:
        return {
            "status": self.status,
            "top3": self.top3,
            "reden_top3": self.reden_top3,
            "reden_niet_actief": self.reden_niet_actief,
        }


class EngagementConflict(Conflict):
    """Someone else saved one or more of these life domains after the form was opened."""

    def __init__(self, levensdomeinen: list[Levensdomein]):
        super().__init__(Conflict.melding)
        self.levensdomeinen = levensdomeinen


def _verschilt(invoer: Engagementinvoer, huidig: DomeinEngagement | None) -> bool:
    if huidig is None:
        return True
    if any(getattr(huidig, veld) != waarde for veld, waarde in invoer.gegevens().items()):
        return True
    return {p.pk for p in huidig.partners.all()} != {p.pk for p in invoer.partners}


@transaction.atomic
def bewaar_engagementen(*, gebruiker, huis: Huis, invoer: list[Engagementinvoer]) -> list[DomeinEngagement]:
    """Save the Huis's engagement per life domain: one versioned save (with its history row) per
    domain that changed, all or nothing.

    Raises EngagementConflict naming every domain someone else saved since the form was opened
    (when this input would change it), and ValidationError when a rule breaks: more than three
    top-3 domains, a top 3 without reason or while not active, a partner of another Huis.
    Returns the engagements that were saved.
    """
    huidige = {
        e.levensdomein_id: e
        for e in DomeinEngagement.objects.select_for_update()
        .filter(huis=huis)
        .select_related("levensdomein")
        .prefetch_related("partners")
    }
    ingevuld = [rij for rij in invoer if rij.status]
    for rij in ingevuld:
        if any(partner.huis_id != huis.pk for partner in rij.partners):
            raise ValidationError({"partners": "Kies alleen partners van dit Huis."})
    gewijzigd = [rij for rij in ingevuld if _verschilt(rij, huidige.get(rij.levensdomein.pk))]

    conflicten = []
    for rij in gewijzigd:
        huidig = huidige.get(rij.levensdomein.pk)
        if (huidig.versie if huidig else None) != rij.versie:
            conflicten.append(rij.levensdomein)
    if conflicten:
        raise EngagementConflict(conflicten)

    top3 = {pk for pk, e in huidige.items() if e.top3}
    for rij in gewijzigd:
        (top3.add if rij.top3 else top3.discard)(rij.levensdomein.pk)
    if len(top3) > MAX_TOP3:
        raise ValidationError(
            {"top3": TOP3_TE_VEEL % {"max": MAX_TOP3, "aantal": len(top3)}}, code="te_veel_top3"
        )

    bewaard = []
    for rij in gewijzigd:
        obj = huidige.get(rij.levensdomein.pk) or DomeinEngagement(huis=huis, levensdomein=rij.levensdomein)
        bewaard.append(
            bewaar_onderdeel(
                gebruiker=gebruiker,
                huis=huis,
                obj=obj,
                gegevens=rij.gegevens(),
                m2m={"partners": list(rij.partners)},
                onderdeel=ONDERDEEL_LEVENSDOMEINEN,
                verwachte_versie=rij.versie,
            )
        )
    return bewaard


def _controleer_aanbod(huis: Huis, gegevens: dict) -> None:
    partner, locatie = gegevens.get("organiserende_partner"), gegevens.get("locatie")
    fouten = {}
    if partner is not None and partner.huis_id != huis.pk:
        fouten["organiserende_partner"] = "Kies een partner van dit Huis."
    if locatie is not None and locatie.huis_id != huis.pk:
        fouten["locatie"] = "Kies een locatie van dit Huis."
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def bewaar_aanbod(
    *,
    gebruiker,
    huis: Huis,
    aanbod: Aanbod,
    gegevens: dict,
    levensdomeinen: list,
    pijlers: list,
    doelgroepen: list,
    verwachte_versie: int | None,
) -> Aanbod:
    """Add or change one offer item of the Huis (versioned, with its history row).

    Raises Conflict when it changed since the form was opened, ValidationError when a rule of the
    offer breaks (e.g. a one-off activity without date, a paid one without price).
    """
    _controleer_aanbod(huis, gegevens)
    if not levensdomeinen:
        raise ValidationError({"levensdomeinen": "Kies minstens één levensdomein."})
    if not doelgroepen:
        raise ValidationError({"doelgroepen": "Kies minstens één doelgroep."})
    return bewaar_onderdeel(
        gebruiker=gebruiker,
        huis=huis,
        obj=aanbod,
        gegevens=gegevens,
        m2m={"levensdomeinen": levensdomeinen, "pijlers": pijlers, "doelgroepen": doelgroepen},
        onderdeel=ONDERDEEL_AANBOD,
        verwachte_versie=verwachte_versie,
    )


@transaction.atomic
def verwijder_aanbod(*, gebruiker, huis: Huis, aanbod: Aanbod, verwachte_versie: int | None) -> None:
    """Delete one offer item of the Huis (with its history row); an item already gone is no
    error. Raises Conflict when it changed since the confirmation was opened."""
    verwijder_onderdeel(
        gebruiker=gebruiker,
        huis=huis,
        obj=aanbod,
        onderdeel=ONDERDEEL_AANBOD,
        verwachte_versie=verwachte_versie,
    )


@transaction.atomic
def bewaar_zelfevaluatie(
    *,
    gebruiker,
    huis: Huis,
    datum: datetime.date,
    domeinscores: dict[Levensdomein, int],
    principescores: dict[Werkingsprincipe, int],
    blinde_vlekken: str = "",
    prioriteiten: str = "",
) -> Zelfevaluatie:
    """Add a dated Roadmap self-assessment with a score (1-5) for every life domain and every
    working principle, and record it in the history. Earlier assessments stay as they are.

    Raises ValidationError when a score is missing or outside 1-5, or the date lies ahead.
    """
    fouten: dict[str, list[str]] = {}
    if datum > timezone.localdate():
        fouten["datum"] = ["De datum van een zelfevaluatie kan niet in de toekomst liggen."]
    for soort, model, scores in (
        ("levensdomein", Levensdomein, domeinscores),
        ("werkingsprincipe", Werkingsprincipe, principescores),
    ):
        for ref in model.objects.all():
            score = scores.get(ref)
            if score is None:
                fouten.setdefault(soort, []).append(f"Geef een score voor {ref.naam}.")
            elif not 1 <= score <= 5:
                fouten.setdefault(soort, []).append(f"De score voor {ref.naam} moet tussen 1 en 5 liggen.")
    if fouten:
        raise ValidationError(fouten)

    evaluatie = Zelfevaluatie.objects.create(
        huis=huis,
        datum=datum,
        opgesteld_door=gebruiker,
        blinde_vlekken=blinde_vlekken,
        prioriteiten=prioriteiten,
    )
    Score.objects.bulk_create(
        [Score(zelfevaluatie=evaluatie, levensdomein=d, score=s) for d, s in domeinscores.items()]
        + [Score(zelfevaluatie=evaluatie, werkingsprincipe=p, score=s) for p, s in principescores.items()]
    )
    velden = [{"veld": "datum", "oud": "–", "nieuw": f"{datumtekst(datum)}"}]
    velden += [
        {"veld": ref.naam, "oud": "–", "nieuw": str(score)}
        for scores in (domeinscores, principescores)
        for ref, score in sorted(scores.items(), key=lambda item: (item[0].volgorde, item[0].naam))
    ]
    velden += [
        {"veld": label, "oud": "–", "nieuw": tekst}
        for label, tekst in (("blinde vlekken", blinde_vlekken), ("prioriteiten", prioriteiten))
        if tekst
    ]
    verhoog_huis(huis)
    Wijziging.objects.create(
        huis=huis,
        gebruiker=gebruiker,
        onderdeel=ONDERDEEL_ZELFEVALUATIE,
        omschrijving=str(evaluatie),
        actie=Wijziging.Actie.TOEGEVOEGD,
        velden=velden,
    )
    return evaluatie
