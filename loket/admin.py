"""Functional administration of the loket's reference data: organisers, locations, provider users,
referral partners and their members.

Requests hold personal data of families and children: they are not in the admin. The audit log is
shown read-only. What the admin writes is what the loket's figures and pages are computed from, so
every save and delete raises the data versions "loket" and "loket:<huis pk>" of the lokets it
touches (kern.beheer.VersieAdminMixin), as the loket's services do.
"""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from kern.beheer import VersieAdminMixin
from loket.models import (
    Aanbiederslidmaatschap,
    Inzage,
    Loket,
    Loketgebied,
    Loketinstelling,
    Opvanglocatie,
    Organisator,
    Toewijzingsronde,
    Verwijzer,
    Verwijzerslidmaatschap,
    VrijePlaats,
)
from loket.selectors.lokets import overlappende_gebieden


def loket_scopes(*huis_ids: int | None) -> list[str]:
    """The data versions of the loket as a whole and of the lokets of these Huizen."""
    return ["loket", *(f"loket:{huis_id}" for huis_id in huis_ids if huis_id is not None)]


class LoketVersieAdmin(VersieAdminMixin, admin.ModelAdmin):
    """Raises the loket's versions; `huis_ids(obj)` names the lokets an object belongs to. On a
    change the lokets it belonged to before the save are raised too (a location moved)."""

    def huis_ids(self, obj) -> set[int]:
        return set()

    def versiescopes(self, obj):
        return loket_scopes(*sorted(self.huis_ids(obj) | getattr(obj, "_lokets_voor", set())))

    def save_model(self, request, obj, form, change):
        if change:
            obj._lokets_voor = self.huis_ids(type(obj).objects.get(pk=obj.pk))
        super().save_model(request, obj, form, change)


class LoketgebiedFormSet(BaseInlineFormSet):
    """A gemeente belongs to at most one loket on any day, here as on Opgroeien's page: the rows
    of this loket may not overlap each other nor a row of another loket."""

    def clean(self):
        super().clean()
        rijen = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("gemeente")
        ]
        eigen = [form.instance.pk for form in self.forms if form.instance.pk]
        for i, rij in enumerate(rijen):
            van, tot, gemeente = rij.get("geldig_van"), rij.get("geldig_tot"), rij["gemeente"]
            for ander in rijen[i + 1 :]:
                if ander["gemeente"] == gemeente and _overlapt(
                    van, tot, ander.get("geldig_van"), ander.get("geldig_tot")
                ):
                    raise ValidationError(
                        f"{gemeente.naam} staat twee keer in het gebied voor dezelfde dagen."
                    )
            bezet = overlappende_gebieden(gemeente, van, tot).exclude(pk__in=eigen)
            if self.instance.pk:
                bezet = bezet.exclude(loket=self.instance)
            if (rij_elders := bezet.first()) is not None:
                raise ValidationError(
                    f"{gemeente.naam} hoort in die periode bij {rij_elders.loket.naam}. "
                    "Een gemeente hoort op elke dag bij hoogstens één loket: beëindig ze daar eerst."
                )


def _overlapt(van1, tot1, van2, tot2) -> bool:
    return (tot2 is None or van1 is None or van1 <= tot2) and (tot1 is None or van2 is None or van2 <= tot1)


class LoketgebiedInline(admin.TabularInline):
    model = Loketgebied
    formset = LoketgebiedFormSet
    extra = 0
    autocomplete_fields = ["gemeente"]


@admin.register(Loket)
class LoketAdmin(LoketVersieAdmin):
    """A loket, its area and the Huizen it works with. Opgroeien's page (`/opgroeien/lokets/`) is
    the usual place to change the area: it keeps every gemeente in at most one loket a day."""

    list_display = ["naam", "organisator", "huis", "email", "telefoon"]
    search_fields = ["naam", "organisator", "huis__naam", "gebied__gemeente__naam"]
    autocomplete_fields = ["huis"]
    filter_horizontal = ["huizen"]
    inlines = [LoketgebiedInline]

    def huis_ids(self, obj):
        return {obj.huis_id}

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.huizen.add(form.instance.huis_id)  # the host always works with its loket


