"""Choosing places in the request form: only the locations that fit the children's age at the
wished start and the kind of care, nearest first; a ranked list built with "Toevoegen", "Hoger",
"Lager" and "Weghalen" without JavaScript (and only the list with htmx); conflicts as they arise
and again on sending."""

import datetime
import re

import pytest
from django.utils import timezone

from huizen.models import Gemeente
from huizen.selectors import afstanden_km, gemeentemiddens
from loket.gezin.keuze import HOGER, LAGER, TOEVOEGEN, WEGHALEN, herschik, keuzelijst
from loket.models import Opvanglocatie, Opvangvraag
from loket.selectors.passen import locatie_past, soort_past
from tests.factories import OpvanglocatieFactory
from tests.loket.test_gezin import aanvraag_url, fieldset, geldige_data, werkt_ook_voor

pytestmark = pytest.mark.django_db

VANDAAG = timezone.localdate


def gemeente(naam: str) -> Gemeente:
    return Gemeente.objects.get(naam=naam, opvolger=None)


# --- the fit rule ---------------------------------------------------------------------------------


def test_een_baby_krijgt_geen_buitenschoolse_opvang_en_een_schoolkind_wel():
    kdv = Opvanglocatie(soort="groepsopvang", capaciteit_baby=10, capaciteit_peuter=10)
    bko = Opvanglocatie(soort="buitenschools", capaciteit_schoolkind=40)
    assert locatie_past(kdv, groepen={"baby"}, soort="groepsopvang")
    assert locatie_past(kdv, groepen={"baby"}, soort="gezinsopvang")  # baby's en peuters: both kinds
    assert not locatie_past(bko, groepen={"baby"}, soort="groepsopvang")
    assert not locatie_past(bko, groepen={"baby"}, soort="buitenschools")  # no places for babies
    assert locatie_past(bko, groepen={"schoolkind"}, soort="buitenschools")
    assert not locatie_past(kdv, groepen={"schoolkind"}, soort="groepsopvang")
    assert not locatie_past(kdv, groepen={"baby", "peuter"}, soort="buitenschools")
    assert soort_past("groepsopvang", "gezinsopvang") and not soort_past("groepsopvang", "buitenschools")


def test_de_lijst_toont_alleen_wat_past_bij_de_leeftijd_op_de_startdatum(huis, referentiedata):
    gent = gemeente("Gent")
    kdv = OpvanglocatieFactory(huis=huis, gemeente=gent, naam="KDV")
    bko = OpvanglocatieFactory(
        huis=huis, gemeente=gent, naam="BKO", soort="buitenschools", capaciteit_baby=0,
        capaciteit_peuter=0, capaciteit_schoolkind=40,
    )  # fmt: skip
    start = VANDAAG() + datetime.timedelta(days=90)
    baby = keuzelijst(
        [kdv, bko], gekozen=[], geboortedata=[VANDAAG()], start=start, soort="groepsopvang", woonplaats=gent
    )
    assert [k.locatie for k in baby.beschikbaar] == [kdv]
    # the same child asking for after-school care: nothing fits, the loket's contact is shown
    bko_voor_baby = keuzelijst(
        [kdv, bko], gekozen=[], geboortedata=[VANDAAG()], start=start, soort="buitenschools", woonplaats=gent
    )
    assert bko_voor_baby.beschikbaar == [] and bko_voor_baby.niets_past
    kleuter = keuzelijst(
        [kdv, bko],
        gekozen=[kdv.pk],
        geboortedata=[VANDAAG() - datetime.timedelta(days=5 * 365)],
        start=start,
        soort="buitenschools",
        woonplaats=gent,
    )
    assert [k.locatie for k in kleuter.beschikbaar] == [bko]
    assert "buitenschoolse opvang" in kleuter.conflicten[0].conflict
    # nothing is filtered or refused before the facts are known
    leeg = keuzelijst([kdv, bko], gekozen=[bko.pk], geboortedata=[], start=None, soort="", woonplaats=None)
    assert leeg.beschikbaar == [] and leeg.conflicten == [] and len(leeg.ontbreekt) == 3


# --- nearest first --------------------------------------------------------------------------------


