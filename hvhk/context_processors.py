import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from kern.paginacache import MENU_SESSIESLEUTEL, geldig_menu
from kern.tenancy import Rol, is_opgroeien

#: How long the menu of a session is reused: a membership given or taken away shows in the menu
#: within this time (every page checks access itself, whatever the menu shows). The same as
#: kern.beveiliging.ACTIVITEIT_BIJWERKEN_NA, so the session is written for both at once.
MENU_SECONDEN = 60


def navigatie(request):
    """Role-aware navigation: the user's Huizen (with whether the user works for the Huis's loket,
    which the provider's page reads too), a provider's childcare, the Opgroeien overview,
    functional admin. The parts that need the database are kept in the session (which every
    request reads anyway) for a minute, with the user they belong to; the login makes them, so the
    first page writes no session."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    menu = geldig_menu(request)
    if menu is None:
        bewaard = request.session[MENU_SESSIESLEUTEL] = _bewaar(user)
        menu = bewaard["menu"]
    return {**menu, "nav_opgroeien": is_opgroeien(user), "nav_beheer": user.is_staff}


@receiver(user_logged_in)
def _menu_bij_aanmelden(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[MENU_SESSIESLEUTEL] = _bewaar(user)


def _bewaar(user) -> dict:
    return {"gebruiker": user.pk, "tot": time.time() + MENU_SECONDEN, "menu": _menu(user)}


def _menu(user) -> dict:
    from django.db.models import Exists, OuterRef

    from huizen.models import Huis, Lidmaatschap
    from kern.models import User
    from loket.models import Aanbiederslidmaatschap, Verwijzerslidmaatschap

    loket = Lidmaatschap.objects.filter(huis=OuterRef("pk"), gebruiker=user, rol=Rol.LOKET)
    huizen = (
        Huis.objects.zichtbaar_voor(user)
        .filter(lidmaatschappen__gebruiker=user)
        .distinct()
        .annotate(loketmedewerker=Exists(loket))
    )
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
        "nav_huizen": [
            {"pk": pk, "slug": slug, "naam": naam, "loket": loket}
            for pk, slug, naam, loket in huizen.values_list("pk", "slug", "naam", "loketmedewerker")
        ],
        "nav_aanbieder": rollen["aanbieder"],
        "nav_verwijzer": rollen["verwijzer"],
    }
