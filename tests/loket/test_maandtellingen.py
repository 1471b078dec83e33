"""The monthly counts behind the loket's figures: whatever writes a request or a choice (a service,
a QuerySet, a model), the figures read from them are those counted from the requests themselves,
for whole months, for the days around them and for periods within one month."""

import datetime

import pytest
from django.core.cache import cache
from django.db.models import Q

from kern.cijfers import Periode
from loket import services
from loket.cijfers import gegevens, maandtellingen
from loket.models import (
    KeuzeMaandtelling,
    Opvangvraag,
    Status,
    StatusMaandtelling,
    Telwijziging,
    Voorkeur,
)
from loket.selectors import cijfers as loketcijfers
from tests.factories import OpvanglocatieFactory, UserFactory
from tests.loket.test_rapportage import PERIODE, gegevensset, moment, rij  # noqa: F401  (fixture)
from tests.storingen import GEEN_REDIS, broker_op  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

PERIODES = [
    PERIODE,  # twelve whole months
    Periode(datetime.date(2025, 2, 15), datetime.date(2025, 9, 20)),  # months and days around them
    Periode(datetime.date(2025, 3, 1), datetime.date(2025, 3, 20)),  # days of one month
    Periode(datetime.date(2024, 12, 31), datetime.date(2025, 1, 31)),  # a request at 23:30 local time
]


def filters(set_) -> list[Q]:
    return [Q(huis=set_.huis), Q(gemeente=set_.gemeente_b), Q(huis=set_.huis, gemeente=set_.gemeente_a), Q()]


def assert_gelijk_aan_de_aanvragen(set_) -> None:
    """Every figure read from the monthly counts equals the same figure counted from the requests."""
    maandtellingen.werk_bij()
    for periode in PERIODES:
        for vragen in filters(set_):
            uit_maanden = gegevens.lees_tellingen(vragen, Q(), periode, met_huizen=True)
            uit_aanvragen = gegevens.lees_tellingen(
                vragen, Q(), periode, met_huizen=True, maandtellingen=False
            )
            assert uit_maanden == uit_aanvragen, (periode, vragen)
            # the tables list the (loket, gemeente) pairs in the order of their first request
            assert list(uit_maanden.per_loket_gemeente) == list(uit_aanvragen.per_loket_gemeente)


def totaal(set_, periode=PERIODE) -> int:
    cache.clear()  # writes past the services raise no data versions
    return rij(loketcijfers.cijfers_loket(set_.huis, periode).tabellen["gemeenten"], "Totaal")[3]


def test_de_maandtellingen_geven_de_cijfers_van_de_aanvragen_zelf(gegevensset):  # noqa: F811
    assert_gelijk_aan_de_aanvragen(gegevensset)
    # the whole months are read from the monthly counts, not recounted per read
    assert StatusMaandtelling.objects.filter(huis=gegevensset.huis).count() >= 9
    assert KeuzeMaandtelling.objects.filter(huis=gegevensset.huis, locatie=gegevensset.l1).exists()
    assert totaal(gegevensset) == 9
    # a request submitted at 23:30 on 31 December (local time) counts in December, not January
    assert totaal(gegevensset, Periode(datetime.date(2024, 12, 1), datetime.date(2024, 12, 31))) == 1
    assert totaal(gegevensset, Periode(datetime.date(2025, 1, 1), datetime.date(2025, 1, 31))) == 0


