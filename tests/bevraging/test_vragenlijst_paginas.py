"""The pages of preparing a wave: only Opgroeien staff reach them; a new wave from 2022, its draft
edited in the browser with the errors next to the fields and nothing typed lost; an open wave's
questionnaire is read-only with a clear message."""

import pytest
from django.urls import reverse

from bevraging.models import Golf, Golfstatus, Vraag
from bevraging.services import maak_golf, open_golf

pytestmark = pytest.mark.django_db


@pytest.fixture
def golf_2027(geleverde_golven, opgroeien_medewerker):
    return maak_golf(
        van_golf=geleverde_golven[2022], jaar=2027, naam="Bevraging 2027", door=opgroeien_medewerker
    )


def url(naam, golf=None, **kwargs):
    if golf is not None:
        kwargs["golf_pk"] = golf.pk
    return reverse(f"bevraging:{naam}", kwargs=kwargs)


def paginas(golf):
    sleutel = "participatie.vrijwilligers"
    return [
        url("golf_nieuw"),
        url("vragenlijst", golf),
        url("vraag_nieuw", golf, thema="participatie"),
        url("vraag", golf, vraag=sleutel),
    ]


def test_een_coordinator_of_anonieme_bezoeker_komt_er_niet_in(golf_2027, coordinator_client, client):
    for pagina in paginas(golf_2027):
        assert coordinator_client.get(pagina).status_code == 404
        assert client.get(pagina).status_code == 302
    antwoord = coordinator_client.post(
        url("vraag_herformuleren", golf_2027, vraag="participatie.vrijwilligers"),
        {"tekst": "Gehackt?", "reden": "x"},
    )
    assert antwoord.status_code == 404
    assert Vraag.objects.get(vragenlijst__golf=golf_2027, sleutel="participatie.vrijwilligers").tekst == (
        "Werken jullie met vrijwilligers?"
    )


def test_opgroeien_ziet_de_paginas(golf_2027, opgroeien_client):
    for pagina in paginas(golf_2027):
        assert opgroeien_client.get(pagina).status_code == 200, pagina
    overzicht = opgroeien_client.get(url("golven")).content.decode()
    assert url("golf_nieuw") in overzicht
    assert url("vragenlijst", golf_2027) in opgroeien_client.get(url("golf", golf_2027)).content.decode()


def test_een_nieuwe_golf_in_de_browser(geleverde_golven, opgroeien_client):
    formulier = opgroeien_client.get(url("golf_nieuw"))
    assert formulier.context["form"].initial["jaar"] == 2027
    fout = opgroeien_client.post(
        url("golf_nieuw"),
        {"van_golf": geleverde_golven[2022].pk, "jaar": "2022", "naam": "Mijn golf", "aanvullen": "on"},
    )
    assert fout.status_code == 200
    assert "Kies een jaar na 2022" in fout.content.decode()
    assert 'value="Mijn golf"' in fout.content.decode()
    antwoord = opgroeien_client.post(
        url("golf_nieuw"),
        {"van_golf": geleverde_golven[2022].pk, "jaar": "2027", "naam": "Bevraging 2027", "aanvullen": "on"},
    )
    golf = Golf.objects.get(jaar=2027)
    assert antwoord.status_code == 302 and antwoord["Location"] == url("vragenlijst", golf)
    assert golf.status == Golfstatus.IN_VOORBEREIDING
    pagina = opgroeien_client.get(antwoord["Location"]).content.decode()
    assert "Hoeveel uren per week zijn er in totaal voor de coördinatie" in pagina


def test_een_vraag_toevoegen_met_fouten_naast_het_veld(golf_2027, opgroeien_client):
    pagina = url("vraag_nieuw", golf_2027, thema="participatie")
    fout = opgroeien_client.post(
        pagina,
        {"tekst": "Welke kanalen gebruiken jullie?", "soort": "meervoudige_keuze", "opties": "Facebook"},
    )
    inhoud = fout.content.decode()
    assert fout.status_code == 200
    assert "Geef minstens twee antwoorden, één per regel." in inhoud
    assert "Welke kanalen gebruiken jullie?" in inhoud and "Facebook" in inhoud
    antwoord = opgroeien_client.post(
        pagina,
        {
            "tekst": "Welke kanalen gebruiken jullie?",
            "soort": "meervoudige_keuze",
            "opties": "Facebook\nNieuwsbrief\nAndere: …",
            "verplicht": "on",
            "na": "",
        },
    )
    assert antwoord.status_code == 302
    vraag = Vraag.objects.get(
        vragenlijst__golf=golf_2027, sleutel="participatie.welke_kanalen_gebruiken_jullie"
    )
    assert vraag.optiecodes() == ["facebook", "nieuwsbrief", "andere"]
    assert vraag.opties()[-1].is_andere
    assert vraag.thema.sleutel == "participatie"


