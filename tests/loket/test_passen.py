"""An offer by hand fits the request by the same rules as the allocation rounds (`loket.selectors.passen`):
kind of care, age at the start, start window, full or half days, days of the week. A place that
does not fit is only offered with "toch aanbieden" and a reason, which lands in the history."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from loket import services
from loket.models import Aanbod, Flexibiliteit, Gebeurtenis
from loket.selectors import passen
from loket.services import rondes
from tests.factories import OpvanglocatieFactory, OpvangvraagFactory, VrijePlaatsFactory

pytestmark = pytest.mark.django_db

# A wished start in the middle of a month some months ahead: a window that is easy to reason about.
WENS = (timezone.localdate() + datetime.timedelta(days=120)).replace(day=15)
MAAND = WENS.replace(day=1)


@pytest.fixture
def locatie(huis):
    return OpvanglocatieFactory(huis=huis, naam="De Vlinder")


@pytest.fixture
def vraag(huis, locatie):
    """A baby (two months old at the wished start), full days Monday to Friday, group care."""
    return OpvangvraagFactory(
        huis=huis,
        gewenste_start=WENS,
        flexibiliteit=Flexibiliteit.GEEN,
        voorkeuren=[locatie],
        kinderen=[{"voornaam": "Lien", "geboortedatum": WENS - datetime.timedelta(days=60)}],
    )


def plaats_met(locatie, **velden):
    return VrijePlaatsFactory(locatie=locatie, **{"vanaf": WENS, **velden})


# One place per rule, breaking only that rule.
BREUKEN = {
    passen.Regel.DAGDEEL: {"dagdeel": "halve_dag"},
    passen.Regel.DAGEN: {"dagen": [0, 1, 3, 4]},
    passen.Regel.START: {"vanaf": WENS - datetime.timedelta(days=90)},
    passen.Regel.LEEFTIJD: {"leeftijdsgroep": "peuter"},
}


def test_de_rondes_en_het_aanbod_gebruiken_dezelfde_regels():
    assert rondes.past is passen.past


@pytest.mark.parametrize("regel", list(BREUKEN))
def test_een_plaats_die_een_regel_breekt_wordt_geweigerd_met_die_regel(
    vraag, locatie, loket_medewerker, regel
):
    plaats = plaats_met(locatie, **BREUKEN[regel])

    assert [afwijking.regel for afwijking in passen.afwijkingen(vraag, plaats)] == [regel]
    # the round of the wished start month does not hand it out either
    assert not passen.past(vraag, plaats, MAAND)
    with pytest.raises(ValidationError) as fout:
        services.doe_aanbod(vraag=vraag, plaats=plaats, door=loket_medewerker)
    assert f"past niet bij de aanvraag ({regel.naam})" in fout.value.messages[0]
    assert not Aanbod.objects.exists()


def test_een_locatie_met_een_andere_soort_opvang_past_niet(huis, vraag, loket_medewerker):
    buitenschools = OpvanglocatieFactory(huis=huis, naam="IBO De Speelplaats", soort="buitenschools")
    vraag.voorkeuren.create(locatie=buitenschools, rang=2)
    plaats = plaats_met(buitenschools)

    afwijkingen = passen.afwijkingen(vraag, plaats)
    assert [afwijking.regel for afwijking in afwijkingen] == [passen.Regel.SOORT]
    assert afwijkingen[0].tekst == (
        "De locatie biedt buitenschoolse opvang; het gezin zoekt groepsopvang voor baby's en peuters."
    )
    with pytest.raises(ValidationError, match=r"\(soort opvang\)"):
        services.doe_aanbod(vraag=vraag, plaats=plaats, door=loket_medewerker)


def test_het_startvenster_volgt_de_maand_en_de_flexibiliteit(vraag, locatie):
    vroeg_in_de_maand = plaats_met(locatie, vanaf=MAAND + datetime.timedelta(days=2))
    volgende_maand = plaats_met(locatie, vanaf=WENS + datetime.timedelta(days=25))

    assert passen.past(vraag, vroeg_in_de_maand)  # the wished start's month: starts on the wished day
    assert not passen.past(vraag, volgende_maand)
    vraag.flexibiliteit = Flexibiliteit.EEN_MAAND
    assert passen.past(vraag, volgende_maand)
    assert passen.past(vraag, volgende_maand, MAAND)  # the round agrees


def test_toch_aanbieden_met_een_reden_gaat_door_en_de_reden_staat_in_de_historiek(
    vraag, locatie, loket_medewerker
):
    plaats = plaats_met(locatie, dagdeel="halve_dag")

    aanbod = services.doe_aanbod(
        vraag=vraag,
        plaats=plaats,
        door=loket_medewerker,
        toch_reden="Het gezin vroeg telefonisch halve dagen.",
    )

    assert aanbod.plaats == plaats
    audit = Gebeurtenis.objects.get(opvangvraag=vraag, intern=True)
    assert audit.door == loket_medewerker and audit.soort == Gebeurtenis.Soort.AANBOD
    assert "hoewel de plaats niet past (volle of halve dagen)" in audit.reden
    assert "Reden: Het gezin vroeg telefonisch halve dagen." in audit.reden
    assert audit.vrije_tekst  # typed by a person: erasure removes it


def test_een_passende_plaats_komt_niet_in_de_interne_historiek(vraag, locatie, loket_medewerker):
    services.doe_aanbod(vraag=vraag, plaats=plaats_met(locatie), door=loket_medewerker, toch_reden="onnodig")
    assert not Gebeurtenis.objects.filter(opvangvraag=vraag, intern=True).exists()


# --- the request page -----------------------------------------------------------------------------


def detail(huis, vraag) -> str:
    return reverse("loket:vraag_detail", kwargs={"huis_slug": huis.slug, "vraag_pk": vraag.pk})


def aanbieden(huis, vraag) -> str:
    return reverse("loket:aanbod_doen", kwargs={"huis_slug": huis.slug, "vraag_pk": vraag.pk})


def test_de_pagina_zegt_per_plaats_waarom_ze_wel_of_niet_past(loket_client, huis, vraag, locatie):
    plaats_met(locatie)
    plaats_met(locatie, dagdeel="halve_dag", dagen=[0, 1])

    tekst = loket_client.get(detail(huis, vraag)).content.decode()

    assert "Past: groepsopvang voor baby&#x27;s en peuters, leeftijdsgroep bij de start" in tekst
    assert "Past niet bij de aanvraag</strong> (volle of halve dagen, dagen van de week)" in tekst
    assert "De plaats is voor halve dagen; het gezin vraagt volle dagen." in tekst
    assert "De plaats is er niet op woensdag tot vrijdag, dagen die het gezin vraagt." in tekst
    assert tekst.count("Toch aanbieden, hoewel de plaats niet past") == 1


def test_aanbieden_via_de_pagina_eist_toch_aanbieden_en_een_reden(
    loket_client, huis, vraag, locatie, loket_medewerker
):
    plaats = plaats_met(locatie, leeftijdsgroep="peuter")
    gegevens = {"plaats": plaats.pk, "deadline": f"{services.standaard_deadline():%d-%m-%Y}"}

    zonder = loket_client.post(aanbieden(huis, vraag), gegevens)
    assert zonder.status_code == 200
    assert "Het aanbod is niet gedaan: Deze plaats past niet bij de aanvraag (leeftijd bij de start)" in (
        zonder.content.decode()
    )
    zonder_reden = loket_client.post(aanbieden(huis, vraag), {**gegevens, "toch_aanbieden": "on"})
    assert "Geef een reden waarom u deze plaats toch aanbiedt." in zonder_reden.content.decode()
    assert not Aanbod.objects.exists()

    met_reden = loket_client.post(
        aanbieden(huis, vraag), {**gegevens, "toch_aanbieden": "on", "toch_reden": "Lien start later."}
    )
    assert met_reden.status_code == 302
    assert Aanbod.objects.filter(opvangvraag=vraag, plaats=plaats).exists()
    historiek = loket_client.get(detail(huis, vraag)).content.decode()
    assert "Reden: Lien start later." in historiek


def test_na_het_aanbieden_staat_de_melding_waar_de_pagina_opent(loket_client, huis, vraag, locatie):
    plaats = plaats_met(locatie)
    antwoord = loket_client.post(
        aanbieden(huis, vraag),
        {"plaats": plaats.pk, "deadline": f"{services.standaard_deadline():%d-%m-%Y}"},
    )
    assert antwoord.status_code == 302
    assert antwoord["Location"] == f"{detail(huis, vraag)}#inhoud"
    tekst = loket_client.get(antwoord["Location"]).content.decode()
    hoofd = tekst[tekst.index('<main id="inhoud"') :]
    assert hoofd.index("De plaats bij De Vlinder is aangeboden") < hoofd.index("<h1>")


def test_de_pagina_zegt_ook_zonder_vrije_plaats_dat_de_soort_opvang_niet_past(loket_client, huis, vraag):
    buitenschools = OpvanglocatieFactory(huis=huis, naam="IBO De Speelplaats", soort="buitenschools")
    vraag.voorkeuren.create(locatie=buitenschools, rang=2)
    tekst = loket_client.get(detail(huis, vraag)).content.decode()
    assert (
        "Deze locatie biedt buitenschoolse opvang; het gezin zoekt groepsopvang voor baby&#x27;s en peuters."
        in tekst
    )
    assert tekst.count("Deze locatie biedt") == 1  # not for De Vlinder, which offers group care
