from collections import Counter
from decimal import Decimal

from kern.cijfers import Aandeel, mediaan, mediaan_van_telling, percentiel, percentiel_van_telling
from kern.tabellen import Cel


def test_een_aandeel_rondt_half_naar_boven_af():
    aandeel = Aandeel(aantal=1, van=16)  # 6,25 %

    assert aandeel.procent == Decimal("6.3")
    assert Cel(aandeel.procent, "procent").tekst == "6,3 %"
    assert Aandeel(aantal=1, van=0).procent is None


def test_mediaan_en_percentiel_over_een_telling_zoals_over_de_waarden():
    """A count per value (as the database groups it) gives the same median and percentiles."""
    for waarden in ([7], [1, 2], [3, 1, 2], [10, 20, 30, 40, 50], [1, 2, 3, 4, 6, 10], [5, 5, 5, 9, 0, 0, 2]):
        telling = Counter(waarden)
        assert mediaan_van_telling(telling) == mediaan(waarden)
        for p in (10, 50, 90):
            assert percentiel_van_telling(telling, p) == percentiel(waarden, p)
    assert mediaan_van_telling({}) is None
    assert percentiel_van_telling({4: 3}, 90, minimum=5) is None
    assert percentiel_van_telling({10: 1, 20: 1, 30: 1, 40: 1, 50: 1}, 90) == 46.0
