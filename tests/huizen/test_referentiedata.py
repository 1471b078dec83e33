import datetime

import pytest
from django.core.management import CommandError, call_command

from huizen.models import Deelgemeente, Gemeente, Omtrek, Postcode
from huizen.services import importeer_vrind_clusters, laad_referentiedata

pytestmark = pytest.mark.django_db


def aantal_geldig(datum, gewest):
    return Gemeente.objects.geldig_op(datum).filter(gewest=gewest).count()


@pytest.mark.parametrize(
    ("datum", "vlaams"),
    [(datetime.date(2016, 6, 1), 308), (datetime.date(2022, 1, 1), 300), (datetime.date(2025, 1, 1), 285)],
)
def test_het_aantal_gemeenten_volgt_de_fusies(referentiedata, datum, vlaams):
    assert aantal_geldig(datum, "Vlaams Gewest") == vlaams
    assert aantal_geldig(datum, "Brussels Hoofdstedelijk Gewest") == 19


def test_een_gefusioneerde_gemeente_leidt_naar_de_gemeente_van_vandaag(referentiedata):
    kruibeke = Gemeente.objects.get(naam="Kruibeke")
    assert kruibeke.geldig_tot == datetime.date(2024, 12, 31)
    assert kruibeke.huidige_gemeente().naam == "Beveren-Kruibeke-Zwijndrecht"
    assert Gemeente.objects.get(nis="44021").huidige_gemeente().naam == "Gent"


def test_opnieuw_laden_maakt_geen_dubbels_en_bewaart_clusters(referentiedata):
    gent = Gemeente.objects.get(nis="44021")
    importeer_vrind_clusters(inhoud="nis,cluster\n44021,3\n", bron="test.csv")
    aantallen = (Gemeente.objects.count(), Deelgemeente.objects.count(), Postcode.objects.count())

    laad_referentiedata()

    assert (Gemeente.objects.count(), Deelgemeente.objects.count(), Postcode.objects.count()) == aantallen
    gent.refresh_from_db()
    assert gent.cluster.naam == "Grootsteden"


def test_clusterimport_zet_de_cluster_en_de_bron(referentiedata):
    resultaat = importeer_vrind_clusters(inhoud="nis;cluster\n", bron="x")  # wrong separator
    assert resultaat.fouten and resultaat.bijgewerkt == 0

    resultaat = importeer_vrind_clusters(
        inhoud="\ufeffNIS,Cluster\n44021,Grootsteden\n11002,3\n", bron="v.csv"
    )

    assert resultaat.fouten == [] and resultaat.bijgewerkt == 2
    gent = Gemeente.objects.get(nis="44021")
    assert gent.cluster.nummer == 3 and gent.cluster_bron.startswith("v.csv, geïmporteerd op")


def test_clusterimport_met_een_fout_wijzigt_niets_en_meldt_elke_regel(referentiedata):
    inhoud = "nis,cluster\n44021,3\n99999,1\n11002,12\n21004,1\n44021,2\n"

    resultaat = importeer_vrind_clusters(inhoud=inhoud, bron="fout.csv")

    assert resultaat.bijgewerkt == 0
    assert resultaat.fouten == [
        "Regel 3: onbekende NIS-code '99999'.",
        "Regel 4: onbekende cluster '12' (gebruik 1 tot 9 of de naam).",
        "Regel 5: Brussel ligt niet in Vlaanderen.",
        "Regel 6: NIS-code 44021 staat er meer dan eens in.",
    ]
    assert Gemeente.objects.get(nis="44021").cluster is None


def test_het_importcommando_faalt_zichtbaar(referentiedata, tmp_path, capsys):
    bestand = tmp_path / "clusters.csv"
    bestand.write_text("nis,cluster\n44021,99\n", encoding="utf-8")

    with pytest.raises(CommandError, match="er werd niets gewijzigd"):
        call_command("importeer_vrind_clusters", str(bestand))
    assert "onbekende cluster '99'" in capsys.readouterr().err

    bestand.write_text("nis,cluster\n44021,3\n", encoding="utf-8")
    call_command("importeer_vrind_clusters", str(bestand))
    assert Gemeente.objects.get(nis="44021").cluster.nummer == 3


def test_every_current_gemeente_has_an_outline_and_a_merged_one_is_one_area(referentiedata):
    huidig = Gemeente.objects.huidig()
    assert not huidig.filter(omtrek__isnull=True).exists()
    bkz = Omtrek.objects.get(gemeente__nis="46030")  # Beveren-Kruibeke-Zwijndrecht since 2025
    delen = Omtrek.objects.filter(gemeente__nis__in=["46003", "46013", "11056"])
    assert bkz.pad.count("M") == 1  # the three old shapes are one area, without inner borders
    assert (bkz.x_min, bkz.y_min, bkz.x_max, bkz.y_max) == (
        min(d.x_min for d in delen),
        min(d.y_min for d in delen),
        max(d.x_max for d in delen),
        max(d.y_max for d in delen),
    )