def test_de_diensten_tellen_hun_maand_opnieuw_zodra_ze_schrijven(
    gegevensset,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    maandtellingen.werk_bij()
    a4 = gegevensset.vragen["a4"]
    with django_capture_on_commit_callbacks(execute=True):
        services.trek_in(vraag=a4, reden="Opvang gevonden", door=UserFactory())
    # counted once the write committed: nothing is left for a reader, and the counts are right
    assert not Telwijziging.objects.exists()
    assert StatusMaandtelling.objects.filter(
        huis=gegevensset.huis, maand=datetime.date(2025, 5, 1), status=Status.INGETROKKEN, n=1
    ).exists()
    # its choices no longer count as waiting ones
    mei = KeuzeMaandtelling.objects.filter(huis=gegevensset.huis, maand=datetime.date(2025, 5, 1))
    assert not mei.exists()
    assert_gelijk_aan_de_aanvragen(gegevensset)


def test_een_schrijfactie_buiten_de_diensten_om_telt_ook(gegevensset):  # noqa: F811
    maandtellingen.werk_bij()
    v = gegevensset.vragen
    Opvangvraag.objects.filter(pk=v["a2"].pk).update(status=Status.INGETROKKEN)
    Voorkeur.objects.filter(opvangvraag=v["a5"]).update(actief=False)
    v["b1"].gemeente = gegevensset.gemeente_a
    v["b1"].save()
    v["a3"].delete()
    l3 = OpvanglocatieFactory(huis=gegevensset.huis, gemeente=gegevensset.gemeente_a)
    Voorkeur.objects.bulk_create([Voorkeur(opvangvraag=v["a4"], locatie=l3, rang=3)])
    assert Telwijziging.objects.exists()  # marked in the writing transaction
    # read by the figures: the marked months are counted before they are read
    assert totaal(gegevensset) == 8
    assert not Telwijziging.objects.exists()
    assert KeuzeMaandtelling.objects.get(locatie=l3).n == 1
    assert_gelijk_aan_de_aanvragen(gegevensset)


def test_een_aanvraag_die_van_maand_verandert_telt_niet_meer_in_de_oude(gegevensset):  # noqa: F811
    maandtellingen.werk_bij()
    a1 = gegevensset.vragen["a1"]
    Opvangvraag.objects.filter(pk=a1.pk).update(ingediend=moment(2024, 6, 1))
    assert totaal(gegevensset) == 8
    assert totaal(gegevensset, Periode(datetime.date(2024, 6, 1), datetime.date(2024, 6, 30))) == 1
    a2 = gegevensset.vragen["a2"]
    a2.ingediend = moment(2024, 7, 1)
    a2.save()
    assert totaal(gegevensset) == 7
    assert_gelijk_aan_de_aanvragen(gegevensset)


def test_tellen_kan_herhaald_worden(gegevensset):  # noqa: F811
    maandtellingen.werk_bij()
    voor = StatusMaandtelling.objects.count()
    maandtellingen.tel(Opvangvraag.objects.all().maanden())
    maandtellingen.tel(Opvangvraag.objects.all().maanden())
    assert StatusMaandtelling.objects.count() == voor
    assert_gelijk_aan_de_aanvragen(gegevensset)


def test_een_schrijfactie_geeft_de_telling_een_keer_aan_de_worker(
    gegevensset,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    """Withdrawing writes the status, ends the choices and the stored first choice: three marks,
    one hand-over to the worker once the transaction commits."""
    maandtellingen.werk_bij()
    vraag = gegevensset.vragen["a4"]
    with django_capture_on_commit_callbacks() as na_commit:
        services.trek_in(vraag=vraag, reden="Opvang gevonden", door=UserFactory())
    assert Telwijziging.objects.filter(huis=gegevensset.huis, maand=datetime.date(2025, 5, 1)).count() >= 3
    assert [f.__name__ for f in na_commit].count("_plan_telling") == 1


def test_zonder_broker_gaat_de_schrijfactie_door_en_telt_de_lezer(
    gegevensset,  # noqa: F811
    broker_op,  # noqa: F811
    django_capture_on_commit_callbacks,
    caplog,
):
    """Redis (the broker) stopped: the withdrawal stands, its month stays marked, and the first
    reader of the figures counts it."""
    maandtellingen.werk_bij()
    broker_op(GEEN_REDIS)
    with django_capture_on_commit_callbacks(execute=True):
        services.trek_in(vraag=gegevensset.vragen["a4"], reden="Opvang gevonden", door=UserFactory())
    assert "Broker onbereikbaar" in caplog.text
    assert Opvangvraag.objects.get(pk=gegevensset.vragen["a4"].pk).status == Status.INGETROKKEN
    assert Telwijziging.objects.exists()
    loketcijfers.cijfers_loket(gegevensset.huis, PERIODE)
    assert not Telwijziging.objects.exists()
    assert (
        StatusMaandtelling.objects.get(
            huis=gegevensset.huis, maand=datetime.date(2025, 5, 1), status=Status.INGETROKKEN
        ).n
        == 1
    )
    assert_gelijk_aan_de_aanvragen(gegevensset)