@admin.register(Organisator)
class OrganisatorAdmin(LoketVersieAdmin):
    list_display = ["naam", "ondernemingsnummer", "email"]
    search_fields = ["naam", "ondernemingsnummer"]

    def huis_ids(self, obj):
        return set(Opvanglocatie.objects.filter(organisator=obj).values_list("huis_id", flat=True))


class VrijePlaatsInline(admin.TabularInline):
    model = VrijePlaats
    extra = 0
    exclude = ["bijgewerkt_door"]


@admin.register(Opvanglocatie)
class OpvanglocatieAdmin(LoketVersieAdmin):
    list_display = ["naam", "organisator", "gemeente", "soort", "tarief", "huis", "actief"]
    list_filter = ["soort", "tarief", "actief", "inclusieve_opvang"]
    search_fields = ["naam", "organisator__naam", "gemeente__naam", "postcode"]
    autocomplete_fields = ["organisator", "gemeente", "huis"]
    inlines = [VrijePlaatsInline]

    def huis_ids(self, obj):
        return {obj.huis_id}


@admin.register(Aanbiederslidmaatschap)
class AanbiederslidmaatschapAdmin(LoketVersieAdmin):
    list_display = ["gebruiker", "organisator", "locatie"]
    search_fields = ["gebruiker__email", "organisator__naam", "locatie__naam"]
    autocomplete_fields = ["gebruiker", "organisator", "locatie"]

    def huis_ids(self, obj):
        locaties = Opvanglocatie.objects.filter(organisator_id=obj.organisator_id)
        if obj.locatie_id is not None:
            locaties = Opvanglocatie.objects.filter(pk=obj.locatie_id)
        return set(locaties.values_list("huis_id", flat=True))


@admin.register(Inzage)
class InzageAdmin(admin.ModelAdmin):
    list_display = ["tijd", "gebruiker", "actie", "opvangvraag_id", "omschrijving"]
    list_filter = ["actie"]
    search_fields = ["gebruiker__email"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AlleenLezen:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Toewijzingsronde)
class ToewijzingsrondeAdmin(AlleenLezen, admin.ModelAdmin):
    """Rounds, read-only and without the stored input (it holds the families' priority data)."""

    list_display = [
        "pk",
        "huis",
        "startmaand",
        "status",
        "aantal_aanvragen",
        "aantal_met_plaats",
        "aangemaakt",
    ]
    list_filter = ["status"]
    fields = [
        "huis",
        "startmaand",
        "status",
        "volgorde",
        "seed",
        "regelsets",
        "stabiel",
        "aantal_aanvragen",
        "aantal_met_plaats",
        "aantal_plaatsgroepen",
        "aantal_aanbiedingen",
        "aantal_overgeslagen",
        "aangemaakt",
        "uitgevoerd",
        "verworpen",
    ]
    readonly_fields = fields


@admin.register(Loketinstelling)
class LoketinstellingAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ["huis", "volgorde", "gewijzigd"]
    fields = ["huis", "volgorde", "gewijzigd"]
    readonly_fields = fields


class VerwijzerslidmaatschapInline(admin.TabularInline):
    model = Verwijzerslidmaatschap
    extra = 0
    autocomplete_fields = ["gebruiker"]


@admin.register(Verwijzer)
class VerwijzerAdmin(admin.ModelAdmin):
    """Referral partners (invited by a loket or Opgroeien on their pages) and their members."""

    list_display = ["naam", "soort", "email", "huis", "aangemaakt"]
    list_filter = ["soort"]
    search_fields = ["naam", "email", "leden__gebruiker__email"]
    autocomplete_fields = ["huis"]
    exclude = ["aangemaakt_door"]
    inlines = [VerwijzerslidmaatschapInline]
