"""Allocation rounds of a loket: build a round's input from the requests and free places of a
start month, run the allocation (`loket.toewijzing`), store input, seed and proposal, and send the
offers once staff approved the proposal.

Who is in a round (see also `loket.selectors.rondes`):

* the Huis's requests with status "actief" and no running offer, whose start period (the wished
  start up to the wished start plus the family's flexibility) overlaps the start month;
* one seat per child: the children of a request are placed together or not at all. Children who
  are in different age groups on the wished start cannot share one place: the request takes part
  without acceptable places and the proposal lists it ("niet samen");
* the acceptable places of a family, in the order of its preferences and within one location by
  first day: the offered free places of the location (free seats now) that fit the request by the
  rules an offer by hand follows too (`loket.selectors.passen`: kind of care, age at the start, a start in
  the start month or within the family's flexibility, full or half days, days of the week);
* the registration time (Europe/Brussels) chooses the rule set of a request, the day of the round
  the reserve of the places (`voorrang.regelset_op`); within a priority group the loket's setting
  decides: registration time, or lottery numbers drawn from a seed recorded with the round.
"""

from __future__ import annotations

import datetime
import json
import secrets
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from kern.tabellen import datumtekst
from kern.transacties import atomair_met_herhaling
from loket import services
from loket.models import (
    AanbodStatus,
    Loketinstelling,
    Opvangvraag,
    RondeStatus,
    Rondevolgorde,
    Rondevoorstel,
    Status,
    Tarief,
    Toewijzingsronde,
    VrijePlaats,
)
from loket.selectors.passen import leeftijdsgroepen_bij, past
from loket.selectors.rondes import cohort, plaatsen_van_ronde
from loket.toewijzing import (
    REGELSETS,
    Aanvrager,
    Invoer,
    OngeldigeInvoer,
    Plaatsgroep,
    Volgorde,
    controleer,
    invoer_naar_dict,
    invoer_uit_dict,
    resultaat_naar_dict,
    tekst,
    tekst_medewerker,
    toewijzen,
    uitleg_uit_dict,
    zinnen,
)

BRUSSEL = ZoneInfo("Europe/Brussels")

NIET_SAMEN_GEZIN = (
    "Uw kinderen zitten bij de gewenste start in verschillende leeftijdsgroepen. Een plaats is altijd "
    "voor één leeftijdsgroep, dus in deze ronde kon geen plaats voor hen samen voorgesteld worden. "
    "Het loket bekijkt met u wat mogelijk is."
)
NIET_SAMEN_MEDEWERKER = (
    "De kinderen zitten bij de gewenste start in verschillende leeftijdsgroepen: geen plaatsgroep past "
    "voor allen samen. Zelf nakijken (bv. twee aanbiedingen of een aparte aanvraag per kind)."
)
GEEN_PASSENDE_GEZIN = (
    "Bij uw gekozen opvanglocaties was er in deze ronde geen vrije plaats die past bij de soort opvang, "
    "de leeftijd van uw kind of kinderen, uw dagen en uw startdatum. Uw aanvraag blijft op de wachtlijst."
)
GEEN_PASSENDE_MEDEWERKER = (
    "Geen vrije plaats bij de gekozen locaties past (soort opvang, leeftijdsgroep, dagen, volle of halve "
    "dagen of startdatum): het gezin deed in deze ronde niet mee voor een plaats."
)
OVERGESLAGEN_GEZIN = (
    "Die plaats kon u uiteindelijk niet aangeboden worden, omdat uw aanvraag of de plaats intussen "
    "veranderde. Uw aanvraag blijft op de wachtlijst; neem gerust contact op met het loket."
)


def eerste_van_maand(dag: datetime.date) -> datetime.date:
    return dag.replace(day=1)


def volgorde_van(huis) -> str:
    instelling = Loketinstelling.objects.filter(huis=huis).first()
    return instelling.volgorde if instelling else Rondevolgorde.INSCHRIJVING


@transaction.atomic
def bewaar_instelling(*, huis, volgorde: str, door) -> Loketinstelling:
    if volgorde not in Rondevolgorde.values:
        raise ValidationError({"volgorde": "Kies inschrijvingsdatum of loting."})
    instelling, _nieuw = Loketinstelling.objects.select_for_update().get_or_create(huis=huis)
    services.gewijzigd(huis.pk)
    instelling.volgorde = volgorde
    instelling.gewijzigd_door = door
    instelling.save()
    return instelling


def plaatsnaam(plaats: VrijePlaats) -> str:
    return f"{plaats.locatie.naam}, vanaf {datumtekst(plaats.vanaf)}"


