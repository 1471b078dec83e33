"""The demo data reproduces the 2022 survey report (seed 002) and can be loaded twice.

laad_demodata is slow-ish (a few hundred rows), so the facts are checked after one load and the
idempotency test loads twice; three loads in this file in all.
"""

import datetime
import statistics
from collections import Counter, defaultdict
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.text import slugify

from huizen.demodata import CLUSTER_BRON, DEMO_LOGINS, DEMO_WACHTWOORD, laad_demodata
from huizen.models import Gemeente, Gewest, Huis, Lidmaatschap, Subsidie, Werkingsgebied
from huizen.selectors import gemeente_op_nis, huizen_in_gemeente, zoek_gemeenten
from hvhk.models import User
from hvhk.tenancy import Rol

PEILDATUM = datetime.date(2022, 6, 30)
GEMEENTEN_2022 = datetime.date(2022, 1, 1)
LAATSTE_DAG_VOOR_FUSIES = datetime.date(2024, 12, 31)
FUSIEDATUM = datetime.date(2025, 1, 1)
HUIZEN_PER_CLUSTER = {1: 11, 2: 16, 3: 3, 4: 21, 5: 72, 6: 58, 7: 15, 8: 11, 9: 19}
GEMEENTEN_PER_CLUSTER_IN_RAPPORT = {1: 11, 2: 19, 3: 3, 4: 24, 5: 94, 6: 96, 7: 20, 8: 13, 9: 21}


def _gemeenten_per_huis(datum: datetime.date) -> dict[str, list[Gemeente]]:
    per_huis = defaultdict(list)
    for rij in Werkingsgebied.objects.geldig_op(datum).select_related("huis", "gemeente"):
        per_huis[rij.huis.slug].append(rij.gemeente)
    return per_huis


def _enige_huis(gemeente: Gemeente, datum: datetime.date | None = None) -> Huis:
    huizen = list(huizen_in_gemeente(gemeente, datum))
    assert len(huizen) == 1, f"{gemeente} heeft {len(huizen)} Huizen"
    return huizen[0]


