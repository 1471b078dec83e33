"""Functional administration of the loket's reference data: organisers, locations, provider users.

Requests hold personal data of families and children: they are not in the admin. The audit log is
shown read-only.
"""

from django.contrib import admin

from loket.models import (
    Aanbiederslidmaatschap,
    Inzage,
    Loketinstelling,
    Opvanglocatie,
    Organisator,
    Toewijzingsronde,
    VrijePlaats,
)


@admin.register(Organisator)
class OrganisatorAdmin(admin.ModelAdmin):
    list_display = ["naam", "ondernemingsnummer", "email"]
    search_fields = ["naam", "ondernemingsnummer"]


class VrijePlaatsInline(admin.TabularInline):
    model = VrijePlaats
    extra = 0
    exclude = ["bijgewerkt_door"]


@admin.register(Opvanglocatie)
class OpvanglocatieAdmin(admin.ModelAdmin):
    list_display = ["naam", "organisator", "gemeente", "soort", "tarief", "huis", "actief"]
    list_filter = ["soort", "tarief", "actief", "inclusieve_opvang"]
    search_fields = ["naam", "organisator__naam", "gemeente__naam", "postcode"]
    autocomplete_fields = ["organisator", "gemeente", "huis"]
    inlines = [VrijePlaatsInline]


@admin.register(Aanbiederslidmaatschap)
class AanbiederslidmaatschapAdmin(admin.ModelAdmin):
    list_display = ["gebruiker", "organisator", "locatie"]
    search_fields = ["gebruiker__email", "organisator__naam", "locatie__naam"]
    autocomplete_fields = ["gebruiker", "organisator", "locatie"]


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