def test_afstanden_tussen_de_middens_van_gemeenten(referentiedata):
    middens = gemeentemiddens()
    gent, antwerpen, brugge = gemeente("Gent"), gemeente("Antwerpen"), gemeente("Brugge")
    assert gent.pk in middens and antwerpen.pk in middens
    afstanden = afstanden_km(gent, [gent.pk, antwerpen.pk, brugge.pk])
    assert afstanden[gent.pk] == 0
    assert 45 < afstanden[antwerpen.pk] < 60  # Gent - Antwerpen, as the crow flies
    assert 35 < afstanden[brugge.pk] < 50


def test_dichtstbij_eerst_een_locatie_30_km_verder_komt_na_een_in_de_eigen_gemeente(huis, referentiedata):
    gent, sint_niklaas = gemeente("Gent"), gemeente("Sint-Niklaas")
    assert 25 < afstanden_km(gent, [sint_niklaas.pk])[sint_niklaas.pk] < 40
    ver = OpvanglocatieFactory(huis=huis, gemeente=sint_niklaas, naam="Aaa ver weg")
    dichtbij = OpvanglocatieFactory(huis=huis, gemeente=gent, naam="Zzz dichtbij")
    lijst = keuzelijst(
        [ver, dichtbij],
        gekozen=[],
        geboortedata=[VANDAAG()],
        start=VANDAAG() + datetime.timedelta(days=90),
        soort="groepsopvang",
        woonplaats=gent,
    )
    assert [k.locatie for k in lijst.beschikbaar] == [dichtbij, ver]
    assert lijst.beschikbaar[0].afstand_tekst == "in of vlak bij uw gemeente"
    assert re.fullmatch(r"ongeveer \d\d km van uw gemeente", lijst.beschikbaar[1].afstand_tekst)
    # without a home gemeente: by name
    zonder = keuzelijst(
        [dichtbij, ver],
        gekozen=[],
        geboortedata=[VANDAAG()],
        start=VANDAAG() + datetime.timedelta(days=90),
        soort="groepsopvang",
        woonplaats=None,
    )
    assert [k.locatie for k in zonder.beschikbaar] == [ver, dichtbij]


def test_herschikken():
    assert herschik([1, 2], TOEVOEGEN, 3) == ([1, 2, 3], 2)
    assert herschik([1, 2, 3], HOGER, 3) == ([1, 3, 2], 1)
    assert herschik([1, 2, 3], HOGER, 1) == ([1, 2, 3], 0)
    assert herschik([1, 2, 3], LAGER, 1) == ([2, 1, 3], 1)
    assert herschik([1, 2, 3], WEGHALEN, 2) == ([1, 3], None)
    assert herschik(list(range(10)), TOEVOEGEN, 99) == (list(range(10)), None)  # 10 at most


# --- the form, without JavaScript -----------------------------------------------------------------


@pytest.fixture
def locaties(huis, referentiedata):
    werkt_ook_voor(huis, "Gent")
    huis.loket.telefoon, huis.loket.email = "09 123 45 67", "loket@huis.test"  # the loket's own contact
    huis.loket.save()
    gent, sint_niklaas = gemeente("Gent"), gemeente("Sint-Niklaas")
    return {
        "eerste": OpvanglocatieFactory(huis=huis, gemeente=gent, naam="Kinderdagverblijf De Eerste"),
        "tweede": OpvanglocatieFactory(huis=huis, gemeente=gent, naam="Kinderdagverblijf De Tweede"),
        "ver": OpvanglocatieFactory(huis=huis, gemeente=sint_niklaas, naam="Kinderdagverblijf Ver"),
        "school": OpvanglocatieFactory(
            huis=huis, gemeente=gent, naam="IBO Het Schoolhuis", soort="buitenschools",
            capaciteit_baby=0, capaciteit_peuter=0, capaciteit_schoolkind=30,
        ),
    }  # fmt: skip


def keuzes_in(html: str) -> list[str]:
    return re.findall(r'<input type="hidden" name="keuzes" value="(\d+)">', html)


def beschikbaar_in(html: str) -> list[str]:
    return re.findall(r'name="keuze_toevoegen" value="(\d+)"', html)


def test_zonder_geboortedatum_en_startdatum_wordt_eerst_gevraagd_wat_nodig_is(client, huis, locaties):
    html = client.get(aanvraag_url(huis)).content.decode()
    assert "Vul eerst de geboortedatum van uw kind, de gewenste startdatum en welke opvang u zoekt in" in html
    assert beschikbaar_in(html) == [] and "Toon de opvang die past" in html
    assert "niet gekozen" not in html and '<select name="voorkeur' not in html


