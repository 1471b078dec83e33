"""Whole dashboard pages for staff, kept per data version: a visit whose figures did not change
costs one read of the versions and one of the cache, not a computation or a rendering.

`VersiePaginaMixin` keeps the HTML of a page that answers a GET with 200 under a key of: the
versions of the view's `pagina_scopes` (`kern.versies`), the address with its query string, the
language and the day, and what the page shows of the visitor (the account, its e-mail address in
the header, and its menu as the session keeps it under `MENU_SESSIESLEUTEL`). The visitor's CSRF
token is left out of what is kept and put back on every visit (`kern.fragmenten`). A visit with a
message to show (after a form) or from htmx is answered as usual and not kept.

Put the mixin after the mixins that decide who may see the page, so that it is reached only when
they let the visitor through: `class V(OpgroeienRequiredMixin, VersiePaginaMixin, TemplateView)`.
"""

from __future__ import annotations

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
    #: The data versions (kern.versies) the whole page is computed from.
    pagina_scopes: Iterable[str] = ()

    def dispatch(self, request, *args, **kwargs):
        menu = _menu(request)
        if menu is None or not _bewaarbaar(request):
            return super().dispatch(request, *args, **kwargs)
        sleutel = self._paginasleutel(request, menu)
        html = cache.get(sleutel)
        if html is not None:
            return HttpResponse(met_csrf(request, html))
        antwoord = super().dispatch(request, *args, **kwargs)
        if antwoord.status_code != 200 or not isinstance(antwoord, TemplateResponse):
            return antwoord
        # rendered once with the placeholder where the CSRF token goes, kept, then with the token
        antwoord.context_data = {**(antwoord.context_data or {}), "csrf_token": PLAATSHOUDER}
        html = antwoord.rendered_content
        cache.set(sleutel, html, timeout=BEWAARTIJD)
        antwoord.content = met_csrf(request, html)
        return antwoord

    def _paginasleutel(self, request, menu: dict) -> str:
        user = request.user
        return vingerafdruk(
            f"pagina:{type(self).__module__}.{type(self).__qualname__}",
            self.pagina_scopes,
            request.get_full_path(),
            get_language(),
            timezone.localdate().isoformat(),
            (user.pk, user.email, user.is_staff, user.is_opgroeien),
            sorted(menu.items()),
        )


def _menu(request) -> dict | None:
    """The menu the session keeps for this user, while it is not due to be made again."""
    if not request.user.is_authenticated:
        return None
    bewaard = request.session.get(MENU_SESSIESLEUTEL)
    if not bewaard or bewaard["gebruiker"] != request.user.pk or time.time() >= bewaard["tot"]:
        return None
    return bewaard["menu"]


def _bewaarbaar(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and "HX-Request" not in request.headers
        and len(get_messages(request)) == 0
    )
