import time

from kern.tenancy import is_opgroeien

#: How long the menu of a session is reused: a membership given or taken away shows in the menu
#: within this time (every page checks access itself, whatever the menu shows).
MENU_SECONDEN = 60
#: The menus are kept in the process (no round trip to the cache on every page); at most this
#: many sessions' menus, all dropped when there are more.
MENU_MAXIMUM = 2000
_menus: dict[tuple[int, str | None], tuple[float, dict]] = {}


def navigatie(request):
    """Role-aware navigation: the user's Huizen, a provider's childcare, the Opgroeien overview,
    functional admin. The parts that need the database are kept per session for a minute."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    sleutel = (user.pk, request.session.session_key)
    nu = time.monotonic()
    bewaard = _menus.get(sleutel)
    if bewaard is not None and bewaard[0] > nu:
        menu = bewaard[1]
    else:
        menu = _menu(user)
        if len(_menus) >= MENU_MAXIMUM:
            _menus.clear()
        _menus[sleutel] = (nu + MENU_SECONDEN, menu)
    return {**menu, "nav_opgroeien": is_opgroeien(user), "nav_beheer": user.is_staff}


def _menu(user) -> dict:
    from django.db.models import Exists, OuterRef

    from huizen.models import Huis
    from kern.models import User
    from loket.models import Aanbiederslidmaatschap, Verwijzerslidmaatschap

    huizen = Huis.objects.zichtbaar_voor(user).filter(lidmaatschappen__gebruiker=user).distinct()
    # Provider and referral partner in one query (`is_aanbieder`, `is_verwijzer`).
    rollen = (
        User.objects.filter(pk=user.pk, is_active=True)
        .annotate(
            aanbieder=Exists(Aanbiederslidmaatschap.objects.filter(gebruiker=OuterRef("pk"))),
            verwijzer=Exists(Verwijzerslidmaatschap.objects.filter(gebruiker=OuterRef("pk"))),
        )
        .values("aanbieder", "verwijzer")
        .first()
    ) or {"aanbieder": False, "verwijzer": False}
    return {
        "nav_huizen": [{"slug": slug, "naam": naam} for slug, naam in huizen.values_list("slug", "naam")],
        "nav_aanbieder": rollen["aanbieder"],
        "nav_verwijzer": rollen["verwijzer"],
    }
