"""The interview workflow in the browser's terms: Opgroeien follows the waves and assigns Huizen,
the interviewer fills in a theme (autosave and the "Bewaren" button) and submits, Opgroeien
validates or reopens."""

import re

import pytest
from django.urls import reverse

from bevraging.models import Antwoord, Golf, Golfstatus, Respons, Responsstatus, Toewijzing, Vraagtype
from bevraging.services import (
    Antwoordinvoer,
    bewaar_antwoorden,
    dien_in,
    kopieer_vragenlijst,
    open_golf,
    start_respons,
    wijs_toe,
)
from tests.factories import GemeenteFactory, GolfFactory, HuisFactory, UserFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def maak_open_golf(geleverde_golven, door, jaar=2026) -> Golf:
    """A wave "Bevraging 2026" with a copy of the 2022 questionnaire, opened."""
    golf = GolfFactory(jaar=jaar, naam=f"Bevraging {jaar}")
    kopieer_vragenlijst(van_golf=geleverde_golven[2022], naar_golf=golf)
    return open_golf(golf=golf, door=door)


def geldige_waarde(vraag):
    """A valid answer for any question: the dependent questions stay hidden (ja/nee is "nee")."""
    opties = [o.code for o in vraag.opties() if not o.is_andere]
    return {
        Vraagtype.SCORE: 3,
        Vraagtype.JA_NEE: "nee",
        Vraagtype.ENKELE_KEUZE: opties[0] if opties else None,
        Vraagtype.MEERVOUDIGE_KEUZE: opties[:1],
        Vraagtype.LEEFTIJDSCATEGORIEEN: opties[:1],
        Vraagtype.GETAL: 5,
        Vraagtype.OPEN_TEKST: "Een antwoord.",
    }[vraag.type]


def vul_alles_in(respons, door, behalve=()) -> Respons:
    invoer = {
        v.sleutel: Antwoordinvoer(geldige_waarde(v))
        for v in respons.golf.vragenlijst.vragen.prefetch_related("antwoordopties")
        if v.afhankelijk_van_id is None and v.sleutel not in behalve
    }
    return bewaar_antwoorden(respons=respons, invoer=invoer, versie=respons.versie, door=door)


@pytest.fixture
def golf(geleverde_golven, opgroeien_medewerker):
    return maak_open_golf(geleverde_golven, opgroeien_medewerker)


@pytest.fixture
def interviewer(opgroeien_medewerker):
    return opgroeien_medewerker


@pytest.fixture
def toegewezen(golf, huis, interviewer):
    return wijs_toe(golf=golf, huis=huis, interviewer=interviewer, door=interviewer)


@pytest.fixture
def interviewer_client(client, interviewer, toegewezen):
    client.force_login(interviewer)
    return client


def url(naam, golf, huis=None, thema=None):
    kwargs = {"golf_pk": golf.pk}
    if huis is not None:
        kwargs["huis_slug"] = huis.slug
    if thema is not None:
        kwargs["thema"] = thema
    return reverse(f"bevraging:{naam}", kwargs=kwargs)


def antwoord(huis, golf, sleutel):
    return Antwoord.objects.filter(respons__huis=huis, respons__golf=golf, vraag__sleutel=sleutel).first()


def tekst(antwoord_) -> str:
    return antwoord_.content.decode()


# --- Who reaches the pages ---------------------------------------------------------------------


def test_alleen_opgroeien_bereikt_de_paginas_van_de_bevraging(
    client, golf, huis, toegewezen, coordinator, loket_medewerker, lid_ander_huis
):
    urls = [
        reverse("bevraging:golven"),
        reverse("bevraging:mijn_interviews"),
        url("golf", golf),
        url("toewijzen", golf),
        url("golf_sluiten", golf),
        url("indienen", golf, huis),
        url("invullen", golf, huis, "participatie"),
    ]
    for pad in urls:
        antwoord_ = client.get(pad)
        assert antwoord_.status_code == 302 and "/account/login/" in antwoord_["Location"], pad
    for gebruiker in (coordinator, loket_medewerker, lid_ander_huis):
        client.force_login(gebruiker)
        for pad in urls:
            assert client.get(pad).status_code == 404, pad
        assert client.post(url("bewaren", golf, huis, "participatie"), {"versie": 0}).status_code == 404
        assert client.post(url("toewijzen", golf), {}).status_code == 404
    assert not Respons.objects.exists()


