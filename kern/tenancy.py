"""The tenancy layer: the one place that decides who sees which Huis's private data.

A user sees a Huis's private data through a membership of that Huis (as coordinator or loket
staff) or as Opgroeien staff. Tenant-owned models use `TenantQuerySet` (or a subclass) and name
the path to their Huis in `huis_pad`; views start from `HuisMixin` / `TenantQuerysetMixin` and
API viewsets from `TenantViewSet`. Nothing private is read through `Model.objects.all()`.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from rest_framework import permissions, viewsets


class Rol(models.TextChoices):
    COORDINATOR = "coordinator", _("coördinator")
    LOKET = "loket", _("medewerker Lokaal Loket Kinderopvang")


def is_opgroeien(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_opgroeien)


def huis_ids_van(user, rollen: Iterable[str] | None = None) -> models.QuerySet:
    """The ids of the Huizen the user is a member of (optionally only in some roles)."""
    lidmaatschappen = apps.get_model("huizen", "Lidmaatschap").objects.filter(gebruiker=user)
    if rollen is not None:
        lidmaatschappen = lidmaatschappen.filter(rol__in=list(rollen))
    return lidmaatschappen.values("huis_id")


def is_lid(user, huis, rollen: Iterable[str] | None = None) -> bool:
    """Whether the user is a member of the Huis (in one of `rollen`, if given).

    Opgroeien staff see every Huis but are members of none unless given a membership: pages that
    change a Huis's own data ask for membership, not visibility.
    """
    if not (user.is_authenticated and user.is_active):
        return False
    return huis_ids_van(user, rollen).filter(huis_id=huis.pk).exists()


class TenantQuerySet(models.QuerySet):
    """A queryset over rows owned by a Huis.

    `huis_pad` is the lookup from the model to its Huis ("huis", "locatie__huis"); empty for the
    Huis model itself.
    """

    huis_pad = "huis"

    def _huis_lookup(self, suffix: str) -> str:
        return f"{self.huis_pad}__{suffix}" if self.huis_pad else suffix

    def voor_huis(self, huis) -> TenantQuerySet:
        return self.filter(**{self._huis_lookup("pk"): huis.pk})

    def zichtbaar_voor(self, user, rollen: Iterable[str] | None = None) -> TenantQuerySet:
        """Rows whose Huis the user may see: members (in `rollen`, if given) and Opgroeien staff."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        if user.is_opgroeien:
            return self.all()
        return self.filter(**{self._huis_lookup("pk__in"): huis_ids_van(user, rollen)})


class HuisMixin(LoginRequiredMixin):
    """A view about one Huis, named by `huis_slug` in the URL, open to its members and Opgroeien.

    Set `rollen` to limit it to some roles, `alleen_leden` to close it to Opgroeien staff who are
    not members. An outsider gets a 404, so a private page does not even confirm what it holds.
    """

    rollen: Iterable[str] | None = None
    #: Only the Huis's members (in `rollen`) find it here: Opgroeien staff too, only as members.
    alleen_leden = False

    def huis_queryset(self, zichtbaar: models.QuerySet) -> models.QuerySet:
        """The Huizen the user may see here, to find this one in: a subclass may annotate what
        it needs to know of the Huis, so that it comes with the same query."""
        return zichtbaar

    @cached_property
    def huis(self):
        huizen = apps.get_model("huizen", "Huis").objects
        user = self.request.user
        if not self.alleen_leden:
            zichtbaar = huizen.zichtbaar_voor(user, self.rollen)
        elif user.is_active:
            zichtbaar = huizen.filter(pk__in=huis_ids_van(user, self.rollen))
        else:
            zichtbaar = huizen.none()
        return get_object_or_404(self.huis_queryset(zichtbaar), slug=self.kwargs["huis_slug"])

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.huis  # noqa: B018  (raises 404 for outsiders before any handler runs)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(huis=self.huis, **kwargs)


class TenantQuerysetMixin(HuisMixin):
    """List and detail views over a tenant-owned model of the Huis in the URL."""

    model: type[models.Model]

    def get_queryset(self):
        return self.model.objects.zichtbaar_voor(self.request.user, self.rollen).voor_huis(self.huis)


class OpgroeienRequiredMixin(LoginRequiredMixin):
    """A view over all Huizen, for Opgroeien staff only."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_opgroeien(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class TenantViewSet(viewsets.ReadOnlyModelViewSet):
    """API base for tenant-owned data: authenticated, and only what the user may see."""

    permission_classes = [permissions.IsAuthenticated]
    rollen: Iterable[str] | None = None

    def get_queryset(self):
        return self.queryset_model().objects.zichtbaar_voor(self.request.user, self.rollen)

    def queryset_model(self) -> type[models.Model]:
        return self.get_serializer_class().Meta.model


class PubliekViewSet(viewsets.ReadOnlyModelViewSet):
    """API base for open data: readable by anyone, never writable."""

    permission_classes = [permissions.AllowAny]
