"""Preparing the next wave: a new wave copied from 2022, its draft questionnaire edited through the
services (add, reword with a reason, retire, skip logic, reorder), and everything refused once the
wave is open."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bevraging.models import (
    Antwoord,
    Golfstatus,
    Vraag,
    Vraagkoppeling,
    VragenlijstBevroren,
    Wijzigingsoort,
)
from bevraging.selectors import vragen_van, zichtbaar_volgens
from bevraging.selectors.analyse import vraag_van
from bevraging.services import (
    herformuleer_vraag,
    maak_golf,
    open_golf,
    sluit_golf,
    stel_voorwaarde_in,
    trek_vraag_in,
    verplaats_vraag,
    voeg_vraag_toe,
    zet_vraag_terug,
)
from bevraging.vragenlijsten import na2022
from bevraging.vragenlijsten.bouwstenen import ja_nee, open_tekst
from tests.factories import ResponsFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def golf_2027(geleverde_golven, opgroeien_medewerker):
    return maak_golf(
        van_golf=geleverde_golven[2022], jaar=2027, naam="Bevraging 2027", door=opgroeien_medewerker
    )


def vraag_in(golf, sleutel) -> Vraag:
    return Vraag.objects.get(vragenlijst__golf=golf, sleutel=sleutel)


def test_een_nieuwe_golf_kopieert_de_sleutels_en_koppelt_ze_aan_2022(geleverde_golven, golf_2027):
    bron = geleverde_golven[2022].vragenlijst
    assert golf_2027.status == Golfstatus.IN_VOORBEREIDING
    assert not golf_2027.vragenlijst.is_bevroren
    oud = set(bron.vragen.values_list("sleutel", flat=True))
    nieuw = set(golf_2027.vragenlijst.vragen.values_list("sleutel", flat=True))
    assert oud <= nieuw
    toegevoegd = {inhoud["sleutel"] for _, _, inhoud in na2022.NIEUWE_VRAGEN}
    assert nieuw - oud == toegevoegd
    koppelingen = Vraagkoppeling.objects.filter(naar_vraag__vragenlijst=golf_2027.vragenlijst)
    assert koppelingen.count() == len(oud)
    assert all(k.van_vraag.sleutel == k.naar_vraag.sleutel for k in koppelingen)
    for koppeling in koppelingen:
        koppeling.full_clean()


def test_de_ontbrekende_onderwerpen_van_2022_staan_in_de_volgende_golf(golf_2027):
    uren = vraag_in(golf_2027, "kwaliteit_en_organisatie.coordinatie_uren")
    assert uren.type == "getal" and uren.eenheid == "uur per week" and uren.decimalen == 1
    coordinatie = vraag_in(golf_2027, "kwaliteit_en_organisatie.coordinatie")
    assert uren.volgorde == coordinatie.volgorde + 1
    assert "uren" not in coordinatie.tekst
    assert coordinatie.wijzigingen.get().soort == Wijzigingsoort.HERFORMULEERD
    organen = vraag_in(golf_2027, "kwaliteit_en_organisatie.overlegorganen")
    assert "stuurgroep" in organen.optiecodes()
    frequentie = vraag_in(golf_2027, "kwaliteit_en_organisatie.frequentie_stuurgroep")
    assert frequentie.afhankelijk_van == organen and frequentie.toon_als == ["stuurgroep"]
    assert vraag_in(golf_2027, "kwaliteit_en_organisatie.mandaat_coordinator").type == "score_1_5"
    assert vraag_in(golf_2027, "lokaal_bestuur.bronnen_andere_middelen").afhankelijk_van.sleutel == (
        "lokaal_bestuur.andere_middelen"
    )
    assert uren.wijzigingen.get().reden == na2022.REDEN_UREN


def test_zonder_aanvullingen_is_de_kopie_gelijk_aan_2022(geleverde_golven, opgroeien_medewerker):
    golf = maak_golf(
        van_golf=geleverde_golven[2022],
        jaar=2028,
        naam="Bevraging 2028",
        door=opgroeien_medewerker,
        aanvullen=False,
    )
    assert golf.vragenlijst.vragen.count() == geleverde_golven[2022].vragenlijst.vragen.count()


def test_een_nieuwe_golf_weigert_een_fout_jaar_of_een_bestaande_naam(geleverde_golven, opgroeien_medewerker):
    with pytest.raises(ValidationError) as fout:
        maak_golf(
            van_golf=geleverde_golven[2022], jaar=2022, naam="Bevraging 2022", door=opgroeien_medewerker
        )
    assert set(fout.value.message_dict) == {"jaar", "naam"}


def test_alleen_opgroeien_maakt_of_bewerkt_een_golf(geleverde_golven, golf_2027, coordinator):
    with pytest.raises(PermissionDenied):
        maak_golf(van_golf=geleverde_golven[2022], jaar=2029, naam="Bevraging 2029", door=coordinator)
    with pytest.raises(PermissionDenied):
        herformuleer_vraag(
            vraag=vraag_in(golf_2027, "participatie.vrijwilligers"), tekst="?", reden="?", door=coordinator
        )


def test_toevoegen_herformuleren_en_de_geschiedenis(golf_2027, opgroeien_medewerker):
    thema = golf_2027.vragenlijst.themas.get(sleutel="participatie")
    na = vraag_in(golf_2027, "participatie.vrijwilligers")
    nieuw = voeg_vraag_toe(
        golf=golf_2027,
        thema=thema,
        inhoud=ja_nee("participatie.oudercomite", "Hebben jullie een oudercomité?"),
        na=na,
        door=opgroeien_medewerker,
    )
    assert nieuw.volgorde == na.volgorde + 1
    assert nieuw.optiecodes() == ["ja", "nee"]
    with pytest.raises(ValidationError) as fout:
        voeg_vraag_toe(
            golf=golf_2027,
            thema=thema,
            inhoud=open_tekst("participatie.oudercomite", "Nog eens?"),
            door=opgroeien_medewerker,
        )
    assert "sleutel" in fout.value.message_dict

    with pytest.raises(ValidationError) as fout:
        herformuleer_vraag(vraag=na, tekst="Werkt u met vrijwilligers?", reden=" ", door=opgroeien_medewerker)
    assert "reden" in fout.value.message_dict
    herformuleer_vraag(
        vraag=na, tekst="Werkt u met vrijwilligers?", reden="Formeel aanspreken.", door=opgroeien_medewerker
    )
    na.refresh_from_db()
    assert na.tekst == "Werkt u met vrijwilligers?"
    wijziging = na.wijzigingen.get()
    assert (wijziging.oude_tekst, wijziging.reden, wijziging.door) == (
        "Werken jullie met vrijwilligers?",
        "Formeel aanspreken.",
        opgroeien_medewerker,
    )
    koppeling = na.koppelingen_van.get()
    assert koppeling.soort == "zelfde" and "Formeel aanspreken." in koppeling.notitie


def test_een_ingetrokken_vraag_blijft_bewaard_en_2022_blijft_analyseerbaar(
    geleverde_golven, golf_2027, opgroeien_medewerker
):
    golf_2022 = geleverde_golven[2022]
    oud = vraag_in(golf_2022, "kwaliteit_en_organisatie.personeelsleden")
    respons = ResponsFactory(golf=golf_2022, status="ingediend")
    Antwoord.objects.create(respons=respons, vraag=oud, waarde=4)
    vraag = vraag_in(golf_2027, "kwaliteit_en_organisatie.personeelsleden")

    with pytest.raises(ValidationError) as fout:
        trek_vraag_in(vraag=vraag, reden="", door=opgroeien_medewerker)
    assert "reden" in fout.value.message_dict
    trek_vraag_in(vraag=vraag, reden="Staat al in het profiel van het Huis.", door=opgroeien_medewerker)

    vraag.refresh_from_db()
    assert vraag.ingetrokken
    assert vraag not in vragen_van(golf_2027.vragenlijst)
    assert vraag.koppelingen_van.get().van_vraag == oud
    assert vraag.wijzigingen.get().soort == Wijzigingsoort.INGETROKKEN
    assert oud in vragen_van(golf_2022.vragenlijst)
    assert Antwoord.objects.filter(vraag=oud).count() == 1
    assert vraag_van(golf_2022, oud.sleutel) is not None

    zet_vraag_terug(vraag=vraag, door=opgroeien_medewerker)
    vraag.refresh_from_db()
    assert not vraag.ingetrokken


def test_een_vraag_waarvan_andere_afhangen_wordt_niet_ingetrokken(golf_2027, opgroeien_medewerker):
    with pytest.raises(ValidationError, match="Trek die eerst in"):
        trek_vraag_in(
            vraag=vraag_in(golf_2027, "participatie.vrijwilligers"), reden="Weg", door=opgroeien_medewerker
        )


def test_voorwaarde_instellen(golf_2027, opgroeien_medewerker):
    vrijwilligers = vraag_in(golf_2027, "participatie.vrijwilligers")
    opmerkingen = vraag_in(golf_2027, "kwaliteit_en_organisatie.kwaliteitszorg")
    stel_voorwaarde_in(
        vraag=opmerkingen, afhankelijk_van=vrijwilligers, toon_als=["nee"], door=opgroeien_medewerker
    )
    opmerkingen.refresh_from_db()
    assert opmerkingen.afhankelijk_van == vrijwilligers and opmerkingen.toon_als == ["nee"]
    vragen = list(vragen_van(golf_2027.vragenlijst))
    assert opmerkingen not in zichtbaar_volgens(vragen, {vrijwilligers.pk: "ja"})
    assert opmerkingen in zichtbaar_volgens(vragen, {vrijwilligers.pk: "nee"})
    assert opmerkingen.wijzigingen.get().soort == Wijzigingsoort.VOORWAARDE

    with pytest.raises(ValidationError) as fout:
        stel_voorwaarde_in(
            vraag=vrijwilligers, afhankelijk_van=opmerkingen, toon_als=[], door=opgroeien_medewerker
        )
    assert "afhankelijk_van" in fout.value.message_dict
    with pytest.raises(ValidationError) as fout:
        stel_voorwaarde_in(
            vraag=opmerkingen,
            afhankelijk_van=vrijwilligers,
            toon_als=["misschien"],
            door=opgroeien_medewerker,
        )
    assert "toon_als" in fout.value.message_dict
    stel_voorwaarde_in(vraag=opmerkingen, afhankelijk_van=None, toon_als=[], door=opgroeien_medewerker)
    opmerkingen.refresh_from_db()
    assert opmerkingen.afhankelijk_van is None and opmerkingen.toon_als == []


def test_verplaatsen_houdt_een_vraag_na_haar_voorwaarde(golf_2027, opgroeien_medewerker):
    rol = vraag_in(golf_2027, "participatie.rol_vrijwilligers")
    with pytest.raises(ValidationError, match="moet er dus na komen"):
        verplaats_vraag(vraag=rol, omhoog=True, door=opgroeien_medewerker)
    inspraak = vraag_in(golf_2027, "participatie.inspraak_vrijwilligers")
    verplaats_vraag(vraag=inspraak, omhoog=True, door=opgroeien_medewerker)
    rol.refresh_from_db()
    inspraak.refresh_from_db()
    assert inspraak.volgorde < rol.volgorde
    with pytest.raises(ValidationError, match="onderaan"):
        verplaats_vraag(vraag=rol, omhoog=False, door=opgroeien_medewerker)


def test_een_open_of_afgesloten_golf_weigert_elke_wijziging(golf_2027, opgroeien_medewerker):
    vraag = vraag_in(golf_2027, "participatie.vrijwilligers")
    thema = vraag.thema
    open_golf(golf=golf_2027, door=opgroeien_medewerker)
    pogingen = [
        lambda: voeg_vraag_toe(
            golf=golf_2027,
            thema=thema,
            inhoud=ja_nee("participatie.nieuw", "Nieuw?"),
            door=opgroeien_medewerker,
        ),
        lambda: herformuleer_vraag(vraag=vraag, tekst="Anders?", reden="Reden", door=opgroeien_medewerker),
        lambda: trek_vraag_in(
            vraag=vraag_in(golf_2027, "kwaliteit_en_organisatie.personeelsleden"),
            reden="x",
            door=opgroeien_medewerker,
        ),
        lambda: stel_voorwaarde_in(vraag=vraag, afhankelijk_van=None, toon_als=[], door=opgroeien_medewerker),
        lambda: verplaats_vraag(vraag=vraag, omhoog=False, door=opgroeien_medewerker),
    ]
    for poging in pogingen:
        with pytest.raises(VragenlijstBevroren, match="Bevraging 2027 is open"):
            poging()
    sluit_golf(golf=golf_2027, door=opgroeien_medewerker)
    with pytest.raises(VragenlijstBevroren, match="afgesloten"):
        herformuleer_vraag(vraag=vraag, tekst="Anders?", reden="Reden", door=opgroeien_medewerker)
    vraag.refresh_from_db()
    assert vraag.tekst == "Werken jullie met vrijwilligers?"
    assert not vraag.wijzigingen.exists()


def test_een_tabel_blijft_samen_bij_het_verplaatsen(golf_2027, opgroeien_medewerker):
    def volgorde():
        return list(
            Vraag.objects.filter(vragenlijst__golf=golf_2027, thema__sleutel="participatie")
            .order_by("volgorde")
            .values_list("sleutel", flat=True)
        )

    with pytest.raises(ValidationError, match="tabel"):
        verplaats_vraag(
            vraag=vraag_in(golf_2027, "participatie.inspraak_buurt"), omhoog=False, door=opgroeien_medewerker
        )
    verplaats_vraag(
        vraag=vraag_in(golf_2027, "participatie.vrijwilligers"), omhoog=True, door=opgroeien_medewerker
    )
    assert volgorde()[:4] == [
        "participatie.vrijwilligers",
        "participatie.inspraak_kinderen",
        "participatie.inspraak_ouders",
        "participatie.inspraak_buurt",
    ]
    verplaats_vraag(
        vraag=vraag_in(golf_2027, "participatie.inspraak_buurt"), omhoog=True, door=opgroeien_medewerker
    )
    assert volgorde()[1:4] == [
        "participatie.inspraak_kinderen",
        "participatie.inspraak_buurt",
        "participatie.inspraak_ouders",
    ]
