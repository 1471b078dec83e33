"""What the family reads of its own request (through its private link): the overview of its
private page, and the export of all its data as JSON and PDF."""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from kern.pdf import render_pdf
from loket import stand
from loket.models import KWETSBAARHEIDSKENMERKEN, AanbodStatus, Gebeurtenis, Opvangvraag, dagen_tekst
from loket.selectors import aanbiedingen_van, gebeurtenissen_voor_gezin, voorkeuren_van

PDF_SJABLOON = "loket/gezin/gegevens_pdf.html"


def wie_voor_gezin(gebeurtenis: Gebeurtenis) -> str:
    """Who did it, in the family's words."""
    if gebeurtenis.door_gezin:
        return _("u")
    if gebeurtenis.door_id:
        return _("een medewerker")
    return _("automatisch")


def situatie(vraag: Opvangvraag) -> list[tuple[str, str]]:
    """The family situation as (question, answer) lines: only what applies (nothing is "no")."""
    regels = [
        (_("Opvang nodig om te werken, werk te zoeken of een opleiding te volgen"), vraag.opvang_voor_werk),
        (_("Alleenstaande ouder"), vraag.alleenstaande_ouder),
        (_("Laag gezinsinkomen"), vraag.laag_inkomen),
        (_("Pleegkind"), vraag.pleegkind),
    ]
    regels += [(capfirst(str(label)), getattr(vraag, veld)) for veld, label in KWETSBAARHEIDSKENMERKEN]
    antwoorden = [(vraag_, _("ja")) for vraag_, waarde in regels if waarde]
    if vraag.broer_zus_locatie:
        antwoorden.append((_("Broer of zus al in opvang op"), vraag.broer_zus_locatie.naam))
    return antwoorden


def overzicht_voor_gezin(vraag: Opvangvraag) -> dict:
    """Everything the family's private page and its PDF show of the request."""
    aanbiedingen = list(aanbiedingen_van(vraag))
    for aanbod in aanbiedingen:
        aanbod.stand_titel = stand.aanbod_titel(aanbod)
    gebeurtenissen = list(gebeurtenissen_voor_gezin(vraag))
    for gebeurtenis in gebeurtenissen:
        gebeurtenis.wie_voor_gezin = wie_voor_gezin(gebeurtenis)
    return {
        "vraag": vraag,
        "huis": vraag.huis,
        "kinderen": list(vraag.kinderen.all()),
        "ouders": list(vraag.ouders.all()),
        "voorkeuren": voorkeuren_van(vraag),
        "aanbiedingen": aanbiedingen,
        "open_aanbiedingen": [a for a in aanbiedingen if a.status == AanbodStatus.OPEN],
        "gebeurtenissen": gebeurtenissen,
        "situatie": situatie(vraag),
        "stand": stand.stand_van(vraag, aanbiedingen),
        "plaatsing": next((a for a in aanbiedingen if a.status == AanbodStatus.BEVESTIGD), None),
        "vandaag": timezone.localdate(),
    }


# --- the export ------------------------------------------------------------------------------------


def _waarden(obj: models.Model, *, zonder: tuple[str, ...] = ()) -> dict:
    """Every stored field of a row, readable: foreign keys by name, choices with their label."""
    uit = {}
    for veld in obj._meta.concrete_fields:
        if veld.name in zonder:
            continue
        if veld.is_relation:
            gekoppeld = getattr(obj, veld.name)
            uit[veld.name] = str(gekoppeld) if gekoppeld is not None else None
            continue
        waarde = getattr(obj, veld.attname)
        uit[veld.name] = waarde
        if veld.choices and waarde not in (None, ""):
            uit[f"{veld.name}_omschrijving"] = str(getattr(obj, f"get_{veld.name}_display")())
    return uit


def _adres(locatie) -> str:
    return f"{locatie.straat}, {locatie.postcode} {locatie.gemeente.naam}"


def gegevens_als_dict(vraag: Opvangvraag) -> dict:
    """All the family's data of a request (everything but the private link itself)."""
    aanvraag = _waarden(vraag, zonder=("token", "huis", "gemeente"))
    aanvraag["loket"] = vraag.huis.naam
    aanvraag["gemeente"] = {"nis": vraag.gemeente.nis, "naam": vraag.gemeente.naam}
    aanvraag["dagen_omschrijving"] = dagen_tekst(vraag.dagen)
    deel = ("id", "opvangvraag")
    return {
        "aanvraag": aanvraag,
        "kinderen": [_waarden(kind, zonder=deel) for kind in vraag.kinderen.all()],
        "ouders": [_waarden(ouder, zonder=deel) for ouder in vraag.ouders.all()],
        "voorkeuren": [
            {
                **_waarden(voorkeur, zonder=(*deel, "locatie")),
                "locatie": {"naam": voorkeur.locatie.naam, "adres": _adres(voorkeur.locatie)},
            }
            for voorkeur in voorkeuren_van(vraag)
        ],
        "aanbiedingen": [
            {
                **_waarden(aanbod, zonder=("opvangvraag", "plaats", "gemaakt_door", "bevestigd_door")),
                "locatie": aanbod.locatie.naam,
                "plaats": {
                    "vanaf": aanbod.plaats.vanaf,
                    "dagen": aanbod.plaats.dagen,
                    "dagen_omschrijving": aanbod.plaats.dagen_tekst,
                    "dagdeel": aanbod.plaats.get_dagdeel_display(),
                    "leeftijdsgroep": aanbod.plaats.get_leeftijdsgroep_display(),
                },
            }
            for aanbod in aanbiedingen_van(vraag)
        ],
        "gebeurtenissen": [
            {
                **_waarden(
                    gebeurtenis, zonder=("id", "opvangvraag", "door", "intern", "door_gezin", "vrije_tekst")
                ),
                "door": wie_voor_gezin(gebeurtenis),
            }
            for gebeurtenis in gebeurtenissen_voor_gezin(vraag)
        ],
    }


def gegevens_als_json(vraag: Opvangvraag) -> bytes:
    """The family's data as a UTF-8 JSON document."""
    inhoud = json.dumps(gegevens_als_dict(vraag), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return inhoud.encode("utf-8")


def gegevens_als_pdf(vraag: Opvangvraag) -> bytes:
    """The family's data as a PDF: the overview of its private page, with the moment it was made."""
    _html, pdf = render_pdf(PDF_SJABLOON, {**overzicht_voor_gezin(vraag), "gemaakt": timezone.localtime()})
    return pdf


def exportbestandsnaam(extensie: str) -> str:
    return f"aanvraag-kinderopvang-{timezone.localdate():%Y-%m-%d}.{extensie}"