def test_kiezen_en_herschikken_zonder_javascript_behoudt_wat_getypt_werd(client, huis, locaties):
    pk = {naam: str(locatie.pk) for naam, locatie in locaties.items()}
    data = geldige_data(locaties, actie="keuzes_bijwerken", keuzes=None)
    html = client.post(aanvraag_url(huis), data).content.decode()
    # a baby asking for group care in Gent: no after-school care, Gent before Sint-Niklaas
    assert beschikbaar_in(html) == [pk["eerste"], pk["tweede"], pk["ver"]]
    assert "IBO Het Schoolhuis" not in fieldset(html, "voorkeuren")
    assert 'id="keuzes-titel" tabindex="-1" autofocus' in html and "foutoverzicht" not in html

    data = geldige_data(locaties, actie=None, keuzes=None, keuze_toevoegen=pk["ver"])
    html = client.post(aanvraag_url(huis), data).content.decode()
    assert keuzes_in(html) == [pk["ver"]]
    assert "Kinderdagverblijf Ver staat nu op plaats 1 van uw keuzes." in html
    assert re.search(rf'id="keuze-{pk["ver"]}" [^>]*autofocus', html)

    data = geldige_data(locaties, actie=None, keuzes=[pk["ver"], pk["tweede"]], keuze_hoger=pk["tweede"])
    html = client.post(aanvraag_url(huis), data).content.decode()
    assert keuzes_in(html) == [pk["tweede"], pk["ver"]]
    # at the top it has no "Hoger" any more: the location itself gets the focus
    assert re.search(rf'id="keuze-{pk["tweede"]}" [^>]*autofocus', html)
    data = geldige_data(
        locaties, actie=None, keuzes=[pk["tweede"], pk["ver"], pk["eerste"]], keuze_lager=pk["tweede"]
    )
    html = client.post(aanvraag_url(huis), data).content.decode()
    assert keuzes_in(html) == [pk["ver"], pk["tweede"], pk["eerste"]]
    assert re.search(rf'id="keuze-{pk["tweede"]}-lager"[^>]*autofocus', html)
    assert html.count("autofocus") == 1
    data = geldige_data(locaties, actie=None, keuzes=[pk["ver"], pk["tweede"]], keuze_hoger=pk["tweede"])
    html = client.post(aanvraag_url(huis), data).content.decode()

    data = geldige_data(locaties, actie=None, keuzes=[pk["tweede"], pk["ver"]], keuze_weghalen=pk["ver"])
    html = client.post(aanvraag_url(huis), data).content.decode()
    assert keuzes_in(html) == [pk["tweede"]]
    assert "Kinderdagverblijf Ver is uit uw keuzes gehaald." in html
    # what was typed elsewhere is kept, nothing is judged or saved yet
    for getypt in (
        'value="Lotte"',
        "Allergisch voor noten",
        'value="0470 12 34 56"',
        'value="sam@ouders.test"',
    ):
        assert getypt in html
    assert "foutoverzicht" not in html and not Opvangvraag.objects.exists()

    # ... and the whole registration still succeeds, in the order chosen
    antwoord = client.post(aanvraag_url(huis), geldige_data(locaties, keuzes=[pk["tweede"], pk["eerste"]]))
    assert antwoord.status_code == 303
    vraag = Opvangvraag.objects.get()
    assert [v.locatie.naam for v in vraag.voorkeuren.order_by("rang")] == [
        "Kinderdagverblijf De Tweede",
        "Kinderdagverblijf De Eerste",
    ]


def test_met_htmx_komt_alleen_de_lijst_terug(client, huis, locaties):
    data = geldige_data(
        locaties, actie="keuzes_bijwerken", keuzes=None, keuze_toevoegen=str(locaties["eerste"].pk)
    )
    antwoord = client.post(aanvraag_url(huis), data, HTTP_HX_REQUEST="true")
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    # the content of the fieldset, which stays on the page
    assert html.lstrip().startswith('<p class="veld__hulp" id="voorkeuren-hulp">')
    assert "<fieldset" not in html and "<html" not in html and 'name="kinderen-0-voornaam"' not in html
    assert keuzes_in(html) == [str(locaties["eerste"].pk)]
    assert "Kinderdagverblijf De Eerste staat nu op plaats 1 van uw keuzes." in html


