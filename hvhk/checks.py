"""Settings the portal cannot serve without outside DEBUG.

hvhk/wsgi.py refuses to start the web server without them (`eis_instellingen`) and
`manage.py check --deploy` reports them as errors; commands that need no address (makemigrations,
migrate, check) still run, as they do without SECRET_KEY.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


def ontbrekende_instellingen() -> list[str]:
    """What is wrong with the settings, one sentence each (none under DEBUG)."""
    if settings.DEBUG:
        return []
    if not settings.SITE_URL:
        return [
            "SITE_URL must be set when DEBUG is off: the public address of the portal, "
            "e.g. https://portaal.huizenvanhetkind.be (e-mailed links start with it)."
        ]
    adres = urlsplit(settings.SITE_URL)
    if adres.scheme not in ("http", "https") or not adres.netloc:
        return [
            f"SITE_URL must be an address like https://portaal.huizenvanhetkind.be, not {adres.geturl()!r}."
        ]
    return []


@checks.register("instellingen", deploy=True)
def controleer_instellingen(app_configs=None, **kwargs) -> list[checks.Error]:
    return [checks.Error(tekst, id="hvhk.E001") for tekst in ontbrekende_instellingen()]


def eis_instellingen() -> None:
    """ImproperlyConfigured when a required setting is missing: a server never starts without."""
    fouten = ontbrekende_instellingen()
    if fouten:
        raise ImproperlyConfigured(" ".join(fouten))
