"""A coordinator records the Huis's life domains, offer and Roadmap self-assessments; loket staff
and Opgroeien look at them without changing anything."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from huizen.models import PartnerSoort, VrindCluster, Wijziging
from huizen.services import bewaar_onderdeel
from levensdomeinen.models import (
    Aanbod,
    Doelgroep,
    DomeinEngagement,
    Levensdomein,
    Pijler,
    Score,
    Werkingsprincipe,
    Zelfevaluatie,
)
from levensdomeinen.services import bewaar_engagementen, bewaar_zelfevaluatie
from tests.factories import (
    DomeinEngagementFactory,
    GemeenteFactory,
    HuisAanbodFactory,
    HuisFactory,
    LidmaatschapFactory,
    LocatieFactory,
    PartnerFactory,
)

pytestmark = pytest.mark.django_db


# --- Helpers ----------------------------------------------------------------------------------


def url(naam, huis, **kwargs):
    return reverse(f"levensdomeinen:{naam}", kwargs={"huis_slug": huis.slug, **kwargs})


def tekst(antwoord) -> str:
    return antwoord.content.decode()


def fout_bij(antwoord, veld_id: str) -> str:
    """The error rendered next to the field, tied to it (aria-describedby) and in the summary."""
    html = tekst(antwoord)
    gevonden = re.search(rf'<p class="veld__fout" id="{re.escape(veld_id)}_error">(.*?)</p>', html, re.S)
    assert gevonden, f"geen fout bij {veld_id}"
    invoer = re.search(rf'<(?:input|select|textarea)[^>]*id="{re.escape(veld_id)}"[^>]*>', html)
    if invoer:  # a single input (radio and checkbox groups carry it on their fieldset)
        assert 'aria-invalid="true"' in invoer.group(0)
        assert f"{veld_id}_error" in invoer.group(0)
    else:
        assert re.search(rf'<fieldset[^>]*aria-describedby="[^"]*{re.escape(veld_id)}_error', html)
    assert f'href="#{veld_id}' in html, "het foutoverzicht linkt niet naar het veld"
    return gevonden.group(1)


def partner(huis, naam="CLB Eigen"):
    return PartnerFactory(huis=huis, naam=naam, soort=PartnerSoort.CLB)


def domein(code) -> Levensdomein:
    return Levensdomein.objects.get(code=code)


def domeindata(huis, wijzigingen: dict[str, dict] | None = None) -> dict:
    """POST data of the domains page as the browser sends it: what is saved now (every domain
    not recorded left empty), with `wijzigingen` per domain code on top (None removes a key)."""
    bestaande = {
        e.levensdomein.code: e
        for e in DomeinEngagement.objects.filter(huis=huis).select_related("levensdomein")
    }
    data = {}
    for levensdomein in Levensdomein.objects.all():
        e = bestaande.get(levensdomein.code)
        rij = {
            "versie": str(e.versie) if e else "",
            "status": e.status if e else "",
            "top3": "on" if e and e.top3 else None,
            "reden_top3": e.reden_top3 if e else "",
            "reden_niet_actief": e.reden_niet_actief if e else "",
            "partners": [str(p.pk) for p in e.partners.all()] if e else [],
        }
        rij.update((wijzigingen or {}).get(levensdomein.code, {}))
        for sleutel, waarde in rij.items():
            if waarde is not None:
                data[f"domein-{levensdomein.code}-{sleutel}"] = waarde
    return data


# --- Workspace --------------------------------------------------------------------------------


def test_de_werkruimte_linkt_naar_levensdomeinen_aanbod_en_zelfevaluatie(coordinator_client, huis):
    html = tekst(coordinator_client.get(reverse("huizen:werkruimte", kwargs={"huis_slug": huis.slug})))
    for naam in ("domeinen", "aanbod", "zelfevaluaties"):
        assert url(naam, huis) in html


# --- Life domains -----------------------------------------------------------------------------


def test_de_levensdomeinen_tonen_alle_tien_met_subthemas_en_een_uitnodiging(coordinator_client, huis):
    html = tekst(coordinator_client.get(url("domeinen", huis)))
    assert html.count("Nog niet ingevuld.") == 10
    assert "Er is nog geen top 3 gekozen." in html
    assert url("domeinen_wijzigen", huis) in html

    formulier = tekst(coordinator_client.get(url("domeinen_wijzigen", huis)))
    assert formulier.count("<legend>Onderwijs</legend>") == 1
    assert "Subthema’s: Kleuterparticipatie versterken" in formulier
    assert formulier.count('type="radio"') == 40  # three statuses and "not filled in" per domain


def test_levensdomeinen_bewaren_toont_ze_en_schrijft_de_historiek(coordinator_client, huis):
    clb = partner(huis, "CLB Eigen")
    partner(huis, "Opvoedingswinkel Eigen")
    data = domeindata(
        huis,
        {
            "onderwijs": {
                "status": "actief",
                "top3": "on",
                "reden_top3": "Kleuterparticipatie is laag in onze gemeente.",
                "partners": [str(clb.pk)],
            },
            "kinderopvang": {"status": "gepland"},
            "jeugdhulp": {"status": "niet_actief", "reden_niet_actief": "Geen partner in de buurt."},
        },
    )

    antwoord = coordinator_client.post(url("domeinen_wijzigen", huis), data)

    assert antwoord.status_code == 302 and antwoord["Location"] == url("domeinen", huis)
    onderwijs = DomeinEngagement.objects.get(huis=huis, levensdomein__code="onderwijs")
    assert (onderwijs.status, onderwijs.top3, onderwijs.versie) == ("actief", True, 1)
    assert list(onderwijs.partners.all()) == [clb]
    assert DomeinEngagement.objects.filter(huis=huis).count() == 3
    wijzigingen = Wijziging.objects.filter(huis=huis, onderdeel="Levensdomeinen")
    assert wijzigingen.count() == 3
    historiek = wijzigingen.get(omschrijving__startswith="Onderwijs")
    assert {"veld": "betrokken partners", "oud": "–", "nieuw": "CLB Eigen"} in historiek.velden

    html = tekst(coordinator_client.get(antwoord["Location"]))
    assert "Levensdomeinen bewaard: Onderwijs, Kinderopvang, Jeugdhulp." in html
    assert "<strong>Onderwijs</strong>: Kleuterparticipatie is laag in onze gemeente." in html
    assert "Geen partner in de buurt." in html and "CLB Eigen" in html
    assert html.count("Nog niet ingevuld.") == 7


def test_alleen_gewijzigde_levensdomeinen_worden_bewaard(coordinator_client, huis):
    coordinator_client.post(
        url("domeinen_wijzigen", huis), domeindata(huis, {"onderwijs": {"status": "actief"}})
    )
    coordinator_client.post(
        url("domeinen_wijzigen", huis), domeindata(huis, {"jeugdhulp": {"status": "gepland"}})
    )
    antwoord = coordinator_client.post(url("domeinen_wijzigen", huis), domeindata(huis), follow=True)

    assert "Er was niets gewijzigd." in tekst(antwoord)
    assert DomeinEngagement.objects.get(levensdomein__code="onderwijs").versie == 1
    assert Wijziging.objects.filter(onderdeel="Levensdomeinen").count() == 2


def test_vier_top3_wordt_geweigerd_houdt_de_invoer_en_bewaart_niets(coordinator_client, huis):
    codes = ["onderwijs", "gezondheidszorg", "kinderopvang", "jeugdhulp"]
    data = domeindata(
        huis,
        {code: {"status": "actief", "top3": "on", "reden_top3": f"Reden {code}"} for code in codes},
    )

    antwoord = coordinator_client.post(url("domeinen_wijzigen", huis), data)

    html = tekst(antwoord)
    assert antwoord.status_code == 200
    melding = "Hoogstens 3 levensdomeinen kunnen in de top 3; u duidde er 4 aan."
    assert fout_bij(antwoord, "id_domein-onderwijs-top3") == melding
    assert html.count(f'<li><a href="#id_domein-onderwijs-top3">{melding}</a></li>') == 1  # said once
    assert "Er is 1 probleem met uw invoer" in html
    for code in codes:
        assert f"Reden {code}" in html
        assert re.search(rf'name="domein-{code}-top3"[^>]*checked', html)
    assert not DomeinEngagement.objects.exists() and not Wijziging.objects.exists()


@pytest.mark.parametrize(
    ("invoer", "veld", "melding"),
    [
        (
            {"status": "actief", "top3": "on", "reden_top3": ""},
            "reden_top3",
            "Schrijf kort waarom dit levensdomein in de top 3 staat.",
        ),
        (
            {"status": "niet_actief", "top3": "on", "reden_top3": "Belangrijk"},
            "top3",
            "Een levensdomein waar het Huis niet rond werkt, kan niet in de top 3.",
        ),
        (
            {"status": "", "top3": "on", "reden_top3": "Belangrijk"},
            "top3",
            "Kies eerst een status: een levensdomein in de top 3 is actief of gepland.",
        ),
    ],
)
def test_een_top3_zonder_reden_of_niet_actief_wordt_geweigerd(
    coordinator_client, huis, invoer, veld, melding
):
    data = domeindata(huis, {"onderwijs": invoer, "jeugdhulp": {"status": "gepland"}})

    antwoord = coordinator_client.post(url("domeinen_wijzigen", huis), data)

    assert antwoord.status_code == 200
    assert fout_bij(antwoord, f"id_domein-onderwijs-{veld}") == melding
    label = "behoort tot de top 3 van het huis" if veld == "top3" else "waarom in de top 3"
    assert f'<a href="#id_domein-onderwijs-{veld}">Onderwijs, {label}: {melding}</a>' in tekst(antwoord)
    assert re.search(r'name="domein-jeugdhulp-status" value="gepland"[^>]*checked', tekst(antwoord))
    assert not DomeinEngagement.objects.exists()


def test_een_bewaard_levensdomein_moet_een_status_houden(coordinator_client, huis, coordinator):
    coordinator_client.post(
        url("domeinen_wijzigen", huis), domeindata(huis, {"onderwijs": {"status": "actief"}})
    )
    antwoord = coordinator_client.post(
        url("domeinen_wijzigen", huis), domeindata(huis, {"onderwijs": {"status": None}})
    )
    assert fout_bij(antwoord, "id_domein-onderwijs-status") == "Kies een status."
    assert DomeinEngagement.objects.get().status == "actief"


def test_een_partner_van_een_ander_huis_kan_niet(coordinator_client, huis, ander_huis):
    vreemd = partner(ander_huis, "Partner Ander")
    data = domeindata(huis, {"onderwijs": {"status": "actief", "partners": [str(vreemd.pk)]}})
    antwoord = coordinator_client.post(url("domeinen_wijzigen", huis), data)
    assert fout_bij(antwoord, "id_domein-onderwijs-partners") == "Kies alleen partners van dit Huis."
    assert "Partner Ander" not in tekst(antwoord)
    assert not DomeinEngagement.objects.exists()


def test_een_verouderde_versie_geeft_een_conflict_en_houdt_de_invoer(coordinator_client, huis, coordinator):
    coordinator_client.post(
        url("domeinen_wijzigen", huis), domeindata(huis, {"onderwijs": {"status": "gepland"}})
    )
    geopend = domeindata(huis)  # the form as the coordinator opened it (versie 1)
    engagement = DomeinEngagement.objects.get()
    bewaar_onderdeel(  # someone else saves meanwhile
        gebruiker=coordinator,
        huis=huis,
        obj=engagement,
        gegevens={"status": "actief"},
        onderdeel="Levensdomeinen",
        verwachte_versie=1,
    )
    geopend.update(
        {"domein-onderwijs-status": "niet_actief", "domein-onderwijs-reden_niet_actief": "Mijn tekst"}
    )

    antwoord = coordinator_client.post(url("domeinen_wijzigen", huis), geopend)

    html = tekst(antwoord)
    assert antwoord.status_code == 200
    assert re.search(r'role="alert">\s*<p>Iemand anders heeft dit onderdeel intussen gewijzigd', html)
    assert "<dt>Onderwijs</dt>" in html and "We werken er actief rond" in html  # saved now
    assert "Mijn tekst" in html  # the input is kept
    assert 'name="domein-onderwijs-versie" value="2"' in html  # saving again knowingly overwrites
    engagement.refresh_from_db()
    assert (engagement.status, engagement.versie) == ("actief", 2)

    geopend["domein-onderwijs-versie"] = "2"
    assert coordinator_client.post(url("domeinen_wijzigen", huis), geopend).status_code == 302
    engagement.refresh_from_db()
    assert (engagement.status, engagement.reden_niet_actief, engagement.versie) == (
        "niet_actief",
        "Mijn tekst",
        3,
    )


def test_een_domein_dat_intussen_door_iemand_anders_ingevuld_is_geeft_een_conflict(
    coordinator_client, huis, coordinator
):
    geopend = domeindata(huis)  # nothing recorded yet when the form was opened
    DomeinEngagementFactory(huis=huis, levensdomein="onderwijs", gepland=True)
    geopend["domein-onderwijs-status"] = "actief"

    antwoord = coordinator_client.post(url("domeinen_wijzigen", huis), geopend)

    assert "Iemand anders heeft dit onderdeel intussen gewijzigd" in tekst(antwoord)
    assert 'name="domein-onderwijs-versie" value="1"' in tekst(antwoord)
    assert DomeinEngagement.objects.get().status == "gepland" and not Wijziging.objects.exists()


def test_de_service_telt_de_top3_over_alle_bewaarde_domeinen_en_bewaart_alles_of_niets(huis, coordinator):
    from django.core.exceptions import ValidationError

    from levensdomeinen.services import Engagementinvoer

    codes = ["onderwijs", "gezondheidszorg", "kinderopvang"]
    bewaar_engagementen(
        gebruiker=coordinator,
        huis=huis,
        invoer=[Engagementinvoer(domein(c), "actief", True, "Reden") for c in codes],
    )
    with pytest.raises(ValidationError, match="u duidde er 4 aan"):
        bewaar_engagementen(
            gebruiker=coordinator,
            huis=huis,
            invoer=[
                Engagementinvoer(domein("jeugdhulp"), "actief", True, "Reden"),
                Engagementinvoer(domein("sociale-cohesie"), "gepland"),
            ],
        )
    assert DomeinEngagement.objects.count() == 3
    assert Wijziging.objects.count() == 3


def test_de_pagina_levensdomeinen_doet_evenveel_queries_bij_meer_partners_en_domeinen(
    coordinator_client, huis, django_assert_max_num_queries
):
    def meet() -> dict[str, int]:
        metingen = {}
        for naam in ("domeinen", "domeinen_wijzigen"):
            with django_assert_max_num_queries(20) as queries:
                assert coordinator_client.get(url(naam, huis)).status_code == 200
            metingen[naam] = len(queries.captured_queries)
        return metingen

    DomeinEngagementFactory(huis=huis, levensdomein="onderwijs", partners=[partner(huis, "Partner 0")])
    coordinator_client.get(url("domeinen", huis))  # the session's menu is read once, then kept
    weinig = meet()
    partners = [partner(huis, f"Partner {n}") for n in range(1, 30)]
    for levensdomein in Levensdomein.objects.exclude(code="onderwijs"):
        DomeinEngagementFactory(huis=huis, levensdomein=levensdomein, gepland=True, partners=partners)
    assert meet() == weinig


# --- Offer ------------------------------------------------------------------------------------


@pytest.fixture
def locatie(huis):
    return LocatieFactory(huis=huis, naam="Huis Centrum", gemeente=GemeenteFactory(naam="Aanbodgem"))


def aanbod_data(**velden) -> dict:
    data = {
        "versie": "",
        "titel": "Babymassage",
        "beschrijving": "Ouders leren hun baby masseren.",
        "inschrijvingslink": "https://inschrijven.test/babymassage",
        "doelgroepen": [str(Doelgroep.objects.get(code="0-3").pk)],
        "levensdomeinen": [str(domein("ouderschap-opvoedingsondersteuning").pk)],
        "pijlers": [str(Pijler.objects.get(code="opvoedingsondersteuning").pk)],
        "planning": "terugkerend",
        "datum": "",
        "ritme": "Elke woensdag van 10 tot 11 uur",
        "locatie": "",
        "organiserende_partner": "",
        "gratis": "True",
        "prijs": "",
    }
    data.update(velden)
    return {k: v for k, v in data.items() if v is not None}


def maak_aanbod(huis, **velden) -> Aanbod:
    return HuisAanbodFactory(
        huis=huis,
        titel=velden.pop("titel", "Speelnamiddag"),
        beschrijving="Samen spelen.",
        planning=velden.pop("planning", "doorlopend"),
        levensdomeinen=[domein("sociale-cohesie")],
        doelgroepen=[Doelgroep.objects.get(code="3-6")],
        **velden,
    )


def test_aanbod_toevoegen_toont_het_en_schrijft_de_historiek(coordinator_client, huis, locatie):
    clb = partner(huis)
    antwoord = coordinator_client.post(
        url("aanbod_nieuw", huis),
        aanbod_data(locatie=str(locatie.pk), organiserende_partner=str(clb.pk), gratis="False", prijs="€ 5"),
    )

    assert antwoord.status_code == 302 and antwoord["Location"] == url("aanbod", huis)
    aanbod = Aanbod.objects.get()
    assert (aanbod.huis, aanbod.locatie, aanbod.organiserende_partner, aanbod.gratis, aanbod.prijs) == (
        huis,
        locatie,
        clb,
        False,
        "€ 5",
    )
    assert [d.code for d in aanbod.doelgroepen.all()] == ["0-3"]
    assert [p.code for p in aanbod.pijlers.all()] == ["opvoedingsondersteuning"]
    historiek = Wijziging.objects.get(onderdeel="Aanbod")
    assert (historiek.actie, historiek.omschrijving) == ("toegevoegd", "Babymassage")

    html = tekst(coordinator_client.get(antwoord["Location"]))
    assert "Aanbod ‘Babymassage’ toegevoegd." in html
    assert "Elke woensdag van 10 tot 11 uur" in html and "Huis Centrum, Kerkstraat 1, 9000 Aanbodgem" in html
    assert "Kinderen van 0 tot 3 jaar" in html and "€ 5" in html and "CLB Eigen" in html


def test_aanbod_wijzigen_wist_wat_niet_meer_geldt(coordinator_client, huis):
    aanbod = maak_aanbod(huis, gratis=False, prijs="€ 3")
    antwoord = coordinator_client.post(
        url("aanbod_wijzigen", huis, pk=aanbod.pk),
        aanbod_data(versie="1", titel="Speelnamiddag", planning="eenmalig", datum="2099-06-15"),
    )
    assert antwoord.status_code == 302
    aanbod.refresh_from_db()
    assert (aanbod.planning, aanbod.datum, aanbod.gratis, aanbod.prijs, aanbod.versie) == (
        "eenmalig",
        datetime.date(2099, 6, 15),
        True,
        "",
        2,
    )
    assert Wijziging.objects.get().actie == "gewijzigd"


@pytest.mark.parametrize(
    ("velden", "veld", "melding"),
    [
        ({"planning": "eenmalig", "datum": ""}, "datum", "Vul de datum van de eenmalige activiteit in."),
        ({"planning": "terugkerend", "ritme": ""}, "ritme", "Beschrijf wanneer de activiteit terugkomt."),
        ({"gratis": "False", "prijs": ""}, "prijs", "Vul de prijs in, of duid aan dat het aanbod gratis is."),
        ({"doelgroepen": None}, "doelgroepen", "Kies minstens één doelgroep."),
        ({"levensdomeinen": None}, "levensdomeinen", "Kies minstens één levensdomein."),
        ({"planning": None}, "planning", "Kies wanneer het aanbod plaatsvindt."),
        (
            {"inschrijvingslink": "javascript:alert(1)"},
            "inschrijvingslink",
            "Vul een geldig webadres in, bv. https://www.voorbeeld.be.",
        ),
    ],
)
def test_foute_invoer_voor_aanbod_houdt_de_invoer_en_bewaart_niets(
    coordinator_client, huis, velden, veld, melding
):
    antwoord = coordinator_client.post(url("aanbod_nieuw", huis), aanbod_data(titel="Mijn titel", **velden))

    assert antwoord.status_code == 200
    assert fout_bij(antwoord, f"id_{veld}") == melding
    assert 'value="Mijn titel"' in tekst(antwoord)
    assert not Aanbod.objects.exists() and not Wijziging.objects.exists()


def test_een_locatie_of_partner_van_een_ander_huis_kan_niet(coordinator_client, huis, ander_huis):
    vreemd = partner(ander_huis, "Partner Ander")
    antwoord = coordinator_client.post(
        url("aanbod_nieuw", huis), aanbod_data(organiserende_partner=str(vreemd.pk))
    )
    assert fout_bij(antwoord, "id_organiserende_partner") == "Kies een partner van dit Huis."
    assert "Partner Ander" not in tekst(antwoord)
    assert not Aanbod.objects.exists()


def test_aanbod_met_een_verouderde_versie_geeft_een_conflict(coordinator_client, huis, coordinator):
    aanbod = maak_aanbod(huis, titel="Nu bewaard", versie=2)
    antwoord = coordinator_client.post(
        url("aanbod_wijzigen", huis, pk=aanbod.pk), aanbod_data(versie="1", titel="Mijn invoer")
    )

    html = tekst(antwoord)
    assert re.search(r'role="alert">\s*<p>Iemand anders heeft dit onderdeel intussen gewijzigd', html)
    assert 'value="Mijn invoer"' in html and "Nu bewaard" in html
    assert 'name="versie" value="2"' in html
    aanbod.refresh_from_db()
    assert aanbod.titel == "Nu bewaard" and not Wijziging.objects.exists()


def test_aanbod_dat_intussen_verwijderd_is_kan_opnieuw_toegevoegd_worden(coordinator_client, huis):
    aanbod = maak_aanbod(huis)
    pk = aanbod.pk
    aanbod.delete()
    antwoord = coordinator_client.post(url("aanbod_wijzigen", huis, pk=pk), aanbod_data(versie="1"))
    html = tekst(antwoord)
    assert "Iemand anders heeft dit aanbod intussen verwijderd." in html
    assert f'action="{url("aanbod_nieuw", huis)}"' in html
    assert coordinator_client.get(url("aanbod_wijzigen", huis, pk=pk)).status_code == 404


def test_aanbod_verwijderen_en_een_verouderde_bevestiging(coordinator_client, huis):
    aanbod = maak_aanbod(huis, versie=2)
    bevestig = coordinator_client.get(url("aanbod_verwijderen", huis, pk=aanbod.pk))
    assert "Aanbod ‘Speelnamiddag’ verwijderen?" in tekst(bevestig)

    verouderd = coordinator_client.post(url("aanbod_verwijderen", huis, pk=aanbod.pk), {"versie": "1"})
    assert verouderd.status_code == 409 and Aanbod.objects.exists()

    antwoord = coordinator_client.post(
        url("aanbod_verwijderen", huis, pk=aanbod.pk), {"versie": "2"}, follow=True
    )
    assert "Aanbod ‘Speelnamiddag’ is verwijderd." in tekst(antwoord)
    assert not Aanbod.objects.exists()
    assert Wijziging.objects.get().actie == "verwijderd"
    nogmaals = coordinator_client.post(
        url("aanbod_verwijderen", huis, pk=aanbod.pk), {"versie": "2"}, follow=True
    )
    assert "Dit aanbod was al verwijderd." in tekst(nogmaals)


def test_aanbod_van_een_ander_huis_is_niet_bereikbaar(coordinator_client, huis, ander_huis):
    vreemd = maak_aanbod(ander_huis, titel="Vreemd aanbod")
    assert coordinator_client.get(url("aanbod_wijzigen", huis, pk=vreemd.pk)).status_code == 404
    coordinator_client.post(url("aanbod_verwijderen", huis, pk=vreemd.pk), {"versie": "1"})
    assert Aanbod.objects.filter(pk=vreemd.pk).exists()
    assert "Vreemd aanbod" not in tekst(coordinator_client.get(url("aanbod", huis)))


def test_een_lege_of_vreemde_post_geeft_nooit_een_serverfout(coordinator_client, huis):
    aanbod = maak_aanbod(huis)
    vreemd = {
        "versie": "abc",
        "gratis": "misschien",
        "datum": "gisteren",
        "doelgroepen": ["x"],
        "domein-onderwijs-status": "zeker",
        "domein-onderwijs-versie": "-1",
        "domein-onderwijs-partners": ["999999"],
        "domein_onderwijs": "9",
    }
    for adres in (
        url("domeinen_wijzigen", huis),
        url("aanbod_nieuw", huis),
        url("aanbod_wijzigen", huis, pk=aanbod.pk),
        url("aanbod_verwijderen", huis, pk=aanbod.pk),
        url("zelfevaluatie_nieuw", huis),
    ):
        for data in ({}, vreemd):
            assert coordinator_client.post(adres, data).status_code in (200, 302, 400), adres
    assert Aanbod.objects.get().versie == 1
    assert not DomeinEngagement.objects.exists() and not Zelfevaluatie.objects.exists()
    assert not Wijziging.objects.exists()


# --- Self-assessment --------------------------------------------------------------------------


def scores_data(score=3, **velden) -> dict:
    data = {
        "datum": "2026-03-01",
        "blinde_vlekken": "Gezinnen met een migratieachtergrond.",
        "prioriteiten": "",
    }
    data.update({f"domein_{d.code}": str(score) for d in Levensdomein.objects.all()})
    data.update({f"principe_{p.code}": str(score) for p in Werkingsprincipe.objects.all()})
    data.update(velden)
    return {k: v for k, v in data.items() if v is not None}


def evalueer(huis, gebruiker, score, datum=datetime.date(2026, 1, 1)) -> Zelfevaluatie:
    return bewaar_zelfevaluatie(
        gebruiker=gebruiker,
        huis=huis,
        datum=datum,
        domeinscores=dict.fromkeys(Levensdomein.objects.all(), score),
        principescores=dict.fromkeys(Werkingsprincipe.objects.all(), score),
    )


def test_een_zelfevaluatie_bewaren_toont_ze_en_houdt_de_vorige(coordinator_client, huis, coordinator):
    vorige = evalueer(huis, coordinator, 2, datetime.date(2025, 3, 1))

    antwoord = coordinator_client.post(
        url("zelfevaluatie_nieuw", huis), scores_data(4, domein_jeugdhulp="1", principe_participatie="5")
    )

    nieuw = Zelfevaluatie.objects.exclude(pk=vorige.pk).get()
    assert antwoord.status_code == 302 and antwoord["Location"] == url("zelfevaluatie", huis, pk=nieuw.pk)
    assert (nieuw.huis, nieuw.datum, nieuw.opgesteld_door) == (huis, datetime.date(2026, 3, 1), coordinator)
    assert nieuw.scores.count() == 16 and vorige.scores.count() == 16
    assert nieuw.scores.get(levensdomein__code="jeugdhulp").score == 1
    assert nieuw.scores.get(werkingsprincipe__code="participatie").score == 5
    historiek = Wijziging.objects.get(onderdeel="Zelfevaluatie", omschrijving="Zelfevaluatie 01-03-2026")
    assert {"veld": "Jeugdhulp", "oud": "–", "nieuw": "1"} in historiek.velden

    html = tekst(coordinator_client.get(antwoord["Location"]))
    assert "Zelfevaluatie van 1 maart 2026 bewaard." in html
    assert re.search(r'<th scope="row">Jeugdhulp</th><td class="getal">1</td>', html)
    assert "Gezinnen met een migratieachtergrond." in html

    lijst = tekst(coordinator_client.get(url("zelfevaluaties", huis)))
    assert lijst.index("1 maart 2026") < lijst.index("1 maart 2025")  # newest first, the old one kept


def test_een_ontbrekende_score_houdt_de_invoer_en_bewaart_niets(coordinator_client, huis):
    antwoord = coordinator_client.post(
        url("zelfevaluatie_nieuw", huis), scores_data(4, domein_onderwijs=None, principe_participatie="2")
    )

    html = tekst(antwoord)
    assert antwoord.status_code == 200
    assert fout_bij(antwoord, "id_domein_onderwijs") == "Kies een score van 1 tot 5 voor Onderwijs."
    assert re.search(r'name="principe_participatie" value="2"[^>]*checked', html)
    assert re.search(r'name="domein_jeugdhulp" value="4"[^>]*checked', html)
    assert "Gezinnen met een migratieachtergrond." in html
    assert not Zelfevaluatie.objects.exists() and not Score.objects.exists()
    assert not Wijziging.objects.exists()


@pytest.mark.parametrize(
    ("velden", "veld", "melding"),
    [
        ({"domein_onderwijs": "6"}, "id_domein_onderwijs", "Kies een score van 1 tot 5 voor Onderwijs."),
        (
            {"datum": "2999-01-01"},
            "id_datum",
            "De datum van een zelfevaluatie kan niet in de toekomst liggen.",
        ),
    ],
)
def test_een_score_buiten_de_schaal_of_een_datum_in_de_toekomst(
    coordinator_client, huis, velden, veld, melding
):
    antwoord = coordinator_client.post(url("zelfevaluatie_nieuw", huis), scores_data(3, **velden))
    assert fout_bij(antwoord, veld) == melding
    assert not Zelfevaluatie.objects.exists()


def test_de_radioknoppen_hebben_een_legende_per_rij(coordinator_client, huis):
    html = tekst(coordinator_client.get(url("zelfevaluatie_nieuw", huis)))
    for naam in ("Onderwijs", "Jeugdhulp", "Participatie", "Bestuur en organisatie"):
        assert f'<legend>{naam} <span class="verplicht">(verplicht)</span></legend>' in html
    assert html.count('type="radio"') == 16 * 5
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in html


@pytest.fixture
def platteland():
    return VrindCluster.objects.get(nummer=6)


def test_de_vergelijking_toont_dit_huis_vlaanderen_en_de_cluster_met_dezelfde_cijfers_in_een_tabel(
    coordinator_client, huis, coordinator, platteland
):
    huis.gemeenten.all().update(cluster=platteland)
    buur = HuisFactory(gemeenten=[GemeenteFactory(cluster=platteland)])
    elders = HuisFactory(gemeenten=[GemeenteFactory(cluster=VrindCluster.objects.get(nummer=1))])
    evalueer(huis, coordinator, 2, datetime.date(2025, 1, 1))
    evalueer(huis, coordinator, 4, datetime.date(2026, 1, 1))
    evalueer(buur, coordinator, 2)
    evalueer(elders, coordinator, 5)

    html = tekst(coordinator_client.get(url("vergelijking", huis)))

    assert html.count('role="img"') == 2  # a chart for the domains and one for the principles
    for reeks in ("Dit Huis", "Vlaanderen", "Cluster Platteland"):
        assert f">{reeks}</text>" in html  # the legend of the chart
        assert f'<th scope="col" class="getal">{reeks}</th>' in html
    # Dit Huis 4, Flanders (4 + 2 + 5) / 3, the cluster (4 + 2) / 2
    assert re.search(
        r'<th scope="row">Onderwijs</th><td class="getal">4,0</td><td class="getal">3,7</td>'
        r'<td class="getal">3,0</td>',
        html,
    )
    assert re.search(r'<th scope="row">Participatie</th><td class="getal">4,0</td>', html)
    assert "<title>Onderwijs: 3,7</title>" in html  # the chart shows the table's (rounded) figure
    assert '<text class="grafiek__schaal" x="302" y="' in html  # the scale at whole scores: 1 of 5
    assert (
        "Vlaanderen: gemiddelde over 3 Huizen." in html
        and "Cluster Platteland: gemiddelde over 2 Huizen." in html
    )
    # progress: the two assessments of this Huis and the difference
    assert re.search(
        r'<th scope="row">Onderwijs</th><td class="getal">2</td><td class="getal">4</td>'
        r'<td class="getal">\+2</td>',
        html,
    )


def test_de_vergelijking_zonder_cluster_of_zonder_zelfevaluatie(coordinator_client, huis, coordinator):
    leeg = tekst(coordinator_client.get(url("vergelijking", huis)))
    assert "Er is nog geen zelfevaluatie om te vergelijken." in leeg

    evalueer(huis, coordinator, 3)
    html = tekst(coordinator_client.get(url("vergelijking", huis)))
    assert "Cluster " not in html.split("<h1>")[1].split("Verloop")[0].replace("VRIND-cluster", "")
    assert "geen clustergemiddelde" in html
    assert re.search(
        r'<th scope="row">Onderwijs</th><td class="getal">3,0</td><td class="getal">3,0</td></tr>', html
    )


def test_de_vergelijking_doet_evenveel_queries_bij_meer_zelfevaluaties(
    coordinator_client, huis, coordinator, django_assert_max_num_queries
):
    evalueer(huis, coordinator, 3)
    with django_assert_max_num_queries(40) as weinig:
        coordinator_client.get(url("vergelijking", huis))
    for jaar in range(2015, 2025):
        evalueer(huis, coordinator, 2, datetime.date(jaar, 5, 1))
        evalueer(HuisFactory(), coordinator, 4)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        coordinator_client.get(url("vergelijking", huis))


# --- Who may do what --------------------------------------------------------------------------


def _bewerk_urls(huis, aanbod):
    return [
        url("domeinen_wijzigen", huis),
        url("aanbod_nieuw", huis),
        url("aanbod_wijzigen", huis, pk=aanbod.pk),
        url("aanbod_verwijderen", huis, pk=aanbod.pk),
        url("zelfevaluatie_nieuw", huis),
    ]


@pytest.mark.parametrize(("wie", "status"), [("loket_medewerker", 404), ("opgroeien_medewerker", 403)])
def test_loket_en_opgroeien_bekijken_maar_wijzigen_niet(client, request, huis, coordinator, wie, status):
    client.force_login(request.getfixturevalue(wie))
    aanbod = maak_aanbod(huis, titel="Speelnamiddag Eigen")
    DomeinEngagementFactory(huis=huis, levensdomein="onderwijs")
    evaluatie = evalueer(huis, coordinator, 3)

    for naam, kwargs, te_zien in (
        ("domeinen", {}, "Alleen de coördinatoren van het Huis kunnen ze wijzigen."),
        ("aanbod", {}, "Speelnamiddag Eigen"),
        ("zelfevaluaties", {}, "Alleen de coördinatoren van het Huis kunnen een zelfevaluatie invullen."),
        ("zelfevaluatie", {"pk": evaluatie.pk}, "Zelfevaluatie van 1 januari 2026"),
        ("vergelijking", {}, "Dit Huis"),
    ):
        antwoord = client.get(url(naam, huis, **kwargs))
        assert antwoord.status_code == 200 and te_zien in tekst(antwoord), naam
        for bewerk in _bewerk_urls(huis, aanbod):
            assert bewerk not in tekst(antwoord)
    for adres in _bewerk_urls(huis, aanbod):
        assert client.get(adres).status_code == status, adres
        data = {
            **aanbod_data(versie="1"),
            **scores_data(),
            **domeindata(huis, {"jeugdhulp": {"status": "actief"}}),
        }
        assert client.post(adres, data).status_code == status, adres
    assert Aanbod.objects.get().versie == 1 and DomeinEngagement.objects.count() == 1
    assert (
        Zelfevaluatie.objects.count() == 1
        and not Wijziging.objects.exclude(onderdeel="Zelfevaluatie").exists()
    )


def test_opgroeien_die_ook_coordinator_is_mag_wel_wijzigen(client, huis, opgroeien_medewerker):
    LidmaatschapFactory(huis=huis, gebruiker=opgroeien_medewerker, rol="coordinator")
    client.force_login(opgroeien_medewerker)
    assert client.get(url("domeinen_wijzigen", huis)).status_code == 200


def test_een_lid_van_een_ander_huis_of_anoniem_ziet_niets(client, huis, lid_ander_huis, coordinator):
    aanbod = maak_aanbod(huis)
    evaluatie = evalueer(huis, coordinator, 3)
    adressen = [
        url("domeinen", huis),
        url("aanbod", huis),
        url("zelfevaluaties", huis),
        url("vergelijking", huis),
        url("zelfevaluatie", huis, pk=evaluatie.pk),
        *_bewerk_urls(huis, aanbod),
    ]
    for adres in adressen:
        antwoord = client.get(adres)
        assert antwoord.status_code == 302 and "/account/login/" in antwoord["Location"], adres
    client.force_login(lid_ander_huis)
    for adres in adressen:
        assert client.get(adres).status_code == 404, adres
