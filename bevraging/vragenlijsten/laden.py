"""Loads questionnaire content (plain dicts, see bouwstenen.py) into a wave's questionnaire version.

Works with the live models and with a migration's historical models (`apps` is either registry;
historical models have none of the custom methods, so everything this loader needs is here).
Idempotent by stable keys: themes by `sleutel`, questions by `sleutel`, options by `code`. A row is
written only when it differs, so loading the same content twice writes nothing. Rows that are no
longer in the content are removed. A frozen version refuses any difference with
`VragenlijstBevroren` before anything is written.
"""

from __future__ import annotations

import decimal
import re
from dataclasses import dataclass, field

from django.db import models

from bevraging.models import (
    CODE_PATROON,
    MEERDERE_CODES,
    MET_OPTIES,
    SLEUTEL_PATROON,
    THEMASLEUTEL_PATROON,
    Vraagtype,
    VragenlijstBevroren,
)

VRAAGVELDEN = {
    "tekst": "",
    "type": "",
    "toelichting": "",
    "verplicht": True,
    "open_veld": False,
    "open_veld_label": "",
    "max_keuzes": None,
    "min_waarde": None,
    "max_waarde": None,
    "decimalen": 0,
    "eenheid": "",
    "groep": "",
    "groep_tekst": "",
    "item": "",
    "ingetrokken": False,
}
VRAAGSLEUTELS = {"sleutel", "opties", "afhankelijk_van", "toon_als", "bron", *VRAAGVELDEN}
THEMASLEUTELS = {"sleutel", "titel", "intro", "vragen"}
OPTIESLEUTELS = {"code", "label", "is_andere"}
KOPPELINGSLEUTELS = {"van", "naar", "soort", "optiemapping", "notitie"}
KOPPELINGSOORTEN = {"zelfde", "gehercodeerd", "niet_vergelijkbaar"}


@dataclass
class Resultaat:
    """What a load changed (all zero when the content was already there)."""

    aangemaakt: int = 0
    gewijzigd: int = 0
    verwijderd: int = 0
    details: list[str] = field(default_factory=list)

    @property
    def ongewijzigd(self) -> bool:
        return not (self.aangemaakt or self.gewijzigd or self.verwijderd)

    def __str__(self):
        return f"{self.aangemaakt} aangemaakt, {self.gewijzigd} gewijzigd, {self.verwijderd} verwijderd"


# --- Checking the content ------------------------------------------------------------------------


def controleer_inhoud(inhoud: list[dict]) -> list[str]:
    """Every problem in questionnaire content (empty: it can be loaded)."""
    fouten: list[str] = []
    themasleutels: set[str] = set()
    vragen: dict[str, dict] = {}
    for thema in inhoud:
        sleutel = thema.get("sleutel", "")
        if set(thema) - THEMASLEUTELS:
            fouten.append(f"thema {sleutel}: onbekende velden {sorted(set(thema) - THEMASLEUTELS)}")
        if not re.fullmatch(THEMASLEUTEL_PATROON, sleutel):
            fouten.append(f"thema {sleutel!r}: ongeldige sleutel")
        if sleutel in themasleutels:
            fouten.append(f"thema {sleutel}: dubbele sleutel")
        themasleutels.add(sleutel)
        if not thema.get("titel"):
            fouten.append(f"thema {sleutel}: geen titel")
        for vraag in thema.get("vragen", []):
            fouten.extend(_controleer_vraag(vraag, vragen))
            vragen[vraag.get("sleutel", "")] = vraag
    return fouten


def _controleer_vraag(vraag: dict, eerdere: dict[str, dict]) -> list[str]:
    """Every problem of one question; `eerdere` holds the questions before it (by key)."""
    sleutel = vraag.get("sleutel", "")
    fouten = _controleer_vraagvelden(vraag, eerdere)
    type_ = vraag.get("type")
    if type_ not in Vraagtype.values:
        return [*fouten, f"{sleutel}: onbekend type {type_!r}"]
    return [
        *fouten,
        *_controleer_opties(sleutel, type_, vraag.get("opties", [])),
        *_controleer_vorm(sleutel, type_, vraag),
        *_controleer_afhankelijkheid(sleutel, vraag, eerdere),
    ]


