"""An XLSX decompression bomb against the survey import: time and peak memory of reading it.

    .venv/bin/python benchmarks/bom.py [--cellen 20000000] [--ook-zonder-grenzen]

Builds a workbook of a few hundred KB whose sheet unpacks to hundreds of MB (the same tiny cell
repeated), then reads it the way an upload to the survey import is read
(`bevraging.services_uitwisseling.lees_bestand`, which calls `kern.tabellen.lees_xlsx` with the
import's limits), and also reads the largest sheet those limits let through. For each it prints the
outcome, the time and the growth of the process's peak resident memory (VmHWM, reset before each
step where the kernel allows it), and from a second run the peak of Python allocations (tracemalloc).
`--ook-zonder-grenzen` also reads the bomb with plain openpyxl in read-only mode, as the import did
before it had limits (slow: seconds and gigabytes). Prints figures; asserts nothing.
"""

import argparse
import io
import os
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hvhk.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from bevraging.services_uitwisseling import (  # noqa: E402
    EERSTE_DATARIJ,
    MAX_CELLEN,
    MAX_RIJEN,
    Bestandsfout,
    lees_bestand,
)

MIB = 1024 * 1024

INHOUDSTYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WERKBOEK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Antwoorden" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WERKBOEK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
BLAD_BEGIN = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
BLAD_EINDE = "</sheetData></worksheet>"


def bom(cellen: int, per_rij: int = 100) -> bytes:
    """A workbook whose one sheet holds `cellen` cells with the number 1, `per_rij` per row."""
    rij = "<row>" + "<c><v>1</v></c>" * per_rij + "</row>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archief:
        archief.writestr("[Content_Types].xml", INHOUDSTYPES)
        archief.writestr("_rels/.rels", RELS)
        archief.writestr("xl/workbook.xml", WERKBOEK)
        archief.writestr("xl/_rels/workbook.xml.rels", WERKBOEK_RELS)
        with archief.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as blad:
            blad.write(BLAD_BEGIN.encode())
            rijen = cellen // per_rij
            blok = (rij * 1000).encode()
            for _ in range(rijen // 1000):
                blad.write(blok)
            blad.write((rij * (rijen % 1000)).encode())
            blad.write(BLAD_EINDE.encode())
    return buffer.getvalue()


def grootste_toegelaten() -> bytes:
    """A real workbook (openpyxl) as large as the import's limits allow, with short texts."""
    from openpyxl import Workbook

    rijen = MAX_RIJEN + EERSTE_DATARIJ
    kolommen = MAX_CELLEN // rijen
    werkboek = Workbook(write_only=True)
    blad = werkboek.create_sheet("Antwoorden")
    for r in range(rijen):
        blad.append([f"r{r}k{k}" for k in range(kolommen)])
    buffer = io.BytesIO()
    werkboek.save(buffer)
    return buffer.getvalue()


def _status(veld: str) -> int:
    for regel in Path("/proc/self/status").read_text().splitlines():
        if regel.startswith(veld + ":"):
            return int(regel.split()[1]) * 1024
    return 0


def _reset_piek() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _voer_uit(stap) -> str:
    try:
        return stap()
    except Bestandsfout as fout:
        return f"geweigerd: {' '.join(fout.messages)}"


def meet(naam: str, stap) -> None:
    """Time and resident memory of one run, then the Python allocations of a second run (tracemalloc
    slows Python down several times, so it is not on while the time is taken)."""
    gereset = _reset_piek()
    rss_voor = _status("VmRSS")
    begin = time.perf_counter()
    uitkomst = _voer_uit(stap)
    duur = time.perf_counter() - begin
    rss_groei = _status("VmHWM") - rss_voor
    tracemalloc.start()
    _voer_uit(stap)
    _huidig, piek = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"\n{naam}")
    print(f"  uitkomst: {uitkomst}")
    print(f"  tijd: {duur:.3f} s")
    opmerking = "" if gereset else " (piek niet te resetten: sinds de start)"
    print(f"  groei piek-RSS{opmerking}: {rss_groei / MIB:.1f} MiB")
    print(f"  piek Python-geheugen (tracemalloc, tweede keer): {piek / MIB:.1f} MiB")


def zonder_grenzen(inhoud: bytes) -> str:
    from openpyxl import load_workbook

    boek = load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
    rijen = [list(rij) for rij in boek.worksheets[0].iter_rows(values_only=True)]
    boek.close()
    return f"gelezen: {len(rijen)} rijen"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cellen", type=int, default=20_000_000, help="cellen in de bom")
    parser.add_argument("--ook-zonder-grenzen", action="store_true")
    args = parser.parse_args()

    inhoud = bom(args.cellen)
    with zipfile.ZipFile(io.BytesIO(inhoud)) as archief:
        uitgepakt = sum(lid.file_size for lid in archief.infolist())
    print(f"bom: {len(inhoud) / 1024:.0f} KB, uitgepakt {uitgepakt / MIB:.0f} MiB, {args.cellen} cellen")
    meet("bom via de import (lees_bestand, kern.tabellen.lees_xlsx)", lambda: lees_bestand("b.xlsx", inhoud))

    # Just under the unpacked-size limit: refused by the cell count while the XML streams by.
    onder = bom(1_200_000, per_rij=2000)
    meet(
        f"bom onder de groottegrens ({len(onder) / 1024:.0f} KB, 1200000 cellen)",
        lambda: lees_bestand("b.xlsx", onder),
    )

    groot = grootste_toegelaten()
    meet(
        f"grootste toegelaten blad ({len(groot) / 1024:.0f} KB, {MAX_RIJEN + EERSTE_DATARIJ} rijen)",
        lambda: f"gelezen: {len(lees_bestand('groot.xlsx', groot))} rijen",
    )
    if args.ook_zonder_grenzen:
        meet("bom met openpyxl zonder grenzen (read-only)", lambda: zonder_grenzen(inhoud))


if __name__ == "__main__":
    main()
