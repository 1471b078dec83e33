"""The family's private page tells the truth in every state: what it says and what it offers.

The states and their texts are one table (`loket.stand`); these tests walk a family into each
state through the services and read the page as the family does."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from kern.models import UitgaandeMail
from loket import services, stand
from loket.models import Status
from tests.factories import OpvanglocatieFactory, OpvangvraagFactory, VrijePlaatsFactory

pytestmark = pytest.mark.django_db

VANDAAG = timezone.localdate
START = VANDAAG() + datetime.timedelta(days=60)

# What the family can click on its page, by action of the table.
KNOPPEN = {
    stand.BEVESTIG_ADRES: "Mijn e-mailadres bevestigen",
    stand.HERBEVESTIG: "Ja, ik zoek nog opvang",
    stand.AANBOD_BEANTWOORDEN: "Plaats bij Kinderdagverblijf Het Nest aanvaarden",
    stand.WIJZIG: "Uw aanvraag wijzigen",
    stand.INTREKKEN: "Uw aanvraag intrekken",
    stand.GEGEVENS: "Uw gegevens wissen",
}


@pytest.fixture
def nest(huis, referentiedata):
    from huizen.models import Gemeente
    from tests.factories import voeg_toe_aan_gebied

    voeg_toe_aan_gebied(huis, Gemeente.objects.get(naam="Gent", opvolger=None))
    return OpvanglocatieFactory(
        huis=huis,
        naam="Kinderdagverblijf Het Nest",
        straat="Nestweg 7",
        email="info@hetnest.test",
        telefoon="09 123 45 67",
    )


@pytest.fixture
def gezin(huis, nest):
    return OpvangvraagFactory(
        huis=huis,
        email="gezin@ouders.test",
        gewenste_start=START,
        dagen=[0, 1, 3],
        voorkeuren=[nest],
        kinderen=[{"voornaam": "Mila", "geboortedatum": VANDAAG() - datetime.timedelta(days=60)}],
    )


def _aanbod(vraag, nest, medewerker):
    plaats = VrijePlaatsFactory(locatie=nest, vanaf=START, dagen=[0, 1, 3])
    return services.doe_aanbod(vraag=vraag, plaats=plaats, door=medewerker)


def breng_in_stand(sleutel, vraag, nest, medewerker):
    """Walk the family's request into the state `sleutel` of `loket.stand`."""
    if sleutel == stand.INGEDIEND:
        vraag.status, vraag.bevestigd, vraag.herbevestigd = Status.INGEDIEND, None, None
        vraag.save()
    elif sleutel == stand.HERBEVESTIGEN:
        services.vraag_herbevestiging(vraag_id=vraag.pk)
    elif sleutel == stand.AANBOD:
        _aanbod(vraag, nest, medewerker)
    elif sleutel == stand.AANVAARD:
        services.beantwoord_aanbod(aanbod=_aanbod(vraag, nest, medewerker), aanvaard=True)
    elif sleutel == stand.GEPLAATST:
        aanbod = services.beantwoord_aanbod(aanbod=_aanbod(vraag, nest, medewerker), aanvaard=True)
        services.bevestig_plaatsing(aanbod=aanbod, door=medewerker)
    elif sleutel == stand.INGETROKKEN:
        services.trek_in(vraag=vraag)
    elif sleutel == stand.VERLOPEN:
        services.laat_verlopen(vraag_id=vraag.pk, reden="Niet herbevestigd.")


def pagina(client, vraag) -> str:
    antwoord = client.get(reverse("loket:aanvraag", kwargs={"token": vraag.token}))
    assert antwoord.status_code == 200
    return antwoord.content.decode()


