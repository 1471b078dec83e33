"""The API routes of the huizen app: open data on gemeenten, Huizen and locations, and the
subsidies of the Huizen a user may see. Included by the shell under /api/v1/."""

from rest_framework.routers import DefaultRouter

from huizen.api import GemeenteViewSet, HuisViewSet, LocatieViewSet, SubsidieViewSet

router = DefaultRouter()
router.register("gemeenten", GemeenteViewSet, basename="gemeente")
router.register("huizen", HuisViewSet, basename="huis")
router.register("locaties", LocatieViewSet, basename="locatie")
router.register("subsidies", SubsidieViewSet, basename="subsidie")

urlpatterns = router.urls
