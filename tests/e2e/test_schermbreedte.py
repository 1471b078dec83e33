"""Every main page of every role reflows (WCAG 1.4.10): at the width of a phone (375 px) and of a
laptop (1,280 px) the page never scrolls sideways, and axe finds no violation at either width.

One browser and one login per role; each page is loaded once, read at the width of a phone and then
widened to that of a laptop."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from bevraging.models import Golf, Responsstatus, Vraag
from huizen.models import Huis
from loket.models import Opvanglocatie, Opvangvraag, Status
from tests.e2e.aanmelden import meld_aan
from tests.factories import ResponsFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BREEDTES = (375, 1280)
LOKETVRAAG = "kind_en_gezin_partners.lokaal_loket"
DOMEIN = "demo.huizenvanhetkind.test"

#: The element that sticks out furthest to the right of the window, as "tag#id.class (width px)",
#: preferring one outside any element that scrolls or clips its content (a clipped one can still
#: widen the page when it is positioned outside its scroller); and the document's width.
OVERLOOP = """() => {
  const breedte = window.innerWidth;
  const beste = {vrij: null, geknipt: null}, rechts = {vrij: breedte + 1, geknipt: breedte + 1};
  for (const el of document.body.querySelectorAll('*')) {
    const vak = el.getBoundingClientRect();
    if (vak.width === 0 && vak.height === 0) continue;
    let ouder = el.parentElement, soort = 'vrij';
    while (ouder && ouder !== document.body) {
      if (getComputedStyle(ouder).overflowX !== 'visible') { soort = 'geknipt'; break; }
      ouder = ouder.parentElement;
    }
    if (vak.right <= rechts[soort]) continue;
    rechts[soort] = vak.right;
    const klassen = typeof el.className === 'string' && el.className.trim()
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    const naam = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + klassen;
    beste[soort] = `${naam} (${Math.round(vak.width)} px breed)`;
  }
  return {
    document: document.documentElement.scrollWidth,
    venster: breedte,
    uiterste: beste.vrij || beste.geknipt,
  };
}"""


@pytest.fixture
def portaal(demodata):
    """The demo Huizen, the loket of Gent with its requests and provider, and answers to the 2022
    survey for a handful of Huizen."""
    from bevraging.services import laad_geleverde_vragenlijsten
    from demo.loket import laad_loket_demodata

    gent = Huis.objects.get(slug="gent")
    laad_loket_demodata(wachtwoord=demodata, huizen=[gent])
    if not Golf.objects.filter(jaar=2022).exists():
        laad_geleverde_vragenlijsten()
    golf = Golf.objects.get(jaar=2022)
    vraag = Vraag.objects.get(vragenlijst__golf=golf, sleutel=LOKETVRAAG)
    for score, huis in enumerate(Huis.objects.exclude(slug="gent").order_by("slug")[:5], start=1):
        ResponsFactory(
            golf=golf,
            huis=huis,
            status=Responsstatus.INGEDIEND,
            antwoorden={vraag.sleutel: {"waarde": score, "toelichting": "Het loket zit in ons gebouw."}},
        )
    aanvraag = Opvangvraag.objects.filter(huis=gent, status=Status.ACTIEF).order_by("pk").first()
    geplaatst = Opvangvraag.objects.filter(huis=gent, status=Status.GEPLAATST).order_by("pk").first()
    aanbieder = get_user_model().objects.get(email=f"aanbieder@{DOMEIN}")
    locatie = Opvanglocatie.objects.beheerbaar_door(aanbieder).order_by("pk").first()
    return {
        "wachtwoord": demodata,
        "aanvraag": aanvraag,
        "geplaatst": geplaatst,
        "locatie": locatie,
        "golf": golf,
    }


def _paginas(portaal):
    """(login or None, [paths]) per role: the main pages of the portal."""
    aanvraag, golf = portaal["aanvraag"], portaal["golf"]
    return [
        (None, ["/", "/huizen/", "/huizen/gent/", "/huizen/?q=9000", f"/opvang/aanvraag/{aanvraag.token}/"]),
        (
            f"coordinator@{DOMEIN}",
            [
                "/mijn-huis/gent/",
                "/mijn-huis/gent/profiel/",
                "/mijn-huis/gent/profiel/locaties/nieuw/",
                "/behoefteanalyse/44021/",
            ],
        ),
        (
            f"loket@{DOMEIN}",
            [
                "/mijn-huis/gent/loket/aanvragen/",
                f"/mijn-huis/gent/loket/aanvragen/{aanvraag.pk}/",
                f"/mijn-huis/gent/loket/aanvragen/{aanvraag.pk}/dringend/",
                f"/mijn-huis/gent/loket/aanvragen/{portaal['geplaatst'].pk}/overplaatsing/",
                "/mijn-huis/gent/loket/dubbels/",
                "/mijn-huis/gent/loket/rapportage/",
            ],
        ),
        (f"aanbieder@{DOMEIN}", ["/opvang/aanbieder/", f"/opvang/locaties/{portaal['locatie'].pk}/"]),
        (
            f"opgroeien@{DOMEIN}",
            [
                "/opgroeien/",
                "/opgroeien/kaarten/",
                f"/opgroeien/kaarten/?indicator=bevraging&vraag={golf.pk}:{LOKETVRAAG}",
                "/opgroeien/bevolking/",
                "/opgroeien/levensdomeinen/",
                "/opgroeien/levensdomeinen/heatmap/",
                "/opgroeien/loket/",
                "/opgroeien/lokets/",
                "/opgroeien/lokets/meetjesland/",
                "/opgroeien/lokets/nieuw/",
                "/behoefteanalyse/",
                "/behoefteanalyse/44021/",
                "/behoefteanalyse/43007/",
                f"/bevraging/{golf.pk}/analyse/",
                f"/bevraging/{golf.pk}/analyse/vraag/{LOKETVRAAG}/",
            ],
        ),
    ]


def test_elke_hoofdpagina_past_op_een_telefoon_en_een_laptop(chromium, live_server, portaal):
    from axe_playwright_python.sync_playwright import Axe, AxeResults

    axe = Axe()
    overlopen, schendingen, bezocht = [], [], 0
    for email, paden in _paginas(portaal):
        context = chromium.new_context(base_url=live_server.url, locale="nl-BE")
        pagina = context.new_page()
        if email:
            meld_aan(pagina, email, portaal["wachtwoord"])
        for pad in paden:
            pagina.set_viewport_size({"width": BREEDTES[0], "height": 800})
            antwoord = pagina.goto(pad)
            assert antwoord.ok, f"{pad}: HTTP {antwoord.status}"
            expect(pagina.get_by_role("heading", level=1)).to_be_visible()
            pagina.evaluate(axe.axe_script)
            for breedte in BREEDTES:
                pagina.set_viewport_size({"width": breedte, "height": 800})
                meting = pagina.evaluate(OVERLOOP)
                if meting["document"] > meting["venster"]:
                    overlopen.append(
                        f"{pad} op {breedte} px: {meting['document'] - meting['venster']} px te breed, "
                        f"breedste element {meting['uiterste']}"
                    )
                resultaat = AxeResults(pagina.evaluate("axe.run({resultTypes: ['violations']})"))
                if resultaat.violations_count:
                    schendingen.append(f"{pad} op {breedte} px:\n{resultaat.generate_report()}")
                bezocht += 1
        context.close()
    assert bezocht == 2 * sum(len(paden) for _, paden in _paginas(portaal))
    assert overlopen == [], "pagina's die opzij scrollen:\n" + "\n".join(overlopen)
    assert schendingen == [], "\n\n".join(schendingen)
