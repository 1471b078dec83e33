"""The age group a request counts in (the figures' table "leeftijdsgroep") follows what the family
or the loket changes: the child's birth date, the wished start, a child added. A request stores it
(`Opvangvraag.leeftijdsgroep`); the services that write a request or its children keep it. So
does the first choice a request counts for in the table "voorkeuren" (`Opvangvraag.eerste_keuze`)."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from huizen.models import Gemeente
from kern.cijfers import Periode
from loket import services
from loket.models import Opvangvraag
from loket.selectors import cijfers as loketcijfers
from tests.factories import HuisFactory, OpvanglocatieFactory, OpvangvraagFactory, UserFactory

pytestmark = pytest.mark.django_db

BABY = "Baby (jonger dan 18 maanden)"
PEUTER = "Peuter (18 maanden tot 3 jaar)"
SCHOOLKIND = "Kleuter of schoolkind (vanaf 3 jaar)"
MEERDERE = "Broers of zussen in verschillende leeftijdsgroepen"


@pytest.fixture
def huis(referentiedata):
    gent = Gemeente.objects.get(naam="Gent", opvolger=None)
    return HuisFactory(naam="Huis van het Kind Gent", slug="gent", gemeenten=[gent])


@pytest.fixture
def locatie(huis):
    return OpvanglocatieFactory(huis=huis, naam="Kinderdagverblijf De Eerste")


def start() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=90)


def velden(huis, **anders) -> dict:
    return {
        "email": "sam@ouders.test",
        "postcode": "9000",
        "gemeente": huis.gemeenten.get(),
        "gewenste_start": start(),
        "dagen": [0, 1, 3],
        "dagdeel": "volle_dag",
        "uren_per_week": 30,
        "soort_opvang": "groepsopvang",
        **anders,
    }


def kind(naam: str, maanden_oud_bij_start: int) -> dict:
    return {"voornaam": naam, "geboortedatum": start() - datetime.timedelta(days=31 * maanden_oud_bij_start)}


def per_leeftijdsgroep(huis) -> dict[str, int]:
    """The totals of the loket's table per age group, over the last twelve months."""
    tabel = loketcijfers.cijfers_loket(huis, Periode.laatste_12_maanden()).tabellen["leeftijdsgroep"]
    return {regel.label: regel.waarden[-1].getal for regel in tabel.regels if regel.waarden[-1].getal}


def wijzig(vraag, huis, locatie, kinderen, door=None, **anders):
    return services.wijzig_opvangvraag(
        vraag=vraag,
        velden=velden(huis, **anders),
        kinderen=kinderen,
        ouders=[{"naam": "Sam Peeters"}],
        voorkeuren=[locatie],
        door=door,
    )


