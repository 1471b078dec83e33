"""Small builders that keep the questionnaire content modules (v2022.py, v2016.py) declarative.

Each builder returns a plain question dict as `bevraging.vragenlijsten.laden` reads it:

    {"sleutel", "tekst", "type", "opties": [{"code", "label", "is_andere"}], "verplicht",
     "toelichting", "open_veld", "open_veld_label", "max_keuzes", "min_waarde", "max_waarde",
     "decimalen", "eenheid", "groep", "groep_tekst", "item", "afhankelijk_van", "toon_als", "bron"}

`bron` says where the wording comes from: CITAAT when seed 002 (the final report of the 2022
survey) quotes the question, AFGELEID when the report only reports its results and the wording is
reconstructed from them. The loader does not store it; it documents the content for reviewers.
"""

from __future__ import annotations

CITAAT = "citaat"
AFGELEID = "afgeleid"

# The five labels of a score 1-5, per scale. Labels the report uses are marked in the comment; the
# others complete the scale in the same wording.
SCHAAL_ZICHT = ["geen zicht", "weinig zicht", "gedeeltelijk zicht", "redelijk goed zicht", "goed zicht"]
# report: 1 "geen zicht", 5 "goed zicht"
SCHAAL_SAMENWERKING = [
    "geen samenwerking",
    "beperkte samenwerking",
    "enige samenwerking",
    "goede samenwerking",
    "nauwe samenwerking",
]
# report: 1 "geen samenwerking", 4 "goede", 5 "nauwe samenwerking"
SCHAAL_BEREIK = [
    "geen bereik",
    "bijna geen bereik",
    "gedeeltelijk bereik",
    "redelijk groot bereik",
    "groot bereik",
]
# report: 1-2 "niet of bijna niet", 4-5 "groot of redelijk groot" (the report swaps 4 and 5 once)
SCHAAL_INSPRAAK = [
    "geen inspraak",
    "weinig inspraak",
    "enige inspraak",
    "redelijk veel inspraak",
    "veel inspraak",
]
# report: 1 "geen", 2 "weinig", 4 "redelijk veel", 5 "veel inspraak"
SCHAAL_MATE = ["helemaal niet", "in beperkte mate", "gedeeltelijk", "in grote mate", "in zeer grote mate"]
# report: 4-5 "in grote mate" (tevredenheid over de ondersteuning)


def optie(code: str, label: str, *, is_andere: bool = False) -> dict:
    return {"code": code, "label": label, "is_andere": is_andere}


def andere(label: str = "Andere: …", code: str = "andere") -> dict:
    return optie(code, label, is_andere=True)


def _opties(opties) -> list[dict]:
    return [o if isinstance(o, dict) else optie(*o) for o in opties]


def _vraag(sleutel: str, tekst: str, type: str, *, bron: str = CITAAT, **velden) -> dict:
    return {"sleutel": sleutel, "tekst": tekst, "type": type, "bron": bron, **velden}


def score(sleutel: str, tekst: str, *, schaal: list[str], open_veld: str | None = "", **velden) -> dict:
    """A score 1-5 with the scale's five labels; `open_veld` is the open field's label (None: none)."""
    if len(schaal) != 5:
        raise ValueError(f"{sleutel}: een score heeft vijf labels")
    extra = {"open_veld": open_veld is not None, "open_veld_label": open_veld or ""}
    opties = [optie(str(i), label) for i, label in enumerate(schaal, start=1)]
    return _vraag(sleutel, tekst, "score_1_5", opties=opties, **extra, **velden)


def ja_nee(sleutel: str, tekst: str, *, open_veld: str | None = None, **velden) -> dict:
    extra = {"open_veld": open_veld is not None, "open_veld_label": open_veld or ""}
    return _vraag(
        sleutel, tekst, "ja_nee", opties=[optie("ja", "Ja"), optie("nee", "Nee")], **extra, **velden
    )


def keuze(sleutel: str, tekst: str, opties, *, open_veld: str | None = None, **velden) -> dict:
    extra = {"open_veld": open_veld is not None, "open_veld_label": open_veld or ""}
    return _vraag(sleutel, tekst, "enkele_keuze", opties=_opties(opties), **extra, **velden)


def meerkeuze(
    sleutel: str, tekst: str, opties, *, max_keuzes: int | None = None, open_veld: str | None = None, **velden
) -> dict:
    extra = {"open_veld": open_veld is not None, "open_veld_label": open_veld or ""}
    return _vraag(
        sleutel, tekst, "meervoudige_keuze", opties=_opties(opties), max_keuzes=max_keuzes, **extra, **velden
    )


def leeftijden(sleutel: str, tekst: str, opties, **velden) -> dict:
    return _vraag(sleutel, tekst, "leeftijdscategorieen", opties=_opties(opties), **velden)


def getal(sleutel: str, tekst: str, *, min_waarde=None, max_waarde=None, decimalen=0, eenheid="", **velden):
    return _vraag(
        sleutel,
        tekst,
        "getal",
        min_waarde=min_waarde,
        max_waarde=max_waarde,
        decimalen=decimalen,
        eenheid=eenheid,
        **velden,
    )


def open_tekst(sleutel: str, tekst: str, *, verplicht: bool = False, **velden) -> dict:
    return _vraag(sleutel, tekst, "open_tekst", verplicht=verplicht, **velden)


def groep(naam: str, groep_tekst: str, items: list[tuple[str, dict]]) -> list[dict]:
    """Questions asked as one grid: one question per item, each with the item's short label."""
    return [{**vraag, "groep": naam, "groep_tekst": groep_tekst, "item": item} for item, vraag in items]


def alleen_als(vraag: dict, sleutel: str, *codes: str) -> dict:
    """Skip logic: show `vraag` only when the question `sleutel` was answered with one of `codes`."""
    return {**vraag, "afhankelijk_van": sleutel, "toon_als": list(codes)}
