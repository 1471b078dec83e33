"""A wave reads its Huizen as they were: kept when the wave closes (or computed on its reference
date), used by every breakdown and filter of the wave, physical location in three values, and a
comparison of waves that says which gemeenten merged since."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from bevraging.models import Golf, Golfhuis, Kenmerkbron, Responsstatus
from bevraging.selectors.analyse import analysegegevens
from bevraging.services import leg_golfkenmerken_vast, sluit_golf
from huizen.models import Werkingsgebied
from kern.versies import versies
from tests.factories import GemeenteFactory, HuisFactory, LocatieFactory, ResponsFactory

pytestmark = pytest.mark.django_db

LOCATIE = "toegankelijkheid.fysieke_locatie"
PEILDATUM = datetime.date(2022, 6, 30)


@pytest.fixture
def golf2022(geleverde_golven):
    Golf.objects.filter(pk=geleverde_golven[2022].pk).update(eind=PEILDATUM)
    return Golf.objects.select_related("vragenlijst").get(jaar=2022)


def analyse_url(golf, **parameters) -> str:
    url = reverse("bevraging:analyse", kwargs={"golf_pk": golf.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in parameters.items()) if parameters else "")


def test_een_huis_dat_na_de_golf_intergemeentelijk_werd_telt_zoals_het_was(
    golf2022, opgroeien_medewerker, opgroeien_client
):
    eerste, tweede = GemeenteFactory(), GemeenteFactory()
    huis = HuisFactory(gemeenten=[eerste])
    Werkingsgebied.objects.create(huis=huis, gemeente=tweede, geldig_van=datetime.date(2024, 1, 1))
    ResponsFactory(golf=golf2022, huis=huis, status=Responsstatus.GEVALIDEERD, antwoorden={LOCATIE: "een"})
    assert huis.is_intergemeentelijk()  # today

    # Not kept yet: computed on the wave's reference date, as it was.
    gegevens = analysegegevens(opgroeien_medewerker, golf=golf2022)
    assert [(h.werking, h.gemeenten) for h in gegevens.huizen] == [("gemeentelijk", (eerste.naam,))]
    assert gegevens.peildatum == PEILDATUM and not gegevens.vastgelegd

    # Kept: a later change of the werkingsgebied leaves the wave as it was.
    assert leg_golfkenmerken_vast(golf=golf2022) == 1
    assert leg_golfkenmerken_vast(golf=golf2022) == 0  # already kept
    Werkingsgebied.objects.filter(huis=huis).update(geldig_van=None)
    gegevens = analysegegevens(opgroeien_medewerker, golf=golf2022)
    assert [(h.werking, h.gemeenten) for h in gegevens.huizen] == [("gemeentelijk", (eerste.naam,))]
    assert gegevens.vastgelegd

    # The filter of the page uses the wave's own attributes.
    assert (
        opgroeien_client.get(analyse_url(golf2022, werking="intergemeentelijk"))
        .context["analyse"]
        .aantal_huizen
        == 0
    )
    pagina = opgroeien_client.get(analyse_url(golf2022, werking="gemeentelijk"))
    assert pagina.context["analyse"].aantal_huizen == 1
    assert "De Huizen zijn ingedeeld zoals ze waren op 30 juni 2022" in pagina.content.decode()


def test_afsluiten_legt_de_huizen_vast_en_verhoogt_de_versie_van_de_golf(
    open_golf_, opgroeien_medewerker, django_capture_on_commit_callbacks
):
    huis = HuisFactory(gemeenten=[GemeenteFactory(), GemeenteFactory()])
    ResponsFactory(golf=open_golf_, huis=huis, na_indiening=True)
    voor = versies([f"golf:{open_golf_.pk}"])
    with django_capture_on_commit_callbacks(execute=True):
        sluit_golf(golf=open_golf_, door=opgroeien_medewerker)

    kept = Golfhuis.objects.get(golf=open_golf_, huis=huis)
    assert (kept.werking, kept.fysieke_locatie, kept.bron) == (
        "intergemeentelijk",
        "nee",
        Kenmerkbron.PEILDATUM,
    )
    assert kept.gemeenten.count() == 2 and kept.peildatum == datetime.date.today()
    assert versies([f"golf:{open_golf_.pk}"]) != voor  # the cached analysis of the wave is recomputed


def test_fysieke_locatie_is_drie_waarden_ja_gepland_nee(golf2022, opgroeien_client):
    antwoorden = {"een": "ja", "meerdere": "ja", "gepland": "gepland", "niet_gepland": "nee"}
    for code in antwoorden:
        ResponsFactory(
            golf=golf2022, huis=HuisFactory(), status=Responsstatus.INGEDIEND, antwoorden={LOCATIE: code}
        )
    # Without an answer: the profile (a Locatie: ja; otherwise whether it plans one).
    plant = HuisFactory(fysieke_locatie_gepland=True)
    ResponsFactory(golf=golf2022, huis=plant, status=Responsstatus.INGEDIEND)
    met_locatie = HuisFactory()
    LocatieFactory(huis=met_locatie, openingsuren=[])
    ResponsFactory(golf=golf2022, huis=met_locatie, status=Responsstatus.INGEDIEND)
    call_command("leg_golfkenmerken_vast", "--golf", "2022")

    assert sorted(Golfhuis.objects.filter(golf=golf2022).values_list("fysieke_locatie", flat=True)) == [
        "gepland",
        "gepland",
        "ja",
        "ja",
        "ja",
        "nee",
    ]
    vraag = reverse("bevraging:analyse_vraag", kwargs={"golf_pk": golf2022.pk, "vraag": LOCATIE})
    kruis = opgroeien_client.get(vraag + "?dimensie=fysiek").context["kruis"]
    assert [(r.label, len(r.verdeling.huizen)) for r in kruis.rijen] == [
        ("Met een of meer fysieke locaties", 3),
        ("Zonder fysieke locatie, gepland", 2),
        ("Zonder fysieke locatie of plan", 1),
    ]
    assert opgroeien_client.get(analyse_url(golf2022, fysiek="gepland")).context["analyse"].aantal_huizen == 2


def test_de_vergelijking_van_golven_noemt_de_gefuseerde_gemeenten(
    geleverde_golven, golf2022, opgroeien_client
):
    golf2016 = geleverde_golven[2016]
    nieuw = GemeenteFactory(naam="Nieuwegem")
    oud = GemeenteFactory(naam="Oudegem", geldig_tot=datetime.date(2018, 12, 31), opvolger=nieuw)
    huis = HuisFactory(gemeenten=[])
    Werkingsgebied.objects.create(huis=huis, gemeente=oud, geldig_tot=datetime.date(2018, 12, 31))
    Werkingsgebied.objects.create(huis=huis, gemeente=nieuw, geldig_van=datetime.date(2019, 1, 1))
    ResponsFactory(golf=golf2016, huis=huis, status=Responsstatus.INGEDIEND, antwoorden={LOCATIE: "ja"})
    ResponsFactory(golf=golf2022, huis=huis, status=Responsstatus.INGEDIEND, antwoorden={LOCATIE: "een"})
    leg_golfkenmerken_vast(golf=golf2016, peildatum=datetime.date(2016, 6, 30))
    leg_golfkenmerken_vast(golf=golf2022)

    vraag = reverse("bevraging:analyse_vraag", kwargs={"golf_pk": golf2022.pk, "vraag": LOCATIE})
    html = opgroeien_client.get(vraag).content.decode()
    assert "Elke bevraging deelt de Huizen in zoals ze toen waren" in html
    assert "horen vandaag bij de gemeente waarin ze opgingen: Oudegem (nu Nieuwegem);" in html