def _controleer_vraagvelden(vraag: dict, eerdere: dict[str, dict]) -> list[str]:
    """Only known fields, a valid key not used before, and a text."""
    sleutel = vraag.get("sleutel", "")
    fouten = []
    if set(vraag) - VRAAGSLEUTELS:
        fouten.append(f"{sleutel}: onbekende velden {sorted(set(vraag) - VRAAGSLEUTELS)}")
    if not re.fullmatch(SLEUTEL_PATROON, sleutel):
        fouten.append(f"{sleutel!r}: ongeldige sleutel")
    if sleutel in eerdere:
        fouten.append(f"{sleutel}: dubbele sleutel")
    if not vraag.get("tekst"):
        fouten.append(f"{sleutel}: geen vraagtekst")
    return fouten


def _controleer_opties(sleutel: str, type_: str, opties: list[dict]) -> list[str]:
    """Valid options, each code once, at most one "andere", and the codes the type asks for."""
    fouten = [
        f"{sleutel}: ongeldige optie {o!r}"
        for o in opties
        if set(o) - OPTIESLEUTELS or not re.fullmatch(CODE_PATROON, o.get("code") or "") or not o.get("label")
    ]
    codes = [o.get("code") for o in opties]
    if len(set(codes)) != len(codes):
        fouten.append(f"{sleutel}: dubbele optiecodes")
    if sum(1 for o in opties if o.get("is_andere")) > 1:
        fouten.append(f"{sleutel}: meer dan één optie 'andere'")
    if type_ in MET_OPTIES and len(opties) < 2:
        fouten.append(f"{sleutel}: een gesloten vraag heeft minstens twee opties")
    if type_ not in MET_OPTIES and opties:
        fouten.append(f"{sleutel}: een {type_}-vraag heeft geen opties")
    if type_ == Vraagtype.SCORE and codes != ["1", "2", "3", "4", "5"]:
        fouten.append(f"{sleutel}: een score heeft de codes 1 tot 5")
    if type_ == Vraagtype.JA_NEE and codes != ["ja", "nee"]:
        fouten.append(f"{sleutel}: een ja/nee-vraag heeft de codes ja en nee")
    return fouten


def _controleer_vorm(sleutel: str, type_: str, vraag: dict) -> list[str]:
    """The maximum number of choices, grid group and item, the open field's label, the bounds."""
    fouten = []
    max_keuzes = vraag.get("max_keuzes")
    aantal_opties = len(vraag.get("opties", []))
    if max_keuzes is not None and (type_ not in MEERDERE_CODES or not 1 <= max_keuzes <= aantal_opties):
        fouten.append(f"{sleutel}: ongeldig maximum aantal keuzes")
    if bool(vraag.get("groep")) != bool(vraag.get("item")):
        fouten.append(f"{sleutel}: groep en item horen samen")
    if vraag.get("open_veld_label") and not vraag.get("open_veld"):
        fouten.append(f"{sleutel}: een label voor een open veld dat er niet is")
    minimum, maximum = vraag.get("min_waarde"), vraag.get("max_waarde")
    if minimum is not None and maximum is not None and minimum > maximum:
        fouten.append(f"{sleutel}: kleinste waarde boven de grootste")
    return fouten


