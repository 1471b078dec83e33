"""Allocation rounds on a small loket: who gets which place and why, sending the offers, replaying
a round, and the lottery setting."""

import datetime
from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from loket import services
from loket.models import (
    Aanbod,
    AanbodStatus,
    Loketinstelling,
    Opvangvraag,
    RondeStatus,
    Rondevolgorde,
    Rondevoorstel,
    Status,
    Toewijzingsronde,
    VrijePlaats,
)
from loket.selectors import bezet
from loket.services import rondes as services_ronde
from loket.toewijzing import invoer_uit_dict, toewijzen
from tests.factories import OpvanglocatieFactory, OpvangvraagFactory, VrijePlaatsFactory

pytestmark = pytest.mark.django_db


def startmaand_over_drie_maanden() -> datetime.date:
    return (timezone.localdate() + datetime.timedelta(days=100)).replace(day=1)


@dataclass
class Loket:
    huis: object
    maand: datetime.date
    boomhut: object
    klaproos: object
    vlinder: object
    plaats_a: VrijePlaats
    plaats_b: VrijePlaats
    plaats_c: VrijePlaats
    vragen: dict[str, Opvangvraag]


def bouw_loket(huis) -> Loket:
    """Three locations, three groups of free baby places, and requests with different priorities.

    De Boomhut has 5 seats (1 reserved for vulnerable families), De Klaproos 2, De Vlinder 2. Five
    families need care for work and all want De Boomhut; a vulnerable family wants it too. Twins
    of a single parent want De Klaproos, then De Vlinder. The family that registered first has no
    priority. A family's baby and toddler cannot share one place.
    """
    maand = startmaand_over_drie_maanden()
    start = maand + datetime.timedelta(days=2)
    boomhut = OpvanglocatieFactory(huis=huis, naam="De Boomhut")
    klaproos = OpvanglocatieFactory(huis=huis, naam="De Klaproos")
    vlinder = OpvanglocatieFactory(huis=huis, naam="De Vlinder")
    plaats_a = VrijePlaatsFactory(locatie=boomhut, vanaf=maand, aantal=5)
    plaats_b = VrijePlaatsFactory(locatie=klaproos, vanaf=maand + datetime.timedelta(days=9), aantal=2)
    plaats_c = VrijePlaatsFactory(locatie=vlinder, vanaf=maand, aantal=2)
    nu = timezone.now()

    def vraag(naam, dag, voorkeuren, **velden):
        velden.setdefault(
            "kinderen", [{"voornaam": naam, "geboortedatum": start - datetime.timedelta(days=60)}]
        )
        return OpvangvraagFactory(
            huis=huis,
            gewenste_start=start,
            ingediend=nu - datetime.timedelta(days=60 - dag),
            voorkeuren=voorkeuren,
            **velden,
        )

    vragen = {
        "laat": vraag("Lou", 0, [boomhut, klaproos]),
        **{f"werk{n}": vraag(f"Werk{n}", n, [boomhut], opvang_voor_werk=True) for n in range(1, 5)},
        "werk5": vraag("Werk5", 5, [boomhut, klaproos], opvang_voor_werk=True),
        "tweeling": vraag(
            "Tweeling",
            6,
            [klaproos, vlinder],
            alleenstaande_ouder=True,
            kinderen=[
                {"voornaam": "Mila", "geboortedatum": start - datetime.timedelta(days=50)},
                {"voornaam": "Mats", "geboortedatum": start - datetime.timedelta(days=50)},
            ],
        ),
        "kwetsbaar": vraag("Kato", 10, [boomhut], kw_inkomen_uit_werk=True, kw_thuistaal=True),
        "gemengd": vraag(
            "Gemengd",
            11,
            [vlinder],
            kinderen=[
                {"voornaam": "Baby", "geboortedatum": start - datetime.timedelta(days=60)},
                {"voornaam": "Peuter", "geboortedatum": start - datetime.timedelta(days=700)},
            ],
        ),
    }
    # Not in the round: another start month, and a request with a running offer.
    OpvangvraagFactory(huis=huis, gewenste_start=maand + datetime.timedelta(days=70), voorkeuren=[boomhut])
    met_aanbod = vraag("Aanbod", 12, [vlinder])
    services.doe_aanbod(vraag=met_aanbod, plaats=VrijePlaatsFactory(locatie=vlinder, vanaf=maand), door=None)
    return Loket(huis, maand, boomhut, klaproos, vlinder, plaats_a, plaats_b, plaats_c, vragen)


