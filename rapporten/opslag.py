"""Private storage for reports: files under PRIVATE_MEDIA_ROOT, served only by views that check
access, never under MEDIA_URL.

Files are written under a deterministic name through a temporary file next to it and an atomic
rename, so a re-delivered task overwrites instead of adding a second file, and a reader never sees
half a file. The temporary name is deterministic too: a worker killed while writing leaves one
`.deel` file that the next attempt overwrites and renames.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


class OpslagFout(OSError):
    """Writing to the private storage failed (disk full, permissions, a network share away)."""


@deconstructible(path="rapporten.opslag.PriveOpslag")
class PriveOpslag(FileSystemStorage):
    """FileSystemStorage rooted at PRIVATE_MEDIA_ROOT (read on every use, so tests can move it)."""

    def __init__(self):
        super().__init__()

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Een privébestand heeft geen publieke URL; gebruik de downloadpagina.")


prive_opslag = PriveOpslag()


def opslag() -> PriveOpslag:
    """The storage of report files (a callable, so the migration does not freeze a path)."""
    return prive_opslag


def schrijf(naam: str, schrijver: Callable[[BinaryIO], None]) -> str:
    """Write the file `naam` (relative to the private root) atomically; returns `naam`.

    `schrijver` gets an open binary file to write to. Every OSError becomes OpslagFout (transient).
    """
    doel = Path(prive_opslag.path(naam))
    deel = doel.with_name(f".{doel.name}.deel")
    try:
        doel.parent.mkdir(parents=True, exist_ok=True)
        with open(deel, "wb") as bestand:
            schrijver(bestand)
            bestand.flush()
            os.fsync(bestand.fileno())
        os.replace(deel, doel)
    except OSError as fout:
        deel.unlink(missing_ok=True)
        raise OpslagFout(f"Het bestand {naam} kon niet bewaard worden: {fout}") from fout
    except BaseException:
        deel.unlink(missing_ok=True)
        raise
    return naam


def schrijf_bytes(naam: str, inhoud: bytes) -> str:
    return schrijf(naam, lambda bestand: bestand.write(inhoud))


def bestaat(naam: str) -> bool:
    return bool(naam) and prive_opslag.exists(naam)


def pad(naam: str) -> Path:
    return Path(prive_opslag.path(naam))


def verwijder_map(map_naam: str) -> None:
    """Remove a job's or batch's folder (when the row is deleted)."""
    shutil.rmtree(prive_opslag.path(map_naam), ignore_errors=True)
