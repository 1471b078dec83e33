"""The breadcrumb trails of the survey pages, for the root `templates/_kruimelpad.html`: lists of
(title, url) from the top down, the last one the current page (its url is not used)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.text import Truncator

Kruimelpad = list[tuple[str, str]]


def opgroeien(pagina: str, *, golf=None, huis=None) -> Kruimelpad:
    """Opgroeien's interview pages: Bevraging › the wave › the Huis's response › the page."""
    pad = [("Bevraging", reverse("bevraging:golven"))]
    if golf is not None:
        pad.append((golf.naam, reverse("bevraging:golf", kwargs={"golf_pk": golf.pk})))
        if huis is not None:
            sleutels = {"golf_pk": golf.pk, "huis_slug": huis.slug}
            pad.append((huis.naam, reverse("bevraging:indienen", kwargs=sleutels)))
    return [*pad, (pagina, "")]


def huis(huis, pagina: str = "") -> Kruimelpad:
    """The coordinator's pages: the Huis's workspace › Bevraging › the page."""
    pad = [(huis.naam, reverse("huizen:werkruimte", kwargs={"huis_slug": huis.slug}))]
    if not pagina:
        return [*pad, ("Bevraging", "")]
    return [
        *pad,
        ("Bevraging", reverse("bevraging:huis_overzicht", kwargs={"huis_slug": huis.slug})),
        (pagina, ""),
    ]


def analyse(golf, *, analyse_url: str = "", vraag=None, vraag_url: str = "", pagina: str = "") -> Kruimelpad:
    """The analysis for Opgroeien: the overview › the wave's results › a question › the page."""
    pad = [("Overzicht Opgroeien", reverse("huizen:opgroeien_overzicht"))]
    resultaten = f"Resultaten {golf.naam}"
    if vraag is None:
        return [*pad, (resultaten, "")]
    pad.append((resultaten, analyse_url or reverse("bevraging:analyse", kwargs={"golf_pk": golf.pk})))
    vraagtitel = Truncator(vraag.kort).chars(60)
    if not pagina:
        return [*pad, (vraagtitel, "")]
    url = vraag_url or reverse("bevraging:analyse_vraag", kwargs={"golf_pk": golf.pk, "vraag": vraag.sleutel})
    return [*pad, (vraagtitel, url), (pagina, "")]


def huisvergelijking(huis, golf) -> Kruimelpad:
    """The coordinator's comparison: the Huis's workspace › the wave's comparison."""
    return [
        (huis.naam, reverse("huizen:werkruimte", kwargs={"huis_slug": huis.slug})),
        (f"{golf.naam}: vergelijking", ""),
    ]