def _controleer_afhankelijkheid(sleutel: str, vraag: dict, eerdere: dict[str, dict]) -> list[str]:
    """The skip logic: an earlier question to depend on, and `toon_als` codes it has."""
    ouder_sleutel = vraag.get("afhankelijk_van")
    if not ouder_sleutel:
        return [f"{sleutel}: toon_als zonder afhankelijk_van"] if vraag.get("toon_als") else []
    ouder = eerdere.get(ouder_sleutel)
    if ouder is None:
        return [f"{sleutel}: hangt af van {ouder_sleutel}, dat er niet eerder staat"]
    if not vraag.get("toon_als"):
        return [f"{sleutel}: geen antwoorden in toon_als"]
    if ouder.get("type") in MET_OPTIES:
        oudercodes = {o["code"] for o in ouder.get("opties", [])}
        if not set(vraag["toon_als"]) <= oudercodes:
            return [f"{sleutel}: toon_als bevat codes die {ouder_sleutel} niet heeft"]
    return []


def controleer_koppelingen(
    van_inhoud: list[dict], naar_inhoud: list[dict], koppelingen: list[dict]
) -> list[str]:
    """Every problem in a mapping from one wave's content onto a later wave's (empty: fine)."""
    van = {v["sleutel"]: v for t in van_inhoud for v in t["vragen"]}
    naar = {v["sleutel"]: v for t in naar_inhoud for v in t["vragen"]}
    fouten, paren = [], set()
    for k in koppelingen:
        naam = f"{k.get('van')} → {k.get('naar')}"
        if set(k) - KOPPELINGSLEUTELS:
            fouten.append(f"{naam}: onbekende velden {sorted(set(k) - KOPPELINGSLEUTELS)}")
        if k.get("soort") not in KOPPELINGSOORTEN:
            fouten.append(f"{naam}: onbekende soort {k.get('soort')!r}")
        if (k.get("van"), k.get("naar")) in paren:
            fouten.append(f"{naam}: dubbel")
        paren.add((k.get("van"), k.get("naar")))
        v, n = van.get(k.get("van")), naar.get(k.get("naar"))
        if v is None or n is None:
            fouten.append(f"{naam}: onbekende vraag")
            continue
        mapping = k.get("optiemapping") or {}
        if k["soort"] in ("zelfde", "gehercodeerd") and k["van"] != k["naar"]:
            fouten.append(f"{naam}: vergelijkbare vragen delen hun sleutel")
        vcodes = [o["code"] for o in v.get("opties", [])]
        ncodes = [o["code"] for o in n.get("opties", [])]
        if k["soort"] == "zelfde" and (v["type"] != n["type"] or vcodes != ncodes or mapping):
            fouten.append(f"{naam}: 'zelfde' vraagt dezelfde soort en codes, zonder hercodering")
        if k["soort"] == "gehercodeerd":
            doelen = [c for d in mapping.values() for c in ([d] if isinstance(d, str) else d)]
            if not mapping or not set(mapping) <= set(vcodes) or not set(doelen) <= set(ncodes):
                fouten.append(f"{naam}: de hercodering gebruikt onbekende codes")
            if len(set(doelen)) != len(doelen):
                fouten.append(f"{naam}: een nieuwe code hoort bij meer dan één oude code")
        if k["soort"] == "niet_vergelijkbaar" and mapping:
            fouten.append(f"{naam}: een hercodering hoort alleen bij 'gehercodeerd'")
    return fouten


# --- Loading -------------------------------------------------------------------------------------


class _Schrijver:
    """Writes only differences; on a frozen version any difference raises before it is written."""

    def __init__(self, bevroren: bool, resultaat: Resultaat):
        self.bevroren = bevroren
        self.resultaat = resultaat

    def weiger(self, wat: str):
        if self.bevroren:
            raise VragenlijstBevroren(
                f"De vragenlijst is bevroren; de inhoud verschilt ({wat}). "
                f"Maak een nieuwe versie voor een volgende golf."
            )

    def bewaar(self, model, bestaand, velden: dict, wat: str):
        if bestaand is None:
            self.weiger(f"{wat} ontbreekt")
            obj = model.objects.create(**velden)
            self.resultaat.aangemaakt += 1
            self.resultaat.details.append(f"+ {wat}")
            return obj
        verschil = [
            naam for naam, waarde in velden.items() if not _gelijk(_huidig(bestaand, naam, waarde), waarde)
        ]
        if verschil:
            self.weiger(f"{wat}: {', '.join(verschil)}")
            for naam in verschil:
                setattr(bestaand, naam, velden[naam])
            bestaand.save(update_fields=verschil)
            self.resultaat.gewijzigd += 1
            self.resultaat.details.append(f"~ {wat}: {', '.join(verschil)}")
        return bestaand

    def verwijder(self, obj, wat: str):
        self.weiger(f"{wat} staat niet meer in de inhoud")
        type(obj).objects.filter(pk=obj.pk).delete()
        self.resultaat.verwijderd += 1
        self.resultaat.details.append(f"- {wat}")