def test_demodata_volgt_de_bevraging_van_2022(referentiedata):
    resultaat = laad_demodata(wachtwoord=DEMO_WACHTWOORD)
    vandaag = timezone.localdate()
    in_2022 = _gemeenten_per_huis(PEILDATUM)
    nu = _gemeenten_per_huis(vandaag)

    # 227 Huizen, 29 intermunicipal in 2022, among them Brussel for the 19 Brussels gemeenten.
    assert Huis.objects.count() == resultaat.huizen == 227
    assert len(in_2022) == 227
    intergemeentelijk = {slug for slug, gemeenten in in_2022.items() if len(gemeenten) > 1}
    assert len(intergemeentelijk) == resultaat.intergemeentelijk == 29
    assert sum(Huis.objects.get(slug=s).is_intergemeentelijk(PEILDATUM) for s in in_2022) == 29
    brussel = Huis.objects.get(slug="brussel")
    assert brussel.naam == "Huis van het Kind Brussel"
    assert set(brussel.gemeenten_op(PEILDATUM)) == set(
        Gemeente.objects.geldig_op(PEILDATUM).filter(gewest=Gewest.BRUSSEL)
    )
    assert brussel.gemeenten_op(PEILDATUM).count() == 19

    # 226 Flemish Huizen: 198 municipal, 28 intermunicipal covering the other 96 gemeenten.
    vlaams = {slug: g for slug, g in in_2022.items() if slug != "brussel"}
    assert all(x.gewest == Gewest.VLAANDEREN for gemeenten in vlaams.values() for x in gemeenten)
    groottes = sorted(len(gemeenten) for gemeenten in vlaams.values())
    assert groottes.count(1) == 198
    assert sum(n for n in groottes if n > 1) == 96
    assert min(n for n in groottes if n > 1) >= 2 and max(groottes) <= 8

    # 294 of the 300 Flemish gemeenten of 2022 have a Huis; 6 do not, 3 faciliteitengemeenten.
    vlaamse_gemeenten = Gemeente.objects.geldig_op(GEMEENTEN_2022).filter(gewest=Gewest.VLAANDEREN)
    assert vlaamse_gemeenten.count() == resultaat.vlaamse_gemeenten == 300
    gedekt = {g.pk for gemeenten in vlaams.values() for g in gemeenten}
    assert len(gedekt) == resultaat.vlaamse_gemeenten_met_huis == 294
    zonder = {g.naam for g in vlaamse_gemeenten if g.pk not in gedekt}
    assert len(zonder) == 6
    assert {"Linkebeek", "Drogenbos", "Herstappe"} <= zonder
    assert set(resultaat.gemeenten_zonder_huis) == zonder

    # Named Huizen, found the way a visitor finds them.
    assert zoek_gemeenten("9000") == [gemeente_op_nis("44021")]
    gent = _enige_huis(gemeente_op_nis("44021"))
    assert (gent.naam, gent.slug) == ("Huis van het Kind Gent", "gent")
    assert not gent.is_intergemeentelijk()
    assert _enige_huis(gemeente_op_nis("11002")).naam == "Huis van het Kind Antwerpen"
    kortenaken, tienen = zoek_gemeenten("3470")
    assert (kortenaken.naam, tienen.naam) == ("Kortenaken", "Tienen")
    for gemeente in (kortenaken, tienen):
        huis = _enige_huis(gemeente)
        assert huis.naam == f"Huis van het Kind {gemeente.naam}"
        assert list(huis.gemeenten_op()) == [gemeente]
    for slug, gemeenten in vlaams.items():
        if len(gemeenten) == 1:
            assert Huis.objects.get(slug=slug).naam == f"Huis van het Kind {gemeenten[0].naam}"
    for huis in Huis.objects.all():
        assert huis.slug == slugify(huis.slug)
        assert huis.email == f"info@{huis.slug}.huizenvanhetkind.test"
        assert huis.telefoon.startswith("0") and huis.telefoon.replace(" ", "").isdigit()

    # Mapped onto today's gemeenten: a merged gemeente's row ends on 2024-12-31 and its Huis
    # covers the successor from 2025-01-01, once; every gemeente has at most one Huis today.
    gefuseerd = Werkingsgebied.objects.filter(gemeente__geldig_tot=LAATSTE_DAG_VOOR_FUSIES)
    assert gefuseerd.count() == 27
    for rij in gefuseerd.select_related("gemeente__opvolger"):
        assert rij.geldig_tot == LAATSTE_DAG_VOOR_FUSIES
        opvolger = Werkingsgebied.objects.get(huis=rij.huis_id, gemeente=rij.gemeente.opvolger)
        assert opvolger.geldig_tot is None
        assert opvolger.geldig_van in (FUSIEDATUM, rij.huis.erkend_sinds)
    nazareth = Werkingsgebied.objects.get(gemeente__nis="44086")  # Nazareth-De Pinte
    assert (nazareth.geldig_van, nazareth.geldig_tot) == (FUSIEDATUM, None)
    for rij in Werkingsgebied.objects.filter(gemeente__geldig_tot__isnull=True):
        assert rij.geldig_van in (rij.huis.erkend_sinds, FUSIEDATUM)
    per_gemeente = Counter(g.pk for gemeenten in nu.values() for g in gemeenten)
    assert max(per_gemeente.values()) == 1
    assert all(g.is_geldig_op(vandaag) for gemeenten in nu.values() for g in gemeenten)
    assert len(per_gemeente) == Gemeente.objects.huidig().count() - 6
    nazareth_in_2022 = Gemeente.objects.get(nis="44048")
    assert _enige_huis(gemeente_op_nis("44086")) == _enige_huis(nazareth_in_2022, PEILDATUM)

    # Today: Antwerpen (with Borsbeek) and Hasselt (with Kortessem) cover one gemeente each.
    vandaag_intergemeentelijk = {slug for slug, gemeenten in nu.items() if len(gemeenten) > 1}
    assert intergemeentelijk - vandaag_intergemeentelijk == {"antwerpen", "hasselt"}
    assert len(vandaag_intergemeentelijk) == resultaat.intergemeentelijk_vandaag == 27
    assert sum(h.is_intergemeentelijk() for h in Huis.objects.all()) == 27

    # Demo VRIND clusters: one cluster per Huis, Huizen per cluster as in the report.
    clusters_per_huis = {slug: {g.cluster.nummer for g in gemeenten} for slug, gemeenten in vlaams.items()}
    assert all(len(clusters) == 1 for clusters in clusters_per_huis.values())
    assert Counter(c for (c,) in clusters_per_huis.values()) == HUIZEN_PER_CLUSTER
    assert {g.cluster for g in brussel.gemeenten.all()} == {None}
    per_cluster = Counter(vlaamse_gemeenten.values_list("cluster__nummer", flat=True))
    assert sum(per_cluster.values()) == 300 and None not in per_cluster
    for nummer, aantal in GEMEENTEN_PER_CLUSTER_IN_RAPPORT.items():
        assert abs(per_cluster[nummer] - aantal) <= 5, (nummer, per_cluster[nummer])
    huidig_vlaams = Gemeente.objects.huidig().filter(gewest=Gewest.VLAANDEREN)
    assert huidig_vlaams.count() == 285
    assert not huidig_vlaams.filter(cluster__isnull=True).exists()
    assert set(huidig_vlaams.filter(cluster__nummer=3).values_list("naam", flat=True)) == {
        "Antwerpen",
        "Gent",
        "Brugge",
    }
    assert {g.cluster_bron for g in huidig_vlaams} == {CLUSTER_BRON}
    assert {g.cluster_bron for g in vlaamse_gemeenten} == {CLUSTER_BRON}
    assert gemeente_op_nis("44086").cluster == gemeente_op_nis("44064").cluster

    # Huis fields.
    assert Huis.objects.filter(rechtsvorm="vzw").count() == 4
    for huis in Huis.objects.exclude(rechtsvorm="vzw"):
        assert huis.vertegenwoordiger.startswith("Lokaal bestuur ")
    jaren = Counter(Huis.objects.values_list("erkend_sinds__year", flat=True))
    assert set(jaren) <= set(range(2014, 2020)) and jaren[2019] > 0
    assert jaren[2014] + jaren[2015] > 227 / 2

    # Subsidies 2022-2026: between 1,200 and 87,500, median near 7,840, Brussel and
    # Antwerpen the largest.
    for jaar in range(2022, 2027):
        subsidies = Subsidie.objects.filter(jaar=jaar).select_related("huis")
        bedragen = [s.bedrag for s in subsidies]
        assert len(bedragen) == 227
        assert min(bedragen) >= 1200 and max(bedragen) == 87500
        assert all(b == b.to_integral_value() for b in bedragen)
        assert abs(statistics.median(bedragen) - 7840) <= 100
        grootste = sorted(subsidies, key=lambda s: s.bedrag)[-2:]
        assert {s.huis.slug for s in grootste} == {"brussel", "antwerpen"}
    assert min(s.minimum for s in resultaat.subsidies) == Decimal(1200)

    # Demo logins.
    assert [email for _, email in DEMO_LOGINS] == [email for _, email in resultaat.logins]
    gebruikers = {u.email: u for u in User.objects.filter(email__endswith="@demo.huizenvanhetkind.test")}
    assert len(gebruikers) == 4
    assert all(u.check_password(DEMO_WACHTWOORD) for u in gebruikers.values())
    coordinator = gebruikers["coordinator@demo.huizenvanhetkind.test"]
    loket = gebruikers["loket@demo.huizenvanhetkind.test"]
    opgroeien = gebruikers["opgroeien@demo.huizenvanhetkind.test"]
    beheerder = gebruikers["beheerder@demo.huizenvanhetkind.test"]
    assert (coordinator.naam, loket.naam) == ("Chris Coördinator", "Lien Loket")
    assert (opgroeien.naam, beheerder.naam) == ("Olivia Opgroeien", "Bram Beheerder")
    assert list(Lidmaatschap.objects.values_list("gebruiker__email", "huis__slug", "rol")) == [
        (coordinator.email, "gent", Rol.COORDINATOR),
        (loket.email, "gent", Rol.LOKET),
    ]
    assert opgroeien.is_opgroeien and not opgroeien.is_staff
    assert beheerder.is_staff and beheerder.is_superuser and not beheerder.is_opgroeien
    assert not (coordinator.is_opgroeien or coordinator.is_staff or loket.is_staff)


