from dataclasses import dataclass

from kern.tenancy import is_opgroeien


@dataclass(frozen=True)
class NavHuis:
    slug: str
    naam: str


def navigatie(request):
    """Role-aware navigation: the user's Huizen, a provider's childcare, the Opgroeien overview,
    functional admin.

    One query for the user's Huizen and whether they are a childcare provider (as
    loket.models.is_aanbieder): a row per membership, or one row without a Huis.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from django.db.models import Exists, OuterRef

    from kern.models import User
    from loket.models import Aanbiederslidmaatschap

    rijen = list(
        User.objects.filter(pk=user.pk, is_active=True)
        .annotate(aanbieder=Exists(Aanbiederslidmaatschap.objects.filter(gebruiker=OuterRef("pk"))))
        .values_list("aanbieder", "lidmaatschappen__huis__slug", "lidmaatschappen__huis__naam")
    )
    huizen = {slug: NavHuis(slug, naam) for _aanbieder, slug, naam in rijen if slug}
    return {
        "nav_huizen": sorted(huizen.values(), key=lambda huis: (huis.naam, huis.slug)),
        "nav_opgroeien": is_opgroeien(user),
        "nav_beheer": user.is_staff,
        "nav_aanbieder": any(aanbieder for aanbieder, _slug, _naam in rijen),
    }