@pytest.mark.parametrize(
    ("sleutel", "titel", "acties"),
    [
        (
            stand.INGEDIEND,
            "Wacht op bevestiging van uw e-mailadres",
            {stand.BEVESTIG_ADRES, stand.WIJZIG, stand.INTREKKEN},
        ),
        (stand.ACTIEF, "Op de wachtlijst", {stand.WIJZIG, stand.INTREKKEN}),
        (
            stand.HERBEVESTIGEN,
            "Bevestig dat u nog opvang zoekt",
            {stand.HERBEVESTIG, stand.WIJZIG, stand.INTREKKEN},
        ),
        (stand.AANBOD, "Er is een plaats voor u", {stand.AANBOD_BEANTWOORDEN, stand.WIJZIG, stand.INTREKKEN}),
        (
            stand.AANVAARD,
            "Aanvaard, wacht op bevestiging van Kinderdagverblijf Het Nest",
            {stand.WIJZIG, stand.INTREKKEN},
        ),
        (stand.GEPLAATST, "Geplaatst bij Kinderdagverblijf Het Nest", set()),
        (stand.INGETROKKEN, "Ingetrokken", set()),
        (stand.VERLOPEN, "Verlopen", set()),
    ],
)
def test_de_pagina_zegt_per_stand_wat_er_is_en_toont_alleen_wat_kan(
    client, gezin, nest, loket_medewerker, sleutel, titel, acties
):
    breng_in_stand(sleutel, gezin, nest, loket_medewerker)
    gezin.refresh_from_db()
    html = pagina(client, gezin)

    assert re.search(rf'<h2 id="status-titel">{re.escape(titel)}</h2>', html)
    assert str(stand.STANDEN[sleutel].zin).format(opvang=nest.naam) in html
    for actie, knop in KNOPPEN.items():
        assert (knop in html) == (actie in acties | {stand.GEGEVENS}), actie
    # the button that used to be on every open request's page is gone
    assert "Bevestigen dat ik nog opvang zoek" not in html
    assert gezin.nummer in html


def test_meteen_na_het_bevestigen_van_het_adres_vraagt_de_pagina_niets(client, gezin):
    gezin.status, gezin.bevestigd, gezin.herbevestigd = Status.INGEDIEND, None, None
    gezin.save()
    client.post(reverse("loket:bevestig", kwargs={"token": gezin.token}))
    html = client.get(reverse("loket:aanvraag", kwargs={"token": gezin.token})).content.decode()
    assert "Op de wachtlijst" in html
    assert "U hoeft nu niets te doen" in html
    assert "ik zoek nog opvang" not in html and "Mijn e-mailadres bevestigen" not in html


def test_na_het_aanvaarden_wacht_de_pagina_op_de_opvang_zonder_antwoordknoppen(
    client, gezin, nest, loket_medewerker
):
    breng_in_stand(stand.AANVAARD, gezin, nest, loket_medewerker)
    gezin.refresh_from_db()
    html = pagina(client, gezin)
    assert "Aanvaard, wacht op bevestiging van Kinderdagverblijf Het Nest" in html
    assert "Er is een plaats voor u" not in html
    assert "hieronder" not in html
    assert "aanvaarden</button>" not in html


def test_geplaatst_toont_waar_vanaf_wanneer_welke_dagen_en_het_contact(client, gezin, nest, loket_medewerker):
    breng_in_stand(stand.GEPLAATST, gezin, nest, loket_medewerker)
    gezin.refresh_from_db()
    html = pagina(client, gezin)
    plaats = html[html.index('id="plaatsing-titel"') :]
    assert "Kinderdagverblijf Het Nest" in plaats
    assert "Nestweg 7, 9000 Gent" in plaats
    assert date_format(START, "j F Y") in plaats
    assert "maandag, dinsdag, donderdag" in plaats
    assert "09 123 45 67" in plaats and "info@hetnest.test" in plaats


