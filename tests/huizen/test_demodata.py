"""The demo data reproduces the 2022 survey report (seed 002) and can be loaded twice: the Huizen,
their profiles and their life domains, offer and self-assessments.

laad_demodata is slow-ish (a few thousand rows and four password hashes), so the facts are checked
after one load and the idempotency test loads three times; four loads in this file in all.
"""

import datetime
import statistics
from collections import Counter, defaultdict
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, F
from django.utils import timezone
from django.utils.text import slugify

from bevraging.models import Antwoord
from demo.bevraging import laad_bevraging_demodata
from demo.huizen import (
    CLUSTER_BRON,
    DEMO_LOGINS,
    DEMO_PROFIELCIJFERS,
    DEMO_SAMENWERKING,
    DEMO_WACHTWOORD,
    laad_demodata,
)
from demo.levensdomeinen import DEMO_LEVENSDOMEINCIJFERS, DOMEINPARTNERS, REFERENTIEDATUM
from demo.loket import laad_loket_demodata
from huizen.models import (
    Contactpunt,
    ContactpuntSoort,
    Coordinator,
    Gemeente,
    Gewest,
    Huis,
    KindEnGezinPartner,
    Lidmaatschap,
    Locatie,
    Openingsuur,
    Overlegorgaan,
    OverlegorgaanSoort,
    Partner,
    PartnerSoort,
    Postcode,
    Subsidie,
    Werkingsgebied,
    Wijziging,
)
from huizen.selectors import gemeente_op_nis, huizen_in_gemeente, zoek_gemeenten
from kern.models import User
from kern.tenancy import Rol
from levensdomeinen.models import (
    Aanbod,
    DomeinEngagement,
    Levensdomein,
    Score,
    Werkingsprincipe,
    Zelfevaluatie,
)
from tests.factories import ContactpuntFactory, HuisAanbodFactory, ZelfevaluatieFactory

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

    _controleer_profielen(resultaat, in_2022, nu)
    _controleer_levensdomeinen(resultaat)


