"""Allocation rounds on a small loket: who gets which place and why, sending the offers, replaying
a round, and the lottery setting."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from loket import services
from loket.models import (
    Aanbod,
    AanbodStatus,
    Loketinstelling,
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
from tests.datums import voluit
from tests.factories import (
    OpvanglocatieFactory,
    OpvangvraagFactory,
    VrijePlaatsFactory,
    startmaand_over_drie_maanden,
)

pytestmark = pytest.mark.django_db


def voorstellen(ronde) -> dict[int, Rondevoorstel]:
    return {v.opvangvraag_id: v for v in ronde.voorstellen.all()}


def test_de_ronde_stelt_voor_volgens_voorrang_reserve_en_broers_en_zussen(loket_wereld, loket_medewerker):
    ronde = services_ronde.start_ronde(
        huis=loket_wereld.huis, startmaand=loket_wereld.maand, door=loket_medewerker
    )
    assert ronde.status == RondeStatus.VOORSTEL
    assert ronde.stabiel
    assert ronde.seed == ""
    assert "Voorrangsregels vanaf 1 april 2024" in ronde.regelsets
    per_vraag = voorstellen(ronde)
    v = loket_wereld.vragen
    assert set(per_vraag) == {vraag.pk for vraag in v.values()}
    plaats = {naam: per_vraag[vraag.pk].plaats for naam, vraag in v.items()}
    # Absolute priority first at De Boomhut; its one reserved seat goes to the vulnerable family.
    assert [plaats[f"werk{n}"] for n in range(1, 5)] == [loket_wereld.plaats_a] * 4
    assert plaats["kwetsbaar"] == loket_wereld.plaats_a
    assert plaats["werk5"] == loket_wereld.plaats_b
    # The twins do not both fit in the seat left at De Klaproos: together at De Vlinder.
    assert plaats["tweeling"] == loket_wereld.plaats_c
    assert per_vraag[v["tweeling"].pk].plaatsen == 2
    assert plaats["laat"] == loket_wereld.plaats_b
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


def test_elk_voorstel_is_uitgelegd_voor_gezin_en_loket(loket_wereld, loket_medewerker):
    ronde = services_ronde.start_ronde(
        huis=loket_wereld.huis, startmaand=loket_wereld.maand, door=loket_medewerker
    )
    per_vraag = voorstellen(ronde)
    werk5 = per_vraag[loket_wereld.vragen["werk5"].pk]
    datum_b = f"{voluit(loket_wereld.plaats_b.vanaf)}"
    assert werk5.uitleg_gezin == (
        f"Uw eerste keuze (De Boomhut, vanaf {voluit(loket_wereld.maand)}) had alleen nog plaatsen die "
        "voorbehouden zijn voor gezinnen in een kwetsbare situatie. "
        f"U krijgt een plaats bij uw tweede keuze (De Klaproos, vanaf {datum_b})."
    )
    assert werk5.uitleg_regels[0] == "Regelset van de aanvraag: 2024; 1 kind(eren) samen."
    laat = per_vraag[loket_wereld.vragen["laat"].pk]
    assert laat.uitleg_regels[1].startswith("Eerste keuze had alleen nog plaatsen die voorbehouden zijn")
    assert laat.uitleg_regels[1].endswith("(groep van het gezin: geen voorrang).")
    tweeling = per_vraag[loket_wereld.vragen["tweeling"].pk]
    assert "niet genoeg vrije plaatsen om al uw kinderen samen op te vangen" in tweeling.uitleg_gezin
    assert tweeling.uitleg_regels[0] == "Regelset van de aanvraag: 2024; 2 kind(eren) samen."


def test_een_tweede_voorstel_voor_dezelfde_maand_wordt_geweigerd(loket_wereld, loket_medewerker):
    ronde = services_ronde.start_ronde(
        huis=loket_wereld.huis, startmaand=loket_wereld.maand, door=loket_medewerker
    )
    with pytest.raises(ValidationError, match="al een voorstel"):
        services_ronde.start_ronde(
            huis=loket_wereld.huis, startmaand=loket_wereld.maand, door=loket_medewerker
        )
    services_ronde.verwerp_ronde(ronde=ronde, door=loket_medewerker)
    ronde.refresh_from_db()
    assert ronde.status == RondeStatus.VERWORPEN
    assert not Aanbod.objects.filter(opvangvraag__in=loket_wereld.vragen.values()).exists()
    nieuw = services_ronde.start_ronde(
        huis=loket_wereld.huis, startmaand=loket_wereld.maand, door=loket_medewerker
    )
    assert nieuw.pk != ronde.pk
    with pytest.raises(ValidationError):
        services_ronde.voer_ronde_uit(ronde=ronde, door=loket_medewerker)
    with pytest.raises(ValidationError):
        services_ronde.verwerp_ronde(ronde=ronde, door=loket_medewerker)


def test_een_maand_zonder_aanvragen_geeft_geen_ronde(loket_wereld, loket_medewerker):
    with pytest.raises(ValidationError, match="geen actieve aanvragen"):
        services_ronde.start_ronde(
            huis=loket_wereld.huis,
            startmaand=loket_wereld.maand.replace(year=loket_wereld.maand.year + 2),
            door=loket_medewerker,
        )
    assert not Toewijzingsronde.objects.exists()


def test_uitvoeren_maakt_precies_de_voorgestelde_aanbiedingen_en_is_idempotent(
    loket_wereld, loket_medewerker
):
    ronde = services_ronde.start_ronde(
        huis=loket_wereld.huis, startmaand=loket_wereld.maand, door=loket_medewerker
    )
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
    for plaats in (loket_wereld.plaats_a, loket_wereld.plaats_b, loket_wereld.plaats_c):
        assert bezet(plaats) <= plaats.aantal
    tweede = services_ronde.voer_ronde_uit(ronde=ronde, door=loket_medewerker)
    assert tweede.al_gedaan and not tweede.aangeboden
    assert Aanbod.objects.filter(opvangvraag__in=loket_wereld.vragen.values()).count() == 8


def test_een_intussen_ingenomen_plaats_wordt_overgeslagen_en_gemeld(loket_wereld, loket_medewerker):
    ronde = services_ronde.start_ronde(
        huis=loket_wereld.huis, startmaand=loket_wereld.maand, door=loket_medewerker
    )
    # Meanwhile De Vlinder's places go to another family, and one family withdraws.
    ander = OpvangvraagFactory(
        huis=loket_wereld.huis,
        gewenste_start=loket_wereld.maand,
        voorkeuren=[loket_wereld.vlinder],
        kinderen=[{"geboortedatum": loket_wereld.maand - datetime.timedelta(days=30)}],
    )
    ander.kinderen.create(voornaam="Tweede", geboortedatum=loket_wereld.maand - datetime.timedelta(days=30))
    services.doe_aanbod(vraag=ander, plaats=loket_wereld.plaats_c, door=loket_medewerker)
    services.trek_in(vraag=loket_wereld.vragen["werk1"], reden="verhuisd")

    uitvoering = services_ronde.voer_ronde_uit(ronde=ronde, door=loket_medewerker)
    overgeslagen = {v.opvangvraag_id: v for v in uitvoering.overgeslagen}
    assert set(overgeslagen) == {loket_wereld.vragen["tweeling"].pk, loket_wereld.vragen["werk1"].pk}
    assert "niet meer vrij" in overgeslagen[loket_wereld.vragen["tweeling"].pk].overgeslagen
    assert "niet meer op de wachtlijst" in overgeslagen[loket_wereld.vragen["werk1"].pk].overgeslagen
    assert len(uitvoering.aangeboden) == 6
    ronde.refresh_from_db()
    assert (ronde.aantal_aanbiedingen, ronde.aantal_overgeslagen) == (6, 2)
    tweeling = Rondevoorstel.objects.get(ronde=ronde, opvangvraag=loket_wereld.vragen["tweeling"])
    assert tweeling.aanbod is None
    assert "kon u uiteindelijk niet aangeboden worden" in tweeling.uitleg_gezin
    assert "U krijgt een plaats" not in tweeling.uitleg_gezin
    assert not loket_wereld.vragen["tweeling"].aanbiedingen.exists()
    assert loket_wereld.vragen["werk2"].aanbiedingen.get().plaats == loket_wereld.plaats_a


def test_herberekenen_geeft_hetzelfde_resultaat(loket_wereld, loket_medewerker):
    ronde = services_ronde.start_ronde(
        huis=loket_wereld.huis, startmaand=loket_wereld.maand, door=loket_medewerker
    )
    assert services_ronde.herbereken(ronde)
    # Replaying reads only the stored input: later changes in the loket do not matter.
    services.trek_in(vraag=loket_wereld.vragen["werk3"], reden="andere opvang")
    assert services_ronde.herbereken(Toewijzingsronde.objects.get(pk=ronde.pk))
    # A tampered proposal is detected.
    ronde.resultaat["toewijzing"][0][1] = None
    assert not services_ronde.herbereken(ronde)


def test_loting_bewaart_een_seed_en_dezelfde_seed_geeft_hetzelfde_resultaat(loket_wereld, loket_medewerker):
    services_ronde.bewaar_instelling(
        huis=loket_wereld.huis, volgorde=Rondevolgorde.LOTING, door=loket_medewerker
    )
    assert Loketinstelling.objects.get(huis=loket_wereld.huis).volgorde == Rondevolgorde.LOTING
    ronde = services_ronde.start_ronde(
        huis=loket_wereld.huis, startmaand=loket_wereld.maand, door=loket_medewerker
    )
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
    assert per_vraag[loket_wereld.vragen["kwetsbaar"].pk].plaats == loket_wereld.plaats_a
    assert per_vraag[loket_wereld.vragen["laat"].pk].plaats != loket_wereld.plaats_a
    # A second round (after rejecting the first) draws a new seed.
    services_ronde.verwerp_ronde(ronde=ronde, door=loket_medewerker)
    nieuw = services_ronde.start_ronde(
        huis=loket_wereld.huis, startmaand=loket_wereld.maand, door=loket_medewerker
    )
    assert nieuw.seed and nieuw.seed != ronde.seed


def test_flexibiliteit_brengt_een_aanvraag_in_een_latere_ronde(loket_wereld, loket_medewerker):
    vroeger = OpvangvraagFactory(
        huis=loket_wereld.huis,
        gewenste_start=loket_wereld.maand - datetime.timedelta(days=20),
        flexibiliteit="1_maand",
        voorkeuren=[loket_wereld.vlinder],
    )
    zonder = OpvangvraagFactory(
        huis=loket_wereld.huis,
        gewenste_start=loket_wereld.maand - datetime.timedelta(days=20),
        voorkeuren=[loket_wereld.vlinder],
    )
    ronde = services_ronde.start_ronde(
        huis=loket_wereld.huis, startmaand=loket_wereld.maand, door=loket_medewerker
    )
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