def _aanvrager(vraag: Opvangvraag, keuzes: tuple[int, ...], plaatsen: int) -> Aanvrager:
    return Aanvrager(
        id=vraag.pk,
        keuzes=keuzes,
        ingediend=vraag.ingediend.astimezone(BRUSSEL),
        plaatsen=plaatsen,
        opvang_voor_werk=vraag.opvang_voor_werk,
        alleenstaande_ouder=vraag.alleenstaande_ouder,
        laag_inkomen=vraag.laag_inkomen,
        pleegkind=vraag.pleegkind,
        broer_zus_locaties=(vraag.broer_zus_locatie_id,) if vraag.broer_zus_locatie_id else (),
        kwetsbaar=vraag.is_kwetsbaar,
    )


@dataclass
class _Opbouw:
    invoer: Invoer
    vragen: list[Opvangvraag]
    plaatsen: dict[int, VrijePlaats]
    gemengd: set[int] = field(default_factory=set)  # requests whose children differ in age group


def _bouw_invoer(huis, startmaand: datetime.date, volgorde: str, seed: str | None) -> _Opbouw:
    vragen = cohort(huis, startmaand)
    alle_plaatsen = plaatsen_van_ronde(huis, startmaand)
    per_locatie: dict[int, list[VrijePlaats]] = {}
    for plaats in alle_plaatsen:
        per_locatie.setdefault(plaats.locatie_id, []).append(plaats)
    aanvragers = []
    gebruikt: dict[int, VrijePlaats] = {}
    gemengd = set()
    for vraag in vragen:
        kinderen = len(vraag.kinderen.all())
        if kinderen == 0:
            continue
        keuzes: list[int] = []
        if len(leeftijdsgroepen_bij(vraag, vraag.gewenste_start)) > 1:
            gemengd.add(vraag.pk)
        else:
            for voorkeur in vraag.actieve_voorkeuren:
                for plaats in per_locatie.get(voorkeur.locatie_id, []):
                    if past(vraag, plaats, startmaand) and plaats.pk not in keuzes:
                        keuzes.append(plaats.pk)
                        gebruikt[plaats.pk] = plaats
        aanvragers.append(_aanvrager(vraag, tuple(keuzes), kinderen))
    groepen = tuple(
        Plaatsgroep(
            id=plaats.pk,
            locatie=plaats.locatie_id,
            capaciteit=plaats.vrij_aantal,
            inkomenstarief=plaats.locatie.tarief == Tarief.INKOMENSTARIEF,
            naam=plaatsnaam(plaats),
        )
        for plaats in sorted(gebruikt.values(), key=lambda p: p.pk)
    )
    invoer = Invoer(
        aanvragers=tuple(aanvragers),
        plaatsgroepen=groepen,
        peildatum=timezone.localdate(),
        volgorde=Volgorde(volgorde),
        seed=seed,
        regelsets=REGELSETS,
    )
    return _Opbouw(invoer=invoer, vragen=vragen, plaatsen=gebruikt, gemengd=gemengd)


def _als_json(data):
    return json.loads(json.dumps(data))


def regelsetnamen(codes) -> str:
    namen = {regelset.code: regelset.naam for regelset in REGELSETS}
    return "; ".join(namen.get(code, code) for code in sorted(set(codes)))


