"""The outlines of the gemeenten as they were on a date: the shipped map's own 300 + 19 shapes
before the mergers of 2025, today's unions since."""

import datetime
import json

import pytest

from huizen import selectors
from huizen.models import Gemeente, Omtrek
from huizen.services import KAART, REFERENTIEDATA, laad_referentiedata

pytestmark = pytest.mark.django_db


def kaartgemeenten_2019() -> set[str]:
    topologie = json.loads((REFERENTIEDATA / KAART).read_text(encoding="utf-8"))
    return {str(g["properties"]["nis"]) for g in topologie["objects"]["gemeenten"]["geometries"]}


def test_de_gemeenten_van_de_kaart_van_2019_hebben_elk_hun_eigen_omtrek(referentiedata):
    nis_2019 = kaartgemeenten_2019()
    assert len(nis_2019) == 300 + 19
    omtrekken = selectors.omtrekken_op(datetime.date(2022, 6, 30))
    gemeenten = Gemeente.objects.in_bulk(list(omtrekken))
    assert {g.nis for g in gemeenten.values()} == nis_2019
    assert len({p.d for p in omtrekken.values()}) == 300 + 19  # each its own shape, not a union
    assert Omtrek.objects.filter(gemeente__nis__in=nis_2019).count() == 300 + 19

    # Lokeren (46014) merged into the new Lokeren (46029) in 2025: its own outline in 2022, a
    # part of the new gemeente's since.
    lokeren = Gemeente.objects.get(nis="46014")
    vandaag = selectors.omtrekken_op(datetime.date(2025, 1, 1))
    nieuw = lokeren.huidige_gemeente()
    assert lokeren.pk in omtrekken and lokeren.pk not in vandaag and nieuw.pk in vandaag
    assert nieuw.pk not in omtrekken
    assert vandaag[nieuw.pk] not in omtrekken.values()  # the union is a shape of its own
    assert len(vandaag) == Gemeente.objects.geldig_op(datetime.date(2025, 1, 1)).count() == 285 + 19


def test_een_gemeente_van_voor_de_kaart_krijgt_de_omtrek_van_haar_opvolger(referentiedata):
    omtrekken = selectors.omtrekken_op(datetime.date(2016, 6, 30))
    oud = Gemeente.objects.filter(geldig_tot__lt=datetime.date(2019, 1, 1), opvolger__isnull=False).first()
    assert oud is not None and not Omtrek.objects.filter(gemeente=oud).exists()
    assert omtrekken[oud.pk] == selectors.omtrekken_op(datetime.date(2022, 6, 30))[oud.opvolger_id]
    assert len(omtrekken) == Gemeente.objects.geldig_op(datetime.date(2016, 6, 30)).count() == 308 + 19


def test_opnieuw_laden_verandert_de_omtrekken_niet(referentiedata):
    voor = dict(Omtrek.objects.values_list("gemeente_id", "pad"))
    laad_referentiedata()
    assert dict(Omtrek.objects.values_list("gemeente_id", "pad")) == voor