def _huidig(obj, naam: str, gewenst):
    """The current value; a foreign key compares by id, without fetching the related row."""
    if isinstance(gewenst, models.Model):
        return getattr(obj, f"{naam}_id")
    return getattr(obj, naam)


def _gelijk(huidig, gewenst) -> bool:
    if isinstance(gewenst, models.Model):
        return huidig == gewenst.pk
    if isinstance(huidig, decimal.Decimal) or isinstance(gewenst, decimal.Decimal):
        if huidig is None or gewenst is None:
            return huidig is gewenst
        return decimal.Decimal(str(huidig)) == decimal.Decimal(str(gewenst))
    return huidig == gewenst


def _modelvelden(model, velden: dict) -> dict:
    """Only the fields the (possibly historical) model has."""
    namen = {f.name for f in model._meta.get_fields()} | {f.attname for f in model._meta.concrete_fields}
    return {k: v for k, v in velden.items() if k in namen}


def laad_inhoud(apps, vragenlijst, inhoud: list[dict]) -> Resultaat:
    """Make `vragenlijst` hold exactly `inhoud` (themes, questions, options, skip logic)."""
    fouten = controleer_inhoud(inhoud)
    if fouten:
        raise ValueError("De inhoud van de vragenlijst klopt niet:\n" + "\n".join(fouten))
    Thema = apps.get_model("bevraging", "Thema")
    Vraag = apps.get_model("bevraging", "Vraag")
    Antwoordoptie = apps.get_model("bevraging", "Antwoordoptie")
    resultaat = Resultaat()
    schrijver = _Schrijver(vragenlijst.bevroren_op is not None, resultaat)

    themas = {t.sleutel: t for t in Thema.objects.filter(vragenlijst=vragenlijst)}
    vragen = {v.sleutel: v for v in Vraag.objects.filter(vragenlijst=vragenlijst)}
    opties = {(o.vraag_id, o.code): o for o in Antwoordoptie.objects.filter(vraag__vragenlijst=vragenlijst)}
    gewenste_vragen: dict[str, object] = {}
    gewenste_opties: set[int] = set()

    for themavolgorde, thema_inhoud in enumerate(inhoud, start=1):
        thema = schrijver.bewaar(
            Thema,
            themas.get(thema_inhoud["sleutel"]),
            {
                "vragenlijst": vragenlijst,
                "sleutel": thema_inhoud["sleutel"],
                "titel": thema_inhoud["titel"],
                "volgorde": themavolgorde,
                "intro": thema_inhoud.get("intro", ""),
            },
            f"thema {thema_inhoud['sleutel']}",
        )
        themas[thema.sleutel] = thema
        for vraagvolgorde, vraag_inhoud in enumerate(thema_inhoud["vragen"], start=1):
            velden = {naam: vraag_inhoud.get(naam, standaard) for naam, standaard in VRAAGVELDEN.items()}
            # A question only depends on an earlier one (controleer_inhoud), which is loaded by now.
            ouder = gewenste_vragen.get(vraag_inhoud.get("afhankelijk_van") or "")
            velden = {
                **velden,
                "vragenlijst": vragenlijst,
                "thema": thema,
                "sleutel": vraag_inhoud["sleutel"],
                "volgorde": vraagvolgorde,
                "afhankelijk_van_id": ouder.pk if ouder else None,
                "toon_als": list(vraag_inhoud.get("toon_als", [])),
            }
            for naam in ("min_waarde", "max_waarde"):
                if velden[naam] is not None:
                    velden[naam] = decimal.Decimal(str(velden[naam]))
            bestaand = vragen.get(vraag_inhoud["sleutel"])
            vraag = schrijver.bewaar(
                Vraag, bestaand, _modelvelden(Vraag, velden), f"vraag {vraag_inhoud['sleutel']}"
            )
            gewenste_vragen[vraag.sleutel] = vraag
            for optievolgorde, optie_inhoud in enumerate(vraag_inhoud.get("opties", []), start=1):
                optie = schrijver.bewaar(
                    Antwoordoptie,
                    opties.get((vraag.pk, optie_inhoud["code"])),
                    {
                        "vraag": vraag,
                        "code": optie_inhoud["code"],
                        "label": optie_inhoud["label"],
                        "volgorde": optievolgorde,
                        "is_andere": bool(optie_inhoud.get("is_andere")),
                    },
                    f"optie {vraag.sleutel}:{optie_inhoud['code']}",
                )
                gewenste_opties.add(optie.pk)

    for (_, code), optie in opties.items():
        if optie.pk not in gewenste_opties and optie.vraag_id in {v.pk for v in gewenste_vragen.values()}:
            schrijver.verwijder(optie, f"optie {code}")
    oud = [v for sleutel, v in vragen.items() if sleutel not in gewenste_vragen]
    if oud:
        schrijver.weiger(f"vraag {oud[0].sleutel} staat niet meer in de inhoud")
        # Stale questions may depend on each other: untie them before they go.
        Vraag.objects.filter(pk__in=[v.pk for v in oud]).update(afhankelijk_van=None)
        for vraag in oud:
            schrijver.verwijder(vraag, f"vraag {vraag.sleutel}")
    for sleutel, thema in themas.items():
        if sleutel not in {t["sleutel"] for t in inhoud}:
            schrijver.verwijder(thema, f"thema {sleutel}")
    return resultaat