@pytest.fixture
def loket(huis):
    return bouw_loket(huis)


def voorstellen(ronde) -> dict[int, Rondevoorstel]:
    return {v.opvangvraag_id: v for v in ronde.voorstellen.all()}


def test_de_ronde_stelt_voor_volgens_voorrang_reserve_en_broers_en_zussen(loket, loket_medewerker):
    ronde = services_ronde.start_ronde(huis=loket.huis, startmaand=loket.maand, door=loket_medewerker)
    assert ronde.status == RondeStatus.VOORSTEL
    assert ronde.stabiel
    assert ronde.seed == ""
    assert "Voorrangsregels vanaf 1 april 2024" in ronde.regelsets
    per_vraag = voorstellen(ronde)
    v = loket.vragen
    assert set(per_vraag) == {vraag.pk for vraag in v.values()}
    plaats = {naam: per_vraag[vraag.pk].plaats for naam, vraag in v.items()}
    # Absolute priority first at De Boomhut; its one reserved seat goes to the vulnerable family.
    assert [plaats[f"werk{n}"] for n in range(1, 5)] == [loket.plaats_a] * 4
    assert plaats["kwetsbaar"] == loket.plaats_a
    assert plaats["werk5"] == loket.plaats_b
    # The twins do not both fit in the seat left at De Klaproos: together at De Vlinder.
    assert plaats["tweeling"] == loket.plaats_c
    assert per_vraag[v["tweeling"].pk].plaatsen == 2
    assert plaats["laat"] == loket.plaats_b
    # Baby and toddler cannot share one place: listed, no place.
    gemengd = per_vraag[v["gemengd"].pk]
    assert gemengd.plaats is None and gemengd.niet_samen
    assert "verschillende leeftijdsgroepen" in gemengd.uitleg_gezin
    # No place over capacity.
    gebruikt: dict[int, int] = {}
    for voorstel in per_vraag.values():
        if voorstel.plaats:
            gebruikt[voorstel.plaats_id] = gebruikt.get(voorstel.plaats_id, 0) + voorstel.plaatsen
    for plaats_id, aantal in gebruikt.items():
        assert aantal <= VrijePlaats.objects.get(pk=plaats_id).aantal
    assert ronde.aantal_met_plaats == 8 and ronde.aantal_aanvragen == 9
    assert ronde.resultaat["controle"] == {"overvol": [], "onaanvaardbaar": [], "blokkerend": []}


def test_elk_voorstel_is_uitgelegd_voor_gezin_en_loket(loket, loket_medewerker):
    ronde = services_ronde.start_ronde(huis=loket.huis, startmaand=loket.maand, door=loket_medewerker)
    per_vraag = voorstellen(ronde)
    werk5 = per_vraag[loket.vragen["werk5"].pk]
    datum_b = f"{loket.plaats_b.vanaf:%d-%m-%Y}"
    assert werk5.uitleg_gezin == (
        f"Uw eerste keuze (De Boomhut, vanaf {loket.maand:%d-%m-%Y}) had alleen nog plaatsen die "
        "voorbehouden zijn voor gezinnen in een kwetsbare situatie. "
        f"U krijgt een plaats bij uw tweede keuze (De Klaproos, vanaf {datum_b})."
    )
    assert werk5.uitleg_regels[0] == "Regelset van de aanvraag: 2024; 1 kind(eren) samen."
    laat = per_vraag[loket.vragen["laat"].pk]
    assert laat.uitleg_regels[1].startswith("Eerste keuze had alleen nog plaatsen die voorbehouden zijn")
    assert laat.uitleg_regels[1].endswith("(groep van het gezin: geen voorrang).")
    tweeling = per_vraag[loket.vragen["tweeling"].pk]
    assert "niet genoeg vrije plaatsen om al uw kinderen samen op te vangen" in tweeling.uitleg_gezin
    assert tweeling.uitleg_regels[0] == "Regelset van de aanvraag: 2024; 2 kind(eren) samen."