def test_de_leeftijdsgroep_volgt_geboortedatum_en_gewenste_start(
    huis, locatie, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        vraag, _ = services.registreer_opvangvraag(
            huis=huis,
            velden=velden(huis),
            kinderen=[kind("Lotte", 2)],
            ouders=[{"naam": "Sam Peeters"}],
            voorkeuren=[locatie],
        )
        services.bevestig_adres(vraag=vraag)
    assert per_leeftijdsgroep(huis) == {BABY: 1, "Totaal": 1}

    # The family corrects the birth date: Lotte is two years old at the start.
    with django_capture_on_commit_callbacks(execute=True):
        wijzig(vraag, huis, locatie, [kind("Lotte", 24)])
    assert per_leeftijdsgroep(huis) == {PEUTER: 1, "Totaal": 1}

    # The loket moves the wished start on by a year and a half: she is a pre-schooler by then.
    with django_capture_on_commit_callbacks(execute=True):
        wijzig(
            vraag,
            huis,
            locatie,
            [kind("Lotte", 24)],
            door=UserFactory(),
            gewenste_start=start() + datetime.timedelta(days=550),
        )
    assert per_leeftijdsgroep(huis) == {SCHOOLKIND: 1, "Totaal": 1}

    # A baby brother joins the request: children in different groups.
    with django_capture_on_commit_callbacks(execute=True):
        wijzig(vraag, huis, locatie, [kind("Lotte", 24), kind("Mo", 1)])
    assert per_leeftijdsgroep(huis) == {MEERDERE: 1, "Totaal": 1}
    assert Opvangvraag.objects.get().leeftijdsgroep == "meerdere"


def test_een_registratie_aan_de_balie_telt_meteen_in_haar_leeftijdsgroep(
    huis, locatie, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.registreer_opvangvraag(
            huis=huis,
            velden=velden(huis, email=""),
            kinderen=[kind("Noor", 20), kind("Jules", 30)],
            ouders=[{"naam": "Sam Peeters"}],
            voorkeuren=[locatie],
            door=UserFactory(),
        )
    assert per_leeftijdsgroep(huis) == {PEUTER: 1, "Totaal": 1}


def test_na_het_kopieren_van_aanvragen_wordt_de_leeftijdsgroep_opnieuw_bepaald(huis):
    """Rows written around the services (bulk copies) get their age group from their children."""
    vraag = OpvangvraagFactory(huis=huis, kinderen=[kind("Lotte", 2)])
    assert vraag.leeftijdsgroep == "baby"
    vraag.kinderen.update(geboortedatum=start() - datetime.timedelta(days=31 * 40))

    assert Opvangvraag.objects.all().werk_leeftijdsgroep_bij() == 1
    assert Opvangvraag.objects.get().leeftijdsgroep == "schoolkind"


def test_de_migratie_vult_de_leeftijdsgroep_van_bestaande_aanvragen(huis):
    """The requests registered before the age group was stored get it from their children."""
    vullen = importlib.import_module("loket.migrations.0006_opvangvraag_leeftijdsgroep").vul_leeftijdsgroep
    baby = OpvangvraagFactory(huis=huis, kinderen=[kind("Lotte", 2)])
    peuter = OpvangvraagFactory(huis=huis, kinderen=[kind("Jules", 20), kind("Noor", 30)])
    broer_zus = OpvangvraagFactory(huis=huis, kinderen=[kind("Mo", 1), kind("Lina", 40)])
    Opvangvraag.objects.update(leeftijdsgroep="")

    vullen(apps, None)

    assert dict(Opvangvraag.objects.values_list("pk", "leeftijdsgroep")) == {
        baby.pk: "baby",
        peuter.pk: "peuter",
        broer_zus.pk: "meerdere",
    }


def eerste_keuzes(huis) -> dict[str, int]:
    """The first choices per location in the loket's table of choices (last twelve months)."""
    tabel = loketcijfers.cijfers_loket(huis, Periode.laatste_12_maanden()).tabellen["voorkeuren"]
    return {r.label: r.waarden[0].getal for r in tabel.regels if r.label != "Totaal" and r.waarden[0].getal}


def test_de_eerste_keuze_volgt_de_volgorde_van_het_gezin(huis, locatie, django_capture_on_commit_callbacks):
    tweede = OpvanglocatieFactory(huis=huis, naam="Kinderdagverblijf De Tweede")
    with django_capture_on_commit_callbacks(execute=True):
        vraag, _ = services.registreer_opvangvraag(
            huis=huis,
            velden=velden(huis, email=""),
            kinderen=[kind("Lotte", 2)],
            ouders=[{"naam": "Sam Peeters"}],
            voorkeuren=[locatie, tweede],
            door=UserFactory(),
        )
    assert eerste_keuzes(huis) == {"Kinderdagverblijf De Eerste (Gent)": 1}

    with django_capture_on_commit_callbacks(execute=True):
        services.wijzig_opvangvraag(
            vraag=vraag,
            velden=velden(huis, email=""),
            kinderen=[kind("Lotte", 2)],
            ouders=[{"naam": "Sam Peeters"}],
            voorkeuren=[tweede, locatie],
        )
    assert eerste_keuzes(huis) == {"Kinderdagverblijf De Tweede (Gent)": 1}