def test_de_gezinssituatie_toont_alleen_wat_van_toepassing_is(client, gezin, nest):
    html = pagina(client, gezin)
    assert "Broer of zus al in opvang op" not in html
    assert "<dd>nee</dd>" not in html
    gezin.broer_zus_locatie = nest
    gezin.alleenstaande_ouder = True
    gezin.save()
    html = pagina(client, gezin)
    assert re.search(r"Broer of zus al in opvang op</dt><dd>Kinderdagverblijf Het Nest", html)
    assert re.search(r"Alleenstaande ouder</dt><dd>ja", html)
    assert "<dd>nee</dd>" not in html


def test_de_onderwerpen_van_de_mails_komen_uit_dezelfde_tabel(gezin, nest, loket_medewerker):
    breng_in_stand(stand.GEPLAATST, gezin, nest, loket_medewerker)
    onderwerpen = list(
        UitgaandeMail.objects.filter(aan="gezin@ouders.test")
        .order_by("pk")
        .values_list("onderwerp", flat=True)
    )
    verwacht = [
        stand.aanbod_onderwerp("open", opvang=nest.naam),
        stand.aanbod_onderwerp("aanvaard", opvang=nest.naam),
        stand.onderwerp(stand.GEPLAATST),
    ]
    assert onderwerpen == [f"{onderwerp} ({gezin.nummer})" for onderwerp in verwacht]


def test_het_aanbod_toont_alles_om_te_beslissen(client, gezin, nest, loket_medewerker):
    aanbod = _aanbod(gezin, nest, loket_medewerker)
    gezin.refresh_from_db()
    for html in (
        pagina(client, gezin),
        client.get(
            reverse("loket:aanbod_antwoord", kwargs={"token": gezin.token, "aanbod_pk": aanbod.pk})
        ).content.decode(),
    ):
        assert "Nestweg 7, 9000 Gent" in html
        assert date_format(START, "j F Y") in html
        assert "maandag, dinsdag, donderdag" in html
        assert "Volle dagen" in html
        assert "Inkomenstarief (prijs volgens inkomen)" in html
        assert "maandag tot vrijdag, 07:00 tot 18:30" in html
        assert "09 123 45 67" in html and "info@hetnest.test" in html
        assert date_format(aanbod.deadline, "l j F Y") in html


def test_elke_mail_aan_het_gezin_noemt_het_aanvraagnummer(gezin, nest, loket_medewerker):
    breng_in_stand(stand.GEPLAATST, gezin, nest, loket_medewerker)
    mails = UitgaandeMail.objects.filter(aan="gezin@ouders.test")
    assert mails.count() == 3
    for mail in mails:
        assert gezin.nummer in mail.onderwerp and f"Uw aanvraagnummer: {gezin.nummer}" in mail.tekst


def test_intrekken_bevestigen_we_per_mail_met_het_aanvraagnummer(client, gezin):
    antwoord = client.post(reverse("loket:intrekken", kwargs={"token": gezin.token}), {"reden": "Verhuisd."})
    assert antwoord.status_code in (302, 303)
    mail = UitgaandeMail.objects.get(aan="gezin@ouders.test")
    assert mail.onderwerp == f"{stand.onderwerp(stand.INGETROKKEN)} ({gezin.nummer})"
    assert "U hebt uw aanvraag voor kinderopvang bij" in mail.tekst
    assert f"Uw aanvraagnummer: {gezin.nummer}" in mail.tekst
    assert reverse("loket:aanvraag", kwargs={"token": gezin.token}) in mail.tekst


def test_intrekken_door_het_loket_zegt_dat_het_loket_het_deed(gezin, loket_medewerker):
    services.trek_in(vraag=gezin, reden="Belde: opvang elders.", door=loket_medewerker)
    mail = UitgaandeMail.objects.get(aan="gezin@ouders.test")
    assert "heeft uw aanvraag voor kinderopvang op uw vraag ingetrokken" in mail.tekst