def test_een_tweede_voorstel_voor_dezelfde_maand_wordt_geweigerd(loket, loket_medewerker):
    ronde = services_ronde.start_ronde(huis=loket.huis, startmaand=loket.maand, door=loket_medewerker)
    with pytest.raises(ValidationError, match="al een voorstel"):
        services_ronde.start_ronde(huis=loket.huis, startmaand=loket.maand, door=loket_medewerker)
    services_ronde.verwerp_ronde(ronde=ronde, door=loket_medewerker)
    ronde.refresh_from_db()
    assert ronde.status == RondeStatus.VERWORPEN
    assert not Aanbod.objects.filter(opvangvraag__in=loket.vragen.values()).exists()
    nieuw = services_ronde.start_ronde(huis=loket.huis, startmaand=loket.maand, door=loket_medewerker)
    assert nieuw.pk != ronde.pk
    with pytest.raises(ValidationError):
        services_ronde.voer_ronde_uit(ronde=ronde, door=loket_medewerker)
    with pytest.raises(ValidationError):
        services_ronde.verwerp_ronde(ronde=ronde, door=loket_medewerker)


def test_een_maand_zonder_aanvragen_geeft_geen_ronde(loket, loket_medewerker):
    with pytest.raises(ValidationError, match="geen actieve aanvragen"):
        services_ronde.start_ronde(
            huis=loket.huis, startmaand=loket.maand.replace(year=loket.maand.year + 2), door=loket_medewerker
        )
    assert not Toewijzingsronde.objects.exists()


def test_uitvoeren_maakt_precies_de_voorgestelde_aanbiedingen_en_is_idempotent(loket, loket_medewerker):
    ronde = services_ronde.start_ronde(huis=loket.huis, startmaand=loket.maand, door=loket_medewerker)
    uitvoering = services_ronde.voer_ronde_uit(ronde=ronde, door=loket_medewerker)
    assert len(uitvoering.aangeboden) == 8 and not uitvoering.overgeslagen
    ronde.refresh_from_db()
    assert ronde.status == RondeStatus.UITGEVOERD and ronde.aantal_aanbiedingen == 8
    for voorstel in ronde.voorstellen.select_related("aanbod", "opvangvraag"):
        vraag = voorstel.opvangvraag
        if voorstel.plaats_id is None:
            assert vraag.status == Status.ACTIEF
            assert not vraag.aanbiedingen.exists()
        else:
            assert vraag.status == Status.AANBOD
            aanbod = vraag.aanbiedingen.get()
            assert aanbod == voorstel.aanbod
            assert (aanbod.plaats_id, aanbod.plaatsen, aanbod.status) == (
                voorstel.plaats_id,
                voorstel.plaatsen,
                AanbodStatus.OPEN,
            )
    for plaats in (loket.plaats_a, loket.plaats_b, loket.plaats_c):
        assert bezet(plaats) <= plaats.aantal
    tweede = services_ronde.voer_ronde_uit(ronde=ronde, door=loket_medewerker)
    assert tweede.al_gedaan and not tweede.aangeboden
    assert Aanbod.objects.filter(opvangvraag__in=loket.vragen.values()).count() == 8


def test_een_intussen_ingenomen_plaats_wordt_overgeslagen_en_gemeld(loket, loket_medewerker):
    ronde = services_ronde.start_ronde(huis=loket.huis, startmaand=loket.maand, door=loket_medewerker)
    # Meanwhile De Vlinder's places go to another family, and one family withdraws.
    ander = OpvangvraagFactory(
        huis=loket.huis,
        gewenste_start=loket.maand,
        voorkeuren=[loket.vlinder],
        kinderen=[{"geboortedatum": loket.maand - datetime.timedelta(days=30)}],
    )
    ander.kinderen.create(voornaam="Tweede", geboortedatum=loket.maand - datetime.timedelta(days=30))
    services.doe_aanbod(vraag=ander, plaats=loket.plaats_c, door=loket_medewerker)
    services.trek_in(vraag=loket.vragen["werk1"], reden="verhuisd")

    uitvoering = services_ronde.voer_ronde_uit(ronde=ronde, door=loket_medewerker)
    overgeslagen = {v.opvangvraag_id: v for v in uitvoering.overgeslagen}
    assert set(overgeslagen) == {loket.vragen["tweeling"].pk, loket.vragen["werk1"].pk}
    assert "niet meer vrij" in overgeslagen[loket.vragen["tweeling"].pk].overgeslagen
    assert "niet meer op de wachtlijst" in overgeslagen[loket.vragen["werk1"].pk].overgeslagen
    assert len(uitvoering.aangeboden) == 6
    ronde.refresh_from_db()
    assert (ronde.aantal_aanbiedingen, ronde.aantal_overgeslagen) == (6, 2)
    tweeling = Rondevoorstel.objects.get(ronde=ronde, opvangvraag=loket.vragen["tweeling"])
    assert tweeling.aanbod is None
    assert "kon u uiteindelijk niet aangeboden worden" in tweeling.uitleg_gezin
    assert "U krijgt een plaats" not in tweeling.uitleg_gezin
    assert not loket.vragen["tweeling"].aanbiedingen.exists()
    assert loket.vragen["werk2"].aanbiedingen.get().plaats == loket.plaats_a


