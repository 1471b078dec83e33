"""Loading questionnaire content: idempotent by stable keys, and never into a frozen version."""

import copy

import pytest
from django.core.management import call_command

from bevraging.models import Antwoordoptie, Golf, Thema, Vraag, Vraagkoppeling, VragenlijstBevroren
from bevraging.services import laad_geleverde_vragenlijsten, laad_vragenlijst, open_golf
from bevraging.vragenlijsten import v2022
from bevraging.vragenlijsten.laden import controleer_inhoud
from tests.bevraging.conftest import kleine_inhoud
from tests.factories import GolfFactory

pytestmark = pytest.mark.django_db


def momentopname(vragenlijst):
    return (
        sorted(
            Thema.objects.filter(vragenlijst=vragenlijst).values_list("pk", "sleutel", "titel", "volgorde")
        ),
        sorted(
            Vraag.objects.filter(vragenlijst=vragenlijst).values_list(
                "pk", "sleutel", "tekst", "type", "volgorde", "afhankelijk_van", "toon_als", "max_keuzes"
            )
        ),
        sorted(
            Antwoordoptie.objects.filter(vraag__vragenlijst=vragenlijst).values_list(
                "pk", "code", "label", "volgorde", "is_andere"
            )
        ),
    )


def test_de_lader_is_idempotent():
    golf = GolfFactory()
    eerste = laad_vragenlijst(golf=golf, inhoud=v2022.THEMAS)
    assert (eerste.aangemaakt, eerste.gewijzigd, eerste.verwijderd) == (12 + 55 + 193, 0, 0)
    voor = momentopname(golf.vragenlijst)
    tweede = laad_vragenlijst(golf=golf, inhoud=v2022.THEMAS)
    assert tweede.ongewijzigd
    assert momentopname(golf.vragenlijst) == voor


def test_de_lader_werkt_bij_op_sleutel_en_ruimt_op():
    golf = GolfFactory()
    laad_vragenlijst(golf=golf, inhoud=kleine_inhoud())
    oude_pk = Vraag.objects.get(vragenlijst=golf.vragenlijst, sleutel="participatie.vrijwilligers").pk
    inhoud = kleine_inhoud()
    inhoud[0]["vragen"][1]["tekst"] = "Werkt het Huis met vrijwilligers?"
    del inhoud[1]["vragen"][1]  # kernpartners.opmerkingen
    inhoud[1]["vragen"][0]["opties"].pop(0)  # option "a"
    resultaat = laad_vragenlijst(golf=golf, inhoud=inhoud)
    assert (resultaat.aangemaakt, resultaat.verwijderd) == (0, 2)
    vrijwilligers = Vraag.objects.get(vragenlijst=golf.vragenlijst, sleutel="participatie.vrijwilligers")
    assert vrijwilligers.pk == oude_pk and vrijwilligers.tekst == "Werkt het Huis met vrijwilligers?"
    assert not Vraag.objects.filter(vragenlijst=golf.vragenlijst, sleutel="kernpartners.opmerkingen").exists()
    partners = Vraag.objects.get(vragenlijst=golf.vragenlijst, sleutel="kernpartners.belangrijkste_partners")
    assert partners.optiecodes() == ["b", "c", "d", "andere"]


def test_een_bevroren_vragenlijst_aanvaardt_dezelfde_inhoud_en_weigert_een_andere(opgroeien_medewerker):
    golf = GolfFactory()
    laad_vragenlijst(golf=golf, inhoud=kleine_inhoud())
    open_golf(golf=golf, door=opgroeien_medewerker)
    voor = momentopname(golf.vragenlijst)
    assert laad_vragenlijst(golf=golf, inhoud=kleine_inhoud()).ongewijzigd
    for wijzig in (
        lambda inhoud: inhoud[0]["vragen"][0].update(tekst="Andere tekst"),
        lambda inhoud: inhoud[1]["vragen"].pop(),
        lambda inhoud: inhoud[1]["vragen"][0]["opties"].append(
            {"code": "e", "label": "E", "is_andere": False}
        ),
        lambda inhoud: inhoud.append({"sleutel": "nieuw", "titel": "Nieuw", "vragen": []}),
    ):
        inhoud = kleine_inhoud()
        wijzig(inhoud)
        with pytest.raises(VragenlijstBevroren):
            laad_vragenlijst(golf=golf, inhoud=inhoud)
    assert momentopname(golf.vragenlijst) == voor


def test_de_geleverde_golven_opnieuw_laden_schrijft_niets(geleverde_golven):
    assert laad_geleverde_vragenlijsten().ongewijzigd


def test_het_beheercommando_laadt_opnieuw(geleverde_golven, capsys):
    call_command("laad_vragenlijsten")
    assert "al up-to-date" in capsys.readouterr().out


def test_het_beheercommando_laadt_een_lege_databank(geleverde_golven):
    # Start from nothing, as after a flush (deleting cascades past the freeze guard of each row).
    for golf in geleverde_golven.values():
        golf.delete()
    call_command("laad_vragenlijsten")
    assert Vraag.objects.filter(vragenlijst__golf__jaar=2022).count() == 55
    assert Vraag.objects.filter(vragenlijst__golf__jaar=2016).count() == 15
    assert Golf.objects.get(jaar=2022).vragenlijst.is_bevroren
    assert Vraagkoppeling.objects.filter(naar_vraag__vragenlijst__golf__jaar=2022).count() == 16


def test_de_controle_vindt_fouten_in_de_inhoud():
    inhoud = copy.deepcopy(kleine_inhoud())
    inhoud[0]["vragen"].append(dict(inhoud[0]["vragen"][0]))  # duplicate key
    inhoud[0]["vragen"][2]["toon_als"] = ["misschien"]
    inhoud[1]["vragen"][0]["max_keuzes"] = 9
    inhoud[1]["vragen"][1]["soms"] = True
    fouten = controleer_inhoud(inhoud)
    assert any("dubbele sleutel" in f for f in fouten)
    assert any("toon_als" in f for f in fouten)
    assert any("maximum" in f for f in fouten)
    assert any("onbekende velden" in f for f in fouten)
    with pytest.raises(ValueError, match="klopt niet"):
        laad_vragenlijst(golf=GolfFactory(), inhoud=inhoud)