def test_de_nav_en_de_golven_met_hun_tellingen(client, golf, huis, ander_huis, interviewer, geleverde_golven):
    wijs_toe(golf=golf, huis=huis, interviewer=interviewer, door=interviewer)
    wijs_toe(golf=golf, huis=ander_huis, interviewer=interviewer, door=interviewer)
    respons = start_respons(golf=golf, huis=huis, door=interviewer)
    vul_alles_in(respons, interviewer, behalve=["participatie.vrijwilligers"])
    client.force_login(interviewer)

    pagina = tekst(client.get(reverse("bevraging:golven")))
    assert 'href="/bevraging/"' in pagina  # the nav link
    rij = re.search(r"Bevraging 2026</a>.*?</tr>", pagina, re.S).group(0)
    getallen = re.findall(r'<td class="getal">(\d+)</td>', rij)
    assert getallen == ["2", "1", "1", "0", "0", "0"]  # assigned, not started, draft, ...
    assert "Bevraging 2022" in pagina and "afgesloten" in pagina

    pagina = tekst(client.get(url("golf", golf)))
    assert "Huis van het Kind Eigen" in pagina and "Huis van het Kind Ander" in pagina
    assert "concept" in pagina and "niet gestart" in pagina
    gefilterd = tekst(client.get(url("golf", golf), {"status": "concept"}))
    assert "Huis van het Kind Eigen" in gefilterd and "Huis van het Kind Ander" not in gefilterd
    zonder = tekst(client.get(url("golf", golf), {"interviewer": "geen"}))
    assert "Huis van het Kind Eigen" not in zonder
    fout = client.get(url("golf", golf), {"status": "onzin", "cluster": "x"})
    assert fout.status_code == 200 and "Kies een status uit de lijst." in tekst(fout)