@transaction.atomic
def start_ronde(*, huis, startmaand: datetime.date, door) -> Toewijzingsronde:
    """Compute the proposal of an allocation round for the start month of `huis` and store it
    (status "voorstel") with one `Rondevoorstel` per request. Refused while an earlier proposal
    for the same month is not executed or rejected."""
    startmaand = eerste_van_maand(startmaand)
    # Serialise the rounds of one Huis: lock its settings row.
    Loketinstelling.objects.select_for_update().get_or_create(huis=huis)
    services.gewijzigd(huis.pk)
    if Toewijzingsronde.objects.filter(
        huis=huis, startmaand=startmaand, status=RondeStatus.VOORSTEL
    ).exists():
        raise ValidationError(
            {
                "startmaand": "Voor deze maand ligt al een voorstel klaar. Verstuur of verwerp dat eerst.",
            }
        )
    volgorde = volgorde_van(huis)
    seed = secrets.token_hex(16) if volgorde == Rondevolgorde.LOTING else None
    opbouw = _bouw_invoer(huis, startmaand, volgorde, seed)
    if not opbouw.invoer.aanvragers:
        raise ValidationError(
            {"startmaand": "Er zijn geen actieve aanvragen zonder lopend aanbod met een start in deze maand."}
        )
    try:
        resultaat = toewijzen(opbouw.invoer)
    except OngeldigeInvoer as fout:
        raise ValidationError({"startmaand": f"De ronde kan niet berekend worden: {fout}"}) from fout
    controle = controleer(opbouw.invoer, resultaat.toewijzing)
    alle_uitleg = resultaat.alle_uitleg()
    resultaat_data = resultaat_naar_dict(resultaat)
    resultaat_data["controle"] = {
        "overvol": list(controle.overvol),
        "onaanvaardbaar": list(controle.onaanvaardbaar),
        "blokkerend": [list(paar) for paar in controle.blokkerend],
    }
    namen = {groep.id: groep.naam for groep in opbouw.invoer.plaatsgroepen}
    try:
        ronde = Toewijzingsronde.objects.create(
            huis=huis,
            startmaand=startmaand,
            volgorde=volgorde,
            seed=seed or "",
            regelsets=regelsetnamen(
                [*(u.regelset for u in alle_uitleg.values()), resultaat.regelset_plaatsen]
            ),
            invoer=_als_json(invoer_naar_dict(opbouw.invoer)),
            resultaat=_als_json(resultaat_data),
            stabiel=resultaat.stabiel,
            aantal_aanvragen=len(opbouw.invoer.aanvragers),
            aantal_met_plaats=sum(1 for groep in resultaat.toewijzing.values() if groep is not None),
            aantal_plaatsgroepen=len(opbouw.invoer.plaatsgroepen),
            aangemaakt_door=door,
        )
    except IntegrityError as fout:  # a round started at the same moment
        raise ValidationError({"startmaand": "Voor deze maand ligt al een voorstel klaar."}) from fout
    niet_samen = set(resultaat.niet_samen)
    voorstellen = []
    for aanvrager in opbouw.invoer.aanvragers:
        uitleg = alle_uitleg[aanvrager.id]
        groep = resultaat.toewijzing[aanvrager.id]
        gezin = tekst(uitleg, namen)
        medewerker = tekst_medewerker(uitleg, namen)
        opmerking = ""
        if aanvrager.id in opbouw.gemengd:
            gezin, opmerking = NIET_SAMEN_GEZIN, "kinderen in verschillende leeftijdsgroepen"
            medewerker = [medewerker[0], NIET_SAMEN_MEDEWERKER]
        elif not aanvrager.keuzes:
            gezin, opmerking = GEEN_PASSENDE_GEZIN, "geen passende vrije plaats"
            medewerker = [medewerker[0], GEEN_PASSENDE_MEDEWERKER]
        elif aanvrager.id in niet_samen:
            opmerking = "kinderen konden nergens samen geplaatst worden"
        voorstellen.append(
            Rondevoorstel(
                ronde=ronde,
                opvangvraag_id=aanvrager.id,
                plaats=opbouw.plaatsen[groep] if groep is not None else None,
                rang=uitleg.rang,
                plaatsen=aanvrager.plaatsen,
                niet_samen=aanvrager.id in opbouw.gemengd or aanvrager.id in niet_samen,
                opmerking=opmerking,
                uitleg_gezin=gezin,
                uitleg_medewerker="\n".join(medewerker),
            )
        )
    Rondevoorstel.objects.bulk_create(voorstellen)
    return ronde


@dataclass
class Uitvoering:
    """What executing a round did: the offers sent and the proposals skipped (with the reason)."""

    aangeboden: list[Rondevoorstel] = field(default_factory=list)
    overgeslagen: list[Rondevoorstel] = field(default_factory=list)
    al_gedaan: bool = False


def _namen(ronde: Toewijzingsronde) -> dict[int, str]:
    return {groep["id"]: groep["naam"] for groep in ronde.invoer.get("plaatsgroepen", [])}


def _uitleg_overgeslagen(ronde: Toewijzingsronde, voorstel: Rondevoorstel) -> str:
    for data in ronde.resultaat.get("uitleg", []):
        if data["aanvrager"] == voorstel.opvangvraag_id:
            eerder = zinnen(uitleg_uit_dict(data), _namen(ronde))[:-1]
            return " ".join([*eerder, OVERGESLAGEN_GEZIN])
    return OVERGESLAGEN_GEZIN