def test_herformuleren_zonder_reden_houdt_de_tekst(golf_2027, opgroeien_client):
    sleutel = "participatie.vrijwilligers"
    fout = opgroeien_client.post(
        url("vraag_herformuleren", golf_2027, vraag=sleutel),
        {"tekst": "Werkt u met vrijwilligers?", "reden": ""},
    )
    inhoud = fout.content.decode()
    assert "Geef de reden van de nieuwe formulering" in inhoud
    assert "Werkt u met vrijwilligers?" in inhoud
    ok = opgroeien_client.post(
        url("vraag_herformuleren", golf_2027, vraag=sleutel),
        {"tekst": "Werkt u met vrijwilligers?", "reden": "Formeel aanspreken."},
    )
    assert ok.status_code == 302
    pagina = opgroeien_client.get(url("vraag", golf_2027, vraag=sleutel)).content.decode()
    assert "Werken jullie met vrijwilligers?" in pagina and "Formeel aanspreken." in pagina


def test_intrekken_voorwaarde_en_verplaatsen(golf_2027, opgroeien_client):
    sleutel = "kwaliteit_en_organisatie.personeelsleden"
    assert (
        opgroeien_client.post(
            url("vraag_intrekken", golf_2027, vraag=sleutel), {"reden": "Staat in het profiel."}
        ).status_code
        == 302
    )
    assert Vraag.objects.get(vragenlijst__golf=golf_2027, sleutel=sleutel).ingetrokken
    assert "ingetrokken" in opgroeien_client.get(url("vragenlijst", golf_2027)).content.decode()

    doel = "kwaliteit_en_organisatie.kwaliteitszorg"
    ouder = Vraag.objects.get(vragenlijst__golf=golf_2027, sleutel="participatie.vrijwilligers")
    stap = opgroeien_client.get(url("vraag", golf_2027, vraag=doel), {"ouder": ouder.pk}).content.decode()
    assert 'name="toon_als"' in stap
    leeg = opgroeien_client.post(url("vraag_voorwaarde", golf_2027, vraag=doel), {"ouder": ouder.pk})
    assert "Duid minstens één antwoord aan" in leeg.content.decode()
    assert (
        opgroeien_client.post(
            url("vraag_voorwaarde", golf_2027, vraag=doel), {"ouder": ouder.pk, "toon_als": ["ja"]}
        ).status_code
        == 302
    )
    vraag = Vraag.objects.get(vragenlijst__golf=golf_2027, sleutel=doel)
    assert vraag.afhankelijk_van == ouder and vraag.toon_als == ["ja"]

    volgorde = vraag.volgorde
    assert (
        opgroeien_client.post(
            url("vraag_verplaatsen", golf_2027, vraag=doel), {"richting": "omhoog"}
        ).status_code
        == 302
    )
    vraag.refresh_from_db()
    assert vraag.volgorde == volgorde - 1


def test_een_open_golf_is_alleen_te_lezen(golf_2027, opgroeien_client, opgroeien_medewerker):
    open_golf(golf=golf_2027, door=opgroeien_medewerker)
    sleutel = "participatie.vrijwilligers"
    pagina = opgroeien_client.get(url("vragenlijst", golf_2027)).content.decode()
    assert "Bevraging 2027 is open: de vragenlijst kan niet meer wijzigen." in pagina
    assert "Vraag toevoegen" not in pagina
    assert 'name="reden"' not in opgroeien_client.get(url("vraag", golf_2027, vraag=sleutel)).content.decode()
    for actie, gegevens in [
        ("vraag_herformuleren", {"tekst": "Anders?", "reden": "x"}),
        ("vraag_intrekken", {"reden": "x"}),
        ("vraag_terugzetten", {}),
        ("vraag_voorwaarde", {"weghalen": "1"}),
        ("vraag_verplaatsen", {"richting": "omlaag"}),
    ]:
        antwoord = opgroeien_client.post(url(actie, golf_2027, vraag=sleutel), gegevens)
        assert antwoord.status_code == 409, actie
        assert "kan niet meer wijzigen" in antwoord.content.decode()
    nieuw = opgroeien_client.post(
        url("vraag_nieuw", golf_2027, thema="participatie"), {"tekst": "Nieuw?", "soort": "ja_nee"}
    )
    assert nieuw.status_code == 409
    assert not Vraag.objects.filter(vragenlijst__golf=golf_2027, tekst="Nieuw?").exists()


def test_de_vragenlijst_van_2022_is_te_lezen(geleverde_golven, opgroeien_client):
    golf = geleverde_golven[2022]
    pagina = opgroeien_client.get(url("vragenlijst", golf)).content.decode()
    assert "Bevraging 2022 is afgesloten" in pagina
    assert opgroeien_client.get(url("vraag", golf, vraag="bestaat.niet")).status_code == 404