def test_het_formulier_vraagt_de_lijst_opnieuw_bij_een_wijziging_van_datum_soort_of_postcode(
    client, huis, locaties
):
    html = client.get(aanvraag_url(huis)).content.decode()
    assert 'hx-trigger="change from:[data-bepaalt-keuze]"' in html.split('id="voorkeuren"', 1)[1][:400]
    for naam in ("kinderen-0-geboortedatum", "gewenste_start", "postcode"):
        assert re.search(rf'name="{naam}"[^>]*data-bepaalt-keuze', html), naam
    assert len(re.findall(r'name="soort_opvang"[^>]*data-bepaalt-keuze', html)) == 3


def test_een_keuze_die_niet_meer_past_wordt_gemeld_en_daarna_geweigerd(client, huis, locaties):
    eerste = str(locaties["eerste"].pk)
    vier_jaar = (VANDAAG() - datetime.timedelta(days=4 * 365)).isoformat()
    # the birth date is changed after choosing: the child is 4 at the start
    data = geldige_data(
        locaties, actie="keuzes_bijwerken", keuzes=[eerste], **{"kinderen-0-geboortedatum": vier_jaar}
    )
    html = client.post(aanvraag_url(huis), data).content.decode()
    assert keuzes_in(html) == [eerste]  # still in the list, with the reason beside it
    assert "Eén opvang die u koos, past niet bij de leeftijd van uw kind" in html
    assert "Past niet: Deze opvang heeft geen plaatsen voor een kleuter of schoolkind" in html
    assert "foutoverzicht" not in html

    # sending: refused, the summary takes the focus and links to the location
    data = geldige_data(locaties, keuzes=[eerste], **{"kinderen-0-geboortedatum": vier_jaar})
    html = client.post(aanvraag_url(huis), data).content.decode()
    assert not Opvangvraag.objects.exists()
    overzicht = html.split('class="foutoverzicht"', 1)[1][:3000]
    assert html.split('class="foutoverzicht"', 1)[1].split(">", 1)[0].endswith('tabindex="-1" autofocus')
    assert (
        f'href="#keuze-{eerste}">Kinderdagverblijf De Eerste past niet: Deze opvang heeft geen' in overzicht
    )


def test_geen_passende_opvang_zegt_wat_het_gezin_kan_doen(client, huis, locaties):
    data = geldige_data(locaties, actie="keuzes_bijwerken", keuzes=None, soort_opvang="buitenschools")
    html = client.post(aanvraag_url(huis), data).content.decode()
    assert 'id="niets-past"' in html
    assert "Kies een andere startdatum of een andere soort opvang" in html
    assert 'href="tel:091234567"' in html and 'href="mailto:loket@huis.test"' in html


def test_een_locatie_die_geen_aanvragen_meer_aanneemt_valt_weg(client, huis, locaties):
    weg = locaties["tweede"]
    data = geldige_data(locaties, keuzes=[str(weg.pk), str(locaties["eerste"].pk)])
    weg.actief = False
    weg.save()
    html = client.post(aanvraag_url(huis), data).content.decode()
    assert not Opvangvraag.objects.exists()
    assert "neemt geen aanvragen meer aan" in html
    assert keuzes_in(html) == [str(locaties["eerste"].pk)]


def test_ouder_2_is_niet_verplicht_en_zegt_dat_ook_niet(client, huis, locaties):
    html = client.get(aanvraag_url(huis)).content.decode()
    ouder2 = html.split('id="ouder-1"', 1)[1].split("</fieldset>", 1)[0]
    assert "(niet verplicht)" in html.split('id="ouder-1"', 1)[1][:200]
    assert "verplicht)</span>" not in ouder2
    ouder1 = html.split('id="ouder-0"', 1)[1].split("</fieldset>", 1)[0]
    assert '<span class="verplicht">(verplicht)</span>' in ouder1
    # something filled in for parent 2 without a name is still refused
    data = geldige_data(locaties, **{"ouders-1-telefoon": "0470 99 99 99"})
    html = client.post(aanvraag_url(huis), data).content.decode()
    assert "Vul de naam van de ouder in" in html.split('id="id_ouders-1-naam_error"', 1)[1][:200]
    assert not Opvangvraag.objects.exists()