def test_wie_een_aanbod_weigert_en_stopt_krijgt_een_mail_niet_twee(gezin, nest, loket_medewerker):
    aanbod = _aanbod(gezin, nest, loket_medewerker)
    services.beantwoord_aanbod(aanbod=aanbod, aanvaard=False, blijf_op_wachtlijst=False)
    gezin.refresh_from_db()
    assert gezin.status == Status.INGETROKKEN
    onderwerpen = list(
        UitgaandeMail.objects.filter(aan="gezin@ouders.test")
        .order_by("pk")
        .values_list("onderwerp", flat=True)
    )
    assert onderwerpen == [
        f"{stand.aanbod_onderwerp('open', opvang=nest.naam)} ({gezin.nummer})",
        f"{stand.aanbod_onderwerp('geweigerd', opvang=nest.naam)} ({gezin.nummer})",
    ]


def test_ook_de_mail_aan_de_opvang_noemt_het_aanvraagnummer(gezin, nest, loket_medewerker):
    breng_in_stand(stand.AANVAARD, gezin, nest, loket_medewerker)
    mail = UitgaandeMail.objects.get(aan="info@hetnest.test")
    assert gezin.nummer in mail.onderwerp and f"Aanvraagnummer: {gezin.nummer}" in mail.tekst


@pytest.mark.parametrize(
    "sleutel",
    [
        stand.ACTIEF,
        stand.HERBEVESTIGEN,
        stand.AANBOD,
        stand.AANVAARD,
        stand.GEPLAATST,
        stand.INGETROKKEN,
        stand.VERLOPEN,
    ],
)
def test_wie_in_een_stand_komt_krijgt_de_mail_van_de_tabel(gezin, nest, loket_medewerker, sleutel):
    """State by state: the last mail to the family has the subject of the table, with the number."""
    if sleutel == stand.ACTIEF:
        gezin.status, gezin.bevestigd, gezin.herbevestigd = Status.INGEDIEND, None, None
        gezin.save()
        services.bevestig_adres(vraag=gezin)
    else:
        breng_in_stand(sleutel, gezin, nest, loket_medewerker)
    gezin.refresh_from_db()
    assert stand.sleutel(gezin, gezin.aanbiedingen.all()) == sleutel
    laatste = UitgaandeMail.objects.filter(aan="gezin@ouders.test").latest("pk")
    verwacht = str(stand.STANDEN[sleutel].onderwerp).format(opvang=nest.naam)
    assert laatste.onderwerp == f"{verwacht} ({gezin.nummer})"
    assert f"Uw aanvraagnummer: {gezin.nummer}" in laatste.tekst


def test_de_pagina_toont_elke_stap_meteen_ook_uit_de_cache(
    client, gezin, nest, loket_medewerker, django_capture_on_commit_callbacks
):
    """The page is cached per state of the request and data version of its loket: an offer of
    the loket, the family's answer and a change of the request's own row show on the next visit,
    and its forms carry this visitor's CSRF token, never a shared one."""
    assert "Er is een plaats voor u" not in pagina(client, gezin)
    with django_capture_on_commit_callbacks(execute=True):
        aanbod = _aanbod(gezin, nest, loket_medewerker)
    html = pagina(client, gezin)
    assert "Er is een plaats voor u" in html
    assert "plaatshouder" not in html
    assert f'value="{client.cookies["csrftoken"].value}"' not in html  # masked, as Django does
    assert re.search(r'name="csrfmiddlewaretoken" value="[A-Za-z0-9]{64}"', html)
    with django_capture_on_commit_callbacks(execute=True):
        services.beantwoord_aanbod(aanbod=aanbod, aanvaard=True)
    html = pagina(client, gezin)
    assert "Aanvaard, wacht op bevestiging van Kinderdagverblijf Het Nest" in html
    assert "aanvaarden</button>" not in html
    # a write past the services (no version raised) still shows: the key holds the request's row
    gezin.refresh_from_db()
    gezin.nummer = "GENT-2099-00042"
    gezin.save(update_fields=["nummer"])
    assert "GENT-2099-00042" in pagina(client, gezin)
