"""Phone numbers as families and desks type them: Belgian or international, one way of writing."""

import pytest

from kern.forms import TelefoonVeld


@pytest.mark.parametrize(
    ("getypt", "bewaard"),
    [
        ("0470 12 34 56", "+32 470 12 34 56"),
        ("0470/12.34.56", "+32 470 12 34 56"),
        ("09 123 45 67", "+32 9 123 45 67"),
        ("0032 9 123 45 67", "+32 9 123 45 67"),
        ("+31 6 12345678", "+31 6 12345678"),
        ("", ""),
    ],
)
def test_een_telefoonnummer_wordt_eenvormig_bewaard(getypt, bewaard):
    assert TelefoonVeld(required=False).clean(getypt) == bewaard


@pytest.mark.parametrize("getypt", ["abc", "bel me", "123", "0470 12 34 56 78 9", "+32"])
def test_iets_wat_geen_telefoonnummer_is_wordt_geweigerd_met_een_voorbeeld(getypt):
    veld = TelefoonVeld(required=False)
    with pytest.raises(Exception) as fout:
        veld.clean(getypt)
    assert "bv. 0470 12 34 56" in str(fout.value.messages)