def _momentopname():
    return {
        "huizen": sorted(
            Huis.objects.values_list(
                "slug",
                "naam",
                "rechtsvorm",
                "vertegenwoordiger",
                "erkend_sinds",
                "email",
                "telefoon",
                "website",
                "gewijzigd",
            )
        ),
        "werkingsgebied": sorted(
            Werkingsgebied.objects.values_list("huis__slug", "gemeente__nis", "geldig_van", "geldig_tot")
        ),
        "subsidies": sorted(Subsidie.objects.values_list("huis__slug", "jaar", "bedrag")),
        "clusters": sorted(Gemeente.objects.values_list("nis", "cluster__nummer", "cluster_bron")),
        "gebruikers": sorted(
            User.objects.values_list("email", "naam", "password", "is_opgroeien", "is_staff", "is_superuser")
        ),
        "lidmaatschappen": sorted(Lidmaatschap.objects.values_list("gebruiker__email", "huis__slug", "rol")),
    }


def test_demodata_twee_keer_laden_verandert_niets(db):
    # Without reference data, laad_demodata loads it first.
    Gemeente.objects.update(opvolger=None)
    Gemeente.objects.all().delete()
    laad_demodata(wachtwoord=DEMO_WACHTWOORD)
    voor = _momentopname()
    assert len(voor["huizen"]) == 227 and len(voor["subsidies"]) == 227 * 5

    uitvoer = StringIO()
    call_command("laad_demodata", "--ook-zonder-debug", stdout=uitvoer)

    assert _momentopname() == voor
    tekst = uitvoer.getvalue()
    assert "227 Huizen van het Kind, waarvan 29 intergemeentelijk (vandaag 27)" in tekst
    assert "294 van de 300 Vlaamse gemeenten en 19 Brusselse gemeenten" in tekst
    assert "2022: € 1.200 / € 7.840 / € 87.500" in tekst
    assert "coordinator@demo.huizenvanhetkind.test" in tekst


def test_commando_weigert_zonder_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("laad_demodata", stdout=StringIO())
    assert not Huis.objects.exists()