def _controleer_profielen(resultaat, in_2022, nu):
    """The profiles: the constants are what the database holds, and they follow the report."""
    huizen = Huis.objects.all()
    met_locatie = huizen.filter(locaties__isnull=False).distinct()
    aantal_locaties = dict(huizen.annotate(n=Count("locaties")).values_list("slug", "n"))
    zonder_contactpunt = set(huizen.filter(contactpunten__isnull=True).values_list("slug", flat=True))
    gepland = set(huizen.filter(fysieke_locatie_gepland=True).values_list("slug", flat=True))
    kern = Partner.objects.filter(kernpartner=True).values("soort").annotate(n=Count("huis", distinct=True))

    # The constant is what an overview computed from the database shows.
    assert met_locatie.count() == DEMO_PROFIELCIJFERS["met_fysieke_locatie"]
    assert sum(n > 1 for n in aantal_locaties.values()) == DEMO_PROFIELCIJFERS["met_meerdere_locaties"]
    assert len(gepland) == DEMO_PROFIELCIJFERS["plant_fysieke_locatie"]
    assert len(zonder_contactpunt) == DEMO_PROFIELCIJFERS["zonder_contactpunt"]
    per_soort = {r["soort"]: r["n"] for r in kern}
    assert per_soort == DEMO_PROFIELCIJFERS["kernpartner_per_soort"]
    assert set(per_soort) == set(PartnerSoort.values)
    scores = defaultdict(Counter)
    for kind, score in Partner.objects.exclude(kind_en_gezin_partner="").values_list(
        "kind_en_gezin_partner", "samenwerking"
    ):
        scores[kind][score] += 1
    assert {k: {s: c[s] for s in range(1, 6)} for k, c in scores.items()} == DEMO_SAMENWERKING
    assert resultaat.profiel.als_demo_profielcijfers() == DEMO_PROFIELCIJFERS
    assert resultaat.profiel.samenwerking == DEMO_SAMENWERKING

    # ... and follows the report, as closely as whole numbers of 227 Huizen allow.
    assert DEMO_PROFIELCIJFERS["met_fysieke_locatie"] == 132  # 58%
    assert DEMO_PROFIELCIJFERS["plant_fysieke_locatie"] == 33  # 14.8%
    assert sum(n == 0 for n in aantal_locaties.values()) - len(gepland) == 62  # 27.4%: none, none planned
    assert DEMO_PROFIELCIJFERS["met_meerdere_locaties"] == 12 + 31  # 39.7% of 29, 15.7% of 198
    assert DEMO_PROFIELCIJFERS["zonder_contactpunt"] == 13
    assert DEMO_PROFIELCIJFERS["kernpartner_per_soort"]["lokaal_bestuur"] == 164  # 72.8% of 225
    assert abs(met_locatie.count() / 227 - 0.58) < 0.005
    assert abs(len(gepland) / 227 - 0.148) < 0.005
    assert not gepland & set(met_locatie.values_list("slug", flat=True))
    intergemeentelijk = {slug for slug, gemeenten in in_2022.items() if len(gemeenten) > 1}
    ig_met = [aantal_locaties[s] for s in intergemeentelijk if aantal_locaties[s]]
    gem_meer = [s for s, n in aantal_locaties.items() if n > 1 and s not in intergemeentelijk]
    assert len(ig_met) == 19  # 65.5% of 29
    assert sum(n > 1 for n in ig_met) / 29 > len(gem_meer) / 198
    assert sorted(Counter(min(aantal_locaties[s], 2) for s in zonder_contactpunt).items()) == [
        (0, 6),
        (1, 5),
        (2, 2),
    ]
    assert not zonder_contactpunt & gepland
    assert len(zonder_contactpunt & intergemeentelijk) == 1
    assert not Huis.objects.filter(slug__in=zonder_contactpunt).exclude(facebook="", instagram="").exists()
    assert Huis.objects.filter(cofinanciering_lokaal_bestuur=True).count() == 200  # 27 do not
    assert not huizen.exclude(cofinanciering_lokaal_bestuur=True).exclude(cofinanciering_bedrag=None).exists()
    loket = DEMO_SAMENWERKING["lokaal_loket"]
    assert (loket[1], loket[5]) == (26, 126)  # 11.5% and 55.3% of 227
    assert DEMO_SAMENWERKING["consultatiebureau"][1] == 48  # 26.4% of the 183 with one

    # Locations: in the Huis's gemeenten of today, with a postcode of that gemeente and hours.
    vandaag = {(slug, g.pk) for slug, gemeenten in nu.items() for g in gemeenten}
    postcodes = set(Postcode.objects.values_list("postcode", "gemeente_id"))
    locaties = list(Locatie.objects.select_related("huis").prefetch_related("openingsuren", "partners"))
    assert len(locaties) == sum(aantal_locaties.values())
    for locatie in locaties:
        assert (locatie.huis.slug, locatie.gemeente_id) in vandaag, locatie
        assert (locatie.postcode, locatie.gemeente_id) in postcodes, locatie
        assert locatie.straat.split()[-1].isdigit()
        assert locatie.openingsuren.all() and all(u.tot > u.van for u in locatie.openingsuren.all())
        assert len(locatie.partners.all()) <= 3
        assert all(p.huis_id == locatie.huis_id for p in locatie.partners.all())
    assert not Openingsuur.objects.filter(tot__lte=F("van")).exists()
    assert sum(locatie.draagt_naam_huis for locatie in locaties) > 0.7 * len(locaties)
    assert Openingsuur.objects.filter(weekdag=5).exists()
    assert Locatie.objects.exclude(toegankelijkheid="").exists()

    # Gent, where the demo coordinator logs in.
    gent = Huis.objects.get(slug="gent")
    gent_locaties = gent.locaties.filter(gemeente__nis="44021")
    assert gent_locaties.exists() and Openingsuur.objects.filter(locatie__in=gent_locaties).exists()
    assert gent.contactpunten.count() >= 2
    assert gent.partners.get(soort=PartnerSoort.LOKAAL_LOKET).kernpartner

    # Contact points: 1 to 4 for the other Huizen, at the Huis's demo addresses.
    per_huis = Counter(Contactpunt.objects.values_list("huis__slug", flat=True))
    assert set(per_huis) == set(aantal_locaties) - zonder_contactpunt
    assert set(per_huis.values()) <= {1, 2, 3, 4}
    for punt in Contactpunt.objects.select_related("huis"):
        assert punt.beschikbaarheid
        if punt.soort == ContactpuntSoort.EMAIL:
            assert punt.waarde == f"info@{punt.huis.slug}.huizenvanhetkind.test"
        elif punt.soort == ContactpuntSoort.WEBSITE:
            assert punt.waarde == f"https://www.{punt.huis.slug}.huizenvanhetkind.test"
        elif punt.soort == ContactpuntSoort.TELEFOON:
            assert punt.waarde == punt.huis.telefoon

    # Partners: 4 to 12, each Kind en Gezin partner at most once with a score, about three core
    # partners per Huis (225 answered).
    partners = Counter(Partner.objects.values_list("huis_id", flat=True))
    assert len(partners) == 227 and min(partners.values()) >= 4 and max(partners.values()) <= 12
    kg = Partner.objects.exclude(kind_en_gezin_partner="")
    assert not kg.filter(samenwerking=None).exists()
    assert not Partner.objects.filter(kind_en_gezin_partner="").exclude(samenwerking=None).exists()
    assert max(Counter(kg.values_list("huis_id", "kind_en_gezin_partner")).values()) == 1
    kern_per_huis = Counter(Partner.objects.filter(kernpartner=True).values_list("huis_id", flat=True))
    assert len(kern_per_huis) == 225 and max(kern_per_huis.values()) == 4
    assert Counter(kern_per_huis.values())[3] > 200
    assert Partner.objects.filter(naam="Lokaal bestuur Gent", kernpartner=True).exists()
    assert Partner.objects.exclude(contactpersoon="").count() > 500
    for kind in KindEnGezinPartner.values:
        kern_scores = kg.filter(kind_en_gezin_partner=kind, kernpartner=True).values_list(
            "samenwerking", flat=True
        )
        assert 1 not in kern_scores, kind  # a core partner cooperates

    # Coordinators, consultative bodies and the Huis's own profile fields.
    coordinatoren = Counter(Coordinator.objects.values_list("huis_id", flat=True))
    assert len(coordinatoren) == 227 and set(coordinatoren.values()) == {1, 2}
    for c in Coordinator.objects.select_related("huis"):
        assert 4 <= c.uren_per_week <= 38
        assert c.email.endswith(f"@{c.huis.slug}.huizenvanhetkind.test")
    stuurgroepen = Overlegorgaan.objects.filter(soort=OverlegorgaanSoort.STUURGROEP)
    assert stuurgroepen.count() > 227 * 0.75
    assert Overlegorgaan.objects.filter(soort=OverlegorgaanSoort.KERNGROEP).exists()
    assert Overlegorgaan.objects.values("huis").distinct().count() == 227
    for huis in huizen:
        assert 0 < len(huis.korte_beschrijving) <= 600
        assert huis.aantal_medewerkers
    assert huizen.exclude(beslissingsafspraken="").count() > 227 / 2
    assert huizen.exclude(projectmiddelen="").exists()

    # Every row passes the model's own checks, and no change history is written.
    # (Foreign keys excluded: each would cost a query, and the database enforces them.)
    rijen = [*huizen, *locaties, *Contactpunt.objects.all(), *Partner.objects.all()]
    rijen += [*Coordinator.objects.all(), *Overlegorgaan.objects.all(), *Openingsuur.objects.all()]
    for rij in rijen:
        rij.full_clean(
            exclude=["huis", "gemeente", "locatie"], validate_unique=False, validate_constraints=False
        )
    assert not Wijziging.objects.exists()


