"""Functional administration of the loket's reference data: organisers, locations, provider users.

Requests hold personal data of families and children: they are not in the admin. The audit log is
shown read-only. What the admin writes is what the loket's figures and pages are computed from, so
every save and delete raises the data versions "loket" and "loket:<huis pk>" of the lokets it
touches (kern.beheer.VersieAdminMixin), as the loket's services do.
"""

from django.contrib import admin

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
    VrijePlaats,
)


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


class LoketgebiedInline(admin.TabularInline):
    model = Loketgebied
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