def _bied_aan(voorstel: Rondevoorstel, door) -> str:
    """Send the offer of one proposal; the reason it cannot be sent, or "" when sent. The request
    is locked already (`voer_ronde_uit`); `doe_aanbod` locks the place."""
    if voorstel.plaats_id is None:
        return "De plaats bestaat niet meer."
    plaats = VrijePlaats.objects.get(pk=voorstel.plaats_id)
    vraag = Opvangvraag.objects.get(pk=voorstel.opvangvraag_id)
    if vraag.status != Status.ACTIEF:
        return f"De aanvraag staat niet meer op de wachtlijst (status: {vraag.get_status_display()})."
    if vraag.aanbiedingen.filter(status__in=[AanbodStatus.OPEN, AanbodStatus.AANVAARD]).exists():
        return "De aanvraag kreeg intussen een ander aanbod."
    try:
        with transaction.atomic():
            voorstel.aanbod = services.doe_aanbod(vraag=vraag, plaats=plaats, door=door)
    except ValidationError as fout:
        return " ".join(fout.messages)
    return ""


@atomair_met_herhaling
def voer_ronde_uit(*, ronde: Toewijzingsronde, door) -> Uitvoering:
    """Send an offer for every proposal with a place (one offer for all the family's children).
    A proposal that is no longer valid (place taken meanwhile, request withdrawn or changed) is
    skipped and reported; the others are not affected. A round executed before is left as it is."""
    ronde = Toewijzingsronde.objects.select_for_update().get(pk=ronde.pk)
    if ronde.status == RondeStatus.UITGEVOERD:
        return Uitvoering(al_gedaan=True)
    if ronde.status != RondeStatus.VOORSTEL:
        raise ValidationError("Deze ronde is verworpen; haar aanbiedingen kunnen niet meer verstuurd worden.")
    services.gewijzigd(ronde.huis_id)
    uitvoering = Uitvoering()
    toegewezen = dict(ronde.resultaat["toewijzing"])
    voorstellen = [
        voorstel
        for voorstel in ronde.voorstellen.order_by("opvangvraag_id")
        if toegewezen.get(voorstel.opvangvraag_id) is not None
    ]
    # The lock order of `loket.services`: all the round's requests (by id) before any place, so the
    # round never holds a place while it waits for a family that an action holds.
    vraag_ids = [voorstel.opvangvraag_id for voorstel in voorstellen]
    list(
        Opvangvraag.objects.select_for_update(of=("self",))
        .filter(pk__in=vraag_ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for voorstel in voorstellen:
        reden = _bied_aan(voorstel, door)
        if reden:
            voorstel.overgeslagen = reden[:300]
            voorstel.uitleg_gezin = _uitleg_overgeslagen(ronde, voorstel)
            uitvoering.overgeslagen.append(voorstel)
        else:
            uitvoering.aangeboden.append(voorstel)
        voorstel.save(update_fields=["aanbod", "overgeslagen", "uitleg_gezin"])
    ronde.status = RondeStatus.UITGEVOERD
    ronde.uitgevoerd = timezone.now()
    ronde.uitgevoerd_door = door
    ronde.aantal_aanbiedingen = len(uitvoering.aangeboden)
    ronde.aantal_overgeslagen = len(uitvoering.overgeslagen)
    ronde.save(
        update_fields=[
            "status",
            "uitgevoerd",
            "uitgevoerd_door",
            "aantal_aanbiedingen",
            "aantal_overgeslagen",
        ]
    )
    return uitvoering


@transaction.atomic
def verwerp_ronde(*, ronde: Toewijzingsronde, door) -> Toewijzingsronde:
    """Reject a proposal: no offers go out, and a new round for the month can be started."""
    ronde = Toewijzingsronde.objects.select_for_update().get(pk=ronde.pk)
    if ronde.status != RondeStatus.VOORSTEL:
        raise ValidationError("Alleen een voorstel dat nog niet verstuurd is, kan verworpen worden.")
    services.gewijzigd(ronde.huis_id)
    ronde.status = RondeStatus.VERWORPEN
    ronde.verworpen = timezone.now()
    ronde.verworpen_door = door
    ronde.save(update_fields=["status", "verworpen", "verworpen_door"])
    return ronde


def herbereken(ronde: Toewijzingsronde) -> bool:
    """Replay the stored input with the stored seed: True if it gives the stored proposal again."""
    try:
        resultaat = toewijzen(invoer_uit_dict(ronde.invoer))
    except (OngeldigeInvoer, KeyError, TypeError, ValueError):
        return False
    opgeslagen = {sleutel: waarde for sleutel, waarde in ronde.resultaat.items() if sleutel != "controle"}
    return _als_json(resultaat_naar_dict(resultaat)) == opgeslagen