def _past(partner: Partner, kenmerken) -> bool:
    return any(
        partner.soort == k if k in PartnerSoort.values else partner.naam.startswith(k) for k in kenmerken
    )


def _controleer_levensdomeinen(resultaat):
    """Engagements, offer and self-assessments: the constant is what the database holds, it follows
    the report, and every row keeps the rules of its model and of its Huis."""
    domeinen = dict(Levensdomein.objects.values_list("pk", "code"))
    codes = list(Levensdomein.objects.order_by("volgorde").values_list("code", flat=True))
    assert len(codes) == 10
    engagementen = list(DomeinEngagement.objects.prefetch_related("partners"))
    status_van = {(e.huis_id, e.levensdomein_id): e.status for e in engagementen}

    # The constant is what an overview computed from the database shows.
    gezien = {sleutel: Counter() for sleutel in ("actief", "gepland", "niet_actief", "top3")}
    for e in engagementen:
        gezien[e.status][domeinen[e.levensdomein_id]] += 1
        gezien["top3"][domeinen[e.levensdomein_id]] += e.top3
    assert {s: {c: n[c] for c in codes} for s, n in gezien.items()} == DEMO_LEVENSDOMEINCIJFERS
    assert resultaat.levensdomeinen.als_demo_levensdomeincijfers() == DEMO_LEVENSDOMEINCIJFERS

    # ... and follows the report, as closely as whole numbers of 227 Huizen allow.
    cijfers = DEMO_LEVENSDOMEINCIJFERS
    assert cijfers["top3"]["gezondheidszorg"] == 35  # 15.6%
    assert cijfers["niet_actief"]["gezondheidszorg"] == 52  # 22.7%
    assert 0.45 * 227 < cijfers["niet_actief"]["jeugdhulp"] < 227 / 2  # "net niet de helft"
    top3 = cijfers["top3"]
    rangorde = sorted(top3, key=lambda c: -top3[c])
    assert rangorde[:3] == ["ouderschap-opvoedingsondersteuning", "kinderopvang", "onderwijs"]
    assert top3["socio-economische-determinanten"] < 227 * 0.1
    assert all(cijfers["actief"][c] + cijfers["gepland"][c] + cijfers["niet_actief"][c] == 227 for c in codes)

    # One engagement per Huis and life domain; at most three top-3 domains, all active, each with a
    # reason; partners of the Huis itself, mostly fitting the domain.
    per_huis = defaultdict(list)
    for e in engagementen:
        per_huis[e.huis_id].append(e)
    assert len(per_huis) == 227 and {len(rijen) for rijen in per_huis.values()} == {10}
    aantal_top3 = Counter(sum(e.top3 for e in rijen) for rijen in per_huis.values())
    assert max(aantal_top3) <= 3 and aantal_top3[3] >= 220 and sum(aantal_top3.values()) == 227
    niet_actief_met_reden = 0
    passend = Counter()
    for e in engagementen:
        e.full_clean(exclude=["huis", "levensdomein"], validate_unique=False, validate_constraints=False)
        if e.top3:
            assert e.status == "actief" and e.reden_top3
        else:
            assert not e.reden_top3
        if e.status == "actief":
            assert not e.reden_niet_actief
        niet_actief_met_reden += e.status == "niet_actief" and bool(e.reden_niet_actief)
        partners = list(e.partners.all())
        assert len(partners) <= 3 and all(p.huis_id == e.huis_id for p in partners)
        assert not (partners and e.status == "niet_actief")
        for partner in partners:
            passend[_past(partner, DOMEINPARTNERS[domeinen[e.levensdomein_id]])] += 1
    niet_actief = sum(cijfers["niet_actief"].values())
    assert 0.3 * niet_actief < niet_actief_met_reden < niet_actief
    assert passend[True] > 0.85 * sum(passend.values())

    # Offer: 3 to 12 items per Huis that pass the model's checks, on domains the Huis works on (or
    # plans), for its target groups, by its own partners at its own locations.
    aanbod = list(
        Aanbod.objects.select_related("huis", "organiserende_partner", "locatie").prefetch_related(
            "levensdomeinen", "pijlers", "doelgroepen"
        )
    )
    assert len(aanbod) == resultaat.levensdomeinen.aanbod
    per_huis_aanbod = Counter(a.huis_id for a in aanbod)
    assert (
        len(per_huis_aanbod) == 227
        and 3 <= min(per_huis_aanbod.values()) <= max(per_huis_aanbod.values()) <= 12
    )
    for a in aanbod:
        a.full_clean()
        assert a.organiserende_partner is None or a.organiserende_partner.huis_id == a.huis_id
        assert a.locatie is None or a.locatie.huis_id == a.huis_id
        levensdomeinen = list(a.levensdomeinen.all())
        assert 1 <= len(levensdomeinen) <= 3 and a.pijlers.all() and a.doelgroepen.all()
        assert all(status_van[(a.huis_id, d.pk)] != "niet_actief" for d in levensdomeinen)
        if a.planning == "eenmalig":
            assert REFERENTIEDATUM < a.datum < REFERENTIEDATUM + datetime.timedelta(days=240)
        else:
            assert a.datum is None
        assert bool(a.ritme) == (a.planning == "terugkerend")
        assert a.gratis == (a.prijs == "")
        if a.inschrijvingslink:
            assert a.inschrijvingslink.startswith(f"https://www.{a.huis.slug}.huizenvanhetkind.test/")
    assert Counter(a.planning for a in aanbod).keys() == {"eenmalig", "terugkerend", "doorlopend"}
    assert sum(a.gratis for a in aanbod) > 0.85 * len(aanbod)
    assert 0.2 * len(aanbod) < sum(bool(a.inschrijvingslink) for a in aanbod) < 0.6 * len(aanbod)
    assert sum(a.organiserende_partner is not None for a in aanbod) > len(aanbod) / 2
    assert sum(a.locatie is not None for a in aanbod) > len(aanbod) / 3
    assert Aanbod.objects.filter(titel="Consultatiebureau", organiserende_partner__isnull=True).count() == 0

    # Self-assessments: one to three, in 2023-2025, each with a score for every life domain and
    # working principle; active domains score higher, and most Huizen improve over time.
    evaluaties = list(Zelfevaluatie.objects.order_by("huis_id", "datum").prefetch_related("scores"))
    assert len(evaluaties) == resultaat.levensdomeinen.zelfevaluaties
    per_huis_evaluaties = defaultdict(list)
    for z in evaluaties:
        per_huis_evaluaties[z.huis_id].append(z)
        scores = list(z.scores.all())
        assert len(scores) == 16
        assert {s.levensdomein_id for s in scores if s.levensdomein_id} == set(domeinen)
        assert len({s.werkingsprincipe_id for s in scores if s.werkingsprincipe_id}) == 6
        assert 2023 <= z.datum.year <= 2025
    assert Score.objects.count() == 16 * len(evaluaties) == resultaat.levensdomeinen.scores
    assert Werkingsprincipe.objects.count() == 6
    assert len(per_huis_evaluaties) == 227 and set(map(len, per_huis_evaluaties.values())) == {1, 2, 3}
    per_status = defaultdict(list)
    beter = meerdere = 0
    for huis_id, rijen in per_huis_evaluaties.items():
        laatste = rijen[-1].scores.all()
        for s in laatste:
            if s.levensdomein_id:
                per_status[status_van[(huis_id, s.levensdomein_id)]].append(s.score)
        if len(rijen) > 1:
            meerdere += 1
            beter += sum(s.score for s in laatste) > sum(s.score for s in rijen[0].scores.all())
    gemiddeld = {status: statistics.mean(scores) for status, scores in per_status.items()}
    assert gemiddeld["actief"] > gemiddeld["gepland"] + 1 > gemiddeld["niet_actief"] + 1
    assert beter > 0.7 * meerdere
    assert sum(bool(z.blinde_vlekken) for z in evaluaties) > 0.8 * len(evaluaties)
    assert all(z.prioriteiten for z in evaluaties)
    for z in evaluaties:
        z.full_clean(exclude=["huis", "opgesteld_door"], validate_unique=False)

    # Gent, where the demo coordinator logs in.
    gent = Huis.objects.get(slug="gent")
    assert gent.domeinengagementen.count() == 10
    assert set(gent.domeinengagementen.values_list("status", flat=True)) == {
        "actief",
        "gepland",
        "niet_actief",
    }
    gent_aanbod = gent.aanbod.all()
    assert gent_aanbod.count() >= 5
    assert gent_aanbod.values("doelgroepen").distinct().count() >= 4
    assert gent_aanbod.values("levensdomeinen").distinct().count() >= 4
    assert gent.zelfevaluaties.count() >= 2
    coordinator = User.objects.get(email="coordinator@demo.huizenvanhetkind.test")
    assert set(gent.zelfevaluaties.values_list("opgesteld_door", flat=True)) == {coordinator.pk}
    assert not Zelfevaluatie.objects.exclude(huis=gent).exclude(opgesteld_door=None).exists()
    assert not Wijziging.objects.exists()


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
        **{
            model.__name__: sorted(model.objects.values_list(), key=repr)
            for model in PROFIELMODELLEN + LEVENSDOMEINMODELLEN
        },
    }


