"""The public page of a Huis: its profile (huizen), its offer with a filter (levensdomeinen) and
whether its Lokaal Loket Kinderopvang takes requests online (loket), composed from the apps'
selectors. Served from the cache per data version (kern.http): the Huis's own ("huis:<pk>", its
profile and offer), its loket's ("loket:<pk>") and the reference data (gemeenten, life domains)."""

from __future__ import annotations

import django_filters
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from huizen import selectors as huizen_selectors
from huizen.models import Huis
from kern.http import PubliekeCacheMixin
from levensdomeinen.models import Aanbod, Doelgroep, Levensdomein
from levensdomeinen.selectors import publiek_aanbod
from loket.selectors import actieve_opvanglocaties
from loket.selectors.lokets import loket_voor_huis


class AanbodFilter(django_filters.FilterSet):
    """Filter a Huis's public offer by target group and life domain (a GET form, no script)."""

    doelgroep = django_filters.ModelChoiceFilter(
        label=_("Voor wie"),
        field_name="doelgroepen",
        queryset=Doelgroep.objects.all(),
        to_field_name="code",
        empty_label=_("Alle doelgroepen"),
    )
    levensdomein = django_filters.ModelChoiceFilter(
        label=_("Levensdomein"),
        field_name="levensdomeinen",
        queryset=Levensdomein.objects.all(),
        to_field_name="code",
        empty_label=_("Alle levensdomeinen"),
    )

    class Meta:
        model = Aanbod
        fields: list[str] = []

    @classmethod
    def publiek(cls, huis: Huis, data=None) -> AanbodFilter:
        """The filter over what the public sees of the Huis's offer: everything but one-off
        activities that are over, with what the page shows prefetched."""
        return cls(data or None, queryset=publiek_aanbod(huis))

    @property
    def actief(self) -> bool:
        return self.is_bound and any(self.form.cleaned_data.get(naam) for naam in self.filters)


class HuisView(PubliekeCacheMixin, TemplateView):
    """The public page of a Huis (`/huizen/<slug>/`, named huizen:detail)."""

    template_name = "huis.html"

    def cache_scopes(self):
        pk = huizen_selectors.huis_pk(self.kwargs["slug"])
        return None if pk is None else [f"huis:{pk}", f"loket:{pk}", "referentie"]

    def get_context_data(self, **kwargs):
        huis = huizen_selectors.publiek_huis(self.kwargs["slug"])
        if huis is None:
            raise Http404
        # the offer, filtered by target group and life domain (a GET form; prefetched)
        aanbodfilter = AanbodFilter.publiek(huis, self.request.GET)
        aanbod = list(aanbodfilter.qs)
        loket = loket_voor_huis(huis)
        return super().get_context_data(
            huis=huis,
            kruimelpad=[(_("Huizen van het Kind"), reverse("huizen:lijst")), (huis.naam, "")],
            aanbodfilter=aanbodfilter,
            aanbod=aanbod,
            aanbod_gefilterd=aanbodfilter.actief,
            heeft_aanbod=bool(aanbod) or aanbodfilter.queryset.exists(),
            # the Lokaal Loket Kinderopvang of the Huis's gemeenten (hosted here or by another Huis)
            # takes requests online when it has active locations
            loket=loket,
            kinderopvang_aanvragen=loket is not None and actieve_opvanglocaties(loket.huis).exists(),
            # the Huis's own e-mail, phone and website only where no contact point repeats them
            contactwaarden={punt.waarde for punt in huis.contactpunten.all()},
            **kwargs,
        )