def test_de_golfpagina_toont_de_voortgang_per_huis_en_downloadt_ze(client, golf, huis, interviewer):
    wijs_toe(golf=golf, huis=huis, interviewer=interviewer, door=interviewer)
    respons = start_respons(golf=golf, huis=huis, door=interviewer)
    vul_alles_in(respons, interviewer)
    client.force_login(interviewer)
    pagina = tekst(client.get(url("golf", golf)))
    verplicht = re.search(r"(\d+) van (\d+) <span class=\"gedempt\">\(100 %\)", pagina)
    assert verplicht and verplicht.group(1) == verplicht.group(2)
    csv = client.get(url("golf", golf), {"formaat": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    inhoud = csv.content.decode("utf-8-sig")
    assert "Huis van het Kind Eigen" in inhoud and "concept" in inhoud and "100,0" in inhoud
    assert client.get(url("golf", golf), {"formaat": "xlsx"})["Content-Type"].startswith("application/vnd")


def test_het_aantal_queries_van_de_golfpagina_groeit_niet_met_de_huizen(
    client, golf, interviewer, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(interviewer)

    def voeg_huizen_toe(aantal):
        for _ in range(aantal):
            h = HuisFactory()
            wijs_toe(golf=golf, huis=h, interviewer=interviewer, door=interviewer)
            vul_alles_in(start_respons(golf=golf, huis=h, door=interviewer), interviewer)

    voeg_huizen_toe(2)
    client.get(url("golf", golf))  # the session's menu is read once, then kept
    with CaptureQueriesContext(connection) as weinig:
        client.get(url("golf", golf))
    voeg_huizen_toe(6)
    with CaptureQueriesContext(connection) as veel:
        client.get(url("golf", golf))
    assert len(veel) == len(weinig)


def test_een_golf_openen_en_afsluiten_vraagt_bevestiging(client, geleverde_golven, interviewer):
    golf = GolfFactory(jaar=2027, naam="Bevraging 2027")
    kopieer_vragenlijst(van_golf=geleverde_golven[2022], naar_golf=golf)
    client.force_login(interviewer)

    bevestiging = client.get(url("golf_openen", golf))
    assert "bevroren" in tekst(bevestiging) and "Ja, open Bevraging 2027" in tekst(bevestiging)
    golf.refresh_from_db()
    assert golf.status == Golfstatus.IN_VOORBEREIDING
    assert client.post(url("golf_openen", golf)).status_code == 302
    golf.refresh_from_db()
    assert golf.status == Golfstatus.OPEN and golf.vragenlijst.is_bevroren

    # A second wave cannot open while this one is open: a clear message, nothing changes.
    tweede = GolfFactory(jaar=2028, naam="Bevraging 2028")
    kopieer_vragenlijst(van_golf=geleverde_golven[2022], naar_golf=tweede)
    geweigerd = client.post(url("golf_openen", tweede))
    assert geweigerd.status_code == 409 and "al een open golf" in tekst(geweigerd)
    tweede.refresh_from_db()
    assert tweede.status == Golfstatus.IN_VOORBEREIDING

    assert "Ja, sluit Bevraging 2027 af" in tekst(client.get(url("golf_sluiten", golf)))
    client.post(url("golf_sluiten", golf))
    golf.refresh_from_db()
    assert golf.status == Golfstatus.AFGESLOTEN
    assert "kan niet afgesloten worden" in tekst(client.get(url("golf_sluiten", golf)))
    assert client.post(url("golf_sluiten", golf)).status_code == 409


# --- Assigning interviewers --------------------------------------------------------------------


@pytest.fixture
def limburg(db):
    gemeenten = [
        GemeenteFactory(nis="71999", naam="Limbergem", provincie="Limburg"),
        GemeenteFactory(nis="72999", naam="Maasgem", provincie="Limburg"),
    ]
    return [HuisFactory(naam=f"Huis van het Kind {g.naam}", gemeenten=[g]) for g in gemeenten]


def test_toewijzen_in_bulk_aangevinkt_of_per_provincie(client, golf, huis, ander_huis, limburg, interviewer):
    collega = UserFactory(opgroeien=True, naam="Collega Intersectoraal")
    client.force_login(interviewer)
    pagina = tekst(client.get(url("toewijzen", golf)))
    assert "Collega Intersectoraal" in pagina and "Huis van het Kind Limbergem" in pagina

    antwoord_ = client.post(
        url("toewijzen", golf),
        {"interviewer": collega.pk, "wijze": "aangevinkt", "huizen": [huis.pk, ander_huis.pk]},
    )
    assert antwoord_.status_code == 302
    assert set(
        Toewijzing.objects.filter(golf=golf, interviewer=collega).values_list("huis__slug", flat=True)
    ) == {
        "eigen",
        "ander",
    }

    client.post(
        url("toewijzen", golf), {"interviewer": interviewer.pk, "wijze": "provincie", "provincie": "Limburg"}
    )
    assert {t.huis for t in Toewijzing.objects.filter(golf=golf, interviewer=interviewer)} == set(limburg)

    # The filtered list shows only the Huizen without an interviewer.
    zonder = tekst(client.get(url("toewijzen", golf), {"interviewer": "geen"}))
    assert "Huis van het Kind Limbergem" not in zonder


def test_toewijzen_weigert_wie_geen_medewerker_van_opgroeien_is(client, golf, huis, coordinator, interviewer):
    client.force_login(interviewer)
    antwoord_ = client.post(
        url("toewijzen", golf), {"interviewer": coordinator.pk, "wijze": "aangevinkt", "huizen": [huis.pk]}
    )
    assert antwoord_.status_code == 200
    assert "Kies een medewerker van Opgroeien als interviewer." in tekst(antwoord_)
    assert f'value="{huis.pk}" id="huis-{huis.pk}" checked' in tekst(antwoord_)  # the ticks are kept
    assert not Toewijzing.objects.exists()


def test_toewijzen_is_alles_of_niets(client, golf, huis, ander_huis, interviewer):
    collega = UserFactory(opgroeien=True)
    wijs_toe(golf=golf, huis=huis, interviewer=collega, door=interviewer)
    client.force_login(interviewer)
    gegevens = {"interviewer": interviewer.pk, "wijze": "aangevinkt", "huizen": [huis.pk, ander_huis.pk]}

    antwoord_ = client.post(url("toewijzen", golf), gegevens)
    assert "al een andere interviewer: Huis van het Kind Eigen" in tekst(antwoord_)
    assert Toewijzing.objects.get(golf=golf).interviewer == collega  # nothing half-done
    assert not Toewijzing.objects.filter(huis=ander_huis).exists()

    client.post(url("toewijzen", golf), {**gegevens, "vervang_bestaande": "on"})
    assert set(Toewijzing.objects.values_list("interviewer", flat=True)) == {interviewer.pk}


@pytest.mark.parametrize(
    "gegevens, melding",
    [
        ({"wijze": "aangevinkt"}, "Kies de interviewer."),
        ({"wijze": "aangevinkt", "interviewer": "x"}, "Kies een medewerker van Opgroeien als interviewer."),
        ({"wijze": "aangevinkt", "interviewer": "{ik}"}, "Vink minstens één Huis aan."),
        ({"wijze": "aangevinkt", "interviewer": "{ik}", "huizen": ["999999"]}, "bestaat niet"),
        ({"wijze": "aangevinkt", "interviewer": "{ik}", "huizen": ["abc"]}, "bestaat niet"),
        ({"wijze": "provincie", "interviewer": "{ik}"}, "Kies de provincie."),
        (
            {"wijze": "provincie", "interviewer": "{ik}", "provincie": "Mars"},
            "Kies een provincie uit de lijst.",
        ),
        ({"wijze": "cluster", "interviewer": "{ik}"}, "Kies de cluster."),
        ({"wijze": "cluster", "interviewer": "{ik}", "cluster": "x"}, "Kies een cluster uit de lijst."),
        ({"wijze": "iets", "interviewer": "{ik}"}, "Kies welke Huizen u wilt toewijzen."),
    ],
)
def test_foute_invoer_bij_toewijzen_geeft_een_duidelijke_fout(
    client, golf, huis, interviewer, gegevens, melding
):
    client.force_login(interviewer)
    gegevens = {k: (str(interviewer.pk) if v == "{ik}" else v) for k, v in gegevens.items()}
    antwoord_ = client.post(url("toewijzen", golf), gegevens)
    assert antwoord_.status_code == 200
    assert melding in tekst(antwoord_)
    assert "foutoverzicht" in tekst(antwoord_)
    assert not Toewijzing.objects.exists()


# --- Filling in a theme ------------------------------------------------------------------------


def test_de_interviewer_vult_een_thema_in_met_de_knop_bewaren(interviewer_client, golf, huis):
    pagina = tekst(interviewer_client.get(url("invullen", golf, huis, "participatie")))
    assert 'hx-post="' in pagina and 'hx-trigger="change delay:500ms' in pagina
    assert 'name="participatie.inspraak_ouders" id="v-participatie--inspraak_ouders-4" value="4"' in pagina
    assert "4 – redelijk veel inspraak" in pagina
    assert 'name="versie" id="veld-versie" value="0"' in pagina

    antwoord_ = interviewer_client.post(
        url("invullen", golf, huis, "participatie"),
        {
            "versie": "0",
            "getoond": "participatie.inspraak_kinderen,participatie.inspraak_ouders,"
            "participatie.inspraak_buurt,participatie.vrijwilligers",
            "participatie.inspraak_ouders": "4",
            "participatie.inspraak_ouders.toelichting": "Via de ouderraad.",
            "participatie.vrijwilligers": "ja",
            "ga_naar": "",
        },
        follow=True,
    )
    assert "Bewaard om" in tekst(antwoord_)
    respons = Respons.objects.get(golf=golf, huis=huis)
    assert respons.status == Responsstatus.CONCEPT and respons.versie == 2
    ouders = antwoord(huis, golf, "participatie.inspraak_ouders")
    assert (ouders.waarde, ouders.toelichting) == (4, "Via de ouderraad.")
    # Now the volunteers said "ja", the question about their role is on the page.
    assert 'name="participatie.rol_vrijwilligers"' in tekst(antwoord_)
    assert 'value="2"' in tekst(antwoord_)


def test_naar_een_ander_thema_gaan_bewaart_eerst(interviewer_client, golf, huis):
    antwoord_ = interviewer_client.post(
        url("invullen", golf, huis, "omgevingsanalyse"),
        {"versie": "0", "omgevingsanalyse.opmerkingen": "Nog iets.", "ga_naar": "kernpartners"},
    )
    assert antwoord_.status_code == 302 and antwoord_["Location"].endswith("/kernpartners/")
    assert antwoord(huis, golf, "omgevingsanalyse.opmerkingen").waarde == "Nog iets."
    antwoord_ = interviewer_client.post(
        url("invullen", golf, huis, "ondersteuning"), {"versie": "2", "ga_naar": "indienen"}
    )
    assert antwoord_["Location"] == url("indienen", golf, huis)


def test_autosave_geeft_de_status_en_verhoogt_de_versie(interviewer_client, golf, huis):
    antwoord_ = interviewer_client.post(
        url("bewaren", golf, huis, "participatie"),
        {"versie": "0", "participatie.inspraak_kinderen": "2", "participatie.vrijwilligers": "nee"},
        **HTMX,
    )
    assert antwoord_.status_code == 200 and antwoord_["X-Bewaard"] == "ja"
    inhoud = tekst(antwoord_)
    assert re.search(r"Bewaard om \d\d:\d\d\.", inhoud)
    assert '<input type="hidden" name="versie" id="veld-versie" value="2" hx-swap-oob="true">' in inhoud
    assert 'id="themanavigatie"' in inhoud and "<html" not in inhoud
    assert antwoord(huis, golf, "participatie.inspraak_kinderen").waarde == 2

    antwoord_ = interviewer_client.post(
        url("bewaren", golf, huis, "participatie"),
        {"versie": "2", "participatie.inspraak_kinderen": "3", "participatie.vrijwilligers": "nee"},
        **HTMX,
    )
    assert 'id="veld-versie" value="3"' in tekst(antwoord_)
    assert Respons.objects.get(golf=golf, huis=huis).versie == 3


def test_een_verouderde_versie_geeft_een_conflict_en_bewaart_niets(
    interviewer_client, golf, huis, interviewer
):
    respons = start_respons(golf=golf, huis=huis, door=interviewer)
    bewaar_antwoorden(
        respons=respons,
        invoer={"participatie.inspraak_kinderen": Antwoordinvoer(5)},
        versie=1,
        door=interviewer,
    )  # someone else saved: version 2
    gegevens = {
        "versie": "1",
        "participatie.inspraak_kinderen": "1",
        "participatie.inspraak_kinderen.toelichting": "Mijn lange toelichting",
    }

    antwoord_ = interviewer_client.post(url("bewaren", golf, huis, "participatie"), gegevens, **HTMX)
    assert "Iemand anders heeft deze bevraging intussen bewaard" in tekst(antwoord_)
    assert antwoord_["X-Bewaard"] == "nee" and "hx-swap-oob" not in tekst(antwoord_)
    assert antwoord(huis, golf, "participatie.inspraak_kinderen").waarde == 5

    # Without JavaScript: the page comes back with the input kept and a way to save it anyway.
    antwoord_ = interviewer_client.post(url("invullen", golf, huis, "participatie"), gegevens)
    assert antwoord_.status_code == 409
    assert "Mijn lange toelichting" in tekst(antwoord_)
    assert 'name="overschrijven" value="2"' in tekst(antwoord_)
    assert antwoord(huis, golf, "participatie.inspraak_kinderen").waarde == 5
    interviewer_client.post(url("invullen", golf, huis, "participatie"), {**gegevens, "overschrijven": "2"})
    assert antwoord(huis, golf, "participatie.inspraak_kinderen").waarde == 1


@pytest.mark.parametrize(
    "thema, gegevens, sleutel, melding",
    [
        (
            "participatie",
            {"participatie.inspraak_ouders": "7"},
            "participatie.inspraak_ouders",
            "Kies een score van 1 tot 5.",
        ),
        (
            "kernpartners",
            {"kernpartners.belangrijkste_partners": ["lokaal_bestuur", "lokaal_loket", "ckg", "clb"]},
            "kernpartners.belangrijkste_partners",
            "Duid hoogstens 3 antwoorden aan; u duidde er 4 aan.",
        ),
        (
            "kernpartners",
            {"kernpartners.belangrijkste_partners": ["lokaal_bestuur", "andere"]},
            "kernpartners.belangrijkste_partners",
            "Vul in wat u bij &#x27;andere&#x27; bedoelt.",
        ),
        (
            "kwaliteit_en_organisatie",
            {"kwaliteit_en_organisatie.personeelsleden": "drie"},
            "kwaliteit_en_organisatie.personeelsleden",
            "Vul een getal in, bv. 12 of 12,5.",
        ),
        (
            "kwaliteit_en_organisatie",
            {"kwaliteit_en_organisatie.personeelsleden": "2,5"},
            "kwaliteit_en_organisatie.personeelsleden",
            "Vul een geheel getal in.",
        ),
        (
            "lokaal_bestuur",
            {"lokaal_bestuur.trekker": "bestaat_niet"},
            "lokaal_bestuur.trekker",
            "Kies een van de antwoorden uit de lijst.",
        ),
    ],
)
def test_foute_waarden_staan_bij_de_vraag_en_niets_wordt_bewaard(
    interviewer_client, golf, huis, thema, gegevens, sleutel, melding
):
    getypt = "participatie.inspraak_kinderen" if thema == "participatie" else None
    gegevens = {"versie": "0", **gegevens}
    if getypt:
        gegevens[f"{getypt}.toelichting"] = "Dit mag niet verloren gaan"
    dom = "v-" + sleutel.replace(".", "--")

    pagina = interviewer_client.post(url("invullen", golf, huis, thema), gegevens)
    inhoud = tekst(pagina)
    assert pagina.status_code == 200
    fout = re.search(rf'<div class="vraag__fout" id="fout-{dom}">(.*?)</div>', inhoud, re.S).group(1)
    assert melding in fout
    assert f'href="#{dom}"' in inhoud  # the error summary links to the question
    if getypt:
        assert "Dit mag niet verloren gaan" in inhoud
    for waarde in gegevens[sleutel] if isinstance(gegevens[sleutel], list) else []:
        assert re.search(rf'value="{waarde}" checked', inhoud)  # the ticks are kept
    if thema == "kwaliteit_en_organisatie":
        assert f'value="{gegevens[sleutel]}" maxlength="30"' in inhoud  # the typed number is kept

    fragment = tekst(interviewer_client.post(url("bewaren", golf, huis, thema), gegevens, **HTMX))
    assert "Niet bewaard" in fragment
    assert re.search(rf'<div class="vraag__fout" id="fout-{dom}" hx-swap-oob="true"><p[^>]*>[^<]*', fragment)
    assert melding in fragment
    assert not Antwoord.objects.exists()
    assert not Respons.objects.exists() or Respons.objects.get().versie == 1


def test_een_afhankelijke_vraag_verschijnt_alleen_als_haar_voorwaarde_geldt(interviewer_client, golf, huis):
    thema = url("invullen", golf, huis, "participatie")
    assert 'name="participatie.rol_vrijwilligers"' not in tekst(interviewer_client.get(thema))
    assert 'id="blok-v-participatie--rol_vrijwilligers"' in tekst(interviewer_client.get(thema))  # its place

    fragment = tekst(
        interviewer_client.post(
            url("bewaren", golf, huis, "participatie"),
            {"versie": "0", "getoond": "participatie.vrijwilligers", "participatie.vrijwilligers": "ja"},
            **HTMX,
        )
    )
    blok = re.search(
        r'<div class="vraag" id="blok-v-participatie--rol_vrijwilligers" hx-swap-oob="true">', fragment
    )
    assert blok and 'name="participatie.rol_vrijwilligers"' in fragment
    assert (
        'name="getoond" id="veld-getoond" value="' in fragment
        and "participatie.rol_vrijwilligers" in fragment
    )
    assert 'name="participatie.rol_vrijwilligers"' in tekst(interviewer_client.get(thema))

    # Back to "nee": the question disappears again, and submitting does not ask for it.
    fragment = tekst(
        interviewer_client.post(
            url("bewaren", golf, huis, "participatie"),
            {
                "versie": "2",
                "getoond": "participatie.vrijwilligers,participatie.rol_vrijwilligers",
                "participatie.vrijwilligers": "nee",
                "participatie.rol_vrijwilligers": "",
            },
            **HTMX,
        )
    )
    assert re.search(
        r'<div class="vraag" id="blok-v-participatie--rol_vrijwilligers" hx-swap-oob="true">\s*</div>',
        fragment,
    )
    overzicht = tekst(interviewer_client.get(url("indienen", golf, huis)))
    assert "Welke rol" not in overzicht and "inspraak van de vrijwilligers" not in overzicht.lower()


def test_een_vraag_die_de_pagina_niet_toonde_wordt_niet_gewist(interviewer_client, golf, huis, interviewer):
    respons = start_respons(golf=golf, huis=huis, door=interviewer)
    respons = bewaar_antwoorden(
        respons=respons,
        invoer={
            "participatie.vrijwilligers": Antwoordinvoer("nee"),
            "participatie.rol_vrijwilligers": Antwoordinvoer("Onthaal"),
        },
        versie=1,
        door=interviewer,
    )
    interviewer_client.post(
        url("invullen", golf, huis, "participatie"),
        {
            "versie": str(respons.versie),
            "getoond": "participatie.vrijwilligers",
            "participatie.vrijwilligers": "ja",
        },
    )
    assert antwoord(huis, golf, "participatie.rol_vrijwilligers").waarde == "Onthaal"
    pagina = tekst(interviewer_client.get(url("invullen", golf, huis, "participatie")))
    assert "Onthaal</textarea>" in pagina


def test_elk_soort_vraag_wordt_getoond_en_bewaard(interviewer_client, golf, huis):
    doelgroep = tekst(interviewer_client.get(url("invullen", golf, huis, "doelgroep")))
    assert 'type="checkbox" name="doelgroep.leeftijd"' in doelgroep and "0 tot 3 jaar" in doelgroep
    assert 'type="radio" name="doelgroep.perinatale_werking"' in doelgroep
    kern = tekst(interviewer_client.get(url("invullen", golf, huis, "kernpartners")))
    assert (
        "Duid hoogstens 3 antwoorden aan." in kern
        and 'name="kernpartners.belangrijkste_partners.andere"' in kern
    )
    groep = tekst(interviewer_client.get(url("invullen", golf, huis, "kind_en_gezin_partners")))
    assert groep.count('<fieldset class="vraaggroep">') == 1 and "Omschrijf beknopt de samenwerking." in groep

    interviewer_client.post(
        url("invullen", golf, huis, "kwaliteit_en_organisatie"),
        {"versie": "0", "kwaliteit_en_organisatie.personeelsleden": " 12 "},
    )
    interviewer_client.post(
        url("invullen", golf, huis, "kernpartners"),
        {
            "versie": "2",
            "kernpartners.belangrijkste_partners": ["andere", "clb"],
            "kernpartners.belangrijkste_partners.andere": "OCMW",
        },
    )
    interviewer_client.post(
        url("invullen", golf, huis, "doelgroep"),
        {
            "versie": "3",
            "doelgroep.leeftijd": ["3-6", "0-3"],
            "doelgroep.specifieke_doelgroepen": "Tienerouders",
        },
    )
    assert antwoord(huis, golf, "kwaliteit_en_organisatie.personeelsleden").waarde == 12
    partners = antwoord(huis, golf, "kernpartners.belangrijkste_partners")
    assert (partners.waarde, partners.andere_tekst) == (["clb", "andere"], "OCMW")
    assert antwoord(huis, golf, "doelgroep.leeftijd").waarde == ["0-3", "3-6"]
    herladen = tekst(interviewer_client.get(url("invullen", golf, huis, "kernpartners")))
    assert 'value="OCMW"' in herladen and re.search(r'value="clb" checked', herladen)
    assert 'value="12"' in tekst(
        interviewer_client.get(url("invullen", golf, huis, "kwaliteit_en_organisatie"))
    )


def test_een_andere_medewerker_van_opgroeien_leest_alleen(client, golf, huis, toegewezen):
    client.force_login(UserFactory(opgroeien=True))
    pagina = client.get(url("invullen", golf, huis, "participatie"))
    assert "Alleen de toegewezen interviewer" in tekst(pagina)
    assert 'name="participatie.inspraak_ouders"' not in tekst(pagina)
    geweigerd = client.post(
        url("invullen", golf, huis, "participatie"), {"versie": "0", "participatie.inspraak_ouders": "3"}
    )
    assert geweigerd.status_code == 403
    fragment = client.post(
        url("bewaren", golf, huis, "participatie"),
        {"versie": "0", "participatie.inspraak_ouders": "3"},
        **HTMX,
    )
    assert "Niet bewaard" in tekst(fragment)
    assert not Respons.objects.exists()


def test_zonder_toewijzing_of_in_een_afgesloten_golf_vult_niemand_in(
    client, golf, geleverde_golven, huis, interviewer
):
    client.force_login(interviewer)
    pagina = tekst(client.get(url("invullen", golf, huis, "participatie")))
    assert "nog geen interviewer aan dit Huis toegewezen" in pagina
    pagina = tekst(client.get(url("invullen", geleverde_golven[2022], huis, "participatie")))
    assert "afgesloten" in pagina


def test_verkeerde_golf_huis_of_thema_geeft_404_en_post_endpoints_weigeren_get(
    interviewer_client, golf, huis
):
    assert interviewer_client.get(url("invullen", golf, huis, "bestaat_niet")).status_code == 404
    assert (
        interviewer_client.get(
            reverse("bevraging:invullen", args=[999999, huis.slug, "participatie"])
        ).status_code
        == 404
    )
    assert (
        interviewer_client.get(
            reverse("bevraging:invullen", args=[golf.pk, "geen-huis", "participatie"])
        ).status_code
        == 404
    )
    assert interviewer_client.get(reverse("bevraging:golf", args=[999999])).status_code == 404
    assert (
        interviewer_client.get(reverse("bevraging:huis_antwoorden", args=["geen-huis", golf.pk])).status_code
        == 404
    )
    for naam in ("valideren", "heropenen"):
        assert interviewer_client.get(url(naam, golf, huis)).status_code == 405
    assert interviewer_client.get(url("bewaren", golf, huis, "participatie")).status_code == 405
    # Nonsense never gives a server error.
    for gegevens in (
        {},
        {"versie": "x"},
        {"versie": "-3", "getoond": "a,b"},
        {"versie": "0", "overschrijven": "y"},
    ):
        assert (
            interviewer_client.post(url("invullen", golf, huis, "participatie"), gegevens).status_code < 500
        )
        assert (
            interviewer_client.post(url("bewaren", golf, huis, "participatie"), gegevens, **HTMX).status_code
            < 500
        )
    assert not Antwoord.objects.exists()


# --- Submitting, validating, reopening ---------------------------------------------------------


def test_indienen_wordt_geweigerd_met_wat_ontbreekt_en_lukt_als_alles_er_is(
    interviewer_client, golf, huis, interviewer
):
    respons = vul_alles_in(
        start_respons(golf=golf, huis=huis, door=interviewer),
        interviewer,
        behalve=["participatie.vrijwilligers", "kernpartners.belangrijkste_partners"],
    )
    overzicht = tekst(interviewer_client.get(url("indienen", golf, huis)))
    assert "Werken jullie met vrijwilligers" in overzicht and "Deze vraag is verplicht." in overzicht
    assert f'href="{url("invullen", golf, huis, "participatie")}#v-participatie--vrijwilligers"' in overzicht
    assert "Bevraging indienen</button>" not in overzicht and "nog 2 problemen" in overzicht

    geweigerd = interviewer_client.post(url("indienen", golf, huis), {"versie": respons.versie})
    assert "nog niet volledig" in tekst(geweigerd) and "Deze vraag is verplicht." in tekst(geweigerd)
    assert Respons.objects.get(pk=respons.pk).status == Responsstatus.CONCEPT

    respons = bewaar_antwoorden(
        respons=respons,
        invoer={
            "participatie.vrijwilligers": Antwoordinvoer("nee"),
            "kernpartners.belangrijkste_partners": Antwoordinvoer(["clb"]),
        },
        versie=respons.versie,
        door=interviewer,
    )
    assert "Bevraging indienen</button>" in tekst(interviewer_client.get(url("indienen", golf, huis)))
    verouderd = interviewer_client.post(url("indienen", golf, huis), {"versie": respons.versie - 1})
    assert verouderd.status_code == 409 and Respons.objects.get(pk=respons.pk).status == Responsstatus.CONCEPT
    antwoord_ = interviewer_client.post(url("indienen", golf, huis), {"versie": respons.versie}, follow=True)
    assert "is ingediend" in tekst(antwoord_)
    assert Respons.objects.get(pk=respons.pk).status == Responsstatus.INGEDIEND
    # Submitted: the theme is read-only now.
    pagina = tekst(interviewer_client.get(url("invullen", golf, huis, "participatie")))
    assert "heropend worden" in pagina and 'name="participatie.inspraak_ouders"' not in pagina
    assert "3 – enige inspraak" in pagina


@pytest.fixture
def ingediend(golf, huis, interviewer, toegewezen):
    respons = vul_alles_in(start_respons(golf=golf, huis=huis, door=interviewer), interviewer)
    return dien_in(respons=respons, door=interviewer)


def test_heropenen_vraagt_een_reden(client, golf, huis, ingediend):
    client.force_login(UserFactory(opgroeien=True))
    zonder = client.post(url("heropenen", golf, huis), {"reden": "  "})
    assert zonder.status_code == 400 and "Geef de reden waarom de bevraging heropend wordt." in tekst(zonder)
    assert Respons.objects.get().status == Responsstatus.INGEDIEND
    client.post(url("heropenen", golf, huis), {"reden": "Het aantal medewerkers klopt niet."})
    respons = Respons.objects.get()
    assert (
        respons.status == Responsstatus.HEROPEND
        and respons.heropen_reden == "Het aantal medewerkers klopt niet."
    )
    assert "Het aantal medewerkers klopt niet." in tekst(client.get(url("indienen", golf, huis)))


def test_valideren_vanaf_de_golfpagina(client, golf, huis, ingediend):
    client.force_login(UserFactory(opgroeien=True))
    pagina = tekst(client.get(url("golf", golf)))
    assert f'action="{url("valideren", golf, huis)}"' in pagina and "Heropenen…" in pagina
    antwoord_ = client.post(url("valideren", golf, huis), {"terug": "golf"})
    assert antwoord_["Location"] == url("golf", golf)
    assert Respons.objects.get().status == Responsstatus.GEVALIDEERD
    nogmaals = client.post(url("valideren", golf, huis), follow=True)
    assert "niet gevalideerd" in tekst(nogmaals)


def test_mijn_interviews(interviewer_client, golf, huis, ander_huis, interviewer):
    wijs_toe(golf=golf, huis=ander_huis, interviewer=UserFactory(opgroeien=True), door=interviewer)
    vul_alles_in(
        start_respons(golf=golf, huis=huis, door=interviewer),
        interviewer,
        behalve=["participatie.vrijwilligers"],
    )
    pagina = tekst(interviewer_client.get(reverse("bevraging:mijn_interviews")))
    assert "Huis van het Kind Eigen" in pagina and "Huis van het Kind Ander" not in pagina
    assert "Verder invullen" in pagina and url("invullen", golf, huis, "participatie") in pagina
