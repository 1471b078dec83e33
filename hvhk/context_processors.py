from hvhk.tenancy import is_opgroeien


def navigatie(request):
    """Role-aware navigation: the user's Huizen, the Opgroeien overview, functional admin."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from huizen.models import Huis

    return {
        "nav_huizen": Huis.objects.zichtbaar_voor(user).filter(lidmaatschappen__gebruiker=user).distinct(),
        "nav_opgroeien": is_opgroeien(user),
        "nav_beheer": user.is_staff,
    }
