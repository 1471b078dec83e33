from django.core.cache import cache

from kern.tenancy import is_opgroeien

#: How long the menu of a session is reused: a membership given or taken away shows in the menu
#: within this time (every page checks access itself, whatever the menu shows).
MENU_SECONDEN = 60


def navigatie(request):
    """Role-aware navigation: the user's Huizen, a provider's childcare, the Opgroeien overview,
    functional admin. The parts that need the database are kept per session for a minute."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    sleutel = f"navigatie:{user.pk}:{request.session.session_key}"
    menu = cache.get(sleutel)
    if menu is None:
        menu = _menu(user)
        cache.set(sleutel, menu, MENU_SECONDEN)
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
