"""No stored text breaks a CSV or XLSX download: the loket's queue, the survey export, any table."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from bevraging import services_uitwisseling as uitwisseling
from bevraging.models import Golf
from kern.tabellen import Cel, Tabel, download, xlsx_tekst
from tests.factories import OpvanglocatieFactory, OpvangvraagFactory, ResponsFactory

ALLE_C0 = "".join(chr(c) for c in range(0x20))
# What can be stored: every C0 control but NUL, which PostgreSQL refuses in text.
OPGESLAGEN = [f"a{ALLE_C0[1:]}b", "Bob\u202eroT", "\x7fDEL\x85NEL", "=SOM(A1)\x07", "\x1b[31mrood\x1b[0m"]


def _lees_xlsx(inhoud: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(inhoud)).active.iter_rows(values_only=True))


def _gelezen(tekst: str) -> str:
    """The text as it comes back from an XLSX: XML reads every carriage return as a line feed."""
    return xlsx_tekst(tekst).replace("\r\n", "\n").replace("\r", "\n")


def test_xlsx_tekst_vervangt_alleen_wat_een_xlsx_niet_kan_bevatten():
    assert xlsx_tekst(ALLE_C0) == "\ufffd" * 9 + "\t\n" + "\ufffd" * 2 + "\r" + "\ufffd" * 18
    assert xlsx_tekst("Bob\u202eroT é \x7f") == "Bob\u202eroT é \x7f"


@pytest.mark.parametrize("teken", [chr(c) for c in range(0x20)] + ["\u202e"], ids=lambda t: f"U+{ord(t):04X}")
def test_elk_stuurteken_in_een_cel_geeft_toch_een_xlsx_en_csv(teken):
    tabel = Tabel(
        naam="test",
        titel="Test",
        kolommen=["Naam", "Aantal"],
        rijen=[[Cel(f"An{teken}na"), Cel(3, "aantal")], [Cel(f"{teken}=1+1"), Cel(4, "aantal")]],
    )
    xlsx = download(tabel, "xlsx")
    assert xlsx.status_code == 200
    rijen = _lees_xlsx(xlsx.content)
    assert rijen[1] == (_gelezen(f"An{teken}na"), 3)
    assert rijen[2][0] == _gelezen(f"{teken}=1+1")  # text, never a formula
    tekst = download(tabel, "csv").content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(tekst, newline=""), delimiter=";"))[1] == [f"An{teken}na", "3"]


def test_de_formule_bescherming_blijft(db):
    tabel = Tabel(naam="t", titel="T", kolommen=["A"], rijen=[[Cel('=HYPERLINK("x")\x07')]])
    assert _lees_xlsx(download(tabel, "xlsx").content)[1][0] == '=HYPERLINK("x")\ufffd'
    tekst = download(tabel, "csv").content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(tekst), delimiter=";"))[1] == ['\'=HYPERLINK("x")\x07']


@pytest.mark.parametrize("formaat", ["xlsx", "csv"])
def test_de_export_van_de_wachtrij_faalt_niet_op_opgeslagen_stuurtekens(
    client, huis, loket_medewerker, formaat
):
    """Data stored before the forms refused them (or by another way in) still exports."""
    locatie = OpvanglocatieFactory(huis=huis)
    for naam in OPGESLAGEN:
        OpvangvraagFactory(
            huis=huis,
            voorkeuren=[locatie],
            kinderen=[{"voornaam": naam, "zorgnoden": naam}],
            ouders=[{"naam": naam}],
        )
    client.force_login(loket_medewerker)
    antwoord = client.get(reverse("loket:wachtrij", kwargs={"huis_slug": huis.slug}), {"formaat": formaat})
    assert antwoord.status_code == 200
    if formaat == "xlsx":
        kinderen = {rij[2] for rij in _lees_xlsx(antwoord.content)[1:]}
        assert kinderen == {_gelezen(naam) for naam in OPGESLAGEN}
    assert "no-store" in antwoord["Cache-Control"]


def test_de_export_van_de_bevraging_faalt_niet_op_opgeslagen_stuurtekens(huis):
    golf = Golf.objects.get(jaar=2022)
    ResponsFactory(
        golf=golf, huis=huis, na_indiening=True, antwoorden={"omgevingsanalyse.opmerkingen": OPGESLAGEN[0]}
    )
    export = uitwisseling.exporteer(golf, formaat="xlsx")
    blad = load_workbook(io.BytesIO(export.inhoud))["Antwoorden"]
    rijen = list(blad.iter_rows(values_only=True))
    kolom = rijen[0].index("omgevingsanalyse.opmerkingen")
    assert rijen[2][kolom] == _gelezen(OPGESLAGEN[0])
    assert uitwisseling.exporteer(golf, formaat="csv").aantal_huizen == 1
