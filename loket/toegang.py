"""Who gets into the loket's workspace pages (`mijn-huis/<huis_slug>/loket/...`)."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse

from kern.tenancy import HuisMixin, Rol


class LoketMixin(HuisMixin):
    """A page of the loket of the Huis in the URL: its loket staff only, everyone else gets a 404
    (Opgroeien staff see every Huis, but not the families' requests)."""

    rollen = [Rol.LOKET]
    alleen_leden = True

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not hasattr(self.huis, "loket"):
            return self.geen_loket(request)
        return super().dispatch(request, *args, **kwargs)

    def huis_queryset(self, zichtbaar):
        # the loket the Huis hosts comes with the Huis (None: it hosts none), in the same query
        return super().huis_queryset(zichtbaar).select_related("loket")

    def geen_loket(self, request):
        """The Huis hosts no loket (`loket.models.Loket`): say so plainly, write nothing (409 for
        anything but reading)."""
        werkruimte = reverse("huizen:werkruimte", kwargs={"huis_slug": self.huis.slug})
        context = {"huis": self.huis, "kruimelpad": [(self.huis.naam, werkruimte), ("Loket", "")]}
        status = 200 if request.method in ("GET", "HEAD") else 409
        return render(request, "loket/geen_loket_in_huis.html", context, status=status)

    def wachtrij_url(self) -> str:
        return reverse("loket:wachtrij", kwargs={"huis_slug": self.huis.slug})

    def kruimelpad(self, *stappen: tuple[str, str]) -> list[tuple[str, str]]:
        """The breadcrumbs (templates/_kruimelpad.html) from the Huis's workspace through
        `stappen`, (title, url) each; the last step is this page."""
        werkruimte = reverse("huizen:werkruimte", kwargs={"huis_slug": self.huis.slug})
        return [(self.huis.naam, werkruimte), *stappen]

    def wachtrijstap(self) -> tuple[str, str]:
        return ("Wachtrij", self.wachtrij_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            termijn_dagen=settings.LOKET_REDELIJKE_TERMIJN_DAGEN,
            dringend_termijn_dagen=settings.LOKET_DRINGEND_TERMIJN_DAGEN,
            wachtrij_url=self.wachtrij_url(),
            **kwargs,
        )
