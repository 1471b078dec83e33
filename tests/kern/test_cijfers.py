from decimal import Decimal

from kern.cijfers import Aandeel
from kern.tabellen import Cel


def test_een_aandeel_rondt_half_naar_boven_af():
    aandeel = Aandeel(aantal=1, van=16)  # 6,25 %

    assert aandeel.procent == Decimal("6.3")
    assert Cel(aandeel.procent, "procent").tekst == "6,3 %"
    assert Aandeel(aantal=1, van=0).procent is None