PROFIELMODELLEN = (
    Locatie,
    Locatie.partners.through,
    Openingsuur,
    Contactpunt,
    Partner,
    Coordinator,
    Overlegorgaan,
    Wijziging,
)
LEVENSDOMEINMODELLEN = (
    DomeinEngagement,
    DomeinEngagement.partners.through,
    Aanbod,
    Aanbod.levensdomeinen.through,
    Aanbod.pijlers.through,
    Aanbod.doelgroepen.through,
    Zelfevaluatie,
    Score,
)


def test_demodata_twee_keer_laden_verandert_niets(db):
    # Without reference data, laad_demodata loads it first.
    Gemeente.objects.update(opvolger=None)
    Gemeente.objects.all().delete()
    laad_demodata(wachtwoord=DEMO_WACHTWOORD)
    laad_loket_demodata(wachtwoord=DEMO_WACHTWOORD)  # the command loads the loket's demo data too
    laad_bevraging_demodata()  # and the survey's
    voor = _momentopname()
    antwoorden = _antwoorden()
    assert len(voor["huizen"]) == 227 and len(voor["subsidies"]) == 227 * 5

    uitvoer = StringIO()
    call_command("laad_demodata", "--ook-zonder-debug", stdout=uitvoer)

    assert _momentopname() == voor
    assert _antwoorden() == antwoorden
    assert len(antwoorden) > 226 * 40
    assert len(voor["Locatie"]) > 132 and len(voor["Partner"]) >= 227 * 4 and not voor["Wijziging"]
    tekst = uitvoer.getvalue()
    assert "227 Huizen van het Kind, waarvan 29 intergemeentelijk (vandaag 27)" in tekst
    assert "294 van de 300 Vlaamse gemeenten en 19 Brusselse gemeenten" in tekst
    assert "2022: € 1.200 / € 7.840 / € 87.500" in tekst
    assert "coordinator@demo.huizenvanhetkind.test" in tekst
    assert "132 Huizen met een fysieke locatie (waarvan 43 met meerdere), 33 plannen er een" in tekst
    assert "13 Huizen zonder niet-fysiek aanspreekpunt" in tekst
    assert "Lokaal bestuur: 164" in tekst
    assert "Gezondheidszorg: 162 actief (waarvan 35 in de top 3), 13 gepland, 52 niet actief" in tekst
    assert "Top 3: 221 Huizen met 3 levensdomeinen, 6 Huizen met 2 levensdomeinen" in tekst
    assert "2022: 226 gevalideerde responsen" in tekst and "2016: 165 ingediende responsen" in tekst
    assert f"{len(voor['Aanbod'])} aanbodsitems (" in tekst
    assert f"{len(voor['Zelfevaluatie'])} zelfevaluaties met {len(voor['Score'])} scores" in tekst
    assert len(voor["DomeinEngagement"]) == 2270 and len(voor["Score"]) == 16 * len(voor["Zelfevaluatie"])

    # Edited demo rows are put back: changed values (with a new version), deleted and extra rows.
    inhoud = {model.__name__: _inhoud(model) for model in PROFIELMODELLEN}
    levensdomeinen = {model.__name__: _inhoud(model) for model in LEVENSDOMEINMODELLEN}
    gent = Huis.objects.get(slug="gent")
    locatie = gent.locaties.order_by("naam").first()
    locatie.openingsuren.all().delete()
    locatie.partners.clear()
    partner = gent.partners.order_by("naam").first()
    Partner.objects.filter(pk=partner.pk).update(naam="Hernoemd", samenwerking=None)
    ContactpuntFactory(huis=gent, soort=ContactpuntSoort.EMAIL, waarde="extra@gent.test")
    Coordinator.objects.filter(huis=gent).update(uren_per_week=1)
    Huis.objects.filter(pk=gent.pk).update(korte_beschrijving="Gewijzigd")
    engagement = gent.domeinengagementen.get(top3=True, levensdomein__code="onderwijs")
    DomeinEngagement.objects.filter(pk=engagement.pk).update(reden_top3="Gewijzigd")
    eerste, tweede = gent.aanbod.order_by("titel")[:2]
    eerste.delete()
    tweede.doelgroepen.clear()
    HuisAanbodFactory(huis=gent, titel="Extra", beschrijving="Extra")
    ZelfevaluatieFactory(huis=gent, datum=datetime.date(2022, 5, 1))
    Score.objects.filter(zelfevaluatie__huis=gent).order_by("pk").first().delete()

    laad_demodata(wachtwoord=DEMO_WACHTWOORD)

    assert {model.__name__: _inhoud(model) for model in PROFIELMODELLEN} == inhoud
    assert {model.__name__: _inhoud(model) for model in LEVENSDOMEINMODELLEN} == levensdomeinen
    assert DomeinEngagement.objects.get(pk=engagement.pk).versie == engagement.versie + 1
    assert Aanbod.objects.get(pk=tweede.pk).versie == tweede.versie + 1
    na = _momentopname()
    assert {naam: len(rijen) for naam, rijen in na.items()} == {
        naam: len(rijen) for naam, rijen in voor.items()
    }
    assert [h for h in na["huizen"] if h[0] != "gent"] == [h for h in voor["huizen"] if h[0] != "gent"]
    hersteld = Huis.objects.get(slug="gent")
    assert (hersteld.korte_beschrijving, hersteld.versie) == (gent.korte_beschrijving, gent.versie + 1)
    assert set(Coordinator.objects.filter(huis=gent).values_list("versie", flat=True)) == {2}
    assert Locatie.objects.get(pk=locatie.pk).versie == locatie.versie + 1
    assert not Wijziging.objects.exists()


def _antwoorden() -> list:
    """The survey's demo answers by Huis and question key."""
    return sorted(Antwoord.objects.values_list("respons__huis__slug", "vraag__sleutel", "waarde"), key=repr)


def _inhoud(model) -> list:
    """A model's rows by content: related rows by natural key instead of id, without the version
    and creation time."""
    naar_naam = {
        "huis": ["huis__slug"],
        "locatie": ["locatie__naam", "locatie__huis__slug"],
        "partner": ["partner__naam"],
        "organiserende_partner": ["organiserende_partner__naam"],
        "domeinengagement": ["domeinengagement__huis__slug", "domeinengagement__levensdomein_id"],
        "aanbod": ["aanbod__huis__slug", "aanbod__titel"],
        "zelfevaluatie": ["zelfevaluatie__huis__slug", "zelfevaluatie__datum"],
    }
    velden = [
        veld
        for f in model._meta.concrete_fields
        if not f.primary_key and f.name not in ("versie", "aangemaakt")
        for veld in naar_naam.get(f.name, [f.attname])
    ]
    return sorted(model.objects.values_list(*velden), key=repr)


def test_commando_weigert_zonder_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("laad_demodata", stdout=StringIO())
    assert not Huis.objects.exists()
