from kern.tenancy import is_opgroeien


def navigatie(request):
    """Role-aware navigation: the user's Huizen, a provider's childcare, the Opgroeien overview,
    functional admin."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from huizen.models import Huis
    from loket.models import is_aanbieder

    return {
        "nav_huizen": Huis.objects.zichtbaar_voor(user).filter(lidmaatschappen__gebruiker=user).distinct(),
        "nav_opgroeien": is_opgroeien(user),
        "nav_beheer": user.is_staff,
        "nav_aanbieder": is_aanbieder(user),
    }
