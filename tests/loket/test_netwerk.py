"""One request across neighbouring lokets: a family of Merelbeke registers at its own loket and
chooses a location of Gent's loket; Gent sees only what it needs, offers a place, the placement
ends the family's other choices everywhere and each loket concerned hears it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from huizen.models import Gemeente
from kern.models import UitgaandeMail
from kern.tenancy import Rol
from loket import services
from loket.models import AanbodStatus, Inzage, MogelijkDubbel, Status
from loket.selectors import elders
from loket.services import dubbels
from tests.conftest import aangemeld
from tests.factories import (
    HuisFactory,
    LidmaatschapFactory,
    OpvanglocatieFactory,
    OpvangvraagFactory,
    UserFactory,
    VrijePlaatsFactory,
)

pytestmark = pytest.mark.django_db

PRIVE = [
    "Geheimkind",
    "Geheime zorgnood",
    "Geheime Ouder",
    "0499 12 34 56",
    "geheim@gezin.test",
    "Geheime notitie",
    "Straatnaam die niemand ziet",
]


@pytest.fixture
def netwerk(referentiedata):
    merelbeke = Gemeente.objects.get(nis="44043")
    gent = Gemeente.objects.get(nis="44021")
    huis_m = HuisFactory(naam="Huis van het Kind Merelbeke", slug="merelbeke", gemeenten=[merelbeke])
    huis_g = HuisFactory(naam="Huis van het Kind Gent", slug="gent", gemeenten=[gent])
    loket_m = UserFactory(email="loket@merelbeke.test")
    LidmaatschapFactory(huis=huis_m, gebruiker=loket_m, rol=Rol.LOKET)
    loket_g = UserFactory(email="loket@gent.test")
    LidmaatschapFactory(huis=huis_g, gebruiker=loket_g, rol=Rol.LOKET)
    nest = OpvanglocatieFactory(huis=huis_g, gemeente=gent, naam="Kinderdagverblijf Het Nest")
    rups = OpvanglocatieFactory(huis=huis_g, gemeente=gent, naam="Kinderdagverblijf De Rups")
    bij = OpvanglocatieFactory(huis=huis_m, gemeente=merelbeke, naam="Kinderdagverblijf De Bij")
    return {
        "merelbeke": huis_m,
        "gent": huis_g,
        "loket_m": loket_m,
        "loket_g": loket_g,
        "nest": nest,
        "rups": rups,
        "bij": bij,
    }


def vraag_van(netwerk, **velden):
    velden.setdefault("voorkeuren", [netwerk["nest"], netwerk["bij"], netwerk["rups"]])
    vraag = OpvangvraagFactory(
        huis=netwerk["merelbeke"],
        email="geheim@gezin.test",
        postcode="9820",
        kinderen=[{"voornaam": "Geheimkind", "zorgnoden": "Geheime zorgnood"}],
        ouders=[{"naam": "Geheime Ouder", "telefoon": "0499 12 34 56"}],
        **velden,
    )
    services.voeg_notitie_toe(vraag=vraag, tekst="Geheime notitie", door=netwerk["loket_m"])
    return vraag


def plaats_bij(locatie, vraag):
    return VrijePlaatsFactory(locatie=locatie, vanaf=vraag.gewenste_start, dagen=vraag.dagen)


def elders_url(huis, vraag=None, naam="elders_detail"):
    if vraag is None:
        return reverse("loket:elders", kwargs={"huis_slug": huis.slug})
    return reverse(f"loket:{naam}", kwargs={"huis_slug": huis.slug, "vraag_pk": vraag.pk})


# --- choosing ---------------------------------------------------------------------------------


def test_gent_ligt_dicht_bij_merelbeke_en_leuven_niet(netwerk):
    kiesbaar = list(elders.kiesbare_opvanglocaties(netwerk["merelbeke"]))
    assert kiesbaar == [netwerk["bij"], netwerk["rups"], netwerk["nest"]]  # its own first
    leuven = HuisFactory(gemeenten=[Gemeente.objects.get(nis="24062")])
    ver = OpvanglocatieFactory(huis=leuven, gemeente=Gemeente.objects.get(nis="24062"))
    assert ver not in list(elders.kiesbare_opvanglocaties(netwerk["merelbeke"]))
    assert not elders.is_kiesbaar(netwerk["merelbeke"], ver)


def velden(huis, gemeente):
    return {
        "email": "geheim@gezin.test",
        "postcode": "9820",
        "gemeente": gemeente,
        "gewenste_start": timezone.localdate() + datetime.timedelta(days=90),
        "dagen": [0, 1, 2],
        "dagdeel": "volle_dag",
        "uren_per_week": 30,
        "soort_opvang": "groepsopvang",
    }


def test_de_dienst_aanvaardt_een_keuze_van_een_naburig_loket_en_weigert_een_gesloten(netwerk):
    huis = netwerk["merelbeke"]
    gemeente = Gemeente.objects.get(nis="44043")
    start = timezone.localdate() + datetime.timedelta(days=90)
    kinderen = [{"voornaam": "Mona", "geboortedatum": start - datetime.timedelta(days=60)}]
    ouders = [{"naam": "Lien", "email": "", "telefoon": ""}]
    vraag, nieuw = services.registreer_opvangvraag(
        huis=huis,
        velden=velden(huis, gemeente),
        kinderen=kinderen,
        ouders=ouders,
        voorkeuren=[netwerk["nest"], netwerk["bij"]],
    )
    assert nieuw and vraag.huis == huis and vraag.eerste_keuze == netwerk["nest"]
    netwerk["rups"].sluit_op = timezone.localdate() - datetime.timedelta(days=1)
    netwerk["rups"].save()
    with pytest.raises(ValidationError, match="gesloten"):
        services.registreer_opvangvraag(
            huis=huis, velden=velden(huis, gemeente), kinderen=kinderen, ouders=ouders,
            voorkeuren=[netwerk["rups"]],
        )  # fmt: skip


@pytest.mark.parametrize("wie", ["gezin", "balie"])
def test_het_formulier_toont_opvang_van_het_naburige_loket_met_het_loket_en_de_afstand(netwerk, client, wie):
    start = timezone.localdate() + datetime.timedelta(days=90)
    if wie == "balie":  # the loket registers for a family at the desk: the same list
        client = aangemeld(netwerk["loket_m"])
        url = reverse("loket:registreer_voor_gezin", kwargs={"huis_slug": "merelbeke"})
    else:
        url = reverse("loket:aanvragen", kwargs={"huis_slug": "merelbeke"})
    antwoord = client.post(
        url,
        {
            "actie": "keuzes_bijwerken",
            "postcode": "9820",
            "gemeente": "44043",
            "gewenste_start": start.isoformat(),
            "soort_opvang": "groepsopvang",
            "kinderen-TOTAL_FORMS": "1",
            "kinderen-INITIAL_FORMS": "0",
            "kinderen-0-geboortedatum": (start - datetime.timedelta(days=60)).isoformat(),
            "ouders-TOTAL_FORMS": "1",
            "ouders-INITIAL_FORMS": "0",
        },
    )
    tekst = antwoord.content.decode()
    assert "Toevoegen: Kinderdagverblijf Het Nest" in tekst
    assert "Bij een ander loket: Lokaal Loket Kinderopvang Gent" in tekst
    assert "ongeveer" in tekst and "km van uw gemeente" in tekst
    beschikbaar = [k.locatie for k in antwoord.context["keuze"].beschikbaar]
    assert beschikbaar[0] == netwerk["bij"]  # its own gemeente first, then Gent


def test_het_gezin_wijzigt_een_aanvraag_met_een_keuze_bij_het_naburige_loket(netwerk, client):
    vraag = vraag_van(netwerk, voorkeuren=[netwerk["nest"], netwerk["bij"]])
    url = reverse("loket:wijzig", kwargs={"token": vraag.token})
    tekst = client.get(url).content.decode()
    assert "Kinderdagverblijf Het Nest" in tekst
    assert "Bij een ander loket: Lokaal Loket Kinderopvang Gent" in tekst


# --- what the neighbouring loket sees --------------------------------------------------------


def test_het_naburige_loket_ziet_alleen_wat_het_nodig_heeft_en_de_inzage_wordt_gelogd(netwerk):
    vraag = vraag_van(netwerk, opvang_voor_werk=True)
    client = aangemeld(netwerk["loket_g"])

    lijst = client.get(elders_url(netwerk["gent"]))
    detail = client.get(elders_url(netwerk["gent"], vraag))

    assert lijst.status_code == detail.status_code == 200
    for antwoord in (lijst, detail):
        tekst = antwoord.content.decode()
        assert vraag.nummer in tekst and "Lokaal Loket Kinderopvang Merelbeke" in tekst
        for geheim in PRIVE:
            assert geheim not in tekst
    tekst = detail.content.decode()
    assert "Kinderdagverblijf Het Nest" in tekst and "keuze 1" in tekst
    assert "Kinderdagverblijf De Rups" in tekst and "keuze 3" in tekst
    assert "Kinderdagverblijf De Bij" not in tekst  # Merelbeke's own location is none of its business
    assert "werk of opleiding" in tekst and "baby" in tekst
    assert Inzage.objects.filter(gebruiker=netwerk["loket_g"], opvangvraag=vraag).count() == 2


def test_een_loket_zonder_band_met_de_aanvraag_krijgt_404(netwerk):
    vraag = vraag_van(netwerk, voorkeuren=[netwerk["bij"]])
    assert aangemeld(netwerk["loket_g"]).get(elders_url(netwerk["gent"], vraag)).status_code == 404
    # another loket member, and the home loket on its neighbour's page, get nothing either
    derde = HuisFactory(slug="derde")
    lid = LidmaatschapFactory(huis=derde, rol=Rol.LOKET).gebruiker
    vraag_gent = vraag_van(netwerk)
    assert aangemeld(lid).get(elders_url(derde, vraag_gent)).status_code == 404
    assert aangemeld(lid).get(elders_url(netwerk["gent"], vraag_gent)).status_code == 404
    assert aangemeld(netwerk["loket_m"]).get(elders_url(netwerk["gent"], vraag_gent)).status_code == 404
    # a coordinator of Gent is no loket staff
    coordinator = LidmaatschapFactory(huis=netwerk["gent"], rol=Rol.COORDINATOR).gebruiker
    assert aangemeld(coordinator).get(elders_url(netwerk["gent"], vraag_gent)).status_code == 404
    # nor does Gent see the request in its own queue or detail page
    gent = aangemeld(netwerk["loket_g"])
    detail = reverse("loket:vraag_detail", kwargs={"huis_slug": "gent", "vraag_pk": vraag_gent.pk})
    assert gent.get(detail).status_code == 404


def test_het_naburige_loket_biedt_een_plaats_aan_en_ziet_dan_het_contact(netwerk):
    vraag = vraag_van(netwerk)
    plaats = plaats_bij(netwerk["nest"], vraag)
    client = aangemeld(netwerk["loket_g"])

    antwoord = client.post(
        elders_url(netwerk["gent"], vraag, "elders_aanbod"),
        {"plaats": plaats.pk, "deadline": (timezone.localdate() + datetime.timedelta(days=7)).isoformat()},
    )

    assert antwoord.status_code == 302
    vraag.refresh_from_db()
    assert vraag.status == Status.AANBOD
    aanbod = vraag.aanbiedingen.get()
    assert aanbod.plaats == plaats and aanbod.gemaakt_door == netwerk["loket_g"]
    tekst = client.get(elders_url(netwerk["gent"], vraag)).content.decode()
    assert "Geheime Ouder" in tekst and "0499 12 34 56" in tekst and "geheim@gezin.test" in tekst
    for geheim in ("Geheime notitie", "Geheime zorgnood", "Geheimkind"):
        assert geheim not in tekst


def test_het_naburige_loket_trekt_zijn_aanbod_in_en_niet_dat_van_een_ander(netwerk):
    vraag = vraag_van(netwerk)
    eigen = services.doe_aanbod(
        vraag=vraag,
        plaats=plaats_bij(netwerk["bij"], vraag),
        door=netwerk["loket_m"],
        loket=netwerk["merelbeke"],
    )
    aanbod = services.doe_aanbod(
        vraag=vraag, plaats=plaats_bij(netwerk["nest"], vraag), door=netwerk["loket_g"], loket=netwerk["gent"]
    )
    client = aangemeld(netwerk["loket_g"])

    def intrekken(aanbod, reden="Plaats vergist."):
        return client.post(
            reverse("loket:elders_intrekken", kwargs={"huis_slug": "gent", "aanbod_pk": aanbod.pk}),
            {"reden": reden},
        )

    assert intrekken(eigen).status_code == 404  # Merelbeke's own offer is not Gent's to withdraw
    leeg = intrekken(aanbod, reden="")
    assert leeg.status_code == 200 and "Geef een reden" in leeg.content.decode()
    assert intrekken(aanbod).status_code == 302
    aanbod.refresh_from_db()
    eigen.refresh_from_db()
    assert aanbod.status == AanbodStatus.VERVALLEN and eigen.status == AanbodStatus.OPEN


def test_het_naburige_loket_kan_geen_plaats_van_een_ander_loket_aanbieden(netwerk):
    vraag = vraag_van(netwerk)
    plaats_m = plaats_bij(netwerk["bij"], vraag)
    client = aangemeld(netwerk["loket_g"])
    antwoord = client.post(
        elders_url(netwerk["gent"], vraag, "elders_aanbod"),
        {"plaats": plaats_m.pk, "deadline": (timezone.localdate() + datetime.timedelta(days=7)).isoformat()},
    )
    assert antwoord.status_code == 200 and not vraag.aanbiedingen.exists()
    with pytest.raises(ValidationError, match="werkingsgebied van dit loket"):
        services.doe_aanbod(vraag=vraag, plaats=plaats_m, door=netwerk["loket_g"], loket=netwerk["gent"])
    # a place at a Gent location the family did not choose
    ander = OpvanglocatieFactory(huis=netwerk["gent"], gemeente=netwerk["nest"].gemeente)
    with pytest.raises(ValidationError):
        services.doe_aanbod(
            vraag=vraag, plaats=plaats_bij(ander, vraag), door=netwerk["loket_g"], loket=netwerk["gent"]
        )


def test_de_plaatsing_beeindigt_alle_andere_voorkeuren_en_meldt_het_aan_elk_loket(netwerk):
    vraag = vraag_van(netwerk)
    # Merelbeke offered its own place too; Gent offers Het Nest and the family accepts that one
    eigen = services.doe_aanbod(
        vraag=vraag,
        plaats=plaats_bij(netwerk["bij"], vraag),
        door=netwerk["loket_m"],
        loket=netwerk["merelbeke"],
    )
    aanbod = services.doe_aanbod(
        vraag=vraag, plaats=plaats_bij(netwerk["nest"], vraag), door=netwerk["loket_g"], loket=netwerk["gent"]
    )
    services.beantwoord_aanbod(aanbod=aanbod, aanvaard=True)
    eigen.refresh_from_db()
    assert eigen.status == AanbodStatus.VERVALLEN
    UitgaandeMail.objects.all().delete()

    services.bevestig_plaatsing(aanbod=aanbod, door=None)

    vraag.refresh_from_db()
    assert vraag.status == Status.GEPLAATST
    actief = {v.locatie for v in vraag.voorkeuren.filter(actief=True)}
    assert actief == {netwerk["nest"]}
    mails = {mail.aan: mail for mail in UitgaandeMail.objects.all()}
    assert {"loket@merelbeke.test", "loket@gent.test"} <= set(mails)
    naar_gent = mails["loket@gent.test"]
    assert vraag.nummer in naar_gent.onderwerp and "Kinderdagverblijf De Rups" in naar_gent.tekst
    for geheim in PRIVE:
        assert geheim not in naar_gent.tekst and geheim not in mails["loket@merelbeke.test"].tekst
    assert "Kinderdagverblijf Het Nest" in mails["loket@merelbeke.test"].tekst
    assert "Kinderdagverblijf De Bij" in mails["loket@merelbeke.test"].tekst

    # Merelbeke's page shows the placement at Gent's location and the ended choices
    tekst = (
        aangemeld(netwerk["loket_m"])
        .get(reverse("loket:vraag_detail", kwargs={"huis_slug": "merelbeke", "vraag_pk": vraag.pk}))
        .content.decode()
    )
    assert "Plaatsing bij Kinderdagverblijf Het Nest (Lokaal Loket Kinderopvang Gent) bevestigd" in tekst
    assert (
        "Andere voorkeuren beëindigd (geplaatst elders): Kinderdagverblijf De Bij, Kinderdagverblijf De Rups"
        in tekst
    )
    # Gent still sees the placed request (its confirmed offer), with the contact
    assert aangemeld(netwerk["loket_g"]).get(elders_url(netwerk["gent"], vraag)).status_code == 200


def test_de_opvang_van_het_naburige_loket_ziet_meteen_dat_het_gezin_aanvaardde(
    netwerk, django_capture_on_commit_callbacks
):
    from tests.factories import AanbiederFactory

    aanbieder = aangemeld(AanbiederFactory(locatie=netwerk["nest"]).gebruiker)
    vraag = vraag_van(netwerk)
    aanbod = services.doe_aanbod(
        vraag=vraag, plaats=plaats_bij(netwerk["nest"], vraag), door=netwerk["loket_g"], loket=netwerk["gent"]
    )
    url = reverse("loket:aanbieder")
    assert "Plaatsing bevestigen" not in aanbieder.get(url).content.decode()  # now cached
    with django_capture_on_commit_callbacks(execute=True):  # the data versions rise on commit
        services.beantwoord_aanbod(aanbod=aanbod, aanvaard=True)
    assert "Plaatsing bevestigen" in aanbieder.get(url).content.decode()


def test_een_plaatsing_bij_het_eigen_loket_stuurt_geen_mail_naar_de_lokets(netwerk):
    vraag = vraag_van(netwerk, voorkeuren=[netwerk["bij"]])
    aanbod = services.doe_aanbod(vraag=vraag, plaats=plaats_bij(netwerk["bij"], vraag), door=None)
    services.beantwoord_aanbod(aanbod=aanbod, aanvaard=True)
    services.bevestig_plaatsing(aanbod=aanbod, door=None)
    assert not UitgaandeMail.objects.filter(aan__in=["loket@merelbeke.test", "loket@gent.test"]).exists()


# --- the figures --------------------------------------------------------------------------------


def test_een_plaatsing_telt_waar_het_gezin_woont_en_waar_het_geplaatst_is(netwerk):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kern.cijfers import Periode
    from loket.selectors.cijfers import cijfers_loket

    def plaats(vraag, locatie):
        aanbod = services.doe_aanbod(vraag=vraag, plaats=plaats_bij(locatie, vraag), door=None)
        services.beantwoord_aanbod(aanbod=aanbod, aanvaard=True)
        services.bevestig_plaatsing(aanbod=aanbod, door=None)

    periode = Periode.laatste_12_maanden()
    plaats(vraag_van(netwerk), netwerk["nest"])
    cache.clear()
    with CaptureQueriesContext(connection) as weinig:
        gent = cijfers_loket(netwerk["gent"], periode)
    merelbeke = cijfers_loket(netwerk["merelbeke"], periode)
    elders_gent = gent.tabellen["elders-geplaatst"]
    assert elders_gent.waarde("Huis van het Kind Merelbeke", "Geplaatst").getal == 1
    assert elders_gent.waarde("Totaal", "Geplaatst").getal == 1
    assert merelbeke.tabellen["elders-geplaatst"].waarde("Totaal", "Geplaatst").getal == 0
    # at home the request counts as placed, as before; Gent has no request of its own
    assert merelbeke.tabellen["gemeenten"].waarde("Totaal", "Geplaatst").getal == 1
    assert gent.tabellen["gemeenten"].waarde("Totaal", "Geplaatst").getal == 0

    # more placements from elsewhere: the same number of queries
    for _ in range(3):
        plaats(vraag_van(netwerk, voorkeuren=[netwerk["rups"]]), netwerk["rups"])
    cache.clear()
    with CaptureQueriesContext(connection) as meer:
        gent = cijfers_loket(netwerk["gent"], periode)
    assert len(meer) == len(weinig)
    assert gent.tabellen["elders-geplaatst"].waarde("Totaal", "Geplaatst").getal == 4
    # small counts are hidden in what leaves the loket
    onderdrukt = cijfers_loket(netwerk["gent"], periode, onderdrukt=True)
    assert onderdrukt.tabellen["elders-geplaatst"].waarde("Totaal", "Geplaatst").tekst == "< 5"


def test_de_rapportagepagina_toont_de_plaatsingen_van_elders(netwerk):
    tekst = aangemeld(netwerk["loket_g"]).get(reverse("loket:rapportage", kwargs={"huis_slug": "gent"}))
    assert "Geplaatst bij dit loket, gezin woont elders" in tekst.content.decode()


def test_de_lijst_van_andere_lokets_in_een_vast_aantal_queries(netwerk):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = aangemeld(netwerk["loket_g"])
    url = elders_url(netwerk["gent"])
    vraag_van(netwerk)
    client.get(url)
    with CaptureQueriesContext(connection) as weinig:
        client.get(url)
    for _ in range(6):
        vraag = vraag_van(netwerk, opvang_voor_werk=True)
        services.doe_aanbod(vraag=vraag, plaats=plaats_bij(netwerk["nest"], vraag), door=None)
    with CaptureQueriesContext(connection) as meer:
        antwoord = client.get(url)
    assert len(antwoord.context["rijen"]) == 7
    assert len(meer) == len(weinig)


def test_samenvoegen_neemt_de_keuzes_bij_het_naburige_loket_over(netwerk):
    """A family that registered twice (once with a choice in Gent only) keeps one request: the Gent
    choice of the other follows its own, as the family could have chosen it there."""
    hou = vraag_van(netwerk, voorkeuren=[netwerk["bij"]])
    weg = vraag_van(netwerk, voorkeuren=[netwerk["nest"]])
    dubbel = MogelijkDubbel.objects.create(nieuw=weg, bestaand=hou, reden="zelfde kind")

    dubbels.voeg_samen(dubbel=dubbel, behouden=hou, akkoord=True, notitie="", door=netwerk["loket_m"])

    keuzes = list(hou.voorkeuren.order_by("rang").values_list("locatie__naam", "actief"))
    assert keuzes == [("Kinderdagverblijf De Bij", True), ("Kinderdagverblijf Het Nest", True)]


def test_een_overplaatsing_kan_een_locatie_van_het_naburige_loket_kiezen(netwerk):
    """A family placed in Merelbeke that now works in Gent asks its loket for a transfer there."""
    geplaatst = OpvangvraagFactory(huis=netwerk["merelbeke"], voorkeuren=[netwerk["bij"]], geplaatst=True)
    client = aangemeld(netwerk["loket_m"])
    url = reverse("loket:overplaatsing", kwargs={"huis_slug": "merelbeke", "vraag_pk": geplaatst.pk})
    formulier = client.get(url).content.decode()
    assert "Kinderdagverblijf Het Nest (Gent)" in formulier

    start = timezone.localdate() + datetime.timedelta(days=60)
    antwoord = client.post(
        url,
        {"reden": "Nieuw werk in Gent", "gewenste_start": f"{start:%Y-%m-%d}", "keuze_1": netwerk["nest"].pk},
    )

    assert antwoord.status_code == 302
    transfer = geplaatst.overplaatsingen.get()
    assert [voorkeur.locatie for voorkeur in transfer.voorkeuren.all()] == [netwerk["nest"]]
