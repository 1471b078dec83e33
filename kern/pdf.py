"""PDF rendering: a Django template becomes HTML and then a PDF, with WeasyPrint.

A PDF template may load only the portal's own static files (stylesheets, images, fonts), found
through the static file finders, and small inline `data:` resources. Every other address, a local
file or another host, is refused, so personal data in a template can never make the renderer
reach out to the network or read files from the server.
"""

from __future__ import annotations

import base64
import logging
import mimetypes
from urllib.parse import unquote, unquote_to_bytes, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string

# WeasyPrint logs every layout step at INFO; a worker making hundreds of reports keeps its warnings.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

# The address the HTML is rendered at: relative and root-relative links ("/static/...") resolve
# onto it, and the fetcher serves only static files below it.
BASIS_URL = "https://pdf.hvhk.invalid/"
# An inline data: resource may be at most this long (its URL, in characters).
MAX_DATA_URL = 64 * 1024


class GeweigerdeBron(ValueError):
    """A PDF template asked for a resource the renderer may not load."""


def _eigen_hosts() -> set[str]:
    hosts = {urlsplit(BASIS_URL).netloc.lower()}
    site = urlsplit(getattr(settings, "SITE_URL", "") or "").netloc.lower()
    if site:
        hosts.add(site)
    return hosts


def _static_prefix() -> str:
    prefix = urlsplit(settings.STATIC_URL).path or "/static/"
    return "/" + prefix.strip("/") + "/"


def _data_url(url: str) -> tuple[bytes, str]:
    if len(url) > MAX_DATA_URL:
        raise GeweigerdeBron(
            f"Een inline data:-bron van {len(url)} tekens is te groot voor een PDF "
            f"(hoogstens {MAX_DATA_URL}); gebruik een statisch bestand."
        )
    kop, komma, inhoud = url[len("data:") :].partition(",")
    if not komma:
        raise GeweigerdeBron("Deze data:-bron is ongeldig (er ontbreekt een komma).")
    delen = kop.split(";")
    soort = delen[0] or "text/plain"
    if "base64" in delen[1:]:
        try:
            return base64.b64decode(inhoud, validate=False), soort
        except ValueError as fout:
            raise GeweigerdeBron("Deze data:-bron is geen geldige base64.") from fout
    return unquote_to_bytes(inhoud), soort


def haal_bron_op(url: str) -> tuple[bytes, str]:
    """The bytes and MIME type of a resource a PDF template may load; GeweigerdeBron otherwise.

    Allowed: the portal's static files (`/static/...` on the render address or on SITE_URL),
    read through the static file finders, and small `data:` URLs. Refused: `file:`, every other
    host or path, and anything the finders do not know.
    """
    delen = urlsplit(url)
    schema = delen.scheme.lower()
    if schema == "data":
        return _data_url(url)
    if schema not in ("http", "https") or delen.netloc.lower() not in _eigen_hosts():
        raise GeweigerdeBron(
            f"Een PDF mag alleen statische bestanden van het portaal laden, niet {url[:200]!r}."
        )
    pad = unquote(delen.path)
    prefix = _static_prefix()
    if not pad.startswith(prefix):
        raise GeweigerdeBron(f"Een PDF mag alleen bestanden onder {prefix} laden, niet {pad[:200]!r}.")
    relatief = pad[len(prefix) :]
    if not relatief or "\x00" in relatief or any(deel == ".." for deel in relatief.split("/")):
        raise GeweigerdeBron(f"Ongeldig pad voor een statisch bestand: {pad[:200]!r}.")
    try:
        gevonden = finders.find(relatief)
    except (SuspiciousFileOperation, ValueError) as fout:
        raise GeweigerdeBron(f"Ongeldig pad voor een statisch bestand: {pad[:200]!r}.") from fout
    if not gevonden:
        raise GeweigerdeBron(f"Het statische bestand {relatief[:200]!r} bestaat niet.")
    if isinstance(gevonden, list | tuple):
        gevonden = gevonden[0]
    with open(gevonden, "rb") as bestand:
        inhoud = bestand.read()
    soort = mimetypes.guess_type(relatief)[0] or "application/octet-stream"
    return inhoud, soort


def statische_url(pad: str) -> str:
    """The address a PDF template loads a static file from, e.g. statische_url("css/rapport.css").

    It names the source file (never a hashed name of the manifest storage, which the static file
    finders do not know), on the render address, so `haal_bron_op` serves it.
    """
    return BASIS_URL.rstrip("/") + _static_prefix() + pad.lstrip("/")


def maak_url_fetcher():
    """A WeasyPrint URL fetcher that loads only what `haal_bron_op` allows."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class EigenBronnen(URLFetcher):
        def fetch(self, url, headers=None):
            inhoud, soort = haal_bron_op(url)
            return URLFetcherResponse(url, inhoud, {"Content-Type": soort})

    return EigenBronnen()


#: Every PDF is tagged as PDF/UA-1: a screen reader follows its headings, lists and tables in
#: reading order, in the language of the template's <html lang> and with its <title> as title.
PDF_VARIANT = "pdf/ua-1"


def render_pdf(template_name: str, context: dict) -> tuple[str, bytes]:
    """Render a Django template to HTML and that HTML to a tagged PDF (A4 unless the template says
    otherwise). Returns (html, pdf bytes)."""
    from weasyprint import HTML

    html = render_to_string(template_name, context)
    document = HTML(string=html, base_url=BASIS_URL, url_fetcher=maak_url_fetcher())
    return html, document.write_pdf(pdf_variant=PDF_VARIANT)