def test_herberekenen_geeft_hetzelfde_resultaat(loket, loket_medewerker):
    ronde = services_ronde.start_ronde(huis=loket.huis, startmaand=loket.maand, door=loket_medewerker)
    assert services_ronde.herbereken(ronde)
    # Replaying reads only the stored input: later changes in the loket do not matter.
    services.trek_in(vraag=loket.vragen["werk3"], reden="andere opvang")
    assert services_ronde.herbereken(Toewijzingsronde.objects.get(pk=ronde.pk))
    # A tampered proposal is detected.
    ronde.resultaat["toewijzing"][0][1] = None
    assert not services_ronde.herbereken(ronde)


def test_loting_bewaart_een_seed_en_dezelfde_seed_geeft_hetzelfde_resultaat(loket, loket_medewerker):
    services_ronde.bewaar_instelling(huis=loket.huis, volgorde=Rondevolgorde.LOTING, door=loket_medewerker)
    assert Loketinstelling.objects.get(huis=loket.huis).volgorde == Rondevolgorde.LOTING
    ronde = services_ronde.start_ronde(huis=loket.huis, startmaand=loket.maand, door=loket_medewerker)
    assert ronde.volgorde == Rondevolgorde.LOTING
    assert len(ronde.seed) == 32
    assert ronde.invoer["seed"] == ronde.seed and ronde.invoer["volgorde"] == "loting"
    assert services_ronde.herbereken(ronde)
    invoer = invoer_uit_dict(ronde.invoer)
    eerste, tweede = toewijzen(invoer), toewijzen(invoer)
    assert eerste.toewijzing == tweede.toewijzing
    assert dict(ronde.resultaat["toewijzing"]) == dict(eerste.toewijzing)
    # Absolute priority and the reserve still come before the lottery.
    per_vraag = voorstellen(ronde)
    assert per_vraag[loket.vragen["kwetsbaar"].pk].plaats == loket.plaats_a
    assert per_vraag[loket.vragen["laat"].pk].plaats != loket.plaats_a
    # A second round (after rejecting the first) draws a new seed.
    services_ronde.verwerp_ronde(ronde=ronde, door=loket_medewerker)
    nieuw = services_ronde.start_ronde(huis=loket.huis, startmaand=loket.maand, door=loket_medewerker)
    assert nieuw.seed and nieuw.seed != ronde.seed


def test_flexibiliteit_brengt_een_aanvraag_in_een_latere_ronde(loket, loket_medewerker):
    vroeger = OpvangvraagFactory(
        huis=loket.huis,
        gewenste_start=loket.maand - datetime.timedelta(days=20),
        flexibiliteit="1_maand",
        voorkeuren=[loket.vlinder],
    )
    zonder = OpvangvraagFactory(
        huis=loket.huis, gewenste_start=loket.maand - datetime.timedelta(days=20), voorkeuren=[loket.vlinder]
    )
    ronde = services_ronde.start_ronde(huis=loket.huis, startmaand=loket.maand, door=loket_medewerker)
    ids = set(ronde.voorstellen.values_list("opvangvraag_id", flat=True))
    assert vroeger.pk in ids and zonder.pk not in ids


def test_een_plaats_met_andere_dagen_of_halve_dagen_past_niet(huis, loket_medewerker):
    maand = startmaand_over_drie_maanden()
    locatie = OpvanglocatieFactory(huis=huis)
    VrijePlaatsFactory(locatie=locatie, vanaf=maand, dagen=[0, 1, 2], aantal=3)
    VrijePlaatsFactory(locatie=locatie, vanaf=maand, dagdeel="halve_dag", aantal=3)
    vraag = OpvangvraagFactory(huis=huis, gewenste_start=maand, dagen=[0, 1, 2, 3], voorkeuren=[locatie])
    ronde = services_ronde.start_ronde(huis=huis, startmaand=maand, door=loket_medewerker)
    voorstel = ronde.voorstellen.get(opvangvraag=vraag)
    assert voorstel.plaats is None
    assert "geen vrije plaats die past" in voorstel.uitleg_gezin
