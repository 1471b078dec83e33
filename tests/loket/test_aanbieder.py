"""Providers keep their locations and free places and confirm placements; the loket of the Huis can
do the same for them; nobody else can."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from huizen.models import Gemeente
from kern.tenancy import Rol
from loket import selectors, services
from loket.models import Inzage, Opvanglocatie, Organisator, Status, VrijePlaats
from loket.selectors import vrije_plaatsen_met_bezetting
from tests.datums import voluit
from tests.factories import (
    AanbiederFactory,
    HuisFactory,
    LidmaatschapFactory,
    OpvanglocatieFactory,
    OpvangvraagFactory,
    VrijePlaatsFactory,
    voeg_toe_aan_gebied,
)

pytestmark = pytest.mark.django_db

VANDAAG = timezone.localdate


@pytest.fixture
def gent(referentiedata):
    return Gemeente.objects.get(nis="44021")


@pytest.fixture
def lochristi(referentiedata):
    return Gemeente.objects.get(nis="44087")


@pytest.fixture
def gent_huis(huis, gent):
    """The `huis` fixture, with Gent in its werkingsgebied (and its own test gemeente)."""
    voeg_toe_aan_gebied(huis, gent)
    return huis


def maak_locatie(huis, gemeente, **velden):
    return OpvanglocatieFactory(
        huis=huis,
        gemeente=gemeente,
        postcode="9000",
        capaciteit_baby=10,
        capaciteit_peuter=10,
        capaciteit_schoolkind=0,
        opendagen=[0, 1, 2, 3, 4],
        **velden,
    )


@pytest.fixture
def locatie(gent_huis, gent):
    return maak_locatie(gent_huis, gent, naam="Kinderdagverblijf Het Nest")


@pytest.fixture
def andere_locatie(gent_huis, gent):
    return maak_locatie(gent_huis, gent, naam="Kinderdagverblijf De Andere Kant")


@pytest.fixture
def aanbieder(locatie):
    return AanbiederFactory(locatie=locatie).gebruiker


def aanvaard_aanbod(huis, plaats, door, **vraag):
    aanbod = open_aanbod(huis, plaats, door, **vraag)
    services.beantwoord_aanbod(aanbod=aanbod, aanvaard=True)
    aanbod.refresh_from_db()
    return aanbod


def open_aanbod(huis, plaats, door, **vraag):
    vraag.setdefault("voorkeuren", [plaats.locatie])
    vraag = OpvangvraagFactory(huis=huis, **vraag)
    return services.doe_aanbod(vraag=vraag, plaats=plaats, door=door)


def plaats_data(**velden):
    data = {
        "vanaf": (VANDAAG() + datetime.timedelta(days=30)).isoformat(),
        "dagen": ["0", "1", "2"],
        "dagdeel": "volle_dag",
        "leeftijdsgroep": "baby",
        "aantal": "2",
    }
    data.update(velden)
    return data


def locatie_data(locatie, **velden):
    data = {
        "naam": locatie.naam,
        "straat": locatie.straat,
        "postcode": locatie.postcode,
        "gemeente": str(locatie.gemeente_id),
        "soort": locatie.soort,
        "tarief": locatie.tarief,
        "capaciteit_baby": str(locatie.capaciteit_baby),
        "capaciteit_peuter": str(locatie.capaciteit_peuter),
        "capaciteit_schoolkind": str(locatie.capaciteit_schoolkind),
        "opendagen": [str(dag) for dag in locatie.opendagen],
        "open_van": "07:00",
        "open_tot": "18:30",
        "toegankelijkheid": "",
        "email": "",
        "telefoon": "",
        "actief": "on",
    }
    data.update(velden)
    return {sleutel: waarde for sleutel, waarde in data.items() if waarde is not None}


# --- the dashboard ------------------------------------------------------------------------------


def test_aanbieder_ziet_eigen_plaatsen_en_het_gezin_dat_aanvaardde(
    client, gent_huis, locatie, andere_locatie, aanbieder, loket_medewerker
):
    eigen_plaats = VrijePlaatsFactory(locatie=locatie, aantal=3)
    VrijePlaatsFactory(locatie=andere_locatie, aantal=7)
    aanvaard = aanvaard_aanbod(
        gent_huis,
        eigen_plaats,
        loket_medewerker,
        kinderen=[{"voornaam": "Mila"}],
        ouders=[{"naam": "Jonas Aanvaard", "telefoon": "0470 11 22 33", "email": "jonas@ouders.test"}],
    )
    open_aanbod(
        gent_huis,
        eigen_plaats,
        loket_medewerker,
        kinderen=[{"voornaam": "Lotte"}],
        ouders=[{"naam": "Ouder Wacht Nog", "telefoon": "0470 99 88 77"}],
    )
    aanvaard_aanbod(
        gent_huis,
        VrijePlaatsFactory(locatie=andere_locatie),
        loket_medewerker,
        kinderen=[{"voornaam": "Vreemd"}],
        ouders=[{"naam": "Ouder Elders", "telefoon": "0470 55 55 55"}],
    )
    client.force_login(aanbieder)

    antwoord = client.get(reverse("loket:aanbieder"))

    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Kinderdagverblijf Het Nest" in tekst and "De Andere Kant" not in tekst
    # the family that accepted: contact data and the children's birth dates
    assert "Jonas Aanvaard" in tekst and "0470 11 22 33" in tekst and "jonas@ouders.test" in tekst
    geboren = aanvaard.opvangvraag.kinderen.get().geboortedatum
    assert "Mila" in tekst and f"{voluit(geboren)}" in tekst
    assert "Plaatsing bevestigen" in tekst
    # an open offer: first name only, no contact data
    assert "Lotte" in tekst and "Ouder Wacht Nog" not in tekst and "0470 99 88 77" not in tekst
    # another location's families: nothing
    assert "Vreemd" not in tekst and "Ouder Elders" not in tekst
    # the free places with what is taken and what is left (3 places, 2 held by offers)
    assert antwoord.context["locaties"][0].vrije_plaatsen.all()[0].vrij_aantal == 1
    # the view of the family's contact data is in the audit log
    inzage = Inzage.objects.get(gebruiker=aanbieder)
    assert inzage.opvangvraag == aanvaard.opvangvraag and inzage.omschrijving == "aanbieder"


def test_het_dashboard_doet_geen_query_per_plaats_of_aanbod(
    client, gent_huis, gent, locatie, aanbieder, django_capture_on_commit_callbacks
):
    client.force_login(aanbieder)
    open_aanbod(gent_huis, VrijePlaatsFactory(locatie=locatie, aantal=2), None, kinderen=[{"voornaam": "X"}])
    client.get(reverse("toegankelijkheid"))  # the session's menu is read once, then kept
    with CaptureQueriesContext(connection) as weinig:
        client.get(reverse("loket:aanbieder"))
    # locations and memberships written by the factories: the loket's data version is raised
    # here, as the services and the admin do
    with django_capture_on_commit_callbacks(execute=True):
        for nummer in range(3):
            extra = maak_locatie(gent_huis, gent, naam=f"Extra {nummer}")
            AanbiederFactory(locatie=extra, gebruiker=aanbieder)
            VrijePlaatsFactory.create_batch(3, locatie=extra)
            open_aanbod(
                gent_huis, VrijePlaatsFactory(locatie=extra, aantal=2), None, kinderen=[{"voornaam": "X"}]
            )
        services.gewijzigd(gent_huis.pk)
    with CaptureQueriesContext(connection) as veel:
        antwoord = client.get(reverse("loket:aanbieder"))
    assert len(antwoord.context["locaties"]) == 4 and len(antwoord.context["lopend"]) == 4
    assert len(veel) == len(weinig)


def test_loket_zonder_aanbieder_ziet_waar_de_locaties_van_zijn_huis_staan(client, loket_medewerker, huis):
    client.force_login(loket_medewerker)
    tekst = client.get(reverse("loket:aanbieder")).content.decode()
    assert reverse("loket:locaties", kwargs={"huis_slug": huis.slug}) in tekst


def test_de_links_naar_loketten_gelden_alleen_voor_huizen_waar_men_voor_het_loket_werkt(
    client, huis, ander_huis, aanbieder
):
    LidmaatschapFactory(huis=huis, gebruiker=aanbieder, rol=Rol.LOKET)
    LidmaatschapFactory(huis=ander_huis, gebruiker=aanbieder, rol=Rol.COORDINATOR)
    client.force_login(aanbieder)
    tekst = client.get(reverse("loket:aanbieder")).content.decode()
    assert reverse("loket:locaties", kwargs={"huis_slug": huis.slug}) in tekst
    assert reverse("loket:locaties", kwargs={"huis_slug": ander_huis.slug}) not in tekst


def test_wie_niet_meer_voor_het_loket_werkt_krijgt_meteen_404(client, loket_medewerker):
    """The menu of the session still lists the Huis for a minute; access is asked every time."""
    client.force_login(loket_medewerker)
    assert client.get(reverse("loket:aanbieder")).status_code == 200
    loket_medewerker.lidmaatschappen.all().delete()
    assert client.get(reverse("loket:aanbieder")).status_code == 404


def test_wie_geen_aanbieder_of_loket_is_krijgt_404(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("loket:aanbieder")).status_code == 404


def test_anoniem_moet_aanmelden(client, locatie):
    for url in (reverse("loket:aanbieder"), reverse("loket:locatie", kwargs={"locatie_pk": locatie.pk})):
        antwoord = client.get(url)
        assert antwoord.status_code == 302 and antwoord["Location"].startswith(reverse("account_login"))


# --- confirming a placement ---------------------------------------------------------------------


def test_plaatsing_bevestigen_plaatst_het_kind_en_sluit_de_andere_voorkeuren(
    client, gent_huis, locatie, andere_locatie, aanbieder, loket_medewerker
):
    plaats = VrijePlaatsFactory(locatie=locatie)
    aanbod = aanvaard_aanbod(
        gent_huis,
        plaats,
        loket_medewerker,
        voorkeuren=[locatie, andere_locatie],
        kinderen=[{"voornaam": "Mila"}],
    )
    client.force_login(aanbieder)

    antwoord = client.post(reverse("loket:aanbod_bevestigen", kwargs={"aanbod_pk": aanbod.pk}), follow=True)

    vraag = aanbod.opvangvraag
    vraag.refresh_from_db()
    assert vraag.status == Status.GEPLAATST
    assert list(vraag.voorkeuren.filter(actief=True).values_list("locatie", flat=True)) == [locatie.pk]
    assert antwoord.redirect_chain[-1][0] == reverse("loket:aanbieder")
    assert "De plaatsing van Mila bij Kinderdagverblijf Het Nest is bevestigd" in antwoord.content.decode()


def test_bevestigen_van_een_open_aanbod_geeft_een_melding_en_verandert_niets(
    client, gent_huis, locatie, aanbieder, loket_medewerker
):
    aanbod = open_aanbod(gent_huis, VrijePlaatsFactory(locatie=locatie), loket_medewerker)
    client.force_login(aanbieder)

    antwoord = client.post(reverse("loket:aanbod_bevestigen", kwargs={"aanbod_pk": aanbod.pk}), follow=True)

    assert antwoord.status_code == 200
    assert "Alleen een aanbod dat het gezin aanvaardde" in antwoord.content.decode()
    aanbod.opvangvraag.refresh_from_db()
    assert aanbod.opvangvraag.status == Status.AANBOD


def test_bevestigen_kan_alleen_met_post(client, gent_huis, locatie, aanbieder, loket_medewerker):
    aanbod = aanvaard_aanbod(gent_huis, VrijePlaatsFactory(locatie=locatie), loket_medewerker)
    client.force_login(aanbieder)
    assert client.get(reverse("loket:aanbod_bevestigen", kwargs={"aanbod_pk": aanbod.pk})).status_code == 405


def test_het_loket_bevestigt_voor_de_aanbieder_en_keert_terug_naar_de_locatie(
    client, gent_huis, locatie, loket_medewerker
):
    aanbod = aanvaard_aanbod(gent_huis, VrijePlaatsFactory(locatie=locatie), loket_medewerker)
    client.force_login(loket_medewerker)
    locatie_url = reverse("loket:locatie", kwargs={"locatie_pk": locatie.pk})
    assert "Plaatsing bevestigen" in client.get(locatie_url).content.decode()

    antwoord = client.post(
        reverse("loket:aanbod_bevestigen", kwargs={"aanbod_pk": aanbod.pk}),
        {"terug": "https://elders.test/"},
    )

    assert antwoord["Location"] == locatie_url
    aanbod.opvangvraag.refresh_from_db()
    assert aanbod.opvangvraag.status == Status.GEPLAATST


# --- who may manage a location ------------------------------------------------------------------


def urls_van(plaats, aanbod=None):
    locatie = plaats.locatie_id
    urls = [
        ("get", reverse("loket:locatie", kwargs={"locatie_pk": locatie})),
        ("get", reverse("loket:locatie_wijzig", kwargs={"locatie_pk": locatie})),
        ("post", reverse("loket:locatie_wijzig", kwargs={"locatie_pk": locatie})),
        ("get", reverse("loket:plaats_nieuw", kwargs={"locatie_pk": locatie})),
        ("post", reverse("loket:plaats_nieuw", kwargs={"locatie_pk": locatie})),
        ("get", reverse("loket:plaats_wijzig", kwargs={"plaats_pk": plaats.pk})),
        ("post", reverse("loket:plaats_wijzig", kwargs={"plaats_pk": plaats.pk})),
        ("get", reverse("loket:plaats_verwijder", kwargs={"plaats_pk": plaats.pk})),
        ("post", reverse("loket:plaats_verwijder", kwargs={"plaats_pk": plaats.pk})),
    ]
    if aanbod is not None:
        urls.append(("post", reverse("loket:aanbod_bevestigen", kwargs={"aanbod_pk": aanbod.pk})))
    return urls


@pytest.mark.parametrize("wie", ["aanbieder elders", "loket van een ander Huis", "coördinator van het Huis"])
def test_wie_de_locatie_niet_beheert_krijgt_404(client, gent_huis, locatie, loket_medewerker, wie):
    plaats = VrijePlaatsFactory(locatie=locatie, aantal=2)
    aanbod = aanvaard_aanbod(gent_huis, plaats, loket_medewerker)
    gebruiker = {
        "aanbieder elders": lambda: AanbiederFactory().gebruiker,
        "loket van een ander Huis": lambda: LidmaatschapFactory(huis=HuisFactory(), rol=Rol.LOKET).gebruiker,
        "coördinator van het Huis": lambda: (
            LidmaatschapFactory(huis=gent_huis, rol=Rol.COORDINATOR).gebruiker
        ),
    }[wie]()
    client.force_login(gebruiker)

    for methode, url in urls_van(plaats, aanbod):
        antwoord = getattr(client, methode)(url, plaats_data(aantal="1"))
        assert antwoord.status_code == 404, (methode, url)

    plaats.refresh_from_db()
    aanbod.opvangvraag.refresh_from_db()
    assert plaats.aantal == 2 and aanbod.opvangvraag.status == Status.AANBOD
    assert not Inzage.objects.filter(gebruiker=gebruiker).exists()


def test_aanbieder_van_de_organisator_beheert_al_haar_locaties(client, locatie, andere_locatie):
    gebruiker = AanbiederFactory(locatie=None, organisator=locatie.organisator).gebruiker
    client.force_login(gebruiker)
    assert client.get(reverse("loket:locatie", kwargs={"locatie_pk": locatie.pk})).status_code == 200
    assert client.get(reverse("loket:locatie", kwargs={"locatie_pk": andere_locatie.pk})).status_code == 404


def test_het_loket_van_het_huis_wijzigt_vrije_plaatsen_voor_de_aanbieder(client, locatie, loket_medewerker):
    plaats = VrijePlaatsFactory(locatie=locatie, aantal=2)
    client.force_login(loket_medewerker)

    antwoord = client.post(
        reverse("loket:plaats_wijzig", kwargs={"plaats_pk": plaats.pk}),
        plaats_data(aantal="5", dagen=["0", "4"]),
    )

    assert antwoord.status_code == 302
    plaats.refresh_from_db()
    assert plaats.aantal == 5 and plaats.dagen == [0, 4] and plaats.bijgewerkt_door == loket_medewerker


def test_aanbieder_voegt_vrije_plaatsen_toe(client, locatie, aanbieder):
    client.force_login(aanbieder)
    formulier = client.get(reverse("loket:plaats_nieuw", kwargs={"locatie_pk": locatie.pk})).content.decode()
    assert "zaterdag" not in formulier  # only the opening days can be chosen

    antwoord = client.post(
        reverse("loket:plaats_nieuw", kwargs={"locatie_pk": locatie.pk}), plaats_data(aantal="3"), follow=True
    )

    plaats = VrijePlaats.objects.get(locatie=locatie)
    assert (plaats.aantal, plaats.dagen, plaats.leeftijdsgroep) == (3, [0, 1, 2], "baby")
    assert plaats.bijgewerkt_door == aanbieder
    assert "De vrije plaatsen zijn toegevoegd." in antwoord.content.decode()


@pytest.mark.parametrize(
    ("velden", "fout"),
    [
        ({"dagen": ["0", "5"]}, "De locatie is niet open op die dag"),
        ({"leeftijdsgroep": "schoolkind"}, "De locatie heeft geen plaatsen voor deze leeftijdsgroep"),
        ({"aantal": "11"}, "De locatie heeft 10 plaatsen voor baby"),
        ({"aantal": "0"}, "Vul minstens 1 in."),
        ({"vanaf": "2020-01-01"}, "Kies vandaag of een latere datum."),
        ({"dagen": []}, "Kies minstens één dag."),
        ({"aantal": "veel", "vanaf": "morgen", "dagen": ["x"], "dagdeel": "nacht"}, "Vul een getal in."),
    ],
)
def test_foute_vrije_plaatsen_worden_niet_bewaard(client, locatie, aanbieder, velden, fout):
    client.force_login(aanbieder)

    antwoord = client.post(
        reverse("loket:plaats_nieuw", kwargs={"locatie_pk": locatie.pk}), plaats_data(**velden)
    )

    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert fout in tekst
    assert "met uw invoer" in tekst  # the error summary
    assert not VrijePlaats.objects.exists()


def test_de_invoer_blijft_staan_na_een_fout(client, locatie, aanbieder):
    client.force_login(aanbieder)
    antwoord = client.post(
        reverse("loket:plaats_nieuw", kwargs={"locatie_pk": locatie.pk}),
        plaats_data(aantal="11", dagen=["3"]),
    )
    form = antwoord.context["form"]
    assert form["aantal"].value() == "11" and form["dagen"].value() == ["3"]


def test_het_aantal_zakt_niet_onder_wat_aanbiedingen_houden(
    client, gent_huis, locatie, aanbieder, loket_medewerker
):
    plaats = VrijePlaatsFactory(locatie=locatie, aantal=3)
    open_aanbod(gent_huis, plaats, loket_medewerker)
    aanvaard_aanbod(gent_huis, plaats, loket_medewerker)
    client.force_login(aanbieder)
    url = reverse("loket:plaats_wijzig", kwargs={"plaats_pk": plaats.pk})
    vanaf = plaats.vanaf.isoformat()

    antwoord = client.post(url, plaats_data(aantal="1", vanaf=vanaf, dagen=["0", "1", "2", "3", "4"]))

    assert antwoord.status_code == 200
    assert "het aantal kan niet lager dan 2" in antwoord.content.decode()
    plaats.refresh_from_db()
    assert plaats.aantal == 3

    antwoord = client.post(url, plaats_data(aantal="2", vanaf=vanaf, dagen=["0", "1", "2", "3", "4"]))
    plaats.refresh_from_db()
    assert antwoord.status_code == 302 and plaats.aantal == 2


def test_een_aangeboden_plaats_behoudt_haar_datum_dagen_en_leeftijdsgroep(
    client, gent_huis, locatie, aanbieder
):
    plaats = VrijePlaatsFactory(locatie=locatie, aantal=2)
    open_aanbod(gent_huis, plaats, None)
    client.force_login(aanbieder)
    url = reverse("loket:plaats_wijzig", kwargs={"plaats_pk": plaats.pk})
    assert client.get(url).context["form"].fields["leeftijdsgroep"].disabled

    antwoord = client.post(
        url, plaats_data(aantal="1", vanaf="2030-01-01", dagen=["0"], leeftijdsgroep="peuter")
    )

    assert antwoord.status_code == 302
    plaats.refresh_from_db()
    assert (plaats.aantal, plaats.leeftijdsgroep, plaats.dagen) == (1, "baby", [0, 1, 2, 3, 4])
    assert plaats.vanaf != datetime.date(2030, 1, 1)


def test_de_service_weigert_een_andere_leeftijdsgroep_voor_een_aangeboden_plaats(
    gent_huis, locatie, aanbieder
):
    from django.core.exceptions import ValidationError

    from loket.services.opvang import bewaar_vrije_plaats

    plaats = VrijePlaatsFactory(locatie=locatie, aantal=2)
    open_aanbod(gent_huis, plaats, None)
    gegevens = {"vanaf": plaats.vanaf, "dagen": [4, 3, 2, 1, 0], "dagdeel": "volle_dag", "aantal": 2}

    with pytest.raises(ValidationError, match="alleen het aantal kan nog veranderen"):
        bewaar_vrije_plaats(
            locatie=locatie, plaats=plaats, gegevens={**gegevens, "leeftijdsgroep": "peuter"}, door=aanbieder
        )
    bewaar_vrije_plaats(
        locatie=locatie, plaats=plaats, gegevens={**gegevens, "leeftijdsgroep": "baby"}, door=aanbieder
    )


def test_een_plaats_met_een_open_aanbod_kan_niet_weg(client, gent_huis, locatie, aanbieder):
    plaats = VrijePlaatsFactory(locatie=locatie, aantal=2)
    open_aanbod(gent_huis, plaats, None, kinderen=[{"voornaam": "Wout"}])
    client.force_login(aanbieder)
    url = reverse("loket:plaats_verwijder", kwargs={"plaats_pk": plaats.pk})
    assert "Ja, verwijderen" not in client.get(url).content.decode()

    antwoord = client.post(url)

    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "kunnen niet verwijderd worden" in tekst and "Wout" in tekst
    assert VrijePlaats.objects.filter(pk=plaats.pk).exists()


def test_een_vrije_plaats_verwijderen(client, locatie, aanbieder):
    plaats = VrijePlaatsFactory(locatie=locatie)
    client.force_login(aanbieder)
    url = reverse("loket:plaats_verwijder", kwargs={"plaats_pk": plaats.pk})
    assert "Ja, verwijderen" in client.get(url).content.decode()

    antwoord = client.post(url)

    assert antwoord["Location"] == reverse("loket:locatie", kwargs={"locatie_pk": locatie.pk})
    assert not VrijePlaats.objects.filter(pk=plaats.pk).exists()


# --- a location's data --------------------------------------------------------------------------


def test_aanbieder_wijzigt_de_gegevens_van_de_locatie(client, gent, locatie, aanbieder):
    client.force_login(aanbieder)

    antwoord = client.post(
        reverse("loket:locatie_wijzig", kwargs={"locatie_pk": locatie.pk}),
        locatie_data(
            locatie,
            naam="Het Nieuwe Nest",
            postcode="9050",
            opendagen=["0", "1", "2", "3"],
            capaciteit_schoolkind="4",
            inclusieve_opvang="on",
            actief=None,
        ),
    )

    assert antwoord.status_code == 302
    locatie.refresh_from_db()
    assert locatie.naam == "Het Nieuwe Nest" and locatie.postcode == "9050"
    assert locatie.opendagen == [0, 1, 2, 3] and locatie.capaciteit_schoolkind == 4
    assert locatie.inclusieve_opvang and not locatie.actief


def test_een_postcode_van_een_andere_gemeente_wordt_geweigerd(client, locatie, aanbieder):
    client.force_login(aanbieder)

    antwoord = client.post(
        reverse("loket:locatie_wijzig", kwargs={"locatie_pk": locatie.pk}),
        locatie_data(locatie, naam="Gewijzigd", postcode="9080"),
    )

    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Postcode 9080 ligt in Lochristi, niet in Gent." in tekst
    assert 'value="Gewijzigd"' in tekst
    locatie.refresh_from_db()
    assert locatie.naam == "Kinderdagverblijf Het Nest"


@pytest.mark.parametrize(
    ("velden", "fout"),
    [
        ({"open_van": "18:00", "open_tot": "08:00"}, "Het sluitingsuur moet na het openingsuur liggen."),
        ({"capaciteit_baby": "0", "capaciteit_peuter": "0"}, "Geef voor minstens één leeftijdsgroep"),
        ({"opendagen": []}, "Kies minstens één dag waarop de locatie open is."),
        ({"postcode": "12"}, "Vul een postcode van vier cijfers in."),
        ({"capaciteit_baby": "-3"}, "Vul 0 of meer in."),
        ({"telefoon": "bel me"}, "Vul een telefoonnummer in"),
        ({"gemeente": "999999"}, "Kies een gemeente uit het werkingsgebied"),
    ],
)
def test_foute_locatiegegevens_worden_niet_bewaard(client, locatie, aanbieder, velden, fout):
    client.force_login(aanbieder)
    antwoord = client.post(
        reverse("loket:locatie_wijzig", kwargs={"locatie_pk": locatie.pk}),
        locatie_data(locatie, naam="X", **velden),
    )
    assert antwoord.status_code == 200 and fout in antwoord.content.decode()
    locatie.refresh_from_db()
    assert locatie.naam == "Kinderdagverblijf Het Nest"


def test_capaciteit_en_opendagen_zakken_niet_onder_de_vrije_plaatsen(client, locatie, aanbieder):
    VrijePlaatsFactory(locatie=locatie, aantal=6, dagen=[0, 4])
    client.force_login(aanbieder)

    antwoord = client.post(
        reverse("loket:locatie_wijzig", kwargs={"locatie_pk": locatie.pk}),
        locatie_data(locatie, capaciteit_baby="5", opendagen=["0", "1", "2", "3"]),
    )

    tekst = antwoord.content.decode()
    assert "Er staan 6 vrije plaatsen voor baby" in tekst and "zijn er op vrijdag" in tekst
    locatie.refresh_from_db()
    assert locatie.capaciteit_baby == 10 and locatie.opendagen == [0, 1, 2, 3, 4]


# --- the loket's list of locations --------------------------------------------------------------


def test_het_loket_ziet_alle_locaties_van_zijn_huis(client, gent_huis, gent, locatie, loket_medewerker):
    maak_locatie(gent_huis, gent, naam="Gesloten Crèche", actief=False)
    ander = HuisFactory()
    maak_locatie(ander, ander.gemeenten.first(), naam="Crèche van een ander Huis")
    VrijePlaatsFactory(locatie=locatie, aantal=4)
    client.force_login(loket_medewerker)

    antwoord = client.get(reverse("loket:locaties", kwargs={"huis_slug": gent_huis.slug}))

    tekst = antwoord.content.decode()
    assert "Kinderdagverblijf Het Nest" in tekst and "Gesloten Crèche" in tekst
    assert "Crèche van een ander Huis" not in tekst
    assert [locatie.totaal_vrij for locatie in antwoord.context["locaties"]] == [4, 0]


@pytest.mark.parametrize("rol", [Rol.COORDINATOR, "loket elders", "opgroeien"])
def test_de_lijst_van_het_loket_is_alleen_voor_het_loket(client, gent_huis, rol):
    from tests.factories import UserFactory

    if rol == "opgroeien":
        gebruiker = UserFactory(opgroeien=True)
    elif rol == "loket elders":
        gebruiker = LidmaatschapFactory(huis=HuisFactory(), rol=Rol.LOKET).gebruiker
    else:
        gebruiker = LidmaatschapFactory(huis=gent_huis, rol=rol).gebruiker
    client.force_login(gebruiker)
    for naam in ("loket:locaties", "loket:locatie_nieuw"):
        url = reverse(naam, kwargs={"huis_slug": gent_huis.slug})
        assert client.get(url).status_code == 404
        assert client.post(url, {"naam": "X"}).status_code == 404
    assert not Opvanglocatie.objects.filter(naam="X").exists()


def nieuwe_locatie_data(gemeente, **velden):
    data = {
        "naam": "Crèche Zonnestraal",
        "straat": "Zonnestraat 5",
        "postcode": "9000",
        "gemeente": str(gemeente.pk),
        "organisator_naam": "Zonnestraal vzw",
        "soort": "gezinsopvang",
        "tarief": "vrije_prijs",
        "capaciteit_baby": "4",
        "capaciteit_peuter": "4",
        "capaciteit_schoolkind": "0",
        "opendagen": ["0", "1", "2", "3", "4"],
        "open_van": "07:30",
        "open_tot": "18:00",
        "actief": "on",
    }
    data.update(velden)
    return data


def test_het_loket_voegt_een_locatie_toe_met_een_nieuwe_organisator(
    client, gent_huis, gent, loket_medewerker
):
    client.force_login(loket_medewerker)

    antwoord = client.post(
        reverse("loket:locatie_nieuw", kwargs={"huis_slug": gent_huis.slug}), nieuwe_locatie_data(gent)
    )

    locatie = Opvanglocatie.objects.get(naam="Crèche Zonnestraal")
    assert antwoord["Location"] == reverse("loket:locatie", kwargs={"locatie_pk": locatie.pk})
    assert locatie.huis == gent_huis and locatie.organisator.naam == "Zonnestraal vzw"

    # the same name again is the same organiser
    client.post(
        reverse("loket:locatie_nieuw", kwargs={"huis_slug": gent_huis.slug}),
        nieuwe_locatie_data(gent, naam="Crèche Maneschijn", organisator_naam="zonnestraal VZW"),
    )
    assert Organisator.objects.filter(naam__iexact="zonnestraal vzw").count() == 1
    assert Opvanglocatie.objects.get(naam="Crèche Maneschijn").organisator == locatie.organisator


def test_een_bestaande_organisator_kiezen(client, gent_huis, gent, locatie, loket_medewerker):
    client.force_login(loket_medewerker)
    client.post(
        reverse("loket:locatie_nieuw", kwargs={"huis_slug": gent_huis.slug}),
        nieuwe_locatie_data(gent, organisator=str(locatie.organisator_id), organisator_naam=""),
    )
    assert Opvanglocatie.objects.get(naam="Crèche Zonnestraal").organisator == locatie.organisator


def test_een_nieuwe_locatie_buiten_het_werkingsgebied_wordt_geweigerd(
    client, gent_huis, lochristi, loket_medewerker
):
    client.force_login(loket_medewerker)

    antwoord = client.post(
        reverse("loket:locatie_nieuw", kwargs={"huis_slug": gent_huis.slug}),
        nieuwe_locatie_data(lochristi, postcode="9080"),
    )

    assert antwoord.status_code == 200
    assert "Kies een gemeente uit het werkingsgebied van Huis van het Kind Eigen" in antwoord.content.decode()
    assert not Opvanglocatie.objects.exists()
    assert not Organisator.objects.filter(naam="Zonnestraal vzw").exists()


def test_de_service_weigert_een_gemeente_buiten_het_werkingsgebied(gent_huis, lochristi, loket_medewerker):
    from django.core.exceptions import ValidationError

    from loket.services.opvang import bewaar_locatie

    gegevens = {
        "naam": "X",
        "straat": "Straat 1",
        "postcode": "9080",
        "gemeente": lochristi,
        "soort": "groepsopvang",
        "tarief": "inkomenstarief",
        "capaciteit_baby": 3,
        "opendagen": [0, 1],
        "open_van": datetime.time(7),
        "open_tot": datetime.time(18),
        "organisator_naam": "Nieuw vzw",
    }
    with pytest.raises(ValidationError) as fout:
        bewaar_locatie(huis=gent_huis, gegevens=gegevens, door=loket_medewerker)
    assert "gemeente" in fout.value.message_dict
    assert not Opvanglocatie.objects.exists()


def test_de_bezetting_in_lijsten_telt_zoals_bezet_en_vrij(gent_huis, locatie, loket_medewerker):
    from loket import selectors
    from loket.selectors.opvang import vrije_plaatsen_met_bezetting

    leeg = VrijePlaatsFactory(locatie=locatie, aantal=2)
    half = VrijePlaatsFactory(locatie=locatie, aantal=3)
    vol = VrijePlaatsFactory(locatie=locatie, aantal=1)
    open_aanbod(gent_huis, half, loket_medewerker)
    geweigerd = open_aanbod(gent_huis, half, loket_medewerker)
    services.beantwoord_aanbod(aanbod=geweigerd, aanvaard=False)
    aanvaard_aanbod(gent_huis, vol, loket_medewerker)

    for plaats in vrije_plaatsen_met_bezetting(VrijePlaats.objects.filter(locatie=locatie)):
        assert plaats.bezet_aantal == selectors.bezet(plaats), plaats
        assert plaats.vrij_aantal == selectors.vrij(plaats), plaats
    assert {p.pk: p.vrij_aantal for p in vrije_plaatsen_met_bezetting()} == {
        leeg.pk: 2,
        half.pk: 2,
        vol.pk: 0,
    }


def test_een_eerder_aangeboden_plaats_wordt_ingetrokken_en_niet_meer_aangeboden(
    client, gent_huis, locatie, aanbieder
):
    plaats = VrijePlaatsFactory(locatie=locatie, aantal=2)
    aanbod = open_aanbod(gent_huis, plaats, None)
    services.beantwoord_aanbod(aanbod=aanbod, aanvaard=False)
    client.force_login(aanbieder)

    antwoord = client.post(reverse("loket:plaats_verwijder", kwargs={"plaats_pk": plaats.pk}))

    assert antwoord.status_code == 302
    plaats.refresh_from_db()
    assert not plaats.actief and plaats.aanbiedingen.count() == 1  # the declined offer keeps its place
    assert selectors.vrij(plaats) == 0
    assert plaats.pk not in {p.pk for p in vrije_plaatsen_met_bezetting().filter(vrij_aantal__gt=0)}
    # the loket cannot offer it any more
    with pytest.raises(ValidationError, match="niet meer vrij"):
        services.doe_aanbod(vraag=aanbod.opvangvraag, plaats=plaats, door=None)


def test_het_dashboard_volgt_een_wijziging_meteen_en_logt_elke_inzage(
    client, gent_huis, locatie, aanbieder, loket_medewerker, django_capture_on_commit_callbacks
):
    """The page is cached per provider and data version of the lokets of its locations: an offer
    the family accepts and a confirmed placement show on the next visit, and every visit that
    shows a family's contact data is in the audit log, also when the page came from the cache."""
    client.force_login(aanbieder)
    url = reverse("loket:aanbieder")
    with django_capture_on_commit_callbacks(execute=True):
        aanbod = open_aanbod(
            gent_huis,
            VrijePlaatsFactory(locatie=locatie, aantal=2),
            loket_medewerker,
            kinderen=[{"voornaam": "Noor"}],
        )
    assert "Plaatsing bevestigen" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.beantwoord_aanbod(aanbod=aanbod, aanvaard=True)
    for _ in range(2):
        html = client.get(url).content.decode()
        assert "Plaatsing bevestigen<span" in html and "plaatshouder" not in html
    assert Inzage.objects.filter(gebruiker=aanbieder, opvangvraag=aanbod.opvangvraag).count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        services.bevestig_plaatsing(aanbod=aanbod, door=aanbieder)
    html = client.get(url).content.decode()
    assert "Plaatsing bevestigen<span" not in html
    assert "Er zijn geen aanvaarde plaatsen" in html
