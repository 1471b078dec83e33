"""The family on the waiting list reads an honest indication of its wait: how many families wait
before it for the same locations, and the median wait of those placed there in the last year.

The expected figures are worked out by hand from the small world built here."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from loket import services
from loket.models import Aanbod, AanbodStatus, Voorkeur
from loket.selectors.gezin import wachtindicatie
from tests.factories import OpvanglocatieFactory, OpvangvraagFactory, VrijePlaatsFactory

pytestmark = pytest.mark.django_db

VANDAAG = timezone.localdate()
WENS = (VANDAAG + datetime.timedelta(days=120)).replace(day=15)
VORIGE_MAAND = (WENS.replace(day=1) - datetime.timedelta(days=1)).replace(day=10)
VOLGENDE_MAAND = (WENS.replace(day=28) + datetime.timedelta(days=10)).replace(day=2)


def middag(dagen_geleden: int) -> datetime.datetime:
    """Noon (local time) so many days ago: whole calendar days between two of them."""
    dag = VANDAAG - datetime.timedelta(days=dagen_geleden)
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time(12)))


@pytest.fixture
def locaties(huis):
    return {naam: OpvanglocatieFactory(huis=huis, naam=naam) for naam in ("A", "B", "C")}


@pytest.fixture
def gezin(huis, locaties):
    """One priority group (care for work), not vulnerable, locations A and B, a baby."""
    return OpvangvraagFactory(
        huis=huis,
        gewenste_start=WENS,
        opvang_voor_werk=True,
        voorkeuren=[locaties["A"], locaties["B"]],
        email="wacht@ouders.test",
    )


def wachtend(huis, locatie, start, **velden):
    return OpvangvraagFactory(huis=huis, gewenste_start=start, voorkeuren=[locatie], **velden)


@pytest.fixture
def wachtlijst(huis, locaties):
    """Ten other requests; the ones marked + wait before the family."""
    a, b, c = locaties["A"], locaties["B"], locaties["C"]
    wachtend(huis, a, VORIGE_MAAND, opvang_voor_werk=True)  # + earlier month, same priority
    wachtend(huis, b, WENS.replace(day=28), opvang_voor_werk=True, alleenstaande_ouder=True)  # + more
    wachtend(huis, a, VOLGENDE_MAAND, opvang_voor_werk=True)  # later month
    wachtend(huis, c, VORIGE_MAAND, opvang_voor_werk=True)  # another location
    wachtend(huis, a, VORIGE_MAAND)  # less priority: no priority group
    wachtend(huis, a, WENS, kw_huisvesting=True, kw_thuistaal=True)  # + vulnerable comes first
    wachtend(huis, b, VORIGE_MAAND, opvang_voor_werk=True, status="aanbod")  # + an open offer still waits
    wachtend(huis, a, VORIGE_MAAND, opvang_voor_werk=True, status="geplaatst")  # placed
    wachtend(huis, a, VORIGE_MAAND, opvang_voor_werk=True, status="ingediend")  # not in the queue yet
    beeindigd = wachtend(huis, a, VORIGE_MAAND, opvang_voor_werk=True)
    Voorkeur.objects.filter(opvangvraag=beeindigd).update(actief=False)  # no longer chooses A


def plaatsing(huis, locatie, *, dagen_gewacht, dagen_geleden, status=AanbodStatus.BEVESTIGD, **velden):
    """A family placed at `locatie` `dagen_geleden` days ago after waiting `dagen_gewacht` days."""
    vraag = OpvangvraagFactory(
        huis=huis, status="geplaatst", bevestigd=middag(dagen_geleden + dagen_gewacht), **velden
    )
    return Aanbod.objects.create(
        opvangvraag=vraag,
        plaats=VrijePlaatsFactory(locatie=locatie),
        status=status,
        deadline=VANDAAG,
        bevestigd=middag(dagen_geleden),
    )


@pytest.fixture
def plaatsingen(huis, locaties):
    """Waits of 100, 40, 200, 70 and 130 days count; four other placements do not."""
    a, b, c = locaties["A"], locaties["B"], locaties["C"]
    plaatsing(huis, a, dagen_gewacht=100, dagen_geleden=30)
    plaatsing(huis, b, dagen_gewacht=40, dagen_geleden=10)
    plaatsing(huis, a, dagen_gewacht=200, dagen_geleden=300)
    plaatsing(huis, a, dagen_gewacht=70, dagen_geleden=5)
    plaatsing(huis, b, dagen_gewacht=130, dagen_geleden=60)
    plaatsing(huis, a, dagen_gewacht=90, dagen_geleden=400)  # more than 12 months ago
    plaatsing(huis, c, dagen_gewacht=10, dagen_geleden=20)  # another location
    peuter = [{"geboortedatum": VANDAAG - datetime.timedelta(days=700)}]
    plaatsing(huis, a, dagen_gewacht=20, dagen_geleden=20, kinderen=peuter)  # another age group
    plaatsing(huis, a, dagen_gewacht=15, dagen_geleden=3, status=AanbodStatus.AANVAARD)  # not placed yet


def test_de_cijfers_op_een_kleine_wachtlijst(gezin, wachtlijst, plaatsingen, django_assert_num_queries):
    with django_assert_num_queries(2):
        indicatie = wachtindicatie(gezin)
    # before the family: the earlier month, the one with more priority, the vulnerable family and
    # the family with an open offer
    assert indicatie.voor_u == 4
    assert indicatie.voor_u_tekst == "minder dan 5"  # 1 to 4 are hidden, as in the loket's figures
    # 40, 70, 100, 130, 200: the middle one
    assert indicatie.geplaatst == 5
    assert indicatie.mediaan_dagen == 100
    assert indicatie.wachttijd_tekst == "ongeveer 3 maanden"  # 100 / 30.44 = 3.3


def test_vijf_gezinnen_worden_getoond_en_een_korte_wachttijd_in_dagen(huis, gezin, locaties, wachtlijst):
    wachtend(huis, locaties["B"], WENS, opvang_voor_werk=True)
    for dagen in (20, 31, 45, 50, 58, 12):
        plaatsing(huis, locaties["A"], dagen_gewacht=dagen, dagen_geleden=7)
    indicatie = wachtindicatie(gezin)
    assert (indicatie.voor_u, indicatie.voor_u_tekst) == (5, "5")
    # 12, 20, 31, 45, 50, 58: the mean of the middle two is 38
    assert (indicatie.mediaan_dagen, indicatie.wachttijd_tekst) == (38, "38 dagen")


def test_onder_vijf_plaatsingen_geen_wachttijd(huis, gezin, locaties):
    for dagen in (10, 20, 30, 40):
        plaatsing(huis, locaties["A"], dagen_gewacht=dagen, dagen_geleden=7)
    indicatie = wachtindicatie(gezin)
    assert indicatie.voor_u == 0 and indicatie.voor_u_tekst == "0"
    assert indicatie.geplaatst == 4 and indicatie.mediaan_dagen is None and indicatie.wachttijd_tekst == ""


def test_alleen_op_de_wachtlijst(gezin):
    gezin.status = "ingediend"
    assert wachtindicatie(gezin) is None


def pagina(client, vraag) -> str:
    return client.get(reverse("loket:aanvraag", kwargs={"token": vraag.token})).content.decode()


def test_de_statuspagina_legt_de_indicatie_in_een_zin_uit(client, gezin, wachtlijst, plaatsingen):
    html = pagina(client, gezin)
    assert "Gezinnen die vóór u wachten</dt><dd>minder dan 5</dd>" in html
    assert "ongeveer 3 maanden (mediaan)" in html
    assert "dat is een inschatting, geen belofte." in html
    assert ",00" not in html


def test_de_statuspagina_telt_in_een_vast_aantal_queries(
    client, huis, gezin, locaties, wachtlijst, plaatsingen, django_capture_on_commit_callbacks
):
    pagina(client, gezin)  # warm caches
    cache.clear()  # count the page as computed, not as read from the cache
    with CaptureQueriesContext(connection) as weinig:
        pagina(client, gezin)
    # written by the factories: the loket's data version is raised here, as a service does
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            wachtend(huis, locaties["A"], VORIGE_MAAND, opvang_voor_werk=True)
            plaatsing(huis, locaties["B"], dagen_gewacht=33, dagen_geleden=9)
        services.gewijzigd(huis.pk)
    with CaptureQueriesContext(connection) as meer:
        html = pagina(client, gezin)
    assert "Gezinnen die vóór u wachten</dt><dd>7</dd>" in html
    assert len(meer) == len(weinig)