def laad_koppelingen(apps, van_vragenlijst, naar_vragenlijst, koppelingen: list[dict]) -> Resultaat:
    """Make the mappings between two versions exactly `koppelingen` (by question keys)."""
    Vraag = apps.get_model("bevraging", "Vraag")
    Vraagkoppeling = apps.get_model("bevraging", "Vraagkoppeling")
    van = {v.sleutel: v for v in Vraag.objects.filter(vragenlijst=van_vragenlijst)}
    naar = {v.sleutel: v for v in Vraag.objects.filter(vragenlijst=naar_vragenlijst)}
    onbekend = [
        f"{k['van']} → {k['naar']}" for k in koppelingen if k["van"] not in van or k["naar"] not in naar
    ]
    if onbekend:
        raise ValueError("Koppelingen met onbekende vragen: " + ", ".join(onbekend))
    resultaat = Resultaat()
    schrijver = _Schrijver(False, resultaat)
    bestaand = {
        (k.van_vraag_id, k.naar_vraag_id): k
        for k in Vraagkoppeling.objects.filter(
            van_vraag__vragenlijst=van_vragenlijst, naar_vraag__vragenlijst=naar_vragenlijst
        )
    }
    gewenst = set()
    for k in koppelingen:
        v, n = van[k["van"]], naar[k["naar"]]
        gewenst.add((v.pk, n.pk))
        schrijver.bewaar(
            Vraagkoppeling,
            bestaand.get((v.pk, n.pk)),
            {
                "van_vraag": v,
                "naar_vraag": n,
                "soort": k["soort"],
                "optiemapping": k.get("optiemapping") or {},
                "notitie": k.get("notitie", ""),
            },
            f"koppeling {k['van']} → {k['naar']}",
        )
    for paar, koppeling in bestaand.items():
        if paar not in gewenst:
            schrijver.verwijder(koppeling, f"koppeling {paar}")
    return resultaat
