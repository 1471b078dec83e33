"""The questionnaires shipped with the portal: the 2016 and 2022 waves of the survey (seed 002).

The content lives in plain data modules (`v2022.py`, `v2016.py`: a list of theme dicts with
question dicts) and is loaded by `laden.laad_inhoud`, through `bevraging.services.laad_vragenlijst`
at runtime and through migration 0002 / `manage.py laad_vragenlijsten` for the shipped waves.
`laad_geleverde_golven(apps)` is idempotent: a second run writes nothing. Both shipped waves are
closed (`afgesloten`) and their questionnaires frozen; a frozen questionnaire whose content module
changed is refused, not silently rewritten (make a new wave for a new version).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from bevraging.vragenlijsten import v2016, v2022
from bevraging.vragenlijsten.laden import Resultaat, laad_inhoud, laad_koppelingen

GOLVEN = [
    {
        "jaar": 2016,
        "naam": "Bevraging 2016",
        "modus": "zelf_ingevuld",
        "populatie": (
            "De Huizen van het Kind die in 2016 erkend waren (het eindrapport 2022 noemt hun aantal niet)."
        ),
        "populatie_aantal": None,
        "omschrijving": (
            "Zelf ingevulde bevraging van de Huizen van het Kind in 2016. Alleen de vragen waarmee het "
            "eindrapport van 2022 vergelijkt, zijn opgenomen; hun formulering is uit dat rapport afgeleid."
        ),
        "vragenlijst": "Vragenlijst Huizen van het Kind 2016 (vergeleken vragen)",
        "inhoud": v2016.THEMAS,
    },
    {
        "jaar": 2022,
        "naam": "Bevraging 2022",
        "modus": "interview",
        "populatie": (
            "Alle erkende Huizen van het Kind in Vlaanderen en Brussel; bij 226 van de 227 lukte de "
            "bevraging."
        ),
        "populatie_aantal": 227,
        "omschrijving": (
            "In de lente van 2022 interviewde de intersectorale medewerker van Opgroeien de trekker "
            "(meestal de coördinator) van elk Huis van het Kind aan de hand van een digitale vragenlijst "
            "met open en gesloten vragen over twaalf thema's."
        ),
        "vragenlijst": "Vragenlijst Huizen van het Kind 2022",
        "inhoud": v2022.THEMAS,
    },
]

# (earlier wave, later wave, mappings of the earlier wave's questions onto the later wave's)
KOPPELINGEN = [(2016, 2022, v2016.KOPPELINGEN_NAAR_2022)]

GOLFVELDEN = ("naam", "modus", "populatie", "populatie_aantal", "omschrijving")


def laad_geleverde_golven(
    apps, schema_editor=None, *, tijdstip: datetime.datetime | None = None
) -> Resultaat:
    """Create or update the shipped waves (closed, questionnaires frozen) and their mappings."""
    Golf = apps.get_model("bevraging", "Golf")
    Vragenlijst = apps.get_model("bevraging", "Vragenlijst")
    tijdstip = tijdstip or timezone.now()
    totaal = Resultaat()
    vragenlijsten = {}
    for gegevens in GOLVEN:
        golf, aangemaakt = Golf.objects.get_or_create(
            jaar=gegevens["jaar"],
            defaults={**{k: gegevens[k] for k in GOLFVELDEN}, "status": "afgesloten"},
        )
        if not aangemaakt:
            gewijzigd = [k for k in GOLFVELDEN if getattr(golf, k) != gegevens[k]]
            for k in gewijzigd:
                setattr(golf, k, gegevens[k])
            if gewijzigd:
                golf.save(update_fields=gewijzigd)
                totaal.gewijzigd += 1
        vragenlijst, _ = Vragenlijst.objects.get_or_create(
            golf=golf, defaults={"naam": gegevens["vragenlijst"]}
        )
        resultaat = laad_inhoud(apps, vragenlijst, gegevens["inhoud"])
        if golf.status != "in_voorbereiding" and vragenlijst.bevroren_op is None:
            vragenlijst.bevroren_op = tijdstip
            vragenlijst.save(update_fields=["bevroren_op"])
        totaal.aangemaakt += resultaat.aangemaakt
        totaal.gewijzigd += resultaat.gewijzigd
        totaal.verwijderd += resultaat.verwijderd
        totaal.details += resultaat.details
        vragenlijsten[gegevens["jaar"]] = vragenlijst
    for van, naar, koppelingen in KOPPELINGEN:
        resultaat = laad_koppelingen(apps, vragenlijsten[van], vragenlijsten[naar], koppelingen)
        totaal.aangemaakt += resultaat.aangemaakt
        totaal.gewijzigd += resultaat.gewijzigd
        totaal.verwijderd += resultaat.verwijderd
        totaal.details += resultaat.details
    return totaal
