"""Whole pages for logged-in staff, kept per data version: a visit whose data did not change costs
one read of the versions and one of the cache, not a computation or a rendering. The public pages
(kern.http) are kept this way for logged-in visitors too.

`VersiePaginaMixin` keeps the HTML of a page that answers a GET with 200 under a key of: the
versions of the view's `paginascopes()` (`kern.versies`), the address with its query string, the
language and the day, what the page shows of the visitor (the account, its name and e-mail address
in the header, and its menu) and the view's `pagina_delen()`. The visitor's CSRF token is left out
of what is kept and put back on every visit (`kern.fragmenten`). A visit with a message to show
(after a form), from htmx, or whose menu is due to be made again is answered as usual (and so
makes the menu again) and not kept.

The session keeps the menu under `MENU_SESSIESLEUTEL` as {"gebruiker": pk, "tot": the time.time()
at which it is made again, "menu": {...}}; hvhk.context_processors makes it, `geldig_menu` reads it.

Put the mixin after the mixins that decide who may see the page, so that it is reached only when
they let the visitor through: `class V(OpgroeienRequiredMixin, VersiePaginaMixin, TemplateView)`.
A page whose every visit is written down (the loket's pages of families' data) does that in
`bij_elk_bezoek` when the page comes from the cache; one that also changes with the clock says
until when it is right in `pagina_geldig_tot`.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Iterable

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language

from kern.fragmenten import PLAATSHOUDER, met_csrf
from kern.versies import BEWAARTIJD, vingerafdruk

#: Where the project keeps the logged-in menu of a session (hvhk.context_processors).
MENU_SESSIESLEUTEL = "navigatie"


class VersiePaginaMixin:
    #: The data versions (kern.versies) the whole page is computed from (or `paginascopes()`).
    pagina_scopes: Iterable[str] = ()
    #: How long a kept page may stay unused (BEWAARTIJD_PERSOONLIJK for personal data).
    pagina_bewaartijd = BEWAARTIJD
    #: Set by the view while it makes the page: when the page stops being right although the data
    #: did not change (days waited grow); None: not before the data changes.
    pagina_geldig_tot: datetime.datetime | None = None
    #: Set by the view while it makes the page: what `bij_elk_bezoek` needs on a kept page's visit.
    pagina_extra: object = None
    #: Set to False by the view while it makes a page not to keep.
    pagina_bewaren = True

    def paginascopes(self) -> Iterable[str] | None:
        """None: this page is not kept (e.g. it is about an object that does not exist)."""
        return self.pagina_scopes

    def pagina_delen(self) -> tuple:
        """What the page shows besides the data of `paginascopes()`, the address, the day and the
        visitor (read on every visit, e.g. the names of a team, which change outside those data)."""
        return ()

    def bij_elk_bezoek(self, request, extra) -> None:
        """What a visit does when its page comes from the cache, as the view does when it makes the
        page (an entry in the audit log); `extra` is the view's `pagina_extra` of then."""

    def dispatch(self, request, *args, **kwargs):
        menu = geldig_menu(request)
        scopes = self.paginascopes() if menu is not None and _bewaarbaar(request) else None
        if scopes is None:
            return super().dispatch(request, *args, **kwargs)
        sleutel = self._paginasleutel(request, scopes, menu)
        bewaard = cache.get(sleutel)
        if _geldig(bewaard):
            html, _tot, extra = bewaard
            self.bij_elk_bezoek(request, extra)
            return HttpResponse(met_csrf(request, html))
        antwoord = super().dispatch(request, *args, **kwargs)
        if not (
            self.pagina_bewaren and antwoord.status_code == 200 and isinstance(antwoord, TemplateResponse)
        ):
            return antwoord
        # rendered once with the placeholder where the CSRF token goes, kept, then with the token
        antwoord.context_data = {**(antwoord.context_data or {}), "csrf_token": PLAATSHOUDER}
        html = antwoord.rendered_content
        cache.set(sleutel, (html, self.pagina_geldig_tot, self.pagina_extra), timeout=self.pagina_bewaartijd)
        antwoord.content = met_csrf(request, html)
        return antwoord

    def _paginasleutel(self, request, scopes: Iterable[str], menu: dict) -> str:
        user = request.user
        return vingerafdruk(
            f"pagina:{type(self).__module__}.{type(self).__qualname__}",
            scopes,
            request.get_full_path(),
            get_language(),
            timezone.localdate().isoformat(),
            (user.pk, user.email, getattr(user, "naam", ""), user.is_staff, user.is_opgroeien),
            sorted(menu.items()),
            self.pagina_delen(),
        )


def geldig_menu(request) -> dict | None:
    """The menu the session keeps for this user, while it is not due to be made again."""
    user = getattr(request, "user", None)  # None: a request that passed no authentication
    if user is None or not user.is_authenticated:
        return None
    bewaard = request.session.get(MENU_SESSIESLEUTEL)
    if not bewaard or bewaard["gebruiker"] != user.pk or time.time() >= bewaard["tot"]:
        return None
    return bewaard["menu"]


def _geldig(bewaard) -> bool:
    """Whether a kept page (html, until when it is right, extra) can be shown now; anything else
    under the key (kept by an earlier release in another shape) is made again."""
    if not (isinstance(bewaard, tuple) and len(bewaard) == 3 and isinstance(bewaard[0], str)):
        return False
    return bewaard[1] is None or timezone.now() < bewaard[1]


def _bewaarbaar(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and "HX-Request" not in request.headers
        and len(get_messages(request)) == 0
    )
