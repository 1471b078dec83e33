"""An uploaded XLSX is read within limits: a decompression bomb gets a clear message, not a dead server."""

import io
import struct
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from bevraging.models import Golf
from kern.tabellen import BESCHADIGD, Leesfout, lees_xlsx

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
DELEN = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS} '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Antwoorden" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}


def werkboek(sheetdata: str, *, kop: str = "", voor: str = "") -> bytes:
    """A minimal XLSX with one sheet "Antwoorden" holding this <sheetData> content."""
    blad = (
        f'<?xml version="1.0" encoding="UTF-8"?>{voor}'
        f"<worksheet {NS}>{kop}<sheetData>{sheetdata}</sheetData></worksheet>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archief:
        for naam, inhoud in DELEN.items():
            archief.writestr(naam, inhoud)
        archief.writestr("xl/worksheets/sheet1.xml", blad)
    return buffer.getvalue()


def bom(cellen: int) -> bytes:
    """A sheet of `cellen` identical cells: a few KB that unpack to many MB."""
    return werkboek(("<row>" + "<c><v>1</v></c>" * 100 + "</row>") * (cellen // 100))


def met_gelogen_grootte(inhoud: bytes, naam: str, grootte: int) -> bytes:
    """The zip with the unpacked size of one part written smaller than it is, in both headers."""
    data = bytearray(inhoud)
    with zipfile.ZipFile(io.BytesIO(inhoud)) as archief:
        lid = archief.getinfo(naam)
    struct.pack_into("<I", data, lid.header_offset + 22, grootte)
    begin = 0
    while (begin := data.find(b"PK\x01\x02", begin + 1)) != -1:
        lengte = struct.unpack_from("<H", data, begin + 28)[0]
        if data[begin + 46 : begin + 46 + lengte] == naam.encode():
            struct.pack_into("<I", data, begin + 24, grootte)
    return bytes(data)


def gewoon(rijen: list[list]) -> bytes:
    boek = Workbook()
    for rij in rijen:
        boek.active.append(rij)
    buffer = io.BytesIO()
    boek.save(buffer)
    return buffer.getvalue()


GRENZEN = {"max_rijen": 100, "max_cellen": 1000, "max_bytes": 1024 * 1024}


def test_een_gewoon_bestand_wordt_gelezen_met_rijen_van_gelijke_lengte():
    inhoud = gewoon([["slug", "status", "x"], ["aaa", None], [None, None, None, 7]])
    assert lees_xlsx(inhoud, **GRENZEN) == [
        ["slug", "status", "x", None],
        ["aaa", None, None, None],
        [None, None, None, 7],
    ]


def test_een_decompressiebom_wordt_geweigerd_voor_ze_uitgepakt_is():
    inhoud = bom(2_000_000)
    assert len(inhoud) < 100 * 1024
    tracemalloc.start()
    with pytest.raises(Leesfout, match=r"uitgepakt groter dan 1 MB"):
        lees_xlsx(inhoud, **GRENZEN)
    _nu, piek = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert piek < 10 * 1024 * 1024


def test_te_veel_rijen_of_cellen_wordt_al_tijdens_het_lezen_geweigerd():
    with pytest.raises(Leesfout, match="meer dan 100 rijen"):
        lees_xlsx(werkboek("<row><c><v>1</v></c></row>" * 101), **GRENZEN)
    with pytest.raises(Leesfout, match="meer dan 1000 cellen"):
        lees_xlsx(werkboek("<row>" + "<c><v>1</v></c>" * 1001 + "</row>"), **GRENZEN)


def test_ontbrekende_rijen_en_kolommen_worden_niet_eindeloos_aangevuld():
    # One cell at row 1048576: openpyxl would hand out a million empty rows before it.
    with pytest.raises(Leesfout, match="meer dan 100 rijen"):
        lees_xlsx(werkboek('<row r="1048576"><c r="A1048576"><v>1</v></c></row>'), **GRENZEN)
    # One cell in column XFD: a row of 16384 cells.
    with pytest.raises(Leesfout, match="meer dan 1000 cellen"):
        lees_xlsx(werkboek('<row r="1"><c r="XFD1"><v>1</v></c></row>'), **GRENZEN)
    # A dimension that claims the whole sheet is not believed.
    inhoud = werkboek('<row r="1"><c r="A1"><v>1</v></c></row>', kop='<dimension ref="A1:XFD1048576"/>')
    assert lees_xlsx(inhoud, **GRENZEN) == [[1]]


def test_een_dtd_of_entiteit_wordt_geweigerd():
    lach = '<!DOCTYPE worksheet [<!ENTITY a "hahahahahaha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    with pytest.raises(Leesfout, match="beschadigd of geen XLSX"):
        lees_xlsx(
            werkboek('<row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row>', voor=lach), **GRENZEN
        )


@pytest.mark.parametrize(
    "inhoud",
    [b"PK\x03\x04" + b"\x00kapot" * 50, werkboek("<row><c><v>1</v></row>"), gewoon([[1]])[:-40]],
    ids=["geen zip", "kapotte XML", "afgebroken"],
)
def test_een_beschadigd_bestand_geeft_een_leesfout(inhoud):
    with pytest.raises(Leesfout) as fout:
        lees_xlsx(inhoud, **GRENZEN)
    assert str(fout.value) == BESCHADIGD


def test_een_deel_dat_meer_uitpakt_dan_het_zegt_wordt_geweigerd():
    inhoud = met_gelogen_grootte(bom(200_000), "xl/worksheets/sheet1.xml", 1000)
    with zipfile.ZipFile(io.BytesIO(inhoud)) as archief:
        assert sum(lid.file_size for lid in archief.infolist()) < GRENZEN["max_bytes"]
    with pytest.raises(Leesfout) as fout:
        lees_xlsx(inhoud, **GRENZEN)
    assert str(fout.value) == BESCHADIGD


def test_de_bom_in_de_import_van_de_bevraging_geeft_een_duidelijke_fout(client, opgroeien_medewerker):
    golf = Golf.objects.get(jaar=2022)
    client.force_login(opgroeien_medewerker)
    antwoord = client.post(
        reverse("bevraging:import", kwargs={"golf_pk": golf.pk}),
        {"bestand": SimpleUploadedFile("bom.xlsx", bom(3_000_000))},
    )
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "<title>Fout: Antwoorden importeren" in html
    assert "Dit Excel-bestand is uitgepakt groter dan 20 MB" in html
